r"""fahras: full-text search for Arabic text, embedded, on Xapian.

One analyzer serves documents and queries alike: it normalizes the text (harakat, tatweel, alef and
teh marbuta variants), strips proclitics (و ف ب ك ل ال) and light-stems words, so that a search for
لافروف finds ولافروف and كِيري finds كيري::

    import fahras

    with fahras.Index("news.idx") as index:              # created if missing; commits at the end
        index.add("1", "لافروف وكيري", "اجتمع كِيري ولافروف في جنيف", source="aawsat")
        index.add_many({"id": str(i), "title": "...", "body": "..."} for i in range(2, 1000))
    with fahras.Index("news.idx", writable=False) as index:
        results = index.search("لافروف", hits=10, source="aawsat", date_from="2015-07-01")
        print(results.total)
        for hit in results:
            print(hit.rank, hit.id, hit.score, hit.title, hit.snippet, hit.fields)
    for token in fahras.analyze("ولافروف"):
        print(token.span, token.normalized, token.forms, token.stem)

This module is the Pythonic layer (dataclasses, keyword arguments, context managers, iterators) over
the compiled module ``fahras._fahras``, which mirrors the C++ API. Every exception fahras raises derives
from :class:`fahras.Error`; :class:`InvalidArgumentError` is also a ``ValueError`` and
:class:`IndexAccessError` an ``OSError``. Indexing, search and analysis release the GIL.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Type, TypeVar, Union

from . import _fahras
from ._fahras import (
    AnalyzerMismatchError,
    CorruptIndexError,
    EncodingError,
    Error,
    IndexAccessError,
    IndexLockedError,
    IndexNotFoundError,
    InvalidArgumentError,
    QuerySyntaxError,
)

__version__: str = _fahras.__version__

__all__ = [
    # analysis
    "NormalizerOptions",
    "AnalyzerOptions",
    "Token",
    "Analyzer",
    "analyze",
    # index
    "Article",
    "IndexOptions",
    "IndexStats",
    "Index",
    # search
    "RankingOptions",
    "Hit",
    "SearchResults",
    "Searcher",
    # ingest
    "JsonlReader",
    "read_text_article",
    "to_utf8",
    "is_valid_utf8",
    # errors
    "Error",
    "InvalidArgumentError",
    "EncodingError",
    "QuerySyntaxError",
    "IndexAccessError",
    "IndexNotFoundError",
    "CorruptIndexError",
    "IndexLockedError",
    "AnalyzerMismatchError",
]

# Aliases for annotations (not exported by ``*``).
PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[str, datetime.date, None]
Document = Union["Article", Mapping[str, Any]]
OpenMode = Literal["create_or_open", "read_only", "overwrite"]
SortOrder = Literal["relevance", "date", "date_asc"]
InvalidUtf8 = Literal["replace", "strict"]
_Options = TypeVar("_Options")


def _options(cls: Type[_Options], options: Optional[_Options], overrides: Dict[str, Any]) -> _Options:
    r"""Returns ``options`` (or the defaults of ``cls``) with the keyword ``overrides`` applied."""
    if options is None:
        options = cls()
    elif not isinstance(options, cls):
        raise TypeError(f"options must be a {cls.__name__}, not {type(options).__name__}")
    return dataclasses.replace(options, **overrides) if overrides else options  # type: ignore[type-var]


# --- Analysis ------------------------------------------------------------------------------------


@dataclass
class NormalizerOptions:
    r"""Which normalization rules run. The defaults are the measured best (docs/design.md)."""

    nfkc: bool = True
    r"""ICU NFKC and case folding for non-Arabic, non-ASCII text."""
    strip_diacritics: bool = True
    r"""Remove harakat U+064B–U+065F, superscript alef U+0670 and Quranic marks."""
    strip_tatweel: bool = True
    r"""Remove tatweel U+0640."""
    fold_alef: bool = True
    r"""أ إ آ ٱ → ا."""
    fold_alef_maksura: bool = True
    r"""ى → ي."""
    fold_teh_marbuta: bool = True
    r"""ة → ه."""
    fold_hamza_carriers: bool = True
    r"""ؤ → و, ئ → ي."""
    fold_persian: bool = True
    r"""ی → ي, ک گ → ك, ڤ → ف, پ → ب, چ → ج, ژ → ز, ۀ → ه."""
    fold_digits: bool = True
    r"""Arabic-Indic digits → 0–9."""
    fold_latin: bool = True
    r"""Latin lower-casing and accent removal."""


@dataclass
class AnalyzerOptions:
    r"""Options of an :class:`Analyzer`; every stage can be switched off.

    An index remembers the analyzer it was built with and refuses to open with different options
    (:class:`AnalyzerMismatchError`).
    """

    normalizer: NormalizerOptions = field(default_factory=NormalizerOptions)
    r"""The normalization rules."""
    invalid_utf8: InvalidUtf8 = "replace"
    r"""``"replace"`` (bad UTF-8 becomes U+FFFD) or ``"strict"`` (raise :class:`EncodingError`).
    A Python ``str`` always encodes to valid UTF-8; this matters for indexes shared with C++ code."""
    strip_proclitics: bool = True
    r"""Produce :attr:`Token.forms` and :attr:`Token.bare` (else both equal ``normalized``)."""
    stem: bool = True
    r"""Produce :attr:`Token.stem` (else it equals ``bare``)."""


@dataclass(frozen=True)
class Token:
    r"""One word of a text with its analysis tiers, from most to least exact.

    ``text[token.start:token.end]`` is the word as written in the original text (harakat and all).
    """

    normalized: str
    r"""The word after normalization."""
    forms: Tuple[str, ...]
    r"""Every form left by stripping a valid proclitic sequence, most to least letters."""
    bare: str
    r"""The most stripped form, or ``normalized`` when nothing can be stripped."""
    stem: str
    r"""The light (suffix-stripped) stem of ``bare``."""
    position: int
    r"""0-based word position in the text."""
    start: int
    r"""Offset of the word's first character in the text (code points, as ``str`` indexes)."""
    end: int
    r"""Offset one past the word's last character."""
    stopword: bool
    r"""True if ``bare`` or ``normalized`` is a stopword."""

    @property
    def span(self) -> Tuple[int, int]:
        r"""``(start, end)``: ``text[slice(*token.span)]`` is the word as written."""
        return (self.start, self.end)


