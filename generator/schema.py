"""Turn located YAML nodes into model objects, reading the schema from the model's type hints.

The same hints produce the JSON Schema files editors' tools use (`json_schema`), so validation,
model and schema cannot drift apart. Every problem is recorded with its field path and place.
"""

from __future__ import annotations

import calendar
import dataclasses
import difflib
import re
import types
import typing
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import urlsplit

from .errors import Problem
from .model import (KINDS, LANGS, UNKNOWN, PartialDate, Ref, SlugSpec, TextSpec, UrlSpec)
from .yamlread import Mapping, Node, Scalar, Sequence

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_NAMES = {"en": "English", "fr": "French"}


class _Invalid:
    """The value of a field or record that has problems (they are reported; it is never used)."""

    def __repr__(self) -> str:
        return "INVALID"

    def __reduce__(self) -> str:
        return "INVALID"  # pickled as a reference to this module's one INVALID


INVALID: Any = _Invalid()


@dataclasses.dataclass
class Reader:
    """Converts one file's nodes, collecting problems and where each field was written."""

    path: str
    problems: list[Problem]
    locations: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def problem(self, node: Node, field: str, message: str) -> Any:
        self.problems.append(Problem(self.path, node.line, node.col, field, message))
        return INVALID

    def convert(self, node: Node, hint: Any, field: str) -> Any:
        self.locations[field] = (node.line, node.col)
        shape, arg = _shape(hint)
        if shape == "text":
            return self._text(node, arg, field)
        if shape == "optional":
            if isinstance(node, Scalar) and node.reads_as == "null":
                return None
            return self.convert(node, arg, field)
        if shape == "tuple":
            return self._sequence(node, arg, field)
        if shape == "dict":
            return self._vocabulary(node, arg, field)
        if shape == "choice":
            return self._choice(node, arg, field)
        if shape == "date":
            return self._date(node, field)
        return self.record(node, arg, field)

    def record(self, node: Node, cls: type, prefix: str = "", record_id: str | None = None) -> Any:
        if not isinstance(node, Mapping):
            return self.problem(node, prefix, f"expected fields ({_example(cls)}), found {_found(node)}")
        fields = _fields(cls)
        values: dict[str, Any] = {}
        ok = _no_duplicates(self, node, prefix)
        for key, value_node in node.items:
            name = f"{prefix}.{key.value}" if prefix else key.value
            if key.value in values:
                continue
            if key.value not in fields:
                hint = _suggest(key.value, fields)
                self.problem(key, name, f"unknown field{hint}")
                ok = False
                continue
            value = self.convert(value_node, fields[key.value].type, name)
            ok = ok and value is not INVALID
            values[key.value] = value
        if len(values) < len(fields):  # some field not written: is it required?
            ok = self._missing(node, cls, prefix, values) and ok
        if not ok:
            return INVALID
        if record_id is not None:
            values["id"] = record_id
        return cls(**values)

    def _missing(self, node: Mapping, cls: type, prefix: str, values: dict[str, Any]) -> bool:
        """Report each required field that is not written; True if there is none."""
        ok = True
        for fname, f in _fields(cls).items():
            if fname not in values and _required(f):
                what = f"the {LANG_NAMES[fname]} text" if fname in LANGS else f"field '{fname}'"
                self.problem(node, _join(prefix, fname), f"missing {what}: add `{fname}:`")
                ok = False
        return ok

    def _sequence(self, node: Node, item: Any, field: str) -> Any:
        if not isinstance(node, Sequence):
            return self.problem(node, field, f"expected a list (lines starting with '- '), found {_found(node)}")
        items = [self.convert(child, item, f"{field}[{i}]") for i, child in enumerate(node.items)]
        if any(v is INVALID for v in items):
            return INVALID
        seen: dict[Any, int] = {}
        for i, (child, value) in enumerate(zip(node.items, items)):
            if isinstance(value, str) and value in seen:
                self.problem(child, f"{field}[{i}]", f"'{value}' is listed twice (also at [{seen[value]}]): remove one")
                return INVALID
            if isinstance(value, str):
                seen[value] = i
        return tuple(items)

    def _vocabulary(self, node: Node, args: tuple, field: str) -> Any:
        keys = get_args(args[0])
        if not isinstance(node, Mapping):
            return self.problem(node, field, f"expected one entry for each of {', '.join(keys)}, found {_found(node)}")
        out: dict[str, Any] = {}
        ok = _no_duplicates(self, node, field)
        for key, value_node in node.items:
            if key.value in out:
                continue
            if key.value not in keys:
                self.problem(key, _join(field, key.value), f"unknown entry{_suggest(key.value, keys)}")
                continue
            out[key.value] = self.convert(value_node, args[1], _join(field, key.value))
        for key in keys:
            if key not in out:
                self.problem(node, _join(field, key), f"missing entry '{key}': add it")
        if not ok or len(out) != len(keys) or any(v is INVALID for v in out.values()):
            return INVALID
        return {k: out[k] for k in keys}

    def _choice(self, node: Node, options: tuple, field: str) -> Any:
        value = self._scalar(node, field)
        if value is INVALID:
            return INVALID
        if value not in options:
            hint = _suggest(value, options, prefix=" — did you mean '{}'?", fallback="")
            return self.problem(node, field, f"'{value}' is not one of: {', '.join(options)}{hint}")
        return value

    def _date(self, node: Node, field: str) -> Any:
        if not isinstance(node, Scalar):
            return self.problem(node, field, f"expected a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown), found {_found(node)}")
        value = node.value.strip()
        if value == UNKNOWN:
            return PartialDate()
        match = DATE_RE.match(value)
        if not match:
            return self.problem(node, field, f"'{value}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD, or unknown")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            return self.problem(node, field, f"'{value}' is not a date: there is no month {month}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                return self.problem(node, field, f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days")
        return PartialDate(year, month, day)

    def _scalar(self, node: Node, field: str) -> Any:
        if not isinstance(node, Scalar):
            return self.problem(node, field, f"expected text, found {_found(node)}")
        if node.reads_as not in ("text",):
            return self.problem(node, field, f"YAML reads {node.value!r} as a {node.reads_as}, not text: put it in quotes ('{node.value}')")
        return node.value

    def _text(self, node: Node, specs: list, field: str) -> Any:
        value = self._scalar(node, field)
        if value is INVALID:
            return INVALID
        text_spec = next((s for s in specs if isinstance(s, TextSpec)), None)
        value = value.strip() if not (text_spec and text_spec.multiline) else value.strip("\n").rstrip()
        if not value.strip():
            return self.problem(node, field, "is empty: write the text, or remove the field if it is optional")
        if text_spec and not text_spec.multiline and "\n" in value:
            return self.problem(node, field, "must be a single line: remove the line breaks")
        for spec in specs:
            if isinstance(spec, UrlSpec):
                if spec.unknown_ok and value == UNKNOWN:
                    return value
                reason = url_problem(value)
                if reason:
                    return self.problem(node, field, reason)
            if isinstance(spec, SlugSpec) and not SLUG_RE.match(value):
                return self.problem(node, field, f"'{value}' is not a slug: use lower-case letters, digits and single hyphens, e.g. '{_slugish(value)}'")
            if isinstance(spec, Ref) and not SLUG_RE.match(value):
                return self.problem(node, field, f"'{value}' is not a valid id: ids are lower-case letters, digits and single hyphens")
        return value


