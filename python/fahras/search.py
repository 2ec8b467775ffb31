r"""Search: ranking options, hits and results, and the :class:`Searcher`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, Union

from . import _fahras
from ._fahras import InvalidArgumentError
from ._native import DateLike, iso_date, non_negative, to_native, with_overrides

if TYPE_CHECKING:
    from .index import Index

SortOrder = Literal["relevance", "date", "date_asc"]
_RANKING = _fahras.RankingOptions()  # the C++ defaults, which the dataclass takes


@dataclass
class RankingOptions:
    r"""The ranking model's parameters; the defaults (the C++ library's own) were tuned on arqa-dev and
    names-dev together (bench/README.md)."""

    k1: float = _RANKING.k1
    r"""BM25 term-frequency saturation."""
    b: float = _RANKING.b
    r"""BM25 length normalization."""
    length_norm_floor: float = _RANKING.length_norm_floor
    r"""Lower bound of document length / average length in BM25."""
    form_weight: float = _RANKING.form_weight
    r"""The word in any spelling, behind a conjunction or preposition (كيري, كيرى, وكيري)."""
    exact_weight: float = _RANKING.exact_weight
    r"""Bonus for the query's own spelling (علي over على)."""
    lone_word_exact_weight: float = _RANKING.lone_word_exact_weight
    r"""exact_weight for a query of one word: its spelling is the only evidence (علي before على)."""
    article_weight: float = _RANKING.article_weight
    r"""The word behind the article too (الكاميرون for كاميرون)."""
    strip_weight: float = _RANKING.strip_weight
    r"""The remainder of a query word that carries proclitics (بالرئيس → الرئيس)."""
    stem_weight: float = _RANKING.stem_weight
    r"""The light-stem family."""
    clitic_ratio: float = _RANKING.clitic_ratio
    r"""A form with a proclitic counts as proclitic + word only while the index holds it at most this many times as often as the word (0: always)."""
    article_ratio: float = _RANKING.article_ratio
    r"""The same for forms with the article."""
    stem_ratio: float = _RANKING.stem_ratio
    r"""The same for the light stem."""
    phrase_weight: float = _RANKING.phrase_weight
    r"""Bonus for a full name's words in sequence (queries of 2 to 5 plain words, no stopword)."""
    question_b: float = _RANKING.question_b
    r"""BM25 length normalization for questions and sentences (more than 5 words, or a stopword)."""




@dataclass
class Hit:
    r"""One search result."""

    id: str
    rank: int
    r"""1-based rank in the whole result list."""
    score: float
    title: str
    author: str
    source: str
    url: str
    date: str
    metadata: Dict[str, str]
    snippet: str
    r"""Original text around the matches, matched words wrapped in the highlight markers ("" when
    snippets are off or the index does not store text)."""

    @property
    def fields(self) -> Dict[str, str]:
        r"""The stored fields other than id and title: ``author``, ``source``, ``url`` and ``date`` when
        not empty, and every metadata entry (the extra keywords of :meth:`Index.add`)."""
        out = {name: value for name, value in (("author", self.author), ("source", self.source),
                                               ("url", self.url), ("date", self.date)) if value}
        out.update(self.metadata)
        return out


@dataclass
class SearchResults:
    r"""The answer to one query. Iterating over it (and ``len``) goes over :attr:`hits`."""

    hits: List[Hit]
    estimated_total: int
    r"""Estimate of all matching articles."""
    source_counts: Dict[str, int]
    r"""Matches per (normalized) source, most first; empty unless ``facets=True``."""
    suggestion: Optional[str]
    r"""A "did you mean" query, or None."""
    ignored: List[str]
    r"""Query words that were dropped (stopwords), for display."""
    also_written: List[Tuple[str, str, int]] = field(default_factory=list)
    r"""Other spellings the index holds of the query's names, as (query word, spelling, documents
    holding that spelling), most documents first: offered, never part of :attr:`hits`."""

    @property
    def total(self) -> int:
        r"""Same as :attr:`estimated_total`."""
        return self.estimated_total

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> Hit:
        return self.hits[i]


def native_ranking(ranking: RankingOptions) -> Any:
    r"""``ranking`` as the compiled module's RankingOptions."""
    return to_native(ranking, _fahras.RankingOptions)


DEFAULT_RANKING = native_ranking(RankingOptions())


def _hit(fields: Dict[str, Any]) -> Hit:
    r"""A Hit made from the dict the compiled module returns, which holds exactly its fields: setting
    the instance dict costs a fifth of ``Hit(**fields)`` (bench/python_speed.py)."""
    hit = object.__new__(Hit)
    hit.__dict__ = fields
    return hit


