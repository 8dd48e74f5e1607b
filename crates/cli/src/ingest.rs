//! `dateline ingest`: extract records from the inputs and store them, with
//! their texts, in a SQLite store (see the `dateline-store` crate).
//!
//! Documents are committed in batches, one transaction each: a run that is
//! stopped keeps whole batches only, and running it again stores only what
//! is missing (documents are keyed by a hash of their text).
//!
//! Storing runs on its own thread beside extraction: with two cores free,
//! a run takes the time of the slower of the two, not their sum (the CPU
//! time, which `--profile` reports, is the same either way).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
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

/// Documents of one transaction: each text and its record.
type Batch = Vec<(String, Record)>;

/// What the writer thread did: the run's totals and the CPU time of its
/// storing (in all and, with `--profile`, by part).
struct Written {
    totals: IngestStats,
    storing: Duration,
    timings: IngestTimings,
}

/// The writer thread: stores each batch as it arrives, one transaction
/// each, then refreshes the planner's statistics, ends a first load's
/// bulk mode and closes the store (closing checkpoints a WAL into the
/// file, so it counts as storing too). Its CPU time is the storing time.
fn write_batches(mut store: Store, batches: mpsc::Receiver<Batch>, profile: bool) -> Result<Written> {
    let started = dateline_pipeline::cpu_time();
    let mut totals = IngestStats::default();
    let mut timings = IngestTimings::default();
    for batch in batches {
        let stats = store
            .ingest_batch_timed(batch.iter().map(|(t, r)| (t.as_str(), r)), profile.then_some(&mut timings))
            .context("cannot store a batch")?;
        totals.add(stats);
    }
    if totals.stored > 0 {
        store.refresh_statistics().context("cannot refresh the store's query statistics")?;
    }
    store.end_bulk_load().context("cannot switch the store back to its write-ahead log")?;
    drop(store);
    let storing = dateline_pipeline::cpu_time().saturating_sub(started);
    Ok(Written { totals, storing, timings })
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
    let profile = args.profile;
    let pool = thread_pool(args.jobs)?;
    let batch_size = args.batch.max(1);
    // Batches go to the writer thread as they fill; one waits in the
    // channel while another is written, so extraction never waits on a
    // commit unless storing is the slower of the two.
    let (to_writer, batches) = mpsc::sync_channel::<Batch>(1);
    let writer = std::thread::Builder::new()
        .name("dateline-store".into())
        .spawn(move || write_batches(store, batches, profile))
        .context("cannot start the store's writer thread")?;
    let mut pending: Batch = Vec::with_capacity(batch_size);
    let extracted = pool.install(|| {
        for_each_record(&inputs, args.format, &pipeline, &progress, |doc, rec| {
            pending.push((doc.text.clone(), rec));
            if pending.len() >= batch_size {
                let full = std::mem::replace(&mut pending, Vec::with_capacity(batch_size));
                // fails only when the writer has stopped on an error, which
                // joining it below reports
                to_writer.send(full).map_err(|_| anyhow!("the store's writer stopped"))?;
            }
            Ok(())
        })
    });
    if extracted.is_ok() && !pending.is_empty() {
        // as above: a failed send means the writer's error follows
        let _ = to_writer.send(pending);
    }
    drop(to_writer);
    let Written { totals, storing, timings } = writer
        .join()
        .map_err(|_| anyhow!("the store's writer thread panicked"))??;
    let summary = extracted?;
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
