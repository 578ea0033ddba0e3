"""The fast reader of plain block YAML gives libyaml's nodes at libyaml's places, or declines.

`parse` (libyaml's events) is the reference: on every document `parse_simple` accepts, the two
must give the same tree, node types, values, `reads_as`, lines and columns included; and `read`,
which tries the fast reader first, must report exactly what `parse` reports on every document.
"""

from __future__ import annotations

import random

import pytest

from conftest import ROOT, synthesise
from generator.errors import Problem
from generator.yamlread import Mapping, Node, Scalar, Sequence, decode, parse, parse_simple, read

RECORDS = sorted((ROOT / "content").glob("*/*.yaml")) + sorted((ROOT / "content").glob("*.yaml"))


def shape(node: Node | None) -> object:
    """A node tree as plain tuples that name each node's type (NamedTuples compare as tuples)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return ("scalar", node.value, node.reads_as, node.line, node.col)
    if isinstance(node, Mapping):
        return ("mapping", node.line, node.col, tuple((shape(k), shape(v)) for k, v in node.items))
    assert isinstance(node, Sequence)
    return ("sequence", node.line, node.col, tuple(shape(item) for item in node.items))


def libyaml(text: str) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    return shape(parse(text, "f.yaml", problems)), problems


def assert_agrees(text: str) -> bool:
    """parse_simple gives libyaml's tree or declines; read reports what libyaml reports. True if accepted."""
    problems: list[Problem] = []
    via_read = shape(read(text.encode("utf-8"), "f.yaml", problems))
    decoded: list[Problem] = []
    if decode(text.encode("utf-8"), "f.yaml", decoded) is None or decoded:
        assert problems == decoded, text
        return False
    assert (via_read, problems) == libyaml(text), text
    simple = parse_simple(text)
    if simple is None:
        return False
    assert shape(simple) == libyaml(text)[0], text
    return True


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("synth-yaml")
    synthesise(4, out)
    paths = sorted((out / "content").glob("*/*.yaml")) + sorted((out / "content").glob("*.yaml"))
    return [path.read_text(encoding="utf-8") for path in paths]


def test_every_record_of_the_real_and_synthetic_content_is_read_fast_as_libyaml_reads_it(synthetic_texts) -> None:
    texts = [path.read_text(encoding="utf-8") for path in RECORDS] + synthetic_texts
    accepted = sum(assert_agrees(text) for text in texts)
    assert accepted == len(texts) - 2  # every record file takes the fast path; site.yaml has block scalars


@pytest.mark.parametrize("text", [
    "a: [x, y]\n", "a: {b: c}\n", "a: |\n  text\n", "a: >\n  text\n", "a: &x b\nc: *x\n", "a: !!str 1\n",
    "a: b # comment\n", "a: some\n  continued\n", "a:\tb\n", "a: b\r\nc: d\r\n", "---\na: b\n", "a:\nb: c\n",
    "a:\n- x\n", "- x\n", "x\n", "a: \"esc\\\"aped\"\n", "a: \"open\n", "a: 'it''s\n", "a: b: c\n", "a: -x\n",
    "a:\n  - - x\n", "  a: b\n", "a: b\n  # indented comment\n", "? a\n: b\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n",
    "a: x\u2028y\n", "a: @x\n", "a: `x`\n", "a:\n", "", "a: b\n  c: d\n", "a:\n  - x\n    b: c\n", "a : b\n",
    "\"a\": b\n", "a:b\n", "a: 'x' y\n", "a: \"x\" # c\n", "a: x:\n", "a: b\n---\nc: d\n", "a:\n  text\n",
])
def test_what_the_fast_reader_does_not_know_is_left_to_libyaml(text: str) -> None:
    assert parse_simple(text) is None
    assert_agrees(text)


