//! The store: schema-1 records and their documents in an embedded SQLite
//! file, and the questions an analyst asks of them.
//!
//! Why SQLite: one file, no server, FTS5 built in, fast enough for tens of
//! millions of rows with the right indexes (each query's plan is checked in
//! the tests). Every statement is parameterised; user text never becomes SQL.
//!
//! Idempotence: a document is keyed by the SHA-256 of its text. Storing it
//! again is a no-op, and a batch is one transaction, so a run killed halfway
//! leaves either the whole batch or none of it: re-running duplicates nothing.

mod ingest;
pub mod output;
pub mod parquet_export;
mod query;
pub mod schema;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

pub use ingest::{IngestStats, IngestTimings};
pub use query::*;
pub use schema::{CURRENT_VERSION, OLDEST_READABLE, TABLES};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the store is at schema version {found}; this dateline reads up to {supported} (upgrade dateline)")]
    TooNew { found: u32, supported: u32 },
    #[error("the store is at schema version {found}, older than {supported}; open it writable once to migrate it")]
    TooOld { found: u32, supported: u32 },
    #[error("no table named {0:?} (tables: {tables})", tables = TABLES.join(", "))]
    UnknownTable(String),
    #[error("invalid {what}: {why}")]
    Invalid { what: &'static str, why: String },
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store. One connection; not shared between threads (open one per
/// thread, SQLite's WAL lets readers run beside one writer).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) a store file and brings it to the current
    /// schema version.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_at(path, CURRENT_VERSION)
    }

    /// Opens a store migrated only up to `version` (for compatibility tests
    /// and fixtures of older files).
    pub fn open_at(path: impl AsRef<Path>, version: u32) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        tune(&conn, true)?;
        schema::migrate(&mut conn, version)?;
        Ok(Store { conn })
    }

    /// Opens an existing store that nothing through this handle can change.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        tune(&conn, false)?;
        let found = schema::user_version(&conn)?;
        if found > CURRENT_VERSION {
            return Err(StoreError::TooNew {
                found,
                supported: CURRENT_VERSION,
            });
        }
        if found < OLDEST_READABLE {
            return Err(StoreError::TooOld {
                found,
                supported: OLDEST_READABLE,
            });
        }
        Ok(Store { conn })
    }

    /// A store in memory (tests, one-off analyses).
    pub fn in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn, CURRENT_VERSION)?;
        Ok(Store { conn })
    }

    pub fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.conn)
    }

    /// The underlying connection, for tools that need raw SQL (benchmarks,
    /// fixtures). Queries in this crate are the supported interface.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Rows in each table, for summaries.
    pub fn counts(&self) -> Result<Vec<(String, i64)>> {
        TABLES
            .iter()
            .map(|t| {
                // Table names come from the fixed list above, never from input.
                let n: i64 =
                    self.conn
                        .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
                Ok((t.to_string(), n))
            })
            .collect()
    }
}

fn tune(conn: &Connection, writable: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if writable {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}
