"""End-to-end tests of the CLI's argument conventions on CLI11 (tools/cli.cpp): only --name is an
option, -words are query words, --name=value works, a flag takes no value, an option needs one."""

import json
import os
import pathlib
import subprocess
import unicodedata

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))
NEWS = ROOT / "tests" / "fixtures" / "news_sample.jsonl"


def run(*args, stdin=None):
    proc = subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True, timeout=60, text=True,
                          encoding="utf-8")
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
    return proc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("args") / "db"
    assert run("index", "--index", path, NEWS, "--quiet").returncode == 0
    return path


def ids(proc):
    assert proc.returncode == 0, proc.stderr
    return {hit["id"] for hit in json.loads(proc.stdout)["hits"]}


def test_a_word_starting_with_a_dash_is_a_query_word_wherever_it_stands(db):
    everything = ids(run("search", db, "كيري", "--json", "--hits=20"))
    without = ids(run("search", db, "كيري", "-لافروف", "--json", "--hits", "20"))
    assert without and without < everything
    assert ids(run("search", "--json", db, "-لافروف", "كيري", "--hits=20")) == without


def test_inline_values_and_the_last_of_repeated_options(db):
    assert len(ids(run("search", "--index=" + str(db), "كيري", "--json", "--hits=1"))) == 1
    assert len(ids(run("search", db, "كيري", "--json", "--hits", "1", "--hits", "2"))) == 2


def test_a_flag_given_a_value_and_an_option_without_one_are_usage_errors(db):
    proc = run("search", db, "كيري", "--json=1")
    assert proc.returncode == 2 and "--json takes no value" in proc.stderr
    proc = run("search", db, "كيري", "--hits")
    assert proc.returncode == 2 and "--hits needs a value" in proc.stderr
    assert "Try 'fahras search --help'." in proc.stderr


def test_a_single_dash_option_is_a_word_not_an_option(db):
    proc = run("search", db, "-x", "--json")
    assert proc.returncode == 0, proc.stderr  # "-x" excludes x: no error, no hits
    assert json.loads(proc.stdout)["hits"] == []


def display_width(text):
    """Columns in a terminal: none for marks (harakat) and format characters, two for wide ones."""
    def width(c):
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return sum(width(c) for c in text)


def test_analyze_table_aligns_words_with_harakat():
    proc = run("analyze", "كِتَابٌ", "كتاب")
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()[:3]
    column = header.index("normalized")
    for row in rows:
        fields = row.split()
        assert fields[3] == "كتاب"
        start = row.index(fields[3], row.index(fields[2]) + len(fields[2]))
        assert display_width(row[:start]) == column  # the harakat of كِتَابٌ take no column


def test_analyze_table_gives_wide_characters_two_columns():
    proc = run("analyze", "東京", "كتاب")
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()[:3]
    column = header.index("normalized")
    for row in rows:
        fields = row.split()
        start = row.index(fields[3], row.index(fields[2]) + len(fields[2]))
        assert display_width(row[:start]) == column
