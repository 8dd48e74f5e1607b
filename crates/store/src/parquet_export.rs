//! Exporting a store table as a Parquet file, for the data-science tools
//! (pandas, polars, DuckDB, Spark) that read it natively.
//!
//! Why the low-level column writer and not Arrow: the `arrow-*` crates
//! would add to the build for no gain here; rows come out of SQLite one at
//! a time and go straight into per-column buffers.
//!
//! Columns are typed from the table's declared SQLite types (INTEGER →
//! INT64, REAL → DOUBLE, TEXT → UTF-8 string, BLOB → binary), required where
//! the column is `NOT NULL` or the primary key, optional elsewhere. Rows are
//! streamed: a row group is written whenever [`ROW_GROUP_ROWS`] rows or
//! [`ROW_GROUP_BYTES`] bytes of values are buffered, so exporting a large
//! store holds one row group in memory, never the table. Pages are
//! Snappy-compressed (pure Rust, read by every Parquet reader).

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use rusqlite::types::ValueRef;

use crate::backend::Db;
use crate::{Result, Store, StoreError, TABLES};

/// Rows buffered before a row group is written.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;
/// Bytes of buffered values (strings counted by length) that also end a row
/// group: a documents table row holds the whole text and record.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// How a column is stored in Parquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// INT64.
    Integer,
    /// DOUBLE.
    Real,
    /// BYTE_ARRAY annotated as a UTF-8 string.
    Text,
    /// BYTE_ARRAY without annotation.
    Blob,
}

impl ColumnKind {
    /// SQLite's column-affinity rules (section 3.1 of its datatype page),
    /// with NUMERIC and untyped columns read as text.
    pub fn of_declared(declared: &str) -> ColumnKind {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            ColumnKind::Integer
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            ColumnKind::Text
        } else if t.contains("BLOB") {
            ColumnKind::Blob
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            ColumnKind::Real
        } else {
            ColumnKind::Text
        }
    }
}

/// One column of an exported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: String,
    pub kind: ColumnKind,
    pub nullable: bool,
}

/// The values of one column for the row group being gathered: the non-null
/// values, and a definition level per row (1 present, 0 null).
enum ColumnBuffer {
    Integer(Vec<i64>),
    Real(Vec<f64>),
    Bytes(Vec<ByteArray>),
}

struct Column {
    spec: ColumnSpec,
    values: ColumnBuffer,
    levels: Vec<i16>,
}

impl Column {
    fn new(spec: ColumnSpec) -> Column {
        let values = match spec.kind {
            ColumnKind::Integer => ColumnBuffer::Integer(Vec::new()),
            ColumnKind::Real => ColumnBuffer::Real(Vec::new()),
            ColumnKind::Text | ColumnKind::Blob => ColumnBuffer::Bytes(Vec::new()),
        };
        Column {
            spec,
            values,
            levels: Vec::new(),
        }
    }

    /// Adds one cell; returns the bytes it adds to the buffer.
    fn push(&mut self, table: &str, value: ValueRef<'_>) -> Result<usize> {
        if let ValueRef::Null = value {
            if !self.spec.nullable {
                return Err(self.mismatch(table, "NULL"));
            }
            self.levels.push(0);
            return Ok(0);
        }
        let added = match (&mut self.values, value) {
            (ColumnBuffer::Integer(v), ValueRef::Integer(i)) => {
                v.push(i);
                8
            }
            (ColumnBuffer::Real(v), ValueRef::Real(f)) => {
                v.push(f);
                8
            }
            (ColumnBuffer::Real(v), ValueRef::Integer(i)) => {
                v.push(i as f64);
                8
            }
            (ColumnBuffer::Bytes(v), ValueRef::Text(bytes) | ValueRef::Blob(bytes)) => {
                if self.spec.kind == ColumnKind::Text && std::str::from_utf8(bytes).is_err() {
                    return Err(self.mismatch(table, "invalid UTF-8"));
                }
                v.push(ByteArray::from(bytes.to_vec()));
                bytes.len()
            }
            // SQLite keeps numbers in TEXT columns only when declared so;
            // a number in a text column is written as its decimal text.
            (ColumnBuffer::Bytes(v), ValueRef::Integer(i)) => {
                v.push(ByteArray::from(i.to_string().into_bytes()));
                8
            }
            (ColumnBuffer::Bytes(v), ValueRef::Real(f)) => {
                v.push(ByteArray::from(f.to_string().into_bytes()));
                8
            }
            (_, other) => return Err(self.mismatch(table, type_name(other))),
        };
        if self.spec.nullable {
            self.levels.push(1);
        }
        Ok(added)
    }

