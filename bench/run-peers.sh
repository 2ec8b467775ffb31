#!/usr/bin/env bash
# Index and search arqa-dev and names-dev with the peer systems (Lucene 8.7 ArabicAnalyzer, stock
# Xapian 1.4 + Snowball arabic), then print the quality tables (bench/eval.py) and the timings.
#
#   bench/run-peers.sh DATA_DIR OUT_DIR        e.g. bench/run-peers.sh /work/data bench/out
#
# DATA_DIR holds arqa-dev/ and names-dev/ in BEIR layout (shared/tools/build-corpus.py writes them).
# OUT_DIR receives, per system S and dataset D:
#   S-D.trec                   the TREC run scored by eval.py
#   S-D.index.json / .search.json   the JSON line each program prints last (figures, latencies)
#   index/S-D/                 the index itself (deleted and rebuilt each time)
#
# Reuse: `source bench/run-peers.sh` defines the functions below without running anything. A
# system NAME joins the comparison by defining two functions with the same contract as the peers:
#   NAME_index CORPUS.jsonl INDEX_DIR            -> last stdout line: {"docs","seconds",...}
#   NAME_search INDEX_DIR QUERIES.jsonl RUN K    -> last stdout line: {"p50_ms",...,"seconds"}
# and being listed in SYSTEMS; then `peers_main DATA_DIR OUT_DIR` runs them all in one go.
#
# Environment: SYSTEMS (default "lucene stock_xapian"), BUILD_DIR (default <repo>/build-bench-peers),
# STOCK_XAPIAN (a prebuilt stock_xapian binary), LUCENE_JARS, JAVA_OPTS, K_ARQA (default 100: one
# relevant paragraph per question), K_NAMES (default 1000: names have up to 308 relevant articles,
# so MAP needs a deep run; the reference MAP figures are at depth 1000).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
: "${BUILD_DIR:=$REPO_DIR/build-bench-peers}"
: "${SYSTEMS:=lucene stock_xapian}"
: "${K_ARQA:=100}"
: "${K_NAMES:=1000}"
PYTHON=/usr/bin/python3  # Debian's, not whatever python3 is first on PATH

# ---- Lucene ------------------------------------------------------------------------------------
lucene_cp() {
    if [ -z "${LUCENE_CP:-}" ]; then
        LUCENE_CP=$("$BENCH_DIR/lucene/build.sh") || return 1
    fi
}
# JAVA_OPTS and SYSTEMS are word lists on purpose, hence unquoted below.
# shellcheck disable=SC2086
lucene_index() {
    lucene_cp && java ${JAVA_OPTS:-} -cp "$LUCENE_CP" LuceneBench index "$1" "$2"
}
# shellcheck disable=SC2086
lucene_search() {
    lucene_cp && java ${JAVA_OPTS:-} -cp "$LUCENE_CP" LuceneBench search "$1" "$2" "$3" --k "$4"
}

# ---- stock Xapian ------------------------------------------------------------------------------
stock_xapian_bin() {
    if [ -n "${STOCK_XAPIAN:-}" ]; then return 0; fi
    STOCK_XAPIAN=$BUILD_DIR/stock_xapian
    if [ ! -x "$STOCK_XAPIAN" ] || [ "$BENCH_DIR/stock_xapian.cpp" -nt "$STOCK_XAPIAN" ]; then
        mkdir -p "$BUILD_DIR"
        echo "building $STOCK_XAPIAN" >&2
        # shellcheck disable=SC2046  # pkg-config output must split into words
        g++ -O2 -std=c++17 "$BENCH_DIR/stock_xapian.cpp" $(pkg-config --cflags --libs xapian-core) \
            -o "$STOCK_XAPIAN" || return 1
    fi
}
stock_xapian_index() {
    stock_xapian_bin && "$STOCK_XAPIAN" index "$1" "$2"
}
stock_xapian_search() {
    stock_xapian_bin && "$STOCK_XAPIAN" search "$1" "$2" "$3" --k "$4"
}

