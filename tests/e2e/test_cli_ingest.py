"""End-to-end tests of how `fahras index` reads its input: one bad record costs only itself and is
reported with its file and line (issue 14), and the CLI and the Python module read a file into the
same documents, because both go through fahras::ArticleReader (issue 15).

Run:  FAHRAS_CLI=build/tools/fahras PYTHONPATH=build/python /usr/bin/python3 -m pytest tests/e2e -q
"""

import json
import os
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))
MAX_ID_BYTES = 200  # fahras::kMaxIdBytes


def run(*args, stdin=None):
    proc = subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True, timeout=120,
                          text=True, encoding="utf-8")
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
    assert "terminate called" not in proc.stderr
    return proc


def documents(db):
    return json.loads(run("stats", db, "--json").stdout)["documents"]


def twenty_records(path, long_id):
    """Twenty articles, the seventh (line 7) with @p long_id."""
    lines = []
    for n in range(1, 21):
        record = {"_id": long_id if n == 7 else f"r{n}", "title": f"خبر {n}", "text": "كيري ولافروف في جنيف"}
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_300_byte_id_costs_only_its_record_and_names_file_and_line(tmp_path):
    source = twenty_records(tmp_path / "twenty.jsonl", "x" * 300)
    proc = run("index", tmp_path / "db", source)
    assert proc.returncode == 0, proc.stderr
    assert f"{source}: line 7:" in proc.stderr and "300 bytes" in proc.stderr
    assert "skipped 1 bad records" in proc.stderr
    assert documents(tmp_path / "db") == 19


def test_an_id_that_grows_past_the_limit_when_repaired_is_a_bad_record(tmp_path):
    # 90 invalid bytes are 90 bytes on disk but 270 once each becomes U+FFFD (3 bytes of UTF-8).
    source = tmp_path / "repaired.jsonl"
    good = [json.dumps({"_id": f"g{n}", "text": "نص"}).encode() for n in range(3)]
    bad = b'{"_id": "' + b"\xff" * 90 + b'", "text": "x"}'
    source.write_bytes(b"\n".join([good[0], bad, good[1], good[2]]) + b"\n")
    proc = run("index", tmp_path / "db", source)
    assert proc.returncode == 0, proc.stderr
    assert f"{source}: line 2:" in proc.stderr and "270 bytes" in proc.stderr
    assert documents(tmp_path / "db") == 3


def test_an_id_of_exactly_the_limit_is_indexed(tmp_path):
    source = twenty_records(tmp_path / "twenty.jsonl", "x" * MAX_ID_BYTES)
    proc = run("index", tmp_path / "db", source)
    assert proc.returncode == 0, proc.stderr
    assert documents(tmp_path / "db") == 20


def test_strict_stops_at_the_long_id_with_its_line(tmp_path):
    source = twenty_records(tmp_path / "twenty.jsonl", "x" * 300)
    proc = run("index", tmp_path / "db", source, "--strict", "--batch", "1")
    assert proc.returncode == 1
    assert f"{source}: line 7:" in proc.stderr
    assert documents(tmp_path / "db") == 6


# --- The CLI and the Python module index a file to the same documents -----------------------------

def python_module():
    # Probed in a child first: a module built with sanitizers aborts the interpreter that imports it
    # without the sanitizer runtime preloaded (the sanitizer stage runs this suite so; its Python tests
    # run with the runtime preloaded, and the ordinary stage runs this test in full).
    probe = subprocess.run([sys.executable, "-c", "import fahras"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip("the fahras Python module is not importable here (set PYTHONPATH=<build>/python; "
                    "a sanitizer build needs its runtime preloaded)")
    import fahras
    return fahras


def mixed_zip(path):
    records = [
        {"source": "okaz", "title": "كيري", "content": "نص أول", "date_extracted": "2015-07-21"},
        {"_id": "own", "title": "لافروف", "content": "نص ثان", "url": "http://x/2", "tags": ["أ", "ب"]},
        {"id": None, "_id": 17, "text": "رقم", "metadata": {"k": "v"}},
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("okaz/2015-07-21.json", json.dumps(records, ensure_ascii=False))
        z.writestr("extra.jsonl", json.dumps({"_id": "j1", "body": "سطر"}, ensure_ascii=False) + "\n{bad\n")
        z.writestr("README.txt", "not articles")
    return path


def test_cli_and_python_read_a_file_into_the_same_documents(tmp_path):
    fahras = python_module()
    archive = mixed_zip(tmp_path / "mixed.zip")
    proc = run("index", tmp_path / "db", archive)
    assert proc.returncode == 0, proc.stderr
    with pytest.warns(fahras.BadRecordWarning, match=r"extra.jsonl\): line 2"):
        articles = list(fahras.read_articles(archive))
    ids = sorted(article.id for article in articles)
    assert ids == ["17", "2015-07-21-1", "j1", "own"]
    cli_index = fahras.Index(tmp_path / "db", writable=False)
    for article in articles:
        assert cli_index.get(article.id) == article
    assert len(cli_index) == len(articles)


SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"


@pytest.mark.skipif(not list(SAUDINEWSNET.glob("*.zip")), reason=f"no SaudiNewsNet .zip in {SAUDINEWSNET}")
def test_cli_and_python_index_a_saudinewsnet_zip_to_the_same_documents(tmp_path):
    fahras = python_module()
    archive = min(SAUDINEWSNET.glob("*.zip"), key=lambda p: p.stat().st_size)
    proc = run("index", tmp_path / "db", archive, "--quiet")
    assert proc.returncode == 0, proc.stderr
    from_python = fahras.Index(tmp_path / "py")
    assert from_python.add_many(fahras.read_articles(archive)) > 0
    from_python.commit()
    from_cli = fahras.Index(tmp_path / "db", writable=False)
    assert len(from_cli) == len(from_python)
    for article in fahras.read_articles(archive):
        assert from_cli.get(article.id) == from_python.get(article.id) == article
