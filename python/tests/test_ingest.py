"""Ingest: to_utf8 with legacy encodings, JsonlReader, read_text_article."""

from __future__ import annotations

import json
import pathlib

import pytest

import fahras

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن محادثاته مع جون كيري كانت بناءة."


@pytest.mark.parametrize("encoding", ["windows-1256", "cp1256", "iso-8859-6", "utf-8"])
def test_to_utf8_decodes_what_python_encodes(encoding: str) -> None:
    text = TEXT if encoding != "iso-8859-6" else "قال لافروف إن كيري"  # ISO-8859-6 lacks some letters
    assert fahras.to_utf8(text.encode(encoding), encoding) == text


def test_to_utf8_accepts_buffers() -> None:
    data = TEXT.encode("cp1256")
    assert fahras.to_utf8(bytearray(data), "windows-1256") == TEXT
    assert fahras.to_utf8(memoryview(data), "windows-1256") == TEXT


def test_to_utf8_errors() -> None:
    with pytest.raises(fahras.InvalidArgumentError, match="encoding"):
        fahras.to_utf8(b"abc", "no-such-encoding")
    with pytest.raises(fahras.InvalidArgumentError):
        fahras.to_utf8(b"abc", "")
    with pytest.raises(TypeError):
        fahras.to_utf8("str, not bytes", "utf-8")  # type: ignore[arg-type]
    # Invalid UTF-8 passes through the library and becomes U+FFFD in Python.
    assert fahras.to_utf8(b"ab\xffcd", "utf-8") == "ab\ufffdcd"


def test_is_valid_utf8() -> None:
    assert fahras.is_valid_utf8(TEXT.encode())
    assert not fahras.is_valid_utf8(TEXT.encode("cp1256"))


def write_jsonl(path: pathlib.Path, lines: list[str], encoding: str = "utf-8") -> pathlib.Path:
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def test_jsonl_reader_maps_fields(tmp_path: pathlib.Path) -> None:
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            json.dumps({"_id": "n1", "title": "لافروف", "text": TEXT, "source": "aawsat", "date": "2015-07-21",
                        "section": "سياسة"}, ensure_ascii=False),
            "",
            json.dumps({"id": "n2", "content": "كيري", "url": "https://example.org/n2"}),
        ],
    )
    with fahras.JsonlReader(path) as reader:
        articles = list(reader)
        assert reader.line_number == 3
    assert articles == [
        fahras.Article(id="n1", title="لافروف", body=TEXT, source="aawsat", date="2015-07-21",
                       metadata={"section": "سياسة"}),
        fahras.Article(id="n2", body="كيري", url="https://example.org/n2"),
    ]


def test_jsonl_reader_in_windows_1256(tmp_path: pathlib.Path) -> None:
    line = json.dumps({"id": "n1", "title": "لافروف", "body": TEXT}, ensure_ascii=False)
    path = write_jsonl(tmp_path / "legacy.jsonl", [line], "cp1256")
    (article,) = fahras.JsonlReader(path, "windows-1256")
    assert article.title == "لافروف" and article.body == TEXT


def test_jsonl_reader_continues_after_a_bad_line(tmp_path: pathlib.Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", ['{"id": "1"}', "{not json", '{"title": "no id"}', '{"id": "4"}'])
    reader = fahras.JsonlReader(path)
    assert next(reader).id == "1"
    with pytest.raises(fahras.InvalidArgumentError, match="line 2"):
        next(reader)
    with pytest.raises(fahras.InvalidArgumentError, match="line 3"):
        next(reader)
    assert next(reader).id == "4"
    with pytest.raises(StopIteration):
        next(reader)


def test_jsonl_reader_missing_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        fahras.JsonlReader(tmp_path / "missing.jsonl")
    with pytest.raises(IsADirectoryError):
        fahras.JsonlReader(tmp_path)


def test_jsonl_reader_close_ends_iteration(tmp_path: pathlib.Path) -> None:
    path = write_jsonl(tmp_path / "n.jsonl", ['{"id": "1"}', '{"id": "2"}'])
    reader = fahras.JsonlReader(path)
    next(reader)
    reader.close()
    assert list(reader) == []


def test_jsonl_into_index_and_search(tmp_path: pathlib.Path) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "body": body}, ensure_ascii=False)
        for i, body in enumerate(["اجتمع كِيري ولافروف في جنيف", "ارتفعت أسعار النفط", "اتصل كيري بلافروف"])
    ]
    path = write_jsonl(tmp_path / "n.jsonl", lines)
    idx = fahras.Index.in_memory()
    idx.add_batch(fahras.JsonlReader(path))
    hits = fahras.Searcher(idx).search("لافروف").hits
    assert sorted(hit.id for hit in hits) == ["n0", "n2"]


def test_read_text_article(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(("\n\nلافروف وكيري\n" + TEXT + "\n").encode("cp1256"))
    article = fahras.read_text_article(path, "t1", "windows-1256")
    assert article.id == "t1"
    assert article.title == "لافروف وكيري"
    assert TEXT in article.body
    with pytest.raises(fahras.IndexAccessError):
        fahras.read_text_article(tmp_path / "missing.txt", "t2")


def test_version() -> None:
    assert fahras.__version__.count(".") == 2
