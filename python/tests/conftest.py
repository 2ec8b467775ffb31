"""Shared fixtures of the fahras Python tests: a small news corpus written with clitics and variants.

Run with the package on the path, e.g. ``PYTHONPATH=build/python /usr/bin/python3 -m pytest -q python/tests``.
"""

from __future__ import annotations

import dataclasses
import pathlib

import pytest

import fahras

# Lavrov and Kerry as the news writes them: bare, with proclitics (ولافروف, بلافروف) and with harakat
# (كِيري). Dates and sources are chosen so that every date order and source count is distinct.
NEWS = [
    fahras.Article(
        id="a1",
        title="لافروف وكيري يبحثان الأزمة السورية",
        body="قال وزير الخارجية الروسي سيرغي لافروف إن محادثاته مع جون كيري في فيينا كانت بناءة.",
        author="مراسل الشرق الأوسط",
        source="aawsat",
        url="https://example.org/a1",
        date="2015-07-21",
        metadata={"section": "سياسة"},
    ),
    fahras.Article(
        id="a2",
        title="اجتماع في جنيف",
        body="اجتمع كِيري ولافروف في جنيف لبحث الملف النووي الإيراني.",
        source="alarabiya",
        date="2015-07-14T09:30:00",
    ),
    fahras.Article(
        id="a3",
        title="اتصال هاتفي",
        body="اتصل جون كيري بلافروف هاتفيا لمناقشة وقف إطلاق النار.",
        source="aawsat",
        date="2015-08-02",
    ),
    fahras.Article(
        id="a4",
        title="أسعار النفط",
        body="ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك.",
        source="bbc",
        date="2015-06-30",
    ),
    fahras.Article(
        id="a5",
        title="زيارة إلى القاهرة",
        body="وزير الخارجية الأمريكي جون كيري يزور القاهرة الأسبوع المقبل.",
        source="bbc",
        date="2015-09-10",
    ),
]


@pytest.fixture
def news() -> list[fahras.Article]:
    """Fresh copies of the corpus (tests may change them)."""
    return [dataclasses.replace(a, metadata=dict(a.metadata)) for a in NEWS]


@pytest.fixture
def index(news: list[fahras.Article]) -> fahras.Index:
    """An in-memory index holding the corpus."""
    idx = fahras.Index.in_memory()
    idx.add_batch(news)
    idx.commit()
    return idx


@pytest.fixture
def searcher(index: fahras.Index) -> fahras.Searcher:
    return fahras.Searcher(index)


def ids(results: fahras.SearchResults) -> list[str]:
    """Hit ids in rank order."""
    return [hit.id for hit in results]


FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures"


@pytest.fixture
def news_jsonl() -> pathlib.Path:
    """18 news articles as BEIR JSON Lines (_id, title, text, author, source, url, date, tags)."""
    return FIXTURES / "news_sample.jsonl"
