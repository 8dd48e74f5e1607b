//! The router in-process (`oneshot`): every route answers, errors are JSON
//! 4xx, the OpenAPI document lists exactly the routes, writes need the
//! token, and hundreds of garbage query strings never make it fail.

#[path = "../../store/tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use dateline_serve::{router, AppState, IngestConfig, IngestRequest, ROUTES};
use dateline_store::Store;
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut store = Store::open(&db).unwrap();
    let reports = common::reports();
    store
        .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
        .unwrap();
    Fixture { _dir: dir, db }
}

fn app(f: &Fixture, ingest: Option<IngestConfig>) -> Router {
    router(AppState::new(f.db.clone(), ingest).unwrap())
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, String, String) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, ctype, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn openapi_lists_exactly_the_routes() {
    let spec: serde_json::Value = serde_json::from_str(dateline_serve::OPENAPI).unwrap();
    assert_eq!(spec["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let paths = spec["paths"].as_object().unwrap();
    for (method, path) in ROUTES {
        assert!(
            paths
                .get(*path)
                .and_then(|p| p.get(method.to_lowercase()))
                .is_some(),
            "{method} {path} missing from openapi.json"
        );
    }
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            assert!(
                ROUTES.contains(&(method.to_uppercase().as_str(), path.as_str())),
                "openapi.json has {method} {path}, the router does not"
            );
        }
    }
}

#[tokio::test]
async fn every_route_answers() {
    let f = fixture();
    let app = app(&f, None);
    let queries = [
        ("/api/search", "?q=corridor"),
        ("/api/said", "?by=Kessler"),
        ("/api/timeline", "?actor=Kessler"),
        ("/api/events", "?source=FRA"),
        ("/search", "?q=corridor"),
        ("/actor", "?name=Kessler"),
    ];
    for (method, path) in ROUTES {
        let uri = path.replace("{id}", "1")
            + queries
                .iter()
                .find(|(p, _)| p == path)
                .map_or("", |(_, q)| q);
        let req = Request::builder()
            .method(*method)
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let (status, _, body) = call(&app, req).await;
        if *path == "/api/ingest" {
            assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        } else {
            assert_eq!(status, StatusCode::OK, "{method} {uri}: {body}");
        }
    }
}

#[tokio::test]
async fn api_answers_the_questions() {
    let f = fixture();
    let app = app(&f, None);
    let (_, ctype, body) = get(&app, "/api/said?by=kessler&about=trap").await;
    assert!(ctype.starts_with("application/json"));
    let rows = json(&body);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["speaker"], "Ana Kessler");
    assert!(rows[0]["sentence"]
        .as_str()
        .unwrap()
        .contains("Kessler said."));

    let shifts = json(&get(&app, "/api/shifts?actor=FRA").await.2);
    assert_eq!(shifts[0]["to_polarity"], "against");
    let events = json(
        &get(&app, "/api/events?source=FRA&target=DEU&period=year")
            .await
            .2,
    );
    assert_eq!(events["counts"].as_array().unwrap().len(), 2);
    let doc = json(&get(&app, "/api/documents/1").await.2);
    assert_eq!(doc["record"]["quotes"][0]["speaker_name"], "Ana Kessler");
    let issues = json(&get(&app, "/api/issues").await.2);
    assert_eq!(issues[0]["issue"], "grain_corridor");
}

#[tokio::test]
async fn pages_mark_records_and_link_them() {
    let f = fixture();
    let app = app(&f, None);
    let (status, ctype, report) = get(&app, "/report/2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(report.contains("<a id=\"q0\"></a>"), "{report}");
    assert!(report.contains("class=\"q sp0"));
    assert!(report.contains("class=\"ent\""));
    assert!(report.contains("<a id=\"e0\"></a>") && report.contains("href=\"#e0\""));
    assert!(report.contains("<a id=\"f0\"></a>") && report.contains("href=\"#f0\""));
    assert!(report.contains("href=\"#s0\""));
    let (_, _, actor) = get(&app, "/actor?name=Ana%20Kessler").await;
    assert!(actor.contains("<svg id=\"timeline\""));
    assert_eq!(actor.matches("<circle").count(), 2);
    assert!(actor.contains("href=\"/report/2#q0\""));
    assert!(actor.contains("id=\"shifts\""));
    let (_, _, search) = get(&app, "/search?q=trap").await;
    assert!(search.contains("<mark>trap</mark>"));
    assert!(search.contains("href=\"/report/2#q0\""));
    // Stored text is escaped, never markup.
    assert!(!get(&app, "/search?q=%3Cscript%3E")
        .await
        .2
        .contains("<script>alert"));
}

