//! End to end through the real binary: ingest the bundled wire reports into
//! a fresh store (twice: the second run must store nothing new), ask every
//! question, export, and check the answers against what `dateline extract`
//! writes for the same files, so the test follows the extractors as they
//! improve instead of pinning today's output.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn wire_reports() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wire");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/wire exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no reports in {}", dir.display());
    files
}

/// Runs the binary, expects success, returns stdout and stderr.
fn run(args: &[&str]) -> (String, String) {
    let out = bin().args(args).output().expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert!(out.status.success(), "dateline {args:?} failed: {stderr}");
    (stdout, stderr)
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The code points `[a, b)` of `text` (record spans count code points).
fn chars(text: &str, span: &Value) -> String {
    let a = span[0].as_u64().expect("span start") as usize;
    let b = span[1].as_u64().expect("span end") as usize;
    text.chars().skip(a).take(b - a).collect()
}

/// A minimal RFC 4180 reader: quoted fields may hold commas, quotes, newlines.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match (quoted, c) {
            (true, '"') if it.peek() == Some(&'"') => {
                it.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// What `dateline extract` finds in each report: (file text, record).
fn extracted(files: &[PathBuf]) -> Vec<(String, Value)> {
    files
        .iter()
        .map(|f| {
            let (out, _) = run(&["extract", f.to_str().expect("utf-8 path")]);
            let records = jsonl(&out);
            assert_eq!(records.len(), 1, "one record per report");
            let text = std::fs::read_to_string(f).expect("report readable");
            (text, records.into_iter().next().expect("one record"))
        })
        .collect()
}

fn list<'a>(record: &'a Value, layer: &str) -> &'a [Value] {
    record[layer].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn total(records: &[(String, Value)], layer: &str) -> usize {
    records.iter().map(|(_, r)| list(r, layer).len()).sum()
}

fn lower(v: &Value) -> Option<String> {
    v.as_str().map(str::to_lowercase)
}

#[test]
fn ingest_query_and_export_the_bundled_reports() {
    let files = wire_reports();
    let file_args: Vec<&str> = files.iter().map(|f| f.to_str().expect("utf-8 path")).collect();
    let records = extracted(&files);
    let text_of: BTreeMap<String, String> = records
        .iter()
        .map(|(t, r)| (r["id"].as_str().expect("record id").to_string(), t.clone()))
        .collect();

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let db = db.to_str().expect("utf-8 path");

    // Ingest, then ingest again: the second run stores nothing.
    let mut ingest = vec!["ingest", "--db", db];
    ingest.extend(&file_args);
    let (_, first) = run(&ingest);
    assert!(
        first.contains(&format!("{} stored, 0 already stored", files.len())),
        "first ingest: {first}"
    );
    let counts = |db: &str| -> BTreeMap<String, usize> {
        ["documents", "entities", "quotes", "events", "stances", "facts"]
            .iter()
            .map(|t| (t.to_string(), jsonl(&run(&["export", "--db", db, "--table", t]).0).len()))
            .collect()
    };
    let before = counts(db);
    let (_, second) = run(&ingest);
    assert!(
        second.contains(&format!("0 stored, {} already stored, 0 rows", files.len())),
        "second ingest: {second}"
    );
    assert_eq!(counts(db), before, "a second ingest changed the store");
    assert_eq!(before["documents"], files.len());
    for layer in ["entities", "quotes", "events", "stances", "facts"] {
        assert_eq!(before[layer], total(&records, layer), "{layer}: store vs extract");
    }

    // said --by the speaker with the most quotes; every answer is a span of
    // its report, and there are as many as extract attributes to them.
    let mut quotes_by: BTreeMap<String, usize> = BTreeMap::new();
    for (_, r) in &records {
        for q in list(r, "quotes") {
            if let Some(name) = lower(&q["speaker_name"]) {
                *quotes_by.entry(name).or_default() += 1;
            }
        }
    }
    let (speaker, expected) = quotes_by
        .iter()
        .max_by_key(|(name, n)| (**n, std::cmp::Reverse((*name).clone())))
        .map(|(name, n)| (name.clone(), *n))
        .expect("the extractors attribute at least one quote in the bundled reports");
    let said = jsonl(&run(&["query", "--db", db, "--format", "jsonl", "said", "--by", &speaker]).0);
    assert_eq!(said.len(), expected.min(100), "said --by {speaker}");
    for q in &said {
        assert_eq!(lower(&q["speaker"]).as_deref(), Some(speaker.as_str()));
        let text = &text_of[q["doc_id"].as_str().expect("doc_id")];
        let quoted = q["text"].as_str().expect("quote text");
        assert!(!quoted.is_empty());
        assert_eq!(chars(text, &q["span"]), quoted, "quote span points at its text");
        assert!(q["sentence"].as_str().expect("sentence").contains(quoted));
    }
    let dates: Vec<&str> = said.iter().filter_map(|q| q["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "said is newest first: {dates:?}");

    // actors: every named person extract finds, with their quote counts.
    let actors = jsonl(&run(&["query", "--db", db, "--format", "jsonl", "actors", "--limit", "1000"]).0);
    let actor_quotes: BTreeMap<String, i64> = actors
        .iter()
        .map(|a| (lower(&a["name"]).expect("actor name"), a["quotes"].as_i64().expect("quotes")))
        .collect();
    for (_, r) in &records {
        for e in list(r, "entities") {
            let name = lower(&e["name"]).expect("entity name");
            assert!(actor_quotes.contains_key(&name), "actors lacks {name}");
        }
    }
    assert_eq!(actor_quotes[&speaker], expected as i64, "actors' quote count for {speaker}");

    // issues: the issues of extract's stances and events, with stance counts.
    let issues = jsonl(&run(&["query", "--db", db, "--format", "jsonl", "issues"]).0);
    let mut expected_issues: BTreeMap<String, i64> = BTreeMap::new();
    for (_, r) in &records {
        for s in list(r, "stances") {
            *expected_issues.entry(s["issue"].as_str().expect("issue").to_string()).or_default() += 1;
        }
    }
    let found_issues: BTreeMap<String, i64> = issues
        .iter()
        .filter(|i| i["stances"].as_i64() > Some(0))
        .map(|i| (i["issue"].as_str().expect("issue").to_string(), i["stances"].as_i64().expect("count")))
        .collect();
    assert_eq!(found_issues, expected_issues, "issues with stances");

    // timeline of each stance holder: their stances, oldest first, each a
    // span of its report.
    let holders: BTreeSet<String> = records
        .iter()
        .flat_map(|(_, r)| list(r, "stances").iter().filter_map(|s| lower(&s["holder_name"])))
        .collect();
    for holder in &holders {
        let want = records
            .iter()
            .flat_map(|(_, r)| list(r, "stances"))
            .filter(|s| lower(&s["holder_name"]).as_ref() == Some(holder))
            .count();
        let rows = jsonl(&run(&["query", "--db", db, "--format", "jsonl", "timeline", "--actor", holder]).0);
        assert_eq!(rows.len(), want.min(100), "timeline --actor {holder}");
        for s in &rows {
            let text = &text_of[s["doc_id"].as_str().expect("doc_id")];
            assert_eq!(chars(text, &s["span"]), s["text"].as_str().expect("stance text"));
            assert!(["for", "against", "neutral"].contains(&s["polarity"].as_str().expect("polarity")));
        }
        let dates: Vec<&str> = rows.iter().filter_map(|s| s["date"].as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "timeline is oldest first: {dates:?}");
    }

    // events: every record, each a span of its report; counts add up.
    let events = jsonl(&run(&["query", "--db", db, "--format", "jsonl", "events", "--period", "year"]).0);
    let (counted, rows): (Vec<&Value>, Vec<&Value>) = events.iter().partition(|e| e["row"] == "count");
    let n_events = total(&records, "events");
    assert_eq!(rows.len(), n_events.min(100));
    assert_eq!(counted.iter().map(|c| c["count"].as_i64().expect("count")).sum::<i64>(), n_events as i64);
    for e in &rows {
        let text = &text_of[e["doc_id"].as_str().expect("doc_id")];
        assert_eq!(chars(text, &e["span"]), e["text"].as_str().expect("event text"));
    }

    // export: JSON Lines of quotes hold the extracted texts; CSV of
    // entities has the table's header and one row per extracted entity.
    let exported = jsonl(&run(&["export", "--db", db, "--table", "quotes", "--format", "jsonl"]).0);
    let stored: BTreeSet<&str> = exported.iter().map(|q| q["text"].as_str().expect("text")).collect();
    for (_, r) in &records {
        for q in list(r, "quotes") {
            assert!(stored.contains(q["text"].as_str().expect("text")), "export lacks quote {q}");
        }
    }
    let csv = csv_rows(&run(&["export", "--db", db, "--table", "entities", "--format", "csv"]).0);
    let header = &csv[0];
    let name_col = header.iter().position(|h| h == "name").expect("a name column");
    assert!(header.iter().any(|h| h == "type") && header.iter().any(|h| h == "document"));
    assert_eq!(csv.len() - 1, total(&records, "entities"));
    let csv_names: BTreeSet<&str> = csv[1..].iter().map(|row| row[name_col].as_str()).collect();
    for (_, r) in &records {
        for e in list(r, "entities") {
            assert!(csv_names.contains(e["name"].as_str().expect("name")));
        }
    }
    assert!(csv[1..].iter().all(|row| row.len() == header.len()), "every CSV row has every column");
}

/// Drops the columns that say when a row was written (they differ by run).
fn without_times(rows: Vec<Value>) -> Vec<Value> {
    rows.into_iter()
        .map(|mut row| {
            if let Some(o) = row.as_object_mut() {
                for column in ["ingested_at", "applied_at", "description"] {
                    o.remove(column);
                }
            }
            row
        })
        .collect()
}

#[test]
fn postgres_store_answers_as_the_sqlite_file_does() {
    let Some(base) = dateline_store::testing::postgres_test_url("postgres_store_answers_as_the_sqlite_file_does") else {
        return;
    };
    // A fresh schema of its own, so runs and other tests do not meet.
    let schema = "dateline_test_cli";
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("DATELINE_TEST_POSTGRES accepts connections");
    admin
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        .expect("can create a schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");

    let files = wire_reports();
    let file_args: Vec<&str> = files.iter().map(|f| f.to_str().expect("utf-8 path")).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("store.db");
    let file = file.to_str().expect("utf-8 path");
    for db in [file, url.as_str()] {
        // Two batches, then the whole set again: only the rest is stored.
        let mut first = vec!["ingest", "--db", db, "--batch", "1"];
        first.extend(&file_args[..1]);
        run(&first);
        let mut all = vec!["ingest", "--db", db, "--batch", "2"];
        all.extend(&file_args);
        let (_, summary) = run(&all);
        assert!(
            summary.contains(&format!("{} stored, 1 already stored", files.len() - 1)),
            "{db}: {summary}"
        );
    }

    // Every question, in every output format, prints the same.
    let actors = jsonl(&run(&["query", "--db", file, "--format", "jsonl", "actors", "--limit", "5"]).0);
    assert!(!actors.is_empty(), "the bundled reports name actors");
    let mut questions: Vec<Vec<String>> = vec![
        vec!["actors".into(), "--limit".into(), "1000".into()],
        vec!["issues".into()],
        vec!["events".into(), "--period".into(), "day".into()],
        vec!["events".into(), "--period".into(), "year".into(), "--records".into()],
        vec!["shifts".into(), "--by-country".into()],
    ];
    for a in &actors {
        let name = a["name"].as_str().expect("actor name").to_string();
        let surname = name.split_whitespace().last().unwrap_or(&name).to_string();
        questions.push(vec!["said".into(), "--by".into(), name.clone()]);
        questions.push(vec!["said".into(), "--by".into(), surname, "--limit".into(), "3".into(), "--offset".into(), "1".into()]);
        questions.push(vec!["timeline".into(), "--actor".into(), name.clone()]);
        questions.push(vec!["shifts".into(), "--actor".into(), name.clone(), "--period".into(), "day".into()]);
        if let Some(country) = a["country"].as_str() {
            questions.push(vec!["said".into(), "--by".into(), country.into(), "--from".into(), "2000".into()]);
            questions.push(vec!["events".into(), "--source".into(), country.into()]);
        }
    }
    for question in &questions {
        for format in ["table", "jsonl", "csv"] {
            let ask = |db: &str| {
                let mut args = vec!["query", "--db", db, "--format", format];
                args.extend(question.iter().map(String::as_str));
                run(&args).0
            };
            assert_eq!(ask(&url), ask(file), "query {question:?} --format {format}");
        }
    }
    for table in ["documents", "entities", "mentions", "quotes", "events", "stances", "facts", "schema_version"] {
        let export = |db: &str| without_times(jsonl(&run(&["export", "--db", db, "--table", table]).0));
        let rows = export(file);
        assert_eq!(export(&url), rows, "export --table {table}");
        if table != "schema_version" {
            assert!(!rows.is_empty() || table == "facts", "{table} is empty");
        }
    }
    let csv = |db: &str| csv_rows(&run(&["export", "--db", db, "--table", "quotes", "--format", "csv"]).0);
    assert_eq!(csv(&url), csv(file));

    // A wrong URL is named, without its password.
    let out = bin()
        .args(["query", "--db", "postgres://who:hunter2@127.0.0.1:1/none", "issues"])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("who:***@127.0.0.1:1") && !stderr.contains("hunter2"), "{stderr}");
}
