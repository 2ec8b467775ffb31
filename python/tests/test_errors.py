"""The exception hierarchy: fahras.Error and its subclasses, mirroring error.hpp."""

from __future__ import annotations

import builtins
import pathlib
import pickle

import pytest

import fahras

HIERARCHY = {
    "Error": (Exception,),
    "InvalidArgumentError": (fahras.Error, ValueError),
    "EncodingError": (fahras.InvalidArgumentError,),
    "QuerySyntaxError": (fahras.InvalidArgumentError,),
    "IndexAccessError": (fahras.Error, OSError),
    "IndexNotFoundError": (fahras.IndexAccessError, FileNotFoundError),
    "CorruptIndexError": (fahras.IndexAccessError,),
    "IndexLockedError": (fahras.IndexAccessError,),
    "AnalyzerMismatchError": (fahras.IndexAccessError,),
}


@pytest.mark.parametrize("name, bases", HIERARCHY.items())
def test_hierarchy(name: str, bases: tuple[type, ...]) -> None:
    cls = getattr(fahras, name)
    assert cls.__module__ == "fahras"
    assert cls.__doc__
    for base in bases:
        assert issubclass(cls, base)
    assert issubclass(cls, fahras.Error)
    assert name in fahras.__all__


def test_builtin_index_error_is_not_shadowed() -> None:
    assert not hasattr(fahras, "IndexError")
    assert not issubclass(fahras.IndexAccessError, builtins.IndexError)


@pytest.mark.parametrize("name", HIERARCHY)
def test_exceptions_pickle(name: str) -> None:
    error = getattr(fahras, name)("message")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == "message"


def test_missing_index_is_file_not_found(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "nothing-here"
    with pytest.raises(fahras.IndexNotFoundError) as info:
        fahras.Index.open(path, "read_only")
    assert isinstance(info.value, FileNotFoundError)
    assert isinstance(info.value, fahras.IndexAccessError)
    assert str(path) in str(info.value)
    with pytest.raises(FileNotFoundError):
        fahras.Index.open(path, "read_only")


def test_invalid_argument_is_value_error() -> None:
    with pytest.raises(ValueError):
        fahras.Index.in_memory().add(fahras.Article(id=""))
    with pytest.raises(ValueError):
        fahras.to_utf8(b"abc", "no-such-encoding")
    with pytest.raises(fahras.Error):
        fahras.Index.open("", "read_only")


def test_file_instead_of_index_directory(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "file"
    path.write_text("not an index")
    with pytest.raises(fahras.IndexAccessError):
        fahras.Index.open(path)


def test_corrupt_version_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with fahras.Index.open(path) as idx:
        idx.add(fahras.Article(id="1", body="نص"))
    (path / "iamglass").write_bytes(b"junk" * 100)
    with pytest.raises(fahras.CorruptIndexError):
        fahras.Index.open(path, "read_only")


def test_corrupt_table_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idx"
    with fahras.Index.open(path) as idx:
        idx.add(fahras.Article(id="1", body="نص"))
    for table in path.glob("*.glass"):
        table.write_bytes(b"junk" * 100)
    with pytest.raises(fahras.CorruptIndexError):
        fahras.Index.open(path, "read_only").size()


def test_index_constructor_errors_are_os_and_value_errors(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(OSError) as info:
        fahras.Index(missing, writable=False)
    assert type(info.value) is fahras.IndexNotFoundError
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, fahras.Error)
    assert not missing.exists()  # a read-only open creates nothing
    path = tmp_path / "idx"
    with fahras.Index(path):
        with pytest.raises(OSError) as locked:
            fahras.Index(path)
        assert type(locked.value) is fahras.IndexLockedError
    (tmp_path / "file").write_text("not an index")
    with pytest.raises(OSError):
        fahras.Index(tmp_path / "file")
    with pytest.raises(ValueError, match="invalid_utf8"):
        fahras.Index(tmp_path / "x", analyzer=fahras.AnalyzerOptions(invalid_utf8="bogus"))  # type: ignore[arg-type]


def test_closed_index_raises_value_error() -> None:
    idx = fahras.Index.in_memory()
    idx.add("1", "نص")
    idx.close()
    for call in (lambda: idx.search("نص"), lambda: idx.add("2"), lambda: idx.add_many([{"id": "3"}]),
                 lambda: idx.delete("1"), lambda: len(idx)):
        with pytest.raises(fahras.InvalidArgumentError, match="closed"):
            call()
