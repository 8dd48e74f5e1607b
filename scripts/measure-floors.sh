#!/usr/bin/env bash
# Prints eval/floors.toml from today's F1 values (rounded down to 2 decimals):
# every dev set of the shared gold, the shared examples and the bundled ones.
# Use it to RAISE floors after an improvement; never lower a floor to pass.
#   scripts/measure-floors.sh > eval/floors.toml   (then review the diff)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${DATELINE_SHARED:-$repo/../shared}"
bin="$repo/target/release/dateline"
[ -x "$bin" ] || cargo build --release -p dateline --manifest-path "$repo/Cargo.toml" >&2

emit() { # section, then `dateline eval` arguments
  local section="$1"; shift
  "$bin" eval --json "$@" | python3 -c '
import json, math, sys
section = sys.argv[1]
scores = json.load(sys.stdin)
print("[\"%s\"]" % section)
for k, v in scores.items():
    if isinstance(v, dict):
        floor = math.floor(v["f1"] * 100 + 1e-9) / 100
        print("\"%s\" = %.2f" % (k, floor))
print()
' "$section"
}

cat <<'HEAD'
# Accuracy floors: the minimum F1 of each measure, per gold set, that the
# standard pipeline must keep (checked by crates/cli/tests/accuracy_floor.rs
# and, for the examples, crates/cli/tests/examples.rs).
#
# RULE: raise a floor when the pipeline improves (scripts/measure-floors.sh
# prints today's values rounded down); NEVER lower a floor to make a test
# pass: fix the regression instead.
#
# Sections: a dev set by file name (shared/eval/dev/NAME.jsonl),
# "examples" (shared/examples) and "bundled-examples" (examples/ here).

HEAD
for f in "$shared"/eval/dev/*.jsonl; do
  emit "$(basename "$f" .jsonl)" --gold "$f"
done
args=(); for g in "$shared"/examples/gold/*.json; do args+=(--gold "$g"); done
emit examples "${args[@]}"
args=(); for g in "$repo"/examples/gold/*.json; do args+=(--gold "$g"); done
emit bundled-examples "${args[@]}"
