//! The accuracy ratchet: the real extraction over every dev set and the
//! shared examples must keep each measure's F1 at or above its floor in
//! `eval/floors.toml`. Raise floors as the pipeline improves; never lower
//! one to pass. Skips (saying why) when the shared gold is absent.

mod common;

use std::ffi::OsString;
use std::path::Path;

use common::*;
use serde_json::Value;

/// Checks `scores` against the floors of `section`; returns the failures.
pub fn below_floor(section: &str, scores: &Value, floors: &std::collections::BTreeMap<String, f64>) -> Vec<String> {
    let mut failures = Vec::new();
    for (measure, floor) in floors {
        match scores.get(measure).and_then(|m| m.get("f1")).and_then(Value::as_f64) {
            None => failures.push(format!("{section}: measure {measure} is not reported any more")),
            Some(f1) if f1 + 1e-9 < *floor => failures.push(format!("{section}: {measure} F1 {f1:.3} is below its floor {floor:.2}")),
            Some(f1) if f1 >= floor + 0.01 => println!("{section}: {measure} F1 {f1:.3} (floor {floor:.2}: raise it)"),
            Some(f1) => println!("{section}: {measure} F1 {f1:.3} (floor {floor:.2})"),
        }
    }
    failures
}

fn report_gold_args(examples: &Path) -> Vec<OsString> {
    example_pairs(examples).into_iter().flat_map(|(g, _)| [OsString::from("--gold"), g.into_os_string()]).collect()
}

#[test]
fn extraction_keeps_its_accuracy_floors() {
    let Some(shared) = shared_dir("extraction_keeps_its_accuracy_floors") else { return };
    let floors = read_floors();
    let mut failures = Vec::new();
    let mut checked = 0;
    for gold in dev_sets(&shared) {
        let name = stem(&gold);
        let Some(section) = floors.get(&name) else {
            println!("{name}: no floors in eval/floors.toml (add them with scripts/measure-floors.sh)");
            continue;
        };
        let scores = eval_json(&["--gold".as_ref(), gold.as_os_str(), "--jobs".as_ref(), "2".as_ref()]);
        failures.extend(below_floor(&name, &scores, section));
        checked += 1;
    }
    for (section, dir) in [("examples", shared.join("examples")), ("bundled-examples", repo_root().join("examples"))] {
        let Some(floor) = floors.get(section) else { continue };
        let args = report_gold_args(&dir);
        let scores = eval_json(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
        failures.extend(below_floor(section, &scores, floor));
        checked += 1;
    }
    for name in floors.keys() {
        let known = name == "examples" || name == "bundled-examples" || shared.join("eval/dev").join(format!("{name}.jsonl")).is_file();
        if !known {
            failures.push(format!("eval/floors.toml: section {name} names no dev set"));
        }
    }
    assert!(checked > 0, "no gold set was checked");
    assert!(failures.is_empty(), "accuracy dropped below its floor:\n{}", failures.join("\n"));
}
