//! Writing records: one transaction per batch, one content hash per document.

use std::collections::HashMap;
use std::time::Duration;

use dateline_record::{content_id, Record};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::backend::{Db, Param};
use crate::{pg, Result, Store, BUSY_TIMEOUT};

/// WAL pages (4 KiB) after which a commit copies the WAL into the database.
const WAL_CHECKPOINT_PAGES: i64 = 16_384;

/// What one batch (or a whole run) did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestStats {
    /// Documents new to the store.
    pub stored: usize,
    /// Documents whose text was already stored (skipped, nothing written).
    pub duplicates: usize,
    /// Rows written under the new documents (entities, mentions, quotes, …).
    pub rows: usize,
}

impl IngestStats {
    pub fn add(&mut self, other: IngestStats) {
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.rows += other.rows;
    }
}

/// Thread CPU time spent in each part of storing (for `dateline ingest
/// --profile`): where a bulk load goes, measured without a profiler.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestTimings {
    /// SHA-256 of each text (the idempotence key).
    pub hashing: Duration,
    /// Serialising each record for the `documents.record` column.
    pub json: Duration,
    /// The `documents` row (and its unique-hash check).
    pub documents: Duration,
    /// Full-text index rows (FTS5) of documents and quotes.
    pub search_index: Duration,
    /// Entities, mentions, quotes, events, stances and facts rows.
    pub rows: Duration,
    /// Committing each batch (writing the WAL).
    pub commit: Duration,
}

impl IngestTimings {
    pub fn add(&mut self, other: IngestTimings) {
        self.hashing += other.hashing;
        self.json += other.json;
        self.documents += other.documents;
        self.search_index += other.search_index;
        self.rows += other.rows;
        self.commit += other.commit;
    }

    pub fn total(&self) -> Duration {
        self.hashing + self.json + self.documents + self.search_index + self.rows + self.commit
    }
}

/// CPU time of the calling thread.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// Charges the CPU time since the previous lap to one part of the storing;
/// reads no clock when nobody asked for timings.
struct Stopwatch<'t> {
    timings: Option<&'t mut IngestTimings>,
    last: Duration,
}

impl<'t> Stopwatch<'t> {
    fn new(timings: Option<&'t mut IngestTimings>) -> Self {
        let last = if timings.is_some() {
            thread_cpu_time()
        } else {
            Duration::ZERO
        };
        Stopwatch { timings, last }
    }

    fn lap(&mut self, part: fn(&mut IngestTimings) -> &mut Duration) {
        if let Some(t) = self.timings.as_deref_mut() {
            let now = thread_cpu_time();
            *part(t) += now.saturating_sub(self.last);
            self.last = now;
        }
    }
}

