//! The same ingest and the same questions on SQLite and on PostgreSQL must
//! give the same answers (ids included), and PostgreSQL must keep the
//! store's promises on its own: idempotent ingest, versioned migrations,
//! errors that say what is wrong.
//!
//! Runs when `DATELINE_TEST_POSTGRES=postgres://USER[:PASSWORD]@HOST/DB`
//! names a database the user may create schemas in; each test works in a
//! fresh schema of its own. Without it every test prints that it skipped,
//! except under CI (`CI=true`), where a missing server is a failure.

mod common;

use std::collections::BTreeSet;

use dateline_record::Record;
use dateline_store::*;

/// A fresh, empty schema named `name` and the URL of a store inside it.
fn fresh_schema(base: &str, name: &str) -> String {
    let mut admin = postgres::Client::connect(base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to DATELINE_TEST_POSTGRES: {e:?}"));
    admin
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{name}")
}

/// The fixture reports, plus an undated one whose names sort differently
/// by byte than by any locale (the backends must agree on both).
fn reports() -> Vec<(String, Record)> {
    let mut reports = common::reports();
    let (text, mut record) = reports[0].clone();
    let text = text.replace("Monday", "Tuesday");
    record.id = "undated".into();
    record.date = None;
    if let Some(e) = record.entities.get_mut(1) {
        e.name = "Émile Ünal".into();
    }
    if let Some(e) = record.entities.get_mut(2) {
        e.name = "zeta".into();
    }
    reports.push((text, record));
    reports
}

fn ingest(store: &mut Store, reports: &[(String, Record)]) -> IngestStats {
    store
        .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
        .unwrap()
}

/// Every table's rows as JSON, without the columns that record when.
fn exported(store: &Store) -> Vec<(String, Vec<serde_json::Value>)> {
    TABLES
        .iter()
        .map(|table| {
            let mut rows = Vec::new();
            store
                .export(table, |columns, values| {
                    let row: serde_json::Map<String, serde_json::Value> = columns
                        .iter()
                        .cloned()
                        .zip(values)
                        .filter(|(c, _)| !matches!(c.as_str(), "ingested_at" | "applied_at" | "description"))
                        .collect();
                    rows.push(serde_json::Value::Object(row));
                    Ok(())
                })
                .unwrap();
            (table.to_string(), rows)
        })
        .collect()
}

/// Every question with the variations that take different SQL paths.
fn answers(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |what: &str, v: serde_json::Value| out.push(format!("{what}: {v}"));
    for by in ["Ana Kessler", "kessler", "FRA", "DEU", "nobody"] {
        for (from, to, about) in [
            (None, None, None),
            (Some("2025-03"), Some("2025-04-14"), None),
            (None, Some("2025"), Some("corridor trap")),
            (None, None, Some("conditions")),
        ] {
            for (limit, offset) in [(None, None), (Some(1), Some(1))] {
                let q = SaidQuery {
                    by: by.into(),
                    about: about.map(Into::into),
                    from: from.map(Into::into),
                    to: to.map(Into::into),
                    limit,
                    offset,
                };
                push(&format!("said {q:?}"), serde_json::to_value(store.said(&q).unwrap()).unwrap());
            }
        }
        for issue in [None, Some("grain_corridor")] {
            push(
                &format!("timeline {by} {issue:?}"),
                serde_json::to_value(store.timeline(by, issue, None, None).unwrap()).unwrap(),
            );
            push(
                &format!("timeline page {by} {issue:?}"),
                serde_json::to_value(store.timeline(by, issue, Some(1), Some(1)).unwrap()).unwrap(),
            );
        }
        for period in [Period::Day, Period::Month, Period::Year] {
            push(
                &format!("shifts {by} {period:?}"),
                serde_json::to_value(store.shifts(Some(by), None, false, period).unwrap()).unwrap(),
            );
        }
    }
    for (issue, by_country) in [(None, false), (Some("grain_corridor"), true), (Some("none"), false)] {
        push(
            &format!("shifts all {issue:?} {by_country}"),
            serde_json::to_value(store.shifts(None, issue, by_country, Period::Month).unwrap()).unwrap(),
        );
    }
    for (source, target, kind, from, to) in [
        (None, None, None, None, None),
        (Some("FRA"), Some("DEU"), None, None, None),
        (Some("FRA"), None, Some("ACCUSE"), Some("2025"), Some("2025-04")),
        (None, Some("DEU"), None, Some("2025-04-01"), None),
    ] {
        for period in [Period::Day, Period::Year] {
            let q = EventQuery {
                source: source.map(Into::into),
                target: target.map(Into::into),
                kind: kind.map(Into::into),
                from: from.map(Into::into),
                to: to.map(Into::into),
                period,
                limit: Some(50),
            };
            let report = store.events(&q).unwrap();
            push(&format!("events {q:?}"), serde_json::to_value(&report).unwrap());
        }
    }
    for document in 1..=5 {
        push(
            &format!("document_events {document}"),
            serde_json::to_value(store.document_events(document).unwrap()).unwrap(),
        );
        push(
            &format!("document {document}"),
            serde_json::to_value(store.document(document).unwrap()).unwrap(),
        );
    }
    push("actors", serde_json::to_value(store.actors(None).unwrap()).unwrap());
    push("actors 2", serde_json::to_value(store.actors(Some(2)).unwrap()).unwrap());
    push("issues", serde_json::to_value(store.issues().unwrap()).unwrap());
    push("documents", serde_json::to_value(store.documents(None, 0).unwrap()).unwrap());
    push("documents page", serde_json::to_value(store.documents(Some(2), 1).unwrap()).unwrap());
    push("counts", serde_json::to_value(store.counts().unwrap()).unwrap());
    for table in TABLES {
        push(&format!("columns {table}"), serde_json::to_value(store.columns(table).unwrap()).unwrap());
    }
    out
}

/// What a search finds, without the order and snippets (which each
/// backend's ranking decides).
fn found(store: &Store, text: &str) -> BTreeSet<(String, i64, Option<i64>, Option<String>)> {
    store
        .search(text, None)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.document, h.quote_idx, h.speaker))
        .collect()
}