    fn mismatch(&self, table: &str, found: &str) -> StoreError {
        StoreError::Invalid {
            what: "Parquet export",
            why: format!(
                "{table}.{} is declared {:?} but holds {found}",
                self.spec.name, self.spec.kind
            ),
        }
    }

    fn clear(&mut self) {
        self.levels.clear();
        match &mut self.values {
            ColumnBuffer::Integer(v) => v.clear(),
            ColumnBuffer::Real(v) => v.clear(),
            ColumnBuffer::Bytes(v) => v.clear(),
        }
    }

    fn parquet_type(&self) -> Result<Type> {
        let (physical, logical) = match self.spec.kind {
            ColumnKind::Integer => (PhysicalType::INT64, None),
            ColumnKind::Real => (PhysicalType::DOUBLE, None),
            ColumnKind::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            ColumnKind::Blob => (PhysicalType::BYTE_ARRAY, None),
        };
        let repetition = if self.spec.nullable {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        };
        Ok(Type::primitive_type_builder(&self.spec.name, physical)
            .with_repetition(repetition)
            .with_logical_type(logical)
            .build()?)
    }
}

fn type_name(v: ValueRef<'_>) -> &'static str {
    match v {
        ValueRef::Null => "NULL",
        ValueRef::Integer(_) => "an integer",
        ValueRef::Real(_) => "a real",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "a blob",
    }
}

/// Writes buffered columns as one row group and empties the buffers.
fn write_row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    columns: &mut [Column],
) -> Result<()> {
    let mut group = writer.next_row_group()?;
    for column in columns.iter_mut() {
        let Some(mut out) = group.next_column()? else {
            return Err(StoreError::Invalid {
                what: "Parquet export",
                why: "the schema has fewer columns than the table".into(),
            });
        };
        let levels = column.spec.nullable.then_some(column.levels.as_slice());
        match &column.values {
            ColumnBuffer::Integer(v) => {
                out.typed::<Int64Type>().write_batch(v, levels, None)?;
            }
            ColumnBuffer::Real(v) => {
                out.typed::<DoubleType>().write_batch(v, levels, None)?;
            }
            ColumnBuffer::Bytes(v) => {
                out.typed::<ByteArrayType>().write_batch(v, levels, None)?;
            }
        }
        out.close()?;
        column.clear();
    }
    group.close()?;
    Ok(())
}

impl Store {
    /// The columns of `table` as Parquet types them, in table order.
    pub fn parquet_columns(&self, table: &str) -> Result<Vec<ColumnSpec>> {
        let table = known_table(table)?;
        let conn = match &self.db {
            Db::Sqlite(conn) => conn,
            // Both backends have the same schema: SQLite's declared types
            // are the reference (and PostgreSQL's BIGINT/TEXT match them).
            Db::Postgres(_) => return Store::in_memory()?.parquet_columns(table),
        };
        // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk.
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let rows = stmt.query_map([], |r| {
            let name: String = r.get(1)?;
            let declared: String = r.get(2)?;
            let not_null: bool = r.get(3)?;
            let primary_key: i64 = r.get(5)?;
            Ok((name, declared, not_null, primary_key))
        })?;
        rows.map(|row| {
            let (name, declared, not_null, primary_key) = row?;
            let kind = ColumnKind::of_declared(&declared);
            // An INTEGER PRIMARY KEY is the rowid: never null.
            let rowid = primary_key > 0 && kind == ColumnKind::Integer;
            Ok(ColumnSpec {
                name,
                kind,
                nullable: !(not_null || rowid),
            })
        })
        .collect()
    }

