"""The public surface: every name documented, and the type stubs in step with the module."""

from __future__ import annotations

import ast
import inspect
import pathlib

import pytest

import fahras

STUBS = pathlib.Path(fahras.__file__).with_name("__init__.pyi")


def public_members(cls: type) -> list[str]:
    """Methods and properties a user calls: defined on the class itself, not dunder, not private."""
    return [name for name, value in vars(cls).items()
            if not name.startswith("_") and (inspect.isfunction(value) or isinstance(value, (property, classmethod)))]


def stub_names() -> dict[str, set[str]]:
    """Top-level names of the stubs, each with the names defined in its body (classes)."""
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)} | {
                n.target.id for n in node.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = set()
    return names


@pytest.mark.parametrize("name", fahras.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(fahras, name)
    assert inspect.getdoc(obj), name
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        for member in public_members(obj):
            value = inspect.getattr_static(obj, member)
            target = value.__func__ if isinstance(value, classmethod) else value
            assert inspect.getdoc(target), f"{name}.{member}"


def test_module_docstring_shows_the_api() -> None:
    for word in ("fahras.Index(", "add_many", ".search(", "fahras.analyze("):
        assert word in fahras.__doc__


@pytest.mark.parametrize("name", fahras.__all__)
def test_stubs_declare_every_public_name(name: str) -> None:
    stubs = stub_names()
    assert name in stubs, f"{name} missing from {STUBS.name}"
    obj = getattr(fahras, name)
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        missing = set(public_members(obj)) - stubs[name]
        assert not missing, f"{name}: {sorted(missing)} missing from {STUBS.name}"


def test_stubs_declare_the_signatures() -> None:
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    index = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Index")
    methods = {n.name: n for n in index.body if isinstance(n, ast.FunctionDef)}
    assert [a.arg for a in methods["__init__"].args.args] == ["self", "path", "writable"]
    assert [a.arg for a in methods["search"].args.args] == ["self", "query", "hits", "offset"]
    assert {"sort", "date_from", "date_to", "source"} <= {a.arg for a in methods["search"].args.kwonlyargs}
    assert methods["add"].args.kwarg is not None  # **fields


def test_stubs_compile() -> None:
    # ast.parse accepts what the compiler refuses (a keyword declared twice), and so would a type checker.
    compile(STUBS.read_text(encoding="utf-8"), str(STUBS), "exec")


@pytest.mark.parametrize("cls", ["Index", "Searcher"])
def test_stubs_declare_the_search_keywords_search_takes(cls: str) -> None:
    from fahras.search import run_search  # where both search methods' **options go

    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    search = next(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "search")
    taken = [p.name for p in inspect.signature(run_search).parameters.values() if p.kind is p.KEYWORD_ONLY]
    assert [a.arg for a in search.args.kwonlyargs] == taken
