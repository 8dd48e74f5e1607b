//! `dateline serve`: the web API and pages over a store (crate
//! `dateline-serve`). Loopback and read-only unless told otherwise; when
//! ingest is allowed, posted documents go through the standard pipeline.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Result};
use clap::Args;
use dateline_doc::{Doc, DocMeta};
use dateline_read::note_dateline;
use dateline_record::Record;
use dateline_serve::{Config, IngestConfig, IngestRequest};

use crate::pipeline::standard_pipeline;
use dateline_pipeline::isolate;

#[derive(Args)]
pub struct ServeArgs {
    /// The store: a SQLite file or a postgres://… URL.
    #[arg(long)]
    pub db: PathBuf,
    /// Address to listen on (loopback unless you say otherwise).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Accept POST /api/ingest (needs --token).
    #[arg(long)]
    pub allow_ingest: bool,
    /// Bearer token that POST /api/ingest must send (or set DATELINE_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
}

fn is_iso_date(d: &str) -> bool {
    d.len() == 10 && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

pub fn run(args: ServeArgs) -> Result<i32> {
    let token = args.token.or_else(|| std::env::var("DATELINE_TOKEN").ok());
    let ingest = match (args.allow_ingest, token) {
        (false, _) => None,
        (true, None) => bail!("--allow-ingest needs --token T (or DATELINE_TOKEN)"),
        (true, Some(t)) if t.len() < 8 => bail!("the ingest token must be at least 8 characters"),
        (true, Some(token)) => {
            let pipeline = standard_pipeline();
            let extract = Arc::new(move |r: IngestRequest| -> Result<(String, Record), String> {
                if let Some(d) = r.date.as_deref().filter(|d| !is_iso_date(d)) {
                    return Err(format!("date {d:?} is not YYYY-MM-DD"));
                }
                let mut meta = DocMeta { id: r.id, source: r.source.unwrap_or_else(|| "api".into()), date: r.date, title: r.title, ..DocMeta::default() };
                note_dateline(&r.text, &mut meta);
                let mut doc = Doc::new(r.text, meta);
                pipeline.run_isolated(&mut doc).map_err(|e| e.to_string())?;
                let record = isolate("record", || Record::from_doc(&doc)).map_err(|e| e.to_string())?;
                Ok((doc.text, record))
            });
            Some(IngestConfig { token, extract })
        }
    };
    dateline_serve::run(Config { db: args.db, addr: args.addr, ingest })?;
    Ok(0)
}
