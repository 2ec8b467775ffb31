#!/usr/bin/env bash
# One index against shards as the collection grows: SaudiNewsNet repeated 1x, 5x, 10x with new ids.
#
#   bench/shard_growth.sh CORPUS.jsonl NAME_QUERIES.jsonl OUT_DIR [BUILD_DIR]
#   e.g. nice -n 10 bench/shard_growth.sh /work/data/saudinewsnet/corpus.jsonl \
#            /work/data/names-dev/queries.jsonl /tmp/shard-growth build
#
# For each multiple (MULTIPLES, default "1 5 10") it writes the repeated corpus into WORK_DIR (default
# /tmp/fahras-shard-growth; copy K of article ID gets the id ID~K), then builds and times (wall and CPU):
#   one-1t     `fahras index --threads 1`: the single writer                    (multiples in FULL)
#   one-2t     `fahras index --threads 2`: two shards written in parallel, merged at commit (FULL)
#   shards-2t  `fahras index --threads 2 --keep-shards`: the two shards kept as a sharded index
#   merge      `xapian-compact` of the kept shards into one database: the step one-2t adds to
#              shards-2t (the same Database::compact), so above FULL one-2t ~ shards-2t + merge
# and measures top-10 query latency (`fahras search --topics`: a warm-up pass, then one timed pass) on
#   one        one database (one-2t's, or the merged copy above FULL)
#   shards     the kept shards, read through their stub, in this process
#   remote     the same two shards served by two xapian-tcpsrv on 127.0.0.1 (`--remote`)
# with two query sets: NAME_QUERIES (names-dev: single names) and the titles of the first 300
# articles of CORPUS (8-15 words each). FULL (default "1") lists the multiples built every way,
# REPS_FULL times (default 3); the others are built once. Latency passes run LATENCY_REPS times
# (default 3). Medians go to OUT_DIR/summary.md, every measurement to OUT_DIR/results.jsonl. Indexes
# are deleted after each multiple.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
CORPUS=$1
NAMES=$2
OUT=$3
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${4:-$REPO_DIR/build}
FAHRAS=$BUILD/tools/fahras
PYTHON=/usr/bin/python3
MULTIPLES=${MULTIPLES:-"1 5 10"}
FULL=${FULL:-1}
REPS_FULL=${REPS_FULL:-3}
LATENCY_REPS=${LATENCY_REPS:-3}
WORK=${WORK_DIR:-/tmp/fahras-shard-growth}
[ -x "$FAHRAS" ] || { echo "no $FAHRAS: build fahras first (scripts/build.sh)" >&2; exit 1; }
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing: apt-get install xapian-tools" >&2; exit 1; }
mkdir -p "$OUT" "$WORK"
RESULTS=$OUT/results.jsonl
: > "$RESULTS"

# The servers of the remote layout; killed on any exit.
SERVERS=()
stop_servers() {
    local pid
    for pid in "${SERVERS[@]}"; do
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SERVERS=()
}
trap stop_servers EXIT

record() { echo "$1" >> "$RESULTS"; echo "$1" >&2; }

# Titles of the first 300 articles as BEIR queries.
TITLES=$WORK/title-queries.jsonl
"$PYTHON" - "$CORPUS" "$TITLES" <<'PY'
import json, sys
out = open(sys.argv[2], "w", encoding="utf-8")
with open(sys.argv[1], encoding="utf-8") as f:
    for n, line in enumerate(f):
        if n == 300: break
        a = json.loads(line)
        out.write(json.dumps({"_id": "t%d" % n, "text": a["title"]}, ensure_ascii=False) + "\n")
PY

# repeat MULTIPLE: CORPUS written MULTIPLE times, copy K>0 with ids ID~K.
repeat() {
    local m=$1 file=$WORK/corpus-${1}x.jsonl
    if [ ! -s "$file" ]; then
        "$PYTHON" - "$CORPUS" "$file" "$m" <<'PY'
import json, sys
src, dst, m = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(dst, "w", encoding="utf-8") as out:
    for k in range(m):
        with open(src, encoding="utf-8") as f:
            for line in f:
                if k:
                    a = json.loads(line)
                    a["_id"] = "%s~%d" % (a["_id"], k)
                    line = json.dumps(a, ensure_ascii=False) + "\n"
                out.write(line)
PY
    fi
    echo "$file"
}

