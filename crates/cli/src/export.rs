//! `dateline export`: one table of a store as JSON Lines or CSV, for other
//! tools (Parquet is not written yet).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;
use dateline_store::output::{cell, write_csv_row, OutputFormat};
use dateline_store::{Store, TABLES};

#[derive(Args)]
pub struct ExportArgs {
    /// The store: a SQLite file or a postgres://… URL.
    #[arg(long)]
    pub db: PathBuf,
    /// documents, entities, mentions, quotes, events, stances, facts or schema_version.
    #[arg(long)]
    pub table: String,
    /// jsonl or csv.
    #[arg(long, default_value = "jsonl")]
    pub format: OutputFormat,
    /// Write here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

fn run_inner(args: ExportArgs) -> Result<i32> {
    if !TABLES.contains(&args.table.as_str()) {
        bail!("no table {:?}; tables: {}", args.table, TABLES.join(", "));
    }
    let store = Store::open_read_only(&args.db).with_context(|| format!("cannot open store {}", dateline_store::display_location(&args.db)))?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let format = args.format;
    if format == OutputFormat::Table {
        bail!("export writes jsonl or csv");
    }
    if format == OutputFormat::Csv {
        write_csv_row(&mut out, store.columns(&args.table)?)?;
    }
    store.export(&args.table, |columns, values| {
        match format {
            OutputFormat::Csv => write_csv_row(&mut out, values.iter().map(cell))?,
            _ => {
                let object: serde_json::Map<String, serde_json::Value> = columns.iter().cloned().zip(values).collect();
                serde_json::to_writer(&mut out, &object)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(0)
}

/// A closed pipe (`| head`) ends the output early; that is not an error.
pub fn run(args: ExportArgs) -> Result<i32> {
    match run_inner(args) {
        Err(e) if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) => Ok(0),
        other => other,
    }
}
