"""The open-data downloads: the whole checked dataset as one JSON file and one CSV per record kind,
with a JSON Schema for the JSON, under the licence stated in content/site.yaml.

Records are written field by field through the model's description (`description.fold`), so the
downloads follow the model; `records_from_download` reads the JSON back into model objects (tests round-trip it).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Annotated, Any

from .description import ModelField, Shape, Walker, fold, shape_of
from .facts import FactSet
from .model import KINDS, LANGS, UNKNOWN, PartialDate, Ref, Stance
from .schema import SLUG_RE
from .schemas import download_record_schema

FORMAT_VERSION = 1
REFERENCE_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["id", "kind", "label"],
    "description": "A reference to another record: its id, its kind, and its name in both languages.",
    "properties": {
        "id": {"type": "string", "pattern": SLUG_RE.pattern},
        "kind": {"type": "string"},
        "label": {"type": "object", "required": list(LANGS), "properties": {lg: {"type": "string"} for lg in LANGS}},
    },
}


def label(facts: FactSet, kind: str, rid: str) -> dict[str, str]:
    """The name of a record in both languages, as a reference shows it."""
    if kind == "scale":
        return {lg: facts.level(rid).label[lg] for lg in LANGS}
    record = getattr(facts, kind)[rid]
    for attr in ("name", "title", "text", "description"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            return dict.fromkeys(LANGS, value)
        if value is not None and hasattr(value, "en"):
            return {lg: value[lg] for lg in LANGS}
    return {lg: record.wording[lg].text for lg in LANGS}  # a quote


def to_jsonable(facts: FactSet, value: Any, hint: Any) -> Any:
    """A model value of type `hint` as JSON data, references resolved to {id, kind, label}."""
    return fold(_ENCODERS, shape_of(hint))(facts, value)


def from_jsonable(data: Any, hint: Any) -> Any:
    """The inverse of `to_jsonable`: JSON data back into a model value of type `hint`."""
    return fold(_DECODERS, shape_of(hint))(data)


# How to write a value of each shape as JSON data, and to read it back, worked out once per shape
# (the dataset holds every record: reading the type hints for each value was most of its cost).
Encoder = Callable[[FactSet, Any], Any]
Decoder = Callable[[Any], Any]


def _same(facts: FactSet, value: Any) -> Any:
    return value


class _Encoders(Walker[Encoder]):
    def text(self, shape: Shape) -> Encoder:
        return _same

    choice = text

    def ref(self, shape: Shape) -> Encoder:
        kind = shape.target
        return lambda facts, value: {"id": value, "kind": kind, "label": label(facts, kind, value)}

    def date(self, shape: Shape) -> Encoder:
        return lambda facts, value: value.iso()

    def list(self, shape: Shape, item: Encoder) -> Encoder:
        return lambda facts, value: [item(facts, v) for v in value]

    def vocabulary(self, shape: Shape, value: Encoder) -> Encoder:
        return lambda facts, mapping: {k: value(facts, v) for k, v in mapping.items()}

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, Encoder], ...]) -> Encoder:
        named = tuple((f.name, encode) for f, encode in fields)
        with_id = shape.cls in KINDS.values()

        def record(facts: FactSet, value: Any) -> Any:
            out = {"id": value.id} if with_id and hasattr(value, "id") else {}
            for name, encode in named:
                item = encode(facts, getattr(value, name))
                if item is not None and item != []:
                    out[name] = item
            return out
        return record

    def optional(self, shape: Shape, inner: Encoder) -> Encoder:
        return lambda facts, value: None if value is None else inner(facts, value)


class _Decoders(Walker[Decoder]):
    def text(self, shape: Shape) -> Decoder:
        return lambda data: data

    choice = text

    def ref(self, shape: Shape) -> Decoder:
        return lambda data: data["id"]

    def date(self, shape: Shape) -> Decoder:
        return lambda data: PartialDate(*([int(p) for p in data.split("-")] if data != UNKNOWN else []))

    def list(self, shape: Shape, item: Decoder) -> Decoder:
        return lambda data: tuple(item(d) for d in data)

    def vocabulary(self, shape: Shape, value: Decoder) -> Decoder:
        return lambda data: {k: value(v) for k, v in data.items()}

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, Decoder], ...]) -> Decoder:
        cls = shape.cls
        assert cls is not None
        named = tuple((f.name, decode) for f, decode in fields)
        with_id = cls in KINDS.values()

        def record(data: Any) -> Any:
            values = {name: decode(data[name]) for name, decode in named if name in data}
            if with_id and "id" in data:
                values["id"] = data["id"]
            return cls(**values)
        return record

    def optional(self, shape: Shape, inner: Decoder) -> Decoder:
        return lambda data: None if data is None else inner(data)


_ENCODERS, _DECODERS = _Encoders(), _Decoders()


def dataset(facts: FactSet, pages: dict[tuple[str, str], dict[str, str]]) -> dict[str, Any]:
    """The whole dataset as one JSON document; `pages` maps (kind, id) to each language's page URL."""
    site = facts.site
    records: dict[str, list[Any]] = {}
    for kind, cls in KINDS.items():
        rows = []
        for rid, record in getattr(facts, kind).items():
            row = to_jsonable(facts, record, cls)
            if (kind, rid) in pages:
                row["pages"] = pages[(kind, rid)]
            if kind == "stances":
                row["current"] = _current(facts, record)
            rows.append(row)
        records[kind] = rows
    return {
        "format_version": FORMAT_VERSION,
        "title": {lg: site.title[lg] for lg in LANGS},
        "description": {lg: site.tagline[lg] for lg in LANGS},
        "licence": {"name": site.licence.name, "url": site.licence.url,
                    "notice": {lg: site.licence.notice[lg] for lg in LANGS}},
        "scale": [to_jsonable(facts, level, type(level)) for level in facts.scale.levels],
        "records": records,
    }


