//! Scoring records against gold, without Python.
//!
//! Why: the project's accuracy floors, its golden tests and `dateline eval`
//! need the same numbers the independent scorer (`../shared/eval/score.py`)
//! prints; this crate re-implements its measures ([`measures`]) and reads
//! the gold formats users of the field hold ([`gold`]): JSON Lines gold
//! sets, single-report gold files and BRAT standoff attribution folders
//! (PolNeAR layout), all turned into the JSON Lines gold form so one set of
//! measures serves them all.

pub mod brat;
pub mod gold;
pub mod measures;

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::{json, Value};
use thiserror::Error;

pub use gold::{read_jsonl_gold, read_records, read_report_gold};
pub use measures::{score_corpus_doc, score_report, Counts, Prf, Tally};

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not JSON: {message}")]
    Json { path: PathBuf, line: usize, message: String },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("{path}:{line}: malformed BRAT annotation: {message}")]
    Brat { path: PathBuf, line: usize, message: String },
}

/// The key a record or gold document is matched by: its `id` as JSON (so
/// `"7"` and `7` differ, as they do for score.py).
pub fn id_key(doc: &Value) -> String {
    doc.get("id").unwrap_or(&Value::Null).to_string()
}

/// Scores a JSON Lines gold set against records matched by `id` (the last
/// record of an id wins; a gold document without record counts as missed).
pub fn score_corpus(gold: &[Value], records: &[Value]) -> Tally {
    let by_id: HashMap<String, &Value> = records.iter().map(|r| (id_key(r), r)).collect();
    let mut t = Tally::default();
    for g in gold {
        score_corpus_doc(&mut t, g, by_id.get(&id_key(g)).copied());
    }
    t
}

/// Scores several single reports, adding their counts up (score.py `many`).
pub fn score_reports<'a>(pairs: impl IntoIterator<Item = (&'a Value, &'a Value)>) -> Tally {
    let mut t = Tally::default();
    for (g, p) in pairs {
        t.merge(&score_report(g, p));
    }
    t
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The scores as score.py's `--json` prints them.
pub fn to_json(t: &Tally, corpus: bool) -> Value {
    let mut out = serde_json::Map::new();
    for (k, p) in t.results() {
        out.insert(
            k,
            json!({"precision": round3(p.precision), "recall": round3(p.recall), "f1": round3(p.f1),
                   "predicted": p.predicted, "gold": p.gold}),
        );
    }
    if corpus {
        out.insert("documents_without_record".into(), json!(t.documents_without_record));
    }
    Value::Object(out)
}

/// The scores as score.py prints them: one line per measure.
pub fn to_text(t: &Tally, corpus: bool) -> String {
    let mut s = String::new();
    for (k, p) in t.results() {
        s.push_str(&format!(
            "{k:24} P {:.3}  R {:.3}  F1 {:.3}  (predicted {}, gold {})\n",
            p.precision, p.recall, p.f1, p.predicted, p.gold
        ));
    }
    if corpus {
        s.push_str(&format!("documents_without_record: {}\n", t.documents_without_record));
    }
    s
}
