"""The JSON Schemas editors' tools read: in step with the model, and true of the real content."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from generator.model import KINDS
from generator.schemas import all_schemas, render_schema


def test_committed_schemas_are_in_step_with_the_model() -> None:
    expected = {name: render_schema(schema) for name, schema in all_schemas().items()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == expected, "run `make schemas` and commit schemas/"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_of_the_real_content_is_valid_against_its_schema(kind: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted((ROOT / "content" / kind).glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_every_record_file_names_its_schema_for_editors() -> None:
    for kind in KINDS:
        for path in (ROOT / "content" / kind).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", path


def test_schema_rejects_an_unknown_field() -> None:
    schema = all_schemas()["organisations.schema.json"]
    record = {"kind": "company", "name": {"en": "A", "fr": "A"}, "description": {"en": "A", "fr": "A"}, "nmae": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
