"""The CLI on the inputs of the hardening review (issue 14, docs/reliability.md's bad-input catalogue):
never a crash (exit status 128 and above is a signal); snippets plain on a terminal, HTML in JSON.

Run:  FAHRAS_CLI=build/tools/fahras /usr/bin/python3 -m pytest tests/e2e -q
"""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))


def run(*args, stdin=None, timeout=60):
    proc = subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True, timeout=timeout,
                          text=True, encoding="utf-8", errors="replace")
    assert proc.returncode < 128, (proc.returncode, proc.stderr[-2000:])  # a signal: a crash
    assert "terminate called" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hardening")
    records = [
        {"id": "x", "title": "عنوان", "body": "كيري <script>alert(1)</script> & لافروف", "date": "2015-07-21"},
        {"id": "y", "title": "لافروف", "body": "لقاء في جنيف", "date": "2015-08-02"},
    ]
    source = tmp / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    proc = run("index", tmp / "db", source)
    assert proc.returncode == 0, proc.stderr
    return tmp / "db"


@pytest.mark.parametrize("unit", [" AND", "كيري OR ", "NOT ", "(", "(كيري AND "])
def test_200_kb_of_operators_or_parentheses_is_no_crash(db, unit):
    query = "كيري" + unit * (200 * 1024 // len(unit.encode("utf-8")))
    proc = run("search", db, "-", "--json", stdin=query, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_json_snippets_are_html_then_json_encoded(db):
    proc = run("search", db, "كيري", "--json")
    assert "<script>" not in proc.stdout
    out = json.loads(proc.stdout)
    assert out["hits"][0]["snippet"] == "<b>كيري</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; لافروف"


def test_text_snippets_are_plain_with_terminal_markers(db):
    out = run("search", db, "كيري").stdout
    assert "**كيري** <script>alert(1)</script> & لافروف" in out


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_bad_date_filter_is_a_usage_error(db, option):
    proc = run("search", db, "كيري", option, "garbage")
    assert proc.returncode == 2, proc.stderr
    assert "garbage" in proc.stderr and "ISO 8601" in proc.stderr


def test_a_record_with_a_day_first_date_is_indexed_with_a_warning(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d", "body": "كيري", "date": "21/07/2015"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    proc = run("index", tmp_path / "db", source)
    assert proc.returncode == 0, proc.stderr
    assert "'21/07/2015' is not ISO 8601" in proc.stderr
    out = json.loads(run("search", tmp_path / "db", "كيري", "--json", "--from", "2000").stdout)
    assert out["hits"] == []
    out = json.loads(run("search", tmp_path / "db", "كيري", "--json").stdout)
    assert [h["date"] for h in out["hits"]] == ["21/07/2015"]