class Analyzer:
    r"""The analysis pipeline: normalization, tokenization, proclitics, light stemming, stopwords.

    Immutable and thread-safe; long calls release the GIL. Build it from :class:`AnalyzerOptions` or
    keyword overrides of them: ``Analyzer(stem=False)``.
    """

    __slots__ = ("_impl",)

    def __init__(self, options: Optional[AnalyzerOptions] = None, **overrides: Any) -> None:
        r"""Builds an analyzer from ``options`` with the keyword ``overrides`` applied."""
        self._impl = _fahras.Analyzer(_options(AnalyzerOptions, options, overrides))

    @classmethod
    def _wrap(cls, impl: _fahras.Analyzer) -> Analyzer:
        r"""An Analyzer around an existing compiled analyzer."""
        analyzer = cls.__new__(cls)
        analyzer._impl = impl
        return analyzer

    def normalize(self, text: str) -> str:
        r"""Normalizes ``text`` without splitting it into words (idempotent)."""
        return self._impl.normalize(text)

    def analyze(self, text: str) -> List[Token]:
        r"""All words of ``text`` with their tiers, positions and character offsets."""
        if not isinstance(text, str):  # the compiled module would take bytes too, with byte offsets
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return [Token(**token) for token in self._impl.analyze(text)]

    def is_stopword(self, normalized_word: str) -> bool:
        r"""True if the already normalized word is a stopword."""
        return self._impl.is_stopword(normalized_word)

    @property
    def id(self) -> str:
        r"""Name and version of the analysis, as stored in indexes (``"fahras-arabic/N/..."``)."""
        return self._impl.id

    @property
    def options(self) -> AnalyzerOptions:
        r"""A copy of the options this analyzer was built with."""
        raw = self._impl.options
        return AnalyzerOptions(
            normalizer=NormalizerOptions(**raw.pop("normalizer")), **raw
        )

    def __repr__(self) -> str:
        return f"Analyzer(id={self.id!r})"


