//! `dateline export`: store tables as JSON Lines, CSV or Parquet, for other
//! tools. One table goes to a file (or stdout); without `--table`, every
//! table goes to its own file in the `--output` folder.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dateline_store::output::{cell, write_csv_row};
use dateline_store::{Store, TABLES};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per row and line.
    #[value(alias = "json")]
    Jsonl,
    /// RFC 4180, with a header row.
    Csv,
    /// Typed columns (INTEGER → INT64, TEXT → UTF-8 string), Snappy pages.
    Parquet,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::Parquet => "parquet",
        }
    }
}

#[derive(Args)]
pub struct ExportArgs {
    /// The store: a SQLite file or a postgres://… URL.
    #[arg(long)]
    pub db: PathBuf,
    /// documents, entities, mentions, quotes, events, stances, facts or
    /// schema_version; without it, every table is written to the --output
    /// folder as TABLE.jsonl, TABLE.csv or TABLE.parquet.
    #[arg(long)]
    pub table: Option<String>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write here instead of stdout (a folder, created if missing, when no
    /// --table is given).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// No summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Writes one table to `out`; returns its number of rows.
fn export_table(store: &Store, table: &str, format: ExportFormat, out: Box<dyn Write + Send>) -> Result<usize> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let rows = match format {
        ExportFormat::Parquet => store.export_parquet(table, &mut out)?,
        ExportFormat::Csv => {
            write_csv_row(&mut out, store.columns(table)?)?;
            store.export(table, |_, values| write_csv_row(&mut out, values.iter().map(cell)))?
        }
        ExportFormat::Jsonl => store.export(table, |columns, values| {
            let object: serde_json::Map<String, serde_json::Value> = columns.iter().cloned().zip(values).collect();
            serde_json::to_writer(&mut out, &object)?;
            out.write_all(b"\n")?;
            Ok(())
        })?,
    };
    out.flush()?;
    Ok(rows)
}

fn create(path: &Path) -> Result<Box<dyn Write + Send>> {
    Ok(Box::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?))
}

fn run_inner(args: ExportArgs) -> Result<i32> {
    if let Some(table) = &args.table {
        if !TABLES.contains(&table.as_str()) {
            bail!("no table {table:?}; tables: {}", TABLES.join(", "));
        }
    }
    let store = Store::open_read_only(&args.db).with_context(|| format!("cannot open store {}", dateline_store::display_location(&args.db)))?;
    let started = Instant::now();
    let mut written: Vec<(String, usize, PathBuf)> = Vec::new();
    match (&args.table, &args.output) {
        (Some(table), Some(path)) => {
            let rows = export_table(&store, table, args.format, create(path)?)?;
            written.push((table.clone(), rows, path.clone()));
        }
        (Some(table), None) => {
            if args.format == ExportFormat::Parquet && io::stdout().is_terminal() {
                bail!("Parquet is binary: give --output FILE or redirect stdout");
            }
            export_table(&store, table, args.format, Box::new(io::stdout()))?;
        }
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
            for table in TABLES {
                let path = dir.join(format!("{table}.{}", args.format.extension()));
                let rows = export_table(&store, table, args.format, create(&path)?)
                    .with_context(|| format!("cannot export {table}"))?;
                written.push((table.to_string(), rows, path));
            }
        }
        (None, None) => bail!("give --table NAME, or --output FOLDER to export every table"),
    }
    if !args.quiet && !written.is_empty() {
        let bytes: u64 = written.iter().filter_map(|(_, _, p)| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
        let rows: usize = written.iter().map(|(_, n, _)| n).sum();
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {} table(s), {rows} rows, {:.2} MB written in {secs:.2} s ({:.0} rows/s)",
            written.len(),
            bytes as f64 / 1e6,
            rows as f64 / secs.max(1e-9)
        );
    }
    Ok(0)
}

/// A closed pipe (`| head`) ends the output early; that is not an error.
pub fn run(args: ExportArgs) -> Result<i32> {
    match run_inner(args) {
        Err(e) if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) => Ok(0),
        other => other,
    }
}
