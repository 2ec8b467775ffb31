"""fahras.Index: in memory and on disk; add, replace, remove, get, commit, reopen, context manager."""

from __future__ import annotations

import pathlib

import pytest

import fahras
from conftest import ids


def test_in_memory_add_get_replace_remove(news: list[fahras.Article]) -> None:
    idx = fahras.Index.in_memory()
    assert len(idx) == 0 and idx.size() == 0
    assert idx.writable
    idx.add(news[0])
    assert len(idx) == 1
    assert idx.get("a1") == news[0]
    assert "a1" in idx and "a2" not in idx
    assert idx.get("missing") is None

    idx.add(fahras.Article(id="a1", title="عنوان جديد", body="نص جديد"))
    assert len(idx) == 1
    assert idx.get("a1").title == "عنوان جديد"

    assert idx.remove("a1") is True
    assert idx.remove("a1") is False
    assert len(idx) == 0
    assert idx.get("a1") is None


def test_metadata_and_every_field_round_trip(news: list[fahras.Article]) -> None:
    idx = fahras.Index.in_memory()
    article = news[0]
    article.metadata["tags"] = "روسيا، أمريكا"
    idx.add(article)
    stored = idx.get("a1")
    assert stored == article
    assert stored.metadata == {"section": "سياسة", "tags": "روسيا، أمريكا"}
    assert stored is not article


def test_add_batch_uses_threads_and_accepts_any_iterable() -> None:
    idx = fahras.Index.in_memory(threads=2)
    # More than one chunk of 32 so that the worker threads run.
    idx.add_batch(fahras.Article(id=f"d{i}", body=f"خبر رقم {i} عن لافروف") for i in range(200))
    idx.commit()
    assert len(idx) == 200
    assert idx.get("d137").body == "خبر رقم 137 عن لافروف"
    results = fahras.Searcher(idx).search("ولافروف", limit=500, snippets=False)
    assert len(results) == 200


def test_add_batch_replaces_in_order() -> None:
    idx = fahras.Index.in_memory()
    idx.add_batch([fahras.Article(id="x", title="الأول"), fahras.Article(id="x", title="الثاني")])
    assert len(idx) == 1
    assert idx.get("x").title == "الثاني"