    /// Writes every row of `table`, in row order, as a Parquet file to
    /// `out`; returns the number of rows.
    pub fn export_parquet<W: Write + Send>(&self, table: &str, out: W) -> Result<usize> {
        let table = known_table(table)?;
        let mut columns: Vec<Column> = self
            .parquet_columns(table)?
            .into_iter()
            .map(Column::new)
            .collect();
        let fields = columns
            .iter()
            .map(|c| c.parquet_type().map(Arc::new))
            .collect::<Result<Vec<_>>>()?;
        let schema = Type::group_type_builder(table).with_fields(fields).build()?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("dateline {}", env!("CARGO_PKG_VERSION")))
            .build();
        let mut writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))?;

        let names: Vec<&str> = columns.iter().map(|c| c.spec.name.as_str()).collect();
        let (mut total, mut buffered_rows, mut buffered_bytes) = (0, 0, 0);
        match &self.db {
            Db::Sqlite(conn) => {
                let select = format!("SELECT \"{}\" FROM {table} ORDER BY rowid", names.join("\", \""));
                let mut stmt = conn.prepare(&select)?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    for (i, column) in columns.iter_mut().enumerate() {
                        buffered_bytes += column.push(table, row.get_ref(i)?)?;
                    }
                    buffered_rows += 1;
                    total += 1;
                    if buffered_rows >= ROW_GROUP_ROWS || buffered_bytes >= ROW_GROUP_BYTES {
                        write_row_group(&mut writer, &mut columns)?;
                        (buffered_rows, buffered_bytes) = (0, 0);
                    }
                }
            }
            Db::Postgres(_) => {
                // Every table's rowid is its integer key: `id`, or `version`.
                let key = if table == "schema_version" { "version" } else { "id" };
                let select = format!("SELECT \"{}\" FROM {table} ORDER BY {key}", names.join("\", \""));
                self.db.pg()?.for_each_row(&select, |row| {
                    for (column, value) in columns.iter_mut().zip(&row.0) {
                        buffered_bytes += column.push(table, value.as_value_ref())?;
                    }
                    buffered_rows += 1;
                    total += 1;
                    if buffered_rows >= ROW_GROUP_ROWS || buffered_bytes >= ROW_GROUP_BYTES {
                        write_row_group(&mut writer, &mut columns)?;
                        (buffered_rows, buffered_bytes) = (0, 0);
                    }
                    Ok(())
                })?;
            }
        }
        if buffered_rows > 0 || total == 0 {
            write_row_group(&mut writer, &mut columns)?;
        }
        writer.close()?;
        Ok(total)
    }
}

fn known_table(table: &str) -> Result<&'static str> {
    TABLES
        .iter()
        .find(|t| **t == table)
        .copied()
        .ok_or_else(|| StoreError::UnknownTable(table.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_follow_sqlite_affinity() {
        assert_eq!(ColumnKind::of_declared("INTEGER"), ColumnKind::Integer);
        assert_eq!(ColumnKind::of_declared("bigint"), ColumnKind::Integer);
        assert_eq!(ColumnKind::of_declared("TEXT"), ColumnKind::Text);
        assert_eq!(ColumnKind::of_declared("VARCHAR(20)"), ColumnKind::Text);
        assert_eq!(ColumnKind::of_declared("REAL"), ColumnKind::Real);
        assert_eq!(ColumnKind::of_declared("DOUBLE PRECISION"), ColumnKind::Real);
        assert_eq!(ColumnKind::of_declared("BLOB"), ColumnKind::Blob);
        assert_eq!(ColumnKind::of_declared(""), ColumnKind::Text);
    }

    #[test]
    fn columns_are_typed_and_nullable_as_declared() {
        let store = Store::in_memory().unwrap();
        let cols = store.parquet_columns("quotes").unwrap();
        let col = |n: &str| cols.iter().find(|c| c.name == n).unwrap().clone();
        assert_eq!(col("id").kind, ColumnKind::Integer);
        assert!(!col("id").nullable);
        assert_eq!(col("text").kind, ColumnKind::Text);
        assert!(!col("text").nullable);
        assert_eq!(col("speaker").kind, ColumnKind::Integer);
        assert!(col("speaker").nullable);
        assert!(col("cue").nullable);
        assert!(matches!(
            store.parquet_columns("sqlite_master"),
            Err(StoreError::UnknownTable(_))
        ));
    }

    #[test]
    fn an_empty_table_is_a_valid_file_with_no_rows() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let store = Store::in_memory().unwrap();
        let file = tempfile::tempfile().unwrap();
        assert_eq!(store.export_parquet("facts", &file).unwrap(), 0);
        let reader = SerializedFileReader::new(file).unwrap();
        let meta = reader.metadata().file_metadata();
        assert_eq!(meta.num_rows(), 0);
        assert_eq!(meta.schema_descr().num_columns(), 12);
    }
}
