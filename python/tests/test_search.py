"""fahras.Searcher: name variants, snippets, phrases, filters, sorting, facets, paging."""

from __future__ import annotations

import datetime
import pathlib

import pytest

import fahras
from conftest import ids


def test_lavrov_is_found_with_proclitics(searcher: fahras.Searcher) -> None:
    results = searcher.search("لافروف")
    assert set(ids(results)) == {"a1", "a2", "a3"}
    assert results.estimated_total == 3
    assert [hit.rank for hit in results] == [1, 2, 3]
    scores = [hit.score for hit in results]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0


def test_query_with_proclitic_finds_the_bare_name(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search("ولافروف"))) == {"a1", "a2", "a3"}


def test_kerry_is_found_with_harakat_and_proclitics(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search("كيري"))) == {"a1", "a2", "a3", "a5"}
    assert set(ids(searcher.search("كِيري"))) == {"a1", "a2", "a3", "a5"}


def test_hits_carry_the_stored_fields(searcher: fahras.Searcher, news: list[fahras.Article]) -> None:
    hit = next(h for h in searcher.search("فيينا") if h.id == "a1")
    a1 = news[0]
    assert (hit.title, hit.author, hit.source, hit.url, hit.date, hit.metadata) == (
        a1.title,
        a1.author,
        a1.source,
        a1.url,
        a1.date,
        a1.metadata,
    )


def test_snippet_highlights_the_original_form(searcher: fahras.Searcher) -> None:
    snippets = {hit.id: hit.snippet for hit in searcher.search("لافروف")}
    assert "<b>ولافروف</b>" in snippets["a2"]
    assert "<b>بلافروف</b>" in snippets["a3"]
    assert "<b>لافروف</b>" in snippets["a1"]
    kerry = {hit.id: hit.snippet for hit in searcher.search("كيري")}
    assert "<b>كِيري</b>" in kerry["a2"]  # harakat kept in the snippet


def test_snippet_options(searcher: fahras.Searcher) -> None:
    hit = searcher.search("لافروف", highlight=("[", "]")).hits[0]
    assert "[" in hit.snippet and "<b>" not in hit.snippet
    assert all(hit.snippet == "" for hit in searcher.search("لافروف", snippets=False))
    short = searcher.search("الخارجية", snippet_length=20).hits[0].snippet
    long = searcher.search("الخارجية", snippet_length=500).hits[0].snippet
    assert len(short) <= len(long)


def test_phrase_query(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search('"جون كيري"'))) == {"a1", "a3", "a5"}
    assert ids(searcher.search('"كيري جون"')) == []


def test_phrase_matches_variants_of_each_word(searcher: fahras.Searcher) -> None:
    # كِيري ولافروف in a2: harakat and the conjunction do not break the phrase; كيري بلافروف in a3 is
    # the same two words in sequence, the second behind a preposition.
    for query in ('"كيري لافروف"', '"كِيري لافروف"'):
        results = searcher.search(query)
        assert set(ids(results)) == {"a2", "a3"}, query
        assert "<b>كِيري</b> <b>ولافروف</b>" in results.hits[0].snippet + results.hits[1].snippet


def test_unbalanced_syntax_is_not_an_error(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search("لافروف)"))) == {"a1", "a2", "a3"}
    assert set(ids(searcher.search('"جون كيري'))) == {"a1", "a3", "a5"}
    assert ids(searcher.search('"')) == []


def test_required_and_excluded_words(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search("كيري -لافروف"))) == {"a5"}
    assert set(ids(searcher.search("كيري NOT لافروف"))) == {"a5"}
    assert set(ids(searcher.search("+جنيف كيري"))) == {"a2"}
    assert set(ids(searcher.search("النفط OR القاهرة"))) == {"a4", "a5"}


def test_field_filters(searcher: fahras.Searcher) -> None:
    assert set(ids(searcher.search("كيري source:bbc"))) == {"a5"}
    assert set(ids(searcher.search("title:النفط"))) == {"a4"}
    assert ids(searcher.search("author:مراسل")) == ["a1"]


