"""Checks bench/eval.py against values worked out by hand. Run: /usr/bin/python3 -m pytest bench"""

import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402  (bench/eval.py, not the builtin)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


@pytest.fixture
def example(tmp_path):
    # q1: relevant d1, d3.  Run: d2 d1 d4 d3  -> hits at ranks 2 and 4.
    # q2: relevant d9.      Run: nothing     -> scores 0 everywhere.
    # q3: only a grade-0 judgement -> no relevant document, not counted.
    qrels = write(tmp_path, "qrels.tsv",
                  "query-id\tcorpus-id\tscore\n"
                  "q1\td1\t1\nq1\td3\t1\nq2\td9\t1\nq3\td5\t0\n")
    # Written out of order to check that the score, not the line order, ranks the hits;
    # qX is not in the qrels and must be ignored.
    run = write(tmp_path, "run.trec",
                "q1 Q0 d3 4 0.5 t\nq1 Q0 d2 1 0.9 t\nq1 Q0 d4 3 0.6 t\nq1 Q0 d1 2 0.8 t\n"
                "qX Q0 d1 1 1.0 t\n")
    return ev.read_qrels(qrels), ev.read_run(run)


def test_single_query_by_hand(example):
    qrels, run = example
    m = ev.score_query(run["q1"], qrels["q1"])
    assert m["MRR@10"] == pytest.approx(0.5)                      # first hit at rank 2
    assert m["MAP"] == pytest.approx((1 / 2 + 2 / 4) / 2)         # AP = 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3)
    assert m["nDCG@10"] == pytest.approx(dcg / idcg)
    assert m["P@10"] == pytest.approx(2 / 10)                     # 2 relevant in a 4-hit run, over 10
    assert m["R@10"] == pytest.approx(1.0)
    assert m["R@100"] == pytest.approx(1.0)


def test_missing_query_scores_zero_and_counts(example):
    qrels, run = example
    assert set(qrels) == {"q1", "q2"}
    m = ev.evaluate(qrels, run)
    assert m["queries"] == 2 and m["answered"] == 1
    assert m["MRR@10"] == pytest.approx(0.25)
    assert m["MAP"] == pytest.approx(0.25)
    assert m["R@10"] == pytest.approx(0.5)
    assert m["P@10"] == pytest.approx((0.2 + 0) / 2)


def test_cutoffs_and_unretrieved_relevant():
    # Relevant at rank 11 (outside @10) and one relevant never retrieved.
    ranking = [f"n{i}" for i in range(10)] + ["r1"]
    m = ev.score_query(ranking, {"r1": 1, "r2": 1})
    assert m["MRR@10"] == 0.0 and m["nDCG@10"] == 0.0 and m["R@10"] == 0.0 and m["P@10"] == 0.0
    assert m["R@100"] == pytest.approx(0.5)
    assert m["MAP"] == pytest.approx((1 / 11) / 2)


def test_precision_at_10_counts_only_the_first_ten():
    # Relevant at ranks 1, 3 and 10 of a 12-hit run, plus rank 12: P@10 = 3/10.
    ranking = [f"r{i}" if i in (1, 3, 10, 12) else f"n{i}" for i in range(1, 13)]
    m = ev.score_query(ranking, {"r1": 1, "r3": 1, "r10": 1, "r12": 1})
    assert m["P@10"] == pytest.approx(0.3)


def test_duplicate_docids_count_once(tmp_path):
    run = ev.read_run(write(tmp_path, "dup.trec", "q Q0 a 1 3 t\nq Q0 a 2 2 t\nq Q0 b 3 1 t\n"))
    assert run["q"] == ["a", "b"]
    assert ev.score_query(run["q"], {"b": 1})["MRR@10"] == pytest.approx(0.5)


def test_cli_json(tmp_path, example, capsys):
    qrels = str(tmp_path / "qrels.tsv")
    run = str(tmp_path / "run.trec")
    assert ev.main([qrels, run, "--json"]) == 0
    out = capsys.readouterr().out
    import json
    assert json.loads(out)[run]["MRR@10"] == pytest.approx(0.25)