def _no_duplicates(reader: Reader, node: Mapping, prefix: str) -> bool:
    """Report each key written twice (YAML would silently keep the last); True if there are none."""
    first: dict[str, Scalar] = {}
    for key, _ in node.items:
        if key.value in first:
            reader.problem(key, _join(prefix, key.value), f"duplicate key (first at line {first[key.value].line}): keep one of them")
        else:
            first[key.value] = key
    return len(first) == len(node.items)


def url_problem(value: str) -> str | None:
    """Why `value` is not a plain, safe http(s) URL; None if it is one."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        return "URL contains spaces or control characters: encode them (%20) or fix the URL"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return f"'{value}' is not a valid URL"
    if parts.scheme not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        return f"only http:// and https:// URLs are allowed, not '{scheme}:'"
    if parts.username is not None or parts.password is not None:
        return "URL must not contain a user name or password"
    if not parts.hostname:
        return "URL has no host name"
    return None


# --- Reading the hints ---------------------------------------------------------------------------


def _unwrap(hint: Any) -> tuple[Any, list]:
    specs: list = []
    while get_origin(hint) is Annotated:
        args = get_args(hint)
        hint, specs = args[0], list(args[1:]) + specs
    return hint, specs


def _rewrap(hint: Any, specs: list) -> Any:
    return Annotated[(hint, *specs)] if specs else hint


def _shape(hint: Any) -> tuple[str, Any]:
    """What `Reader.convert` does with a value of type `hint`, worked out once per hint (by
    identity: hashing an Annotated hint is itself slow, and the hints live as long as the model)."""
    known = _SHAPES.get(id(hint))
    if known is None or known[0] is not hint:
        known = _SHAPES[id(hint)] = (hint, _work_out_shape(hint))
    return known[1]


_SHAPES: dict[int, tuple[Any, tuple[str, Any]]] = {}


def _work_out_shape(hint: Any) -> tuple[str, Any]:
    base, specs = _unwrap(hint)
    origin = get_origin(base)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(base) if a is not type(None)][0]
        return "optional", _rewrap(inner, specs)
    if origin is tuple:
        return "tuple", get_args(base)[0]
    if origin is dict:
        return "dict", get_args(base)
    if origin is Literal:
        return "choice", get_args(base)
    if base is PartialDate:
        return "date", None
    if dataclasses.is_dataclass(base):
        return "record", base
    return "text", tuple(specs)


class _F(typing.NamedTuple):
    type: Any
    field: dataclasses.Field


@lru_cache(maxsize=None)
def _fields(cls: type) -> dict[str, _F]:
    """A class's fields with their full hints; a record's `id` is left out: it is the file name."""
    hints = typing.get_type_hints(cls, include_extras=True)
    is_record = cls in KINDS.values()
    return {f.name: _F(hints[f.name], f) for f in dataclasses.fields(cls) if not (is_record and f.name == "id")}


def _required(f: _F) -> bool:
    return f.field.default is dataclasses.MISSING and f.field.default_factory is dataclasses.MISSING


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _found(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping of fields"
    if isinstance(node, Sequence):
        return "a list"
    return f"{node.value!r}" if node.value else "nothing"


def _example(cls: type) -> str:
    names = [name for name, f in _fields(cls).items() if _required(f)][:3]
    return ", ".join(f"{n}: …" for n in names)


def _suggest(word: str, options, prefix: str = " — did you mean '{}'?", fallback: str | None = None) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if close:
        return prefix.format(close[0])
    if fallback is not None:
        return fallback
    return f"; known fields: {', '.join(options)}"


def _slugish(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"


# --- JSON Schema -------------------------------------------------------------------------------


def json_schema(cls: type, title: str) -> dict:
    """A JSON Schema (draft 2020-12) for one record kind, from the same hints `Reader` uses."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    schema.update(_schema_for(cls))
    return schema


