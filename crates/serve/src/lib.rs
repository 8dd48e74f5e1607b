//! `dateline serve`: a JSON API over a store, its OpenAPI document, and web
//! pages (search, report, actor) rendered on the server from the same data.
//!
//! Why this shape: the store is a file and the users are analysts on their
//! own machine, so the server is read-only and loopback-only unless told
//! otherwise, and every request is bounded (query and body size, row
//! limits). Handlers never unwrap: every failure is a status code with a
//! JSON body saying what was wrong. Store work (SQLite or PostgreSQL) runs
//! on the blocking pool with a small set of reused read-only connections; a
//! PostgreSQL connection the server closed is dropped, not reused.

mod api;
mod html;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use dateline_record::Record;
use dateline_store::{Store, StoreError};
use serde::Deserialize;

/// Longest query string accepted (bytes).
pub const MAX_QUERY: usize = 4096;
/// Largest request body accepted (bytes): one report to ingest.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// Read-only connections kept open between requests.
const POOLED_READERS: usize = 8;

/// The OpenAPI 3 description of the API, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every route the server answers: `(method, path)`. The router is built
/// from this list, and a test checks each one is in [`OPENAPI`].
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/documents"),
    ("GET", "/api/documents/{id}"),
    ("GET", "/api/search"),
    ("GET", "/api/said"),
    ("GET", "/api/timeline"),
    ("GET", "/api/shifts"),
    ("GET", "/api/events"),
    ("GET", "/api/actors"),
    ("GET", "/api/issues"),
    ("POST", "/api/ingest"),
    ("GET", "/openapi.json"),
    ("GET", "/"),
    ("GET", "/search"),
    ("GET", "/report/{id}"),
    ("GET", "/actor"),
];

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// A document posted to `/api/ingest`.
#[derive(Debug, Clone, Deserialize)]
pub struct IngestRequest {
    pub text: String,
    pub id: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
}

/// Turns a posted document into its text and record (the caller owns the
/// extraction pipeline; this crate knows only HTTP and the store).
pub type Extractor = Arc<dyn Fn(IngestRequest) -> Result<(String, Record), String> + Send + Sync>;

/// Writing through the API: off unless both are given.
#[derive(Clone)]
pub struct IngestConfig {
    pub token: String,
    pub extract: Extractor,
}

pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    pub ingest: Option<IngestConfig>,
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    readers: Mutex<Vec<Store>>,
    ingest: Option<IngestConfig>,
}

impl AppState {
    /// Checks the store opens (and is at the current schema) before serving.
    pub fn new(db: PathBuf, ingest: Option<IngestConfig>) -> Result<AppState, StoreError> {
        let first = Store::open_read_only(&db)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                db,
                readers: Mutex::new(vec![first]),
                ingest,
            }),
        })
    }

    /// Runs `f` on a pooled read-only connection, off the async threads.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner.readers.lock().ok().and_then(|mut v| v.pop());
            let store = match pooled {
                Some(s) => s,
                None => Store::open_read_only(&inner.db)?,
            };
            let out = f(&store);
            if let Ok(mut v) = inner.readers.lock() {
                if v.len() < POOLED_READERS && store.is_usable() {
                    v.push(store);
                }
            }
            out.map_err(ApiError::from)
        })
        .await
        .map_err(|_| ApiError::internal("the request's worker stopped"))?
    }
}

/// An error answer: a status and a JSON body `{"error", "status"}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Invalid { .. } | StoreError::UnknownTable(_) => {
                ApiError::bad_request(e.to_string())
            }
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "status": self.status.as_u16() });
        (self.status, Json(body)).into_response()
    }
}

fn handler_for(method: &str, path: &str) -> MethodRouter<AppState> {
    match (method, path) {
        ("GET", "/api/documents") => get(api::documents),
        ("GET", "/api/documents/{id}") => get(api::document),
        ("GET", "/api/search") => get(api::search),
        ("GET", "/api/said") => get(api::said),
        ("GET", "/api/timeline") => get(api::timeline),
        ("GET", "/api/shifts") => get(api::shifts),
        ("GET", "/api/events") => get(api::events),
        ("GET", "/api/actors") => get(api::actors),
        ("GET", "/api/issues") => get(api::issues),
        ("POST", "/api/ingest") => post(api::ingest),
        ("GET", "/openapi.json") => get(api::openapi),
        ("GET", "/") => get(html::home),
        ("GET", "/search") => get(html::search),
        ("GET", "/report/{id}") => get(html::report),
        ("GET", "/actor") => get(html::actor),
        _ => get(not_found),
    }
}

/// The whole application, ready to serve or to test with `oneshot`.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (method, path) in ROUTES {
        router = router.route(path, handler_for(method, path));
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(limit_query))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such page or API route (see /openapi.json)")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this route does not take that method (see /openapi.json)",
    )
}

async fn limit_query(request: Request, next: Next) -> Response {
    let query_len = request.uri().query().map_or(0, str::len);
    if query_len > MAX_QUERY {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the query string is {query_len} bytes; the limit is {MAX_QUERY}"),
        )
        .into_response();
    }
    next.run(request).await
}

/// Serves until Ctrl-C. Builds its own runtime so callers stay synchronous.
pub fn run(config: Config) -> Result<(), ServeError> {
    let state = AppState::new(config.db.clone(), config.ingest.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        let local = listener.local_addr()?;
        let mode = if config.ingest.is_some() {
            "ingest allowed with the token"
        } else {
            "read-only"
        };
        eprintln!(
            "dateline: serving {} on http://{local}/ ({mode})",
            dateline_store::display_location(&config.db)
        );
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
