//! `dateline query`: the analyst's questions over a store, printed as a
//! table, JSON Lines or CSV.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use dateline_store::output::{write_rows, OutputFormat};
use dateline_store::*;

#[derive(Args)]
pub struct QueryArgs {
    /// The store: a SQLite file or a postgres://… URL.
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Output: table, jsonl or csv.
    #[arg(long, global = true, default_value = "table")]
    pub format: OutputFormat,
    #[command(subcommand)]
    pub question: Question,
}

#[derive(Subcommand)]
pub enum Question {
    /// Quotes by an actor (name, surname or ISO-3 country), newest first.
    Said {
        #[arg(long)]
        by: String,
        /// Only quotes containing all these words.
        #[arg(long)]
        about: Option<String>,
        /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Up to and including this date.
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        /// Skip this many rows first (the next page).
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// An actor's stances over time, oldest first.
    Timeline {
        #[arg(long)]
        actor: String,
        #[arg(long)]
        issue: Option<String>,
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        /// Skip this many rows first (the next page).
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Where an actor's (or country's) polarity on an issue changes between periods.
    Shifts {
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        issue: Option<String>,
        /// Group stances by the holder's country instead of the holder.
        #[arg(long)]
        by_country: bool,
        /// day, month or year.
        #[arg(long, default_value = "month")]
        period: String,
    },
    /// Events between countries: counts by period and type, and the records.
    Events {
        /// ISO-3 code of the acting country.
        #[arg(long)]
        source: Option<String>,
        /// ISO-3 code of the country acted on.
        #[arg(long)]
        target: Option<String>,
        /// PLOVER event type.
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// day, month or year.
        #[arg(long, default_value = "month")]
        period: String,
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        /// Print only the records (CSV prints only the counts otherwise).
        #[arg(long)]
        records: bool,
    },
    /// Named actors in the store, with counts.
    Actors {
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
    },
    /// Issues with stances or events, with counts.
    Issues,
}

fn run_inner(args: QueryArgs) -> Result<i32> {
    let db = args.db.context("give the store with --db FILE")?;
    let store = Store::open_read_only(&db).with_context(|| format!("cannot open store {}", dateline_store::display_location(&db)))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let f = args.format;
    match args.question {
        Question::Said { by, about, from, to, limit, offset } => {
            let rows = store.said(&SaidQuery { by, about, from, to, limit: Some(limit), offset: Some(offset) })?;
            write_rows(&mut out, f, QUOTE_COLUMNS, &rows)?;
        }
        Question::Timeline { actor, issue, limit, offset } => {
            let rows = store.timeline(&actor, issue.as_deref(), Some(limit), Some(offset))?;
            write_rows(&mut out, f, STANCE_COLUMNS, &rows)?;
        }
        Question::Shifts { actor, issue, by_country, period } => {
            let rows = store.shifts(actor.as_deref(), issue.as_deref(), by_country, Period::parse(&period)?)?;
            write_rows(&mut out, f, SHIFT_COLUMNS, &rows)?;
        }
        Question::Events { source, target, kind, from, to, period, limit, records } => {
            let q = EventQuery { source, target, kind, from, to, period: Period::parse(&period)?, limit: Some(limit) };
            let report = store.events(&q)?;
            match (f, records) {
                (_, true) => write_rows(&mut out, f, EVENT_COLUMNS, &report.records)?,
                (OutputFormat::Csv, false) => write_rows(&mut out, f, EVENT_COUNT_COLUMNS, &report.counts)?,
                (OutputFormat::Jsonl, false) => {
                    // One stream, each line tagged with what it is.
                    for c in &report.counts {
                        let mut v = serde_json::to_value(c)?;
                        v["row"] = "count".into();
                        writeln!(out, "{v}")?;
                    }
                    for e in &report.records {
                        let mut v = serde_json::to_value(e)?;
                        v["row"] = "event".into();
                        writeln!(out, "{v}")?;
                    }
                }
                (OutputFormat::Table, false) => {
                    write_rows(&mut out, f, EVENT_COUNT_COLUMNS, &report.counts)?;
                    writeln!(out)?;
                    write_rows(&mut out, f, EVENT_COLUMNS, &report.records)?;
                }
            }
        }
        Question::Actors { limit } => write_rows(&mut out, f, ACTOR_COLUMNS, &store.actors(Some(limit))?)?,
        Question::Issues => write_rows(&mut out, f, ISSUE_COLUMNS, &store.issues()?)?,
    }
    out.flush()?;
    Ok(0)
}

/// A closed pipe (`| head`) ends the output early; that is not an error.
pub fn run(args: QueryArgs) -> Result<i32> {
    match run_inner(args) {
        Err(e) if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) => Ok(0),
        other => other,
    }
}
