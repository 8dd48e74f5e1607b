//! Bad input through the real binary: each problem is a clear error naming
//! the input, the batch carries on, nothing good is lost, the exit status
//! says how it went (0 all good, 1 some inputs failed, 2 nothing read) and
//! nothing panics.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;
use serde_json::Value;

const GOOD: &str = " date 2026-01-05 OSLO >> The harbour authority said on Monday that two ferries had been delayed by ice.\n";

struct Run {
    code: i32,
    records: Vec<Value>,
    stderr: String,
}

fn extract(args: &[&std::ffi::OsStr]) -> Run {
    let out: Output = bin().arg("extract").arg("-q").args(args).output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "the binary panicked: {stderr}");
    let stdout = String::from_utf8(out.stdout).expect("records are UTF-8");
    let records = stdout.lines().map(|l| serde_json::from_str(l).expect("each output line is a JSON record")).collect();
    Run { code: out.status.code().expect("exited, not killed"), records, stderr }
}

fn file(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn each_bad_input_alone_is_named_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (file(dir.path(), "empty.txt", b""), "is empty"),
        (file(dir.path(), "blank.txt", b"  \n\t\n"), "is empty"),
        (file(dir.path(), "junk.bin", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 0xff, 0xfe, 0]), "binary"),
        (file(dir.path(), "bad.jsonl", b"{\"id\": \"a\", \"text\": \n"), "not a JSON document"),
        (file(dir.path(), "notext.jsonl", b"{\"id\": \"a\", \"body\": \"x\"}\n"), "no \"text\""),
        (dir.path().to_path_buf(), "is a directory"),
        (dir.path().join("missing.txt"), "cannot read"),
    ];
    for (path, says) in cases {
        let r = extract(&[path.as_os_str()]);
        assert_eq!(r.code, 2, "{}: nothing read must exit 2; stderr: {}", path.display(), r.stderr);
        assert!(r.records.is_empty());
        let name = path.display().to_string();
        assert!(r.stderr.contains(&name), "the error names {name}: {}", r.stderr);
        assert!(r.stderr.contains(says), "the error for {name} says {says:?}: {}", r.stderr);
    }
}

#[test]
fn a_batch_goes_on_past_bad_inputs_and_keeps_the_good() {
    let dir = tempfile::tempdir().unwrap();
    let good1 = file(dir.path(), "good1.txt", GOOD.as_bytes());
    let empty = file(dir.path(), "empty.txt", b"");
    let lines = file(
        dir.path(),
        "mixed.jsonl",
        b"{\"id\": \"one\", \"text\": \"Officials said the road was open.\"}\nnot json at all\n{\"id\": \"three\"}\n{\"id\": \"four\", \"text\": \"The mayor said it would rain.\"}\n",
    );
    let junk = file(dir.path(), "junk.dat", &[1, 2, 0, 3, 0xff]);
    let missing = dir.path().join("nope.txt");
    let good2 = file(dir.path(), "good2.txt", GOOD.as_bytes());
    let r = extract(&[good1.as_os_str(), empty.as_os_str(), lines.as_os_str(), junk.as_os_str(), missing.as_os_str(), good2.as_os_str()]);
    assert_eq!(r.code, 1, "some inputs failed: exit 1; stderr: {}", r.stderr);
    let ids: Vec<&str> = r.records.iter().map(|x| x["source"].as_str().unwrap()).collect();
    assert_eq!(r.records.len(), 4, "every good document kept: {ids:?}");
    assert_eq!(r.records[1]["id"], "one");
    assert_eq!(r.records[2]["id"], "four");
    assert!(ids[0].ends_with("good1.txt") && ids[3].ends_with("good2.txt"), "input order kept: {ids:?}");
    for needle in ["empty.txt", "mixed.jsonl:2", "mixed.jsonl:3", "junk.dat", "nope.txt"] {
        assert!(r.stderr.contains(needle), "an error names {needle}: {}", r.stderr);
    }
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = bytes.len() - 10;
    bytes.insert(at, 0xe9); // Latin-1 é inside a UTF-8 file
    let p = file(dir.path(), "latin.txt", &bytes);
    let r = extract(&[p.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.records.len(), 1);
    let warnings = r.records[0]["warnings"].to_string();
    assert!(warnings.contains("latin.txt"), "{warnings}");
    assert!(warnings.contains(&format!("byte {at}")), "{warnings}");
    // and the record still satisfies the offset invariant over the decoded text
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let rec: dateline_record::Record = serde_json::from_value(r.records[0].clone()).unwrap();
    rec.check_spans(&text).unwrap();
}

#[test]
fn an_unknown_format_is_a_usage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "a.txt", GOOD.as_bytes());
    let out = bin().args(["extract", "--format", "docx"]).arg(&p).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("docx"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

/// A single ~50 MB document (not 200 MB: keeps CI time down while still far
/// past any buffer size; 10 MB in debug test builds) is read and analysed
/// whole, without a panic.
#[test]
fn a_big_single_document_goes_through() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The regional council said on Tuesday that \"the new bridge will open in spring\", and officials in the capital agreed to fund about 40% of the cost. Farmers protested outside the ministry.\n\n";
    let mut text = String::from(" date 2026-02-03 LISBON >> ");
    // an unoptimised (debug) binary is ~10x slower: 10 MB there, 50 MB in --release
    let size = if cfg!(debug_assertions) { 10_000_000 } else { 50_000_000 };
    while text.len() < size {
        text.push_str(paragraph);
    }
    let p = file(dir.path(), "big.txt", text.as_bytes());
    let out = dir.path().join("out.jsonl");
    let r = extract(&[p.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 1, "one record for one document");
    let rec: dateline_record::Record = serde_json::from_str(written.trim()).unwrap();
    rec.check_spans(&text).unwrap();
}
