#!/usr/bin/env python3
r"""What the Python module costs beside the C++ it wraps, measured side by side in one run.

1. Indexing: ``fahras index`` (the CLI) and ``Index.add_many`` (Python: ``json.loads`` of every line,
   then ``add_many``) build the same index from the same JSON Lines file; docs/s of each, median of
   ``--runs`` runs, run alternately so that both see the same machine load.
2. Search overhead in one process: for every query, the fastest of ``--repeat`` runs of the C++
   ``Searcher::search`` alone (timed in C++ by the module's ``_time_search``, same searcher) and of
   ``Index.search`` (timed in Python around the call), the two alternating so that both find the caches
   in the same state; the overhead is the median (and the mean) of the per-query differences. Ten hits,
   no suggestion; once with ids only and once with stored fields and snippets (the same options on both
   sides).
3. Search across processes, as a check: the same queries, ten ids each, through the CLI's batch mode
   (``fahras search --topics``, or ``fahras batch``: C++ timed around the call after a warm-up pass) and
   through ``Index.search`` with the same options (timed the same way); the difference of the means and
   of the medians, median over the runs.

Usage (the package and the CLI of one build)::

    PYTHONPATH=build/python /usr/bin/python3 bench/python_speed.py /work/data/saudinewsnet/corpus.jsonl \
        [--cli build/tools/fahras] [--runs 3] [--limit N] [--queries QUERIES.jsonl] [--work DIR]

Without ``--queries`` the queries are the titles of every 31st article (about 1,000 over SaudiNewsNet),
or their first ``--query-words N`` words.
Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Sequence

import fahras


def cli_help(cli: str, command: str) -> str:
    return subprocess.run([cli, command, "--help"], capture_output=True, text=True).stdout


def cli_index_command(cli: str, corpus: pathlib.Path, index: pathlib.Path) -> List[str]:
    r"""``fahras index`` in whichever spelling the CLI has (``--index DIR`` or the positional DB)."""
    if "--index" in cli_help(cli, "index"):
        return [cli, "index", "--index", str(index), str(corpus), "--quiet"]
    return [cli, "index", str(index), str(corpus), "--quiet"]


def cli_batch_command(cli: str, index: pathlib.Path, queries: pathlib.Path, run: pathlib.Path) -> List[str]:
    r"""The CLI's batch mode, ten hits a query: ``search --topics`` where it exists, else ``batch``."""
    if "--topics" in cli_help(cli, "search"):
        return [cli, "search", "--index", str(index), "--topics", str(queries), "--output", str(run), "--hits", "10"]
    return [cli, "batch", str(index), str(queries), "--run", str(run), "--k", "10"]


def count_documents(corpus: pathlib.Path) -> int:
    r"""The number of documents (non-blank lines) in ``corpus``."""
    with corpus.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def index_with_cli(cli: str, corpus: pathlib.Path, index: pathlib.Path) -> float:
    r"""Seconds the CLI takes to build ``index`` from ``corpus`` (process start to exit)."""
    shutil.rmtree(index, ignore_errors=True)
    command = cli_index_command(cli, corpus, index)
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def index_with_python(corpus: pathlib.Path, index: pathlib.Path) -> float:
    r"""Seconds from opening ``corpus`` to the committed, closed ``index``, through ``add_many``."""
    shutil.rmtree(index, ignore_errors=True)
    start = time.perf_counter()
    with corpus.open(encoding="utf-8") as f, fahras.Index(index) as idx:
        idx.add_many(json.loads(line) for line in f if line.strip())
    return time.perf_counter() - start


def make_queries(corpus: pathlib.Path, every: int, words: int, path: pathlib.Path) -> List[str]:
    r"""Titles (their first ``words`` words; 0: whole) of every ``every``-th article, written as a BEIR
    queries.jsonl to ``path``."""
    queries = []
    with corpus.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every == 0:
                title = (json.loads(line).get("title") or "").split()
                if title:
                    queries.append(" ".join(title[:words] if words else title))
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(queries):
            out.write(json.dumps({"_id": f"q{i}", "text": text}, ensure_ascii=False) + "\n")
    return queries


