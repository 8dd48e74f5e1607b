//! `dateline extract`: read inputs, run the pipeline, write records in input order.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dateline_doc::Doc;
use dateline_pipeline::{isolate, ComponentFailed, Pipeline};
use dateline_read::{read_input, Format, Input, ReadError};
use dateline_record::Record;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::pipeline::{pipeline_with, PipelineOptions};

#[derive(Args)]
pub struct ExtractArgs {
    /// Input files (wire, plain text or JSON Lines); `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Write records here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Indent each record (one JSON document per record, not JSON Lines).
    #[arg(long)]
    pub pretty: bool,
    /// Documents analysed in parallel (output order is input order).
    #[arg(short, long, default_value_t = 1)]
    pub jobs: usize,
    /// Input format: auto, wire, text or jsonl.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// No summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Annotation conventions (e.g. --quote-spans).
    #[command(flatten)]
    pub pipeline: PipelineOptions,
}

pub fn inputs_of(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    paths.iter().map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::Path(p.clone()) }).collect()
}

/// Totals of one run.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub records: usize,
    pub errors: usize,
    pub bytes: usize,
}

const BATCH: usize = 256;

/// Reads every input, analyses documents in batches (in parallel when the
/// pool has several threads), and hands each record to `sink` in input
/// order. Read errors are reported on stderr and counted; the run goes on.
pub fn for_each_record(
    inputs: &[Input],
    format: Format,
    pipeline: &Pipeline,
    progress: &ProgressBar,
    sink: impl FnMut(&Doc, Record) -> Result<()>,
) -> Result<Summary> {
    let make = |doc: &Doc| {
        let rec = Record::from_doc(doc);
        let records = rec.entities.len() + rec.quotes.len() + rec.events.len() + rec.stances.len() + rec.facts.len();
        (rec, records)
    };
    for_each_output(inputs, format, pipeline, progress, make, sink)
}

/// [`for_each_record`] for any output: `make` turns each analysed document
/// into what `sink` takes (a record, or a record's JSON line) and counts
/// its records; it runs in the parallel step, isolated as "record".
pub fn for_each_output<T: Send>(
    inputs: &[Input],
    format: Format,
    pipeline: &Pipeline,
    progress: &ProgressBar,
    make: impl Fn(&Doc) -> (T, usize) + Sync,
    mut sink: impl FnMut(&Doc, T) -> Result<()>,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut batch: Vec<Doc> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Doc>, summary: &mut Summary| -> Result<()> {
        let done: Vec<(Doc, Result<(T, usize), ComponentFailed>)> = batch
            .par_drain(..)
            .map(|mut doc| {
                let out = pipeline.run_isolated(&mut doc).and_then(|()| isolate("record", || make(&doc)));
                (doc, out)
            })
            .collect();
        for (doc, out) in done {
            progress.inc(1);
            let (out, records) = match out {
                Ok(out) => out,
                Err(e) => {
                    // a bug met on this document: say which, skip it, go on with the batch
                    summary.errors += 1;
                    let id = doc.meta.id.as_deref().map(|id| format!(" (id {id})")).unwrap_or_default();
                    progress.suspend(|| eprintln!("dateline: error: {}{id}: {e}; document skipped", doc.meta.source));
                    continue;
                }
            };
            summary.records += records;
            summary.bytes += doc.text.len();
            sink(&doc, out)?;
        }
        Ok(())
    };
    for input in inputs {
        for item in read_input(input, format) {
            match item {
                Ok(doc) => {
                    summary.documents += 1;
                    batch.push(doc);
                    if batch.len() >= BATCH {
                        flush(&mut batch, &mut summary)?;
                    }
                }
                Err(e) => report(progress, &e, &mut summary),
            }
        }
    }
    flush(&mut batch, &mut summary)?;
    Ok(summary)
}

fn report(progress: &ProgressBar, e: &ReadError, summary: &mut Summary) {
    summary.errors += 1;
    progress.suspend(|| eprintln!("dateline: error: {e}"));
}

pub fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} documents {per_sec} [{elapsed}]").expect("valid template"));
    bar
}

pub fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build().context("cannot start worker threads")
}

pub fn run(args: ExtractArgs) -> Result<i32> {
    let pipeline = pipeline_with(&args.pipeline);
    let inputs = inputs_of(&args.inputs);
    let out: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let progress = progress_bar(args.quiet);
    let started = Instant::now();
    let pool = thread_pool(args.jobs)?;
    let warn = |doc: &Doc| {
        for warning in &doc.warnings {
            eprintln!("dateline: warning: {warning}");
        }
    };
    let summary = pool.install(|| {
        if args.pretty {
            for_each_record(&inputs, args.format, &pipeline, &progress, |doc, rec| {
                warn(doc);
                if let Err(problem) = rec.check_spans(&doc.text) {
                    eprintln!("dateline: internal error in {}: {problem} (record written anyway)", doc.meta.source);
                }
                serde_json::to_writer_pretty(&mut out, &rec)?;
                out.write_all(b"\n")?;
                Ok(())
            })
        } else {
            // each record's JSON line is written straight from its document
            // in the parallel step (`Record::write_doc_json`: the bytes of the
            // record built and then written, its spans checked as written),
            // and the lines are written out in input order
            let line = |doc: &Doc| {
                let mut line = Vec::with_capacity(4096);
                let (records, checked) = Record::write_doc_json(doc, &mut line);
                line.push(b'\n');
                ((line, checked.err()), records)
            };
            for_each_output(&inputs, args.format, &pipeline, &progress, line, |doc, (line, problem)| {
                warn(doc);
                if let Some(problem) = problem {
                    eprintln!("dateline: internal error in {}: {problem} (record written anyway)", doc.meta.source);
                }
                out.write_all(&line)?;
                Ok(())
            })
        }
    })?;
    out.flush()?;
    progress.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {} documents, {} records, {} errors, {:.2} MB in {:.2} s ({:.2} MB/s){}",
            summary.documents,
            summary.records,
            summary.errors,
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            args.pipeline.describe_changes()
        );
    }
    Ok(match (summary.errors, summary.documents) {
        (0, _) => 0,
        (_, 0) => 2,
        _ => 1,
    })
}

