//! `dateline bench`: how fast full extraction is on one core.
//!
//! Why a command and not only criterion benches: the speed target (≥ 20 MB/s
//! on one core for the whole pipeline) is about real inputs, and the peer
//! comparison (`scripts/bench-vs-peer.sh`) needs the same input timed in the
//! same run. Reading is timed apart; each repetition analyses every
//! document and serialises its record (to memory), on the calling thread
//! (`--jobs 1` semantics). Times are the thread's CPU time, so a machine
//! busy with other work does not count against us (wall time is shown too).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::Args;
use dateline_doc::Doc;
use dateline_pipeline::{cpu_time, Pipeline};
use dateline_read::{read_input, Format};
use dateline_record::Record;
use serde_json::json;

use crate::extract::inputs_of;
use crate::pipeline::{pipeline_with, PipelineOptions};

#[derive(Args)]
pub struct BenchArgs {
    /// Input files (wire, plain text or JSON Lines).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Timed repetitions over all the documents.
    #[arg(short = 'n', long, default_value_t = 3)]
    pub repeat: usize,
    /// Input format: auto, wire, text or jsonl.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// Print one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Also time each component and the record (its JSON line written from the document).
    #[arg(long)]
    pub profile: bool,
    /// Annotation conventions (e.g. --quote-spans).
    #[command(flatten)]
    pub pipeline: PipelineOptions,
}

/// Peak resident memory of this process (VmHWM), in bytes, where /proc has it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Where one repetition's time went: each component, and the record's JSON
/// line written from the document (`Record::write_doc_json`, as `extract`
/// writes it; it used to be two steps, building the `Record`, then its JSON).
struct Profile {
    names: Vec<&'static str>,
    spent: Vec<Duration>,
}

impl Profile {
    fn new(pipeline: &Pipeline) -> Profile {
        let mut names = pipeline.names();
        names.push("record");
        let spent = vec![Duration::ZERO; names.len()];
        Profile { names, spent }
    }
}

/// One timed pass over every document; returns (wall, CPU) time and the
/// number of records. With `profile`, each step's CPU time is added to it.
fn one_pass(pipeline: &Pipeline, docs: Vec<Doc>, out: &mut Vec<u8>, mut profile: Option<&mut Profile>) -> Result<(Duration, Duration, usize)> {
    let mut records = 0;
    let wall = Instant::now();
    let cpu = cpu_time();
    for mut doc in docs {
        match profile.as_deref_mut() {
            None => {
                pipeline.run(&mut doc);
                out.clear();
                records += Record::write_doc_json(&doc, out).0;
            }
            Some(p) => {
                let n = pipeline.len();
                pipeline.run_profiled(&mut doc, &mut p.spent[..n]);
                let t0 = cpu_time();
                out.clear();
                records += Record::write_doc_json(&doc, out).0;
                p.spent[n] += cpu_time().saturating_sub(t0);
            }
        }
    }
    Ok((wall.elapsed(), cpu_time().saturating_sub(cpu), records))
}

