//! JSON handlers: each parses its query (a bad one is a 400 with a JSON
//! body, never axum's plain-text rejection), asks the store, answers JSON.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use dateline_store::{EventQuery, Period, SaidQuery};
use serde::Deserialize;

use crate::{ApiError, AppState, IngestRequest};

pub(crate) type Q<T> = Result<Query<T>, QueryRejection>;

pub(crate) fn params<T>(q: Q<T>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(format!("bad query string: {}", e.body_text())))
}

pub(crate) fn document_id(id: &str) -> Result<i64, ApiError> {
    id.parse::<i64>()
        .map_err(|_| ApiError::bad_request(format!("document ids are numbers; got {id:?}")))
}

fn period(p: Option<&str>) -> Result<Period, ApiError> {
    Ok(p.map(Period::parse).transpose()?.unwrap_or_default())
}

#[derive(Deserialize)]
pub(crate) struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn documents(
    State(s): State<AppState>,
    q: Q<Page>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    Ok(Json(
        s.read(move |st| st.documents(p.limit, p.offset.unwrap_or(0)))
            .await?,
    ))
}

pub(crate) async fn document(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let id = document_id(&id)?;
    match s.read(move |st| st.document(id)).await? {
        Some(d) => Ok(Json(d)),
        None => Err(ApiError::not_found(format!("no document {id}"))),
    }
}

#[derive(Deserialize)]
pub(crate) struct SearchParams {
    pub q: Option<String>,
    pub limit: Option<usize>,
}

pub(crate) async fn search(
    State(s): State<AppState>,
    q: Q<SearchParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    let text =
        p.q.ok_or_else(|| ApiError::bad_request("give the words to search for: ?q=..."))?;
    Ok(Json(s.read(move |st| st.search(&text, p.limit)).await?))
}

#[derive(Deserialize)]
pub(crate) struct SaidParams {
    by: Option<String>,
    about: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn said(
    State(s): State<AppState>,
    q: Q<SaidParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    let by =
        p.by.ok_or_else(|| ApiError::bad_request("give the speaker: ?by=NAME or ?by=ISO3"))?;
    let query = SaidQuery {
        by,
        about: p.about,
        from: p.from,
        to: p.to,
        limit: p.limit,
        offset: p.offset,
    };
    Ok(Json(s.read(move |st| st.said(&query)).await?))
}

#[derive(Deserialize)]
pub(crate) struct TimelineParams {
    actor: Option<String>,
    issue: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn timeline(
    State(s): State<AppState>,
    q: Q<TimelineParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    let actor = p
        .actor
        .ok_or_else(|| ApiError::bad_request("give the actor: ?actor=NAME or ?actor=ISO3"))?;
    Ok(Json(
        s.read(move |st| st.timeline(&actor, p.issue.as_deref(), p.limit, p.offset))
            .await?,
    ))
}

#[derive(Deserialize)]
pub(crate) struct ShiftParams {
    actor: Option<String>,
    issue: Option<String>,
    by_country: Option<bool>,
    period: Option<String>,
}

pub(crate) async fn shifts(
    State(s): State<AppState>,
    q: Q<ShiftParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    let per = period(p.period.as_deref())?;
    Ok(Json(
        s.read(move |st| {
            st.shifts(
                p.actor.as_deref(),
                p.issue.as_deref(),
                p.by_country.unwrap_or(false),
                per,
            )
        })
        .await?,
    ))
}

#[derive(Deserialize)]
pub(crate) struct EventParams {
    source: Option<String>,
    target: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    period: Option<String>,
    limit: Option<usize>,
}

pub(crate) async fn events(
    State(s): State<AppState>,
    q: Q<EventParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    let query = EventQuery {
        source: p.source,
        target: p.target,
        kind: p.kind,
        from: p.from,
        to: p.to,
        period: period(p.period.as_deref())?,
        limit: p.limit,
    };
    Ok(Json(s.read(move |st| st.events(&query)).await?))
}

#[derive(Deserialize)]
pub(crate) struct LimitParams {
    limit: Option<usize>,
}

pub(crate) async fn actors(
    State(s): State<AppState>,
    q: Q<LimitParams>,
) -> Result<impl IntoResponse, ApiError> {
    let p = params(q)?;
    Ok(Json(s.read(move |st| st.actors(p.limit)).await?))
}

pub(crate) async fn issues(State(s): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(s.read(|st| st.issues()).await?))
}

pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI)
}

/// Compares without stopping at the first difference, so timing says
/// nothing about how much of a guess was right.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

pub(crate) async fn ingest(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<IngestRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Some(config) = s.inner.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --allow-ingest --token T)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|t| same_token(t.as_bytes(), config.token.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "send Authorization: Bearer <token>",
        ));
    }
    let Json(request) =
        body.map_err(|e| ApiError::new(e.status(), format!("bad body: {}", e.body_text())))?;
    if request.text.trim().is_empty() {
        return Err(ApiError::bad_request("the document text is empty"));
    }
    let db = s.inner.db.clone();
    let (stored, record) = tokio::task::spawn_blocking(move || -> Result<_, ApiError> {
        let (text, record) = (config.extract)(request).map_err(ApiError::bad_request)?;
        let mut store = dateline_store::Store::open(&db)?;
        let stats = store.ingest_batch([(text.as_str(), &record)])?;
        Ok((stats.stored == 1, record))
    })
    .await
    .map_err(|_| ApiError::internal("the ingest worker stopped"))??;
    let status = if stored {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(serde_json::json!({ "stored": stored, "record": record })),
    ))
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abd", b"abc"));
        assert!(!same_token(b"ab", b"abc"));
    }
}