/// The last word of a name, lower-cased: what "surname match" compares.
pub(crate) fn surname_of(name: &str) -> String {
    name.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

impl Store {
    /// Stores a batch of `(document text, record)` pairs in one transaction.
    /// A document whose text is already stored is skipped whole.
    pub fn ingest_batch<'a>(
        &mut self,
        batch: impl IntoIterator<Item = (&'a str, &'a Record)>,
    ) -> Result<IngestStats> {
        self.ingest_batch_timed(batch, None)
    }

    /// [`Store::ingest_batch`], adding the CPU time of each part of the work
    /// to `timings` when given (SQLite only: a PostgreSQL batch's time is
    /// mostly the server's).
    pub fn ingest_batch_timed<'a>(
        &mut self,
        batch: impl IntoIterator<Item = (&'a str, &'a Record)>,
        timings: Option<&mut IngestTimings>,
    ) -> Result<IngestStats> {
        let conn = match &mut self.db {
            Db::Sqlite(conn) => conn,
            Db::Postgres(client) => return pg::ingest_batch(client.get_mut(), batch),
        };
        let mut clock = Stopwatch::new(timings);
        // Every reference the rows below hold is a row id this batch just
        // got back from SQLite, so checking it again costs a B-tree seek per
        // reference (a third of the row-writing time) and finds nothing.
        // The pragma is a no-op inside a transaction: set it around one.
        // Checkpoint (copy the WAL into the database) per 64 MB of WAL, not
        // per 4 MB: an index page rewritten by several batches in a row is
        // then copied once. Readers are unaffected; the WAL file grows more.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)?;
        let checking: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", false)?;
        let stored = insert_batch(conn, batch, &mut clock);
        conn.pragma_update(None, "foreign_keys", checking)?;
        let stats = stored?;
        clock.lap(|t| &mut t.commit);
        Ok(stats)
    }

    /// Prepares a first load: when the store is a SQLite file holding no
    /// documents and no other connection has it open, later batches are
    /// written with a rollback journal and `synchronous=OFF` instead of
    /// the write-ahead log. Each page is then written once, into the file,
    /// where the WAL writes it into the log and copies it again at each
    /// checkpoint (committing was a fifth of the storing time). Returns
    /// whether it switched; call [`Store::end_bulk_load`] after the last
    /// batch to go back to WAL.
    ///
    /// Why only an empty store: a batch is still one transaction, and a
    /// process that is killed leaves its journal behind, so the next open
    /// rolls the unfinished batch back and a re-run stores only what is
    /// missing, as in WAL mode. What `synchronous=OFF` gives up is
    /// durability across an operating-system crash or power loss, which
    /// may leave the file corrupt: acceptable only for a store that held
    /// nothing before the run (delete it and run again), never for one
    /// with earlier data. Readers are not shut out, but while a batch
    /// commits they wait for it (and it for them), as in any rollback
    /// journal mode; a server already reading the file keeps the store
    /// in WAL mode.
    pub fn begin_bulk_load(&mut self) -> Result<bool> {
        let Db::Sqlite(conn) = &self.db else {
            return Ok(false);
        };
        if self.bulk_load {
            return Ok(true);
        }
        let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| r.get(0))?;
        if !empty {
            return Ok(false);
        }
        // Leaving WAL needs the only connection to the file; with another
        // open, SQLite refuses (busy) and the store stays in WAL.
        conn.busy_timeout(Duration::ZERO)?;
        let mode = conn.query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get::<_, String>(0));
        conn.busy_timeout(BUSY_TIMEOUT)?;
        match mode {
            Ok(m) if m.eq_ignore_ascii_case("truncate") => {}
            Ok(_) | Err(rusqlite::Error::SqliteFailure(_, _)) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        conn.pragma_update(None, "synchronous", "OFF")?;
        self.bulk_load = true;
        Ok(true)
    }

    /// Ends a load begun by [`Store::begin_bulk_load`]: back to WAL and
    /// `synchronous=NORMAL` (a no-op when it did not switch). A store left
    /// in the bulk-load journal (the process ended first) still opens and
    /// answers; the next writable open turns WAL back on.
    pub fn end_bulk_load(&mut self) -> Result<()> {
        let Db::Sqlite(conn) = &self.db else {
            return Ok(());
        };
        if !self.bulk_load {
            return Ok(());
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        self.bulk_load = false;
        Ok(())
    }

    /// Whether a document with this exact text is stored.
    pub fn contains_text(&self, text: &str) -> Result<bool> {
        let hash = content_id(text);
        let rows = self
            .db
            .rows("SELECT 1 FROM documents WHERE content_hash = ?1", &[Param::Text(hash)])?;
        Ok(!rows.is_empty())
    }
}

/// One batch in one transaction, table by table.
fn insert_batch<'a>(
    conn: &mut rusqlite::Connection,
    batch: impl IntoIterator<Item = (&'a str, &'a Record)>,
    clock: &mut Stopwatch<'_>,
) -> Result<IngestStats> {
    let tx = conn.transaction()?;
    set_search_index_memory(&tx)?;
    let mut stats = IngestStats::default();
    let mut docs = Vec::new();
    for (text, record) in batch {
        match insert_document(&tx, text, record, clock)? {
            Some(doc) => docs.push(doc),
            None => stats.duplicates += 1,
        }
    }
    stats.stored = docs.len();
    let mut mentions = Vec::new();
    stats.rows += insert_entities(&tx, &mut docs, &mut mentions)?;
    stats.rows += mentions.len();
    insert_mentions(&tx, &mentions)?;
    let (rows, quotes) = insert_records(&tx, &docs)?;
    stats.rows += rows;
    clock.lap(|t| &mut t.rows);
    insert_search_index(&tx, &docs, &quotes)?;
    clock.lap(|t| &mut t.search_index);
    tx.commit()?;
    Ok(stats)
}

/// Bytes of new full-text postings each FTS5 table keeps in memory before
/// writing them out as a segment (FTS5's default is 1 MiB): a 2000-document
/// batch then makes one segment per table instead of several, and merging
/// them later costs less.
const SEARCH_INDEX_MEMORY: i64 = 32 << 20;

/// Sets [`SEARCH_INDEX_MEMORY`] in both FTS5 tables' configuration (stored
/// in the file) unless it is already set.
fn set_search_index_memory(tx: &Transaction<'_>) -> Result<()> {
    for table in ["documents_fts", "quotes_fts"] {
        let current: Option<i64> = tx
            .prepare_cached(&format!("SELECT v FROM {table}_config WHERE k = 'hashsize'"))?
            .query_row([], |r| r.get(0))
            .optional()?;
        if current != Some(SEARCH_INDEX_MEMORY) {
            tx.execute(
                &format!("INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?1)"),
                [SEARCH_INDEX_MEMORY],
            )?;
        }
    }
    Ok(())
}