_default_analyzer: Optional[Analyzer] = None


def analyze(text: str) -> List[Token]:
    r"""The words of ``text`` as the default analyzer (the one of indexes built with default options)
    sees them: for each its normalized form, proclitic-free ``forms``, ``bare`` form, ``stem`` and
    ``span`` in ``text``. ``Analyzer(**options).analyze`` does the same with other options."""
    global _default_analyzer
    if _default_analyzer is None:
        _default_analyzer = Analyzer()  # immutable, so a race builds two equal ones at worst
    return _default_analyzer.analyze(text)


# --- Index ---------------------------------------------------------------------------------------


@dataclass
class Article:
    r"""One article. Only ``id`` is required; ``date`` is ISO 8601 (``2015-07-21`` or
    ``2015-07-21T02:51:32``)."""

    id: str
    r"""Unique external id; adding an article with an existing id replaces it."""
    title: str = ""
    body: str = ""
    author: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    metadata: Dict[str, str] = field(default_factory=dict)
    r"""Free key/value pairs, stored and returned with hits."""


@dataclass
class IndexOptions:
    r"""Options fixed when an index is opened for writing."""

    analyzer: AnalyzerOptions = field(default_factory=AnalyzerOptions)
    r"""Must match the analyzer an existing index was built with."""
    store_text: bool = True
    r"""Keep title and body for snippets and highlighting."""
    positions: bool = True
    r"""Record word positions (needed for "phrase" queries)."""
    threads: int = 0
    r"""Analysis threads for :meth:`Index.add_batch` (0: one per core)."""
    title_weight: int = 2
    r"""A title word counts as this many body words in ranking."""
    flush_every: int = 0
    r"""Documents between Xapian's automatic flushes (0: the fahras default)."""


@dataclass(frozen=True)
class IndexStats:
    r"""Figures about an index."""

    documents: int
    distinct_terms: int
    r"""Not counted for in-memory indexes (0)."""
    average_length: float
    r"""Average document length in index terms (every tier of every word counted)."""
    analyzer_id: str
    path: Optional[str]
    r"""The index directory, None for in-memory indexes."""