def test_date_range(searcher: fahras.Searcher) -> None:
    july = searcher.search("كيري", date_from="2015-07-01", date_to="2015-07-31")
    assert set(ids(july)) == {"a1", "a2"}
    same = searcher.search("كيري", date_from=datetime.date(2015, 7, 1), date_to=datetime.date(2015, 7, 31))
    assert ids(same) == ids(july)
    assert set(ids(searcher.search("كيري", date_from="2015-08"))) == {"a3", "a5"}
    assert set(ids(searcher.search("كيري", date_to="2015-07-14"))) == {"a2"}  # inclusive, time ignored
    with pytest.raises(TypeError):
        searcher.search("كيري", date_from=20150701)  # type: ignore[arg-type]


def test_sort_by_date(searcher: fahras.Searcher) -> None:
    assert ids(searcher.search("كيري", sort="date")) == ["a5", "a3", "a1", "a2"]
    assert ids(searcher.search("كيري", sort="date_asc")) == ["a2", "a1", "a3", "a5"]
    with pytest.raises(fahras.InvalidArgumentError, match="sort"):
        searcher.search("كيري", sort="newest")


def test_facets(searcher: fahras.Searcher) -> None:
    results = searcher.search("كيري", facets=True)
    assert results.source_counts == {"aawsat": 2, "alarabiya": 1, "bbc": 1}
    assert list(results.source_counts)[0] == "aawsat"  # most first
    assert searcher.search("كيري").source_counts == {}


def test_paging(searcher: fahras.Searcher) -> None:
    everything = ids(searcher.search("كيري", sort="date"))
    page1 = searcher.search("كيري", limit=2, sort="date")
    page2 = searcher.search("كيري", limit=2, offset=2, sort="date")
    assert ids(page1) + ids(page2) == everything
    assert [hit.rank for hit in page2] == [3, 4]
    # An estimate (Xapian stops counting early) unless every match is counted, as facets do.
    assert 4 <= page2.estimated_total <= 5
    assert searcher.search("كيري", limit=2, offset=2, facets=True).estimated_total == 4
    assert len(searcher.search("كيري", limit=0)) == 0


def test_empty_and_stopword_queries(searcher: fahras.Searcher) -> None:
    assert len(searcher.search("")) == 0
    results = searcher.search("في من")  # stopwords alone are searched, never an empty query
    assert len(results) > 0
    assert results.ignored == []
    assert searcher.search("لافروف في").ignored == ["في"]


def test_suggestion(searcher: fahras.Searcher) -> None:
    assert searcher.search("لافروف").suggestion is None
    results = searcher.search("لافرزف")
    assert len(results) == 0
    assert results.suggestion == "لافروف"
    assert searcher.search("لافرزف", suggest=False).suggestion is None


def test_results_are_a_sequence_of_hits(searcher: fahras.Searcher) -> None:
    results = searcher.search("كيري")
    assert len(results) == 4
    assert results[0] is results.hits[0]
    assert list(results) == results.hits


def test_invalid_requests(searcher: fahras.Searcher) -> None:
    with pytest.raises(fahras.InvalidArgumentError, match="limit"):
        searcher.search("كيري", limit=20000)
    with pytest.raises(ValueError):
        searcher.search("كيري", limit=-1)
    with pytest.raises(TypeError):
        fahras.Searcher("not an index")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fahras.Searcher(fahras.Index.in_memory(), kone=1.0)


def test_ranking_options(index: fahras.Index) -> None:
    default = fahras.Searcher(index).search("لافروف")
    tuned = fahras.Searcher(index, fahras.RankingOptions(k1=2.0), b=0.3).search("لافروف")
    assert set(ids(default)) == set(ids(tuned))
    assert [h.score for h in default] != [h.score for h in tuned]


