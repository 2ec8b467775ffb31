"""Helpers of the CLI end-to-end tests (tests/e2e): where the CLI and the fixtures are, and how to run it."""

import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
NEWS = FIXTURES / "news_sample.jsonl"
SEED = FIXTURES / "seed_article.txt"
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))

# Read off tests/fixtures/news_sample.jsonl.
KERRY_DOCS = {"news-01", "news-02", "news-03", "news-06"}    # كيري كيرى كِيري کيري
LAVROV_DOCS = {"news-01", "news-07", "news-15", "news-18"}   # لافروف للافروف
BAGHDADI_DOCS = {"news-04", "news-14"}                       # البغدادي للبغدادي لأبي بكر البغدادي
BAGHDAD_DOCS = {"news-05", "news-13"}                        # بغداد ببغداد (the city)


def run(*args, stdin=None, timeout=60, check_no_crash=True):
    """Runs the CLI and returns the CompletedProcess (text mode, UTF-8)."""
    proc = subprocess.run(
        [str(CLI), *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        text=True,
        encoding="utf-8",
        errors="strict",
    )
    if check_no_crash:
        # Whatever the outcome, never an uncaught exception, an abort or a signal.
        assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
        assert "terminate called" not in proc.stderr
        assert "Traceback" not in proc.stderr
    return proc


def search_json(db, *query_and_options):
    proc = run("search", db, *query_and_options, "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout
    return json.loads(lines[0])


def hit_ids(result):
    return [hit["id"] for hit in result["hits"]]


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
