# Type stubs of the fahras package (the public API; see __init__.py for the documentation).
import datetime
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Union

from . import _fahras
from ._fahras import (
    AnalyzerMismatchError as AnalyzerMismatchError,
    CorruptIndexError as CorruptIndexError,
    EncodingError as EncodingError,
    Error as Error,
    IndexAccessError as IndexAccessError,
    IndexLockedError as IndexLockedError,
    IndexNotFoundError as IndexNotFoundError,
    InvalidArgumentError as InvalidArgumentError,
    FieldTypeError as FieldTypeError,
    InputFileError as InputFileError,
    QuerySyntaxError as QuerySyntaxError,
    RecordError as RecordError,
    RemoteError as RemoteError,
)

__version__: str
MAX_ID_BYTES: int
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

PathLike = Union[str, os.PathLike[str]]
DateLike = Union[str, datetime.date, None]
Document = Union[Article, Mapping[str, Any]]
Sources = Union[str, Iterable[str], None]
OpenMode = Literal["create_or_open", "read_only", "overwrite"]
SortOrder = Literal["relevance", "date", "date_asc"]
InvalidUtf8 = Literal["replace", "strict"]

# --- Analysis

@dataclass
class NormalizerOptions:
    nfkc: bool = ...
    strip_diacritics: bool = ...
    strip_tatweel: bool = ...
    fold_alef: bool = ...
    fold_alef_maksura: bool = ...
    fold_teh_marbuta: bool = ...
    fold_hamza_carriers: bool = ...
    fold_persian: bool = ...
    fold_digits: bool = ...
    fold_latin: bool = ...

@dataclass
class AnalyzerOptions:
    normalizer: NormalizerOptions = ...
    invalid_utf8: InvalidUtf8 = ...
    strip_proclitics: bool = ...
    stem: bool = ...

@dataclass(frozen=True)
class Token:
    normalized: str
    folded: str
    forms: Tuple[str, ...]
    bare: str
    stem: str
    position: int
    start: int
    end: int
    stopword: bool
    @property
    def span(self) -> Tuple[int, int]: ...

class Analyzer:
    def __init__(
        self,
        options: Optional[AnalyzerOptions] = ...,
        *,
        normalizer: NormalizerOptions = ...,
        invalid_utf8: InvalidUtf8 = ...,
        strip_proclitics: bool = ...,
        stem: bool = ...,
    ) -> None: ...
    def normalize(self, text: str) -> str: ...
    def analyze(self, text: str) -> List[Token]: ...
    def is_stopword(self, word: str) -> bool: ...
    @property
    def id(self) -> str: ...
    @property
    def options(self) -> AnalyzerOptions: ...

def analyze(text: str) -> List[Token]: ...

# --- Index

@dataclass
class Article:
    id: str
    title: str = ...
    body: str = ...
    author: str = ...
    source: str = ...
    url: str = ...
    date: str = ...
    metadata: Dict[str, str] = ...

@dataclass
class IndexOptions:
    analyzer: AnalyzerOptions = ...
    store_text: bool = ...
    positions: bool = ...
    compact_positions: bool = ...
    threads: int = ...
    title_weight: int = ...
    flush_every: int = ...
    shards: int = ...
    remote_connect_timeout_ms: int = ...
    remote_timeout_ms: int = ...

class ShardLocation:
    path: str
    host: str
    port: int
    @staticmethod
    def local(path: str) -> ShardLocation: ...
    @staticmethod
    def remote(host: str, port: int) -> ShardLocation: ...
    @staticmethod
    def parse_remote(host_port: str) -> ShardLocation: ...
    @property
    def is_remote(self) -> bool: ...
    def describe(self) -> str: ...

@dataclass(frozen=True)
class IndexStats:
    documents: int
    distinct_terms: int
    average_length: float
    analyzer_id: str
    path: Optional[str]

