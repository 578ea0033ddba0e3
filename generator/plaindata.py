"""Our values as plain data (MessagePack), and back: what the check's cache keeps, and what a
forked reading process sends back. Only data: reading it back builds none but the classes named
here (the model's records and values, `Problem`), from the values written, and runs no
code that the data names; anything else in it is an error (`BadData`).

Every map is tagged by its one key: {"@": class name, "v": [field values]} a record or value,
{"D": [[key, value], ...]} a mapping, {"S": [...]} a frozen set, {"X": "INVALID"} the marker of a
value that could not be read; an array is a tuple (a NamedTuple is written as one: its reader
knows which it is, see `loaded.Reading.decoded`).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

import msgpack


class BadData(ValueError):
    """The data does not describe one of our values."""


_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {}
_CLASSES: dict[str, Callable[..., Any]] = {}


def _classes() -> dict[str, Callable[..., Any]]:
    """The classes data may name, by name (imported here: they import this module's users)."""
    if not _CLASSES:
        from . import model
        from .errors import Problem

        for name, value in vars(model).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__:
                _CLASSES[name] = value
        _CLASSES["Problem"] = Problem
    return _CLASSES


def _tagged(value: Any) -> dict[str, Any]:
    """A value of ours that MessagePack has no type for, as a tagged map whose inside is left to
    the packer (which calls this again for what is inside it and not plain)."""
    encoder = _ENCODERS.get(type(value))
    if encoder is None:
        encoder = _ENCODERS[type(value)] = _encoder(type(value))
    return encoder(value)


def _encoder(t: type) -> Callable[[Any], dict[str, Any]]:
    from .schema import INVALID

    if t is frozenset:
        return lambda value: {"S": sorted(value)}
    if t is type(INVALID):
        return lambda value: {"X": "INVALID"}
    name = t.__name__
    if _classes().get(name) is not t:
        raise TypeError(f"plaindata: {t!r} is not one of the classes it may write")
    names = tuple(f.name for f in dataclasses.fields(t))
    get = operator.attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)
    if any("dict" in str(f.type) for f in dataclasses.fields(t)):
        return lambda value: {"@": name, "v": [_mapping(v) if type(v) is dict else v for v in get(value)]}
    return lambda value: {"@": name, "v": get(value)}


def _mapping(value: dict[Any, Any]) -> dict[str, list[list[Any]]]:
    return {"D": [[k, v] for k, v in value.items()]}


def dumps(value: Any) -> bytes:
    """`value` as plain data. A mapping is allowed as a field of a record, as `value` itself or as
    one of its items: the packer would write any other untagged, and `loads` would refuse it."""
    if type(value) in (tuple, list):
        value = [_mapping(v) if type(v) is dict else v for v in value]
    elif type(value) is dict:
        value = _mapping(value)
    return _PACK(value)


_PACK = msgpack.Packer(default=_tagged, use_bin_type=True, strict_types=False).pack


def loads(data: bytes | memoryview) -> Any:
    """The value `dumps` wrote as `data`; BadData if it is anything else."""
    try:
        return msgpack.unpackb(data, use_list=False, raw=False, object_hook=_object, strict_map_key=True)
    except (ValueError, TypeError, RecursionError, msgpack.UnpackException) as exc:
        raise BadData(str(exc)) from None


def _object(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        (tag, value), = obj.items()
        if tag == "D" and type(value) is tuple:
            return dict(value)
        if tag == "S" and type(value) is tuple:
            return frozenset(value)
        if tag == "X" and value == "INVALID":
            from .schema import INVALID

            return INVALID
    elif len(obj) == 2 and type(obj.get("v")) is tuple:
        cls = _classes().get(obj.get("@"))  # type: ignore[arg-type]
        if cls is not None:
            return cls(*obj["v"])
    raise BadData(f"not one of our values: {sorted(map(str, obj))[:2]}")
