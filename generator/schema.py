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
from collections.abc import Callable, Iterator
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import urlsplit

from .errors import Problem
from .model import (
    KINDS,
    LANGS,
    STANCE_FORMS,
    UNKNOWN,
    UNKNOWN_DATE,
    PartialDate,
    PatternSpec,
    Ref,
    SlugSpec,
    Stance,
    TextSpec,
    UrlSpec,
)
from .text import is_placeholder, shown
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


# What converting a node against a type hint does is worked out once per hint (`_converter`), so
# reading a file does no type introspection: each hint becomes a function of (reader, node, field).
Convert = Callable[["Reader", Node, str], Any]


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
        return _converter(hint)(self, node, field)

    def record(self, node: Node, cls: type, prefix: str = "", record_id: str | None = None) -> Any:
        return _record_converter(cls)(self, node, prefix, record_id)


@cache
def _converter(hint: Any) -> Convert:
    """The function converting a node written for `hint`; it records where the node was written."""
    base, specs = _unwrap(hint)
    origin = get_origin(base)
    if origin in (Union, types.UnionType):
        return _optional(_converter(_rewrap([a for a in get_args(base) if a is not type(None)][0], specs)))
    if origin is tuple:
        convert = _sequence(_converter(get_args(base)[0]))
    elif origin is dict:
        convert = _vocabulary(get_args(get_args(base)[0]), _converter(get_args(base)[1]))
    elif origin is Literal:
        convert = _choice(get_args(base))
    elif base is PartialDate:
        convert = _date
    elif dataclasses.is_dataclass(base):
        record = _record_converter(base)

        def convert(reader: Reader, node: Node, field: str) -> Any:
            return record(reader, node, field, None)
    else:
        convert = _text(specs)

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


@cache
def _record_converter(cls: type) -> Callable[[Reader, Node, str, str | None], Any]:
    """The function converting a mapping into a `cls`: each field by its own converter."""
    fields = {name: _Field(_converter(f.type), _required(f)) for name, f in _fields(cls).items()}
    names = tuple(fields)
    missing = {name: (f"the {LANG_NAMES[name]} text" if name in LANGS else f"field '{name}'") for name in fields}

    def record(reader: Reader, node: Node, prefix: str, record_id: str | None) -> Any:
        if node.__class__ is not Mapping:
            return reader.problem(node, prefix, f"expected fields ({_example(cls)}), found {_found(node)}")
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


def _vocabulary(keys: tuple, convert_value: Convert) -> Convert:
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
        for key in keys:
            if key not in out:
                reader.problem(node, _join(field, key), f"missing entry '{key}': add it")
        if not ok or len(out) != len(keys) or any(v is INVALID for v in out.values()):
            return INVALID
        return {k: out[k] for k in keys}
    return vocabulary


def _choice(options: tuple) -> Convert:
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


def _text(specs: list) -> Convert:
    text_spec = next((s for s in specs if isinstance(s, TextSpec)), None)
    multiline = bool(text_spec and text_spec.multiline)
    single_line = bool(text_spec and not text_spec.multiline)
    checks = [_spec_check(spec) for spec in specs]
    checks = [c for c in checks if c is not None]

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


def _spec_check(spec: Any) -> Callable[[str], str | bool | None] | None:
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


# --- Reading the hints ---------------------------------------------------------------------------


def _unwrap(hint: Any) -> tuple[Any, list]:
    specs: list = []
    while get_origin(hint) is Annotated:
        args = get_args(hint)
        hint, specs = args[0], list(args[1:]) + specs
    return hint, specs


def _rewrap(hint: Any, specs: list) -> Any:
    return Annotated[(hint, *specs)] if specs else hint


class _F(typing.NamedTuple):
    type: Any
    field: dataclasses.Field


@cache
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


def download_record_schema(cls: type) -> dict:
    """The JSON Schema of one record as the data download writes it: with its `id`, dates as
    text, and each reference as an object naming the record it points to."""
    schema = _schema_for(cls, download=True)
    schema["properties"] = {"id": {"type": "string", "pattern": SLUG_RE.pattern}, **schema["properties"]}
    schema["required"] = ["id", *schema["required"]]
    return schema


