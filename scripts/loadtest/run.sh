#!/usr/bin/env bash
# Latency of `dateline serve` on a large store: grows a store of synthetic
# records (re-dated copies of a dev set's quotes and stances, see
# crates/store/examples/grow.rs) when it is missing, serves it on a loopback
# port, and drives it with the open-loop load generator
# (crates/serve/examples/loadgen.rs) over actor timelines and said-by pages.
#
# usage: scripts/loadtest/run.sh [DB] [RECORDS] [RATE] [SECONDS] [CONNECTIONS]
#   defaults: target/loadtest/store.db 10000000 400 600 8
# Environment: DATELINE_SHARED (dev sets; default ../shared next to the repo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB=${1:-"$ROOT/target/loadtest/store.db"}
RECORDS=${2:-10000000}
RATE=${3:-400}
SECONDS_=${4:-600}
CONNECTIONS=${5:-8}
SHARED=${DATELINE_SHARED:-"$ROOT/../shared"}
GOLD="$SHARED/eval/dev/polnear-dev.jsonl"
mkdir -p "$(dirname "$DB")"
cd "$ROOT"
cargo build --release -q -p dateline -p dateline-store --example grow
cargo build --release -q -p dateline-serve --example loadgen
if [ ! -e "$DB" ]; then
  [ -e "$GOLD" ] || { echo "loadtest: no $GOLD to grow a store from" >&2; exit 2; }
  target/release/examples/grow "$DB" "$GOLD" "$RECORDS"
fi
PATHS="$(dirname "$DB")/paths.txt"
# Every named speaker: their timeline (all issues, one issue, page 2) and
# what they said (page 1 by surname, page 2 by full name).
python3 - "$DB" "$PATHS" <<'PY'
import random, sqlite3, sys, urllib.parse
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
names = [r[0] for r in c.execute("SELECT DISTINCT name FROM entities WHERE type = 'PERSON'")]
issues = [r[0] for r in c.execute("SELECT DISTINCT issue FROM stances LIMIT 50")] or ["none"]
rng = random.Random(7)
q = urllib.parse.quote
paths = []
for n in names:
    surname = (n.split() or [n])[-1]
    paths += [f"/api/timeline?actor={q(surname)}", f"/api/said?by={q(surname)}",
              f"/api/timeline?actor={q(n)}&issue={q(rng.choice(issues))}",
              f"/api/said?by={q(n)}&offset=100", f"/api/timeline?actor={q(n)}&offset=100"]
rng.shuffle(paths)
open(sys.argv[2], "w").write("\n".join(paths) + "\n")
print(f"loadtest: {len(paths)} paths for {len(names)} speakers")
PY
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/dateline serve --db "$DB" --addr "127.0.0.1:$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/openapi.json" >/dev/null 2>&1 && break; sleep 0.1; done
echo "loadtest: $(du -h "$DB" | cut -f1) store; $RATE req/s for $SECONDS_ s over $CONNECTIONS connections"
target/release/examples/loadgen "127.0.0.1:$PORT" "$PATHS" "$RATE" "$SECONDS_" "$CONNECTIONS"