#[tokio::test]
async fn errors_are_json_4xx() {
    let f = fixture();
    let app = app(&f, None);
    for (uri, want) in [
        ("/api/said", StatusCode::BAD_REQUEST),
        ("/api/said?by=x&from=yesterday", StatusCode::BAD_REQUEST),
        ("/api/documents?limit=lots", StatusCode::BAD_REQUEST),
        ("/api/documents/abc", StatusCode::BAD_REQUEST),
        ("/api/documents/99", StatusCode::NOT_FOUND),
        ("/report/99", StatusCode::NOT_FOUND),
        ("/api/events?source=France", StatusCode::BAD_REQUEST),
        ("/api/shifts?period=week", StatusCode::BAD_REQUEST),
        ("/api/search?q=%22%28%29", StatusCode::BAD_REQUEST),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let (status, ctype, body) = get(&app, uri).await;
        assert_eq!(status, want, "{uri}: {body}");
        assert!(ctype.starts_with("application/json"), "{uri}");
        assert_eq!(json(&body)["status"], want.as_u16());
    }
    let long = format!(
        "/api/search?q={}",
        "a".repeat(dateline_serve::MAX_QUERY + 1)
    );
    assert_eq!(get(&app, &long).await.0, StatusCode::URI_TOO_LONG);
    let (status, _, body) = call(
        &app,
        Request::delete("/api/issues").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    json(&body);
}

fn extractor() -> IngestConfig {
    // The test's "extraction" stores the text with an empty record; the
    // real one (the CLI) runs the pipeline.
    let extract = Arc::new(|r: IngestRequest| {
        let mut record = common::reports().remove(2).1;
        record.id = r.id.unwrap_or_else(|| dateline_record::content_id(&r.text));
        record.entities.clear();
        record.quotes.clear();
        record.events.clear();
        Ok((r.text, record))
    });
    IngestConfig {
        token: "s3cret".into(),
        extract,
    }
}

#[tokio::test]
async fn ingest_needs_the_token_and_is_idempotent() {
    let f = fixture();
    let app = app(&f, Some(extractor()));
    let post = |token: Option<&str>, body: String| {
        let mut b = Request::post("/api/ingest").header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        b.body(Body::from(body)).unwrap()
    };
    let doc =
        serde_json::json!({"text": "A new report about a ceasefire.", "id": "n1"}).to_string();
    assert_eq!(
        call(&app, post(None, doc.clone())).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, post(Some("wrong!"), doc.clone())).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _, body) = call(&app, post(Some("s3cret"), doc.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        call(&app, post(Some("s3cret"), doc)).await.0,
        StatusCode::OK
    );
    assert_eq!(
        json(&get(&app, "/api/search?q=ceasefire").await.2)[0]["doc_id"],
        "n1"
    );
    let (status, _, body) = call(&app, post(Some("s3cret"), "{not json".into())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    json(&body);
    let huge = serde_json::json!({ "text": "x".repeat(dateline_serve::MAX_BODY + 10) }).to_string();
    let (status, _, body) = call(&app, post(Some("s3cret"), huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    json(&body);
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[tokio::test]
async fn garbage_queries_never_fail_the_server() {
    let f = fixture();
    let app = app(&f, None);
    let keys = [
        "q",
        "by",
        "about",
        "from",
        "to",
        "limit",
        "offset",
        "actor",
        "issue",
        "period",
        "by_country",
        "source",
        "target",
        "type",
        "name",
        "x",
        "",
    ];
    let values = [
        "",
        "Kessler",
        "FRA",
        "%00",
        "%FF%FE",
        "'; DROP TABLE quotes; --",
        "\"",
        "NEAR(",
        "*",
        "2025-13-99",
        "-1",
        "99999999999999999999",
        "0",
        "true",
        "maybe",
        "%E2%80%9C",
        "a%20b",
        "%",
        "&&",
        "==",
        "[]",
        "{}",
        "\u{0}",
        "..%2F..%2Fetc%2Fpasswd",
        "day",
        "year",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sent = 0;
    for round in 0..700 {
        let (_, path) = ROUTES[round % ROUTES.len()];
        let path = path.replace(
            "{id}",
            rng.pick(&["1", "0", "-5", "abc", "%20", "99999999999999999999"]),
        );
        let mut query = String::new();
        for _ in 0..(rng.next() % 5) {
            query.push_str(&format!("{}={}&", rng.pick(&keys), rng.pick(&values)));
        }
        if rng.next().is_multiple_of(4) {
            // Raw random printable bytes, which may not even form a valid URI.
            query.extend((0..(rng.next() % 40)).map(|_| (b'!' + (rng.next() % 94) as u8) as char));
        }
        let uri = format!("{path}?{query}");
        let Ok(req) = Request::get(uri.as_str()).body(Body::empty()) else {
            continue;
        };
        let (status, _, body) = call(&app, req).await;
        sent += 1;
        assert!(!status.is_server_error(), "{uri}: {status} {body}");
        if !status.is_success() {
            json(&body);
        }
    }
    assert!(sent > 300, "only {sent} requests were valid URIs");
}

/// With `DATELINE_TEST_POSTGRES` set: every GET route answers the same from
/// a PostgreSQL store as from the SQLite file holding the same reports
/// (search aside: its ranking and snippets are each backend's own).
#[test]
fn a_postgres_store_serves_the_same_answers() {
    let Some(base) =
        dateline_store::testing::postgres_test_url("a_postgres_store_serves_the_same_answers")
    else {
        return;
    };
    let schema = "dateline_test_serve";
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
    {
        let mut store = Store::open(&url).unwrap();
        let reports = common::reports();
        store
            .ingest_batch(reports.iter().map(|(t, r)| (t.as_str(), r)))
            .unwrap();
    }
    let f = fixture();
    // Built outside the runtime, as `dateline_serve::run` does: the
    // PostgreSQL client blocks on connecting.
    let sqlite = app(&f, None);
    let pg = router(AppState::new(url.into(), None).unwrap());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        for uri in [
            "/api/documents",
            "/api/documents/2",
            "/api/documents/99",
            "/api/said?by=Kessler",
            "/api/said?by=kessler&about=trap",
            "/api/said?by=FRA&from=2025-04",
            "/api/timeline?actor=Kessler",
            "/api/shifts?actor=FRA",
            "/api/events?source=FRA&target=DEU&period=year",
            "/api/actors",
            "/api/issues",
            "/",
            "/report/1",
            "/actor?name=Kessler",
        ] {
            let (a, b) = (get(&sqlite, uri).await, get(&pg, uri).await);
            assert_eq!(b, a, "{uri}");
        }
        let (status, _, body) = get(&pg, "/api/search?q=corridor").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(json(&body).as_array().map(Vec::len), json(&get(&sqlite, "/api/search?q=corridor").await.2).as_array().map(Vec::len));
    });
}