/// A mentions row: document, entity, start, end, is_name.
type MentionRow = [i64; 5];

/// Mentions rows per INSERT statement. Mentions are half of all rows and
/// need no row id back, so they are written at the end of the batch many
/// to a statement: a statement's run opens the table and index cursors
/// once, which costs as much as inserting a row.
const MENTIONS_PER_INSERT: usize = 64;

fn insert_mentions(tx: &Transaction<'_>, rows: &[MentionRow]) -> Result<()> {
    const ONE: &str =
        "INSERT INTO mentions(document, entity, start, end, is_name) VALUES (?, ?, ?, ?, ?)";
    let mut chunks = rows.chunks_exact(MENTIONS_PER_INSERT);
    if chunks.len() > 0 {
        let many = format!(
            "{ONE}{}",
            ", (?, ?, ?, ?, ?)".repeat(MENTIONS_PER_INSERT - 1)
        );
        let mut insert = tx.prepare_cached(&many)?;
        for chunk in &mut chunks {
            insert.execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
        }
    }
    let mut insert = tx.prepare_cached(ONE)?;
    for row in chunks.remainder() {
        insert.execute(*row)?;
    }
    Ok(())
}

/// A document stored in this batch, whose other rows are written after the
/// batch's documents and entities (see [`Store::ingest_batch_timed`]).
struct StoredDoc<'a> {
    id: i64,
    text: &'a str,
    record: &'a Record,
    /// Local entity ids ("E1") → row id, name and country (the facts quotes
    /// and stances copy).
    entities: HashMap<&'a str, EntityRow<'a>>,
}

type EntityRow<'a> = (i64, &'a str, Option<&'a str>);

impl<'a> StoredDoc<'a> {
    fn entity(&self, local: Option<&String>) -> Option<EntityRow<'a>> {
        local.and_then(|l| self.entities.get(l.as_str())).copied()
    }
}

/// Inserts one document's row; `None` when its text was stored before.
fn insert_document<'a>(
    tx: &Transaction<'_>,
    text: &'a str,
    r: &'a Record,
    clock: &mut Stopwatch<'_>,
) -> Result<Option<StoredDoc<'a>>> {
    let hash = content_id(text);
    clock.lap(|t| &mut t.hashing);
    // The extraction's own JSON writer: the bytes serde_json writes, faster.
    let mut record_json = Vec::with_capacity(text.len() * 4);
    r.write_json(&mut record_json);
    let record_json = ToSqlOutput::Borrowed(ValueRef::Text(&record_json));
    clock.lap(|t| &mut t.json);
    let inserted = tx
        .prepare_cached(
            "INSERT INTO documents(doc_id, content_hash, source, date, dateline, title, text, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(content_hash) DO NOTHING",
        )?
        .execute(params![r.id, hash, r.source, r.date, r.dateline, r.title, text, record_json])?;
    clock.lap(|t| &mut t.documents);
    if inserted == 0 {
        return Ok(None);
    }
    let doc = tx.last_insert_rowid();

    Ok(Some(StoredDoc {
        id: doc,
        text,
        record: r,
        entities: HashMap::new(),
    }))
}