def _sources(source: Union[str, Iterable[str], None]) -> List[str]:
    r"""The source filter as a list of names ([] for None)."""
    if source is None:
        return []
    if isinstance(source, str):
        return [source]
    names = list(source)
    if not names:
        raise InvalidArgumentError("source is an empty list: give at least one name, or None for any source")
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"source names must be str, not {type(name).__name__}")
    return names


def run_search(
    impl: _fahras.Searcher,
    query: str,
    limit: int = 10,
    offset: int = 0,
    *,
    sort: SortOrder = "relevance",
    date_from: DateLike = None,
    date_to: DateLike = None,
    source: Union[str, Iterable[str], None] = None,
    fields: bool = True,
    snippets: bool = True,
    snippet_length: int = 200,
    highlight: Tuple[str, str] = ("<b>", "</b>"),
    escape_html: bool = True,
    facets: bool = False,
    suggest: bool = True,
    also_written: bool = True,
) -> SearchResults:
    r"""Runs one query on a compiled searcher: the one place the keyword arguments of
    :meth:`Searcher.search` and :meth:`Index.search` become a C++ ``SearchRequest``."""
    request = _fahras.SearchRequest()
    request.query = query
    request.limit = non_negative("limit", limit)
    request.offset = non_negative("offset", offset)
    request.sort = sort
    request.date_from = iso_date("date_from", date_from)
    request.date_to = iso_date("date_to", date_to)
    request.sources = _sources(source)
    request.stored_fields = bool(fields)
    request.snippets = bool(snippets)
    request.snippet_length = non_negative("snippet_length", snippet_length)
    request.highlight_open, request.highlight_close = highlight
    request.escape_html = bool(escape_html)
    request.facets = bool(facets)
    request.suggest = bool(suggest)
    request.also_written = bool(also_written)
    raw = impl.search(request)
    return SearchResults(
        hits=[_hit(fields) for fields in raw["hits"]],
        estimated_total=raw["estimated_total"],
        source_counts=dict(raw["source_counts"]),
        suggestion=raw["suggestion"] or None,
        ignored=raw["ignored"],
        also_written=[tuple(a) for a in raw["also_written"]],
    )


class Searcher:
    r"""Runs queries against an :class:`Index`.

    Query syntax: words (all count; more matches rank first), ``"a phrase"``, ``+required``,
    ``-excluded``, ``AND``/``OR``/``NOT`` and parentheses, ``title:``/``author:``/``source:`` fields.
    The analyzer runs on every query word exactly as on documents.

    A searcher over an index on disk reads the last commit through its own handle (call :meth:`reopen`
    to see newer ones); over an in-memory index it sees every change at once. Searches release the GIL;
    calls on one Searcher are serialized, so use one per thread for parallel queries.
    """

    __slots__ = ("_impl",)

    def __init__(self, index: Index, ranking: Optional[RankingOptions] = None, **overrides: Any) -> None:
        r"""A searcher over ``index``; ``ranking`` and the keyword ``overrides`` are
        :class:`RankingOptions` fields, e.g. ``Searcher(index, k1=1.5)``."""
        from .index import Index

        if not isinstance(index, Index):
            raise TypeError(f"index must be a fahras.Index, not {type(index).__name__}")
        # The searcher does not keep the Index object alive (so a writer's lock is not held by it): it
        # shares the handle of an in-memory or read-only index and opens its own otherwise.
        self._impl = _fahras.Searcher(index._impl, native_ranking(with_overrides(RankingOptions, ranking, overrides)))

    def search(self, query: str, limit: int = 10, offset: int = 0, **options: Any) -> SearchResults:
        r"""Runs ``query`` and returns hits ``offset+1`` to ``offset+limit``.

        ``sort`` is ``"relevance"``, ``"date"`` (newest first) or ``"date_asc"``; ``date_from`` and
        ``date_to`` are inclusive ISO 8601 prefixes or :class:`datetime.date` values; ``source`` keeps
        articles from that source (or from any of several), matched as ``source:`` in a query is;
        ``fields=False`` fills only id, rank and score (faster; no snippets); ``highlight`` is the
        (open, close) pair wrapped around matched words in snippets, whose text is HTML-escaped unless
        ``escape_html=False``; ``facets`` counts matches by source; ``suggest`` offers a "did you mean"
        query; ``also_written`` offers the other spellings the index holds of the query's names. A query of stopwords alone searches them; an empty query gives no hits, not an error. (The keywords are those of :func:`run_search`.)
        """
        return run_search(self._impl, query, limit, offset, **options)

    def reopen(self) -> None:
        r"""Sees the index's latest commit."""
        self._impl.reopen()
