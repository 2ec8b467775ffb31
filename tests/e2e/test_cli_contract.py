"""End-to-end tests of the CLI contract of issue 4: --index DIR, --hits, --topics/--output, SaudiNewsNet's
files (JSON arrays and zip archives), --strict and progress output.

Run:  FAHRAS_CLI=build/tools/fahras /usr/bin/python3 -m pytest tests/e2e/test_cli_contract.py -q
"""

import json
import os
import pty
import subprocess
import zipfile

from cli_support import CLI, KERRY_DOCS, LAVROV_DOCS, NEWS, SEED, hit_ids, run, search_json, write_jsonl

# --- the CLI contract of issue 4: --index DIR, --hits, --topics/--output, SaudiNewsNet files, --strict ---


# Two records in SaudiNewsNet's layout (a JSON array, no ids), written for the tests.
SNN_RECORDS = [
    {"source": "alweeam", "url": "http://www.alweeam.com.sa/354412/", "date_extracted": "2015-07-23 19:10:22",
     "title": "نواب أمريكيون ينتقدون الاتفاق مع إيران",
     "author": "واشنطن-الوئام:", "content": "وقال النواب إن جون كيري قدم في المفاوضات أكثر مما أخذ."},
    {"source": "sabq", "url": "http://sabq.org/abc", "date_extracted": "2015-07-24 10:00:00",
     "title": "لافروف يلتقي نظيره", "author": "", "content": "اجتمع سيرغي لافروف بنظيره الأمريكي."},
]


def write_snn_json(path, records=SNN_RECORDS):
    path.write_text(json.dumps(records, ensure_ascii=False, indent=4), encoding="utf-8")


def test_contract_index_search_stats_get_with_index_option(tmp_path):
    db = tmp_path / "db"
    proc = run("index", "--index", db, NEWS, SEED)
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(run("stats", "--index", db, "--json").stdout)
    assert stats["documents"] == 19
    result = json.loads(run("search", "--index", db, "--hits", "2", "--json", "كيري").stdout)
    assert len(result["hits"]) == 2
    assert set(hit_ids(result)) <= KERRY_DOCS | {"seed_article"}
    assert json.loads(run("get", "--index", db, "seed_article").stdout)["id"] == "seed_article"
    # With --index every argument is a query word, even one that names a directory.
    two_words = json.loads(run("search", "--index", db, "--json", "لافروف", "كيري").stdout)
    assert two_words["query"] == "لافروف كيري"


def test_contract_hits_and_limit_are_one_option(news_db):
    proc = run("search", "--index", news_db, "كيري", "--hits", "2", "--limit", "3")
    assert proc.returncode == 2
    assert "--hits or --limit" in proc.stderr
    assert run("search", "--index", news_db, "كيري", "--hits", "0x").returncode == 2


def test_contract_missing_index_option_is_a_usage_error():
    proc = run("stats")
    assert proc.returncode == 2
    assert "missing --index DIR" in proc.stderr


def test_contract_batch_search_writes_a_trec_run(news_db, tmp_path):
    topics = tmp_path / "queries.jsonl"
    write_jsonl(topics, [{"_id": "k", "text": "كيري"}, {"_id": "l", "text": "لافروف"}])
    run_file = tmp_path / "run.trec"
    proc = run("search", "--index", news_db, "--topics", topics, "--output", run_file, "--hits", "3")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in run_file.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(row) == 6 and row[1] == "Q0" and row[5] == "fahras" for row in rows)
    by_query = {}
    for qid, _, doc, rank, score, _ in rows:
        by_query.setdefault(qid, []).append((int(rank), float(score), doc))
    assert set(by_query) == {"k", "l"}
    assert all(len(hits) <= 3 for hits in by_query.values())
    assert {doc for _, _, doc in by_query["k"]} <= KERRY_DOCS
    assert {doc for _, _, doc in by_query["l"]} <= LAVROV_DOCS
    assert [rank for rank, _, _ in by_query["l"]] == list(range(1, len(by_query["l"]) + 1))
    assert json.loads(proc.stdout.splitlines()[-1])["k"] == 3


def test_contract_batch_search_usage_errors(news_db, tmp_path):
    topics = tmp_path / "queries.jsonl"
    write_jsonl(topics, [{"_id": "k", "text": "كيري"}])
    proc = run("search", "--index", news_db, "--topics", topics)
    assert proc.returncode == 2 and "--output" in proc.stderr
    proc = run("search", "--index", news_db, "--output", tmp_path / "run", "كيري")
    assert proc.returncode == 2 and "--topics" in proc.stderr
    proc = run("search", "--index", news_db, "--topics", topics, "--output", tmp_path / "run", "extra")
    assert proc.returncode == 2 and "'extra'" in proc.stderr
    proc = run("search", "--index", news_db, "--topics", tmp_path / "none.jsonl", "--output", tmp_path / "run")
    assert proc.returncode == 1 and "none.jsonl" in proc.stderr