def test_question_b_ranks_questions_only(index: fahras.Index) -> None:
    def scores(query: str, **ranking: float) -> list[float]:
        return [h.score for h in fahras.Searcher(index, **ranking).search(query)]

    question = "متى التقى لافروف كيري"  # متى: a question word, so question_b applies
    assert scores(question, b=0.3, question_b=1.0) == scores(question, b=1.0, question_b=1.0)
    assert scores(question, b=0.3, question_b=1.0) != scores(question, b=0.3, question_b=0.3)
    assert scores("لافروف", b=0.3, question_b=1.0) == scores("لافروف", b=0.3, question_b=0.3)


def test_lone_word_exact_weight_ranks_one_word_queries_only() -> None:
    idx = fahras.Index.in_memory()
    winner = ("أعلنت اللجنة اسم الفائز بالجائزة وقالت إن فائز هذا العام كتب روايته في سنتين"
              " وسيتسلم فائز الجائزة شهادة وسيكرم كل فائز في حفل")  # فائز (winner) four times
    idx.add(fahras.Article(id="word", title="خبر", body=winner))
    idx.add(fahras.Article(id="name", title="خبر", body="استقبل الوزير فايز الحسن وفدا من رجال الأعمال في مكتبه بالعاصمة أمس"))
    idx.commit()

    def search(query: str, **ranking: float) -> list[tuple[str, float]]:
        return [(h.id, h.score) for h in fahras.Searcher(idx, **ranking).search(query)]

    # One word: its own spelling (فايز, the name) outranks the folded common word فائز by default.
    assert [i for i, _ in search("فايز")] == ["name", "word"]
    assert [i for i, _ in search("فايز", lone_word_exact_weight=0.2)] == ["word", "name"]
    # Two words: the weight does not apply.
    assert search("فايز الحسن", lone_word_exact_weight=0.2) == search("فايز الحسن", lone_word_exact_weight=10)


def test_exact_form_outranks_stripped_form() -> None:
    idx = fahras.Index.in_memory(title_weight=1)
    idx.add(fahras.Article(id="exact", body="وصل لافروف إلى المدينة"))
    idx.add(fahras.Article(id="clitic", body="وصل ولافروف إلى المدينة"))
    assert ids(fahras.Searcher(idx).search("ولافروف")) == ["clitic", "exact"]


def test_searcher_on_disk_sees_commits_after_reopen(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    path = tmp_path / "idx"
    writer = fahras.Index.open(path)
    writer.add(news[0])
    writer.commit()
    searcher = fahras.Searcher(writer)
    assert ids(searcher.search("لافروف")) == ["a1"]
    writer.add(news[1])
    assert ids(searcher.search("لافروف")) == ["a1"]  # uncommitted
    writer.commit()
    searcher.reopen()
    assert set(ids(searcher.search("لافروف"))) == {"a1", "a2"}
    writer.close()
    # The searcher keeps its own handle, and not the writer's lock.
    assert len(searcher.search("لافروف")) == 2
    fahras.Index.open(path).close()


def test_in_memory_searcher_outlives_its_index(news: list[fahras.Article]) -> None:
    idx = fahras.Index.in_memory()
    idx.add_batch(news)
    searcher = fahras.Searcher(idx)
    del idx
    import gc

    gc.collect()
    assert set(ids(searcher.search("لافروف"))) == {"a1", "a2", "a3"}


def test_in_memory_searcher_sees_changes_at_once(index: fahras.Index, searcher: fahras.Searcher) -> None:
    index.add(fahras.Article(id="new", body="لافروف في موسكو"))
    assert "new" in ids(searcher.search("لافروف"))


def test_parallel_searchers_release_the_gil(tmp_path: pathlib.Path, news: list[fahras.Article]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "idx"
    with fahras.Index.open(path) as idx:
        idx.add_batch(news * 1)
    reader = fahras.Index.open(path, "read_only")
    expected = ids(fahras.Searcher(reader).search("كيري"))

    def run(_: int) -> list[str]:
        searcher = fahras.Searcher(fahras.Index.open(path, "read_only"))
        return [hit.id for _ in range(20) for hit in searcher.search("كيري")]

    with ThreadPoolExecutor(4) as pool:
        for result in pool.map(run, range(8)):
            assert result == expected * 20