pub fn run(args: BenchArgs) -> Result<i32> {
    let inputs = inputs_of(&args.inputs);
    let started = Instant::now();
    let read_cpu_start = cpu_time();
    let mut docs: Vec<Doc> = Vec::new();
    let mut errors = 0usize;
    for input in &inputs {
        for item in read_input(input, args.format) {
            match item {
                Ok(d) => docs.push(d),
                Err(e) => {
                    errors += 1;
                    eprintln!("dateline: error: {e}");
                }
            }
        }
    }
    let read_time = started.elapsed();
    let read_cpu = cpu_time().saturating_sub(read_cpu_start);
    if docs.is_empty() {
        bail!("no documents read ({errors} errors)");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pipeline = pipeline_with(&args.pipeline);
    let reps = args.repeat.max(1);
    let mut walls = Vec::with_capacity(reps);
    let mut cpus = Vec::with_capacity(reps);
    let mut records = 0usize;
    let mut out = Vec::with_capacity(1 << 20);
    // one untimed pass builds the lazily loaded lexicons and models
    one_pass(&pipeline, docs.iter().take(1).cloned().collect(), &mut out, None)?;
    let mut profile = args.profile.then(|| Profile::new(&pipeline));
    for _ in 0..reps {
        let batch = docs.clone();
        let (wall, cpu, n) = one_pass(&pipeline, batch, &mut out, profile.as_mut())?;
        walls.push(wall);
        cpus.push(cpu);
        records = n;
    }
    let med = median(cpus.clone());
    let best = *cpus.iter().min().expect("at least one repetition");
    let med_wall = median(walls.clone());
    let mb = bytes as f64 / 1e6;
    let n = docs.len() as f64;
    let rss = peak_rss_bytes();
    let per_s = |d: Duration| mb / d.as_secs_f64().max(1e-9);
    let components: Vec<(&'static str, Duration)> = match &profile {
        Some(p) => p.names.iter().copied().zip(p.spent.iter().map(|d| *d / reps as u32)).collect(),
        None => Vec::new(),
    };
    let profiled_total: Duration = components.iter().map(|(_, d)| *d).sum();
    if args.json {
        let v = json!({
            "documents": docs.len(), "bytes": bytes, "records": records, "read_errors": errors,
            "read_seconds": read_time.as_secs_f64(), "read_cpu_seconds": read_cpu.as_secs_f64(),
            "clock": "thread CPU time",
            "seconds": cpus.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "wall_seconds": walls.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "best_seconds": best.as_secs_f64(), "median_seconds": med.as_secs_f64(),
            "median_wall_seconds": med_wall.as_secs_f64(),
            "mb_per_s": per_s(med), "best_mb_per_s": per_s(best),
            "documents_per_s": n / med.as_secs_f64().max(1e-9),
            "peak_rss_bytes": rss,
            "components": components.iter().map(|(name, d)| json!({
                "name": name, "seconds": d.as_secs_f64(), "mb_per_s": per_s(*d),
                "share": d.as_secs_f64() / profiled_total.as_secs_f64().max(1e-9),
            })).collect::<Vec<_>>(),
        });
        println!("{v}");
    } else {
        println!(
            "input      {} documents, {:.2} MB, read in {:.3} s CPU ({:.2} MB/s; {:.3} s wall; {} read errors)",
            docs.len(),
            mb,
            read_cpu.as_secs_f64(),
            per_s(read_cpu),
            read_time.as_secs_f64(),
            errors
        );
        println!(
            "extraction {} repetitions on one thread, {} records each; times are thread CPU time{}",
            cpus.len(),
            records,
            args.pipeline.describe_changes()
        );
        println!(
            "median     {:.4} s  {:.2} MB/s  {:.0} documents/s  (wall {:.4} s)",
            med.as_secs_f64(),
            per_s(med),
            n / med.as_secs_f64().max(1e-9),
            med_wall.as_secs_f64()
        );
        println!("best       {:.4} s  {:.2} MB/s", best.as_secs_f64(), per_s(best));
        if !components.is_empty() {
            println!("profile    (mean per repetition; component times include the timer's own cost)");
            for (name, d) in &components {
                println!(
                    "  {name:<10} {:>8.4} s  {:>5.1}%  {:>8.1} MB/s",
                    d.as_secs_f64(),
                    100.0 * d.as_secs_f64() / profiled_total.as_secs_f64().max(1e-9),
                    per_s(*d)
                );
            }
        }
        match rss {
            Some(b) => println!("peak RSS   {:.1} MB (VmHWM, includes the inputs held in memory)", b as f64 / 1e6),
            None => println!("peak RSS   unknown (no /proc/self/status)"),
        }
    }
    Ok(if errors > 0 { 1 } else { 0 })
}
