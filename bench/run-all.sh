#!/usr/bin/env bash
# fahras beside Lucene 8.7 ArabicAnalyzer and stock Xapian, in one run: index + search arqa-dev and
# names-dev with each, then quality (eval.py) and timing tables.
#
#   bench/run-all.sh DATA_DIR OUT_DIR [BUILD_DIR]   e.g. bench/run-all.sh /work/data bench/out build
#
# DATA_DIR is what shared/tools/build-corpus.py writes. BUILD_DIR holds a Release build of fahras
# (tools/fahras); default <repo>/build.
set -euo pipefail
# shellcheck source=bench/run-peers.sh
source "$(dirname "${BASH_SOURCE[0]}")/run-peers.sh"
FAHRAS_BUILD=${3:-$REPO_DIR/build}
FAHRAS=$FAHRAS_BUILD/tools/fahras
[ -x "$FAHRAS" ] || { echo "no $FAHRAS: build fahras first (scripts/build.sh)" >&2; exit 1; }

# Same contract as the peers: a last JSON line with docs/seconds, then p50_ms.. and run seconds.
fahras_index() {
    local t0 t1 docs
    t0=$(date +%s.%N)
    "$FAHRAS" index "$2" --overwrite --quiet "$1" >&2
    t1=$(date +%s.%N)
    docs=$("$FAHRAS" stats "$2" --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
    "$PYTHON" -c "import json; s=$t1-$t0; print(json.dumps({'system':'fahras','docs':$docs,'seconds':s,'docs_per_s':$docs/s}))"
}
fahras_search() {
    "$FAHRAS" batch "$1" "$2" --run "$3" --k "$4" | tail -n1 | "$PYTHON" -c '
import json, sys
j = json.load(sys.stdin)
l = j["latency_ms"]
print(json.dumps({"queries": j["queries"], "p50_ms": l["p50"], "p95_ms": l["p95"], "p99_ms": l["p99"],
                  "mean_ms": l["mean"], "seconds": l["mean"] * j["queries"] / 1000, "run_seconds": j["seconds"]}))'
}

SYSTEMS="fahras lucene stock_xapian"
peers_main "$1" "$2"