class Index:
    r"""A fahras index: add, replace, delete, fetch and search articles.

    ``Index(path)`` opens the index directory ``path`` for writing (created if missing);
    ``Index(path, writable=False)`` opens it read-only (it must exist); :meth:`in_memory` makes one in
    memory. Xapian allows one writer and any number of readers per directory; a second writer gets
    :class:`IndexLockedError`.

    Used as a context manager, the index commits when the block ends without an exception and is closed
    in every case. Closing (or garbage-collecting) a writable index commits what it holds, as Xapian
    does, so changes made before an exception are kept too.

    :meth:`search` sees the last commit (an in-memory index: every change at once). An Index may be used
    from several threads: writes are serialized, each call releases the GIL, and every thread searches
    through its own searcher, so searches of an index on disk run in parallel (an in-memory index has one
    Xapian handle, which serializes them).
    """

    __slots__ = ("_impl", "_path", "_options", "_read_only", "_closed", "_generation", "_local", "_handles",
                 "_handles_lock", "_shared_taken", "__weakref__")

    def __init__(
        self,
        path: PathLike,
        writable: bool = True,
        *,
        overwrite: bool = False,
        options: Optional[IndexOptions] = None,
        **overrides: Any,
    ) -> None:
        r"""Opens the index directory ``path``: for writing (created if missing; emptied first when
        ``overwrite``) or, with ``writable=False``, read-only. ``options`` and the keyword ``overrides``
        are :class:`IndexOptions` fields, e.g. ``Index(p, store_text=False)``.

        Raises :class:`IndexNotFoundError` (read-only and nothing there; also a FileNotFoundError),
        :class:`CorruptIndexError`, :class:`IndexLockedError` or :class:`AnalyzerMismatchError` (all
        :class:`IndexAccessError`, an OSError).
        """
        if not isinstance(writable, bool):
            raise TypeError(f"writable must be a bool, not {type(writable).__name__}")
        if overwrite and not writable:
            raise InvalidArgumentError("overwrite=True needs writable=True")
        mode: OpenMode = ("overwrite" if overwrite else "create_or_open") if writable else "read_only"
        self._open(os.fspath(path), mode, _options(IndexOptions, options, overrides))

    def _open(self, path: Optional[str], mode: OpenMode, options: IndexOptions) -> None:
        r"""Opens ``path`` (None: in memory) and sets every attribute."""
        if path is None:
            self._impl = _fahras.Index.in_memory(options)
        else:
            self._impl = _fahras.Index.open(path, mode, options)
        self._path = path
        self._options = options
        self._read_only = mode == "read_only"
        self._closed = False
        self._generation = 0  # bumped by commit() and reopen(): searchers older than it reopen
        self._local = threading.local()
        self._handles: List[_fahras.Index] = []  # the read-only handles of per-thread searchers
        self._handles_lock = threading.Lock()
        self._shared_taken = False

    @classmethod
    def open(
        cls,
        path: PathLike,
        mode: OpenMode = "create_or_open",
        options: Optional[IndexOptions] = None,
        **overrides: Any,
    ) -> Index:
        r"""Opens the index directory ``path`` in ``mode``: ``"create_or_open"`` (writable, created if
        missing), ``"read_only"`` (must exist) or ``"overwrite"`` (writable, any existing index
        replaced). Otherwise as ``Index(path, ...)``."""
        index = cls.__new__(cls)
        index._open(os.fspath(path), mode, _options(IndexOptions, options, overrides))
        return index

    @classmethod
    def in_memory(cls, options: Optional[IndexOptions] = None, **overrides: Any) -> Index:
        r"""A writable index in memory, for tests and small collections."""
        index = cls.__new__(cls)
        index._open(None, "create_or_open", _options(IndexOptions, options, overrides))
        return index

    def add(
        self, id: Union[str, int, Document], title: Optional[str] = None, body: Optional[str] = None, **fields: Any
    ) -> None:
        r"""Adds one article, replacing any article with the same id.

        ``add(id, title, body, author=..., source=..., url=..., date=..., **more)``: ``date`` is ISO 8601
        (``2015-07-21`` or ``2015-07-21T02:51:32``); other keywords are stored as metadata, returned in
        :attr:`Hit.fields`. ``add(article)`` takes an :class:`Article` or a document dict instead (the
        keys of :meth:`add_many`).

        Raises :class:`InvalidArgumentError` (a ValueError) for an empty id or a read-only index, and
        TypeError for a value that is not text."""
        if isinstance(id, (Article, Mapping)):
            if title is not None or body is not None or fields:
                raise TypeError("pass an Article or a document dict alone, or id, title, body and fields")
            self._impl.add(dict(id) if isinstance(id, Mapping) and not isinstance(id, dict) else id)
            return
        document: Dict[str, Any] = {"id": id}
        if title is not None:
            document["title"] = title
        if body is not None:
            document["body"] = body
        document.update(fields)
        self._impl.add(document)

    def add_many(self, documents: Iterable[Document], batch_size: int = 2000) -> int:
        r"""Adds every document of ``documents`` (any iterable, consumed once) and returns how many.

        A document is a dict keyed as a JSON Lines line is: ``"id"`` (or ``"_id"``; str or int),
        ``"title"``, ``"body"`` (or ``"text"``/``"content"``), ``"author"``, ``"source"``, ``"url"``,
        ``"date"`` (or ``"date_extracted"``), and a ``"metadata"`` dict; any other key is stored as
        metadata (str, or int/float/bool written as in JSON); None counts as absent. So a line of a
        BEIR ``corpus.jsonl`` passes as ``json.loads(line)``. :class:`Article` objects are accepted too.

        Documents are converted ``batch_size`` at a time, each batch analysed on several threads with
        the GIL released; the result is the same as :meth:`add` in order. A bad document raises
        (ValueError or TypeError) with the batches before it added.
        """
        return self._impl.add_many(documents, _non_negative("batch_size", batch_size))

    def add_batch(self, articles: Iterable[Document]) -> None:
        r"""Adds many articles at once (one batch); :meth:`add_many` streams any number of them."""
        self._impl.add_batch(articles)

    def delete(self, id: str) -> bool:
        r"""Deletes the article with this id; False if there was none."""
        return self._impl.remove(id)

    def remove(self, id: str) -> bool:
        r"""Same as :meth:`delete`."""
        return self._impl.remove(id)

    def commit(self) -> None:
        r"""Makes every change so far durable and visible to :meth:`search` and readers that reopen."""
        self._impl.commit()
        self._generation += 1

    def reopen(self) -> None:
        r"""Sees the latest commit (for readers)."""
        self._impl.reopen()
        self._generation += 1

    def size(self) -> int:
        r"""Number of articles."""
        return self._impl.size()

    def __len__(self) -> int:
        r"""Number of articles."""
        return self._impl.size()

    def __contains__(self, id: object) -> bool:
        r"""True if an article with this id is stored."""
        return isinstance(id, str) and self._impl.get(id) is not None

    def stats(self) -> IndexStats:
        r"""Counts and settings of the index (``distinct_terms`` walks the vocabulary)."""
        raw = self._impl.stats()
        raw["path"] = raw["path"] or None
        return IndexStats(**raw)

    def get(self, id: str) -> Optional[Article]:
        r"""The stored article with this id, or None (title and body only when ``store_text``)."""
        raw = self._impl.get(id)
        return None if raw is None else Article(**raw)

    def search(
        self,
        query: str,
        hits: int = 10,
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
    ) -> SearchResults:
        r"""Runs ``query`` and returns hits ``offset+1`` to ``offset+hits`` with the estimated total.

        Filters: ``date_from``/``date_to`` (inclusive ISO 8601 prefixes or :class:`datetime.date`),
        ``source`` (a source name or several; an article from any of them passes). ``sort`` is
        ``"relevance"``, ``"date"`` (newest first) or ``"date_asc"``. ``fields=False`` returns only id,
        rank and score (faster); see :meth:`Searcher.search` for the rest. Sees the last commit, with the
        default :class:`RankingOptions`; use a :class:`Searcher` for other ranking options.
        """
        return _search(
            self._searcher(), query, hits, offset, sort, date_from, date_to, source, fields, snippets,
            snippet_length, highlight, escape_html, facets, suggest,
        )

    def _searcher(self) -> _fahras.Searcher:
        r"""This thread's searcher, reopened if a commit or reopen came after it was made."""
        local = self._local
        searcher = getattr(local, "searcher", None)
        generation = self._generation
        if searcher is not None and local.generation == generation:
            return searcher
        if self._closed:
            raise InvalidArgumentError("the index is closed")
        if searcher is not None:
            searcher.reopen()
        elif self._read_only and self._path is not None and not self._take_shared_handle():
            # A searcher over a read-only index shares its handle, and its lock: the first thread to
            # search takes it (so it sees the snapshot len() and get() see), every other thread gets a
            # handle of its own (the last commit as of its first search), so threads search in parallel.
            handle = _fahras.Index.open(self._path, "read_only", self._options)
            with self._handles_lock:
                self._handles.append(handle)
            searcher = _fahras.Searcher(handle, _DEFAULT_RANKING)
        else:
            # In memory: the one handle (serialized); writable on disk: a handle of its own per searcher.
            searcher = _fahras.Searcher(self._impl, _DEFAULT_RANKING)
        local.searcher = searcher
        local.generation = generation
        return searcher

    def _take_shared_handle(self) -> bool:
        r"""True for the first caller only: that thread's searcher shares the index's own handle."""
        with self._handles_lock:
            taken, self._shared_taken = self._shared_taken, True
        return not taken

    @property
    def writable(self) -> bool:
        r"""True if opened for writing."""
        return self._impl.writable

    @property
    def analyzer(self) -> Analyzer:
        r"""The analyzer documents and queries of this index go through."""
        return Analyzer._wrap(self._impl.analyzer)

    def close(self) -> None:
        r"""Releases the index and its write lock; a writable index commits first. Idempotent."""
        self._closed = True
        self._local = threading.local()  # drops every thread's searcher
        with self._handles_lock:
            handles, self._handles = self._handles, []
        for handle in handles:
            handle.close()
        self._impl.close()

    @property
    def closed(self) -> bool:
        r"""True once :meth:`close` was called; other methods then raise InvalidArgumentError."""
        return self._impl.closed

    def __enter__(self) -> Index:
        r"""Returns the index itself."""
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        r"""Commits if the block succeeded, then closes the index."""
        try:
            if exc_type is None and not self.closed and self.writable:
                self.commit()
        finally:
            self.close()

    def __repr__(self) -> str:
        if self.closed:
            return "<fahras.Index (closed)>"
        kind = "writable" if self.writable else "read-only"
        where = "in memory" if self._path is None else repr(self._path)
        return f"<fahras.Index {where}, {kind}, {len(self)} articles>"


