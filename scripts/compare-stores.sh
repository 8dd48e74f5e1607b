#!/usr/bin/env bash
# Do two stores answer the same? Runs the analyst's questions, full-text
# search (the store's own SQL) and an export of every table on both, and
# diffs the outputs (the `ingested_at` column aside, which is the clock).
#
#   scripts/compare-stores.sh A.db B.db [BIN]
#
# Use it after changing how the store is written: ingest the same inputs
# with the old binary into A.db and with the new one into B.db. BIN (default
# ./target/release/dateline) runs the questions on both stores, so only the
# stored data is compared. Exit status 0 when everything matches.
set -euo pipefail
a=$1 b=$2 bin=${3:-./target/release/dateline}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ask() { # STORE OUT
    local db=$1 out=$2
    mkdir -p "$out"
    local n=0
    # The most quoted surnames and full names, and countries, in store A
    # (so both stores get the same questions).
    while IFS= read -r who; do
        n=$((n + 1))
        "$bin" query --db "$db" --format jsonl said --by "$who" --limit 500 >"$out/said.$n"
        "$bin" query --db "$db" --format jsonl said --by "$who" --about "the" --limit 100 >"$out/said-about.$n"
        "$bin" query --db "$db" --format jsonl timeline --actor "$who" --limit 500 >"$out/timeline.$n"
    done <"$tmp/actors"
    "$bin" query --db "$db" --format jsonl shifts >"$out/shifts"
    "$bin" query --db "$db" --format jsonl events --source USA >"$out/events-usa"
    "$bin" query --db "$db" --format jsonl actors --limit 1000 >"$out/actors"
    "$bin" query --db "$db" --format jsonl issues >"$out/issues"
    # Full-text search as Store::search runs it (BM25 order, snippets).
    for words in '"war"' '"president" "said"' '"nato"' '"zurich"' '"oil" "prices"' '"election"'; do
        sqlite3 "$db" "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 16) FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH '$words' ORDER BY rank LIMIT 50;
                       SELECT q.id, highlight(quotes_fts, 0, '[', ']') FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH '$words' ORDER BY rank LIMIT 50;"
    done >"$out/search"
    sqlite3 "$db" "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1); INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1); SELECT 'fts ok';" >"$out/integrity"
    "$bin" export --db "$db" --format jsonl -o "$out/export" >/dev/null
    # when a document was stored, or a schema step applied, is the clock
    sed -i -E 's/"(ingested_at|applied_at)":"[^"]*"//' "$out/export/documents.jsonl" "$out/export/schema_version.jsonl"
}

sqlite3 "$a" "SELECT speaker_surname FROM quotes WHERE speaker_surname IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 10;
              SELECT speaker_lower FROM quotes WHERE speaker_lower LIKE '% %' GROUP BY 1 ORDER BY count(*) DESC LIMIT 5;
              SELECT holder_surname FROM stances WHERE holder_surname IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 5;
              SELECT speaker_country FROM quotes WHERE speaker_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 5;" >"$tmp/actors"
ask "$a" "$tmp/a"
ask "$b" "$tmp/b"
if diff -r -q "$tmp/a" "$tmp/b"; then
    echo "same answers: $(wc -l <"$tmp/actors") actors (said, said --about, timeline), shifts, events, actors, issues, 12 searches, every table exported ($(cat "$tmp"/a/export/*.jsonl | wc -l) rows)"
else
    echo "DIFFERENT (first lines of each difference):" >&2
    diff -r "$tmp/a" "$tmp/b" | head -40 >&2
    exit 1
fi
