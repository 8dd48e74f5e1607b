#!/usr/bin/env bash
# Ingest speed and where the CPU goes, then the Parquet export of the result.
#
#   scripts/ingest-profile.sh [FILES…]
#
# Defaults to the two large dev sets. Uses ./target/release/dateline (build
# it first: cargo build --release -p dateline). Runs each step once into a
# fresh temporary store; CPU times (not wall) are what to compare on a
# shared machine. Figures: BENCHMARKS.md, "The store".
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./target/release/dateline
[ -x "$bin" ] || { echo "build first: cargo build --release -p dateline" >&2; exit 2; }
if [ $# -eq 0 ]; then
    set -- ../shared/eval/dev/polnear-train.jsonl ../shared/eval/dev/ngec-synthetic.jsonl
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/store.db

echo "## ingest (one core: --jobs 1), fresh store"
"$bin" ingest --jobs 1 --profile --db "$db" "$@"
echo "## ingest again (every document already stored)"
"$bin" ingest --jobs 1 --profile --db "$db" "$@"
echo "## export every table as Parquet"
/usr/bin/time -f "export: %U s user, %S s system, %e s wall" "$bin" export --db "$db" --format parquet -o "$tmp/parquet"
ls -l "$tmp/parquet"
echo "## the same tables as JSON Lines (for comparison)"
/usr/bin/time -f "export: %U s user, %S s system, %e s wall" "$bin" export --db "$db" --format jsonl -o "$tmp/jsonl"
du -sh "$tmp/parquet" "$tmp/jsonl" "$db"