#[test]
fn postgres_answers_as_sqlite_does() {
    let Some(base) = dateline_store::testing::postgres_test_url("postgres_answers_as_sqlite_does") else {
        return;
    };
    let url = fresh_schema(&base, "dateline_test_answers");
    let reports = reports();
    let mut sqlite = Store::in_memory().unwrap();
    let mut pg = Store::open(&url).unwrap();
    assert_eq!(pg.backend_name(), "postgres");
    // Two batches and a re-run, so ids depend on the history as well.
    for store in [&mut sqlite, &mut pg] {
        assert_eq!(ingest(store, &reports[..2]).stored, 2);
        let again = ingest(store, &reports);
        assert_eq!((again.stored, again.duplicates), (2, 2));
    }
    assert_eq!(exported(&pg), exported(&sqlite));
    // Parquet too, byte for byte, where no column records a time.
    for table in ["entities", "mentions", "quotes", "events", "stances", "facts"] {
        let parquet = |store: &Store| {
            let mut bytes = Vec::new();
            let rows = store.export_parquet(table, &mut bytes).unwrap();
            (rows, bytes)
        };
        let (rows, bytes) = parquet(&sqlite);
        assert!(rows > 0, "{table} is empty");
        assert_eq!(parquet(&pg), (rows, bytes), "Parquet export of {table}");
    }
    assert_eq!(pg.parquet_columns("documents").unwrap(), sqlite.parquet_columns("documents").unwrap());
    let (a, b) = (answers(&sqlite), answers(&pg));
    assert_eq!(a.len(), b.len());
    for (s, p) in a.iter().zip(&b) {
        assert_eq!(p, s, "PostgreSQL and SQLite disagree");
    }
    for text in ["corridor trap", "Kessler", "conditions", "farmers", "no such words here"] {
        assert_eq!(found(&pg, text), found(&sqlite, text), "search {text:?}");
    }
    let hits = pg.search("corridor trap", None).unwrap();
    assert!(hits.iter().any(|h| h.kind == "quote" && h.snippet.contains("\u{1}trap\u{2}")), "{hits:?}");
    assert!(pg.search("\"unbalanced (( NEAR", None).unwrap().is_empty());
    assert!(pg.search("*** ()", None).is_err());

    // A read-only handle answers the same and refuses to write.
    let mut ro = Store::open_read_only(&url).unwrap();
    assert_eq!(answers(&ro), b);
    let (text, record) = &reports[0];
    let new_text = format!("{text} And one more sentence.");
    assert!(ro.ingest_batch([(new_text.as_str(), record)]).is_err());
    assert_eq!(exported(&ro), exported(&sqlite));
}

