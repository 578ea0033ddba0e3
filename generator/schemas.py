"""Write the JSON Schema files editors' tools read, one per record kind, from the model."""

from __future__ import annotations

import json
from pathlib import Path

from .model import KINDS, SINGLE_FILES, SINGULAR
from .schema import json_schema


def all_schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every record kind and single file."""
    out = {f"{kind}.schema.json": json_schema(cls, f"A {SINGULAR[kind]} record (content/{kind}/<id>.yaml)")
           for kind, cls in KINDS.items()}
    for name, cls in SINGLE_FILES.items():
        out[f"{name.removesuffix('.yaml')}.schema.json"] = json_schema(cls, f"content/{name}")
    return out


def render_schema(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written
