//! Writing query results as an aligned text table, JSON Lines or CSV.
//!
//! Rows are serialised once to JSON objects; the table and CSV writers pick
//! the named columns in order and print nested values as compact JSON.

use std::io::Write;

use serde::Serialize;

use crate::{Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Jsonl,
    Csv,
}

impl std::str::FromStr for OutputFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "table" => Ok(OutputFormat::Table),
            "jsonl" | "json" => Ok(OutputFormat::Jsonl),
            "csv" => Ok(OutputFormat::Csv),
            _ => Err(StoreError::Invalid {
                what: "format",
                why: format!("{s:?} is not table, jsonl or csv"),
            }),
        }
    }
}

/// A cell as text: strings as they are, null as empty, the rest as JSON.
pub fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn write_csv_row(out: &mut dyn Write, cells: impl IntoIterator<Item = String>) -> Result<()> {
    let line: Vec<String> = cells.into_iter().map(|c| csv_field(&c)).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    Ok(())
}

/// Widest a table cell is printed (longer text is cut with "…").
const TABLE_CELL_MAX: usize = 60;

fn table_cell(v: &serde_json::Value) -> String {
    let s: String = cell(v)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > TABLE_CELL_MAX {
        let mut t: String = s.chars().take(TABLE_CELL_MAX - 1).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// Writes `rows` in `format`, showing `columns` (table and CSV) in order.
pub fn write_rows<T: Serialize>(
    out: &mut dyn Write,
    format: OutputFormat,
    columns: &[&str],
    rows: &[T],
) -> Result<()> {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    match format {
        OutputFormat::Jsonl => {
            for v in &values {
                serde_json::to_writer(&mut *out, v)?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Csv => {
            write_csv_row(out, columns.iter().map(|c| c.to_string()))?;
            for v in &values {
                write_csv_row(out, columns.iter().map(|c| cell(&v[*c])))?;
            }
        }
        OutputFormat::Table => {
            let cells: Vec<Vec<String>> = values
                .iter()
                .map(|v| columns.iter().map(|c| table_cell(&v[*c])).collect())
                .collect();
            let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |out: &mut dyn Write, row: Vec<String>| -> Result<()> {
                let padded: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
                    .collect();
                writeln!(out, "{}", padded.join("  ").trim_end())?;
                Ok(())
            };
            line(out, columns.iter().map(|c| c.to_uppercase()).collect())?;
            for row in cells {
                line(out, row)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct R {
        a: String,
        b: Option<i64>,
        c: [i64; 2],
    }

    fn render(format: OutputFormat) -> String {
        let rows = vec![
            R {
                a: "x, \"y\"".into(),
                b: None,
                c: [1, 2],
            },
            R {
                a: "long".into(),
                b: Some(7),
                c: [3, 4],
            },
        ];
        let mut out = Vec::new();
        write_rows(&mut out, format, &["a", "b", "c"], &rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_and_orders_columns() {
        assert_eq!(
            render(OutputFormat::Csv),
            "a,b,c\r\n\"x, \"\"y\"\"\",,\"[1,2]\"\r\nlong,7,\"[3,4]\"\r\n"
        );
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let text = render(OutputFormat::Jsonl);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["b"], 7);
    }

    #[test]
    fn table_aligns_columns() {
        let text = render(OutputFormat::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "A       B  C");
        assert_eq!(lines[2], "long    7  [3,4]");
    }
}
