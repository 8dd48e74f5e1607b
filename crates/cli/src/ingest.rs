//! `dateline ingest`: extract records from the inputs and store them, with
//! their texts, in a SQLite store (see the `dateline-store` crate).
//!
//! Documents are committed in batches, one transaction each: a run that is
//! stopped keeps whole batches only, and running it again stores only what
//! is missing (documents are keyed by a hash of their text).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use dateline_read::Format;
use dateline_record::Record;
use dateline_store::{IngestStats, IngestTimings, Store};

use crate::extract::{for_each_record, inputs_of, progress_bar, thread_pool};
use crate::pipeline::{pipeline_with, PipelineOptions};

#[derive(Args)]
pub struct IngestArgs {
    /// Input files (wire, plain text or JSON Lines); `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// The store: a SQLite file (created when missing) or a
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE URL (an existing database).
    #[arg(long)]
    pub db: PathBuf,
    /// Documents per transaction (fewer, larger commits write each index
    /// page to the WAL fewer times).
    #[arg(long, default_value_t = 2000)]
    pub batch: usize,
    /// Documents analysed in parallel.
    #[arg(short, long, default_value_t = 1)]
    pub jobs: usize,
    /// Input format: auto, wire, text or jsonl.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also print where the CPU time went: extraction vs each part of storing.
    #[arg(long)]
    pub profile: bool,
    /// Annotation conventions (e.g. --quote-spans).
    #[command(flatten)]
    pub pipeline: PipelineOptions,
}

/// CPU time of the whole process (every thread), user + system.
fn process_cpu_time() -> Duration {
    // SAFETY: an all-zero rusage is a valid value, and getrusage only
    // writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The `--profile` lines: CPU seconds of extraction and of each part of
/// storing, and milliseconds of storing per MB of text.
fn profile_lines(total: Duration, storing: Duration, parts: &IngestTimings, megabytes: f64) -> String {
    let secs = |d: Duration| d.as_secs_f64();
    let per_mb = |d: Duration| secs(d) * 1e3 / megabytes.max(1e-9);
    let extracting = total.saturating_sub(storing);
    let other = storing.saturating_sub(parts.total());
    format!(
        "dateline: CPU {:.2} s for {megabytes:.2} MB ({:.2} MB/s): reading and extraction {:.2} s ({:.2} MB/s), storing {:.2} s ({:.0} ms/MB)\n\
         dateline: storing, ms per MB of text: hashing {:.1}, record JSON {:.1}, documents rows {:.1}, full-text index {:.1}, record rows {:.1}, commit {:.1}, other {:.1}",
        secs(total),
        megabytes / secs(total).max(1e-9),
        secs(extracting),
        megabytes / secs(extracting).max(1e-9),
        secs(storing),
        per_mb(storing),
        per_mb(parts.hashing),
        per_mb(parts.json),
        per_mb(parts.documents),
        per_mb(parts.search_index),
        per_mb(parts.rows),
        per_mb(parts.commit),
        per_mb(other),
    )
}

pub fn run(args: IngestArgs) -> Result<i32> {
    let mut store = Store::open(&args.db).with_context(|| format!("cannot open store {}", dateline_store::display_location(&args.db)))?;
    // A first load into an empty file writes without the WAL (see
    // `Store::begin_bulk_load` for what a crash then means).
    store.begin_bulk_load().context("cannot prepare the store for a first load")?;
    let pipeline = pipeline_with(&args.pipeline);
    let inputs = inputs_of(&args.inputs);
    let progress = progress_bar(args.quiet);
    let started = Instant::now();
    let cpu_started = process_cpu_time();
    let mut timings = IngestTimings::default();
    let mut storing = Duration::ZERO;
    let profile = args.profile;
    let pool = thread_pool(args.jobs)?;
    let batch_size = args.batch.max(1);
    let mut pending: Vec<(String, Record)> = Vec::with_capacity(batch_size);
    let mut totals = IngestStats::default();
    let mut flush = |pending: &mut Vec<(String, Record)>, store: &mut Store| -> Result<()> {
        let before = dateline_pipeline::cpu_time();
        let stats = store
            .ingest_batch_timed(pending.iter().map(|(t, r)| (t.as_str(), r)), profile.then_some(&mut timings))
            .context("cannot store a batch")?;
        storing += dateline_pipeline::cpu_time().saturating_sub(before);
        totals.add(stats);
        pending.clear();
        Ok(())
    };
    let summary = pool.install(|| {
        for_each_record(&inputs, args.format, &pipeline, &progress, |doc, rec| {
            pending.push((doc.text.clone(), rec));
            if pending.len() >= batch_size {
                flush(&mut pending, &mut store)?;
            }
            Ok(())
        })
    })?;
    flush(&mut pending, &mut store)?;
    if totals.stored > 0 {
        let before = dateline_pipeline::cpu_time();
        store.refresh_statistics().context("cannot refresh the store's query statistics")?;
        storing += dateline_pipeline::cpu_time().saturating_sub(before);
    }
    // Back to WAL, and closing (which checkpoints a WAL into the file)
    // counts as storing too.
    let before = dateline_pipeline::cpu_time();
    store.end_bulk_load().context("cannot switch the store back to its write-ahead log")?;
    drop(store);
    storing += dateline_pipeline::cpu_time().saturating_sub(before);
    progress.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {} documents read, {} stored, {} already stored, {} rows, {} errors, {:.2} MB in {:.2} s ({:.2} MB/s) into {}{}",
            summary.documents,
            totals.stored,
            totals.duplicates,
            totals.rows,
            summary.errors,
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            dateline_store::display_location(&args.db),
            args.pipeline.describe_changes()
        );
        if profile {
            let cpu = process_cpu_time().saturating_sub(cpu_started);
            eprintln!("{}", profile_lines(cpu, storing, &timings, summary.bytes as f64 / 1e6));
        }
    }
    Ok(match (summary.errors, summary.documents) {
        (0, _) => 0,
        (_, 0) => 2,
        _ => 1,
    })
}
