//! The store end to end over hand-written fixture records: ingesting
//! (idempotent, crash-safe by batch), every question, index use, and
//! opening a store file written by an earlier build.

mod common;

use dateline_store::*;

fn filled() -> Store {
    let mut store = Store::in_memory().unwrap();
    let reports = common::reports();
    let stats = store
        .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
        .unwrap();
    assert_eq!(stats.stored, 3);
    store
}

/// A copy of the fixture store of schema `version` in a fresh temporary
/// folder (kept alive by the returned guard), so a test may migrate it.
fn fixture_copy(version: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(format!("store-v{version}.db"));
    std::fs::copy(format!("{}/tests/fixtures/store-v{version}.db", env!("CARGO_MANIFEST_DIR")), &copy).unwrap();
    (dir, copy)
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .counts()
        .unwrap()
        .into_iter()
        .find(|(t, _)| t == table)
        .unwrap()
        .1
}

#[test]
fn refreshing_statistics_gives_the_planner_row_counts() {
    let store = filled();
    let conn = store.sqlite_connection().unwrap();
    let analysed = |conn: &rusqlite::Connection| -> i64 {
        let exists: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'", [], |r| r.get(0)).unwrap();
        if exists == 0 {
            return 0;
        }
        conn.query_row("SELECT count(DISTINCT tbl) FROM sqlite_stat1 WHERE tbl IN ('quotes', 'stances', 'events')", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(analysed(conn), 0, "a fresh store has no statistics");
    store.refresh_statistics().unwrap();
    assert_eq!(analysed(conn), 3, "the tables the questions read are analysed");
    let kessler = || store.said(&SaidQuery { by: "Kessler".into(), ..Default::default() }).unwrap().into_iter().map(|r| r.text).collect::<Vec<_>>();
    let before = kessler();
    assert_eq!(before.len(), 2);
    store.refresh_statistics().unwrap();
    assert_eq!(kessler(), before, "answers do not change");
}

#[test]
fn ingesting_twice_stores_once() {
    let mut store = filled();
    let before = store.counts().unwrap();
    let reports = common::reports();
    let again = store
        .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
        .unwrap();
    assert_eq!(
        again,
        IngestStats {
            stored: 0,
            duplicates: 3,
            rows: 0
        }
    );
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.contains_text(&reports[0].0).unwrap());
}

#[test]
fn rerun_after_an_interrupted_run_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let reports = common::reports();
    {
        // The first run got through one batch before it was stopped.
        let mut store = Store::open(&path).unwrap();
        store
            .ingest_batch(reports[..1].iter().map(|(t, r)| (t.as_str(), r)))
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let stats = store
        .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
        .unwrap();
    assert_eq!((stats.stored, stats.duplicates), (2, 1));
    assert_eq!(store.counts().unwrap(), filled().counts().unwrap());
}

fn journal_mode(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_first_load_skips_the_wal_and_ends_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let reports = common::reports();
    let mut store = Store::open(&path).unwrap();
    assert!(store.begin_bulk_load().unwrap(), "an empty store with one connection loads in bulk");
    let conn = store.sqlite_connection().unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "truncate");
    store.ingest_batch(reports[..1].iter().map(|(t, r)| (t.as_str(), r))).unwrap();
    store.ingest_batch(reports[1..].iter().map(|(t, r)| (t.as_str(), r))).unwrap();
    store.end_bulk_load().unwrap();
    drop(store);
    assert_eq!(journal_mode(&path), "wal");
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.counts().unwrap(), filled().counts().unwrap());
    let said = |s: &Store| s.said(&SaidQuery { by: "Kessler".into(), ..Default::default() }).unwrap();
    assert_eq!(said(&store), said(&filled()));
}

#[test]
fn a_store_with_documents_or_readers_keeps_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let reports = common::reports();
    {
        let mut store = Store::open(&path).unwrap();
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(reader.counts().unwrap()[0], ("documents".to_string(), 0));
        assert!(!store.begin_bulk_load().unwrap(), "another connection has the file open");
        store.ingest_batch(reports[..1].iter().map(|(t, r)| (t.as_str(), r))).unwrap();
        store.end_bulk_load().unwrap();
    }
    assert_eq!(journal_mode(&path), "wal");
    let mut store = Store::open(&path).unwrap();
    assert!(!store.begin_bulk_load().unwrap(), "the store already holds documents");
    assert!(!Store::in_memory().unwrap().begin_bulk_load().unwrap(), "a store in memory has no journal file");
    store.ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r))).unwrap();
    drop(store);
    assert_eq!(journal_mode(&path), "wal");
}

