//! Support for tests that run against a PostgreSQL server.
//!
//! The cross-backend tests of this crate, of `serve` and of the `dateline`
//! binary all need the same rule: use `DATELINE_TEST_POSTGRES` when it names
//! a server; otherwise say loudly that the test skips, except under CI
//! (`CI=true`), where `.ci/run` starts a server and a missing one is a
//! failure, not a skip.

use std::io::Write;

/// The test server's URL from `DATELINE_TEST_POSTGRES`, or `None` after
/// writing a `SKIPPED` line for `test` to stderr.
///
/// # Panics
/// Under `CI=true` when no URL is set: the PostgreSQL backend would go
/// untested.
pub fn postgres_test_url(test: &str) -> Option<String> {
    match std::env::var("DATELINE_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "{test}: CI=true but DATELINE_TEST_POSTGRES is not set: the PostgreSQL backend is untested (see .ci/run)"
            );
            // Straight to stderr: the test harness captures eprintln! of
            // passing tests, and a skip must be seen.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: set DATELINE_TEST_POSTGRES=postgres://… to run it against PostgreSQL"
            );
            None
        }
    }
}