/// The process's allocator: the pipeline makes many small, short-lived
/// allocations per sentence, where mimalloc's thread-local free lists beat
/// the system allocator (malloc and free were ~12 % of a one-thread run).
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

// mimalloc's plain entry points (the `mimalloc` crate's allocator calls only
// the aligned ones)
use libmimalloc_sys::{mi_malloc, mi_realloc, mi_zalloc};

/// mimalloc, asked for plain blocks when the alignment needs nothing more.
///
/// `mimalloc::MiMalloc` passes every request to `mi_malloc_aligned`, whose
/// fast path serves only blocks of at most 1 KiB and only when the size
/// class's free list is not empty; otherwise it takes a generic path that
/// over-allocates (`size + align - 1`, so from the next size class up)
/// unless the block size is a power of two. Vectors and strings that grow
/// past 1 KiB, or a 24-byte request whose free list has just run dry, paid
/// that path (1.5 % of the instructions of `extract` on three dev sets,
/// and the next size class's memory). Every mimalloc
/// block size is a multiple of the word size (8 bytes) and every page
/// starts at least 16-byte aligned, so a block from `mi_malloc` is 8-byte
/// aligned: requests aligned to 8 bytes or less go to `mi_malloc` and
/// `mi_realloc` (as `malloc` serves them in Rust's `System` allocator), the
/// rare larger alignments to `MiMalloc`. Both free with `mi_free`.
struct Mimalloc;

/// The alignment every block from `mi_malloc` has (its word size).
const PLAIN_ALIGN: usize = 8;

// SAFETY: each method forwards to mimalloc, which returns null or a block of
// at least the requested size; blocks from `mi_malloc`/`mi_zalloc`/
// `mi_realloc` are only handed out for alignments they meet (see above, and
// the test below), and `MiMalloc` serves the others. mimalloc frees and
// reallocates blocks from either kind of call.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_t` of the
/// mimalloc v3 that `libmimalloc-sys` 0.1.4x builds; that crate names no
/// constant for it).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// Keeps freed memory in the process instead of handing it back to the OS
/// after mimalloc's purge delay: each batch of documents frees and then
/// allocates again about as much as the last, and memory that was given
/// back is faulted in and zeroed by the kernel anew (the kernel's page
/// clearing was ~5 % of a one-thread run). Peak memory is what the largest
/// batch needs either way.
///
/// It also asks the kernel for ordinary 4 KiB pages only. mimalloc marks its
/// arena for transparent huge pages, so every first touch of a 2 MiB region
/// faulted in and zeroed a whole huge page: the kernel's page clearing was
/// 12 % of a one-thread `extract` over two dev sets, and peak memory held
/// whole huge pages of which a batch used a part (96 MB against 72 MB).
pub fn keep_freed_memory() {
    // SAFETY: plain setters of mimalloc's option table, which it reads
    // atomically; any value is valid for the purge delay (-1: never purge)
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and no pointers; it
    // only changes which page size later faults of this process get. A
    // kernel without it returns an error, which leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong);
    }
}

/// The purge delay mimalloc works with (ms; -1: never).
#[cfg(test)]
fn purge_delay() -> i64 {
    // SAFETY: a read of mimalloc's option table
    unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) as i64 }
}

#[cfg(test)]
mod tests {
    /// Blocks of every small size and alignment, fresh, zeroed and grown,
    /// are aligned as asked (the test binary uses the same allocator).
    #[test]
    fn blocks_aligned_as_asked() {
        use std::alloc::{GlobalAlloc, Layout};
        let a = super::Mimalloc;
        let mut held = Vec::new();
        for size in (1..300).chain([1000, 1024, 1025, 3000, 5000, 70_000, 300_000]) {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: layouts of non-zero size; every block is freed
                // with the layout it was allocated (or reallocated) with
                unsafe {
                    for zeroed in [false, true] {
                        let p = if zeroed { a.alloc_zeroed(layout) } else { a.alloc(layout) };
                        assert!(!p.is_null() && p as usize % align == 0, "{size} {align}");
                        if zeroed {
                            assert!(std::slice::from_raw_parts(p, size).iter().all(|&b| b == 0));
                        }
                        p.write_bytes(0xA5, size);
                        let q = a.realloc(p, layout, size * 3 + 5);
                        assert!(!q.is_null() && q as usize % align == 0, "{size} {align} grown");
                        assert!(std::slice::from_raw_parts(q, size).iter().all(|&b| b == 0xA5));
                        held.push((q, Layout::from_size_align(size * 3 + 5, align).unwrap()));
                    }
                }
            }
        }
        for (p, layout) in held {
            // SAFETY: allocated above with this layout
            unsafe { a.dealloc(p, layout) }
        }
    }

    #[test]
    fn freed_memory_is_kept() {
        // mimalloc v3's default delay (1 s): the index names the right option
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(super::purge_delay(), 1000);
        }
        super::keep_freed_memory();
        assert_eq!(super::purge_delay(), -1);
        #[cfg(target_os = "linux")]
        {
            // SAFETY: PR_GET_THP_DISABLE reads a flag and takes no pointers
            let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong) };
            assert_eq!(disabled, 1, "huge pages still allowed");
        }
    }
}