def test_saudinewsnet_json_array_file(tmp_path):
    snn = tmp_path / "2015-07-23.json"
    write_snn_json(snn)
    db = tmp_path / "db"
    proc = run("index", "--index", db, snn)
    assert proc.returncode == 0, proc.stderr
    first = json.loads(run("get", "--index", db, "2015-07-23-1").stdout)
    assert first["source"] == "alweeam"
    assert first["date"] == "2015-07-23 19:10:22"
    assert first["url"] == "http://www.alweeam.com.sa/354412/"
    assert first["body"] == SNN_RECORDS[0]["content"]
    assert hit_ids(search_json(db, "كيري")) == ["2015-07-23-1"]
    assert hit_ids(search_json(db, "لافروف")) == ["2015-07-23-2"]


def test_saudinewsnet_zip_file(tmp_path):
    archive = tmp_path / "snn.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("2015-07-23.json", json.dumps(SNN_RECORDS, ensure_ascii=False))
        z.writestr("2015-07-24.json", json.dumps(SNN_RECORDS[:1], ensure_ascii=False))
        z.writestr("more/lines.jsonl", json.dumps({"_id": "x1", "text": "كيري"}, ensure_ascii=False) + "\n")
        z.writestr("README.txt", "not articles")
    db = tmp_path / "db"
    proc = run("index", "--index", db, archive)
    assert proc.returncode == 0, proc.stderr
    assert "README.txt): skipped" in proc.stderr
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == 4
    assert set(hit_ids(search_json(db, "كيري"))) == {"2015-07-23-1", "2015-07-24-1", "x1"}


def test_a_file_that_is_not_a_zip_archive_exits_1(tmp_path):
    fake = tmp_path / "broken.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    db = tmp_path / "db"
    proc = run("index", "--index", db, fake, NEWS)
    assert proc.returncode == 1
    assert "broken.zip" in proc.stderr and "zip archive" in proc.stderr
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == 18  # the others are indexed


def test_bad_record_in_a_json_array_names_file_and_line(tmp_path):
    snn = tmp_path / "day.json"
    snn.write_text('[\n{"title": "كيري"},\n{"title": oops},\n{"title": "لافروف"}\n]\n', encoding="utf-8")
    db = tmp_path / "db"
    proc = run("index", "--index", db, snn)
    assert proc.returncode == 0, proc.stderr
    assert f"{snn}: line 3: record 2: not valid JSON" in proc.stderr
    assert "skipped 1 bad records" in proc.stderr
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == 2
    assert json.loads(run("get", "--index", db, "day-3").stdout)["title"] == "لافروف"


def test_strict_stops_at_the_first_bad_record_and_keeps_what_came_before(tmp_path):
    db = tmp_path / "db"
    assert run("index", "--index", db, SEED).returncode == 0  # an earlier, committed run
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        json.dumps({"_id": "a", "text": "كيري"}, ensure_ascii=False) + "\n"
        + json.dumps({"_id": "b", "text": "لافروف"}, ensure_ascii=False) + "\n"
        + '{"_id": "c", "text": \n'
        + json.dumps({"_id": "d", "text": "بوتين"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    proc = run("index", "--index", db, "--strict", mixed, NEWS)
    assert proc.returncode == 1
    assert f"{mixed}: line 3:" in proc.stderr
    assert "--strict" in proc.stderr
    ids = {"seed_article", "a", "b"}
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == len(ids)
    for doc in ids:
        assert run("get", "--index", db, doc).returncode == 0, doc
    assert run("get", "--index", db, "d").returncode == 1       # after the bad record: not read
    assert run("get", "--index", db, "news-01").returncode == 1  # the next file: not read


def test_strict_stops_at_an_unreadable_file(tmp_path):
    db = tmp_path / "db"
    proc = run("index", "--index", db, "--strict", NEWS, tmp_path / "missing.jsonl", SEED)
    assert proc.returncode == 1
    assert "missing.jsonl" in proc.stderr
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == 18
    assert run("get", "--index", db, "seed_article").returncode == 1


def test_progress_lines_when_not_a_terminal(tmp_path):
    proc = run("index", "--index", tmp_path / "db", NEWS, "--progress-every", "0")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("progress: ")]
    assert lines, proc.stderr
    last = lines[-1]
    for part in ("documents", "MB", "docs/s", "%"):
        assert part in last, last
    assert "\r" not in proc.stderr and "\033[" not in proc.stderr  # no terminal control in logs


def test_progress_bar_on_a_terminal(tmp_path):
    # Enough articles (the sample repeated under new ids) for the bar to be redrawn a few times.
    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    big = tmp_path / "big.jsonl"
    write_jsonl(big, [dict(r, _id=f"{r['_id']}-{n}") for n in range(300) for r in records])
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([str(CLI), "index", "--index", str(tmp_path / "db"), str(big), "--batch", "200"],
                                stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the writer has closed the terminal
                break
            if not chunk:
                break
            output += chunk
        returncode = proc.wait(timeout=120)
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    text = output.decode("utf-8", "replace")
    assert returncode == 0, text
    assert "\r\033[K[" in text, text  # the bar redraws itself in place
    bar = text.split("\r\033[K")[-1]  # its last state
    for part in ("%", "documents", "MB", "docs/s"):
        assert part in bar, bar
    assert "indexed 5,400 documents" in text
    assert "progress: " not in text  # plain lines are for logs only