def _schema_for(hint: Any, doc: str | None = None) -> dict:
    base, specs = _unwrap(hint)
    origin = get_origin(base)
    out: dict[str, Any]
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(base) if a is not type(None)][0]
        out = _schema_for(_rewrap(inner, specs))
    elif origin is tuple:
        out = {"type": "array", "items": _schema_for(get_args(base)[0])}
        if any(isinstance(s, Ref) for s in _unwrap(get_args(base)[0])[1]):
            out["uniqueItems"] = True
    elif origin is dict:
        keys, value = get_args(base)
        names = list(get_args(keys))
        out = {"type": "object", "properties": {k: _schema_for(value) for k in names},
               "required": names, "additionalProperties": False}
    elif origin is Literal:
        out = {"enum": list(get_args(base))}
    elif base is PartialDate:
        out = {"type": ["string", "integer"], "pattern": r"^(unknown|\d{4}(-\d{2}(-\d{2})?)?)$"}
    elif dataclasses.is_dataclass(base):
        fields = _fields(base)
        out = {"type": "object", "additionalProperties": False,
               "properties": {n: _schema_for(f.type, f.field.metadata.get("doc")) for n, f in fields.items()},
               "required": [n for n, f in fields.items() if _required(f)]}
        if base.__doc__:
            out["description"] = " ".join(base.__doc__.split())
    else:
        out = {"type": "string", "minLength": 1}
        for spec in specs:
            if isinstance(spec, UrlSpec):
                out["pattern"] = r"^(unknown|https?://\S+)$" if spec.unknown_ok else r"^https?://\S+$"
            if isinstance(spec, (SlugSpec, Ref)):
                out["pattern"] = SLUG_RE.pattern
    if doc:
        out["description"] = doc
    return out