def _current(facts: FactSet, stance: Stance) -> dict[str, Any]:
    """A stance's current position and since when it holds, however the stance is written."""
    current = stance.current
    return {"position": to_jsonable(facts, current.position, Annotated[str, Ref("scale")]), "since": current.since.iso()}


def records_from_download(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Model records, by kind and id, read back from the JSON download."""
    return {kind: {row["id"]: from_jsonable(row, cls) for row in data["records"][kind]} for kind, cls in KINDS.items()}


def download_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON download."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Fact sheet data download",
        "type": "object",
        "required": ["format_version", "title", "licence", "scale", "records"],
        "$defs": {"reference": REFERENCE_SCHEMA},
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "title": {"type": "object"}, "description": {"type": "object"}, "licence": {"type": "object"},
            "scale": {"type": "array"},
            "records": {
                "type": "object", "required": list(KINDS), "additionalProperties": False,
                "properties": {kind: {"type": "array", "items": _with_current(kind, _with_pages(download_record_schema(cls)))}
                               for kind, cls in KINDS.items()},
            },
        },
    }


def _with_pages(schema: dict[str, Any]) -> dict[str, Any]:
    schema["properties"]["pages"] = {"type": "object", "description": "The record's page in each language.",
                                     "properties": {lg: {"type": "string"} for lg in LANGS}}
    return schema


def _with_current(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
    if kind == "stances":
        schema["properties"]["current"] = {
            "type": "object", "required": ["position", "since"], "additionalProperties": False,
            "description": "The position the stance holds now (the latest), and since when (unknown if not known).",
            "properties": {"position": {"$ref": "#/$defs/reference"}, "since": {"type": "string"}}}
    return schema


def csv_tables(data: dict[str, Any]) -> dict[str, str]:
    """One CSV per record kind, from the JSON dataset: nested fields flattened to dotted columns,
    references to their ids, lists joined with '; ', lists of objects as JSON."""
    tables = {}
    for kind, rows in data["records"].items():
        flat = [_flatten(row) for row in rows]
        columns = list(dict.fromkeys(col for row in flat for col in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({col: _inert(value) for col, value in row.items()} for row in flat)
        tables[kind] = out.getvalue()
    return tables


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, may shift it): such a cell gets a leading apostrophe, as OWASP advises for CSV exports,
# so opening a download never runs anything. The JSON download keeps the text as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict) and set(value) == {"id", "kind", "label"}:
        return {prefix: value["id"]}
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        if all(isinstance(v, dict) and set(v) == {"id", "kind", "label"} for v in value):
            return {prefix: "; ".join(v["id"] for v in value)}
        if all(not isinstance(v, (dict, list)) for v in value):
            return {prefix: "; ".join(str(v) for v in value)}
        return {prefix: json.dumps(value, ensure_ascii=False, sort_keys=True)}
    return {prefix: "" if value is None else str(value)}


def dumps(data: Any) -> str:
    """JSON as the site publishes it: stable key order, UTF-8, readable."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def dumps_dataset(data: dict[str, Any]) -> str:
    """The dataset as `dumps` lays it out down to the lists of records, each record then on one
    line: as readable, diffable record by record, and written by json's C encoder (indenting
    every value made writing the file several times slower)."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=False)

    lines = ["{"]
    for key, value in data.items():
        if key != "records":
            lines.append(f" {one(key)}: {one(value)},")
    lines.append(' "records": {')
    kinds = list(data["records"].items())
    for i, (kind, rows) in enumerate(kinds):
        comma = "," if i < len(kinds) - 1 else ""
        if not rows:
            lines.append(f"  {one(kind)}: []{comma}")
            continue
        lines.append(f"  {one(kind)}: [")
        lines.append(",\n".join("   " + one(row) for row in rows))
        lines.append(f"  ]{comma}")
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"
