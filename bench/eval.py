#!/usr/bin/python3
"""Score TREC run files against BEIR qrels: MRR@10, nDCG@10, MAP, P@10, R@10, R@100.

Usage: eval.py QRELS RUN [RUN...] [--json]

QRELS is a BEIR qrels.tsv ("query-id corpus-id score", header line first).
Each RUN is a TREC run file: "qid Q0 docid rank score tag", one hit per line.

Conventions (chosen to match trec_eval / pytrec_eval, as BEIR reports them):
- A document is relevant when its qrels score is > 0; nDCG uses the score as the gain
  with a log2(rank + 1) discount, and the ideal ranking comes from the qrels.
- Every query in the qrels that has at least one relevant document counts, whether the run
  returned anything for it or not (a query with no results scores 0). Queries present only in
  the run are ignored.
- Hits are ordered by score descending; ties keep the run file's rank order (trec_eval
  breaks ties by docid instead, which only matters for exact score ties). A docid repeated
  for one query counts once, at its best position.
- MAP uses the whole run depth; the other measures the cut-off in their name. P@10 divides by 10
  even when the run has fewer than ten hits (as trec_eval does).

Standard library only, so it runs on any python3 without a virtualenv.
"""

import argparse
import json
import math
import sys
from collections import defaultdict

CUTOFFS = (10, 100)
MEASURES = ("MRR@10", "nDCG@10", "MAP", "P@10", "R@10", "R@100")


def read_qrels(path):
    """Return {qid: {docid: grade}} for grades > 0, plus the set of all qids seen."""
    relevant = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f):
            parts = line.split()
            if not parts:
                continue
            if line_no == 0 and parts[-1] == "score":  # BEIR header
                continue
            qid, docid, grade = parts[0], parts[1], float(parts[-1])
            if grade > 0:
                relevant[qid][docid] = grade
    return dict(relevant)


def read_run(path):
    """Return {qid: [docid, ...]} in ranked order (see module docstring for ties)."""
    hits = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if len(parts) < 6:
                raise ValueError(f"{path}: not a TREC run line: {line!r}")
            qid, docid, rank, score = parts[0], parts[2], int(parts[3]), float(parts[4])
            hits[qid].append((-score, rank, docid))
    ranked = {}
    for qid, rows in hits.items():
        rows.sort()
        seen, order = set(), []
        for _, _, docid in rows:
            if docid not in seen:
                seen.add(docid)
                order.append(docid)
        ranked[qid] = order
    return ranked


def score_query(ranking, rel):
    """All measures for one query. `ranking` is a list of docids, `rel` {docid: grade > 0}."""
    n_rel = len(rel)
    rr = 0.0
    for i, docid in enumerate(ranking[:10]):
        if docid in rel:
            rr = 1.0 / (i + 1)
            break

    dcg = sum(rel.get(d, 0.0) / math.log2(i + 2) for i, d in enumerate(ranking[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))

    hits, precision_sum = 0, 0.0
    for i, docid in enumerate(ranking):
        if docid in rel:
            hits += 1
            precision_sum += hits / (i + 1)

    out = {
        "MRR@10": rr,
        "nDCG@10": dcg / idcg if idcg else 0.0,
        "MAP": precision_sum / n_rel,
        "P@10": sum(1 for d in ranking[:10] if d in rel) / 10,
    }
    for k in CUTOFFS:
        out[f"R@{k}"] = sum(1 for d in ranking[:k] if d in rel) / n_rel
    return out


def evaluate(qrels, run):
    """Mean of each measure over every qrels query with a relevant document."""
    totals = dict.fromkeys(MEASURES, 0.0)
    for qid, rel in qrels.items():
        for name, value in score_query(run.get(qid, []), rel).items():
            totals[name] += value
    n = len(qrels)
    means = {name: (total / n if n else 0.0) for name, total in totals.items()}
    means["queries"] = n
    means["answered"] = sum(1 for qid in qrels if run.get(qid))
    return means


def markdown(results):
    head = "| run | queries | answered | " + " | ".join(MEASURES) + " |"
    rule = "| --- " * (3 + len(MEASURES)) + "|"
    rows = [head, rule]
    for name, m in results.items():
        cells = [name, str(m["queries"]), str(m["answered"])]
        cells += [f"{m[k]:.3f}" for k in MEASURES]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("qrels")
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args(argv)

    qrels = read_qrels(args.qrels)
    results = {path: evaluate(qrels, read_run(path)) for path in args.runs}
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
    else:
        print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
