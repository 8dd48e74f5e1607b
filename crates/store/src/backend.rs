//! The two databases a store can live in, behind one small interface.
//!
//! Why an enum and not a trait: there are exactly two backends, the query
//! code needs to know which one it talks to only where their SQL differs
//! (a handful of places, see `query.rs`), and an enum keeps `Store` one
//! concrete, `Send` type that the CLI and the server hold as before.
//!
//! Queries are written once with SQLite's numbered parameters (`?1`, `?2`,
//! …) and run on PostgreSQL after [`to_postgres`] renumbers them to `$n`
//! (PostgreSQL refuses a parameter a statement does not use, so unused
//! ones are dropped and the rest renumbered in order of first use).
//! Values cross the boundary as [`Param`]s in and [`Row`]s of [`Value`]s
//! out: the schema has only 64-bit integers and text, so that is all either
//! side has to convert.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use postgres::types::{IsNull, ToSql, Type};
use rusqlite::types::{ToSqlOutput, ValueRef};

use crate::{Result, StoreError};

/// Where a store lives: a SQLite file, or a PostgreSQL database named by a
/// `postgres://` / `postgresql://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location<'a> {
    Sqlite(&'a Path),
    Postgres(&'a str),
}

impl<'a> Location<'a> {
    /// A path that reads as a PostgreSQL URL is one; anything else is a file.
    pub fn of(path: &'a Path) -> Location<'a> {
        match path.to_str() {
            Some(s) if is_postgres_url(s) => Location::Postgres(s),
            _ => Location::Sqlite(path),
        }
    }
}

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// A store's location fit to print: a URL's password is replaced by `***`.
pub fn display_location(path: &Path) -> String {
    match Location::of(path) {
        Location::Sqlite(p) => p.display().to_string(),
        Location::Postgres(url) => redact_password(url),
    }
}

/// Hides the password of a URL: `user:PASSWORD@` and `password=PASSWORD`.
pub(crate) fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some(("password", _)) => "password=***".to_string(),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", pairs.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// Which SQL the query code must write where the two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A bound value. Owned, so a query's parameters can be built up in a Vec.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Null,
    Int(i64),
    Text(String),
}

impl From<i64> for Param {
    fn from(n: i64) -> Param {
        Param::Int(n)
    }
}

impl From<&str> for Param {
    fn from(s: &str) -> Param {
        Param::Text(s.to_string())
    }
}

impl From<String> for Param {
    fn from(s: String) -> Param {
        Param::Text(s)
    }
}

impl<T: Into<Param>> From<Option<T>> for Param {
    fn from(v: Option<T>) -> Param {
        v.map_or(Param::Null, Into::into)
    }
}

impl rusqlite::ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Param::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl ToSql for Param {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(n) if *ty == Type::INT8 => n.to_sql(ty, out),
            Param::Int(n) if *ty == Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
            Param::Text(s) if matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME) => {
                s.as_str().to_sql(ty, out)
            }
            other => Err(format!("cannot send {other:?} as a PostgreSQL {ty}").into()),
        }
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT8 | Type::INT4 | Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME
        )
    }

    postgres::types::to_sql_checked!();
}

/// One column value of a result row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    /// The value as SQLite would hand it over (for code written against
    /// SQLite rows, such as the Parquet writer).
    pub(crate) fn as_value_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Int(n) => ValueRef::Integer(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
        }
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(n) => (*n).into(),
            Value::Real(x) => serde_json::Number::from_f64(*x)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Text(t) => t.clone().into(),
        }
    }
}

