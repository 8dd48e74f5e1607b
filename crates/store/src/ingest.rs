//! Writing records: one transaction per batch, one content hash per document.

use std::collections::HashMap;

use dateline_record::{content_id, Record};
use rusqlite::{params, Transaction};

use crate::backend::{Db, Param};
use crate::{pg, Result, Store};

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
        let conn = match &mut self.db {
            Db::Sqlite(conn) => conn,
            Db::Postgres(client) => return pg::ingest_batch(client.get_mut(), batch),
        };
        let tx = conn.transaction()?;
        let mut stats = IngestStats::default();
        for (text, record) in batch {
            match insert_document(&tx, text, record)? {
                Some(rows) => {
                    stats.stored += 1;
                    stats.rows += rows;
                }
                None => stats.duplicates += 1,
            }
        }
        tx.commit()?;
        Ok(stats)
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

/// Inserts one document and its records; `None` when its text was stored before.
fn insert_document(tx: &Transaction<'_>, text: &str, r: &Record) -> Result<Option<usize>> {
    let hash = content_id(text);
    let record_json = serde_json::to_string(r)?;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO documents(doc_id, content_hash, source, date, dateline, title, text, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(content_hash) DO NOTHING",
        )?
        .execute(params![r.id, hash, r.source, r.date, r.dateline, r.title, text, record_json])?;
    if inserted == 0 {
        return Ok(None);
    }
    let doc = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![doc, r.title, text])?;
    let mut rows = 0;

    // Local entity ids ("E1") → row ids, and the facts quotes/stances copy.
    let mut entity_rows: HashMap<&str, (i64, &str, Option<&str>)> = HashMap::new();
    {
        let mut ins_entity = tx.prepare_cached(
            "INSERT INTO entities(document, local_id, name, name_lower, surname, type, country, sector, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut ins_mention = tx.prepare_cached("INSERT INTO mentions(document, entity, start, end, is_name) VALUES (?1, ?2, ?3, ?4, ?5)")?;
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
            entity_rows.insert(e.id.as_str(), (id, e.name.as_str(), e.country.as_deref()));
            rows += 1;
            for (spans, is_name) in [(&e.mentions, true), (&e.references, false)] {
                for [a, b] in spans {
                    ins_mention.execute(params![doc, id, *a as i64, *b as i64, is_name])?;
                    rows += 1;
                }
            }
        }
    }
    let entity = |local: Option<&String>| local.and_then(|l| entity_rows.get(l.as_str())).copied();

    {
        let mut ins_quote = tx.prepare_cached(
            "INSERT INTO quotes(document, idx, kind, start, end, text, speaker, speaker_name, speaker_lower, speaker_surname, speaker_country, cue, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut ins_fts = tx.prepare_cached(
            "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?1, ?2, ?3)",
        )?;
        for (i, q) in r.quotes.iter().enumerate() {
            let speaker = entity(q.speaker.as_ref());
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
            ins_fts.execute(params![tx.last_insert_rowid(), q.text, name])?;
            rows += 1;
        }
    }

    {
        let mut ins_event = tx.prepare_cached(
            "INSERT INTO events(document, idx, type, mode, source_entity, source_country, target_entity, target_country, date, place, start, end, text, status, issue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for (i, e) in r.events.iter().enumerate() {
            let source = entity(e.source.entity.as_ref());
            let target = entity(e.target.entity.as_ref());
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

    {
        let mut ins_stance = tx.prepare_cached(
            "INSERT INTO stances(document, idx, holder, holder_name, holder_lower, holder_surname, holder_country, target, issue, polarity, start, end, text, quote, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for (i, s) in r.stances.iter().enumerate() {
            let holder = entity(s.holder.as_ref());
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

    {
        let mut ins_fact = tx.prepare_cached(
            "INSERT INTO facts(document, idx, kind, text, value, unit, qualifier, of, holder, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
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
                entity(f.holder.as_ref()).map(|h| h.0),
                f.span[0] as i64,
                f.span[1] as i64
            ])?;
            rows += 1;
        }
    }
    Ok(Some(rows))
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
