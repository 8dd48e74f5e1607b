#!/usr/bin/env bash
# Browser test of `dateline serve`: search -> report -> actor in headless
# Chromium. Builds a small store from the example wire reports, serves it on
# a free loopback port, dumps each page's DOM and checks its content, and
# keeps a screenshot of the report under target/browser-test/.
#
# Exit codes: 0 passed (or skipped, see below), 1 a page lacked expected
# content, 2 setup failed. When Chromium is missing and cannot be installed
# (not root, no apt-get, no network), the test is skipped with the reason on
# stdout and exit code $BROWSER_TEST_SKIP_CODE (default 0; CI may set 77).
#
# Environment: DATELINE_BIN (default target/release/dateline, built when
# missing), CHROMIUM (browser binary), BROWSER_TEST_SKIP_CODE, and
# DATELINE_SHARED (where examples/wire is when the repo has no examples/).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/target/browser-test"
mkdir -p "$OUT"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

skip() { echo "browser-test: SKIPPED: $*"; exit "${BROWSER_TEST_SKIP_CODE:-0}"; }
fail() { echo "browser-test: FAILED: $*" >&2; exit 1; }
setup_fail() { echo "browser-test: SETUP FAILED: $*" >&2; exit 2; }

find_chromium() {
  for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
    if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

CHROME=$(find_chromium || true)
if [ -z "$CHROME" ]; then
  if [ "$(id -u)" != 0 ]; then skip "chromium is not installed and installing it needs root"; fi
  if ! command -v apt-get >/dev/null 2>&1; then skip "chromium is not installed and there is no apt-get"; fi
  echo "browser-test: installing chromium (apt-get)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$WORK/apt.log" 2>&1; then
    tail -5 "$WORK/apt.log"
    skip "apt-get could not install chromium (see above)"
  fi
  CHROME=$(find_chromium || true)
  [ -n "$CHROME" ] || skip "chromium was installed but no chromium binary was found"
fi

BIN=${DATELINE_BIN:-"$ROOT/target/release/dateline"}
if [ ! -x "$BIN" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline) || setup_fail "cannot build dateline"
fi

if compgen -G "$ROOT/examples/wire/*.txt" >/dev/null; then
  INPUTS=("$ROOT"/examples/wire/*.txt)
else
  INPUTS=("${DATELINE_SHARED:-/work/shared}"/examples/wire/*.txt)
fi
[ -e "${INPUTS[0]}" ] || setup_fail "no example reports found"

DB="$WORK/store.db"
"$BIN" ingest --quiet --db "$DB" "${INPUTS[@]}" || setup_fail "ingest failed"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/openapi.json" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$BASE/openapi.json" >/dev/null || { cat "$WORK/serve.log"; setup_fail "the server did not start"; }

# What the pages must show, taken from the API: the first report, a word of
# its text to search for, and an actor (or the dateline place when the
# extractors found no actors).
curl -fsS "$BASE/api/documents?limit=1" >"$WORK/docs.json"
DOC=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["document"])' "$WORK/docs.json")
curl -fsS "$BASE/api/documents/$DOC" >"$WORK/doc.json"
curl -fsS "$BASE/api/actors?limit=1" >"$WORK/actors.json"
eval "$(python3 - "$WORK/doc.json" "$WORK/actors.json" <<'PY'
import json, re, shlex, sys
doc = json.load(open(sys.argv[1]))
actors = json.load(open(sys.argv[2]))
body = doc["text"].split(">>", 1)[-1]
words = [w for w in re.findall(r"[A-Za-z]{7,}", body)]
word = max(words[:40], key=len) if words else "the"
rec = doc["record"]
actor = actors[0]["name"] if actors else (rec.get("dateline") or "nobody")
print(f"WORD={shlex.quote(word)}")
print(f"ACTOR={shlex.quote(actor)}")
print(f"NQUOTES={len(rec.get('quotes', []))}")
print(f"TITLE={shlex.quote(rec.get('title') or doc['doc_id'])}")
PY
)"
ACTOR_URL=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$ACTOR")

chrome() {
  timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$WORK")" "$@" 2>>"$WORK/chrome.log"
}

expect() { # page-file description needle
  grep -qF -- "$3" "$1" || fail "$2: the page lacks $(printf %q "$3") (DOM kept in $OUT)"
}

echo "browser-test: chromium $("$CHROME" --version 2>/dev/null | head -1); serving $DB on $BASE"

# 1. search
chrome --dump-dom "$BASE/search?q=$WORD" >"$OUT/search.html" || fail "chromium could not load the search page"
expect "$OUT/search.html" "search" "results</p>"
expect "$OUT/search.html" "search" "href=\"/report/$DOC"
expect "$OUT/search.html" "search" "<mark>"

# 2. report (and its screenshot)
chrome --dump-dom "$BASE/report/$DOC" >"$OUT/report.html" || fail "chromium could not load the report page"
expect "$OUT/report.html" "report" "id=\"text\""
expect "$OUT/report.html" "report" "$WORD"
expect "$OUT/report.html" "report" "<h2>Quotes ($NQUOTES)</h2>"
if [ "$NQUOTES" -gt 0 ]; then
  expect "$OUT/report.html" "report" "<a id=\"q0\"></a>"
  expect "$OUT/report.html" "report" "href=\"#q0\""
fi
chrome --screenshot="$OUT/report.png" --window-size=1280,1800 --hide-scrollbars "$BASE/report/$DOC" >/dev/null \
  || fail "chromium could not take the report screenshot"
[ -s "$OUT/report.png" ] || fail "the report screenshot is empty"

# 3. actor
chrome --dump-dom "$BASE/actor?name=$ACTOR_URL" >"$OUT/actor.html" || fail "chromium could not load the actor page"
expect "$OUT/actor.html" "actor" "<h1 id=\"actor\">"
expect "$OUT/actor.html" "actor" "id=\"timeline\""
expect "$OUT/actor.html" "actor" "<h2>Said ("

echo "browser-test: passed (search '$WORD' -> report $DOC -> actor '$ACTOR'); pages and report.png in $OUT"