/// A result row, read by column position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(pub(crate) Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> Result<&Value> {
        self.0.get(i).ok_or_else(|| StoreError::Column {
            index: i,
            why: "the row has no such column".into(),
        })
    }

    pub(crate) fn int(&self, i: usize) -> Result<i64> {
        match self.at(i)? {
            Value::Int(n) => Ok(*n),
            other => Err(StoreError::Column {
                index: i,
                why: format!("expected an integer, found {other:?}"),
            }),
        }
    }

    pub(crate) fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    pub(crate) fn text(&self, i: usize) -> Result<String> {
        match self.at(i)? {
            Value::Text(t) => Ok(t.clone()),
            other => Err(StoreError::Column {
                index: i,
                why: format!("expected text, found {other:?}"),
            }),
        }
    }

    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }
}

/// Rewrites SQLite parameters (`?N`, or a bare `?` meaning one past the
/// highest so far) as PostgreSQL's `$n`, numbered by first use, and returns
/// the parameters in that order. Text inside quotes is left alone.
pub(crate) fn to_postgres(sql: &str, params: &[Param]) -> Result<(String, Vec<Param>)> {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut order: Vec<usize> = Vec::new();
    let mut highest = 0usize;
    let mut quote: Option<u8> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' => quote = Some(b),
            None if b == b'?' => {
                let digits = bytes[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                let number = if digits == 0 {
                    highest + 1
                } else {
                    sql[i + 1..i + 1 + digits].parse::<usize>().map_err(|_| StoreError::Invalid {
                        what: "SQL parameter",
                        why: "its number is out of range".into(),
                    })?
                };
                highest = highest.max(number);
                let position = match order.iter().position(|&n| n == number) {
                    Some(p) => p,
                    None => {
                        order.push(number);
                        order.len() - 1
                    }
                };
                out.push_str(&sql[copied..i]);
                out.push_str(&format!("${}", position + 1));
                i += 1 + digits;
                copied = i;
                continue;
            }
            None => {}
        }
        i += 1;
    }
    out.push_str(&sql[copied..]);
    let params = order
        .iter()
        .map(|&n| {
            params.get(n.wrapping_sub(1)).cloned().ok_or_else(|| StoreError::Invalid {
                what: "SQL parameter",
                why: format!("?{n} has no value"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((out, params))
}

/// A PostgreSQL connection and the statements it has prepared (preparing
/// costs a round trip, and the same few questions are asked again and again).
pub(crate) struct Pg {
    pub(crate) client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    /// The SQL function that folds accents before text is indexed or
    /// searched (`dateline_fold`, schema 4 on), or `""` (none) for an older
    /// database read as it is.
    pub(crate) fold: &'static str,
}

impl Pg {
    pub(crate) fn new(client: postgres::Client) -> Pg {
        Pg {
            client,
            statements: HashMap::new(),
            fold: "",
        }
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        if self.statements.len() >= 256 {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Runs one query written in SQLite's parameter style.
    pub(crate) fn rows(&mut self, sql: &str, params: &[Param]) -> Result<Vec<Row>> {
        let (sql, params) = to_postgres(sql, params)?;
        let statement = self.statement(&sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        self.client
            .query(&statement, &refs)?
            .iter()
            .map(pg_row)
            .collect()
    }

    /// Streams the rows of a query without parameters to `each`.
    pub(crate) fn for_each_row(
        &mut self,
        sql: &str,
        mut each: impl FnMut(Row) -> Result<()>,
    ) -> Result<usize> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut rows = self.client.query_raw(sql, std::iter::empty::<&(dyn ToSql + Sync)>())?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            each(pg_row(&row)?)?;
            n += 1;
        }
        Ok(n)
    }

    pub(crate) fn column_names(&mut self, sql: &str) -> Result<Vec<String>> {
        let statement = self.client.prepare(sql)?;
        Ok(statement.columns().iter().map(|c| c.name().to_string()).collect())
    }
}

fn pg_row(row: &postgres::Row) -> Result<Row> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let value = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Int)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?.map_or(Value::Null, |n| Value::Int(n.into()))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)?.map_or(Value::Null, |n| Value::Int(n.into()))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?.map_or(Value::Null, |b| Value::Int(b.into()))
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i)?.map_or(Value::Null, Value::Real)
        } else if matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME) {
            row.try_get::<_, Option<String>>(i)?.map_or(Value::Null, Value::Text)
        } else {
            return Err(StoreError::Column {
                index: i,
                why: format!("column {:?} has type {ty}, which the store does not read", column.name()),
            });
        };
        values.push(value);
    }
    Ok(Row(values))
}

