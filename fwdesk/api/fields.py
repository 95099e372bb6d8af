"""Tolerant, typed reading of JSON objects from the server.

The API's shapes are partly guessed (API.md marks them [uncertain]), so the parser forgives what
is harmless (unknown keys, missing optional keys, ``null``, numbers sent as text) and refuses
what is not (an object where a number belongs) with a `ResponseFormatError` naming the exact
path, e.g. ``orders[2].shipments[0].weight``. A KeyError or TypeError never escapes from here.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Self, TypeVar

from fwdesk.api.errors import ResponseFormatError

T = TypeVar("T")

WHOLE_NUMBER = re.compile(r"-?[0-9]+")
"""ASCII digits only: str.isdigit() also passes "¹" or "²", which int() then refuses."""
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


def describe(value: object) -> str:
    """A short, safe description of an unexpected value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text" if len(value) > 40 else f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def as_object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ResponseFormatError(f"{where}: expected an object, got {describe(value)}")
    return value


def as_list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ResponseFormatError(f"{where}: expected a list, got {describe(value)}")
    return value


def parse_list(value: object, where: str, parse: Callable[[object, str], T]) -> list[T]:
    return [parse(item, f"{where}[{i}]") for i, item in enumerate(as_list(value, where))]


def _expected(where: str, expected: str, value: object) -> ResponseFormatError:
    return ResponseFormatError(f"{where}: expected {expected}, got {describe(value)}")


def to_text(value: object, where: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _expected(where, "text", value)


def to_int(value: object, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value.strip())
    raise _expected(where, "a whole number", value)


def to_decimal(value: object, where: str) -> Decimal:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise _expected(where, "a number", value) from None
        if number.is_finite():
            return number
    raise _expected(where, "a number", value)


def to_bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _expected(where, "true or false", value)


class Reader:
    """Typed access to one JSON object; every getter names the path on failure."""

    def __init__(self, data: object, where: str) -> None:
        self.data = as_object(data, where)
        self.where = where

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def _get(self, key: str, convert: Callable[[object, str], T], default: T) -> T:
        value = self.data.get(key)
        return default if value is None else convert(value, self.path(key))

    def text(self, key: str, default: str = "") -> str:
        return self._get(key, to_text, default)

    def opt_text(self, key: str) -> str | None:
        return self._get(key, to_text, None)

    def integer(self, key: str, default: int = 0) -> int:
        return self._get(key, to_int, default)

    def opt_integer(self, key: str) -> int | None:
        return self._get(key, to_int, None)

    def decimal(self, key: str, default: Decimal = Decimal(0)) -> Decimal:
        return self._get(key, to_decimal, default)

    def opt_decimal(self, key: str) -> Decimal | None:
        return self._get(key, to_decimal, None)

    def boolean(self, key: str, default: bool = False) -> bool:
        return self._get(key, to_bool, default)

    def items(self, key: str, parse: Callable[[object, str], T]) -> list[T]:
        return parse_list(self.data.get(key), self.path(key), parse)

    def texts(self, key: str) -> list[str]:
        return self.items(key, to_text)

    def integers(self, key: str) -> list[int]:
        return self.items(key, to_int)

    def child(self, key: str, parse: Callable[[object, str], T]) -> T | None:
        return self._get(key, parse, None)


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    """Request bodies leave optional fields out rather than sending ``null``."""
    return {key: value for key, value in data.items() if value is not None}


class Model:
    """Base of the API dataclasses: `from_json` reads them by their annotations.

    A field's JSON key is its name unless ``metadata={"json": "..."}`` says otherwise, and
    ``metadata={"required": True}`` makes a missing value an error instead of a default.
    """

    @classmethod
    def from_json(cls, data: object, where: str = "") -> Self:
        reader = Reader(data, where or cls.__name__)
        values = {}
        for name, key, convert, required in _plan(cls):
            value = reader.raw(key)
            if value is None:
                if required:
                    raise ResponseFormatError(f"{reader.path(key)}: missing")
                continue
            values[name] = convert(value, reader.path(key))
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return request_fields(self)


@functools.cache
def _plan(cls: type) -> list[tuple[str, str, Callable[[object, str], Any], bool]]:
    hints = typing.get_type_hints(cls)
    return [
        (
            f.name,
            f.metadata.get("json", f.name),
            _converter(hints[f.name]),
            bool(f.metadata.get("required")),
        )
        for f in dataclasses.fields(cls)
    ]


_SCALARS: dict[object, Callable[[object, str], Any]] = {
    str: to_text,
    int: to_int,
    Decimal: to_decimal,
    bool: to_bool,
}


def _passthrough(value: object, where: str) -> Any:
    return value


def _converter(hint: object) -> Callable[[object, str], Any]:
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (types.UnionType, typing.Union) and len(args) == 1:
        return _converter(args[0])
    if origin is list:
        item = _converter(args[0])
        return lambda value, where: parse_list(value, where, item)
    if origin is dict or hint is dict:
        return as_object
    if isinstance(hint, type) and issubclass(hint, Model):
        return hint.from_json
    return _passthrough


def to_request(value: Any) -> Any:
    """Any request value as JSON: models by their `to_json`, money as numbers."""
    if isinstance(value, Model):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [to_request(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def request_fields(model: Any) -> dict[str, Any]:
    """A model's fields under their JSON names; optional fields that are None are left out."""
    return {
        f.metadata.get("json", f.name): to_request(getattr(model, f.name))
        for f in dataclasses.fields(model)
        if getattr(model, f.name) is not None
    }
