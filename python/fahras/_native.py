r"""Private helpers shared by the modules of the fahras package: type aliases, keyword overrides of
option dataclasses, and the copy of a dataclass into the compiled module's bound C++ struct."""

from __future__ import annotations

import dataclasses
import datetime
import os
from typing import Any, Dict, Optional, Type, TypeVar, Union

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[str, datetime.date, None]
_Options = TypeVar("_Options")


def with_overrides(cls: Type[_Options], given: Optional[_Options], overrides: Dict[str, Any]) -> _Options:
    r"""Returns ``given`` (or the defaults of ``cls``) with the keyword ``overrides`` applied."""
    if given is None:
        given = cls()
    elif not isinstance(given, cls):
        raise TypeError(f"options must be a {cls.__name__}, not {type(given).__name__}")
    return dataclasses.replace(given, **overrides) if overrides else given  # type: ignore[type-var]


def _check_type(name: str, value: Any, current: Any) -> None:
    r"""TypeError unless ``value`` has the type of the C++ field's ``current`` value (pybind11 would
    turn 1 into True, or a float into an int, without a word)."""
    if isinstance(current, bool):
        ok = isinstance(value, bool)
    elif isinstance(current, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(current, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(current, str):
        ok = isinstance(value, str)
    else:
        ok = True
    if not ok:
        raise TypeError(f"{name} must be {type(current).__name__}, not {type(value).__name__}")


def to_native(value: Any, native_type: Any) -> Any:
    r"""The option dataclass ``value`` as an instance of the bound C++ struct ``native_type``, field by
    field (nested dataclasses too)."""
    native = native_type()
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        current = getattr(native, f.name)
        if dataclasses.is_dataclass(item):
            item = to_native(item, type(current))
        else:
            _check_type(f.name, item, current)
        setattr(native, f.name, item)
    return native


def from_native(native: Any, cls: Any) -> Any:
    r"""The bound C++ struct ``native`` as the option dataclass ``cls`` (nested dataclasses too)."""
    values = {}
    for f in dataclasses.fields(cls):
        item = getattr(native, f.name)
        nested = f.default_factory  # type: ignore[misc]
        if nested is not dataclasses.MISSING and dataclasses.is_dataclass(nested):
            item = from_native(item, nested)
        values[f.name] = item
    return cls(**values)


def iso_date(name: str, value: DateLike) -> str:
    r"""A date bound as the ISO 8601 string the library expects ("" for None)."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{name} must be a str, datetime.date or None, not {type(value).__name__}")


def non_negative(name: str, value: int) -> int:
    r"""``value`` if it is an int >= 0; TypeError or InvalidArgumentError otherwise."""
    if type(value) is int and value >= 0:  # the common case first: this runs on every search
        return value
    from ._fahras import InvalidArgumentError

    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise InvalidArgumentError(f"{name} must not be negative, got {value}")
    return value
