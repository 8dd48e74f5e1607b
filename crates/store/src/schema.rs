//! The versioned SQLite schema and its migrations.
//!
//! Why migrations and not "create if missing": stores outlive binaries. A
//! store written by an older `dateline` must open in a newer one, so every
//! change is a numbered step applied once, in order, inside a transaction.
//! `PRAGMA user_version` says how many steps a file has had (the fast check);
//! the `schema_version` table keeps when each was applied (for people).
//! Steps are only ever appended; an applied step is never edited.

use rusqlite::{Connection, Transaction};

use crate::StoreError;

/// One migration step: version it brings the file to, what it does, its SQL.
pub struct Migration {
    pub version: u32,
    pub description: &'static str,
    pub sql: &'static str,
}

/// Version 1: the tables. Spans are Unicode code points, as in the record.
/// Quotes and stances carry their speaker's/holder's name, surname and
/// country (denormalised) so actor queries hit one index, not a join.
const V1_TABLES: &str = r#"
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    source        TEXT NOT NULL,
    date          TEXT,
    dateline      TEXT,
    title         TEXT,
    text          TEXT NOT NULL,
    record        TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    document    INTEGER NOT NULL REFERENCES documents(id),
    local_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_lower  TEXT NOT NULL,
    surname     TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    role        TEXT
);
CREATE INDEX entities_document ON entities(document);
CREATE INDEX entities_name ON entities(name_lower);
CREATE INDEX entities_surname ON entities(surname);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE mentions (
    id        INTEGER PRIMARY KEY,
    document  INTEGER NOT NULL REFERENCES documents(id),
    entity    INTEGER NOT NULL REFERENCES entities(id),
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    is_name   INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_document ON mentions(document);

CREATE TABLE quotes (
    id               INTEGER PRIMARY KEY,
    document         INTEGER NOT NULL REFERENCES documents(id),
    idx              INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    start            INTEGER NOT NULL,
    end              INTEGER NOT NULL,
    text             TEXT NOT NULL,
    speaker          INTEGER REFERENCES entities(id),
    speaker_name     TEXT,
    speaker_lower    TEXT,
    speaker_surname  TEXT,
    speaker_country  TEXT,
    cue              TEXT,
    date             TEXT
);
CREATE INDEX quotes_document ON quotes(document);
CREATE INDEX quotes_speaker_lower ON quotes(speaker_lower, date);
CREATE INDEX quotes_speaker_surname ON quotes(speaker_surname, date);
CREATE INDEX quotes_speaker_country ON quotes(speaker_country, date);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    document        INTEGER NOT NULL REFERENCES documents(id),
    idx             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    source_entity   INTEGER REFERENCES entities(id),
    source_country  TEXT,
    target_entity   INTEGER REFERENCES entities(id),
    target_country  TEXT,
    date            TEXT,
    place           TEXT,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    status          TEXT NOT NULL,
    issue           TEXT
);
CREATE INDEX events_document ON events(document);
CREATE INDEX events_dyad ON events(source_country, target_country, date);

CREATE TABLE stances (
    id              INTEGER PRIMARY KEY,
    document        INTEGER NOT NULL REFERENCES documents(id),
    idx             INTEGER NOT NULL,
    holder          INTEGER REFERENCES entities(id),
    holder_name     TEXT,
    holder_lower    TEXT,
    holder_surname  TEXT,
    holder_country  TEXT,
    target          TEXT NOT NULL,
    issue           TEXT NOT NULL,
    polarity        TEXT NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    quote           INTEGER,
    date            TEXT
);
CREATE INDEX stances_document ON stances(document);
CREATE INDEX stances_holder_lower ON stances(holder_lower, issue, date);
CREATE INDEX stances_holder_surname ON stances(holder_surname, issue, date);
CREATE INDEX stances_holder_country ON stances(holder_country, issue, date);
CREATE INDEX stances_issue ON stances(issue, date);

