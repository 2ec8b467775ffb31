"""End-to-end tests of the `fahras` command-line tool.

Run:  FAHRAS_CLI=build/tools/fahras /usr/bin/python3 -m pytest tests/e2e -q
(FAHRAS_CLI defaults to build/tools/fahras relative to the repository root.)

The fixture tests/fixtures/news_sample.jsonl holds 18 short news articles that write the same names in
different ways: كيري / كيرى / كِيري / کيري (Persian kaf), لافروف / للافروف, البغدادي next to the city
بغداد, بوتین with a Persian yeh. Expected ids below are read off that file.
"""

import codecs
import json
import random
import subprocess
import time

import pytest

from cli_support import (BAGHDAD_DOCS, BAGHDADI_DOCS, CLI, KERRY_DOCS, LAVROV_DOCS, NEWS, SEED, hit_ids, run,
                         search_json, write_jsonl)

REPLACEMENT = "\ufffd"


# --- usage and help -------------------------------------------------------------------------------


def test_main_help_lists_every_command():
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("index", "search", "batch", "stats", "analyze", "get"):
        assert command in proc.stdout


@pytest.mark.parametrize("command", ["index", "search", "batch", "stats", "analyze", "get"])
def test_help_of_each_command(command):
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"Usage: fahras {command}")
    assert run("help", command).stdout == proc.stdout


def test_no_command_is_a_usage_error():
    proc = run()
    assert proc.returncode == 2
    assert "Usage" in proc.stderr


def test_unknown_subcommand_exits_2():
    proc = run("serch", "db", "كيري")
    assert proc.returncode == 2
    assert proc.stderr.startswith("fahras: unknown command 'serch'")
    assert proc.stdout == ""


def test_unknown_option_exits_2(tmp_path):
    proc = run("search", tmp_path / "db", "كيري", "--limt", "3")
    assert proc.returncode == 2
    assert "unknown option --limt" in proc.stderr
    assert "fahras search --help" in proc.stderr


@pytest.mark.parametrize("value", ["abc", "-1", "10001", "3x"])
def test_bad_number_exits_2(news_db, value):
    proc = run("search", news_db, "كيري", "--limit", value)
    assert proc.returncode == 2
    assert "--limit expects a whole number" in proc.stderr


def test_bad_sort_exits_2(news_db):
    proc = run("search", news_db, "كيري", "--sort", "random")
    assert proc.returncode == 2
    assert "--sort" in proc.stderr


def test_missing_arguments_exit_2():
    assert run("search").returncode == 2
    assert run("index", "only-db").returncode == 2
    assert run("get", "db").returncode == 2
    proc = run("batch", "db", "queries.jsonl")
    assert proc.returncode == 2
    assert "--run" in proc.stderr


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("fahras ")


# --- index, stats, get ----------------------------------------------------------------------------


def test_stats(news_db):
    proc = run("stats", news_db, "--json")
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    assert stats["documents"] == 18
    assert stats["distinct_terms"] > 100
    assert stats["average_length"] > 10
    assert stats["analyzer"].startswith("fahras-arabic/")
    human = run("stats", news_db)
    assert human.returncode == 0
    assert "documents:       18" in human.stdout
    assert stats["analyzer"] in human.stdout


def test_get_returns_the_stored_article(news_db):
    proc = run("get", news_db, "news-04")
    assert proc.returncode == 0, proc.stderr
    article = json.loads(proc.stdout)
    assert article["id"] == "news-04"
    assert article["title"] == "تقارير عن إصابة البغدادي في غارة جوية"
    assert article["source"] == "aawsat"
    assert article["date"].startswith("2015-08-10")
    assert article["author"] == "بغداد: حمزة مصطفى"
    assert article["url"] == "https://example.org/news-04"
    assert json.loads(article["metadata"]["tags"]) == ["داعش", "العراق"]
    pretty = run("get", news_db, "news-04", "--pretty")
    assert json.loads(pretty.stdout) == article


def test_get_unknown_id_exits_1(news_db):
    proc = run("get", news_db, "news-99")
    assert proc.returncode == 1
    assert proc.stderr.startswith("fahras: no article with id 'news-99'")


def test_reindexing_replaces_by_id(tmp_path):
    db = tmp_path / "db"
    assert run("index", db, NEWS).returncode == 0
    assert run("index", db, NEWS).returncode == 0
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 18
    changed = tmp_path / "changed.jsonl"
    write_jsonl(changed, [{"_id": "news-09", "title": "عنوان جديد", "text": "نص جديد عن التنس"}])
    assert run("index", db, changed).returncode == 0
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 18
    assert json.loads(run("get", db, "news-09").stdout)["title"] == "عنوان جديد"