#[test]
fn postgres_ingest_is_idempotent() {
    let Some(base) = dateline_store::testing::postgres_test_url("postgres_ingest_is_idempotent") else {
        return;
    };
    let url = fresh_schema(&base, "dateline_test_idempotent");
    let reports = reports();
    let once = {
        let mut store = Store::open(&url).unwrap();
        let stats = ingest(&mut store, &reports);
        assert_eq!((stats.stored, stats.duplicates), (reports.len(), 0));
        assert!(stats.rows > 0);
        store.refresh_statistics().unwrap();
        store.counts().unwrap()
    };
    // A run killed inside a batch: the transaction never commits.
    {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let mut tx = client.transaction().unwrap();
        tx.batch_execute("INSERT INTO documents(doc_id, content_hash, source, text, record) VALUES ('half', 'h-half', 's', 't', '{}')")
            .unwrap();
        drop(tx);
    }
    let mut store = Store::open(&url).unwrap();
    let again = ingest(&mut store, &reports);
    assert_eq!(again, IngestStats { stored: 0, duplicates: reports.len(), rows: 0 });
    assert_eq!(store.counts().unwrap(), once);
    assert!(store.contains_text(&reports[0].0).unwrap());
    assert!(!store.contains_text("never stored").unwrap());

    // The same text twice in one batch is stored once.
    let url = fresh_schema(&base, "dateline_test_twice");
    let mut store = Store::open(&url).unwrap();
    let twice = [reports[0].clone(), reports[0].clone()];
    let stats = ingest(&mut store, &twice);
    assert_eq!((stats.stored, stats.duplicates), (1, 1));
    let mut sqlite = Store::in_memory().unwrap();
    assert_eq!(ingest(&mut sqlite, &twice), stats);
    assert_eq!(exported(&store), exported(&sqlite));
}