# ---- generic driver ----------------------------------------------------------------------------

# peer_run SYSTEM DATASET_DIR OUT_DIR K: fresh index, then search; figures into OUT_DIR.
peer_run() {
    local sys=$1 data=$2 out=$3 k=$4
    local name
    name=$sys-$(basename "$data")
    local idx=$out/index/$name
    rm -rf "$idx"
    mkdir -p "$out/index"
    echo "== $name: index" >&2
    "${sys}_index" "$data/corpus.jsonl" "$idx" | tail -n1 > "$out/$name.index.json" || return 1
    [ -s "$out/$name.index.json" ] || { echo "$name: index failed" >&2; return 1; }
    echo "== $name: search (k=$k)" >&2
    "${sys}_search" "$idx" "$data/queries.jsonl" "$out/$name.trec" "$k" \
        | tail -n1 > "$out/$name.search.json" || return 1
    [ -s "$out/$name.search.json" ] || { echo "$name: search failed" >&2; return 1; }
    du -sk "$idx" | cut -f1 > "$out/$name.index.kb"
}

# peer_eval DATA_DIR OUT_DIR DATASET: one quality table over every system's run for DATASET.
peer_eval() {
    local data=$1 out=$2 ds=$3 runs=() sys
    for sys in $SYSTEMS; do
        [ -f "$out/$sys-$ds.trec" ] && runs+=("$sys-$ds.trec")
    done
    [ ${#runs[@]} -gt 0 ] || return 0
    echo
    echo "### $ds"
    echo
    (cd "$out" && "$PYTHON" "$BENCH_DIR/eval.py" "$data/$ds/qrels.tsv" "${runs[@]}")
}

# peer_timings OUT_DIR: one table of the figures the programs reported (all in one run).
peer_timings() {
    echo
    echo "### timings"
    echo
    # shellcheck disable=SC2086
    "$PYTHON" - "$1" $SYSTEMS <<'PY'
import json, os, sys
out, systems = sys.argv[1], sys.argv[2:]
print("| run | docs | index s | docs/s | index MB | queries | top-10 p50 ms | p95 ms | p99 ms | mean ms | top-10 total s | k-deep run s |")
print("| --- " * 12 + "|")
for ds in ("arqa-dev", "names-dev"):
    for s in systems:
        base = os.path.join(out, f"{s}-{ds}")
        try:
            ix = json.load(open(base + ".index.json"))
            se = json.load(open(base + ".search.json"))
            kb = int(open(base + ".index.kb").read())
        except (OSError, ValueError):
            continue
        print(f"| {s}-{ds} | {ix['docs']} | {ix['seconds']:.1f} | {ix['docs_per_s']:.0f} | {kb / 1024:.0f} "
              f"| {se['queries']} | {se['p50_ms']:.2f} | {se['p95_ms']:.2f} | {se['p99_ms']:.2f} "
              f"| {se['mean_ms']:.2f} | {se['seconds']:.2f} | {se['run_seconds']:.2f} |")
PY
}

# peers_main DATA_DIR OUT_DIR: every system in SYSTEMS on both datasets, then the tables.
peers_main() {
    local data out sys
    data=$(cd "$1" && pwd) || return 1
    mkdir -p "$2" && out=$(cd "$2" && pwd) || return 1
    local t0=$SECONDS
    for sys in $SYSTEMS; do
        peer_run "$sys" "$data/arqa-dev" "$out" "$K_ARQA" || return 1
        peer_run "$sys" "$data/names-dev" "$out" "$K_NAMES" || return 1
    done
    peer_eval "$data" "$out" arqa-dev
    peer_eval "$data" "$out" names-dev
    peer_timings "$out"
    echo
    echo "total wall time: $((SECONDS - t0)) s"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    if [ $# -ne 2 ]; then
        echo "usage: $0 DATA_DIR OUT_DIR" >&2
        exit 2
    fi
    peers_main "$1" "$2"
fi
