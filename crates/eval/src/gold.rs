//! Reading gold files and records as JSON values.
//!
//! JSON Lines gold sets (`../shared/eval/dev/*.jsonl`) hold one document a
//! line with `id`, `text` and what is annotated (`quotes`, `mentions`,
//! `events`, `label`); a single-report gold (`../shared/examples/gold/*.json`)
//! is one JSON object naming its report in `doc.file`. Records are JSON
//! Lines, or one JSON object (possibly indented) as `extract --pretty` writes.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::EvalError;

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

fn json_lines(path: &Path, data: &str) -> Result<Vec<Value>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| EvalError::Json { path: path.to_path_buf(), line: n + 1, message: e.to_string() })?;
        out.push(v);
    }
    Ok(out)
}

/// A JSON Lines gold set: every line must be an object with `id` and `text`.
pub fn read_jsonl_gold(path: &Path) -> Result<Vec<Value>, EvalError> {
    let docs = json_lines(path, &read(path)?)?;
    for (n, d) in docs.iter().enumerate() {
        if d.get("id").is_none() || !d.get("text").is_some_and(Value::is_string) {
            return Err(EvalError::Format {
                path: path.to_path_buf(),
                message: format!("gold document {} has no \"id\" or no \"text\"", n + 1),
            });
        }
    }
    Ok(docs)
}

/// A single-report gold file.
pub fn read_report_gold(path: &Path) -> Result<Value, EvalError> {
    let v: Value = serde_json::from_str(&read(path)?)
        .map_err(|e| EvalError::Json { path: path.to_path_buf(), line: e.line(), message: e.to_string() })?;
    if !v.is_object() {
        return Err(EvalError::Format { path: path.to_path_buf(), message: "a report gold is one JSON object".into() });
    }
    Ok(v)
}

/// The report file a single-report gold names (`doc.file`), resolved
/// against the gold file's folder and its parent (the examples layout is
/// `gold/X.json` beside `wire/X.txt`).
pub fn report_text_path(gold_path: &Path, gold: &Value) -> Option<PathBuf> {
    let file = gold.get("doc")?.get("file")?.as_str()?;
    let dir = gold_path.parent()?;
    [dir.join(file), dir.parent().map(|p| p.join(file)).unwrap_or_default()].into_iter().find(|p| p.is_file())
}

/// Records: JSON Lines, or a single (possibly indented) JSON object.
pub fn read_records(path: &Path) -> Result<Vec<Value>, EvalError> {
    let data = read(path)?;
    let trimmed = data.trim();
    if trimmed.is_empty() {
        return Err(EvalError::Format { path: path.to_path_buf(), message: "is empty".into() });
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(v) => Ok(vec![v]),
        Err(_) => json_lines(path, &data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn records_as_lines_or_one_object() {
        let dir = tempfile::tempdir().unwrap();
        let lines = dir.path().join("r.jsonl");
        std::fs::File::create(&lines).unwrap().write_all(b"{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n").unwrap();
        assert_eq!(read_records(&lines).unwrap().len(), 2);
        let pretty = dir.path().join("r.json");
        std::fs::File::create(&pretty).unwrap().write_all(b"{\n  \"id\": \"a\"\n}\n").unwrap();
        assert_eq!(read_records(&pretty).unwrap().len(), 1);
        let bad = dir.path().join("bad.jsonl");
        std::fs::File::create(&bad).unwrap().write_all(b"{\"id\":1}\nnope\n").unwrap();
        assert!(read_records(&bad).unwrap_err().to_string().contains(":2:"));
    }

    #[test]
    fn gold_lines_need_id_and_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.jsonl");
        std::fs::File::create(&p).unwrap().write_all(b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n").unwrap();
        assert!(read_jsonl_gold(&p).unwrap_err().to_string().contains("gold document 2"));
    }
}
