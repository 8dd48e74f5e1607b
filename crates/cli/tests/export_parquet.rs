//! Parquet export through the real binary: a store of the bundled wire
//! reports, exported as Parquet (every table to a folder, and one table to
//! a file), read back with the parquet crate's reader and compared cell by
//! cell with the JSON Lines and CSV exports of the same tables.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value;

use dateline_store::TABLES;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "dateline {args:?} failed: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

fn wire_reports() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wire");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/wire exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_str().expect("utf-8 path").to_string())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and
/// line breaks; records end with CRLF.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

/// A Parquet value as the CSV export writes it: null empty, numbers in
/// decimal, text as it is.
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every row of a Parquet file as JSON values, plus its reader for the schema.
fn parquet_rows(path: &Path) -> (SerializedFileReader<File>, Vec<Vec<(String, Value)>>) {
    let reader = SerializedFileReader::new(File::open(path).expect("parquet file")).expect("valid Parquet");
    let rows = reader
        .get_row_iter(None)
        .expect("row iterator")
        .map(|row| {
            row.expect("a row")
                .get_column_iter()
                .map(|(name, field)| {
                    let value = match field {
                        Field::Null => Value::Null,
                        Field::Long(i) => Value::from(*i),
                        Field::Double(f) => Value::from(*f),
                        Field::Str(s) => Value::from(s.as_str()),
                        other => panic!("unexpected Parquet value {other:?} in {name}"),
                    };
                    (name.clone(), value)
                })
                .collect()
        })
        .collect();
    (reader, rows)
}

#[test]
fn parquet_export_matches_jsonl_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let db = db.to_str().expect("utf-8 path");
    let mut ingest = vec!["ingest", "-q", "--db", db];
    let files = wire_reports();
    ingest.extend(files.iter().map(String::as_str));
    run(&ingest);

    let folder: PathBuf = dir.path().join("parquet");
    run(&["export", "-q", "--db", db, "--format", "parquet", "-o", folder.to_str().unwrap()]);

    for table in TABLES {
        let jsonl: Vec<Value> = run(&["export", "--db", db, "--table", table])
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        let csv = csv_records(&run(&["export", "--db", db, "--table", table, "--format", "csv"]));
        let header = &csv[0];

        let (reader, rows) = parquet_rows(&folder.join(format!("{table}.parquet")));
        assert_eq!(rows.len(), jsonl.len(), "{table}: Parquet and JSON Lines row counts");
        assert_eq!(reader.metadata().file_metadata().num_rows() as usize, jsonl.len());
        if *table != "schema_version" {
            assert!(!rows.is_empty(), "{table} is empty: the bundled reports should fill it");
        }

        // Columns: the CSV header's, in order, typed by what JSON holds.
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<String> = schema.columns().iter().map(|c| c.name().to_string()).collect();
        assert_eq!(&names, header, "{table}: Parquet columns are the table's");
        for column in schema.columns() {
            let name = column.name();
            let values: Vec<&Value> = jsonl.iter().map(|r| &r[name]).collect();
            let nullable = column.self_type().get_basic_info().repetition() == Repetition::OPTIONAL;
            if values.iter().any(|v| v.is_null()) {
                assert!(nullable, "{table}.{name} holds nulls but is required");
            }
            if ["id", "document"].contains(&name) {
                assert!(!nullable, "{table}.{name} is NOT NULL");
            }
            match column.physical_type() {
                PhysicalType::INT64 => assert!(values.iter().all(|v| v.is_null() || v.is_i64()), "{table}.{name}"),
                PhysicalType::BYTE_ARRAY => {
                    assert_eq!(column.logical_type_ref(), Some(&LogicalType::String), "{table}.{name} is UTF-8");
                    assert!(values.iter().all(|v| v.is_null() || v.is_string()), "{table}.{name}");
                }
                other => panic!("{table}.{name}: unexpected physical type {other:?}"),
            }
        }

        // Every cell equals the JSON Lines export's and the CSV export's.
        assert_eq!(csv.len() - 1, rows.len(), "{table}: Parquet and CSV row counts");
        for (i, ((row, expected), csv_row)) in rows.iter().zip(&jsonl).zip(&csv[1..]).enumerate() {
            for ((name, value), cell) in row.iter().zip(csv_row) {
                assert_eq!(value, &expected[name], "{table} row {i} column {name} (JSON Lines)");
                assert_eq!(&csv_cell(value), cell, "{table} row {i} column {name} (CSV)");
            }
        }
    }

    // Typed values a reader can use directly: spans are numbers, and one
    // table exported alone to a file is the same as in the folder.
    let one = dir.path().join("quotes.parquet");
    run(&["export", "-q", "--db", db, "--table", "quotes", "--format", "parquet", "-o", one.to_str().unwrap()]);
    let (_, alone) = parquet_rows(&one);
    let (_, in_folder) = parquet_rows(&folder.join("quotes.parquet"));
    assert_eq!(alone, in_folder);
    for row in &alone {
        let get = |n: &str| row.iter().find(|(c, _)| c == n).map(|(_, v)| v.as_i64()).expect("column");
        assert!(get("start").expect("start is INT64") < get("end").expect("end is INT64"));
    }
}

#[test]
fn export_without_table_needs_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    run(&["ingest", "-q", "--db", db.to_str().unwrap(), wire_reports()[0].as_str()]);
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["export", "--db", db.to_str().unwrap(), "--format", "parquet"])
        .output()
        .expect("the binary runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output FOLDER"));
}
