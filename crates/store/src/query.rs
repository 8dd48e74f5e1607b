//! The analyst's questions: who said what, stances over time, where they
//! shift, events between two countries, and what the store holds.
//!
//! Actors are matched the way people name them: a three-letter upper-case
//! code is an ISO 3166-1 alpha-3 country (matching the speaker's/holder's
//! country); anything else is a name, matched case-insensitively against the
//! full name or the surname ("hegseth" finds "Pete Hegseth").

use std::collections::BTreeMap;

use dateline_record::Record;
use serde::Serialize;

use crate::backend::{sqlite_row, Db, Dialect, Param, Row, Value};
use crate::ingest::surname_of;
use crate::{Result, Store, StoreError, TABLES};

/// Results returned when the caller gives no limit.
pub const DEFAULT_LIMIT: usize = 100;
/// The most rows one query returns.
pub const MAX_LIMIT: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// ISO 3166-1 alpha-3 code.
    Country(String),
    /// A name, lower-cased; matches full name or surname.
    Name(String),
}

impl Actor {
    pub fn parse(text: &str) -> Result<Actor> {
        let t = text.trim();
        if t.is_empty() || t.len() > 200 {
            return Err(StoreError::Invalid {
                what: "actor",
                why: "give a name (1-200 characters) or an ISO-3 country code".into(),
            });
        }
        if t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Actor::Country(t.to_string()))
        } else {
            Ok(Actor::Name(t.to_lowercase()))
        }
    }
}

/// What to call a document in a list: its title, or else the start of its
/// first line of text (after a wire header's `>>`), cut at a word.
pub fn headline(title: Option<&str>, text: &str) -> String {
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let line = line.split_once(">>").map_or(line, |(_, rest)| rest).trim();
    const MAX: usize = 90;
    if line.chars().count() <= MAX {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':']);
    format!("{cut}…")
}

/// Checks a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` bound.
pub fn parse_date(text: &str) -> Result<String> {
    let t = text.trim();
    let ok = matches!(t.len(), 4 | 7 | 10)
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        Ok(t.to_string())
    } else {
        Err(StoreError::Invalid {
            what: "date",
            why: format!("{t:?} is not YYYY, YYYY-MM or YYYY-MM-DD"),
        })
    }
}

/// An upper date bound includes the whole day/month/year it names.
fn upper_bound(to: &Option<String>) -> Option<String> {
    to.as_ref().map(|t| format!("{t}\u{10FFFF}"))
}

/// Turns free text into an FTS5 query that means "all these words": each
/// word becomes a quoted string, so no user text is read as FTS syntax.
pub fn fts_query(text: &str) -> Result<String> {
    let words: Vec<String> = search_words(text)?.iter().map(|w| format!("\"{w}\"")).collect();
    Ok(words.join(" "))
}

/// The words of a search (at most 32): runs of letters and digits.
pub fn search_words(text: &str) -> Result<Vec<&str>> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .collect();
    if words.is_empty() {
        return Err(StoreError::Invalid {
            what: "search text",
            why: "it has no words".into(),
        });
    }
    Ok(words)
}

fn clamp_limit(limit: Option<usize>) -> i64 {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as i64
}

/// The deepest page start a query accepts (SQLite walks skipped rows, so a
/// far offset costs what returning them would).
pub const MAX_OFFSET: usize = 1_000_000;

fn clamp_offset(offset: Option<usize>) -> i64 {
    offset.unwrap_or(0).min(MAX_OFFSET) as i64
}

/// Time buckets for counts and shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    Day,
    #[default]
    Month,
    Year,
}

impl Period {
    pub fn parse(text: &str) -> Result<Period> {
        match text {
            "day" => Ok(Period::Day),
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            _ => Err(StoreError::Invalid {
                what: "period",
                why: format!("{text:?} is not day, month or year"),
            }),
        }
    }
    fn of(self, date: Option<&str>) -> String {
        let Some(d) = date else {
            return "undated".to_string();
        };
        let n = match self {
            Period::Day => 10,
            Period::Month => 7,
            Period::Year => 4,
        };
        d.get(..n).unwrap_or(d).to_string()
    }
}