def test_overwrite_replaces_the_index(tmp_path):
    db = tmp_path / "db"
    assert run("index", db, NEWS).returncode == 0
    one = tmp_path / "one.jsonl"
    write_jsonl(one, [{"id": 7, "text": "خبر واحد"}])  # a number as id is accepted
    proc = run("index", db, one, "--overwrite")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 1
    assert json.loads(run("get", db, "7").stdout)["body"] == "خبر واحد"


def test_small_batches_give_the_same_index(tmp_path):
    db = tmp_path / "db"
    proc = run("index", db, NEWS, "--batch", "4", "--progress")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 18


def test_text_files_take_their_id_from_the_file_name(tmp_path):
    db = tmp_path / "db"
    proc = run("index", db, SEED)
    assert proc.returncode == 0, proc.stderr
    article = json.loads(run("get", db, "seed_article").stdout)
    assert article["title"].startswith("موسكو تطالب واشنطن")
    assert "لافروف" in article["body"]
    for query in ("لافروف", "كيري"):
        assert hit_ids(search_json(db, query)) == ["seed_article"]


def test_jsonl_from_stdin(tmp_path):
    db = tmp_path / "db"
    stdin = json.dumps({"_id": "s1", "text": "لافروف في موسكو"}, ensure_ascii=False) + "\n"
    proc = run("index", db, "-", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert hit_ids(search_json(db, "لافروف")) == ["s1"]


def test_no_store_keeps_search_but_not_text(tmp_path):
    db = tmp_path / "db"
    assert run("index", db, NEWS, "--no-store", "--no-positions").returncode == 0
    assert set(hit_ids(search_json(db, "كيري", "--no-snippets"))[:4]) == KERRY_DOCS
    article = json.loads(run("get", db, "news-01").stdout)
    assert article["id"] == "news-01"
    assert article["body"] == ""


def test_windows_1256_input(tmp_path):
    db = tmp_path / "db"
    jsonl = tmp_path / "cp1256.jsonl"
    line = json.dumps({"_id": "w1", "title": "لقاء لافروف وكيري", "text": "التقى وزير الخارجية الروسي لافروف نظيره كيري"},
                      ensure_ascii=False) + "\n"
    with codecs.open(jsonl, "w", encoding="windows-1256") as f:
        f.write(line)
    assert "لافروف".encode("utf-8") not in jsonl.read_bytes()  # really not UTF-8
    text = tmp_path / "cp1256_article.txt"
    text.write_bytes(codecs.encode("البغدادي في الموصل\nخبر عن زعيم التنظيم البغدادي", "cp1256"))
    proc = run("index", db, jsonl, text, "--encoding", "windows-1256")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(run("get", db, "w1").stdout)["title"] == "لقاء لافروف وكيري"
    assert hit_ids(search_json(db, "لافروف")) == ["w1"]
    assert hit_ids(search_json(db, "البغدادي")) == ["cp1256_article"]


def test_unknown_encoding_is_a_usage_error(tmp_path):
    proc = run("index", tmp_path / "db", NEWS, "--encoding", "klingon-8")
    assert proc.returncode == 2
    assert "klingon-8" in proc.stderr
    assert not (tmp_path / "db").exists()


def test_invalid_utf8_input_is_indexed_with_replacement_characters(tmp_path):
    db = tmp_path / "db"
    bad = tmp_path / "bad.jsonl"
    good_line = json.dumps({"_id": "ok", "text": "خبر سليم عن كيري"}, ensure_ascii=False).encode()
    bad_line = b'{"_id": "bad", "title": "\xff\xfe", "text": "' + "كيري".encode() + b' \xd9 \xc3\x28 end"}'
    bad.write_bytes(good_line + b"\n" + bad_line + b"\n")
    proc = run("index", db, bad)
    assert proc.returncode == 0, proc.stderr
    assert "indexed 2 documents" in proc.stderr
    article = json.loads(run("get", db, "bad").stdout)
    assert REPLACEMENT in article["title"]
    assert article["body"].startswith("كيري ")
    assert REPLACEMENT in article["body"]
    assert set(hit_ids(search_json(db, "كيري"))) == {"ok", "bad"}


def test_invalid_utf8_text_file(tmp_path):
    db = tmp_path / "db"
    text = tmp_path / "broken.txt"
    text.write_bytes("عنوان الخبر\n".encode() + b"\xff\xfe\xfd " + "لافروف".encode() + b" \xe2\x82")
    proc = run("index", db, text)
    assert proc.returncode == 0, proc.stderr
    assert hit_ids(search_json(db, "لافروف")) == ["broken"]
    assert REPLACEMENT in json.loads(run("get", db, "broken").stdout)["body"]


def test_malformed_lines_are_skipped_with_their_line_number(tmp_path):
    db = tmp_path / "db"
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        json.dumps({"_id": "a", "text": "كيري في جنيف"}, ensure_ascii=False) + "\n"
        + '{"_id": "b", "text": "truncated\n'
        + "\n"
        + '{"title": "no id here"}\n'
        + "[1, 2, 3]\n"
        + json.dumps({"_id": "c", "text": "لافروف في موسكو"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    proc = run("index", db, mixed)
    assert proc.returncode == 0, proc.stderr
    assert f"{mixed}: line 2:" in proc.stderr
    assert f"{mixed}: line 4:" in proc.stderr
    assert f"{mixed}: line 5:" in proc.stderr
    assert "line 3" not in proc.stderr  # blank lines are not errors
    assert "skipped 3 bad records" in proc.stderr
    assert "indexed 2 documents" in proc.stderr
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 2


def test_only_malformed_lines_exits_1(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n{also not\n", encoding="utf-8")
    proc = run("index", tmp_path / "db", bad)
    assert proc.returncode == 1
    assert "nothing was indexed" in proc.stderr


def test_missing_input_file_exits_1_but_indexes_the_others(tmp_path):
    db = tmp_path / "db"
    proc = run("index", db, tmp_path / "missing.jsonl", NEWS)
    assert proc.returncode == 1
    assert "missing.jsonl" in proc.stderr
    assert json.loads(run("stats", db, "--json").stdout)["documents"] == 18


# --- search ---------------------------------------------------------------------------------------


def test_kerry_in_every_spelling(news_db):
    # كيري, كيرى (alef maksura), كِيري (kasra), کيري (Persian kaf) are one name.
    for query in ("كيري", "كيرى", "كِيري", "وكيري"):
        ids = hit_ids(search_json(news_db, query))
        assert set(ids[:4]) == KERRY_DOCS, (query, ids)


def test_lavrov_with_and_without_proclitics(news_db):
    for query in ("لافروف", "ولافروف"):
        ids = hit_ids(search_json(news_db, query))
        assert set(ids[:4]) == LAVROV_DOCS, (query, ids)
    # Both names: the article about their call ranks first.
    assert hit_ids(search_json(news_db, "لافروف كيري"))[0] == "news-01"


def test_baghdadi_ranks_above_baghdad(news_db):
    ids = hit_ids(search_json(news_db, "البغدادي"))
    assert set(ids[:2]) == BAGHDADI_DOCS, ids
    # The city may match through the stem, never above the person.
    for city_doc in BAGHDAD_DOCS & set(ids):
        assert ids.index(city_doc) >= 2


def test_persian_yeh_is_folded(news_db):
    # news-18 writes بوتین with a Persian yeh (U+06CC).
    assert hit_ids(search_json(news_db, "بوتين")) == ["news-18"]


def test_search_json_fields(news_db):
    result = search_json(news_db, "البغدادي")
    assert result["query"] == "البغدادي"
    assert result["estimated_total"] >= 2
    top = result["hits"][0]
    assert top["rank"] == 1
    assert top["score"] > 0
    assert top["source"] in ("aawsat", "okaz")
    assert top["url"] == "https://example.org/" + top["id"]
    assert "<b>" in top["snippet"] and "</b>" in top["snippet"]
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert [hit["rank"] for hit in result["hits"]] == list(range(1, len(scores) + 1))


def test_human_output_marks_matches(news_db):
    proc = run("search", news_db, "لافروف")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.splitlines()[0].startswith("4 of about ")
    assert "  1. " in out
    assert "**" in out  # stdout is a pipe: matches are wrapped in ** rather than ANSI bold
    assert "\033[" not in out
    for doc in LAVROV_DOCS:
        assert doc in out


def test_no_snippets(news_db):
    result = search_json(news_db, "لافروف", "--no-snippets")
    assert result["hits"] and all(hit["snippet"] == "" for hit in result["hits"])


def test_limit_and_offset_page_through_the_same_ranking(news_db):
    full = hit_ids(search_json(news_db, "الخارجية", "--limit", "20"))
    assert len(full) >= 5
    page = hit_ids(search_json(news_db, "الخارجية", "--limit", "2", "--offset", "2"))
    assert page == full[2:4]
    assert hit_ids(search_json(news_db, "الخارجية", "--limit", "0")) == []


def test_date_filter_and_sort(news_db):
    august = search_json(news_db, "لافروف", "--from", "2015-08-01", "--to", "2015-08-31", "--sort", "date")
    assert hit_ids(august) == ["news-18", "news-15", "news-07"]  # 08-17, 08-13, 08-11
    oldest_first = hit_ids(search_json(news_db, "لافروف", "--sort", "date-asc"))
    assert oldest_first == ["news-01", "news-07", "news-15", "news-18"]
    july = hit_ids(search_json(news_db, "لافروف", "--to", "2015-07-31"))
    assert july == ["news-01"]


def test_facets_count_sources(news_db):
    result = search_json(news_db, "كيري", "--facets")
    facets = result["facets"]
    assert facets.get("okaz") == 2      # news-02, news-06
    assert facets.get("aawsat") == 1    # news-01
    assert facets.get("riyadh") == 1    # news-03
    human = run("search", news_db, "كيري", "--facets").stdout
    assert "sources:" in human and "okaz 2" in human


def test_excluded_word_needs_no_double_dash(news_db):
    ids = hit_ids(search_json(news_db, "كيري", "-لافروف"))
    assert "news-01" not in ids  # the only Kerry article that also names Lavrov
    assert set(ids) == KERRY_DOCS - {"news-01"}


def test_empty_query_gives_no_hits(news_db):
    for query in ("", "   "):
        result = search_json(news_db, query)
        assert result["hits"] == []
    proc = run("search", news_db, "")
    assert proc.returncode == 0
    assert proc.stdout.startswith("0 of about 0 results")


def test_stopword_only_query_searches_the_stopwords(news_db):
    # Stopwords never empty a query: when every word is one, they are searched (issue 12).
    hits = search_json(news_db, "في", "من", "على")["hits"]
    assert hits
    assert search_json(news_db, "في", "من", "على")["ignored"] == []


def test_ten_thousand_word_query_returns_quickly(news_db):
    words = []
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            words.extend(json.loads(line)["text"].split())
    rng = random.Random(20150721)
    query = [rng.choice(words) for _ in range(10_000)]
    start = time.monotonic()
    proc = run("search", news_db, "-", "--json", "--no-snippets", stdin=" ".join(query), timeout=30)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert elapsed < 10, elapsed
    assert json.loads(proc.stdout)["hits"]  # words of the corpus: something matches
    # The same through the argument list (one argument per word).
    proc = run("search", news_db, *query[:3000], "--no-snippets", timeout=30)
    assert proc.returncode == 0


def test_query_from_stdin(news_db):
    proc = run("search", news_db, "-", "--json", stdin="البغدادي\n")
    assert proc.returncode == 0
    assert set(hit_ids(json.loads(proc.stdout))[:2]) == BAGHDADI_DOCS


def test_missing_index_is_a_clear_runtime_error(tmp_path):
    missing = tmp_path / "no-such-index"
    for args in (("search", missing, "كيري"), ("stats", missing), ("get", missing, "x")):
        proc = run(*args)
        assert proc.returncode == 1, args
        assert proc.stderr.startswith("fahras: "), proc.stderr
        assert len(proc.stderr.splitlines()) <= 2
        assert proc.stdout == ""
    assert not missing.exists()  # reading never creates an index


# --- batch ----------------------------------------------------------------------------------------


def test_batch_writes_a_trec_run_and_reports_latency(news_db, tmp_path):
    queries = tmp_path / "queries.jsonl"
    write_jsonl(queries, [
        {"_id": "q1", "text": "كيري"},
        {"_id": "q2", "text": "لافروف"},
        {"_id": "q3", "text": "البغدادي"},
        {"_id": "q4", "text": "غائبغائب"},  # a word no article holds: no lines, still counted
    ])
    run_file = tmp_path / "out.trec"
    proc = run("batch", news_db, queries, "--run", run_file, "--k", "3", "--tag", "e2e")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in run_file.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 6 for row in rows)
    assert all(row[1] == "Q0" and row[5] == "e2e" for row in rows)
    by_query = {}
    for qid, _, doc, rank, score, _ in rows:
        by_query.setdefault(qid, []).append((int(rank), float(score), doc))
    assert set(by_query) == {"q1", "q2", "q3"}
    for qid, hits in by_query.items():
        assert [rank for rank, _, _ in hits] == list(range(1, len(hits) + 1))
        assert len(hits) <= 3
        scores = [score for _, score, _ in hits]
        assert scores == sorted(scores, reverse=True)
    assert {doc for _, _, doc in by_query["q3"][:2]} == BAGHDADI_DOCS
    assert {doc for _, _, doc in by_query["q1"]} <= KERRY_DOCS

    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["queries"] == 4
    assert report["k"] == 3
    assert report["lines"] == len(rows)
    assert report["seconds"] >= 0
    latency = report["latency_ms"]
    assert 0 <= latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]
    assert latency["mean"] > 0
    assert "queries in" in proc.stderr and "p95" in proc.stderr


def test_batch_skips_malformed_query_lines(news_db, tmp_path):
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"_id": "q1", "text": "كيري"}\n{broken\n', encoding="utf-8")
    run_file = tmp_path / "out.trec"
    proc = run("batch", news_db, queries, "--run", run_file, "--no-latency")
    assert proc.returncode == 0, proc.stderr
    assert "line 2" in proc.stderr
    report = json.loads(proc.stdout)
    assert report["queries"] == 1
    assert "latency_ms" not in report


def test_batch_on_missing_index_exits_1(tmp_path):
    queries = tmp_path / "queries.jsonl"
    write_jsonl(queries, [{"_id": "q1", "text": "كيري"}])
    proc = run("batch", tmp_path / "nothing", queries, "--run", tmp_path / "out.trec")
    assert proc.returncode == 1
    assert proc.stderr.startswith("fahras: ")


# --- analyze --------------------------------------------------------------------------------------


def test_analyze_json_spans_point_into_the_text():
    text = "ولافروف  للافروف لكيري وكِيري في البغدادي"
    proc = run("analyze", text, "--json")
    assert proc.returncode == 0, proc.stderr
    tokens = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [t["position"] for t in tokens] == list(range(len(tokens)))
    raw = text.encode("utf-8")
    for t in tokens:
        assert raw[t["begin"]:t["end"]].decode("utf-8") == t["text"]
    by_text = {t["text"]: t for t in tokens}
    assert "لافروف" in by_text["ولافروف"]["forms"]
    assert "لافروف" in by_text["للافروف"]["forms"]
    assert by_text["لكيري"]["bare"] == "كيري"
    assert by_text["وكِيري"]["bare"] == "كيري"   # proclitic stripped and kasra removed
    assert by_text["البغدادي"]["bare"] == "بغدادي"
    assert by_text["في"]["stopword"] is True
    assert by_text["لكيري"]["stopword"] is False


def test_analyze_table_from_stdin():
    proc = run("analyze", stdin="كِيري\n")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["pos", "bytes", "text", "normalized", "forms", "bare", "stem", "stop"]
    row = lines[1].split()
    assert row[:4] == ["0", "0-10", "كِيري", "كيري"]
    assert lines[-1].startswith("analyzer: fahras-arabic/")


def test_analyze_table_columns_are_aligned():
    proc = run("analyze", "ولافروف", "البغدادي")
    header, first, second = proc.stdout.splitlines()[:3]
    # Without harakat one code point is one column, so str indexes are display columns. The
    # normalized column repeats the text column here: find its second occurrence.
    column = header.index("normalized")
    assert first.index("ولافروف", first.index("ولافروف") + 1) == column
    assert second.index("البغدادي", second.index("البغدادي") + 1) == column
    bare = header.index("bare")
    assert first[bare - 2:bare] == "  " and first[bare] != " "


def test_analyze_invalid_utf8_does_not_crash():
    proc = subprocess.run([str(CLI), "analyze", "--json", "-"], input=b"\xff\xfe " + "كيري".encode(),
                          capture_output=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    tokens = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert any(t["normalized"] == "كيري" for t in tokens)


# --- also written as ------------------------------------------------------------------------------


def test_search_prints_the_other_spelling_of_a_name_and_keeps_the_hits(tmp_path):
    # Sentences written for this test: ترامب in three articles, ترمب in one.
    bodies = ["قال الرئيس ترامب إن المحادثات مثمرة", "وصل ترامب إلى العاصمة مساء أمس",
              "انتقد ترامب قرار المحكمة في خطاب", "التقى ترمب رئيس الوزراء في واشنطن"]
    source = tmp_path / "names.jsonl"
    write_jsonl(source, [{"_id": f"d{i}", "title": "خبر", "text": b} for i, b in enumerate(bodies, 1)])
    assert run("index", tmp_path / "db", source).returncode == 0
    proc = run("search", tmp_path / "db", "ترمب")
    assert proc.returncode == 0, proc.stderr
    assert "also written as: ترامب (3)" in proc.stdout.splitlines()
    result = search_json(tmp_path / "db", "ترمب")
    assert result["also_written"] == [{"word": "ترمب", "spelling": "ترامب", "documents": 3}]
    assert hit_ids(result) == ["d4"]
    off = run("search", tmp_path / "db", "ترمب", "--no-also-written")
    assert "also written as" not in off.stdout
