"""fahras.read_articles: every kind of file `fahras index` reads, through the library's ArticleReader,
with bad records reported by file and line; and the one record mapping shared with Index.add_many."""

from __future__ import annotations

import json
import pathlib
import warnings
import zipfile

import pytest

import fahras

SAUDINEWSNET = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "saudinewsnet"


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lines_with_bad_records_reported_by_file_and_line(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "news.jsonl", '{"_id": "1", "text": "كيري"}\n{bad\n\n{"_id": "x", "title": 5}\n{"_id": 2}\n')
    with pytest.warns(fahras.BadRecordWarning) as caught:
        reader = fahras.read_articles(path)
        articles = list(reader)
    assert [a.id for a in articles] == ["1", "2"]
    assert articles[0] == fahras.Article(id="1", body="كيري")
    assert [str(w.message) for w in caught] == [
        f"{path}: line 2: not valid JSON ({json_error(caught[0])}) (skipped)",
        f"{path}: line 4: the \"title\" field must be a string, not an integer (skipped)",
    ]
    assert [(b.file, b.line) for b in reader.bad_records] == [(str(path), 2), (str(path), 4)]


def json_error(warning: warnings.WarningMessage) -> str:
    r"""The parser's own words inside "not valid JSON (...)"."""
    text = str(warning.message)
    return text[text.index("(") + 1:text.rindex(") (skipped)")]


def test_strict_raises_record_error_with_file_and_line_and_can_go_on(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "news.jsonl", '{"_id": "1"}\n{"_id": ""}\n{"_id": "3"}\n')
    reader = fahras.read_articles(path, strict=True)
    assert next(reader).id == "1"
    with pytest.raises(fahras.RecordError, match="line 2: the id is empty") as error:
        next(reader)
    assert error.value.file == str(path) and error.value.line == 2
    assert isinstance(error.value, ValueError)
    assert next(reader).id == "3"


def test_a_too_long_id_is_a_bad_record() -> None:
    assert fahras.MAX_ID_BYTES == 200
    idx = fahras.Index.in_memory()
    with pytest.raises(fahras.RecordError, match="201 bytes"):
        idx.add({"id": "x" * 201})
    idx.add({"id": "x" * 200})
    assert len(idx) == 1


def test_a_json_array_and_a_text_file(tmp_path: pathlib.Path) -> None:
    array = write(tmp_path / "2015-07-23.json", json.dumps([{"title": "أول", "content": "نص"}, {"_id": "own"}]))
    assert [a.id for a in fahras.read_articles(array)] == ["2015-07-23-1", "own"]
    text = write(tmp_path / "seed.txt", "العنوان\nالنص")
    assert list(fahras.read_articles(text)) == [fahras.Article(id="seed", title="العنوان", body="النص")]
    with pytest.warns(fahras.BadRecordWarning, match="line 1: not valid JSON"):
        assert [a.id for a in fahras.read_articles(text, format="jsonl")] == []  # not JSON: bad lines
    with pytest.raises(fahras.InvalidArgumentError, match="format"):
        fahras.read_articles(text, format="xml")


def test_a_zip_archive_and_its_notices(tmp_path: pathlib.Path) -> None:
    archive = tmp_path / "okaz.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("okaz/2015-07-21.json", json.dumps([{"title": "كيري"}, {"title": "لافروف"}], ensure_ascii=False))
        z.writestr("README.txt", "not articles")
    reader = fahras.read_articles(archive)
    assert [a.id for a in reader] == ["2015-07-21-1", "2015-07-21-2"]
    assert reader.notices == [f"{archive}(README.txt): skipped (only .json, .jsonl and .ndjson entries hold articles)"]
    idx = fahras.Index.in_memory()
    assert idx.add_many(fahras.read_articles(archive)) == 2


def test_files_that_cannot_be_read(tmp_path: pathlib.Path) -> None:
    with pytest.raises(fahras.InputFileError, match="cannot read"):
        fahras.read_articles(tmp_path / "missing.jsonl")
    with pytest.raises(fahras.InputFileError, match="directory"):
        fahras.read_articles(tmp_path)
    with pytest.raises(fahras.InputFileError, match="zip archive"):
        fahras.read_articles(write(tmp_path / "broken.zip", "PK not a zip"))
    assert issubclass(fahras.InputFileError, OSError)


def test_dicts_and_files_map_records_the_same_way(tmp_path: pathlib.Path) -> None:
    records = [
        {"id": None, "_id": 7, "title": "عنوان", "body": "الأول", "text": "الثاني", "views": 3, "live": True},
        {"id": "m", "metadata": {"k": "v", "n": 1}, "k": "top", "tags": ["أ", "ب"], "score": 0.5},
    ]
    path = write(tmp_path / "r.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    from_file = fahras.Index.in_memory()
    from_file.add_many(fahras.read_articles(path))
    from_dicts = fahras.Index.in_memory()
    from_dicts.add_many(records)
    for id in ("7", "m"):
        assert from_file.get(id) == from_dicts.get(id)
    assert from_dicts.get("7") == fahras.Article(id="7", title="عنوان", body="الأول",
                                                 metadata={"text": "الثاني", "views": "3", "live": "true"})
    assert from_dicts.get("m").metadata == {"k": "v", "n": "1", "tags": '["أ","ب"]', "score": "0.5"}


@pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason=f"SaudiNewsNet is not in {SAUDINEWSNET}")
def test_every_article_of_a_saudinewsnet_zip() -> None:
    archives = sorted(SAUDINEWSNET.glob("*.zip"))
    if not archives:
        pytest.skip(f"no .zip file in {SAUDINEWSNET}")
    archive = archives[0]
    expected = 0
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            if name.endswith(".json"):
                expected += len(json.loads(z.read(name)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", fahras.BadRecordWarning)  # SaudiNewsNet has no bad record
        articles = list(fahras.read_articles(archive))
    assert len(articles) == expected > 0
    assert len({a.id for a in articles}) == expected
    assert all(a.body or a.title for a in articles)
