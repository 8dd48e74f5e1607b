//! The offset invariant over whole corpora: for every record the real
//! extraction writes over every dev document and every example, each span
//! slices back (in code points) to the words the record gives, and every
//! entity mention, reference, speaker, cue and addressee span is inside the
//! text and names some non-blank text. Skips the dev sets (saying why) when
//! the shared gold is absent; the bundled examples are always checked.

mod common;

use std::path::Path;

use common::*;
use dateline_record::{CharSpan, Record};

/// Every problem with one record's spans over `text`.
fn span_problems(rec: &Record, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = rec.check_spans(text) {
        problems.push(e);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut check = |what: &str, [a, b]: CharSpan| {
        if a >= b || b > chars.len() {
            problems.push(format!("{what} span [{a}, {b}) is empty or outside a {}-character text", chars.len()));
        } else if chars[a..b].iter().all(|c| c.is_whitespace()) {
            problems.push(format!("{what} span [{a}, {b}) is blank"));
        }
    };
    for e in &rec.entities {
        e.mentions.iter().for_each(|m| check(&format!("mention of {}", e.name), *m));
        e.references.iter().for_each(|m| check(&format!("reference to {}", e.name), *m));
    }
    for q in &rec.quotes {
        check("quote", q.span);
        q.speaker_span.into_iter().for_each(|s| check("speaker", s));
        q.cue_span.into_iter().for_each(|s| check("cue", s));
        q.addressee_span.into_iter().for_each(|s| check("addressee", s));
    }
    rec.events.iter().for_each(|e| check("event", e.span));
    rec.stances.iter().for_each(|s| check("stance", s.span));
    rec.facts.iter().for_each(|f| check("fact", f.span));
    problems
}

fn extract(inputs: &[&Path], tmp: &Path) -> Vec<Record> {
    let out = tmp.join("records.jsonl");
    run(bin().args(["extract", "-q", "--jobs", "2", "-o"]).arg(&out).args(inputs));
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a record that is not schema-1: {e}")))
        .collect()
}

fn check_examples(dir: &Path, failures: &mut Vec<String>) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    let mut n = 0;
    for (_, wire) in example_pairs(dir) {
        let text = std::fs::read_to_string(&wire).unwrap();
        for rec in extract(&[&wire], tmp.path()) {
            failures.extend(span_problems(&rec, &text).into_iter().map(|p| format!("{}: {p}", wire.display())));
            n += 1;
        }
    }
    n
}

#[test]
fn bundled_example_spans_slice_back() {
    let mut failures = Vec::new();
    let n = check_examples(&repo_root().join("examples"), &mut failures);
    assert!(n >= 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_span_over_every_dev_document_slices_back() {
    let Some(shared) = shared_dir("every_span_over_every_dev_document_slices_back") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut records = check_examples(&shared.join("examples"), &mut failures);
    for gold in dev_sets(&shared) {
        // records come in input order, one a document (ids may repeat in a gold set)
        let texts: Vec<String> = std::fs::read_to_string(&gold)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
            .collect();
        let recs = extract(&[&gold], tmp.path());
        assert_eq!(recs.len(), texts.len(), "{}: one record per document", gold.display());
        for (rec, text) in recs.iter().zip(&texts) {
            failures.extend(span_problems(rec, text).into_iter().map(|p| format!("{} {}: {p}", stem(&gold), rec.id)));
        }
        records += recs.len();
    }
    println!("{records} records checked");
    failures.truncate(50);
    assert!(failures.is_empty(), "spans that do not slice back (first 50):\n{}", failures.join("\n"));
}
