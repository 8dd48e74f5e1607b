//! Property tests that run in `cargo test` what the cargo-fuzz targets in
//! `fuzz/` run for hours: arbitrary bytes through every reader and arbitrary
//! text through the full standard pipeline must never panic, and every span
//! of every record must slice back to its words.

#[path = "../src/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use std::io::Write;

use dateline_read::{read_input, Format, Input};
use dateline_record::Record;
use proptest::prelude::*;

fn analyse(text: &str) {
    let mut doc = dateline_doc::Doc::new(text.to_string(), Default::default());
    pipeline::standard_pipeline().run(&mut doc);
    let rec = Record::from_doc(&doc);
    if let Err(e) = rec.check_spans(&doc.text) {
        panic!("{e} in {text:?}");
    }
}

fn read_bytes(bytes: &[u8], name: &str, format: Format) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    let pipeline = pipeline::standard_pipeline();
    for item in read_input(&Input::Path(path), format) {
        let Ok(mut doc) = item else { continue };
        pipeline.run(&mut doc);
        let rec = Record::from_doc(&doc);
        if let Err(e) = rec.check_spans(&doc.text) {
            panic!("{e} reading {bytes:?} as {format:?}");
        }
    }
}

/// Pieces news text is made of, with the marks quote scanners trip on.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("told reporters".to_string()),
        Just("according to".to_string()),
        Just("he".to_string()),
        Just("the minister".to_string()),
        Just("President Ana Lopes".to_string()),
        Just("Russia's".to_string()),
        Just("NATO".to_string()),
        Just("about 40%".to_string()),
        Just("$3 billion".to_string()),
        Just("on Monday".to_string()),
        Just("KYIV, Ukraine —".to_string()),
        Just("date 2025-02-12 BRUSSELS >>".to_string()),
        prop::sample::select(vec!["\"", "“", "”", "‘", "’", "'", "«", "»", ",", ".", ":", "—", "-", "\n", "\n\n", "(", ")", "&amp;", "\u{a0}"])
            .prop_map(str::to_string),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,10}",
        "[0-9]{1,6}",
        "\\PC{1,4}",
    ];
    prop::collection::vec((piece, prop::bool::ANY), 0..120)
        .prop_map(|parts| parts.into_iter().map(|(p, space)| if space { p + " " } else { p }).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_on_newsy_text(text in newsy_text()) {
        analyse(&text);
    }

    #[test]
    fn pipeline_never_panics_on_any_text(text in "\\PC{0,400}") {
        analyse(&text);
    }

    #[test]
    fn readers_never_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600),
                                        format in prop::sample::select(vec![Format::Auto, Format::Wire, Format::Text, Format::Jsonl])) {
        read_bytes(&bytes, "input.txt", format);
    }

    #[test]
    fn jsonl_reader_never_panics_on_json_like_bytes(lines in prop::collection::vec(
        prop_oneof![
            Just("{\"id\": \"a\", \"text\": \"He said \\\"no\\\".\"}".to_string()),
            Just("{\"text\": 5}".to_string()),
            Just("{\"id\": null, \"text\": \"\", \"date\": \"2020-13-45\"}".to_string()),
            "\\{\"text\": \"\\PC{0,40}\"\\}",
            "\\PC{0,40}",
        ], 0..8)) {
        read_bytes(lines.join("\n").as_bytes(), "input.jsonl", Format::Auto);
    }

    #[test]
    fn wire_reader_never_panics_on_header_like_text(head in "( ?date [0-9-]{0,12} ?[A-Z ]{0,10}(>>)?)", body in "\\PC{0,200}") {
        read_bytes(format!("{head}{body}").as_bytes(), "wire.txt", Format::Wire);
        read_bytes(format!("{head}{body}").as_bytes(), "wire.txt", Format::Auto);
    }
}
