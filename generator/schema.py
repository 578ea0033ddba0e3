"""The check's conversion: located YAML nodes into model objects, each field read by the converter
of its shape in the model's description (`description`), made once per shape. Every problem is
recorded with its field path and place; `new` reads what an editor gives through the same
converters, so it accepts what the check accepts and says what the check says.
"""

from __future__ import annotations

import calendar
import dataclasses
import difflib
import re
import typing
from collections.abc import Callable, Collection
from typing import Any, Literal
from urllib.parse import urlsplit

from .description import ModelField, Shape, Walker, fold, record_shape
from .errors import Problem
from .model import LANGS, UNKNOWN, UNKNOWN_DATE, PartialDate, PatternSpec, Ref, SlugSpec, TextSpec, UrlSpec
from .text import shown
from .yamlread import Mapping, Node, Scalar, Sequence

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The longest id and URL slug: each becomes a file or folder name (at most 255 bytes on most
# systems), with a suffix (`.yaml`, `.md`, `.txt`) or inside a longer path of the built site.
MAX_SLUG = 100
MAX_URL_SLUG = 200
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_NAMES = {"en": "English", "fr": "French"}


class _Invalid:
    """The marker of a value that could not be read (`plaindata` writes and reads it as itself)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


# What converting a node of each shape does is worked out once per shape (`_CONVERTERS`, through
# `description.fold`), so reading a file does no type introspection: each shape becomes a function
# of (reader, node, field).
Convert = Callable[["Reader", Node, str], Any]
RecordConvert = Callable[["Reader", Node, str, "str | None"], Any]


@dataclasses.dataclass
class Reader:
    """Converts one file's nodes, collecting problems and where each field was written."""

    path: str
    problems: list[Problem]
    locations: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def problem(self, node: Node, field: str, message: str) -> Any:
        self.problems.append(Problem(self.path, node.line, node.col, field, message))
        return INVALID

    def convert(self, node: Node, shape: Shape, field: str) -> Any:
        """The value `node` holds, read as a value of `shape` (INVALID, and a problem, if it is not one)."""
        return converter(shape)(self, node, field)

    def record(self, node: Node, cls: type, prefix: str = "", record_id: str | None = None) -> Any:
        return record_converter(cls)(self, node, prefix, record_id)


def converter(shape: Shape) -> Convert:
    """The function converting a node written for a value of `shape` (the check's own)."""
    return fold(_CONVERTERS, shape)


def record_converter(cls: type) -> RecordConvert:
    """The function converting a mapping into a `cls`, given its id if it is a record."""
    fold(_CONVERTERS, record_shape(cls))
    return _CONVERTERS.records[cls]


class _Converters(Walker[Convert]):
    """Makes each shape's converter; each converter records where its node was written."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[type, RecordConvert] = {}

    def text(self, shape: Shape) -> Convert:
        return _located(_text(shape.specs))

    def ref(self, shape: Shape) -> Convert:
        return _located(_text(shape.specs))

    def date(self, shape: Shape) -> Convert:
        return _located(_date)

    def choice(self, shape: Shape) -> Convert:
        return _located(_choice(shape.choices))

    def list(self, shape: Shape, item: Convert) -> Convert:
        return _located(_sequence(item))

    def vocabulary(self, shape: Shape, value: Convert) -> Convert:
        return _located(_vocabulary(shape.choices, value))

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, Convert], ...]) -> Convert:
        assert shape.cls is not None
        record = self.records[shape.cls] = _record(shape.cls, fields)

        def nested(reader: Reader, node: Node, field: str) -> Any:
            return record(reader, node, field, None)
        return _located(nested)

    def optional(self, shape: Shape, inner: Convert) -> Convert:
        return _optional(inner)


def _located(convert: Convert) -> Convert:
    def located(reader: Reader, node: Node, field: str) -> Any:
        reader.locations[field] = (node.line, node.col)
        return convert(reader, node, field)
    return located


def _optional(convert: Convert) -> Convert:
    def optional(reader: Reader, node: Node, field: str) -> Any:
        if node.__class__ is Scalar and node.reads_as == "null":
            reader.locations[field] = (node.line, node.col)
            return None
        return convert(reader, node, field)
    return optional


class _Field(typing.NamedTuple):
    convert: Convert
    required: bool


def _record(cls: type, model_fields: tuple[tuple[ModelField, Convert], ...]) -> RecordConvert:
    """The function converting a mapping into a `cls`: each field by its own converter."""
    fields = {f.name: _Field(convert, f.required) for f, convert in model_fields}
    names = tuple(fields)
    missing = {name: (f"the {LANG_NAMES[name]} text" if name in LANGS else f"field '{name}'") for name in fields}
    example = ", ".join([f"{f.name}: …" for f, _ in model_fields if f.required][:3])

    def record(reader: Reader, node: Node, prefix: str, record_id: str | None) -> Any:
        if node.__class__ is not Mapping:
            return reader.problem(node, prefix, f"expected fields ({example}), found {_found(node)}")
        values: dict[str, Any] = {}
        ok = _no_duplicates(reader, node, prefix)
        for key, value_node in node.items:
            name = key.value
            if name in values:
                continue
            f = fields.get(name)
            if f is None:
                reader.problem(key, _join(prefix, name), f"unknown field{_suggest(name, names)}")
                ok = False
                continue
            value = f.convert(reader, value_node, f"{prefix}.{name}" if prefix else name)
            if value is INVALID:
                ok = False
            values[name] = value
        if len(values) < len(fields):
            for name, f in fields.items():
                if f.required and name not in values:
                    reader.problem(node, _join(prefix, name), f"missing {missing[name]}: add `{name}:`")
                    ok = False
        if not ok:
            return INVALID
        if record_id is not None:
            values["id"] = record_id
        return cls(**values)
    return record


def _sequence(convert_item: Convert) -> Convert:
    def sequence(reader: Reader, node: Node, field: str) -> Any:
        if node.__class__ is not Sequence:
            return reader.problem(node, field, f"expected a list (lines starting with '- '), found {_found(node)}")
        items = [convert_item(reader, child, f"{field}[{i}]") for i, child in enumerate(node.items)]
        if any(value is INVALID for value in items):
            return INVALID
        seen: dict[Any, int] = {}
        for i, (child, value) in enumerate(zip(node.items, items)):
            if value.__class__ is str:
                if value in seen:
                    reader.problem(child, f"{field}[{i}]", f"'{value}' is listed twice (also at [{seen[value]}]): remove one")
                    return INVALID
                seen[value] = i
        return tuple(items)
    return sequence


def _vocabulary(keys: tuple[str, ...], convert_value: Convert) -> Convert:
    def vocabulary(reader: Reader, node: Node, field: str) -> Any:
        if node.__class__ is not Mapping:
            return reader.problem(node, field, f"expected one entry for each of {', '.join(keys)}, found {_found(node)}")
        out: dict[str, Any] = {}
        ok = _no_duplicates(reader, node, field)
        for key, value_node in node.items:
            if key.value in out:
                continue
            if key.value not in keys:
                reader.problem(key, _join(field, key.value), f"unknown entry{_suggest(key.value, keys)}")
                continue
            out[key.value] = convert_value(reader, value_node, _join(field, key.value))
        for name in keys:
            if name not in out:
                reader.problem(node, _join(field, name), f"missing entry '{name}': add it")
        if not ok or len(out) != len(keys) or any(v is INVALID for v in out.values()):
            return INVALID
        return {k: out[k] for k in keys}
    return vocabulary


def _choice(options: tuple[str, ...]) -> Convert:
    def choice(reader: Reader, node: Node, field: str) -> Any:
        value = _scalar(reader, node, field)
        if value is INVALID:
            return INVALID
        if value not in options:
            hint = _suggest(value, options, prefix=" — did you mean '{}'?", fallback="")
            return reader.problem(node, field, f"'{value}' is not one of: {', '.join(options)}{hint}")
        return value
    return choice


def _date(reader: Reader, node: Node, field: str) -> Any:
    if node.__class__ is not Scalar:
        return reader.problem(node, field, f"expected a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown), found {_found(node)}")
    value = node.value.strip()
    if value == UNKNOWN:
        return UNKNOWN_DATE
    match = DATE_RE.match(value)
    if not match:
        return reader.problem(node, field, f"'{value}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD, or unknown")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year == 0:
        return reader.problem(node, field, f"'{value}' is not a date: there is no year 0; write the year the source gives, or unknown")
    if match.group(2) and not 1 <= month <= 12:
        return reader.problem(node, field, f"'{value}' is not a date: there is no month {month}")
    if match.group(3):
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return reader.problem(node, field, f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days")
    return PartialDate(year, month, day)


def _scalar(reader: Reader, node: Node, field: str) -> Any:
    if node.__class__ is not Scalar:
        return reader.problem(node, field, f"expected text, found {_found(node)}")
    if node.reads_as != "text":
        return reader.problem(node, field, f"YAML reads {node.value!r} as a {node.reads_as}, not text: put it in quotes ('{node.value}')")
    return node.value


# Characters no reader-facing text holds: C0 controls but tab and line feed (a carriage return too:
# it ends a line in Markdown), DEL, C1 controls, and the line and paragraph separators. \x1f among
# them is also the byte htmlblocks marks its placeholders with.
_UNSEEN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _text(specs: tuple[Any, ...]) -> Convert:
    text_spec = next((s for s in specs if isinstance(s, TextSpec)), None)
    multiline = bool(text_spec and text_spec.multiline)
    single_line = bool(text_spec and not text_spec.multiline)
    made = [_spec_check(spec) for spec in specs]
    checks = [c for c in made if c is not None]

    def text(reader: Reader, node: Node, field: str) -> Any:
        if node.__class__ is not Scalar or node.reads_as != "text":
            return _scalar(reader, node, field)
        value = node.value.strip("\n").rstrip() if multiline else node.value.strip()
        if not value or (multiline and value.isspace()):
            return reader.problem(node, field, "is empty: write the text, or remove the field if it is optional")
        if single_line and "\n" in value:
            return reader.problem(node, field, "must be a single line: remove the line breaks")
        unseen = _UNSEEN_RE.search(value)
        if unseen:
            return reader.problem(node, field, f"holds the control character {shown(unseen.group())}, which a page or a "
                                               "feed cannot show (or which breaks it): remove it")
        for check in checks:
            result = check(value)
            if result is not None:
                return value if result is True else reader.problem(node, field, result)
        return value
    return text


def _spec_check(spec: Any) -> Callable[[str], str | Literal[True] | None] | None:
    """What one spec asks of a text: None if fine, True to accept it at once, else the problem."""
    if isinstance(spec, UrlSpec):
        unknown_ok = spec.unknown_ok
        return lambda value: True if unknown_ok and value == UNKNOWN else url_problem(value)
    if isinstance(spec, SlugSpec):
        return lambda value: None if SLUG_RE.match(value) else (
            f"'{value}' is not a slug: use lower-case letters, digits and single hyphens, e.g. '{_slugish(value)}'")
    if isinstance(spec, PatternSpec):
        regex = re.compile(spec.regex)
        return lambda value: None if regex.match(value) else f"'{value}' is not {spec.what}: it looks like {spec.example}"
    if isinstance(spec, Ref):
        return lambda value: None if SLUG_RE.match(value) else (
            f"'{value}' is not a valid id: ids are lower-case letters, digits and single hyphens")
    return None


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


# --- Messages -----------------------------------------------------------------------------------


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _found(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping of fields"
    if isinstance(node, Sequence):
        return "a list"
    return f"{node.value!r}" if node.value else "nothing"


def _suggest(word: str, options: Collection[str], prefix: str = " — did you mean '{}'?", fallback: str | None = None) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if close:
        return prefix.format(close[0])
    if fallback is not None:
        return fallback
    return f"; known fields: {', '.join(options)}"


def _slugish(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"


_CONVERTERS = _Converters()
