//! The user's lexicon folder (`DATELINE_LEXICON_DIR`) through the real
//! binary: an addition is used, and a broken file stops the run with its
//! path, line and problem instead of being replaced by the built-in copy.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const REPORT: &str = " date 2026-01-05 OSLO >> Zubrowkan officials said on Monday that two ferries had been delayed by ice.\n";

fn extract_with(dir: &Path, input: &Path) -> Output {
    bin().arg("extract").arg("-q").arg(input).env("DATELINE_LEXICON_DIR", dir).output().expect("the binary runs")
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_extra_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.txt");
    std::fs::write(&input, REPORT).unwrap();
    let before = extract_with(dir.path(), &input);
    assert!(before.status.success(), "{}", String::from_utf8_lossy(&before.stderr));
    assert!(!String::from_utf8_lossy(&before.stdout).contains("\"ZBK\""));
    // a made-up country with its demonym, in the countries file's six columns
    write(dir.path(), "countries.tsv.extra", "ZBK\tZubrowka\t-\t-\tZubrowkan|Zubrowkans\t-\n");
    let after = extract_with(dir.path(), &input);
    assert!(after.status.success(), "{}", String::from_utf8_lossy(&after.stderr));
    assert!(String::from_utf8_lossy(&after.stdout).contains("\"ZBK\""), "the added demonym is coded");
}

#[test]
fn broken_overrides_stop_the_run_naming_file_and_line() {
    let cases = [
        ("events/patterns.txt.extra", "AGREE - v:sign\nNOT_A_TYPE - v:frobnicate\n", "unknown event type `NOT_A_TYPE`"),
        ("events/stance_cues.txt", "# cues\nsideways assertion reject\n", "stance cues line 2"),
        ("facts/currencies.tsv", "$\tUSD\tbefore\nrupee\tinr\n", "facts/currencies.tsv line 2"),
        ("titles.tsv", "minister\tnot-a-kind\tGOV\n", ":1:"),
        ("events/actors.txt", "RUS/GOV | Kremlin\nno bar on this line\n", "actors line 2"),
    ];
    for (name, text, problem) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, text);
        let input = dir.path().join("report.txt");
        std::fs::write(&input, REPORT).unwrap();
        let out = extract_with(dir.path(), &input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: a broken override must fail the run");
        assert!(out.stdout.is_empty(), "{name}: no records from other data than the user gave");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stderr.contains(problem), "{name}: the problem is named: {stderr}");
        assert!(stderr.contains(&dir.path().join(name).display().to_string()), "{name}: the file is named: {stderr}");
    }
}

#[test]
fn a_very_long_user_form_is_searched_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    // one variant of 200,000 letters: the gazetteer's trie is as deep as its longest form
    let long = "Q".repeat(200_000);
    write(dir.path(), "orgs.tsv.extra", &format!("ZLONG\tZubrowka Relief Fund\tZubrowka Relief Fund|{long}\tNGO\t-\t-\n"));
    let input = dir.path().join("report.txt");
    std::fs::write(&input, " date 2026-01-05 OSLO >> The Zubrowka Relief Fund said on Monday that two ferries had been delayed.\n").unwrap();
    let out = extract_with(dir.path(), &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"Zubrowka Relief Fund\""), "the added organisation is found");
}
