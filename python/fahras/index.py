r"""Indexes: articles, index options and statistics, and the :class:`Index` (local, sharded, remote)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union

from . import _fahras
from ._fahras import InvalidArgumentError, ShardLocation
from ._native import DateLike, PathLike, non_negative, to_native, with_overrides
from .analysis import Analyzer, AnalyzerOptions
from .search import DEFAULT_RANKING, SearchResults, run_search

Document = Union["Article", Mapping[str, Any]]
OpenMode = Literal["create_or_open", "read_only", "overwrite"]
Shard = Union[str, "os.PathLike[str]", ShardLocation]
_INDEX = _fahras.IndexOptions()  # the C++ defaults, which the dataclass takes


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
    store_text: bool = _INDEX.store_text
    r"""Keep title and body for snippets and highlighting."""
    positions: bool = _INDEX.positions
    r"""Record word positions (needed for "phrase" queries and the full-name bonus)."""
    compact_positions: bool = _INDEX.compact_positions
    r"""Keep positions in one compact list per article (the default) instead of Xapian's position
    table: a third smaller and faster to build, same rankings; xapian-tcpsrv cannot serve such an index."""
    threads: int = _INDEX.threads
    r"""Analysis threads for :meth:`Index.add_batch` (0: one per core)."""
    title_weight: int = _INDEX.title_weight
    r"""A title word counts as this many body words in ranking."""
    flush_every: int = _INDEX.flush_every
    r"""Documents between Xapian's automatic flushes (0: the fahras default)."""
    shards: int = _INDEX.shards
    r"""A new index on disk is made of this many databases, kept apart (0 or 1: one database)."""
    remote_connect_timeout_ms: int = _INDEX.remote_connect_timeout_ms
    r"""Longest wait to connect to a remote shard, in milliseconds."""
    remote_timeout_ms: int = _INDEX.remote_timeout_ms
    r"""Longest wait for any one call to a remote shard, in milliseconds (then :class:`RemoteError`)."""


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

    __slots__ = ("_impl", "_path", "_reader", "_read_only", "_closed", "_generation", "_local", "_handles",
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
        self._open(os.fspath(path), mode, with_overrides(IndexOptions, options, overrides))

    def _open(self, path: Optional[str], mode: OpenMode, options: IndexOptions) -> None:
        r"""Opens ``path`` (None: in memory) and sets every attribute."""
        native = to_native(options, _fahras.IndexOptions)
        if path is None:
            self._setup(_fahras.Index.in_memory(native), None, mode, None)
        else:
            self._setup(_fahras.Index.open(path, mode, native), path, mode,
                        lambda: _fahras.Index.open(path, "read_only", native))

    def _setup(self, impl: _fahras.Index, path: Optional[str], mode: OpenMode,
               reader: Optional[Callable[[], _fahras.Index]]) -> None:
        r"""Sets every attribute; ``reader`` opens another read-only handle (None in memory)."""
        self._impl = impl
        self._path = path
        self._reader = reader
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
        index._open(os.fspath(path), mode, with_overrides(IndexOptions, options, overrides))
        return index

    @classmethod
    def open_sharded(
        cls,
        shards: Iterable[Shard],
        mode: OpenMode = "read_only",
        options: Optional[IndexOptions] = None,
        **overrides: Any,
    ) -> Index:
        r"""Opens several databases as one index, searched with the statistics of the whole.

        Each shard is a local database directory (a str or path) or a :class:`ShardLocation`, e.g.
        ``ShardLocation.remote("10.0.0.2", 7000)`` or ``ShardLocation.parse_remote("host:7000")`` for a
        database served by ``xapian-tcpsrv`` (``--writable`` to write to it). Articles are routed to a
        shard by their id, so the list must keep its order. Calls to a remote shard wait at most
        ``remote_timeout_ms`` (:class:`IndexOptions`), then raise :class:`RemoteError`.
        ``"overwrite"`` is refused for remote shards. Otherwise as :meth:`open`."""
        locations = [s if isinstance(s, ShardLocation) else ShardLocation.local(os.fspath(s)) for s in shards]
        native = to_native(with_overrides(IndexOptions, options, overrides), _fahras.IndexOptions)
        index = cls.__new__(cls)
        index._setup(_fahras.Index.open_sharded(locations, mode, native),
                     ",".join(s.describe() for s in locations), mode,
                     lambda: _fahras.Index.open_sharded(locations, "read_only", native))
        return index

    @property
    def shards(self) -> List[ShardLocation]:
        r"""The shards of a sharded index in routing order (empty for one database)."""
        return self._impl.shards

    @classmethod
    def in_memory(cls, options: Optional[IndexOptions] = None, **overrides: Any) -> Index:
        r"""A writable index in memory, for tests and small collections."""
        index = cls.__new__(cls)
        index._open(None, "create_or_open", with_overrides(IndexOptions, options, overrides))
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
        return self._impl.add_many(documents, non_negative("batch_size", batch_size))

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

    def search(self, query: str, hits: int = 10, offset: int = 0, **options: Any) -> SearchResults:
        r"""Runs ``query`` and returns hits ``offset+1`` to ``offset+hits`` with the estimated total.

        Filters: ``date_from``/``date_to`` (inclusive ISO 8601 prefixes or :class:`datetime.date`),
        ``source`` (a source name or several; an article from any of them passes). ``sort`` is
        ``"relevance"``, ``"date"`` (newest first) or ``"date_asc"``. ``fields=False`` returns only id,
        rank and score (faster); see :meth:`Searcher.search` for the rest. Sees the last commit, with the
        default :class:`RankingOptions`; use a :class:`Searcher` for other ranking options.
        """
        return run_search(self._searcher(), query, hits, offset, **options)

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
        elif self._read_only and self._reader is not None and not self._take_shared_handle():
            # A searcher over a read-only index shares its handle, and its lock: the first thread to
            # search takes it (so it sees the snapshot len() and get() see), every other thread gets a
            # handle of its own (the last commit as of its first search), so threads search in parallel.
            handle = self._reader()
            with self._handles_lock:
                self._handles.append(handle)
            searcher = _fahras.Searcher(handle, DEFAULT_RANKING)
        else:
            # In memory: the one handle (serialized); writable on disk: a handle of its own per searcher.
            searcher = _fahras.Searcher(self._impl, DEFAULT_RANKING)
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
