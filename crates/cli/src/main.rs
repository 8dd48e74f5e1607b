//! The `dateline` binary: a thin layer of commands over the library crates.

mod bench;
mod eval_cmd;
mod extract;
mod pipeline;

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
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Extract(args) => extract::run(args)?,
        Command::Eval(args) => eval_cmd::run(args)?,
        Command::Bench(args) => bench::run(args)?,
    };
    std::process::exit(code);
}
