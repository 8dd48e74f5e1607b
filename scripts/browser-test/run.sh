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

# What the pages must show, taken from the API: the actor with the most
# quotes and stances, their newest quote and its report, and a word of that
# report's text to search for. The bundled reports have quotes, so a store
# without any quoted actor is a failure, not a skip.
curl -fsS "$BASE/api/actors?limit=1000" >"$WORK/actors.json"
eval "$(python3 - "$WORK/actors.json" <<'PY'
import json, shlex, sys
actors = json.load(open(sys.argv[1]))
best = max(actors, key=lambda a: (a["quotes"] + a["stances"], a["quotes"], a["name"]), default=None)
if best is None or best["quotes"] + best["stances"] == 0:
    print("ACTOR=")
else:
    print(f"ACTOR={shlex.quote(best['name'])}")
    print(f"ACTOR_QUOTES={best['quotes']}")
    print(f"ACTOR_STANCES={best['stances']}")
PY
)"
[ -n "$ACTOR" ] || fail "no actor in the store has a quote or a stance (extraction found none in the example reports)"
ACTOR_Q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$ACTOR")
if [ "$ACTOR_QUOTES" -gt 0 ]; then
  curl -fsS "$BASE/api/said?by=$ACTOR_Q&limit=1" >"$WORK/said.json"
  DOC=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["document"])' "$WORK/said.json")
else
  curl -fsS "$BASE/api/timeline?actor=$ACTOR_Q&limit=1" >"$WORK/said.json"
  DOC=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["document"])' "$WORK/said.json")
fi
curl -fsS "$BASE/api/documents/$DOC" >"$WORK/doc.json"
eval "$(python3 - "$WORK/doc.json" <<'PY'
import json, re, shlex, sys
doc = json.load(open(sys.argv[1]))
body = doc["text"].split(">>", 1)[-1]
words = [w for w in re.findall(r"[A-Za-z]{7,}", body)]
word = max(words[:40], key=len) if words else "the"
rec = doc["record"]
print(f"WORD={shlex.quote(word)}")
print(f"NQUOTES={len(rec.get('quotes', []))}")
PY
)"

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
# Every quote of the report is highlighted: its words, as the record's span
# gives them, lie inside the text's quote marks (spans of class "q"), and
# its anchor sits where it starts.
python3 - "$OUT/report.html" "$WORK/doc.json" <<'PY' || fail "report: a quote is not highlighted in the text (DOM kept in $OUT)"
import json, sys
from html.parser import HTMLParser
doc = json.load(open(sys.argv[2]))
chars = list(doc["text"])

class Runs(HTMLParser):
    """Text of the #text div, split into runs highlighted as quotes."""
    def __init__(self):
        super().__init__()
        self.depth = 0; self.stack = []; self.runs = []; self.current = ""; self.anchors = set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth == 0 and a.get("id") == "text":
            self.depth = 1; self.stack = []; return
        if self.depth:
            self.depth += 1
            self.stack.append("q" in (a.get("class") or "").split())
            if tag == "a" and a.get("id"):
                self.anchors.add(a["id"])
    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.stack:
                self.stack.pop()
    def handle_data(self, data):
        if not self.depth:
            return
        if any(self.stack):
            self.current += data
        elif self.current:
            self.runs.append(self.current); self.current = ""

p = Runs()
p.feed(open(sys.argv[1]).read())
p.runs.append(p.current)
quotes = doc["record"].get("quotes", [])
for i, q in enumerate(quotes):
    words = "".join(chars[q["span"][0]:q["span"][1]])
    if not any(words in run for run in p.runs):
        sys.exit(f"quote {i} {words!r} is not inside a highlighted run")
    if f"q{i}" not in p.anchors:
        sys.exit(f"quote {i} has no anchor")
print(f"browser-test: report {doc['document']}: {len(quotes)} quotes highlighted")
PY
chrome --screenshot="$OUT/report.png" --window-size=1280,1800 --hide-scrollbars "$BASE/report/$DOC" >/dev/null \
  || fail "chromium could not take the report screenshot"
[ -s "$OUT/report.png" ] || fail "the report screenshot is empty"

# 3. actor
chrome --dump-dom "$BASE/actor?name=$ACTOR_Q" >"$OUT/actor.html" || fail "chromium could not load the actor page"
expect "$OUT/actor.html" "actor" "<h1 id=\"actor\">"
expect "$OUT/actor.html" "actor" "id=\"timeline\""
expect "$OUT/actor.html" "actor" "<h2>Said ($ACTOR_QUOTES)</h2>"
expect "$OUT/actor.html" "actor" "<h2>Stances over time ($ACTOR_STANCES)</h2>"
if [ "$ACTOR_QUOTES" -gt 0 ]; then
  # The newest quote is listed, linked to its place in its report.
  QUOTE_LINK=$(python3 - "$WORK/said.json" <<'PY'
import json, sys, html
q = json.load(open(sys.argv[1]))[0]
print('href="/report/%d#q%d">%s</a>' % (q["document"], q["idx"], html.escape(q["text"], quote=False)))
PY
)
  expect "$OUT/actor.html" "actor" "$QUOTE_LINK"
fi
if [ "$ACTOR_STANCES" -gt 0 ]; then
  grep -qE '<circle class="(for|against)"' "$OUT/actor.html" || fail "actor: the timeline has no stance dot (DOM kept in $OUT)"
fi

echo "browser-test: passed (search '$WORD' -> report $DOC -> actor '$ACTOR'); pages and report.png in $OUT"
