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

Ingest: ``index.add_many(fahras.read_articles("riyadh.zip"))`` reads what ``fahras index`` reads
(JSON Lines, SaudiNewsNet's JSON arrays and .zip files, text files), bad records reported with their
file and line. Several databases, local or served by ``xapian-tcpsrv``, open as one index with
``fahras.Index.open_sharded(["shard-0", fahras.ShardLocation.remote("10.0.0.2", 7000)])``.

This package is the Pythonic layer (dataclasses, keyword arguments, context managers, iterators) over
the compiled module ``fahras._fahras``, which mirrors the C++ API. Every exception fahras raises derives
from :class:`fahras.Error`; :class:`InvalidArgumentError` is also a ``ValueError`` and
:class:`IndexAccessError` an ``OSError``. Indexing, search and analysis release the GIL.
"""

from __future__ import annotations

from . import _fahras
from ._fahras import (
    AnalyzerMismatchError,
    CorruptIndexError,
    EncodingError,
    Error,
    FieldTypeError,
    IndexAccessError,
    IndexLockedError,
    IndexNotFoundError,
    InputFileError,
    InvalidArgumentError,
    QuerySyntaxError,
    RecordError,
    RemoteError,
    ShardLocation,
)
from .analysis import Analyzer, AnalyzerOptions, NormalizerOptions, Token, analyze
from .index import Article, Index, IndexOptions, IndexStats
from .ingest import (
    ArticleReader,
    BadRecord,
    BadRecordWarning,
    JsonlReader,
    is_valid_utf8,
    read_articles,
    read_text_article,
    to_utf8,
)
from .search import Hit, RankingOptions, SearchResults, Searcher

__version__: str = _fahras.__version__

MAX_ID_BYTES: int = _fahras.MAX_ID_BYTES
r"""The longest article id, in bytes of UTF-8 (fahras::kMaxIdBytes)."""

__all__ = [
    # analysis (fahras/analysis.py)
    "NormalizerOptions",
    "AnalyzerOptions",
    "Token",
    "Analyzer",
    "analyze",
    # index (fahras/index.py)
    "Article",
    "IndexOptions",
    "IndexStats",
    "Index",
    "ShardLocation",
    # search (fahras/search.py)
    "RankingOptions",
    "Hit",
    "SearchResults",
    "Searcher",
    # ingest (fahras/ingest.py)
    "read_articles",
    "ArticleReader",
    "BadRecord",
    "BadRecordWarning",
    "JsonlReader",
    "read_text_article",
    "to_utf8",
    "is_valid_utf8",
    # errors (the compiled module)
    "Error",
    "InvalidArgumentError",
    "EncodingError",
    "QuerySyntaxError",
    "RecordError",
    "FieldTypeError",
    "IndexAccessError",
    "IndexNotFoundError",
    "CorruptIndexError",
    "IndexLockedError",
    "AnalyzerMismatchError",
    "InputFileError",
    "RemoteError",
]
