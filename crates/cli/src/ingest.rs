//! `dateline ingest`: extract records from the inputs and store them, with
//! their texts, in a SQLite store (see the `dateline-store` crate).
//!
//! Documents are committed in batches, one transaction each: a run that is
//! stopped keeps whole batches only, and running it again stores only what
//! is missing (documents are keyed by a hash of their text).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dateline_read::Format;
use dateline_record::Record;
use dateline_store::{IngestStats, Store};

use crate::extract::{for_each_record, inputs_of, progress_bar, thread_pool};
use crate::pipeline::standard_pipeline;

#[derive(Args)]
pub struct IngestArgs {
    /// Input files (wire, plain text or JSON Lines); `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// The store: a SQLite file (created when missing) or a
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE URL (an existing database).
    #[arg(long)]
    pub db: PathBuf,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500)]
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
}

pub fn run(args: IngestArgs) -> Result<i32> {
    let mut store = Store::open(&args.db).with_context(|| format!("cannot open store {}", dateline_store::display_location(&args.db)))?;
    let pipeline = standard_pipeline();
    let inputs = inputs_of(&args.inputs);
    let progress = progress_bar(args.quiet);
    let started = Instant::now();
    let pool = thread_pool(args.jobs)?;
    let batch_size = args.batch.max(1);
    let mut pending: Vec<(String, Record)> = Vec::with_capacity(batch_size);
    let mut totals = IngestStats::default();
    let mut flush = |pending: &mut Vec<(String, Record)>, store: &mut Store| -> Result<()> {
        let stats = store.ingest_batch(pending.iter().map(|(t, r)| (t.as_str(), r))).context("cannot store a batch")?;
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
    progress.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {} documents read, {} stored, {} already stored, {} rows, {} errors, {:.2} MB in {:.2} s ({:.2} MB/s) into {}",
            summary.documents,
            totals.stored,
            totals.duplicates,
            totals.rows,
            summary.errors,
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            dateline_store::display_location(&args.db)
        );
    }
    Ok(match (summary.errors, summary.documents) {
        (0, _) => 0,
        (_, 0) => 2,
        _ => 1,
    })
}