@pytest.mark.parametrize("text", [
    "a: b\n", "a: b", "# c\na: b\n\n", "a: 'it''s'\n", "a: \"x y\"   \n", "a: yes\nb: no\nc: 1.5\nd: ~\ne: 2024-01-02\n",
    "on: off\n", "a:\n  - x\n  - y: z\n    w: v\n", "a:\n      - x\n", "a_b-c: d\n",
    "a: b [c] {d}, e\n", "a: x\u00a0\n", "a: \u00e9t\u00e9 \U0001F600\n", "a:\n  b:\n    c: d\ne: f\n",
    "a: 'b#c'\n", "a:\n# c\n  b: c\n", "a: b\nb: c\na: d\n", "a: ''\n", "a: \"\"\n",
])
def test_what_the_fast_reader_knows_it_reads_as_libyaml_does(text: str) -> None:
    assert assert_agrees(text)


PIECES = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "''", "\\", "[", "]", "{", "}", "|", ">", "&a", "*a",
          "!", "%", "@", "?", "? ", "\n", "\n  ", "\n    ", "\n- ", "---", "...", "yes", "no", "On", "12", "0x1F",
          "2024-01-01", "~", "null", "x: y", "é", "\t", ",", "`", " - ", "\u00a0", "\r", "\ufeff", "\u2028",
          "\U0001F600", "<<", "=", ".inf", "\n\n", "\n#", "a:", "- a: b"]


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


SCALARS = ["x", "hello world", "yes", "No", "on", "12", "1.5", "~", "null", "", "2024-01-01", "it's", "a#b", "a # b",
           "é à", "-x", "x-", "a: b", "[x]", "x [y]", "TODO", "  padded  ", "\u00a0nbsp", "q\"q", "1_000", "0o17"]


def random_document(rng: random.Random, depth: int = 0) -> str:
    """A random block-YAML document: mappings and sequences nested, scalars plain, single- or
    double-quoted, odd but valid indentation, comments and blank lines."""
    return "".join(_block(rng, 0, depth, mapping=True))


def _scalar_text(rng: random.Random) -> str:
    value = rng.choice(SCALARS)
    style = rng.random()
    if style < 0.4:
        return value
    if style < 0.7:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace('"', "") + '"'


def _block(rng: random.Random, indent: int, depth: int, mapping: bool) -> list[str]:
    lines = []
    pad = " " * indent
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.1:
            lines.append(rng.choice(["\n", "# a comment\n", "   \n"]))
        lead = f"{pad}{rng.choice(['a', 'b', 'key', 'on', 'x_y', 'k-2'])}:" if mapping else f"{pad}-"
        nested = depth < 3 and rng.random() < 0.35
        if nested:
            step = rng.choice([1, 2, 4])
            child_mapping = rng.random() < 0.6
            if not mapping and child_mapping and rng.random() < 0.5:
                # "- key: value" with the rest of the mapping under it
                inner = _block(rng, indent + 2, depth + 1, mapping=True)
                lines.append(f"{pad}- " + inner[0].lstrip(" ") if inner[0].strip() else f"{pad}- k: v\n")
                lines.extend(inner[1:])
                continue
            lines.append(lead + "\n")
            lines.extend(_block(rng, indent + step, depth + 1, child_mapping))
        else:
            lines.append(f"{lead}{' ' * rng.randint(1, 2)}{_scalar_text(rng)}{' ' * rng.randint(0, 1)}\n")
    return lines


def test_on_random_and_mangled_documents_the_fast_reader_agrees_with_libyaml_or_declines(synthetic_texts) -> None:
    rng = random.Random(7)
    texts = [path.read_text(encoding="utf-8") for path in RECORDS] + synthetic_texts
    accepted = 0
    for _ in range(3000):
        accepted += assert_agrees(mutate(rng, rng.choice(texts)))
    for _ in range(3000):
        document = random_document(rng)
        accepted += assert_agrees(document)
        accepted += assert_agrees(mutate(rng, document))
    assert accepted > 3000