def read_queries(path: pathlib.Path) -> List[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def search_with_cli(cli: str, index: pathlib.Path, queries: pathlib.Path, run: pathlib.Path) -> Dict[str, float]:
    r"""The CLI's per-query latency (ms): ten ids per query, no fields, snippets or suggestion."""
    command = cli_batch_command(cli, index, queries, run)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    latency = json.loads(out.strip().splitlines()[-1])["latency_ms"]
    return {"mean": latency["mean"], "p50": latency["p50"]}


def search_with_python(index: pathlib.Path, queries: List[str]) -> Dict[str, float]:
    r"""``Index.search`` per-query latency (ms) with the options of ``fahras batch``."""
    options = dict(hits=10, fields=False, snippets=False, suggest=False)
    with fahras.Index(index, writable=False) as idx:
        for q in queries:  # warm-up, as the CLI does
            idx.search(q, **options)
        latencies = []
        clock = time.perf_counter
        for q in queries:
            start = clock()
            idx.search(q, **options)
            latencies.append((clock() - start) * 1000)
    return {"mean": statistics.fmean(latencies), "p50": statistics.median(latencies)}


def in_process_overhead(index: pathlib.Path, queries: List[str], repeat: int, full: bool) -> Dict[str, float]:
    r"""Median and mean over queries of (fastest ``Index.search``) - (fastest C++ search), in us; ``full``
    asks for stored fields and snippets, else ids only."""
    options = dict(hits=10, fields=full, snippets=full, suggest=False)
    clock = time.perf_counter
    differences, cpp = [], []

    def request(q: str) -> "fahras._fahras.SearchRequest":
        r"""The C++ request Index.search builds for ``q`` with ``options``."""
        native = fahras._fahras.SearchRequest()
        native.query, native.limit, native.suggest = q, 10, False
        native.stored_fields = native.snippets = full
        return native

    with fahras.Index(index, writable=False) as idx:
        searcher = idx._searcher()  # the one Index.search uses in this thread
        for q in queries:
            idx.search(q, **options)  # warm-up
            cpp_best = py_best = float("inf")
            for _ in range(repeat):
                cpp_best = min(cpp_best, searcher._time_search(request(q), 1))
                start = clock()
                idx.search(q, **options)
                py_best = min(py_best, clock() - start)
            differences.append((py_best - cpp_best) * 1e6)
            cpp.append(cpp_best * 1e6)
    return {"cpp_median_us": statistics.median(cpp), "median_us": statistics.median(differences),
            "mean_us": statistics.fmean(differences)}


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=pathlib.Path, help="a JSON Lines corpus, e.g. saudinewsnet/corpus.jsonl")
    parser.add_argument("--cli", default=str(pathlib.Path(__file__).resolve().parent.parent / "build/tools/fahras"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="index only the first N documents (0: all)")
    parser.add_argument("--queries", type=pathlib.Path, help="BEIR queries.jsonl (default: every 31st title)")
    parser.add_argument("--query-words", type=int, default=0,
                        help="without --queries: the first N words of each title (0: the whole title)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each query in the in-process comparison")
    parser.add_argument("--work", type=pathlib.Path, help="scratch directory (default: a temporary one)")
    args = parser.parse_args(argv)

    work = pathlib.Path(tempfile.mkdtemp(prefix="fahras-pyspeed.", dir=args.work))
    try:
        corpus = args.corpus
        if args.limit:
            corpus = work / "corpus.jsonl"
            with args.corpus.open(encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as out:
                for i, line in enumerate(f):
                    if i >= args.limit:
                        break
                    out.write(line)
        docs = count_documents(corpus)
        cli_index, py_index = work / "cli.idx", work / "py.idx"

        cli_seconds, py_seconds = [], []
        for run in range(args.runs):
            cli_seconds.append(index_with_cli(args.cli, corpus, cli_index))
            py_seconds.append(index_with_python(corpus, py_index))
            print(f"index run {run + 1}: CLI {docs / cli_seconds[-1]:.0f} docs/s, "
                  f"Python add_many {docs / py_seconds[-1]:.0f} docs/s", file=sys.stderr)
        with fahras.Index(cli_index, writable=False) as a, fahras.Index(py_index, writable=False) as b:
            if len(a) != len(b):
                raise SystemExit(f"the two indexes differ: CLI {len(a)} documents, Python {len(b)}")

        queries_path = args.queries or work / "queries.jsonl"
        queries = read_queries(args.queries) if args.queries else make_queries(corpus, 31, args.query_words, queries_path)
        in_process = {
            kind: in_process_overhead(cli_index, queries, args.repeat, kind == "fields_and_snippets")
            for kind in ("ids_only", "fields_and_snippets")
        }
        for kind, figures in in_process.items():
            print(f"in-process {kind}: C++ median {figures['cpp_median_us']:.1f} us, Python overhead median "
                  f"{figures['median_us']:.1f} us, mean {figures['mean_us']:.1f} us", file=sys.stderr)
        cli_latency, py_latency = [], []
        for run in range(args.runs):
            cli_latency.append(search_with_cli(args.cli, cli_index, queries_path, work / "run.trec"))
            py_latency.append(search_with_python(cli_index, queries))
            print(f"search run {run + 1}: C++ mean {cli_latency[-1]['mean']:.4f} ms, "
                  f"Python mean {py_latency[-1]['mean']:.4f} ms", file=sys.stderr)

        cli_rate = docs / statistics.median(cli_seconds)
        py_rate = docs / statistics.median(py_seconds)
        overhead = {
            key: statistics.median(p[key] - c[key] for p, c in zip(py_latency, cli_latency)) * 1000
            for key in ("mean", "p50")
        }
        print(f"\n{docs} documents, {len(queries)} queries, {args.runs} runs (medians)")
        print(f"index  CLI {cli_rate:8.0f} docs/s   Python add_many {py_rate:8.0f} docs/s   "
              f"ratio {py_rate / cli_rate:.3f}")
        for kind, figures in in_process.items():
            print(f"search, one process, {kind:19s}: C++ median {figures['cpp_median_us']:7.1f} us   "
                  f"Python overhead per query: median {figures['median_us']:5.1f} us, mean {figures['mean_us']:5.1f} us")
        print(f"search, CLI batch vs Python, ids only: C++ mean "
              f"{statistics.median(c['mean'] for c in cli_latency):.4f} ms   "
              f"Python mean {statistics.median(p['mean'] for p in py_latency):.4f} ms   "
              f"difference per query: mean {overhead['mean']:.1f} us, p50 {overhead['p50']:.1f} us")
        print(json.dumps({
            "documents": docs, "queries": len(queries), "runs": args.runs,
            "cli_index_seconds": cli_seconds, "python_index_seconds": py_seconds,
            "cli_docs_per_s": cli_rate, "python_docs_per_s": py_rate, "index_ratio": py_rate / cli_rate,
            "in_process": in_process,
            "cli_latency_ms": cli_latency, "python_latency_ms": py_latency, "overhead_us": overhead,
        }))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
