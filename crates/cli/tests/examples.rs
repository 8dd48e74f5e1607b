//! Golden test over the bundled examples (`examples/wire/*.txt`, invented
//! reports): (a) extraction gives exactly the records in
//! `examples/expected/*.jsonl` (regenerate with `UPDATE_EXPECTED=1 cargo
//! test --release -p dateline --test examples` and review the diff), and (b)
//! their scores against `examples/gold` stay at or above the
//! "bundled-examples" floors of `eval/floors.toml`.

mod common;

use std::ffi::OsString;

use common::*;
use serde_json::Value;

/// Line diff of two texts (longest common subsequence), `-` expected, `+` got.
fn diff(expected: &str, got: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        }
    }
    out
}

fn pretty(jsonl: &str) -> String {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::to_string_pretty(&serde_json::from_str::<Value>(l).expect("a record is JSON")).unwrap() + "\n")
        .collect()
}

#[test]
fn examples_give_the_expected_records() {
    let root = repo_root();
    let pairs = example_pairs(&root.join("examples"));
    assert!(pairs.len() >= 3, "the bundled examples are missing");
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut changed = Vec::new();
    for (_, wire) in &pairs {
        let name = stem(wire);
        let relative = format!("examples/wire/{name}.txt");
        let out = run(bin().current_dir(&root).args(["extract", "-q", &relative]));
        let got = String::from_utf8(out.stdout).expect("records are UTF-8");
        let record: Value = serde_json::from_str(got.trim()).expect("one record");
        let text = std::fs::read_to_string(wire).unwrap();
        let parsed: dateline_record::Record = serde_json::from_value(record).expect("a schema-1 record");
        parsed.check_spans(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected_path = root.join("examples/expected").join(format!("{name}.jsonl"));
        if update {
            std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            std::fs::write(&expected_path, &got).unwrap();
            println!("{name}: expected records written");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{}: missing; run with UPDATE_EXPECTED=1", expected_path.display()));
        if pretty(&expected) != pretty(&got) {
            changed.push(format!("== {name} (- expected, + got)\n{}", diff(&pretty(&expected), &pretty(&got))));
        }
    }
    assert!(
        changed.is_empty(),
        "extraction of the bundled examples changed; if the change is right, run\n  UPDATE_EXPECTED=1 cargo test --release -p dateline --test examples\n{}",
        changed.join("\n")
    );
}

#[test]
fn examples_stay_above_their_floors() {
    let root = repo_root();
    let floors = read_floors();
    let floor = floors.get("bundled-examples").expect("eval/floors.toml has a [\"bundled-examples\"] section");
    let args: Vec<OsString> = example_pairs(&root.join("examples"))
        .into_iter()
        .flat_map(|(g, _)| [OsString::from("--gold"), g.into_os_string()])
        .collect();
    let scores = eval_json(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    let mut failures = Vec::new();
    for (measure, min) in floor {
        let f1 = scores[measure]["f1"].as_f64().unwrap_or_else(|| panic!("measure {measure} not reported"));
        println!("bundled-examples: {measure} F1 {f1:.3} (floor {min:.2})");
        if f1 + 1e-9 < *min {
            failures.push(format!("{measure}: F1 {f1:.3} below floor {min:.2}"));
        }
    }
    assert!(failures.is_empty(), "bundled examples fell below their floors:\n{}", failures.join("\n"));
}

#[test]
fn diff_shows_changed_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "- b\n+ x\n");
    assert_eq!(diff("a\n", "a\n"), "");
}