#[test]
fn postgres_schema_is_versioned() {
    let Some(base) = dateline_store::testing::postgres_test_url("postgres_schema_is_versioned") else {
        return;
    };
    let url = fresh_schema(&base, "dateline_test_versions");
    {
        let store = Store::open_at(&url, 1).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
        // A row written before search existed is indexed by the migration.
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client
            .batch_execute(
                "INSERT INTO documents(doc_id, content_hash, source, text, record) VALUES ('old', 'h', 's', 'an archived ceasefire report', '{}')",
            )
            .unwrap();
    }
    assert!(matches!(Store::open_read_only(&url), Err(StoreError::TooOld { found: 1, .. })));
    let store = Store::open(&url).unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    let hits = store.search("ceasefire", None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "old");
    let mut versions = Vec::new();
    store
        .export("schema_version", |_, values| {
            versions.push(values[0].clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(versions, (1..=CURRENT_VERSION).map(serde_json::Value::from).collect::<Vec<_>>());
    // Opening again applies nothing.
    drop(Store::open(&url).unwrap());
    assert_eq!(Store::open(&url).unwrap().counts().unwrap().last().unwrap().1, i64::from(CURRENT_VERSION));

    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .execute(
            "INSERT INTO schema_version(version, description) VALUES ($1, 'from the future')",
            &[&i64::from(CURRENT_VERSION + 1)],
        )
        .unwrap();
    assert!(matches!(Store::open(&url), Err(StoreError::TooNew { .. })));
    assert!(matches!(Store::open_read_only(&url), Err(StoreError::TooNew { .. })));

    // An empty database is not a store until opened writable.
    let empty = fresh_schema(&base, "dateline_test_empty");
    assert!(matches!(Store::open_read_only(&empty), Err(StoreError::TooOld { found: 0, .. })));
}

#[test]
fn postgres_errors_say_what_is_wrong() {
    // These need no server.
    let bad = Store::open("postgres://user@host:notaport/db").err().unwrap();
    assert!(matches!(bad, StoreError::BadUrl { .. }), "{bad}");
    let refused = Store::open("postgresql://someone:secret@127.0.0.1:1/db?connect_timeout=2").err().unwrap();
    let message = refused.to_string();
    assert!(matches!(refused, StoreError::Connect { .. }), "{message}");
    assert!(message.contains("someone:***@127.0.0.1:1") && !message.contains("secret"), "{message}");
    assert_eq!(
        display_location(std::path::Path::new("postgres://a:pw@h/d")),
        "postgres://a:***@h/d"
    );
    assert_eq!(display_location(std::path::Path::new("store.db")), "store.db");
}

/// Search ignores accents on both backends (FTS5's `unicode61` folds them;
/// PostgreSQL's schema 4 folds with `unaccent`), whichever way the query
/// and the text write a word; and migrating a version-3 PostgreSQL store
/// folds the vectors it already holds.
#[test]
fn search_ignores_accents_on_both_backends() {
    let Some(base) = dateline_store::testing::postgres_test_url("search_ignores_accents_on_both_backends") else {
        return;
    };
    let (text, mut record) = common::reports().swap_remove(0);
    let text = format!("{text} Délégués à Zürich: \"Le café de Genève est fermé,\" dit Müller.");
    record.id = "accents".into();
    record.quotes.push(common::quote(&text, "Le café de Genève est fermé,", Some(("E1", "Ana Kessler")), "dit"));
    let report = [(text, record)];
    let queries = ["zurich", "Zürich", "ZURICH", "cafe geneve", "café", "delegues", "FERME", "muller"];

    let mut sqlite = Store::in_memory().unwrap();
    let mut pg = Store::open(&fresh_schema(&base, "dateline_test_accents")).unwrap();
    for store in [&mut sqlite, &mut pg] {
        assert_eq!(ingest(store, &report).stored, 1);
    }
    for q in queries {
        let hits = found(&sqlite, q);
        assert!(!hits.is_empty(), "SQLite finds nothing for {q:?}");
        assert_eq!(found(&pg, q), hits, "search {q:?}");
    }
    let about = |store: &Store, about: &str| {
        let by = SaidQuery { by: "kessler".into(), about: Some(about.into()), ..Default::default() };
        store.said(&by).unwrap().into_iter().map(|q| q.text).collect::<Vec<_>>()
    };
    for q in ["geneve", "Genève"] {
        assert_eq!(about(&sqlite, q), ["Le café de Genève est fermé,"]);
        assert_eq!(about(&pg, q), about(&sqlite, q), "said --about {q:?}");
    }

    let url = fresh_schema(&base, "dateline_test_accents_v3");
    {
        let mut old = Store::open_at(&url, 3).unwrap();
        assert_eq!(ingest(&mut old, &report).stored, 1);
        assert!(old.search("zurich", None).unwrap().is_empty(), "version 3 did not fold");
    }
    let migrated = Store::open(&url).unwrap();
    for q in queries {
        assert_eq!(found(&migrated, q), found(&sqlite, q), "search {q:?} after migrating");
    }
}