def _schema_for(hint: Any, doc: str | None = None, download: bool = False) -> dict:
    base, specs = _unwrap(hint)
    origin = get_origin(base)
    out: dict[str, Any]
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(base) if a is not type(None)][0]
        out = _schema_for(_rewrap(inner, specs), download=download)
    elif origin is tuple:
        out = {"type": "array", "items": _schema_for(get_args(base)[0], download=download)}
        if any(isinstance(s, Ref) for s in _unwrap(get_args(base)[0])[1]):
            out["uniqueItems"] = True
    elif origin is dict:
        keys, value = get_args(base)
        names = list(get_args(keys))
        out = {"type": "object", "properties": {k: _schema_for(value, download=download) for k in names},
               "required": names, "additionalProperties": False}
    elif origin is Literal:
        out = {"enum": list(get_args(base))}
    elif base is PartialDate:
        out = {"type": "string" if download else ["string", "integer"], "pattern": r"^(unknown|\d{4}(-\d{2}(-\d{2})?)?)$"}
    elif download and any(isinstance(spec, Ref) for spec in specs):
        out = {"$ref": "#/$defs/reference"}
    elif dataclasses.is_dataclass(base):
        fields = _fields(base)
        out = {"type": "object", "additionalProperties": False,
               "properties": {n: _schema_for(f.type, f.field.metadata.get("doc"), download) for n, f in fields.items()},
               "required": [n for n, f in fields.items() if _required(f)]}
        if base.__doc__:
            out["description"] = " ".join(base.__doc__.split())
        if base is Stance:
            out["oneOf"] = _one_form_of(STANCE_FORMS)
    else:
        out = {"type": "string", "minLength": 1}
        for spec in specs:
            if isinstance(spec, UrlSpec):
                out["pattern"] = r"^(unknown|https?://\S+)$" if spec.unknown_ok else r"^https?://\S+$"
            if isinstance(spec, (SlugSpec, Ref)):
                out["pattern"] = SLUG_RE.pattern
            if isinstance(spec, PatternSpec):
                out["pattern"] = spec.regex
    if doc:
        out["description"] = doc
    return out


def _one_form_of(forms: tuple) -> list[dict]:
    """Each way of writing a record, as a JSON Schema alternative: its required fields, and none
    of the other ways' fields."""
    out = []
    for required, _optional in forms:
        others = [name for other, more in forms if other != required for name in other + more]
        out.append({"required": list(required), "not": {"anyOf": [{"required": [name]} for name in others]}})
    return out


# --- Walking a record ----------------------------------------------------------------------------


def placeholders(record: Any) -> list[str]:
    """The fields of a record whose text still begins with TODO, in the order they are written."""
    return [field for field, text in _texts(record, "") if is_placeholder(text)]


def _texts(value: Any, prefix: str) -> Iterator[tuple[str, str]]:
    """Every (field path, text) of a record, through the plan of its class (`_text_plan`)."""
    for name, item, _plan in _text_plan(type(value)):
        child = getattr(value, name)
        if child is None:
            continue
        field = f"{prefix}.{name}" if prefix else name
        if item == "text":
            if child.__class__ is str:
                yield field, child
        elif item == "record":
            yield from _texts(child, field)
        else:
            for i, element in enumerate(child):
                if item == "texts":
                    yield f"{field}[{i}]", element
                else:
                    yield from _texts(element, f"{field}[{i}]")


def references(value: Any, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """Every (field path, referenced kind, id) in a record, found through its type hints (once per
    class: `_reference_plan`)."""
    for name, item, target in _reference_plan(type(value)):
        child = getattr(value, name)
        if child is None:
            continue
        field = f"{prefix}.{name}" if prefix else name
        if item == "ref":
            yield field, target, child
        elif item == "record":
            yield from references(child, field)
        else:
            for i, element in enumerate(child):
                if item == "refs":
                    yield f"{field}[{i}]", target, element
                else:
                    yield from references(element, f"{field}[{i}]")


# A plan lists, for one class, the fields worth visiting and what each holds: "ref"/"text" (one
# value), "refs"/"texts" (a tuple of them), "record"/"records" (one or a tuple of dataclasses, with
# a plan of their own). Fields that can hold nothing of interest are left out.
_Plan = tuple[tuple[str, str, Any], ...]


@cache
def _reference_plan(cls: type) -> _Plan:
    plan = []
    for name, f in _fields(cls).items():
        base, specs = _optional_base(f.type)
        ref = next((s for s in specs if isinstance(s, Ref)), None)
        if ref is not None:
            plan.append((name, "ref", ref.kind))
        elif get_origin(base) is tuple:
            item, item_specs = _optional_base(get_args(base)[0])
            item_ref = next((s for s in item_specs if isinstance(s, Ref)), None)
            if item_ref is not None:
                plan.append((name, "refs", item_ref.kind))
            elif dataclasses.is_dataclass(item) and _reference_plan(item):
                plan.append((name, "records", item))
        elif dataclasses.is_dataclass(base) and _reference_plan(base):
            plan.append((name, "record", base))
    return tuple(plan)


@cache
def _text_plan(cls: type) -> _Plan:
    plan = []
    for name, f in _fields(cls).items():
        base, _ = _optional_base(f.type)
        if get_origin(base) is tuple:
            item, _ = _optional_base(get_args(base)[0])
            if _holds_text(item):
                plan.append((name, "texts", None))
            elif dataclasses.is_dataclass(item) and _text_plan(item):
                plan.append((name, "records", item))
        elif dataclasses.is_dataclass(base):
            if _text_plan(base):
                plan.append((name, "record", base))
        elif _holds_text(base):
            plan.append((name, "text", None))
    return tuple(plan)


def _holds_text(base: Any) -> bool:
    return base is str or get_origin(base) is Literal


def _optional_base(hint: Any) -> tuple[Any, list]:
    """A hint's type without Optional and Annotated, and the specs it was annotated with."""
    base, specs = _unwrap(hint)
    if get_origin(base) in (Union, types.UnionType):
        base, more = _unwrap([a for a in get_args(base) if a is not type(None)][0])
        specs = specs + more
    return base, specs
