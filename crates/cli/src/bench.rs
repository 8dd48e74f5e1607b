//! `dateline bench`: how fast full extraction is on one core.
//!
//! Why a command and not only criterion benches: the speed target (≥ 20 MB/s
//! on one core for the whole pipeline) is about real inputs, and the peer
//! comparison (`scripts/bench-vs-peer.sh`) needs the same input timed in the
//! same run. Reading is timed apart; each repetition analyses every
//! document and serialises its record (to memory), on the calling thread
//! (`--jobs 1` semantics).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::Args;
use dateline_doc::Doc;
use dateline_read::{read_input, Format};
use dateline_record::Record;
use serde_json::json;

use crate::extract::inputs_of;
use crate::pipeline::standard_pipeline;

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

pub fn run(args: BenchArgs) -> Result<i32> {
    let inputs = inputs_of(&args.inputs);
    let started = Instant::now();
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
    if docs.is_empty() {
        bail!("no documents read ({errors} errors)");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pipeline = standard_pipeline();
    let mut times = Vec::with_capacity(args.repeat.max(1));
    let mut records = 0usize;
    let mut out = Vec::with_capacity(1 << 20);
    for _ in 0..args.repeat.max(1) {
        let batch = docs.clone();
        records = 0;
        let t = Instant::now();
        for mut doc in batch {
            pipeline.run(&mut doc);
            let rec = Record::from_doc(&doc);
            records += rec.entities.len() + rec.quotes.len() + rec.events.len() + rec.stances.len() + rec.facts.len();
            out.clear();
            serde_json::to_writer(&mut out, &rec)?;
        }
        times.push(t.elapsed());
    }
    let best = *times.iter().min().expect("at least one repetition");
    let med = median(times.clone());
    let mb = bytes as f64 / 1e6;
    let n = docs.len() as f64;
    let rss = peak_rss_bytes();
    if args.json {
        let v = json!({
            "documents": docs.len(), "bytes": bytes, "records": records, "read_errors": errors,
            "read_seconds": read_time.as_secs_f64(),
            "seconds": times.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "best_seconds": best.as_secs_f64(), "median_seconds": med.as_secs_f64(),
            "mb_per_s": mb / med.as_secs_f64().max(1e-9), "best_mb_per_s": mb / best.as_secs_f64().max(1e-9),
            "documents_per_s": n / med.as_secs_f64().max(1e-9),
            "peak_rss_bytes": rss,
        });
        println!("{v}");
    } else {
        println!("input      {} documents, {:.2} MB, read in {:.3} s ({} read errors)", docs.len(), mb, read_time.as_secs_f64(), errors);
        println!("extraction {} repetitions on one thread, {} records each", times.len(), records);
        println!(
            "median     {:.4} s  {:.2} MB/s  {:.0} documents/s",
            med.as_secs_f64(),
            mb / med.as_secs_f64().max(1e-9),
            n / med.as_secs_f64().max(1e-9)
        );
        println!("best       {:.4} s  {:.2} MB/s", best.as_secs_f64(), mb / best.as_secs_f64().max(1e-9));
        match rss {
            Some(b) => println!("peak RSS   {:.1} MB (VmHWM, includes the inputs held in memory)", b as f64 / 1e6),
            None => println!("peak RSS   unknown (no /proc/self/status)"),
        }
    }
    Ok(if errors > 0 { 1 } else { 0 })
}