/// Writes the entities of the batch's documents (filling each document's
/// map from local ids to rows) and collects their mentions rows.
fn insert_entities(
    tx: &Transaction<'_>,
    docs: &mut [StoredDoc<'_>],
    mentions: &mut Vec<MentionRow>,
) -> Result<usize> {
    let mut ins_entity = tx.prepare_cached(
        "INSERT INTO entities(document, local_id, name, name_lower, surname, type, country, sector, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut rows = 0;
    for d in docs {
        let (doc, r) = (d.id, d.record);
        d.entities.reserve(r.entities.len());
        for e in &r.entities {
            ins_entity.execute(params![
                doc,
                e.id,
                e.name,
                e.name.to_lowercase(),
                surname_of(&e.name),
                e.kind,
                e.country,
                e.sector,
                e.role
            ])?;
            let id = tx.last_insert_rowid();
            d.entities
                .insert(e.id.as_str(), (id, e.name.as_str(), e.country.as_deref()));
            rows += 1;
            for (spans, is_name) in [(&e.mentions, true), (&e.references, false)] {
                for [a, b] in spans {
                    mentions.push([doc, id, *a as i64, *b as i64, is_name as i64]);
                }
            }
        }
    }
    Ok(rows)
}

/// A quote's row id, text and speaker name: its full-text index row.
type QuoteSearchRow<'a> = (i64, &'a str, Option<&'a str>);

/// Writes the quotes, events, stances and facts of the batch's documents,
/// one table after the other (each table's indexes stay in the CPU caches
/// while its rows go in); returns the rows written and the quotes' search
/// rows.
fn insert_records<'a>(
    tx: &Transaction<'_>,
    docs: &[StoredDoc<'a>],
) -> Result<(usize, Vec<QuoteSearchRow<'a>>)> {
    let mut rows = 0;
    let mut quote_rows = Vec::new();
    {
        let mut ins_quote = tx.prepare_cached(
            "INSERT INTO quotes(document, idx, kind, start, end, text, speaker, speaker_name, speaker_lower, speaker_surname, speaker_country, cue, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for d in docs {
            let (doc, r) = (d.id, d.record);
            for (i, q) in r.quotes.iter().enumerate() {
                let speaker = d.entity(q.speaker.as_ref());
                let name = q.speaker_name.as_deref().or(speaker.map(|s| s.1));
                ins_quote.execute(params![
                    doc,
                    i as i64,
                    q.kind,
                    q.span[0] as i64,
                    q.span[1] as i64,
                    q.text,
                    speaker.map(|s| s.0),
                    name,
                    name.map(str::to_lowercase),
                    name.map(surname_of),
                    speaker.and_then(|s| s.2),
                    q.cue,
                    r.date
                ])?;
                quote_rows.push((tx.last_insert_rowid(), q.text.as_str(), name));
                rows += 1;
            }
        }
    }

    {
        let mut ins_event = tx.prepare_cached(
            "INSERT INTO events(document, idx, type, mode, source_entity, source_country, target_entity, target_country, date, place, start, end, text, status, issue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for d in docs {
            let (doc, r) = (d.id, d.record);
            for (i, e) in r.events.iter().enumerate() {
                let source = d.entity(e.source.entity.as_ref());
                let target = d.entity(e.target.entity.as_ref());
                ins_event.execute(params![
                    doc,
                    i as i64,
                    e.kind,
                    e.mode,
                    source.map(|s| s.0),
                    e.source.country.as_deref().or(source.and_then(|s| s.2)),
                    target.map(|s| s.0),
                    e.target.country.as_deref().or(target.and_then(|s| s.2)),
                    e.date.as_deref().or(r.date.as_deref()),
                    e.place,
                    e.span[0] as i64,
                    e.span[1] as i64,
                    e.text,
                    e.status,
                    e.issue
                ])?;
                rows += 1;
            }
        }
    }

    {
        let mut ins_stance = tx.prepare_cached(
            "INSERT INTO stances(document, idx, holder, holder_name, holder_lower, holder_surname, holder_country, target, issue, polarity, start, end, text, quote, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for d in docs {
            let (doc, r) = (d.id, d.record);
            for (i, s) in r.stances.iter().enumerate() {
                let holder = d.entity(s.holder.as_ref());
                let name = s.holder_name.as_deref().or(holder.map(|h| h.1));
                ins_stance.execute(params![
                    doc,
                    i as i64,
                    holder.map(|h| h.0),
                    name,
                    name.map(str::to_lowercase),
                    name.map(surname_of),
                    holder.and_then(|h| h.2),
                    s.target,
                    s.issue,
                    s.polarity,
                    s.span[0] as i64,
                    s.span[1] as i64,
                    s.text,
                    s.quote.map(|q| q as i64),
                    r.date
                ])?;
                rows += 1;
            }
        }
    }

    {
        let mut ins_fact = tx.prepare_cached(
            "INSERT INTO facts(document, idx, kind, text, value, unit, qualifier, of, holder, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for d in docs {
            let (doc, r) = (d.id, d.record);
            for (i, f) in r.facts.iter().enumerate() {
                ins_fact.execute(params![
                    doc,
                    i as i64,
                    f.kind,
                    f.text,
                    f.value.to_string(),
                    f.unit,
                    f.qualifier,
                    f.of,
                    d.entity(f.holder.as_ref()).map(|h| h.0),
                    f.span[0] as i64,
                    f.span[1] as i64
                ])?;
                rows += 1;
            }
        }
    }

    Ok((rows, quote_rows))
}

/// Writes the full-text index rows of the batch's documents and quotes.
fn insert_search_index(
    tx: &Transaction<'_>,
    docs: &[StoredDoc<'_>],
    quotes: &[QuoteSearchRow<'_>],
) -> Result<()> {
    let mut ins_doc =
        tx.prepare_cached("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?;
    for d in docs {
        ins_doc.execute(params![d.id, d.record.title, d.text])?;
    }
    let mut ins_quote =
        tx.prepare_cached("INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?1, ?2, ?3)")?;
    for (id, text, name) in quotes {
        ins_quote.execute(params![id, text, name])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_is_last_word_lowercased() {
        assert_eq!(surname_of("Pete Hegseth"), "hegseth");
        assert_eq!(surname_of("Ünal"), "ünal");
        assert_eq!(surname_of(""), "");
    }
}
