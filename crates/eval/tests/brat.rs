//! The BRAT reader over a tiny PolNeAR-layout folder (invented text), and
//! the corpus measures over what it reads.

use std::path::PathBuf;

use dateline_eval::brat::read_brat_dir;
use dateline_eval::score_corpus;
use serde_json::json;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat")
}

#[test]
fn reads_sources_cues_and_contents_tied_by_relations() {
    let set = read_brat_dir(&fixture(), None).unwrap();
    assert!(set.warnings.is_empty(), "{:?}", set.warnings);
    assert_eq!(set.docs.len(), 1);
    let doc = &set.docs[0];
    assert_eq!(doc["id"], json!("velmora_storm"));
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let words = |v: &serde_json::Value| -> String {
        let (a, b) = (v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize);
        text[a..b].iter().collect()
    };
    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 3);
    assert_eq!(words(&quotes[0]["span"]), "the harbour would reopen on Monday");
    assert_eq!(words(&quotes[0]["speaker_span"]), "Port officials in Velmora");
    assert_eq!(words(&quotes[0]["cue_span"]), "said");
    assert_eq!(quotes[0]["speech"], json!(true));
    // the curly quote before "We" is one code point
    assert_eq!(words(&quotes[1]["span"]), "We are not finished yet,");
    assert_eq!(quotes[1]["speaker_text"], json!("Harbourmaster Oona Tisk"));
    // a belief is an attribution, not speech
    assert_eq!(words(&quotes[2]["speaker_span"]), "Residents");
    assert_eq!(quotes[2]["speech"], json!(false));
}

#[test]
fn annotator_choice_and_event_lines() {
    let set = read_brat_dir(&fixture(), Some("annB")).unwrap();
    let quotes = set.docs[0]["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["speaker_span"], json!([94, 117]));
    assert_eq!(quotes[0]["cue_span"], json!([118, 122]));
    let none = read_brat_dir(&fixture(), Some("nobody")).unwrap();
    assert!(none.docs.is_empty());
    assert!(none.warnings[0].contains("velmora_storm.txt"), "{:?}", none.warnings);
}

#[test]
fn brat_gold_scores_with_the_corpus_measures() {
    let set = read_brat_dir(&fixture(), None).unwrap();
    // one right speech quote (speaker by name), one right non-speech, one wrong
    let record = json!({"id": "velmora_storm", "quotes": [
        {"span": [68, 92], "speaker_name": "Oona Tisk", "cue_span": [118, 122]},
        {"span": [152, 173], "speaker_span": [134, 143]},
        {"span": [0, 10]}]});
    let t = score_corpus(&set.docs, &[record]);
    let q = t.get("quotes").unwrap();
    assert_eq!((q.predicted, q.gold), (3, 2));
    assert!((q.precision - 2.0 / 3.0).abs() < 1e-9);
    assert!((q.recall - 0.5).abs() < 1e-9);
    let s = t.get("quotes+speaker").unwrap();
    assert!((s.recall - 0.5).abs() < 1e-9, "{s:?}");
    assert!((t.get("quotes+cue").unwrap().recall - 0.5).abs() < 1e-9);
    assert!(read_brat_dir(&fixture().join("nowhere"), None).unwrap_err().to_string().contains("nowhere"));
}