# --- Search --------------------------------------------------------------------------------------


@dataclass
class RankingOptions:
    r"""The ranking model's parameters; the defaults (the C++ library's own) were tuned on arqa-dev and
    names-dev together (bench/README.md)."""

    k1: float = _fahras.RANKING_DEFAULTS["k1"]
    r"""BM25 term-frequency saturation."""
    b: float = _fahras.RANKING_DEFAULTS["b"]
    r"""BM25 length normalization."""
    length_norm_floor: float = _fahras.RANKING_DEFAULTS["length_norm_floor"]
    r"""Lower bound of document length / average length in BM25."""
    form_weight: float = _fahras.RANKING_DEFAULTS["form_weight"]
    r"""Weight of a match on the query word's own normalized or proclitic-free form."""
    strip_weight: float = _fahras.RANKING_DEFAULTS["strip_weight"]
    r"""Weight of a match on a form left by stripping the query word's own proclitics."""
    stem_weight: float = _fahras.RANKING_DEFAULTS["stem_weight"]
    r"""Weight of a match on the light stem only."""


_DEFAULT_RANKING = RankingOptions()


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


def _iso(name: str, value: DateLike) -> str:
    r"""A date bound as the ISO 8601 string the library expects ("" for None)."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{name} must be a str, datetime.date or None, not {type(value).__name__}")


def _non_negative(name: str, value: int) -> int:
    r"""``value`` if it is an int >= 0; TypeError or InvalidArgumentError otherwise."""
    if type(value) is int and value >= 0:  # the common case first: this runs on every search
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise InvalidArgumentError(f"{name} must not be negative, got {value}")
    return value


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


def _search(
    impl: _fahras.Searcher,
    query: str,
    limit: int,
    offset: int,
    sort: SortOrder,
    date_from: DateLike,
    date_to: DateLike,
    source: Union[str, Iterable[str], None],
    fields: bool,
    snippets: bool,
    snippet_length: int,
    highlight: Tuple[str, str],
    escape_html: bool,
    facets: bool,
    suggest: bool,
) -> SearchResults:
    r"""Runs one query on a compiled searcher; the arguments of :meth:`Searcher.search`."""
    highlight_open, highlight_close = highlight
    raw = impl.search(
        query,
        _non_negative("limit", limit),
        _non_negative("offset", offset),
        sort,
        _iso("date_from", date_from),
        _iso("date_to", date_to),
        _sources(source),
        bool(fields),
        bool(snippets),
        _non_negative("snippet_length", snippet_length),
        highlight_open,
        highlight_close,
        bool(escape_html),
        bool(facets),
        bool(suggest),
    )
    return SearchResults(
        hits=[_hit(fields) for fields in raw["hits"]],
        estimated_total=raw["estimated_total"],
        source_counts=dict(raw["source_counts"]),
        suggestion=raw["suggestion"] or None,
        ignored=raw["ignored"],
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
        if not isinstance(index, Index):
            raise TypeError(f"index must be a fahras.Index, not {type(index).__name__}")
        # The searcher does not keep the Index object alive (so a writer's lock is not held by it): it
        # shares the handle of an in-memory or read-only index and opens its own otherwise.
        self._impl = _fahras.Searcher(index._impl, _options(RankingOptions, ranking, overrides))

    def search(
        self,
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
    ) -> SearchResults:
        r"""Runs ``query`` and returns hits ``offset+1`` to ``offset+limit``.

        ``sort`` is ``"relevance"``, ``"date"`` (newest first) or ``"date_asc"``; ``date_from`` and
        ``date_to`` are inclusive ISO 8601 prefixes or :class:`datetime.date` values; ``source`` keeps
        articles from that source (or from any of several), matched as ``source:`` in a query is;
        ``fields=False`` fills only id, rank and score (faster; no snippets); ``highlight`` is the
        (open, close) pair wrapped around matched words in snippets, whose text is HTML-escaped
        (``<`` as ``&lt;``...) unless ``escape_html=False`` (plain text, e.g. for a terminal); ``facets`` counts matches by
        source. An empty or stopword-only query gives no hits, not an error.
        """
        return _search(
            self._impl, query, limit, offset, sort, date_from, date_to, source, fields, snippets,
            snippet_length, highlight, escape_html, facets, suggest,
        )

    def reopen(self) -> None:
        r"""Sees the index's latest commit."""
        self._impl.reopen()