CREATE TABLE facts (
    id         INTEGER PRIMARY KEY,
    document   INTEGER NOT NULL REFERENCES documents(id),
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT NOT NULL,
    unit       TEXT,
    qualifier  TEXT,
    of         TEXT,
    holder     INTEGER REFERENCES entities(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL
);
CREATE INDEX facts_document ON facts(document);
"#;

/// Version 2: full-text search over documents and quotes (external-content
/// FTS5 tables, filled by the ingester and rebuilt here for older files).
const V2_SEARCH: &str = r#"
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='id');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"#;

/// Version 3: an actor's stances on every issue in date order straight from
/// an index (without these, a timeline with no issue sorted every stance
/// the actor holds before returning the first page).
const V3_TIMELINE: &str = r#"
CREATE INDEX stances_holder_lower_date ON stances(holder_lower, date);
CREATE INDEX stances_holder_surname_date ON stances(holder_surname, date);
CREATE INDEX stances_holder_country_date ON stances(holder_country, date);
"#;

/// Version 4: drops the secondary indexes no question reads. Each index
/// row costs a B-tree insert on every ingest, and these were a third of
/// the rows' indexes (mentions and entities are three quarters of all
/// rows): `said` reads the quotes' speaker indexes, `timeline` and
/// `shifts` the stances' holder indexes, `events` the dyad index,
/// `actors` the entities' name index, the document list the date index;
/// nothing looks rows up by document (a document's page reads its stored
/// record), by entity, by entity surname or country, or by `doc_id`.
/// `events_document` stays (`document_events`). A question that later
/// needs one of these gets it back in a new step.
pub(crate) const V4_LEAN_INDEXES: &str = include_str!("v4_lean_indexes.sql");

/// What step 4 does, on both backends (PostgreSQL's also folds accents in
/// search, which SQLite's FTS5 tables always did).
pub(crate) const V4_DESCRIPTION: &str =
    "drop the indexes no question reads (faster ingest); accent-insensitive search";

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "tables: documents, entities, mentions, quotes, events, stances, facts",
        sql: V1_TABLES,
    },
    Migration {
        version: 2,
        description: "full-text search over documents and quotes (FTS5)",
        sql: V2_SEARCH,
    },
    Migration {
        version: 3,
        description: "actor timelines on every issue in date order (indexes)",
        sql: V3_TIMELINE,
    },
    Migration {
        version: 4,
        description: V4_DESCRIPTION,
        sql: V4_LEAN_INDEXES,
    },
];

/// The version a fully migrated store has.
pub const CURRENT_VERSION: u32 = 4;

/// The oldest version a read-only handle answers from: later steps only add
/// or drop indexes, so an older file gives the same answers.
pub const OLDEST_READABLE: u32 = 2;

pub fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as u32)
}

/// Applies every step above the file's version, up to `target`, each in its
/// own transaction. A file newer than this binary is refused, not guessed at.
pub fn migrate(conn: &mut Connection, target: u32) -> Result<u32, StoreError> {
    let found = user_version(conn)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )",
    )?;
    for step in MIGRATIONS
        .iter()
        .filter(|m| m.version > found && m.version <= target)
    {
        let tx = conn.transaction()?;
        apply(&tx, step)?;
        tx.commit()?;
    }
    user_version(conn)
}

fn apply(tx: &Transaction<'_>, step: &Migration) -> Result<(), StoreError> {
    tx.execute_batch(step.sql)?;
    tx.execute(
        "INSERT INTO schema_version(version, description) VALUES (?1, ?2)",
        rusqlite::params![step.version, step.description],
    )?;
    tx.pragma_update(None, "user_version", step.version)?;
    Ok(())
}

/// The tables a user may export, in dependency order.
pub const TABLES: &[&str] = &[
    "documents",
    "entities",
    "mentions",
    "quotes",
    "events",
    "stances",
    "facts",
    "schema_version",
];
