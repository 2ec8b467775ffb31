"""fahras.SearchResults.also_written: the other spellings of a name, offered beside the hits."""

from __future__ import annotations

import fahras
from conftest import ids

# Short news sentences written for this test: ترامب in three articles, ترمب in one.
BODIES = [
    "قال الرئيس ترامب إن المحادثات مثمرة",
    "وصل ترامب إلى العاصمة مساء أمس",
    "انتقد ترامب قرار المحكمة في خطاب",
    "التقى ترمب رئيس الوزراء في واشنطن",
    "جولة كيري الأخيرة",
    "جسر كبري المدينة وكبري النهر",
]


def names_searcher() -> fahras.Searcher:
    index = fahras.Index.in_memory()
    index.add_batch([fahras.Article(id=f"d{i}", title="خبر", body=body) for i, body in enumerate(BODIES, 1)])
    index.commit()
    return fahras.Searcher(index)


def test_the_rare_spelling_is_offered_the_common_one_and_the_hits_do_not_change() -> None:
    searcher = names_searcher()
    results = searcher.search("ترمب")
    assert results.also_written == [("ترمب", "ترامب", 3)]
    assert ids(results) == ["d4"]
    assert ids(searcher.search("ترمب", also_written=False)) == ["d4"]


def test_no_offer_when_switched_off_or_for_a_look_alike() -> None:
    searcher = names_searcher()
    assert searcher.search("ترمب", also_written=False).also_written == []
    assert searcher.search("كيري").also_written == []
    assert searcher.search("ترامب").also_written == []
