"""bench/run --smoke end to end, so the harness cannot rot: every section runs on the bundled sample and
the report and results.json carry every figure for every system that can run here, and a reason for
every one that cannot.

Run: FAHRAS_BUILD_DIR=build /usr/bin/python3 -m pytest bench/test_smoke.py (scripts/test.sh, bench-smoke)
"""

import json
import os
import subprocess

import pytest

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
BUILD_DIR = os.environ.get("FAHRAS_BUILD_DIR", os.path.join(os.path.dirname(BENCH_DIR), "build"))
LATENCY = ("p50_ms", "p95_ms", "p99_ms", "mean_ms", "qps")
INDEX = ("docs", "seconds", "docs_per_s", "mb_per_s", "index_mb", "peak_rss_mb")
QUALITY = ("MRR@10", "nDCG@10", "MAP", "P@10", "R@10", "R@100")
SAMPLE_DOCS = 18  # tests/fixtures/news_sample.jsonl


def run_smoke(out, *extra, env=None):
    argv = ["/usr/bin/python3", os.path.join(BENCH_DIR, "run"), "--smoke", "--build", BUILD_DIR, "--out", str(out)]
    p = subprocess.run(argv + list(extra), capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    with open(out / "results.json", encoding="utf-8") as f:
        results = json.load(f)
    return results, (out / "REPORT.md").read_text(encoding="utf-8")


def check_latency(figures):
    for depth in ("top10", "top100"):
        assert set(LATENCY) <= set(figures[depth]), figures
        assert figures[depth]["p50_ms"] > 0 and figures[depth]["qps"] > 0
        assert figures[depth]["p50_ms"] <= figures[depth]["p95_ms"] <= figures[depth]["p99_ms"]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("smoke")
    results, report = run_smoke(out)
    return out, results, report


def test_every_available_system_has_every_figure(smoke):
    _, results, _ = smoke
    systems = results["systems"]
    for must_run in ("fahras", "fahras-no-stemming", "fahras-no-proclitics", "fahras-no-normalization",
                     "fahras-exact-only", "stock-xapian", "sqlite-fts5"):
        assert systems[must_run]["available"], systems[must_run]
    assert results["errors"] == [] and results["complete"]
    for key, system in systems.items():
        if not system["available"]:
            assert system["reason"], key
            continue
        check_latency(results["latency"]["full-names@arqa-dev"][key])  # the sample's names-multi-dev
        for ds in ("arqa-dev", "names-dev", "names-multi-dev"):
            assert set(QUALITY) <= set(results["quality"][ds][key]), (ds, key)
            assert all(0 <= results["quality"][ds][key][m] <= 1 for m in QUALITY)
            check_latency(results["latency"][ds][key])
            if key != "fahras-exact-only":  # searches fahras's own index
                figures = results["index"][ds][key]
                assert set(INDEX) <= set(figures) and figures["docs"] == SAMPLE_DOCS, (ds, key, figures)
                assert figures["index_mb"] > 0 and figures["peak_rss_mb"] > 0


def test_growth_covers_every_size_up_to_each_cap(smoke):
    out, results, _ = smoke
    growth = results["growth"]
    assert growth["sizes"] == [5, 10, SAMPLE_DOCS, 10 * SAMPLE_DOCS]
    for key in ("fahras", "lucene", "stock-xapian", "sqlite-fts5"):
        if not results["systems"][key]["available"]:
            continue
        rows = [r for r in growth["rows"] if r["system"] == key]
        assert [r["docs"] for r in rows] == growth["sizes"], key  # the caps are far above the sample
        for r in rows:
            assert set(INDEX) <= set(r)
            check_latency(r)
    plots = results["plots"]
    assert (out / "growth.png").is_file() if plots["available"] else plots["reason"]


def test_analyzer_and_ratios(smoke):
    _, results, _ = smoke
    assert results["analyzer"]["benchmarks"]["fahras/full"]["mb_per_s"] > 0
    if results["systems"]["lucene"]["available"]:
        ratios = results["ratios_to_lucene"]
        assert set(ratios) == {"index_build", "query", "arqa_dev_build"}
        assert set(ratios["query"]) == {f"{d}_{m}" for d in ("top10", "top100") for m in LATENCY if m != "mean_ms"}


def test_report_has_every_section_and_system(smoke):
    _, results, report = smoke
    for heading in ("## Quality", "## Speed", "## Growth", "| arqa-dev | MRR@10", "| names-dev | MAP | P@10",
                    "| names-multi-dev | MAP", "Full names typed without quotes"):
        assert heading in report
    for system in results["systems"].values():
        assert system["label"] in report
        if not system["available"]:
            assert f"{system['label']}: **not available** ({system['reason']})" in report


def test_missing_lucene_is_reported_not_fatal(tmp_path):
    env = dict(os.environ, LUCENE_JARS=str(tmp_path / "no-jars-here"))
    results, report = run_smoke(tmp_path, "--only", "quality", env=env)
    lucene = results["systems"]["lucene"]
    assert not lucene["available"] and lucene["reason"]
    assert "lucene" not in results["quality"]["arqa-dev"]
    assert "not available" in report and "fahras" in results["quality"]["arqa-dev"]


def below_floor(results, floor):
    """The figures of results.json more than floor["tolerance"] below bench/smoke/floor.json."""
    low = []
    for system, datasets in floor["systems"].items():
        for ds, metrics in datasets.items():
            for metric, committed in metrics.items():
                got = results["quality"][ds][system][metric]
                if got < committed - floor["tolerance"]:
                    low.append(f"{system} {ds} {metric}: {got:.4f} < {committed:.4f} - {floor['tolerance']}")
    return low


def test_quality_stays_above_the_committed_floor(smoke):
    _, results, _ = smoke
    with open(os.path.join(BENCH_DIR, "smoke", "floor.json"), encoding="utf-8") as f:
        floor = json.load(f)
    low = below_floor(results, floor)
    assert not low, "quality fell below bench/smoke/floor.json (update it if the change is meant): " + "; ".join(low)
    # The check itself: a drop of more than the tolerance is caught, one within it is not.
    dropped = json.loads(json.dumps(results))
    dropped["quality"]["names-dev"]["fahras"]["MAP"] = floor["systems"]["fahras"]["names-dev"]["MAP"] - 0.021
    assert below_floor(dropped, floor)
    dropped["quality"]["names-dev"]["fahras"]["MAP"] = floor["systems"]["fahras"]["names-dev"]["MAP"] - 0.019
    assert not below_floor(dropped, floor)