class Index:
    def __init__(
        self,
        path: PathLike,
        writable: bool = ...,
        *,
        overwrite: bool = ...,
        options: Optional[IndexOptions] = ...,
        analyzer: AnalyzerOptions = ...,
        store_text: bool = ...,
        positions: bool = ...,
        compact_positions: bool = ...,
        threads: int = ...,
        title_weight: int = ...,
        flush_every: int = ...,
        shards: int = ...,
        remote_connect_timeout_ms: int = ...,
        remote_timeout_ms: int = ...,
    ) -> None: ...
    @classmethod
    def open(
        cls,
        path: PathLike,
        mode: OpenMode = ...,
        options: Optional[IndexOptions] = ...,
        *,
        analyzer: AnalyzerOptions = ...,
        store_text: bool = ...,
        positions: bool = ...,
        compact_positions: bool = ...,
        threads: int = ...,
        title_weight: int = ...,
        flush_every: int = ...,
        shards: int = ...,
        remote_connect_timeout_ms: int = ...,
        remote_timeout_ms: int = ...,
    ) -> Index: ...
    @classmethod
    def open_sharded(
        cls,
        shards: Iterable[Union[PathLike, ShardLocation]],
        mode: OpenMode = ...,
        options: Optional[IndexOptions] = ...,
        **overrides: Any,
    ) -> Index: ...
    @property
    def shards(self) -> List[ShardLocation]: ...
    @classmethod
    def in_memory(
        cls,
        options: Optional[IndexOptions] = ...,
        *,
        analyzer: AnalyzerOptions = ...,
        store_text: bool = ...,
        positions: bool = ...,
        compact_positions: bool = ...,
        threads: int = ...,
        title_weight: int = ...,
        flush_every: int = ...,
        shards: int = ...,
        remote_connect_timeout_ms: int = ...,
        remote_timeout_ms: int = ...,
    ) -> Index: ...
    def add(
        self, id: Union[str, int, Document], title: Optional[str] = ..., body: Optional[str] = ..., **fields: Any
    ) -> None: ...
    def add_many(self, documents: Iterable[Document], batch_size: int = ...) -> int: ...
    def add_batch(self, articles: Iterable[Document]) -> None: ...
    def delete(self, id: str) -> bool: ...
    def remove(self, id: str) -> bool: ...
    def commit(self) -> None: ...
    def reopen(self) -> None: ...
    def size(self) -> int: ...
    def __len__(self) -> int: ...
    def __contains__(self, id: object) -> bool: ...
    def stats(self) -> IndexStats: ...
    def get(self, id: str) -> Optional[Article]: ...
    def search(
        self,
        query: str,
        hits: int = ...,
        offset: int = ...,
        *,
        sort: SortOrder = ...,
        date_from: DateLike = ...,
        date_to: DateLike = ...,
        source: Sources = ...,
        fields: bool = ...,
        snippets: bool = ...,
        snippet_length: int = ...,
        highlight: Tuple[str, str] = ...,
        escape_html: bool = ...,
        facets: bool = ...,
        suggest: bool = ...,
        also_written: bool = ...,
    ) -> SearchResults: ...
    @property
    def writable(self) -> bool: ...
    @property
    def analyzer(self) -> Analyzer: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Index: ...
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None: ...

# --- Search

@dataclass
class RankingOptions:
    k1: float = ...
    b: float = ...
    length_norm_floor: float = ...
    form_weight: float = ...
    exact_weight: float = ...
    lone_word_exact_weight: float = ...
    article_weight: float = ...
    strip_weight: float = ...
    stem_weight: float = ...
    clitic_ratio: float = ...
    article_ratio: float = ...
    stem_ratio: float = ...
    phrase_weight: float = ...
    question_b: float = ...

@dataclass
class Hit:
    id: str
    rank: int
    score: float
    title: str
    author: str
    source: str
    url: str
    date: str
    metadata: Dict[str, str]
    snippet: str
    @property
    def fields(self) -> Dict[str, str]: ...

@dataclass
class SearchResults:
    hits: List[Hit]
    estimated_total: int
    source_counts: Dict[str, int]
    suggestion: Optional[str]
    ignored: List[str]
    also_written: List[Tuple[str, str, int]]
    @property
    def total(self) -> int: ...
    def __iter__(self) -> Iterator[Hit]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> Hit: ...

class Searcher:
    def __init__(
        self,
        index: Index,
        ranking: Optional[RankingOptions] = ...,
        *,
        k1: float = ...,
        b: float = ...,
        length_norm_floor: float = ...,
        form_weight: float = ...,
        exact_weight: float = ...,
        lone_word_exact_weight: float = ...,
        article_weight: float = ...,
        strip_weight: float = ...,
        stem_weight: float = ...,
        clitic_ratio: float = ...,
        article_ratio: float = ...,
        stem_ratio: float = ...,
        phrase_weight: float = ...,
        question_b: float = ...,
    ) -> None: ...
    def search(
        self,
        query: str,
        limit: int = ...,
        offset: int = ...,
        *,
        sort: SortOrder = ...,
        date_from: DateLike = ...,
        date_to: DateLike = ...,
        source: Sources = ...,
        fields: bool = ...,
        snippets: bool = ...,
        snippet_length: int = ...,
        highlight: Tuple[str, str] = ...,
        escape_html: bool = ...,
        facets: bool = ...,
        suggest: bool = ...,
        also_written: bool = ...,
    ) -> SearchResults: ...
    def reopen(self) -> None: ...

# --- Ingest

class JsonlReader:
    def __init__(self, path: PathLike, encoding: str = ...) -> None: ...
    def __iter__(self) -> JsonlReader: ...
    def __next__(self) -> Article: ...
    @property
    def line_number(self) -> int: ...
    def close(self) -> None: ...
    def __enter__(self) -> JsonlReader: ...
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None: ...

def read_text_article(path: PathLike, id: str, encoding: str = ...) -> Article: ...
def to_utf8(data: Union[bytes, bytearray, memoryview], encoding: str) -> str: ...
def is_valid_utf8(data: Union[bytes, bytearray, memoryview]) -> bool: ...

InputFormat = Literal["auto", "jsonl", "json", "zip", "text"]

class BadRecordWarning(UserWarning): ...

@dataclass(frozen=True)
class BadRecord:
    file: Optional[str]
    line: int
    message: str

class ArticleReader:
    bad_records: List[BadRecord]
    notices: List[str]
    def __init__(
        self, path: PathLike, *, format: InputFormat = ..., encoding: str = ..., strict: bool = ...
    ) -> None: ...
    def __iter__(self) -> ArticleReader: ...
    def __next__(self) -> Article: ...
    @property
    def current_file(self) -> str: ...
    def close(self) -> None: ...
    def __enter__(self) -> ArticleReader: ...
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None: ...

def read_articles(
    path: PathLike, *, format: InputFormat = ..., encoding: str = ..., strict: bool = ...
) -> ArticleReader: ...