# --- Ingest --------------------------------------------------------------------------------------


class JsonlReader:
    r"""Iterates over the articles of a JSON Lines file, one per line.

    Accepted fields: ``id``/``_id``; ``title``; ``body``/``text``/``content``; ``author``; ``source``;
    ``url``; ``date``/``date_extracted``; other fields go into ``metadata``. A malformed line raises
    :class:`InvalidArgumentError` naming its number; the reader stays usable, so a caller may catch it
    and call ``next()`` again to continue. Bytes in another ``encoding`` are converted to UTF-8.
    """

    __slots__ = ("_impl",)

    def __init__(self, path: PathLike, encoding: str = "utf-8") -> None:
        r"""Opens ``path``; raises :class:`OSError` (e.g. FileNotFoundError) if it cannot be read."""
        self._impl = _fahras.JsonlReader(os.fspath(path), encoding)

    def __iter__(self) -> JsonlReader:
        return self

    def __next__(self) -> Article:
        raw = self._impl.next()
        if raw is None:
            raise StopIteration
        return Article(**raw)

    @property
    def line_number(self) -> int:
        r"""1-based number of the last line read."""
        return self._impl.line_number

    def close(self) -> None:
        r"""Closes the file; iteration then ends."""
        self._impl.close()

    def __enter__(self) -> JsonlReader:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.close()


def read_text_article(path: PathLike, id: str, encoding: str = "utf-8") -> Article:
    r"""Reads a plain-text article: the first non-empty line is the title, the rest the body.

    Raises :class:`IndexAccessError` if the file cannot be read."""
    return Article(**_fahras.read_text_article(os.fspath(path), id, encoding))


def to_utf8(data: Union[bytes, bytearray, memoryview], encoding: str) -> str:
    r"""Decodes ``data`` in a legacy encoding (``"windows-1256"``, ``"iso-8859-6"``, ``"utf-8"``...).

    Raises :class:`InvalidArgumentError` for an unknown encoding and :class:`EncodingError` for bytes
    that are not valid in it. Invalid bytes under ``"utf-8"`` become U+FFFD."""
    return _fahras.to_utf8(bytes(data), encoding)


def is_valid_utf8(data: Union[bytes, bytearray, memoryview]) -> bool:
    r"""True if ``data`` is valid UTF-8."""
    return _fahras.is_valid_utf8(bytes(data))
