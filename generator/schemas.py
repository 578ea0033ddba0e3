"""The JSON Schema of each record kind, for editors' tools (written to schemas/), and of a record as
the data download writes it: both made from the model's description (`description.fold`), as the
check's conversion is, so the three cannot drift apart."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .description import ModelField, Shape, Walker, fold, record_shape
from .model import KINDS, SINGLE_FILES, SINGULAR, STANCE_FORMS, PatternSpec, Ref, SlugSpec, Stance, UrlSpec
from .schema import SLUG_RE

JsonSchema = dict[str, Any]
DATE_PATTERN = r"^(unknown|\d{4}(-\d{2}(-\d{2})?)?)$"


class _Schemas(Walker[JsonSchema]):
    """Each shape's JSON Schema: as an editor writes the value, or (`download`) as the data
    download does (dates as text, each reference as an object naming the record)."""

    def __init__(self, download: bool) -> None:
        super().__init__()
        self.download = download

    def text(self, shape: Shape) -> JsonSchema:
        out: JsonSchema = {"type": "string", "minLength": 1}
        for spec in shape.specs:
            if isinstance(spec, UrlSpec):
                out["pattern"] = r"^(unknown|https?://\S+)$" if spec.unknown_ok else r"^https?://\S+$"
            if isinstance(spec, (SlugSpec, Ref)):
                out["pattern"] = SLUG_RE.pattern
            if isinstance(spec, PatternSpec):
                out["pattern"] = spec.regex
        return out

    def ref(self, shape: Shape) -> JsonSchema:
        return {"$ref": "#/$defs/reference"} if self.download else self.text(shape)

    def date(self, shape: Shape) -> JsonSchema:
        return {"type": "string" if self.download else ["string", "integer"], "pattern": DATE_PATTERN}

    def choice(self, shape: Shape) -> JsonSchema:
        return {"enum": list(shape.choices)}

    def list(self, shape: Shape, item: JsonSchema) -> JsonSchema:
        out: JsonSchema = {"type": "array", "items": item}
        if shape.item is not None and shape.item.kind == "ref":
            out["uniqueItems"] = True
        return out

    def vocabulary(self, shape: Shape, value: JsonSchema) -> JsonSchema:
        names = list(shape.choices)
        return {"type": "object", "properties": dict.fromkeys(names, value), "required": names, "additionalProperties": False}

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, JsonSchema], ...]) -> JsonSchema:
        cls = shape.cls
        out: JsonSchema = {"type": "object", "additionalProperties": False,
                           "properties": {f.name: {**schema, "description": f.doc} if f.doc else schema for f, schema in fields},
                           "required": [f.name for f, _ in fields if f.required]}
        if cls is not None and cls.__doc__:
            out["description"] = " ".join(cls.__doc__.split())
        if cls is Stance:
            out["oneOf"] = _one_form_of(STANCE_FORMS)
        return out

    def optional(self, shape: Shape, inner: JsonSchema) -> JsonSchema:
        return inner


_EDITOR, _DOWNLOAD = _Schemas(download=False), _Schemas(download=True)


def json_schema(cls: type, title: str) -> JsonSchema:
    """A JSON Schema (draft 2020-12) for one record kind, as editors write it."""
    schema: JsonSchema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    made: JsonSchema = fold(_EDITOR, record_shape(cls))
    schema.update(copy.deepcopy(made))
    return schema


def download_record_schema(cls: type) -> JsonSchema:
    """The JSON Schema of one record as the data download writes it: with its `id`, dates as
    text, and each reference as an object naming the record it points to."""
    schema = copy.deepcopy(fold(_DOWNLOAD, record_shape(cls)))
    schema["properties"] = {"id": {"type": "string", "pattern": SLUG_RE.pattern}, **schema["properties"]}
    schema["required"] = ["id", *schema["required"]]
    return schema


def _one_form_of(forms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> list[JsonSchema]:
    """Each way of writing a record, as a JSON Schema alternative: its required fields, and none
    of the other ways' fields."""
    out = []
    for required, _optional in forms:
        others = [name for other, more in forms if other != required for name in other + more]
        out.append({"required": list(required), "not": {"anyOf": [{"required": [name]} for name in others]}})
    return out


# --- The files in schemas/ ------------------------------------------------------------------------


def all_schemas() -> dict[str, JsonSchema]:
    """File name -> JSON Schema, for every record kind and single file."""
    out = {f"{kind}.schema.json": json_schema(cls, f"A {SINGULAR[kind]} record (content/{kind}/<id>.yaml)")
           for kind, cls in KINDS.items()}
    for name, cls in SINGLE_FILES.items():
        out[f"{name.removesuffix('.yaml')}.schema.json"] = json_schema(cls, f"content/{name}")
    return out


def render_schema(schema: JsonSchema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written
