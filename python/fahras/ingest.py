r"""Ingest: reading articles from files (:func:`read_articles` for every kind the CLI reads) and the
encoding helpers."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Any, Iterator, List, Literal, Optional, Union

from . import _fahras
from ._fahras import RecordError
from ._native import PathLike
from .index import Article

InputFormat = Literal["auto", "jsonl", "json", "zip", "text"]


class BadRecordWarning(UserWarning):
    r"""A record :func:`read_articles` skipped; the message is ``"FILE: line N: why (skipped)"``, as
    ``fahras index`` prints it."""


@dataclass(frozen=True)
class BadRecord:
    r"""One record that could not be read."""

    file: Optional[str]
    r"""The file it came from (``"ARCHIVE(ENTRY)"`` inside a zip archive)."""
    line: int
    r"""1-based line where it starts, 0 when unknown (a zip entry that cannot be unpacked)."""
    message: str
    r"""Why, starting with ``"line N: "`` when there is a line."""


class ArticleReader:
    r"""Iterates over the articles of one file, read as ``fahras index`` reads it (see
    :func:`read_articles`). Bad records are skipped, kept in :attr:`bad_records` and reported as a
    :class:`BadRecordWarning`; with ``strict=True`` the first one raises :class:`RecordError` instead
    (iteration may then go on with the next record)."""

    __slots__ = ("_impl", "_strict", "bad_records", "notices")

    def __init__(self, path: PathLike, *, format: InputFormat = "auto", encoding: str = "utf-8",
                 strict: bool = False) -> None:
        r"""Opens ``path``; raises :class:`InputFileError` if it cannot be read and
        :class:`InvalidArgumentError` for an unknown format or encoding."""
        self._impl = _fahras.ArticleReader(os.fspath(path), format, encoding)
        self._strict = strict
        self.bad_records: List[BadRecord] = []
        r"""Every record skipped so far."""
        self.notices: List[str] = []
        r"""What was skipped without being an error (zip entries that hold no articles)."""

    def __iter__(self) -> ArticleReader:
        return self

    def __next__(self) -> Article:
        while True:
            try:
                raw = self._impl.next()
            except RecordError as e:
                bad = BadRecord(e.file, e.line, str(e))
                self.bad_records.append(bad)
                if self._strict:
                    raise
                where = f"{bad.file}: " if bad.file else ""
                warnings.warn(f"{where}{bad.message} (skipped)", BadRecordWarning, stacklevel=2)
                continue
            finally:
                self.notices.extend(self._impl.take_notices())
            if raw is None:
                raise StopIteration
            return Article(**raw)

    @property
    def current_file(self) -> str:
        r"""The file (``"ARCHIVE(ENTRY)"`` in a zip archive) of the last article or bad record."""
        return self._impl.current_file

    def close(self) -> None:
        r"""Closes the file; iteration then ends."""
        self._impl.close()

    def __enter__(self) -> ArticleReader:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.close()


def read_articles(path: PathLike, *, format: InputFormat = "auto", encoding: str = "utf-8",
                  strict: bool = False) -> ArticleReader:
    r"""The articles of ``path``, read as ``fahras index`` reads it, for :meth:`Index.add_many`:

    - ``.jsonl``/``.ndjson``: JSON Lines; ``.json``: a JSON array (SaudiNewsNet's layout) or JSON Lines;
    - ``.zip``: every ``.json``, ``.jsonl`` and ``.ndjson`` entry (SaudiNewsNet's files as they are);
    - anything else: one plain-text article (first non-empty line the title, the file name its id).

    Records are mapped as :meth:`Index.add_many` maps dicts (one mapping, in the C++ library); a record
    of a JSON array without an id gets ``NAME-N``. ``format`` forces ``"jsonl"``, ``"json"``,
    ``"zip"`` or ``"text"``; ``encoding`` names the bytes' encoding (e.g. ``"windows-1256"``). Bad
    records are reported with file and line (see :class:`ArticleReader`)."""
    return ArticleReader(path, format=format, encoding=encoding, strict=strict)


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