# timed MULTIPLE LAYOUT RUN DIR COMMAND...: runs COMMAND (which builds DIR) and records wall and CPU time.
timed() {
    local m=$1 layout=$2 run=$3 dir=$4
    shift 4
    sync
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@"
    local wall user sys docs kb
    read -r wall user sys < "$WORK/time"
    docs=$("$FAHRAS" stats --index "$dir" --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
    kb=$(du -sk "$dir" | cut -f1)
    record "$("$PYTHON" -c "import json; print(json.dumps({'kind':'index','multiple':$m,'layout':'$layout','run':$run,'docs':$docs,'seconds':$wall,'cpu_seconds':round($user+$sys,2),'mb':round($kb/1024)}))")"
}

# build MULTIPLE LAYOUT RUN FILE DIR OPTIONS...: one timed `fahras index` into a fresh DIR.
build() {
    local m=$1 layout=$2 run=$3 file=$4 dir=$5
    shift 5
    rm -rf "$dir"
    timed "$m" "$layout" "$run" "$dir" "$FAHRAS" index --index "$dir" --quiet "$@" "$file"
}

# latency MULTIPLE LAYOUT QUERYSET QUERIES WHERE...: LATENCY_REPS timed passes.
latency() {
    local m=$1 layout=$2 set=$3 queries=$4 rep line
    shift 4
    for rep in $(seq "$LATENCY_REPS"); do
        line=$("$FAHRAS" search "$@" --topics "$queries" --output "$WORK/run.trec" 2>/dev/null | tail -n1)
        record "$("$PYTHON" -c "
import json, sys
j = json.loads(sys.argv[1]); l = j['latency_ms']
print(json.dumps({'kind':'latency','multiple':$m,'layout':'$layout','queries':'$set','run':$rep,
                  'p50_ms':l['p50'],'p99_ms':l['p99'],'mean_ms':l['mean']}))" "$line")"
    done
}

# serve DIR: xapian-tcpsrv on a free port, left in PORT (not in a subshell: SERVERS must see its pid).
serve() {
    PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    # Its own session and process group: on SIGTERM xapian-tcpsrv signals its whole group, which
    # would otherwise be this script and its caller.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$PORT" --quiet "$1" >/dev/null 2>&1 &
    SERVERS+=($!)
    for _ in $(seq 200); do
        "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1',$PORT),0.2)" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "xapian-tcpsrv did not start on port $PORT" >&2
    return 1
}

for m in $MULTIPLES; do
    file=$(repeat "$m")
    if [[ " $FULL " == *" $m "* ]]; then
        for run in $(seq "$REPS_FULL"); do
            build "$m" one-1t "$run" "$file" "$WORK/one-1t" --threads 1
            build "$m" one-2t "$run" "$file" "$WORK/one" --threads 2
            build "$m" shards-2t "$run" "$file" "$WORK/shards" --threads 2 --keep-shards
        done
    else
        build "$m" shards-2t 1 "$file" "$WORK/shards" --threads 2 --keep-shards
        rm -rf "$WORK/one"
        timed "$m" merge 1 "$WORK/one" xapian-compact "$WORK/shards/shard-0" "$WORK/shards/shard-1" "$WORK/one"
    fi
    rm -rf "$WORK/one-1t"
    serve "$WORK/shards/shard-0"
    p0=$PORT
    serve "$WORK/shards/shard-1"
    p1=$PORT
    for set in names titles; do
        queries=$NAMES
        [ "$set" = titles ] && queries=$TITLES
        latency "$m" one "$set" "$queries" --index "$WORK/one"
        latency "$m" shards "$set" "$queries" --index "$WORK/shards"
        latency "$m" remote "$set" "$queries" --remote "127.0.0.1:$p0,127.0.0.1:$p1"
    done
    stop_servers
    rm -rf "$WORK/one" "$WORK/shards"
done

"$PYTHON" - "$RESULTS" > "$OUT/summary.md" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = lambda xs: statistics.median(xs)
print("| multiple | docs | build | wall s (median) | CPU s | docs/s (wall) | size MB |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for m in sorted({r["multiple"] for r in rows}):
    for layout in ("one-1t", "one-2t", "shards-2t", "merge"):
        rs = [r for r in rows if r["kind"] == "index" and r["multiple"] == m and r["layout"] == layout]
        if not rs: continue
        s = med([r["seconds"] for r in rs])
        c = med([r["cpu_seconds"] for r in rs])
        print(f"| {m}x | {rs[0]['docs']:,} | {layout} | {s:.1f} (n={len(rs)}) | {c:.1f} | {rs[0]['docs']/s:,.0f} | {rs[0]['mb']:,} |")
print()
print("| multiple | queries | layout | p50 ms | p99 ms | mean ms |")
print("| --- | --- | --- | --- | --- | --- |")
for m in sorted({r["multiple"] for r in rows}):
    for q in ("names", "titles"):
        for layout in ("one", "shards", "remote"):
            rs = [r for r in rows if r["kind"] == "latency" and r["multiple"] == m and r["queries"] == q and r["layout"] == layout]
            if not rs: continue
            print(f"| {m}x | {q} | {layout} | {med([r['p50_ms'] for r in rs]):.2f} | {med([r['p99_ms'] for r in rs]):.2f} | {med([r['mean_ms'] for r in rs]):.2f} |")
PY
cat "$OUT/summary.md"