#[test]
fn a_first_load_stopped_midway_reruns_to_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let reports = common::reports();
    {
        // One batch committed, then the process ended without going back
        // to WAL.
        let mut store = Store::open(&path).unwrap();
        assert!(store.begin_bulk_load().unwrap());
        store.ingest_batch(reports[..1].iter().map(|(t, r)| (t.as_str(), r))).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert!(!store.begin_bulk_load().unwrap());
    let stats = store.ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r))).unwrap();
    assert_eq!((stats.stored, stats.duplicates), (2, 1));
    drop(store);
    assert_eq!(journal_mode(&path), "wal", "the next writable open turns WAL back on");
    assert_eq!(Store::open_read_only(&path).unwrap().counts().unwrap(), filled().counts().unwrap());
}

#[test]
fn rows_land_in_every_table() {
    let store = filled();
    assert_eq!(count(&store, "documents"), 3);
    assert_eq!(count(&store, "entities"), 9);
    assert_eq!(count(&store, "quotes"), 3);
    assert_eq!(count(&store, "events"), 3);
    assert_eq!(count(&store, "stances"), 2);
    assert_eq!(count(&store, "facts"), 1);
    assert_eq!(count(&store, "mentions"), 10);
    assert_eq!(count(&store, "schema_version"), CURRENT_VERSION as i64);
}

