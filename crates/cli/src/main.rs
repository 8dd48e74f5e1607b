//! The `dateline` binary: a thin layer of commands over the library crates.

mod bench;
mod data_check;
mod eval_cmd;
mod export;
mod extract;
mod ingest;
mod pipeline;
mod query;
mod serve_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "dateline", version, about = "Sourced, structured records from political and conflict news")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn reports into schema-1 JSON records (one line per document).
    Extract(extract::ExtractArgs),
    /// Score records (or a fresh extraction) against gold, as score.py does.
    Eval(eval_cmd::EvalArgs),
    /// Time full extraction on one core: MB/s, documents/s, peak memory.
    Bench(bench::BenchArgs),
    /// Extract records and keep them, with their texts, in a SQLite store.
    Ingest(ingest::IngestArgs),
    /// Ask a store: who said what, stances over time, shifts, events, actors, issues.
    Query(query::QueryArgs),
    /// Write one table of a store as JSON Lines or CSV.
    Export(export::ExportArgs),
    /// Serve a store: JSON API, OpenAPI document and web pages.
    Serve(serve_cmd::ServeArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Extract(_) | Command::Eval(_) | Command::Bench(_) | Command::Ingest(_)) {
        // batch commands: memory freed after one batch serves the next; a
        // long-running server keeps handing it back to the system
        extract::keep_freed_memory();
        data_check::check_lexicon_overrides()?;
    }
    let code = match cli.command {
        Command::Extract(args) => extract::run(args)?,
        Command::Eval(args) => eval_cmd::run(args)?,
        Command::Bench(args) => bench::run(args)?,
        Command::Ingest(args) => ingest::run(args)?,
        Command::Query(args) => query::run(args)?,
        Command::Export(args) => export::run(args)?,
        Command::Serve(args) => serve_cmd::run(args)?,
    };
    std::process::exit(code);
}