#[derive(Debug, Clone, Default)]
pub struct SaidQuery {
    pub by: String,
    pub about: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
    /// Rows skipped before the first returned (the next page starts at
    /// `offset + limit`).
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteRow {
    pub quote_id: i64,
    /// Index of the quote in its document's record.
    pub idx: i64,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_country: Option<String>,
    pub kind: String,
    pub cue: Option<String>,
    pub text: String,
    pub sentence: String,
    pub document: i64,
    pub doc_id: String,
    pub source: String,
    pub span: [i64; 2],
}

pub const QUOTE_COLUMNS: &[&str] = &[
    "date",
    "speaker",
    "speaker_country",
    "kind",
    "cue",
    "text",
    "sentence",
    "source",
    "doc_id",
    "span",
];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StanceRow {
    pub stance_id: i64,
    /// Index of the stance in its document's record.
    pub idx: i64,
    pub date: Option<String>,
    pub holder: Option<String>,
    pub holder_country: Option<String>,
    pub issue: String,
    pub target: String,
    pub polarity: String,
    pub text: String,
    pub document: i64,
    pub doc_id: String,
    pub source: String,
    pub span: [i64; 2],
}

pub const STANCE_COLUMNS: &[&str] = &[
    "date",
    "holder",
    "holder_country",
    "issue",
    "polarity",
    "target",
    "text",
    "source",
    "doc_id",
    "span",
];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Shift {
    pub actor: String,
    pub issue: String,
    pub from_period: String,
    pub from_polarity: String,
    pub to_period: String,
    pub to_polarity: String,
    pub before: Vec<StanceRow>,
    pub after: Vec<StanceRow>,
}

pub const SHIFT_COLUMNS: &[&str] = &[
    "actor",
    "issue",
    "from_period",
    "from_polarity",
    "to_period",
    "to_polarity",
    "before",
    "after",
];

#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub source: Option<String>,
    pub target: Option<String>,
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub period: Period,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRow {
    pub event_id: i64,
    /// Index of the event in its document's record.
    pub idx: i64,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    pub status: String,
    pub place: Option<String>,
    pub text: String,
    pub document: i64,
    pub doc_id: String,
    pub source: String,
    pub span: [i64; 2],
}

pub const EVENT_COLUMNS: &[&str] = &[
    "date",
    "type",
    "source_country",
    "target_country",
    "status",
    "text",
    "source",
    "doc_id",
    "span",
];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventCount {
    pub period: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub count: i64,
}

pub const EVENT_COUNT_COLUMNS: &[&str] = &["period", "type", "count"];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventsReport {
    pub counts: Vec<EventCount>,
    pub records: Vec<EventRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
    pub documents: i64,
    pub quotes: i64,
    pub stances: i64,
}

pub const ACTOR_COLUMNS: &[&str] = &["name", "type", "country", "documents", "quotes", "stances"];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IssueSummary {
    pub issue: String,
    pub stances: i64,
    pub for_: i64,
    pub against: i64,
    pub events: i64,
    pub first: Option<String>,
    pub last: Option<String>,
}

pub const ISSUE_COLUMNS: &[&str] = &[
    "issue", "stances", "for_", "against", "events", "first", "last",
];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    /// `document` or `quote`.
    pub kind: String,
    pub document: i64,
    pub doc_id: String,
    pub title: Option<String>,
    /// The title, or the start of the text when there is none.
    pub headline: String,
    pub date: Option<String>,
    pub source: String,
    /// Matched words are wrapped in U+0001 … U+0002 (escape the text, then
    /// turn the markers into highlighting).
    pub snippet: String,
    pub quote_idx: Option<i64>,
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentSummary {
    pub document: i64,
    pub doc_id: String,
    pub title: Option<String>,
    /// The title, or the start of the text when there is none.
    pub headline: String,
    pub date: Option<String>,
    pub source: String,
    pub dateline: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredDocument {
    pub document: i64,
    pub doc_id: String,
    pub source: String,
    pub date: Option<String>,
    pub text: String,
    pub record: Record,
}

/// The sentence around `[start, end)` (code points) in `window`, which
/// starts at code point `window_start` of the document: from after the last
/// sentence end before the span to the first one after it.
fn sentence_around(window: &str, window_start: i64, start: i64, end: i64) -> String {
    let chars: Vec<char> = window.chars().collect();
    let a = ((start - window_start).max(0) as usize).min(chars.len());
    let b = ((end - window_start).max(0) as usize).clamp(a, chars.len());
    let is_end = |i: usize| {
        let c = chars[i];
        c == '\n'
            || ((c == '.' || c == '?' || c == '!')
                && chars.get(i + 1).is_some_and(|n| n.is_whitespace()))
    };
    let mut s = a;
    while s > 0 && !is_end(s - 1) {
        s -= 1;
    }
    let mut e = b;
    while e < chars.len() && !is_end(e) {
        e += 1;
    }
    if e < chars.len() && chars[e] != '\n' {
        e += 1;
    }
    chars[s..e].iter().collect::<String>().trim().to_string()
}

/// `WHERE` condition matching an actor on the given columns, and its value (?1).
fn actor_clause(actor: &Actor, lower: &str, surname: &str, country: &str) -> (String, String) {
    match actor {
        Actor::Country(c) => (format!("{country} = ?1"), c.clone()),
        // One word is a surname (or a one-word name, which is its own
        // surname); several words are the full name. Either way one index
        // column, so results stream in date order from the index.
        Actor::Name(n) if n.contains(char::is_whitespace) => (format!("{lower} = ?1"), n.clone()),
        Actor::Name(n) => (format!("{surname} = ?1"), n.clone()),
    }
}

/// How much text around a quote is read to find its sentence.
const SENTENCE_WINDOW: i64 = 600;

/// `ORDER BY` suffixes that make PostgreSQL sort NULL as SQLite does
/// (lowest: first going up, last going down).
fn nulls_first(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "",
        Dialect::Postgres => " NULLS FIRST",
    }
}

fn nulls_last(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "",
        Dialect::Postgres => " NULLS LAST",
    }
}

