//! Times the store alone (no extraction) on each backend: copies every
//! document and record of a filled SQLite store into each target store
//! (a new file or a `postgres://` URL of an empty database/schema) in
//! batches of 500, then asks the same questions of each and reports the
//! median and worst latency.
//!
//! `cargo run --release -p dateline-store --example backend_bench -- SOURCE.db TARGET...`

use std::time::{Duration, Instant};

use dateline_store::{display_location, EventQuery, SaidQuery, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, source, targets @ ..] = &args[..] else {
        return Err("usage: backend_bench SOURCE.db TARGET...".into());
    };
    let source = Store::open_read_only(source)?;
    let documents = source.counts()?.first().map_or(0, |c| c.1);
    let mut stored = Vec::new();
    for id in 1..=documents {
        if let Some(d) = source.document(id)? {
            stored.push((d.text, d.record));
        }
    }
    let bytes: usize = stored.iter().map(|(t, _)| t.len()).sum();
    let actors: Vec<String> = source.actors(Some(20))?.into_iter().map(|a| a.name).collect();

    for target in targets {
        let shown = display_location(std::path::Path::new(target));
        let mut store = Store::open(target)?;
        let started = Instant::now();
        let mut rows = 0;
        for batch in stored.chunks(500) {
            rows += store.ingest_batch(batch.iter().map(|(t, r)| (t.as_str(), r)))?.rows;
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{shown}: ingest {} documents, {rows} rows, {:.2} MB of text in {secs:.2} s: {:.2} MB/s, {:.0} rows/s",
            stored.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            rows as f64 / secs
        );
        let mut times: Vec<(&str, Duration)> = Vec::new();
        for name in &actors {
            let t = Instant::now();
            store.said(&SaidQuery { by: name.clone(), ..Default::default() })?;
            times.push(("said", t.elapsed()));
            let t = Instant::now();
            store.timeline(name, None, None, None)?;
            times.push(("timeline", t.elapsed()));
        }
        for (s, d) in [("USA", "RUS"), ("RUS", "UKR"), ("CHN", "USA"), ("ISR", "IRN")] {
            let t = Instant::now();
            store.events(&EventQuery { source: Some(s.into()), target: Some(d.into()), ..Default::default() })?;
            times.push(("events", t.elapsed()));
        }
        for word in ["ceasefire", "minister said", "sanctions"] {
            let t = Instant::now();
            store.search(word, Some(20))?;
            times.push(("search", t.elapsed()));
        }
        for question in ["said", "timeline", "events", "search"] {
            let mut ms: Vec<f64> = times
                .iter()
                .filter(|(q, _)| *q == question)
                .map(|(_, d)| d.as_secs_f64() * 1e3)
                .collect();
            ms.sort_by(f64::total_cmp);
            if let (Some(median), Some(worst)) = (ms.get(ms.len() / 2), ms.last()) {
                println!("  {question}: {} asked, median {median:.2} ms, worst {worst:.2} ms", ms.len());
            }
        }
    }
    Ok(())
}
