//! Helpers shared by the integration tests: where the shared gold lives,
//! running the real binary, reading floors.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root exists")
}

/// The shared folder with gold and the scorer: `$DATELINE_SHARED` or
/// `<repo>/../shared`. `None` (after saying why) when it is absent.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("DATELINE_SHARED").map(PathBuf::from).unwrap_or_else(|| repo_root().join("../shared"));
    if dir.join("eval/dev").is_dir() {
        Some(dir)
    } else {
        say(&format!("{test}: skipped: no shared gold at {} (set DATELINE_SHARED)", dir.display()));
        None
    }
}

/// Writes to the real stderr, past the test harness's capture, so a skip
/// shows in every log.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

pub fn has_python(test: &str) -> bool {
    let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        say(&format!("{test}: skipped: python3 is not installed"));
    }
    ok
}

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The dev sets: every `eval/dev/*.jsonl`, sorted.
pub fn dev_sets(shared: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(shared.join("eval/dev"))
        .expect("dev folder reads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    v.sort();
    v
}

/// `(gold, report)` pairs of an examples folder (`gold/X.json`, `wire/X.txt`).
pub fn example_pairs(examples: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut v: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(examples.join("gold"))
        .expect("examples gold folder reads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|g| {
            let stem = g.file_stem().unwrap().to_owned();
            let wire = examples.join("wire").join(stem).with_extension("txt");
            (g, wire)
        })
        .collect();
    v.sort();
    v
}

pub fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Floors: `[section]` then `"measure" = 0.42` lines; `#` comments.
pub fn read_floors() -> BTreeMap<String, BTreeMap<String, f64>> {
    let path = repo_root().join("eval/floors.toml");
    let text = std::fs::read_to_string(&path).expect("eval/floors.toml reads");
    let mut out: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut section = String::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.trim().trim_matches('"').to_string();
            continue;
        }
        let (k, v) = line.split_once('=').unwrap_or_else(|| panic!("floors.toml:{}: expected key = value", n + 1));
        let v: f64 = v.trim().parse().unwrap_or_else(|_| panic!("floors.toml:{}: not a number", n + 1));
        out.entry(section.clone()).or_default().insert(k.trim().trim_matches('"').to_string(), v);
    }
    out
}

/// Runs `dateline eval ... --json` and returns its scores.
pub fn eval_json(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = run(bin().arg("eval").args(args).arg("--json"));
    serde_json::from_slice(&out.stdout).expect("eval --json prints JSON")
}