/// The full-text query parameter for the dialect: FTS5's quoted words, or
/// the bare words for PostgreSQL's `plainto_tsquery` (which ANDs them).
fn text_query(dialect: Dialect, text: &str) -> Result<String> {
    match dialect {
        Dialect::Sqlite => fts_query(text),
        Dialect::Postgres => Ok(search_words(text)?.join(" ")),
    }
}

/// Quotes by ?1 (actor), from ?2, to ?3, matching the text query ?4, limit
/// ?5, offset ?6; only the conditions given are written, so the date range
/// uses the index.
fn said_sql(dialect: Dialect, actor: &Actor, from: bool, to: bool, about: bool, fold: &str) -> (String, String) {
    let mut conditions = String::new();
    if from {
        conditions.push_str(" AND q.date >= ?2");
    }
    if to {
        conditions.push_str(" AND q.date <= ?3");
    }
    if about {
        match dialect {
            Dialect::Sqlite => conditions
                .push_str(" AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?4)"),
            Dialect::Postgres => conditions.push_str(
                &format!(" AND q.id IN (SELECT id FROM quotes_fts WHERE vector @@ plainto_tsquery('simple', {fold}(?4)))"),
            ),
        }
    }
    let (who, arg) = actor_clause(
        actor,
        "q.speaker_lower",
        "q.speaker_surname",
        "q.speaker_country",
    );
    let max = match dialect {
        Dialect::Sqlite => "max",
        Dialect::Postgres => "greatest",
    };
    let nulls = nulls_last(dialect);
    // PostgreSQL's substr takes INTEGER positions, not BIGINT.
    let (int, int_end) = match dialect {
        Dialect::Sqlite => ("", ""),
        Dialect::Postgres => ("CAST(", " AS INTEGER)"),
    };
    let sql = format!(
        "SELECT q.id, q.date, q.speaker_name, q.speaker_country, q.kind, q.cue, q.text, q.document, d.doc_id, d.source, q.start, q.\"end\",
                {max}(q.start - {SENTENCE_WINDOW}, 0) AS w0,
                substr(d.text, {int}{max}(q.start - {SENTENCE_WINDOW}, 0) + 1{int_end}, {int}q.\"end\" - {max}(q.start - {SENTENCE_WINDOW}, 0) + {SENTENCE_WINDOW}{int_end}),
                q.idx
         FROM quotes q JOIN documents d ON d.id = q.document
         WHERE {who}{conditions}
         ORDER BY q.date DESC{nulls}, q.id DESC LIMIT ?5 OFFSET ?6"
    );
    (sql, arg)
}

/// Stances of ?1 (actor) on issue ?2 (when `issue`), oldest first, limit ?3,
/// offset ?4.
fn timeline_sql(dialect: Dialect, actor: &Actor, issue: bool) -> (String, String) {
    let on_issue = if issue { " AND s.issue = ?2" } else { "" };
    let (who, arg) = actor_clause(
        actor,
        "s.holder_lower",
        "s.holder_surname",
        "s.holder_country",
    );
    let nulls = nulls_first(dialect);
    let sql = format!(
        "SELECT {STANCE_SELECT} FROM stances s JOIN documents d ON d.id = s.document
         WHERE {who}{on_issue}
         ORDER BY s.date{nulls}, s.id LIMIT ?3 OFFSET ?4"
    );
    (sql, arg)
}

/// The filter of an events question: only the conditions given, so the
/// dyad index serves them; values bound in order (`?1`, `?2`, …).
fn event_filter(q: &EventQuery, from: Option<String>, to: Option<String>) -> (String, Vec<Param>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    let given = [
        ("e.source_country", "=", q.source.clone()),
        ("e.target_country", "=", q.target.clone()),
        ("e.type", "=", q.kind.clone()),
        ("e.date", ">=", from),
        ("e.date", "<=", to),
    ];
    for (column, op, value) in given {
        if let Some(v) = value {
            values.push(Param::Text(v));
            conditions.push(format!("{column} {op} ?{}", values.len()));
        }
    }
    let filter = if conditions.is_empty() {
        "1 = 1".to_string()
    } else {
        conditions.join(" AND ")
    };
    (filter, values)
}

/// The event records query; its limit is parameter `?{limit_param}`.
fn events_sql(dialect: Dialect, filter: &str, limit_param: usize) -> String {
    let nulls = nulls_last(dialect);
    format!(
        "SELECT {EVENT_SELECT} FROM events e JOIN documents d ON d.id = e.document WHERE {filter} ORDER BY e.date DESC{nulls}, e.id DESC LIMIT ?{limit_param}"
    )
}

impl Store {
    fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// PostgreSQL's accent-folding function for search text (see
    /// `pg::detect_fold`), or `""`; SQLite's tokenizer folds by itself.
    fn fold(&self) -> &'static str {
        match &self.db {
            Db::Postgres(pg) => pg.try_borrow().map_or("", |pg| pg.fold),
            Db::Sqlite(_) => "",
        }
    }

    /// Quotes by an actor, newest first.
    pub fn said(&self, q: &SaidQuery) -> Result<Vec<QuoteRow>> {
        let actor = Actor::parse(&q.by)?;
        let from = q.from.as_deref().map(parse_date).transpose()?;
        let to = q.to.as_deref().map(parse_date).transpose()?;
        let about = q.about.as_deref().map(|t| text_query(self.dialect(), t)).transpose()?;
        let (sql, arg) = said_sql(self.dialect(), &actor, from.is_some(), to.is_some(), about.is_some(), self.fold());
        let params = [
            Param::Text(arg),
            from.into(),
            upper_bound(&to).into(),
            about.into(),
            clamp_limit(q.limit).into(),
            clamp_offset(q.offset).into(),
        ];
        self.db
            .rows(&sql, &params)?
            .iter()
            .map(|r| {
                let start = r.int(10)?;
                let end = r.int(11)?;
                let w0 = r.int(12)?;
                let window = r.opt_text(13)?.unwrap_or_default();
                Ok(QuoteRow {
                    quote_id: r.int(0)?,
                    idx: r.int(14)?,
                    date: r.opt_text(1)?,
                    speaker: r.opt_text(2)?,
                    speaker_country: r.opt_text(3)?,
                    kind: r.text(4)?,
                    cue: r.opt_text(5)?,
                    text: r.text(6)?,
                    sentence: sentence_around(&window, w0, start, end),
                    document: r.int(7)?,
                    doc_id: r.text(8)?,
                    source: r.text(9)?,
                    span: [start, end],
                })
            })
            .collect()
    }

    /// An actor's stances, oldest first (optionally on one issue), one page:
    /// `limit` rows (default [`DEFAULT_LIMIT`]) after skipping `offset`.
    pub fn timeline(
        &self,
        actor: &str,
        issue: Option<&str>,
        limit: Option<usize>,
        offset: Option<usize>,
    ) -> Result<Vec<StanceRow>> {
        let actor = Actor::parse(actor)?;
        let (sql, arg) = timeline_sql(self.dialect(), &actor, issue.is_some());
        let params = [
            Param::Text(arg),
            issue.into(),
            clamp_limit(limit).into(),
            clamp_offset(offset).into(),
        ];
        self.db.rows(&sql, &params)?.iter().map(stance_row).collect()
    }

    /// Where an actor's (or, for a country code or `by_country`, a
    /// country's) polarity on an issue changes from one period to the next.
    /// A period's polarity is the majority of its stances; a tie is
    /// "mixed" and neither starts nor ends a shift.
    pub fn shifts(
        &self,
        actor: Option<&str>,
        issue: Option<&str>,
        by_country: bool,
        period: Period,
    ) -> Result<Vec<Shift>> {
        let actor = actor.map(Actor::parse).transpose()?;
        let by_country = by_country || matches!(actor, Some(Actor::Country(_)));
        let stances = match &actor {
            Some(a) => {
                let (sql, arg) = timeline_sql(self.dialect(), a, issue.is_some());
                let params = [Param::Text(arg), issue.into(), (MAX_LIMIT as i64).into(), 0.into()];
                self.db.rows(&sql, &params)?
            }
            None => {
                let on_issue = if issue.is_some() { "WHERE s.issue = ?1" } else { "" };
                let nulls = nulls_first(self.dialect());
                let sql = format!(
                    "SELECT {STANCE_SELECT} FROM stances s JOIN documents d ON d.id = s.document
                     {on_issue} ORDER BY s.issue, s.date{nulls}, s.id LIMIT {MAX_LIMIT}"
                );
                let params: Vec<Param> = issue.map(Param::from).into_iter().collect();
                self.db.rows(&sql, &params)?
            }
        };
        let stances = stances.iter().map(stance_row).collect::<Result<Vec<_>>>()?;
        // (actor, issue) → period → stances, all in date order.
        let mut groups: BTreeMap<(String, String), BTreeMap<String, Vec<StanceRow>>> =
            BTreeMap::new();
        for s in stances {
            let who = if by_country {
                s.holder_country.clone()
            } else {
                s.holder.clone()
            };
            let Some(who) = who else { continue };
            let who = if by_country { who } else { who.to_lowercase() };
            let p = period.of(s.date.as_deref());
            groups
                .entry((who, s.issue.clone()))
                .or_default()
                .entry(p)
                .or_default()
                .push(s);
        }
        let mut shifts = Vec::new();
        for ((who, issue), periods) in groups {
            let mut last: Option<(String, String, Vec<StanceRow>)> = None;
            for (p, rows) in periods {
                let pro = rows.iter().filter(|s| s.polarity == "for").count();
                let con = rows.iter().filter(|s| s.polarity == "against").count();
                let polarity = match pro.cmp(&con) {
                    std::cmp::Ordering::Greater => "for",
                    std::cmp::Ordering::Less => "against",
                    std::cmp::Ordering::Equal => continue,
                };
                if let Some((lp, lpol, lrows)) = &last {
                    if lpol != polarity {
                        let name = if by_country {
                            who.clone()
                        } else {
                            rows[0].holder.clone().unwrap_or_else(|| who.clone())
                        };
                        shifts.push(Shift {
                            actor: name,
                            issue: issue.clone(),
                            from_period: lp.clone(),
                            from_polarity: lpol.clone(),
                            to_period: p.clone(),
                            to_polarity: polarity.to_string(),
                            before: lrows.clone(),
                            after: rows.clone(),
                        });
                    }
                }
                last = Some((p, polarity.to_string(), rows));
            }
        }
        Ok(shifts)
    }

    /// Events between two countries: counts per period and type, and the
    /// records themselves (newest first, up to the limit).
    pub fn events(&self, q: &EventQuery) -> Result<EventsReport> {
        let from = q.from.as_deref().map(parse_date).transpose()?;
        let to = q.to.as_deref().map(parse_date).transpose()?;
        for code in [&q.source, &q.target].into_iter().flatten() {
            if !matches!(Actor::parse(code)?, Actor::Country(_)) {
                return Err(StoreError::Invalid {
                    what: "country",
                    why: format!("{code:?} is not an ISO-3 code such as USA"),
                });
            }
        }
        let (filter, mut values) = event_filter(q, from, upper_bound(&to));
        let n = match q.period {
            Period::Day => 10,
            Period::Month => 7,
            Period::Year => 4,
        };
        let sql = format!(
            "SELECT coalesce(substr(e.date, 1, {n}), 'undated') AS p, e.type, count(*) FROM events e WHERE {filter}
             GROUP BY p, e.type ORDER BY p, e.type"
        );
        let counts = self
            .db
            .rows(&sql, &values)?
            .iter()
            .map(|r| {
                Ok(EventCount {
                    period: r.text(0)?,
                    kind: r.text(1)?,
                    count: r.int(2)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        values.push(clamp_limit(q.limit).into());
        let sql = events_sql(self.dialect(), &filter, values.len());
        let records = self.db.rows(&sql, &values)?.iter().map(event_row).collect::<Result<_>>()?;
        Ok(EventsReport { counts, records })
    }

    /// Events of one document, in order.
    pub fn document_events(&self, document: i64) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_SELECT} FROM events e JOIN documents d ON d.id = e.document WHERE e.document = ?1 ORDER BY e.idx"
        );
        self.db.rows(&sql, &[document.into()])?.iter().map(event_row).collect()
    }

    /// Named actors the store holds, most documents first.
    pub fn actors(&self, limit: Option<usize>) -> Result<Vec<ActorSummary>> {
        let sql = "SELECT max(e.name), max(e.type), max(e.country), count(DISTINCT e.document),
                    (SELECT count(*) FROM quotes q WHERE q.speaker_lower = e.name_lower),
                    (SELECT count(*) FROM stances s WHERE s.holder_lower = e.name_lower)
             FROM entities e GROUP BY e.name_lower ORDER BY 4 DESC, 1 LIMIT ?1";
        self.db
            .rows(sql, &[clamp_limit(limit).into()])?
            .iter()
            .map(|r| {
                Ok(ActorSummary {
                    name: r.text(0)?,
                    kind: r.text(1)?,
                    country: r.opt_text(2)?,
                    documents: r.int(3)?,
                    quotes: r.int(4)?,
                    stances: r.int(5)?,
                })
            })
            .collect()
    }

    /// Issues with stances or events, most stances first.
    pub fn issues(&self) -> Result<Vec<IssueSummary>> {
        // Sums cast to BIGINT: PostgreSQL widens a sum of BIGINTs to NUMERIC.
        let sql = "SELECT issue, CAST(sum(st) AS BIGINT), CAST(sum(pro) AS BIGINT), CAST(sum(con) AS BIGINT), CAST(sum(ev) AS BIGINT), min(first), max(last) FROM (
                 SELECT issue, count(*) AS st, sum(CASE WHEN polarity = 'for' THEN 1 ELSE 0 END) AS pro,
                        sum(CASE WHEN polarity = 'against' THEN 1 ELSE 0 END) AS con, 0 AS ev, min(date) AS first, max(date) AS last
                   FROM stances GROUP BY issue
                 UNION ALL
                 SELECT issue, 0, 0, 0, count(*), min(date), max(date) FROM events WHERE issue IS NOT NULL GROUP BY issue) AS by_table
             GROUP BY issue ORDER BY 2 DESC, 5 DESC, 1";
        self.db
            .rows(sql, &[])?
            .iter()
            .map(|r| {
                Ok(IssueSummary {
                    issue: r.text(0)?,
                    stances: r.int(1)?,
                    for_: r.int(2)?,
                    against: r.int(3)?,
                    events: r.int(4)?,
                    first: r.opt_text(5)?,
                    last: r.opt_text(6)?,
                })
            })
            .collect()
    }

    /// Full-text search over document texts and quotes, best matches first.
    ///
    /// PostgreSQL matches the same words but ranks with `ts_rank` (SQLite
    /// with BM25) and cuts its own snippets, so the order of hits and the
    /// snippet text may differ between the backends; the hits do not.
    pub fn search(&self, text: &str, limit: Option<usize>) -> Result<Vec<SearchHit>> {
        let q = text_query(self.dialect(), text)?;
        let limit = clamp_limit(limit);
        let (documents_sql, quotes_sql) = match self.dialect() {
            Dialect::Sqlite => (
                "SELECT d.id, d.doc_id, d.title, d.date, d.source, snippet(documents_fts, 1, char(1), char(2), '…', 16), substr(d.text, 1, 400)
                 FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2"
                    .to_string(),
                "SELECT d.id, d.doc_id, d.title, d.date, d.source, highlight(quotes_fts, 0, char(1), char(2)), substr(d.text, 1, 400), q.idx, q.speaker_name
                 FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN documents d ON d.id = q.document
                 WHERE quotes_fts MATCH ?1 ORDER BY rank LIMIT ?2"
                    .to_string(),
            ),
            Dialect::Postgres => (
                format!(
                    "SELECT d.id, d.doc_id, d.title, d.date, d.source,
                            ts_headline('simple', d.text, query, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
                            substr(d.text, 1, 400)
                     FROM documents_fts f JOIN documents d ON d.id = f.id, plainto_tsquery('simple', {fold}(?1)) AS query
                     WHERE f.vector @@ query ORDER BY ts_rank(f.vector, query) DESC, d.id LIMIT ?2",
                    fold = self.fold()
                ),
                format!(
                    "SELECT d.id, d.doc_id, d.title, d.date, d.source,
                            ts_headline('simple', q.text, query, 'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)),
                            substr(d.text, 1, 400), q.idx, q.speaker_name
                     FROM quotes_fts f JOIN quotes q ON q.id = f.id JOIN documents d ON d.id = q.document, plainto_tsquery('simple', {fold}(?1)) AS query
                     WHERE f.vector @@ query ORDER BY ts_rank(f.vector, query) DESC, q.id LIMIT ?2",
                    fold = self.fold()
                ),
            ),
        };
        let params = [Param::Text(q), limit.into()];
        // Both queries share their first seven columns; a quote hit adds its
        // index and speaker after them.
        let hit = |kind: &str, r: &Row| -> Result<SearchHit> {
            let title = r.opt_text(2)?;
            let is_quote = kind == "quote";
            Ok(SearchHit {
                kind: kind.into(),
                document: r.int(0)?,
                doc_id: r.text(1)?,
                headline: headline(title.as_deref(), &r.text(6)?),
                title,
                date: r.opt_text(3)?,
                source: r.text(4)?,
                snippet: r.text(5)?,
                quote_idx: if is_quote { r.opt_int(7)? } else { None },
                speaker: if is_quote { r.opt_text(8)? } else { None },
            })
        };
        let mut hits = Vec::new();
        for r in self.db.rows(&documents_sql, &params)? {
            hits.push(hit("document", &r)?);
        }
        for r in self.db.rows(&quotes_sql, &params)? {
            hits.push(hit("quote", &r)?);
        }
        Ok(hits)
    }

    /// Documents, newest first, `offset` rows in.
    pub fn documents(&self, limit: Option<usize>, offset: usize) -> Result<Vec<DocumentSummary>> {
        let sql = format!(
            "SELECT id, doc_id, title, date, source, dateline, substr(text, 1, 400) FROM documents ORDER BY date DESC{}, id DESC LIMIT ?1 OFFSET ?2",
            nulls_last(self.dialect())
        );
        let params = [clamp_limit(limit).into(), (offset.min(i64::MAX as usize) as i64).into()];
        self.db
            .rows(&sql, &params)?
            .iter()
            .map(|r| {
                Ok(DocumentSummary {
                    document: r.int(0)?,
                    doc_id: r.text(1)?,
                    title: r.opt_text(2)?,
                    headline: headline(r.opt_text(2)?.as_deref(), &r.text(6)?),
                    date: r.opt_text(3)?,
                    source: r.text(4)?,
                    dateline: r.opt_text(5)?,
                })
            })
            .collect()
    }

    /// One document with its text and record, by row number.
    pub fn document(&self, document: i64) -> Result<Option<StoredDocument>> {
        let rows = self.db.rows(
            "SELECT id, doc_id, source, date, text, record FROM documents WHERE id = ?1",
            &[document.into()],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        Ok(Some(StoredDocument {
            document: r.int(0)?,
            doc_id: r.text(1)?,
            source: r.text(2)?,
            date: r.opt_text(3)?,
            text: r.text(4)?,
            record: serde_json::from_str(&r.text(5)?)?,
        }))
    }

    /// The column names of an exportable table.
    pub fn columns(&self, table: &str) -> Result<Vec<String>> {
        let Some(table) = TABLES.iter().find(|t| **t == table) else {
            return Err(StoreError::UnknownTable(table.to_string()));
        };
        let sql = format!("SELECT * FROM {table} LIMIT 0");
        match &self.db {
            Db::Sqlite(conn) => {
                let stmt = conn.prepare(&sql)?;
                Ok(stmt.column_names().iter().map(|c| c.to_string()).collect())
            }
            Db::Postgres(_) => self.db.pg()?.column_names(&sql),
        }
    }

    /// Writes every row of `table` as JSON objects (one per `row` call), in
    /// row order. Column names are the table's.
    pub fn export(
        &self,
        table: &str,
        mut row: impl FnMut(&[String], Vec<serde_json::Value>) -> Result<()>,
    ) -> Result<usize> {
        let Some(table) = TABLES.iter().find(|t| **t == table) else {
            return Err(StoreError::UnknownTable(table.to_string()));
        };
        match &self.db {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
                let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
                let mut rows = stmt.query([])?;
                let mut n = 0;
                while let Some(r) = rows.next()? {
                    let values = sqlite_row(r, columns.len())?.0.iter().map(Value::to_json).collect();
                    row(&columns, values)?;
                    n += 1;
                }
                Ok(n)
            }
            Db::Postgres(_) => {
                // Every table's rowid is its integer key: `id`, or `version`.
                let key = if *table == "schema_version" { "version" } else { "id" };
                let columns = self.columns(table)?;
                let mut pg = self.db.pg()?;
                pg.for_each_row(&format!("SELECT * FROM {table} ORDER BY {key}"), |r| {
                    row(&columns, r.0.iter().map(Value::to_json).collect())
                })
            }
        }
    }

    /// The query plan SQLite picks for `sql` (one line per step), for
    /// checking that questions use indexes. Parameters are bound to text.
    /// (SQLite only: PostgreSQL plans depend on its statistics and are
    /// read with its own `EXPLAIN`.)
    pub fn explain(&self, sql: &str) -> Result<Vec<String>> {
        let Db::Sqlite(conn) = &self.db else {
            return Err(StoreError::Invalid {
                what: "question",
                why: "query plans are read only from SQLite stores".into(),
            });
        };
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let values: Vec<String> = (0..stmt.parameter_count())
            .map(|_| "x".to_string())
            .collect();
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The plans of the questions asked by actor or dyad, as this crate
    /// issues them: `(question, plan)`.
    pub fn question_plans(&self) -> Result<Vec<(String, String)>> {
        let dialect = self.dialect();
        let mut out = Vec::new();
        for actor in [Actor::Name("x".into()), Actor::Name("x y".into()), Actor::Country("XXX".into())] {
            for (from, to, about) in [(false, false, false), (true, true, false), (false, false, true)] {
                let plan = self.explain(&said_sql(dialect, &actor, from, to, about, "").0)?.join(" | ");
                out.push((format!("said {actor:?} from={from} to={to} about={about}"), plan));
            }
            for issue in [false, true] {
                let plan = self.explain(&timeline_sql(dialect, &actor, issue).0)?.join(" | ");
                out.push((format!("timeline {actor:?} issue={issue}"), plan));
            }
        }
        let dyad = EventQuery {
            source: Some("XXX".into()),
            target: Some("YYY".into()),
            ..Default::default()
        };
        let (filter, values) = event_filter(&dyad, None, None);
        out.push((
            "events by dyad".into(),
            self.explain(&events_sql(dialect, &filter, values.len() + 1))?.join(" | "),
        ));
        let source = EventQuery {
            source: Some("XXX".into()),
            ..Default::default()
        };
        let (filter, values) = event_filter(&source, None, None);
        out.push((
            "events by source".into(),
            self.explain(&events_sql(dialect, &filter, values.len() + 1))?.join(" | "),
        ));
        Ok(out)
    }
}

const STANCE_SELECT: &str =
    "s.id, s.date, s.holder_name, s.holder_country, s.issue, s.target, s.polarity, s.text, s.document, d.doc_id, d.source, s.start, s.\"end\", s.idx";

fn stance_row(r: &Row) -> Result<StanceRow> {
    Ok(StanceRow {
        stance_id: r.int(0)?,
        idx: r.int(13)?,
        date: r.opt_text(1)?,
        holder: r.opt_text(2)?,
        holder_country: r.opt_text(3)?,
        issue: r.text(4)?,
        target: r.text(5)?,
        polarity: r.text(6)?,
        text: r.text(7)?,
        document: r.int(8)?,
        doc_id: r.text(9)?,
        source: r.text(10)?,
        span: [r.int(11)?, r.int(12)?],
    })
}

const EVENT_SELECT: &str =
    "e.id, e.date, e.type, e.mode, e.source_country, e.target_country, e.status, e.place, e.text, e.document, d.doc_id, d.source, e.start, e.\"end\", e.idx";

fn event_row(r: &Row) -> Result<EventRow> {
    Ok(EventRow {
        event_id: r.int(0)?,
        idx: r.int(14)?,
        date: r.opt_text(1)?,
        kind: r.text(2)?,
        mode: r.opt_text(3)?,
        source_country: r.opt_text(4)?,
        target_country: r.opt_text(5)?,
        status: r.text(6)?,
        place: r.opt_text(7)?,
        text: r.text(8)?,
        document: r.int(9)?,
        doc_id: r.text(10)?,
        source: r.text(11)?,
        span: [r.int(12)?, r.int(13)?],
    })
}

/// Surname used for matching a name the way the store does.
pub fn surname_key(name: &str) -> String {
    surname_of(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_parsing() {
        assert_eq!(Actor::parse("USA").unwrap(), Actor::Country("USA".into()));
        assert_eq!(
            Actor::parse(" Pete Hegseth ").unwrap(),
            Actor::Name("pete hegseth".into())
        );
        assert_eq!(Actor::parse("usa").unwrap(), Actor::Name("usa".into()));
        assert!(Actor::parse("  ").is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2025-02").unwrap(), "2025-02");
        assert!(parse_date("2025-2-1").is_err());
        assert!(parse_date("'; DROP TABLE x").is_err());
    }

    #[test]
    fn fts_query_quotes_every_word() {
        assert_eq!(
            fts_query("NATO \"OR\" membership*").unwrap(),
            "\"NATO\" \"OR\" \"membership\""
        );
        assert!(fts_query("*** ()").is_err());
    }

    #[test]
    fn sentence_is_cut_at_sentence_ends() {
        let w = "First one. He said \"we go\" today. Next.";
        let start = w.find("we").unwrap() as i64;
        assert_eq!(
            sentence_around(w, 0, start, start + 5),
            "He said \"we go\" today."
        );
        assert_eq!(sentence_around("xx. ab", 10, 14, 16), "ab");
    }

    #[test]
    fn headline_is_title_or_start_of_text() {
        assert_eq!(headline(Some(" T "), "x"), "T");
        assert_eq!(headline(None, "\n date 2026-03-04 GENEVA >> Brazil accused the EU.\nMore."), "Brazil accused the EU.");
        let long = "word ".repeat(40);
        let h = headline(None, &long);
        assert!(h.ends_with("word…") && h.chars().count() <= 91, "{h}");
    }

    #[test]
    fn periods_cut_dates() {
        assert_eq!(Period::Month.of(Some("2025-02-12")), "2025-02");
        assert_eq!(Period::Year.of(None), "undated");
    }
}