#[test]
fn said_matches_full_name_surname_and_country() {
    let store = filled();
    for by in ["Ana Kessler", "kessler", "KESSLER", "FRA"] {
        let rows = store
            .said(&SaidQuery {
                by: by.into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(rows.len(), 2, "{by}");
        // Newest first, with the sentence the quote is in.
        assert_eq!(rows[0].date.as_deref(), Some("2025-04-14"));
        assert_eq!(
            rows[0].sentence,
            "\"This corridor is a trap for our farmers,\" Kessler said."
        );
        assert_eq!(rows[0].source, "fixtures/r2.txt");
    }
    assert!(store
        .said(&SaidQuery {
            by: "Ana".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    let about = store
        .said(&SaidQuery {
            by: "Kessler".into(),
            about: Some("trap".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(about.len(), 1);
    assert!(about[0].text.contains("trap"));
    let march = SaidQuery {
        by: "Kessler".into(),
        from: Some("2025-03".into()),
        to: Some("2025-03".into()),
        ..Default::default()
    };
    let rows = store.said(&march).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].date.as_deref(), Some("2025-03-03"));
    assert!(store
        .said(&SaidQuery {
            by: "Kessler".into(),
            from: Some("bad".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn timeline_and_shifts() {
    let store = filled();
    let t = store
        .timeline("Kessler", Some("grain_corridor"), None, None)
        .unwrap();
    let polarities: Vec<&str> = t.iter().map(|s| s.polarity.as_str()).collect();
    assert_eq!(polarities, ["for", "against"]);
    // Pages: one row at a time gives the same rows in the same order.
    let paged: Vec<_> = (0..3)
        .flat_map(|offset| store.timeline("Kessler", None, Some(1), Some(offset)).unwrap())
        .collect();
    assert_eq!(paged, store.timeline("Kessler", None, None, None).unwrap());
    assert_eq!(paged.len(), 2);
    let said = |limit, offset| {
        store
            .said(&SaidQuery { by: "kessler".into(), limit: Some(limit), offset: Some(offset), ..Default::default() })
            .unwrap()
    };
    assert_eq!([said(1, 0), said(1, 1)].concat(), said(2, 0));
    assert!(store
        .timeline("Kessler", Some("other_issue"), None, None)
        .unwrap()
        .is_empty());

    let shifts = store
        .shifts(Some("Kessler"), None, false, Period::Month)
        .unwrap();
    assert_eq!(shifts.len(), 1);
    let s = &shifts[0];
    assert_eq!(
        (s.from_period.as_str(), s.from_polarity.as_str()),
        ("2025-03", "for")
    );
    assert_eq!(
        (s.to_period.as_str(), s.to_polarity.as_str()),
        ("2025-04", "against")
    );
    assert_eq!(s.before[0].doc_id, "r1");
    assert_eq!(s.after[0].doc_id, "r2");
    // The country's polarity shifts too; within one year it does not.
    assert_eq!(
        store
            .shifts(Some("FRA"), Some("grain_corridor"), false, Period::Month)
            .unwrap()[0]
            .actor,
        "FRA"
    );
    assert!(store
        .shifts(None, None, false, Period::Year)
        .unwrap()
        .is_empty());
    assert_eq!(
        store.shifts(None, None, true, Period::Month).unwrap().len(),
        1
    );
}

#[test]
fn events_between_countries_count_by_period() {
    let store = filled();
    let q = EventQuery {
        source: Some("FRA".into()),
        target: Some("DEU".into()),
        ..Default::default()
    };
    let report = store.events(&q).unwrap();
    assert_eq!(report.records.len(), 2);
    assert_eq!(
        report.counts,
        vec![
            EventCount {
                period: "2025-04".into(),
                kind: "ACCUSE".into(),
                count: 1
            },
            EventCount {
                period: "2025-04".into(),
                kind: "CONSULT".into(),
                count: 1
            },
        ]
    );
    let typed = store
        .events(&EventQuery {
            kind: Some("ACCUSE".into()),
            period: Period::Year,
            ..q.clone()
        })
        .unwrap();
    assert_eq!(
        typed.counts,
        vec![EventCount {
            period: "2025".into(),
            kind: "ACCUSE".into(),
            count: 1
        }]
    );
    assert!(store
        .events(&EventQuery {
            source: Some("France".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn actors_issues_search_documents() {
    let store = filled();
    let actors = store.actors(None).unwrap();
    let france = actors.iter().find(|a| a.name == "France").unwrap();
    assert_eq!(france.documents, 3);
    let kessler = actors.iter().find(|a| a.name == "Ana Kessler").unwrap();
    assert_eq!((kessler.quotes, kessler.stances), (2, 2));
    let issues = store.issues().unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (issues[0].issue.as_str(), issues[0].for_, issues[0].against),
        ("grain_corridor", 1, 1)
    );

    let hits = store.search("corridor trap", None).unwrap();
    assert!(hits
        .iter()
        .any(|h| h.kind == "document" && h.doc_id == "r2"));
    assert!(hits
        .iter()
        .any(|h| h.kind == "quote" && h.snippet.contains("\u{1}trap\u{2}")));
    assert!(store
        .search("\"unbalanced (( NEAR", None)
        .unwrap()
        .is_empty());

    let docs = store.documents(None, 0).unwrap();
    assert_eq!(docs[0].doc_id, "r3");
    let d = store.document(docs[0].document).unwrap().unwrap();
    assert_eq!(d.record.quotes[0].text, "Nothing is decided,");
    assert!(store.document(999).unwrap().is_none());
}

#[test]
fn export_gives_every_column() {
    let store = filled();
    let mut seen = Vec::new();
    let n = store
        .export("facts", |cols, vals| {
            seen.push(cols.iter().cloned().zip(vals).collect::<Vec<_>>());
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 1);
    let row: std::collections::HashMap<_, _> = seen[0].iter().cloned().collect();
    assert_eq!(row["text"], "about 200 farmers");
    assert_eq!(row["value"], "200");
    assert!(matches!(
        store.export("sqlite_master", |_, _| Ok(())),
        Err(StoreError::UnknownTable(_))
    ));
}

#[test]
fn questions_use_indexes() {
    let store = filled();
    for (question, plan) in store.question_plans().unwrap() {
        assert!(
            plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"),
            "{question}: {plan}"
        );
        // A full scan of a stored table (the FTS virtual table's MATCH is not one).
        for step in plan.split(" | ") {
            let scanned = step
                .strip_prefix("SCAN ")
                .and_then(|rest| rest.split_whitespace().next());
            assert!(
                !matches!(
                    scanned,
                    Some("quotes" | "stances" | "events" | "documents" | "q" | "s" | "e" | "d")
                ),
                "{question}: {plan}"
            );
        }
    }
    let plan = store
        .explain("SELECT id FROM documents WHERE content_hash = ?1")
        .unwrap()
        .join(" ");
    assert!(plan.contains("sqlite_autoindex_documents"), "{plan}");
}

/// The fixture store was written by this crate at schema version 2 (see
/// `write_fixture`); every later version must still read it.
#[test]
fn opens_a_store_written_by_an_earlier_build() {
    let (_dir, copy) = fixture_copy(2);
    {
        let ro = Store::open_read_only(&copy).unwrap();
        assert_eq!(
            ro.said(&SaidQuery {
                by: "kessler".into(),
                ..Default::default()
            })
            .unwrap()
            .len(),
            2
        );
    }
    let mut store = Store::open(&copy).unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    assert_eq!(store.timeline("FRA", None, None, None).unwrap().len(), 2);
    assert_eq!(
        store
            .search("corridor", None)
            .unwrap()
            .iter()
            .filter(|h| h.kind == "quote")
            .count(),
        2
    );
    let reports = common::reports();
    assert_eq!(
        store
            .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
            .unwrap()
            .duplicates,
        3
    );
}

#[test]
fn migrating_a_version_1_store_indexes_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let store = Store::open_at(&path, 1).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
        store
            .sqlite_connection()
            .unwrap()
            .execute(
                "INSERT INTO documents(doc_id, content_hash, source, text, record) VALUES ('old', 'h', 's', 'an archived ceasefire report', '{}')",
                [],
            )
            .unwrap();
        assert!(Store::open_read_only(&path).is_err());
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    let hits = store.search("ceasefire", None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "old");
}

#[test]
fn a_newer_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    rusqlite_user_version(&path, CURRENT_VERSION + 1);
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { .. })));
}

fn rusqlite_user_version(path: &std::path::Path, v: u32) {
    let store = Store::open(path).unwrap();
    store
        .sqlite_connection()
            .unwrap()
        .pragma_update(None, "user_version", v)
        .unwrap();
}

/// The indexes a migrated version-2 fixture keeps and drops at version 4:
/// the questions' indexes stay, the ones nothing reads are gone, and the
/// answers are those of the fresh store.
#[test]
fn migrating_to_version_4_drops_only_unread_indexes() {
    let (_dir, copy) = fixture_copy(2);
    let store = Store::open(&copy).unwrap();
    let fresh = filled();
    let indexes = |s: &Store| -> Vec<String> {
        let conn = s.sqlite_connection().unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(indexes(&store), indexes(&fresh));
    for gone in ["mentions_entity", "mentions_document", "entities_document", "entities_surname"] {
        assert!(!indexes(&store).iter().any(|i| i == gone), "{gone}");
    }
    for kept in ["quotes_speaker_surname", "stances_holder_lower_date", "events_dyad", "entities_name"] {
        assert!(indexes(&store).iter().any(|i| i == kept), "{kept}");
    }
    assert_eq!(store.question_plans().unwrap(), fresh.question_plans().unwrap());
    let said = |s: &Store| {
        s.said(&SaidQuery { by: "kessler".into(), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|q| (q.text, q.date))
            .collect::<Vec<_>>()
    };
    assert_eq!(said(&store), said(&fresh));
    assert_eq!(store.actors(None).unwrap(), fresh.actors(None).unwrap());
}

/// The fixture written by this build's schema opens and answers.
#[test]
fn opens_a_current_version_fixture() {
    let (_dir, copy) = fixture_copy(4);
    let ro = Store::open_read_only(&copy).unwrap();
    assert_eq!(ro.schema_version().unwrap(), 4);
    assert_eq!(ro.said(&SaidQuery { by: "kessler".into(), ..Default::default() }).unwrap().len(), 2);
    assert_eq!(ro.timeline("FRA", None, None, None).unwrap().len(), 2);
}

/// Writes `tests/fixtures/store-vN.db` for the current version N (older
/// fixtures stay, to test migrating them). Run once per schema version:
/// `cargo test -p dateline-store --test store write_fixture -- --ignored`.
#[test]
#[ignore]
fn write_fixture() {
    let store = filled();
    let out = format!(
        "{}/tests/fixtures/store-v{CURRENT_VERSION}.db",
        env!("CARGO_MANIFEST_DIR")
    );
    let _ = std::fs::remove_file(&out);
    store.sqlite_connection().unwrap().execute("VACUUM INTO ?1", [&out]).unwrap();
}

#[test]
fn said_streams_newest_first_from_the_index() {
    let store = filled();
    for (question, plan) in store.question_plans().unwrap() {
        let streams = (question.starts_with("said") && question.contains("about=false"))
            || question.starts_with("timeline");
        if streams {
            assert!(!plan.contains("TEMP B-TREE"), "{question}: {plan}");
        }
    }
}
