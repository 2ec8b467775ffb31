"""Index.search: hits and offset, the total estimate, date and source filters, sort, Hit fields."""

from __future__ import annotations

import datetime
import pathlib

import pytest

import fahras
from conftest import ids


@pytest.fixture
def news_index(news: list[fahras.Article]) -> fahras.Index:
    idx = fahras.Index.in_memory()
    idx.add_many(news)
    return idx


def test_search_returns_hits_and_the_total(news_index: fahras.Index) -> None:
    results = news_index.search("كيري")
    assert isinstance(results, fahras.SearchResults)
    assert set(ids(results)) == {"a1", "a2", "a3", "a5"}
    assert results.total == results.estimated_total == 4
    assert [hit.rank for hit in results] == [1, 2, 3, 4]
    assert all(isinstance(hit, fahras.Hit) and hit.score > 0 for hit in results)


def test_hits_and_offset_page_through_the_results(news_index: fahras.Index) -> None:
    everything = ids(news_index.search("كيري", sort="date"))
    first = news_index.search("كيري", hits=3, sort="date")
    rest = news_index.search("كيري", hits=3, offset=3, sort="date")
    assert len(first) == 3 and ids(first) + ids(rest) == everything
    assert [hit.rank for hit in rest] == [4]
    assert first.total >= 4  # an estimate of every match, not the page
    assert len(news_index.search("كيري", hits=0)) == 0


def test_hit_carries_title_snippet_and_fields(news_index: fahras.Index, news: list[fahras.Article]) -> None:
    hit = next(h for h in news_index.search("فيينا") if h.id == "a1")
    a1 = news[0]
    assert hit.title == a1.title
    assert "<b>" in hit.snippet
    assert hit.fields == {"author": a1.author, "source": "aawsat", "url": a1.url, "date": "2015-07-21",
                          "section": "سياسة"}
    bare = news_index.search("الإيراني").hits[0]
    assert bare.fields == {"source": "alarabiya", "date": "2015-07-14T09:30:00"}  # empty fields left out


def test_fields_off_gives_ids_ranks_and_scores_only(news_index: fahras.Index) -> None:
    full = news_index.search("كيري")
    lean = news_index.search("كيري", fields=False)
    assert [(h.id, h.rank, h.score) for h in lean] == [(h.id, h.rank, h.score) for h in full]
    assert all(h.title == "" and h.snippet == "" and h.fields == {} for h in lean)


def test_date_range_filter(news_index: fahras.Index) -> None:
    assert set(ids(news_index.search("كيري", date_from="2015-07-01", date_to="2015-07-31"))) == {"a1", "a2"}
    assert set(ids(news_index.search("كيري", date_from=datetime.date(2015, 8, 1)))) == {"a3", "a5"}
    assert set(ids(news_index.search("كيري", date_to="2015-07-14"))) == {"a2"}


def test_source_filter(news_index: fahras.Index) -> None:
    assert set(ids(news_index.search("كيري", source="aawsat"))) == {"a1", "a3"}
    assert set(ids(news_index.search("كيري", source="AAWSAT"))) == {"a1", "a3"}  # normalized as source: is
    assert set(ids(news_index.search("كيري", source=["bbc", "alarabiya"]))) == {"a2", "a5"}
    assert ids(news_index.search("كيري", source="nowhere")) == []
    both = news_index.search("كيري", source="aawsat", date_from="2015-08-01")
    assert ids(both) == ["a3"]
    # The filter keeps the scores of what it keeps.
    scores = {h.id: h.score for h in news_index.search("كيري")}
    assert all(h.score == pytest.approx(scores[h.id]) for h in news_index.search("كيري", source="aawsat"))


def test_sort(news_index: fahras.Index) -> None:
    assert ids(news_index.search("كيري", sort="date")) == ["a5", "a3", "a1", "a2"]
    assert ids(news_index.search("كيري", sort="date_asc")) == ["a2", "a1", "a3", "a5"]
    relevance = news_index.search("كيري", sort="relevance")
    assert [h.score for h in relevance] == sorted((h.score for h in relevance), reverse=True)


def test_name_queries_find_every_written_form() -> None:
    idx = fahras.Index.in_memory()
    idx.add_many([
        {"id": "plain", "body": "قال لافروف إن المحادثات بناءة"},
        {"id": "waw", "body": "اجتمع كيري ولافروف في جنيف"},
        {"id": "lam", "body": "قدمت الدعوة للافروف أمس"},
        {"id": "harakat", "body": "صرّح لَافْرُوف للصحفيين"},
        {"id": "other", "body": "ارتفعت أسعار النفط"},
    ])
    for query in ("لافروف", "ولافروف", "لَافْرُوف"):
        assert set(ids(idx.search(query))) == {"plain", "waw", "lam", "harakat"}, query
    assert "<b>لَافْرُوف</b>" in next(h.snippet for h in idx.search("لافروف") if h.id == "harakat")


def test_bad_search_arguments_are_value_or_type_errors(news_index: fahras.Index) -> None:
    for kwargs in ({"hits": 20000}, {"hits": -1}, {"offset": -1}, {"sort": "newest"}, {"source": []}):
        with pytest.raises(ValueError):
            news_index.search("كيري", **kwargs)
        with pytest.raises(fahras.InvalidArgumentError):
            news_index.search("كيري", **kwargs)
    with pytest.raises(TypeError):
        news_index.search(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        news_index.search("كيري", hits="10")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        news_index.search("كيري", source=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        news_index.search("كيري", date_from=20150701)  # type: ignore[arg-type]
    assert len(news_index.search('"جون كيري')) > 0  # unbalanced syntax is closed, never an error


def test_round_trip_on_disk(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    path = tmp_path / "news.idx"
    with fahras.Index(path) as idx:
        for a in news:
            idx.add(a.id, a.title, a.body, author=a.author, source=a.source, url=a.url, date=a.date, **a.metadata)
    with fahras.Index(path, writable=False) as idx:
        assert len(idx) == len(news)
        for a in news:
            assert idx.get(a.id) == a
        hit = next(h for h in idx.search("لافروف فيينا") if h.id == "a1")
        assert (hit.title, hit.fields["section"], hit.fields["source"]) == (news[0].title, "سياسة", "aawsat")
