//! `dateline eval` and `dateline bench` through the real binary, on files
//! of this repository (no shared gold needed).

mod common;

use common::*;
use serde_json::Value;

fn json_of(out: std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("--json prints one JSON object")
}

#[test]
fn eval_scores_a_brat_folder_with_records_or_by_extracting() {
    let brat = repo_root().join("crates/eval/tests/fixtures/brat");
    // extraction run on the BRAT texts themselves
    let scores = json_of(run(bin().args(["eval", "--json", "--gold"]).arg(&brat)));
    assert_eq!(scores["quotes"]["gold"], 2, "two speech attributions in the fixture: {scores}");
    assert_eq!(scores["documents_without_record"], 0);
    // given records, matched by id (the text file's stem)
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("r.jsonl");
    std::fs::write(&records, "{\"id\": \"velmora_storm\", \"quotes\": [{\"span\": [31, 65], \"speaker_span\": [0, 25], \"cue_span\": [26, 30]}]}\n").unwrap();
    let scores = json_of(run(bin().args(["eval", "--json", "--gold"]).arg(&brat).arg("--records").arg(&records)));
    assert_eq!(scores["quotes"]["precision"], 1.0);
    assert_eq!(scores["quotes"]["recall"], 0.5);
    assert_eq!(scores["quotes+speaker"]["recall"], 0.5);
    assert_eq!(scores["quotes+cue"]["recall"], 0.5);
}

#[test]
fn eval_text_output_has_one_line_per_measure() {
    let root = repo_root();
    let out = run(bin().current_dir(&root).args(["eval", "--gold", "examples/gold/2026-06-09-valletta-fisheries.json"]));
    let text = String::from_utf8(out.stdout).unwrap();
    for measure in ["quotes ", "quotes+speaker", "quotes.direct", "entities+type", "events", "stances", "facts"] {
        assert!(text.lines().any(|l| l.starts_with(measure) && l.contains("F1")), "{measure} in {text}");
    }
    assert!(text.contains("gold 7)"), "seven gold quotes: {text}");
}

#[test]
fn eval_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let out = bin().args(["eval", "--gold"]).arg(&missing).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.jsonl"));
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": \"a\", \"text\": \"x\"}\n{oops\n").unwrap();
    let out = bin().args(["eval", "--gold"]).arg(&bad).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("bad.jsonl:2"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bench_reports_speed_and_memory() {
    let root = repo_root();
    let wires: Vec<_> = example_pairs(&root.join("examples")).into_iter().map(|(_, w)| w).collect();
    let bytes: u64 = wires.iter().map(|w| std::fs::read_to_string(w).unwrap().len() as u64).sum();
    let v = json_of(run(bin().args(["bench", "--json", "-n", "2"]).args(&wires)));
    assert_eq!(v["documents"], wires.len());
    assert_eq!(v["bytes"], bytes);
    assert_eq!(v["seconds"].as_array().unwrap().len(), 2);
    assert!(v["mb_per_s"].as_f64().unwrap() > 0.0);
    assert!(v["documents_per_s"].as_f64().unwrap() > 0.0);
    if std::path::Path::new("/proc/self/status").exists() {
        assert!(v["peak_rss_bytes"].as_u64().unwrap() > 1_000_000);
    }
    let out = bin().args(["bench", "/nonexistent/x.txt"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/x.txt"));
}

#[test]
fn quote_spans_joined_gives_one_quote_over_an_interrupted_quotation() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("talks.txt");
    std::fs::write(&input, "Talks stalled on Monday.\n\n“We will not sign,” Foreign Minister Ana Ruiz told reporters. “Not this week.”\n").unwrap();
    let direct_quotes = |out: &std::process::Output| -> Vec<Value> {
        let record: Value = serde_json::from_slice(&out.stdout).expect("one record");
        record["quotes"].as_array().unwrap().iter().filter(|q| q["kind"] == "direct").cloned().collect()
    };
    let split = run(bin().arg("extract").arg(&input));
    let pieces = direct_quotes(&split);
    assert_eq!(pieces.len(), 2, "split by default: {pieces:?}");
    assert!(!String::from_utf8_lossy(&split.stderr).contains("quote spans"), "the default is not announced");

    let joined = run(bin().args(["extract", "--quote-spans", "joined"]).arg(&input));
    let one = direct_quotes(&joined);
    assert_eq!(one.len(), 1, "{one:?}");
    let text: Vec<char> = std::fs::read_to_string(&input).unwrap().chars().collect();
    let at = |key: &str| -> (usize, usize) {
        let s = one[0][key].as_array().unwrap();
        (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize)
    };
    let (a, b) = at("span");
    assert_eq!(text[a..b].iter().collect::<String>(), "We will not sign,” Foreign Minister Ana Ruiz told reporters. “Not this week.");
    let piece_bound = |i: usize, end: usize| pieces[i]["span"][end].as_u64().unwrap() as usize;
    assert_eq!((a, b), (piece_bound(0, 0), piece_bound(1, 1)), "first piece's start to last piece's end");
    let (ca, cb) = at("cue_span");
    assert_eq!(text[ca..cb].iter().collect::<String>(), "told");
    assert_eq!(one[0]["speaker_name"], "Ana Ruiz");
    assert!(String::from_utf8_lossy(&joined.stderr).contains("quote spans: joined"), "the choice is on the summary line");
}
