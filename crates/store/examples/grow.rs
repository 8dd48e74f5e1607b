//! Grows a store for latency measurements: seeds it with documents whose
//! quotes come from a gold JSON Lines file (`{"id","text","date","quotes":
//! [{"span","speaker_text"}]}`), each quote also given a stance with an
//! issue and polarity drawn from a hash (synthetic: these stores measure
//! speed, not quality), then doubles the quote and stance rows with
//! re-dated copies until there are `TARGET` records.
//!
//! `cargo run --release -p dateline-store --example grow -- DB GOLD.jsonl TARGET`

use std::io::BufRead;
use std::time::Instant;

use dateline_record::{EntityRecord, QuoteRecord, Record, StanceRecord};
use dateline_store::Store;

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, gold, target] = &args[..] else {
        return Err("usage: grow DB GOLD.jsonl TARGET_RECORDS".into());
    };
    let target: i64 = target.parse()?;
    let mut store = Store::open(db)?;
    let started = Instant::now();
    let mut pending = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(gold)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let chars: Vec<char> = text.chars().collect();
        let mut r = Record {
            schema: 1,
            id: v["id"].as_str().unwrap_or_default().to_string(),
            source: gold.clone(),
            date: v["date"].as_str().map(str::to_string),
            dateline: None,
            title: None,
            entities: vec![],
            quotes: vec![],
            events: vec![],
            stances: vec![],
            facts: vec![],
            warnings: vec![],
        };
        for q in v["quotes"].as_array().into_iter().flatten() {
            let (Some(a), Some(b)) = (q["span"][0].as_u64(), q["span"][1].as_u64()) else { continue };
            let (a, b) = (a as usize, (b as usize).min(chars.len()));
            if a >= b {
                continue;
            }
            let speaker = q["speaker_text"].as_str().unwrap_or("").to_string();
            let eid = match r.entities.iter().position(|e| e.name == speaker) {
                Some(i) => format!("E{}", i + 1),
                None if speaker.is_empty() => String::new(),
                None => {
                    r.entities.push(EntityRecord {
                        id: format!("E{}", r.entities.len() + 1),
                        name: speaker.clone(),
                        kind: "PERSON".into(),
                        country: None,
                        sector: None,
                        role: None,
                        mentions: vec![],
                        references: vec![],
                    });
                    format!("E{}", r.entities.len())
                }
            };
            let words: String = chars[a..b].iter().collect();
            let has_speaker = !eid.is_empty();
            r.quotes.push(QuoteRecord {
                kind: "direct".into(),
                span: [a, b],
                text: words.clone(),
                speaker: has_speaker.then(|| eid.clone()),
                speaker_name: has_speaker.then(|| speaker.clone()),
                speaker_span: None,
                cue: None,
                cue_span: None,
                addressee: None,
                addressee_span: None,
            });
            if has_speaker {
                let h = hash(&words);
                r.stances.push(StanceRecord {
                    holder: Some(eid),
                    holder_name: Some(speaker),
                    target: format!("issue {}", h % 20),
                    issue: format!("issue_{}", h % 20),
                    polarity: if h.is_multiple_of(3) { "against".into() } else { "for".into() },
                    span: [a, b],
                    text: words,
                    cue_span: None,
                    quote: Some(r.quotes.len() - 1),
                    shift_from: None,
                });
            }
        }
        pending.push((text, r));
    }
    let bytes: usize = pending.iter().map(|(t, _)| t.len()).sum();
    let storing = Instant::now();
    let stats = store.ingest_batch(pending.iter().map(|(t, r)| (t.as_str(), r)))?;
    let secs = storing.elapsed().as_secs_f64();
    eprintln!(
        "seeded {} documents ({} rows, {:.2} MB of text) in {:.3} s of storing: {:.0} rows/s, {:.2} MB/s",
        stats.stored,
        stats.rows,
        bytes as f64 / 1e6,
        secs,
        stats.rows as f64 / secs,
        bytes as f64 / 1e6 / secs
    );

    let conn = store.sqlite_connection().ok_or("grow works on SQLite stores only")?;
    let records = |c: &rusqlite::Connection| -> rusqlite::Result<i64> {
        c.query_row("SELECT (SELECT count(*) FROM quotes) + (SELECT count(*) FROM stances)", [], |r| r.get(0))
    };
    // Bulk growth: drop the quote and stance indexes, copy rows, then build
    // each index once from sorted data (far faster than keeping millions of
    // randomly dated rows indexed as they arrive).
    conn.execute_batch("PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;")?;
    let indexes: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('quotes', 'stances')",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    if records(conn)? < target {
        for (name, _) in &indexes {
            conn.execute_batch(&format!("DROP INDEX {name}"))?;
        }
    }
    loop {
        let have = records(conn)?;
        if have >= target {
            break;
        }
        // Double, or add just what is missing (half quotes, half stances).
        let half = ((target - have) / 2).max(1);
        let step = Instant::now();
        conn.execute_batch(&format!(
            "BEGIN;
             INSERT INTO quotes(document, idx, kind, start, end, text, speaker, speaker_name, speaker_lower, speaker_surname, speaker_country, cue, date)
               SELECT document, idx, kind, start, end, text, speaker, speaker_name, speaker_lower, speaker_surname, speaker_country, cue,
                      date(coalesce(date, '2020-01-01'), '+' || (abs(random()) % 3650) || ' days') FROM quotes LIMIT {half};
             INSERT INTO stances(document, idx, holder, holder_name, holder_lower, holder_surname, holder_country, target, issue, polarity, start, end, text, quote, date)
               SELECT document, idx, holder, holder_name, holder_lower, holder_surname, holder_country, target, issue, polarity, start, end, text, quote,
                      date(coalesce(date, '2020-01-01'), '+' || (abs(random()) % 3650) || ' days') FROM stances LIMIT {half};
             COMMIT;"
        ))?;
        eprintln!("{} records after {:.1} s", records(conn)?, step.elapsed().as_secs_f64());
    }
    let indexing = Instant::now();
    for (name, sql) in &indexes {
        conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {}", sql.trim_start_matches("CREATE INDEX ")))?;
        eprintln!("index {name} after {:.1} s", indexing.elapsed().as_secs_f64());
    }
    conn.execute_batch("ANALYZE")?;
    eprintln!("done: {} records in {:.1} s", records(conn)?, started.elapsed().as_secs_f64());
    Ok(())
}