/// Runs one SQLite query and reads every row as [`Value`]s.
pub(crate) fn sqlite_rows(conn: &rusqlite::Connection, sql: &str, params: &[Param]) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(sqlite_row(r, columns)?);
    }
    Ok(out)
}

pub(crate) fn sqlite_row(r: &rusqlite::Row<'_>, columns: usize) -> Result<Row> {
    let mut values = Vec::with_capacity(columns);
    for i in 0..columns {
        values.push(match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Real(x) => Value::Real(x),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Text(b.iter().map(|x| format!("{x:02x}")).collect()),
        });
    }
    Ok(Row(values))
}

/// The open database of a store.
pub(crate) enum Db {
    Sqlite(rusqlite::Connection),
    /// `RefCell` because the PostgreSQL client needs `&mut` for every call
    /// while the store's questions take `&self`; a `Store` is used by one
    /// thread at a time (it is `Send`, not `Sync`), so no borrow overlaps.
    Postgres(Box<RefCell<Pg>>),
}

impl Db {
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs one query (SQLite parameter style) on whichever database this is.
    pub(crate) fn rows(&self, sql: &str, params: &[Param]) -> Result<Vec<Row>> {
        match self {
            Db::Sqlite(conn) => sqlite_rows(conn, sql, params),
            Db::Postgres(pg) => pg.try_borrow_mut().map_err(|_| busy())?.rows(sql, params),
        }
    }

    pub(crate) fn pg(&self) -> Result<std::cell::RefMut<'_, Pg>> {
        match self {
            Db::Postgres(pg) => pg.try_borrow_mut().map_err(|_| busy()),
            Db::Sqlite(_) => Err(StoreError::Invalid {
                what: "backend",
                why: "this is a SQLite store".into(),
            }),
        }
    }
}

fn busy() -> StoreError {
    StoreError::Invalid {
        what: "store use",
        why: "the PostgreSQL connection is already in use by this thread".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_renumbered_by_first_use() {
        let params = [Param::Int(1), Param::from("b"), Param::Null, Param::from("d")];
        let (sql, bound) = to_postgres("SELECT ?4, '?9', x = ?2 AND y = ?2 LIMIT ?1", &params).unwrap();
        assert_eq!(sql, "SELECT $1, '?9', x = $2 AND y = $2 LIMIT $3");
        assert_eq!(bound, vec![Param::from("d"), Param::from("b"), Param::Int(1)]);
        let (sql, bound) = to_postgres("a = ? AND b = ? AND c = \"?\"", &params).unwrap();
        assert_eq!(sql, "a = $1 AND b = $2 AND c = \"?\"");
        assert_eq!(bound, vec![Param::Int(1), Param::from("b")]);
        assert!(to_postgres("x = ?7", &params).is_err());
    }

    #[test]
    fn urls_are_told_from_files_and_passwords_hidden() {
        assert_eq!(Location::of(Path::new("s.db")), Location::Sqlite(Path::new("s.db")));
        assert_eq!(
            Location::of(Path::new("postgresql://u@h/d")),
            Location::Postgres("postgresql://u@h/d")
        );
        assert_eq!(redact_password("postgres://u:secret@h:5432/d?x=1"), "postgres://u:***@h:5432/d?x=1");
        assert_eq!(redact_password("postgres://u@h/d"), "postgres://u@h/d");
        assert_eq!(redact_password("postgres://h/d"), "postgres://h/d");
        assert_eq!(
            redact_password("postgres://u@h/d?sslmode=disable&password=secret"),
            "postgres://u@h/d?sslmode=disable&password=***"
        );
    }
}
