"""The fast reader of plain block YAML gives libyaml's nodes at libyaml's places, or declines."""

from __future__ import annotations

import random

import pytest

from conftest import ROOT
from generator.yamlread import parse, parse_simple

RECORDS = sorted((ROOT / "content").glob("*/*.yaml"))


def libyaml(text: str):
    problems: list = []
    node = parse(text, "f.yaml", problems)
    return node, problems


def test_every_record_of_the_real_content_is_read_as_libyaml_reads_it() -> None:
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        assert parse_simple(text) == libyaml(text)[0], path


@pytest.mark.parametrize("text", [
    "a: [x, y]\n", "a: {b: c}\n", "a: |\n  text\n", "a: >\n  text\n", "a: &x b\nc: *x\n", "a: !!str 1\n",
    "a: b # comment\n", "a: some\n  continued\n", "a:\tb\n", "a: b\r\nc: d\r\n", "---\na: b\n", "a:\nb: c\n",
    "a:\n- x\n", "- x\n", "x\n", "a: \"esc\\\"aped\"\n", "a: \"open\n", "a: 'it''s\n", "a: b: c\n", "a: -x\n",
    "a:\n  - - x\n", "  a: b\n", "a: b\n  # indented comment\n", "? a\n: b\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n",
    "a: x\u2028y\n", "a: @x\n", "a: `x`\n", "a:\n", "",
])
def test_what_the_fast_reader_does_not_know_is_left_to_libyaml(text: str) -> None:
    assert parse_simple(text) is None


PIECES = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "''", "\\", "[", "]", "{", "}", "|", ">", "&a", "*a",
          "!", "%", "@", "?", "? ", "\n", "\n  ", "\n    ", "\n- ", "---", "yes", "no", "12", "2024-01-01", "~",
          "null", "x: y", "é", "\t", ",", "`", " - "]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(text) + 1)
        roll = rng.random()
        if roll < 0.5:
            text = text[:pos] + rng.choice(PIECES) + text[pos:]
        elif roll < 0.8:
            text = text[:pos] + text[pos + rng.randint(1, 5):]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    return text


def test_on_mangled_records_the_fast_reader_agrees_with_libyaml_or_declines() -> None:
    rng = random.Random(7)
    texts = [path.read_text(encoding="utf-8") for path in RECORDS]
    accepted = 0
    for _ in range(4000):
        text = mutate(rng, rng.choice(texts))
        node = parse_simple(text)
        if node is None:
            continue
        accepted += 1
        assert (node, []) == libyaml(text), text
    assert accepted > 1000
