#!/usr/bin/python3
"""SQLite FTS5 peer for the fahras benchmark: what an application that already has SQLite gets.

    sqlite_fts5.py index  CORPUS.jsonl DB_FILE
    sqlite_fts5.py search DB_FILE QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3] [--latency-every 1]
    sqlite_fts5.py check          exit 0 when this Python's SQLite has FTS5, else say why

Indexing: one FTS5 table (id UNINDEXED, body) with the `unicode61 remove_diacritics 2` tokenizer;
body = title + "\\n" + text, as the Lucene and stock Xapian peers index it; all rows in one
transaction, no 'optimize' afterwards (SQLite's stock behaviour).
Searching: the question's whitespace-separated words, each quoted as an FTS5 string (so ? : ( ) and
the like are text, never syntax), OR-ed together, ranked by bm25() (FTS5's `rank`) with its default
parameters. Latency follows bench/latency.hpp's protocol, timed in this process with perf_counter
around the SQL statement and the fetch of the ids, over every query or, with --latency-every N, over
every Nth one (queries 0, N, 2N, ...: an OR query costs ~100 ms here, so the full protocol over 1,883
questions would take ~10 minutes); then the k-deep TREC run over every query for scoring (reusing the
timed top-100 hits when k <= 100: the same ranking).

Progress goes to stderr; the last stdout line is one JSON object with the figures. Debian's
/usr/bin/python3 and its sqlite3 module only.
"""

import json
import math
import re
import sqlite3
import statistics
import sys
import time

TOKENIZER = "unicode61 remove_diacritics 2"


def check():
    """None when FTS5 works here, else the reason it does not."""
    try:
        con = sqlite3.connect(":memory:")
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{TOKENIZER}')")
        con.close()
    except sqlite3.Error as e:
        return f"SQLite {sqlite3.sqlite_version} without FTS5 ({e})"
    return None


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def index(corpus, db_file):
    t0 = time.perf_counter()
    con = sqlite3.connect(db_file)
    con.execute("DROP TABLE IF EXISTS docs")
    con.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='{TOKENIZER}')")
    docs = 0

    def rows():
        nonlocal docs
        for obj in read_jsonl(corpus):
            title, text = obj.get("title") or "", obj.get("text") or ""
            docs += 1
            if docs % 10000 == 0:
                print(f"indexed {docs}", file=sys.stderr)
            yield str(obj.get("_id", "")), f"{title}\n{text}" if title else text

    with con:  # one transaction
        con.executemany("INSERT INTO docs(id, body) VALUES (?, ?)", rows())
    con.close()
    secs = time.perf_counter() - t0
    print(f"sqlite fts5 index: {docs} docs in {secs:.2f} s ({docs / secs:.0f} docs/s)", file=sys.stderr)
    print(json.dumps({"system": "sqlite-fts5", "mode": "index", "docs": docs, "seconds": secs,
                      "docs_per_s": docs / secs}))


def match_expression(text):
    """The question's words as FTS5 strings OR-ed together; None when nothing is left."""
    words = [w for w in text.split() if re.search(r"\w", w)]
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words) or None


def percentile(ordered, p):
    """Nearest-rank percentile of an ascending list (as latency.hpp)."""
    if not ordered:
        return 0.0
    i = math.ceil(p / 100 * len(ordered)) - 1
    return ordered[min(max(i, 0), len(ordered) - 1)]


def measure_latency(texts, repeat, top):
    """bench/latency.hpp's measure_latency; top(text, depth) runs one query and fetches its ids."""
    for text in texts:
        top(text, 10)
    out = {"queries": len(texts), "repeat": repeat}
    for depth in (10, 100):
        per_query = [[] for _ in texts]
        rounds = []
        for _ in range(repeat):
            t_round = time.perf_counter()
            for i, text in enumerate(texts):
                t = time.perf_counter()
                top(text, depth)
                per_query[i].append((time.perf_counter() - t) * 1e3)
            rounds.append(time.perf_counter() - t_round)
        lat = sorted(statistics.median(r) for r in per_query)
        secs = statistics.median(rounds)
        out[f"top{depth}"] = {"p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
                              "p99_ms": percentile(lat, 99), "mean_ms": sum(lat) / len(lat) if lat else 0.0,
                              "qps": len(texts) / secs if secs > 0 else 0.0}
    return out


def search(db_file, queries_file, run_out, k, repeat, latency_every):
    queries = [(str(q.get("_id", "")), q.get("text") or "") for q in read_jsonl(queries_file)]
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    sql = "SELECT id, rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"

    top100 = {}  # the timed top-100 hits, reused for a run of depth <= 100: each query costs ~100 ms

    def top(text, depth):
        expression = match_expression(text)
        hits = con.execute(sql, (expression, depth)).fetchall() if expression else []
        if depth == 100:
            top100[text] = hits
        return hits

    out = measure_latency([text for _, text in queries[::latency_every]], repeat, top)
    t_run = time.perf_counter()
    unparsable = 0
    if run_out != "-":
        with open(run_out, "w", encoding="utf-8") as f:
            for qid, text in queries:
                if match_expression(text) is None:
                    unparsable += 1
                    continue
                hits = top100[text][:k] if k <= 100 and text in top100 else top(text, k)
                for rank, (docid, score) in enumerate(hits, 1):
                    # bm25() is lower for better matches; the run's score must grow with relevance.
                    f.write(f"{qid} Q0 {docid} {rank} {-score:.6f} sqlite-fts5\n")
    out.update({"system": "sqlite-fts5", "mode": "search", "k": k, "latency_every": latency_every,
                "run_seconds": time.perf_counter() - t_run, "unparsable": unparsable})
    print(f"sqlite fts5 search: {len(queries)} queries, top-10 p50 {out['top10']['p50_ms']:.2f} ms, "
          f"top-100 p50 {out['top100']['p50_ms']:.2f} ms", file=sys.stderr)
    print(json.dumps(out))


def usage():
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


def main(argv):
    if argv[:1] == ["check"] and len(argv) == 1:
        reason = check()
        if reason:
            print(reason, file=sys.stderr)
        return 1 if reason else 0
    if argv[:1] == ["index"] and len(argv) == 3:
        index(argv[1], argv[2])
        return 0
    if argv[:1] == ["search"] and len(argv) >= 4:
        opts = {"--k": 100, "--repeat": 3, "--latency-every": 1}
        rest = argv[4:]
        if len(rest) % 2 or any(name not in opts for name in rest[::2]):
            return usage()
        for name, value in zip(rest[::2], rest[1::2]):
            opts[name] = int(value)
        if min(opts.values()) <= 0:
            return usage()
        search(argv[1], argv[2], argv[3], opts["--k"], opts["--repeat"], opts["--latency-every"])
        return 0
    return usage()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