def test_on_disk_commit_close_reopen(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    path = tmp_path / "news.idx"
    writer = fahras.Index.open(path)  # os.PathLike is accepted
    writer.add_batch(news)
    writer.commit()

    reader = fahras.Index.open(str(path), "read_only")
    assert not reader.writable
    assert len(reader) == len(news)
    assert reader.get("a3") == news[2]

    writer.remove("a3")
    writer.add(fahras.Article(id="a6", body="مقال جديد"))
    # The reader sees the last commit as of opening...
    assert "a3" in reader and "a6" not in reader
    writer.commit()
    assert "a3" in reader
    # ...until it reopens.
    reader.reopen()
    assert "a3" not in reader and "a6" in reader
    writer.close()
    reader.close()

    again = fahras.Index.open(path, "read_only")
    assert len(again) == len(news)
    stats = again.stats()
    assert stats.documents == len(news)
    assert stats.distinct_terms > 0
    assert stats.average_length > 0
    assert stats.path == str(path)
    assert stats.analyzer_id == again.analyzer.id == fahras.Analyzer().id


def test_in_memory_stats() -> None:
    idx = fahras.Index.in_memory()
    idx.add(fahras.Article(id="1", body="لافروف"))
    stats = idx.stats()
    assert stats.documents == 1
    assert stats.path is None
    assert stats.distinct_terms == 0  # documented: not counted in memory


def test_overwrite_mode_starts_empty(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    path = tmp_path / "idx"
    with fahras.Index.open(path) as idx:
        idx.add_batch(news)
    with fahras.Index.open(path, "create_or_open") as idx:
        assert len(idx) == len(news)
    with fahras.Index.open(path, "overwrite") as idx:
        assert len(idx) == 0


def test_context_manager_commits_and_closes(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    path = tmp_path / "idx"
    with fahras.Index.open(path) as idx:
        idx.add_batch(news)
        assert not idx.closed
    assert idx.closed
    # Closed means the write lock is free: another writer can open at once.
    with fahras.Index.open(path) as second:
        assert len(second) == len(news)
    reader = fahras.Index.open(path, "read_only")
    assert reader.get("a1") == news[0]


def test_context_manager_closes_on_error(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with pytest.raises(RuntimeError, match="boom"):
        with fahras.Index.open(path) as idx:
            idx.add(fahras.Article(id="1", body="نص"))
            raise RuntimeError("boom")
    assert idx.closed
    fahras.Index.open(path).close()  # the lock was released


def test_read_only_context_manager(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    fahras.Index.open(path).close()
    with fahras.Index.open(path, "read_only") as idx:
        assert len(idx) == 0
    assert idx.closed


def test_closed_index_refuses_calls() -> None:
    idx = fahras.Index.in_memory()
    idx.close()
    idx.close()  # idempotent
    assert "closed" in repr(idx)
    with pytest.raises(fahras.InvalidArgumentError, match="closed"):
        idx.add(fahras.Article(id="1"))
    with pytest.raises(ValueError):
        len(idx)


def test_read_only_index_refuses_writes(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    fahras.Index.open(path).close()
    reader = fahras.Index.open(path, "read_only")
    with pytest.raises(fahras.InvalidArgumentError, match="read-only"):
        reader.add(fahras.Article(id="1"))
    with pytest.raises(fahras.InvalidArgumentError):
        reader.commit()


def test_second_writer_is_locked_out(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with fahras.Index.open(path):
        with pytest.raises(fahras.IndexLockedError):
            fahras.Index.open(path)
        # Readers are welcome while a writer holds the lock.
        fahras.Index.open(path, "read_only").close()


def test_analyzer_mismatch(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    unstemmed = fahras.AnalyzerOptions(stem=False)
    with fahras.Index.open(path, analyzer=unstemmed) as idx:
        idx.add(fahras.Article(id="1", body="نص"))
    with pytest.raises(fahras.AnalyzerMismatchError):
        fahras.Index.open(path)
    with pytest.raises(fahras.AnalyzerMismatchError):
        fahras.Index.open(path, "read_only")
    with fahras.Index.open(path, "read_only", fahras.IndexOptions(analyzer=unstemmed)) as idx:
        assert idx.analyzer.options.stem is False


def test_store_text_off_keeps_fields_but_not_text() -> None:
    idx = fahras.Index.in_memory(store_text=False)
    idx.add(fahras.Article(id="1", title="لافروف", body="قال لافروف", source="bbc", date="2015-07-21"))
    stored = idx.get("1")
    assert (stored.title, stored.body, stored.source, stored.date) == ("", "", "bbc", "2015-07-21")
    hit = fahras.Searcher(idx).search("لافروف").hits[0]
    assert hit.id == "1" and hit.snippet == ""


def test_invalid_articles() -> None:
    idx = fahras.Index.in_memory()
    with pytest.raises(fahras.InvalidArgumentError, match="empty"):
        idx.add(fahras.Article(id=""))
    with pytest.raises(ValueError):
        idx.add_batch([fahras.Article(id="ok"), fahras.Article(id="")])
    with pytest.raises(TypeError, match="title"):
        idx.add(fahras.Article(id="1", title=None))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="metadata"):
        idx.add(fahras.Article(id="1", metadata={"n": 1}))  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        fahras.Index.in_memory(no_such_option=1)
    with pytest.raises(TypeError):
        fahras.Index.in_memory(threads=-1)
    with pytest.raises(fahras.InvalidArgumentError, match="mode"):
        fahras.Index.open("/tmp/unused", "append")
    assert len(idx) == 0


def test_index_constructor_opens_a_directory(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with fahras.Index(path) as idx:  # writable by default, created if missing
        assert idx.writable and len(idx) == 0
        idx.add("1", "عنوان", "نص")
    with fahras.Index(str(path), writable=False) as idx:
        assert not idx.writable and len(idx) == 1
        with pytest.raises(fahras.InvalidArgumentError, match="read-only"):
            idx.add("2", "عنوان", "نص")
    with fahras.Index(path, overwrite=True) as idx:
        assert len(idx) == 0
    with pytest.raises(TypeError):
        fahras.Index(path, writable="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fahras.Index(path, writable=False, overwrite=True)
    with pytest.raises(TypeError):
        fahras.Index(path, no_such_option=1)


def test_concurrent_writes_and_searches_are_serialized(news: list[fahras.Article]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    idx = fahras.Index.in_memory()
    idx.add_batch(news)
    searcher = fahras.Searcher(idx)

    def write(i: int) -> None:
        idx.add(fahras.Article(id=f"t{i}", body=f"لافروف وكيري {i}"))

    def search(_: int) -> int:
        return len(searcher.search("كيري", limit=100))

    with ThreadPoolExecutor(4) as pool:
        writes = [pool.submit(write, i) for i in range(100)]
        counts = list(pool.map(search, range(100)))
        for w in writes:
            w.result()
    assert len(idx) == len(news) + 100
    assert all(count >= 4 for count in counts)
    assert ids(searcher.search("كيري", limit=200)).count("a5") == 1


def test_add_id_title_body_and_fields_round_trip() -> None:
    idx = fahras.Index.in_memory()
    idx.add("a1", "لافروف وكيري", "اجتمع كِيري ولافروف في جنيف", author="مراسل", source="aawsat",
            url="https://example.org/a1", date="2015-07-14", section="سياسة", metadata={"lang": "ar"})
    idx.add("a2", body="نص بلا عنوان")
    idx.add(7, "رقم")  # an int id is its decimal text
    assert len(idx) == 3
    assert idx.get("a1") == fahras.Article(
        id="a1", title="لافروف وكيري", body="اجتمع كِيري ولافروف في جنيف", author="مراسل", source="aawsat",
        url="https://example.org/a1", date="2015-07-14", metadata={"section": "سياسة", "lang": "ar"})
    assert idx.get("a2") == fahras.Article(id="a2", body="نص بلا عنوان")
    assert idx.get("7").title == "رقم"


def test_add_takes_an_article_or_a_dict_alone(news: list[fahras.Article]) -> None:
    idx = fahras.Index.in_memory()
    idx.add(news[0])
    idx.add({"_id": "d1", "text": "لافروف", "date_extracted": "2015-07-01"})
    assert idx.get("a1") == news[0]
    assert idx.get("d1") == fahras.Article(id="d1", body="لافروف", date="2015-07-01")
    with pytest.raises(TypeError, match="alone"):
        idx.add(news[1], "title")
    with pytest.raises(TypeError, match="alone"):
        idx.add({"id": "x"}, source="bbc")


def test_add_many_takes_dicts_keyed_like_json_lines() -> None:
    idx = fahras.Index.in_memory()
    documents = [
        {"_id": "1", "title": "لافروف", "text": "نص", "source": "bbc", "tags": "أ، ب"},
        {"id": 2, "content": "كيري", "date_extracted": "2015-07-21", "views": 12, "score": 0.5, "live": True},
        {"id": "3", "_id": "ignored", "body": "الأول", "text": "الثاني", "author": None, "metadata": {"k": "v"}},
    ]
    assert idx.add_many(iter(documents)) == 3
    assert idx.get("1") == fahras.Article(id="1", title="لافروف", body="نص", source="bbc",
                                          metadata={"tags": "أ، ب"})
    # Numbers, booleans, lists and dicts are stored as compact JSON, as the JSON Lines reader stores them.
    assert idx.get("2") == fahras.Article(id="2", body="كيري", date="2015-07-21",
                                          metadata={"views": "12", "score": "0.5", "live": "true"})
    idx.add_many([{"id": "4", "tags": ["سياسة", "روسيا"], "extra": {"n": 1}}])
    assert idx.get("4").metadata == {"tags": '["سياسة","روسيا"]', "extra": '{"n":1}'}
    # "id" wins over "_id"; the first body name present fills the body, a second one is metadata.
    assert idx.get("3") == fahras.Article(id="3", body="الأول", metadata={"text": "الثاني", "k": "v"})


def test_add_many_streams_batches_and_counts() -> None:
    idx = fahras.Index.in_memory()
    generated = ({"id": f"d{i}", "body": f"خبر رقم {i} عن لافروف"} for i in range(10))
    assert idx.add_many(generated, batch_size=3) == 10
    assert len(idx) == 10 and idx.get("d9").body == "خبر رقم 9 عن لافروف"
    assert idx.add_many([]) == 0
    assert idx.add_many([{"id": "big"}], batch_size=10**12) == 1  # nothing allocated up front for it
    mixed = [fahras.Article(id="x", title="مقال"), {"id": "y", "title": "قاموس"}]
    assert idx.add_many(mixed) == 2
    assert idx.get("x").title == "مقال" and idx.get("y").title == "قاموس"


def test_add_many_equals_the_json_lines_reader(news_jsonl: pathlib.Path) -> None:
    import json

    from_python = fahras.Index.in_memory()
    with news_jsonl.open(encoding="utf-8") as f:
        assert from_python.add_many(json.loads(line) for line in f) == 18
    from_reader = fahras.Index.in_memory()
    with fahras.JsonlReader(news_jsonl) as reader:
        from_reader.add_batch(reader)
    assert len(from_python) == len(from_reader) == 18
    for n in range(1, 19):
        id = f"news-{n:02d}"
        assert from_python.get(id) == from_reader.get(id)
    assert from_python.get("news-04").metadata == {"tags": '["داعش","العراق"]'}  # a list, as JSON


def test_add_many_bad_documents() -> None:
    idx = fahras.Index.in_memory()
    with pytest.raises(fahras.InvalidArgumentError, match="id"):
        idx.add_many([{"title": "بلا معرف"}])
    with pytest.raises(ValueError, match="empty"):
        idx.add_many([{"id": ""}])
    with pytest.raises(TypeError, match="title"):
        idx.add_many([{"id": "1", "title": 5}])
    with pytest.raises(TypeError, match="tags"):
        idx.add_many([{"id": "1", "tags": {1, 2}}])  # a set: not JSON
    with pytest.raises(TypeError, match="keys"):
        idx.add_many([{"id": "1", 3: "x"}])
    with pytest.raises(TypeError, match="id"):
        idx.add_many([{"id": 1.5}])
    with pytest.raises(TypeError):
        idx.add_many([["not", "a", "dict"]])
    with pytest.raises(TypeError):
        idx.add_many(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_size"):
        idx.add_many([], batch_size=0)
    assert len(idx) == 0
    # The batches before a bad document are added; the bad one's batch is not.
    good = [{"id": str(i)} for i in range(4)]
    with pytest.raises(TypeError):
        idx.add_many([*good, {"id": "bad", "body": b"bytes"}], batch_size=2)
    assert len(idx) == 4


def test_delete_and_len() -> None:
    idx = fahras.Index.in_memory()
    idx.add_many({"id": str(i), "body": "لافروف"} for i in range(5))
    assert len(idx) == 5
    assert idx.delete("3") is True
    assert idx.delete("3") is False
    assert len(idx) == 4 and "3" not in idx
    assert [h.id for h in idx.search("لافروف", hits=10) if h.id == "3"] == []


def test_search_sees_commits(tmp_path: pathlib.Path) -> None:
    with fahras.Index(tmp_path / "idx") as idx:
        idx.add("1", "لافروف", "")
        assert len(idx.search("لافروف")) == 0  # on disk, search sees the last commit
        idx.commit()
        assert ids(idx.search("لافروف")) == ["1"]
        idx.delete("1")
        idx.add("2", "ولافروف", "")
        idx.commit()
        assert ids(idx.search("لافروف")) == ["2"]
    with pytest.raises(ValueError, match="closed"):
        idx.search("لافروف")
    memory = fahras.Index.in_memory()
    memory.add("1", "لافروف", "")
    assert ids(memory.search("لافروف")) == ["1"]  # in memory, at once


def test_reader_sees_a_writers_commits_after_reopen(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with fahras.Index(path) as writer, fahras.Index(path, writable=False) as reader:
        writer.add("1", "لافروف", "")
        writer.commit()
        assert len(reader.search("لافروف")) == 0
        reader.reopen()
        assert ids(reader.search("لافروف")) == ["1"]


def test_text_of_every_width_round_trips_as_equal_str() -> None:
    # ASCII, Latin-1, Arabic, other BMP scripts and astral characters come back equal to what went in,
    # stored as compactly as Python's own strings (a hand-written decoder serves the first three).
    import sys

    texts = ["abc", "café ü", "لافروف", "€ 中文", "😀 لا", "ÿĀ", "", "Ā", "\x7f\x80"]
    idx = fahras.Index.in_memory()
    for i, text in enumerate(texts):
        idx.add(str(i), text, "نص " + text)
    for i, text in enumerate(texts):
        stored = idx.get(str(i))
        assert stored.title == text and stored.body == "نص " + text
        assert sys.getsizeof(stored.title) == sys.getsizeof(text.encode().decode())
    assert {hit.title for hit in idx.search("نص", hits=20)} == set(texts)
