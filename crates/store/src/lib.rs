//! The store: schema-1 records and their documents in an embedded SQLite
//! file or a PostgreSQL database, and the questions an analyst asks of them.
//!
//! Why SQLite by default: one file, no server, FTS5 built in, fast enough
//! for tens of millions of rows with the right indexes (each query's plan is
//! checked in the tests). PostgreSQL (a `postgres://` URL where a file would
//! go) is for a store shared by many writers or readers: the same tables,
//! migrations and answers (see `pg.rs` for the translation, `backend.rs` for
//! how one query text serves both). Every statement is parameterised; user
//! text never becomes SQL.
//!
//! Idempotence: a document is keyed by the SHA-256 of its text. Storing it
//! again is a no-op, and a batch is one transaction, so a run killed halfway
//! leaves either the whole batch or none of it: re-running duplicates nothing.

mod backend;
mod ingest;
pub mod output;
pub mod parquet_export;
pub mod pg;
mod query;
pub mod schema;
pub mod testing;

use std::cell::RefCell;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use backend::{Db, Param};
pub use backend::{display_location, is_postgres_url, Location};

pub use ingest::{IngestStats, IngestTimings};
pub use query::*;
pub use schema::{CURRENT_VERSION, OLDEST_READABLE, TABLES};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("PostgreSQL error: {}", chain(.0))]
    Postgres(#[from] postgres::Error),
    #[error("bad PostgreSQL URL {url}: {why} (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)")]
    BadUrl { url: String, why: String },
    #[error("cannot connect to {url}: {}", chain(.source))]
    Connect { url: String, source: postgres::Error },
    #[error("cannot read result column {index}: {why}")]
    Column { index: usize, why: String },
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

/// An error and its causes on one line (the PostgreSQL client keeps the
/// server's message in the cause).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store. One connection; not shared between threads (open one per
/// thread: SQLite's WAL lets readers run beside one writer, and PostgreSQL
/// serves each connection on its own).
pub struct Store {
    db: Db,
    /// Whether [`Store::begin_bulk_load`] switched this connection to its
    /// bulk-load journal (undone by [`Store::end_bulk_load`]).
    bulk_load: bool,
}

impl Store {
    /// Opens (creating if needed) a store and brings it to the current
    /// schema version. `path` is a SQLite file, or a `postgres://` or
    /// `postgresql://` URL naming an existing database.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_at(path, CURRENT_VERSION)
    }

    /// Opens a store migrated only up to `version` (for compatibility tests
    /// and fixtures of older files).
    pub fn open_at(path: impl AsRef<Path>, version: u32) -> Result<Store> {
        match Location::of(path.as_ref()) {
            Location::Sqlite(path) => {
                let mut conn = Connection::open(path)?;
                tune(&conn, true)?;
                schema::migrate(&mut conn, version)?;
                Ok(Store { db: Db::Sqlite(conn), bulk_load: false })
            }
            Location::Postgres(url) => {
                let mut pg = pg::connect(url)?;
                pg::migrate(&mut pg, version)?;
                pg::detect_fold(&mut pg)?;
                Ok(Store { db: Db::Postgres(Box::new(RefCell::new(pg))), bulk_load: false })
            }
        }
    }

    /// Opens an existing store that nothing through this handle can change.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let store = match Location::of(path.as_ref()) {
            Location::Sqlite(path) => {
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                tune(&conn, false)?;
                Store { db: Db::Sqlite(conn), bulk_load: false }
            }
            Location::Postgres(url) => {
                let mut pg = pg::connect(url)?;
                pg::set_read_only(&mut pg)?;
                pg::detect_fold(&mut pg)?;
                Store { db: Db::Postgres(Box::new(RefCell::new(pg))), bulk_load: false }
            }
        };
        let found = store.schema_version()?;
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
        Ok(store)
    }

    /// A store in memory (tests, one-off analyses).
    pub fn in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn, CURRENT_VERSION)?;
        Ok(Store { db: Db::Sqlite(conn), bulk_load: false })
    }

    /// Whether the connection can still answer: false once a PostgreSQL
    /// server has closed it (restarted, or ended the session), so a pool
    /// drops it instead of handing it out again.
    pub fn is_usable(&self) -> bool {
        match &self.db {
            Db::Sqlite(_) => true,
            Db::Postgres(pg) => pg.try_borrow().map_or(true, |pg| !pg.client.is_closed()),
        }
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend_name(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub fn schema_version(&self) -> Result<u32> {
        match &self.db {
            Db::Sqlite(conn) => schema::user_version(conn),
            Db::Postgres(_) => pg::version(&mut *self.db.pg()?),
        }
    }

    /// The underlying SQLite connection (none for PostgreSQL), for tools
    /// that need raw SQL (benchmarks, fixtures). Queries in this crate are
    /// the supported interface.
    pub fn sqlite_connection(&self) -> Option<&Connection> {
        match &self.db {
            Db::Sqlite(conn) => Some(conn),
            Db::Postgres(_) => None,
        }
    }

    /// Refreshes the statistics the query planner chooses indexes by, after
    /// a bulk load. Without them a fresh store can be planned badly: a
    /// million-record store without statistics answered `said` with a p99
    /// of seconds where the same store, analysed, took milliseconds
    /// (BENCHMARKS.md, "Ingest, schema 4"). SQLite's `PRAGMA optimize`
    /// analyses only the tables whose statistics are missing or stale, with
    /// a bounded sample, so it is cheap to call after every ingest.
    pub fn refresh_statistics(&self) -> Result<()> {
        match &self.db {
            Db::Sqlite(conn) => Ok(conn.execute_batch("PRAGMA optimize=0x10002")?),
            Db::Postgres(_) => {
                // table names from the fixed list, resolved in the store's schema
                let sql = format!("ANALYZE {}", TABLES.join(", "));
                Ok(self.db.pg()?.client.batch_execute(&sql)?)
            }
        }
    }

    /// Rows in each table, for summaries.
    pub fn counts(&self) -> Result<Vec<(String, i64)>> {
        TABLES
            .iter()
            .map(|t| {
                // Table names come from the fixed list above, never from input.
                let rows = self.db.rows(&format!("SELECT count(*) FROM {t}"), &[] as &[Param])?;
                let n = rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
                Ok((t.to_string(), n))
            })
            .collect()
    }
}

/// How long a statement waits for another connection's lock.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

fn tune(conn: &Connection, writable: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if writable {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}
