"""Read one YAML file into a small tree of located nodes, refusing YAML that changes meaning silently.

We never let YAML decide what a value is: plain scalars stay text, and the tag YAML *would*
give them is kept, so the schema can say "YAML reads `no` as false; quote it". Parsing is
event-driven (libyaml's C parser where present), so deep nesting and alias bombs are refused
without recursion or expansion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import yaml
from yaml.resolver import Resolver

from .errors import Problem

try:  # libyaml is ~10x faster; PyYAML's pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
MAX_NODES = 100_000
_RESOLVER = Resolver()
_SHORT_TAG = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date or time",
    "tag:yaml.org,2002:merge": "merge key",
    "tag:yaml.org,2002:value": "text",
}


@dataclass(frozen=True)
class Scalar:
    """A scalar as written. `reads_as` is what plain YAML would turn it into ('text' if quoted)."""

    value: str
    reads_as: str
    line: int
    col: int


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Scalar, "Node"], ...]
    line: int
    col: int



@dataclass(frozen=True)
class Sequence:
    items: tuple["Node", ...]
    line: int
    col: int


Node = Union[Scalar, Mapping, Sequence]


class _Abort(Exception):
    """Stop reading this file: the problem is already recorded."""


def decode(data: bytes, path: str, problems: list[Problem]) -> str | None:
    """Bytes to text: UTF-8 with an optional byte-order mark; tabs in indentation refused."""
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark: harmless, accepted
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        problems.append(Problem(path, line, col, "", f"byte 0x{data[start]:02x} is not UTF-8: save the file as UTF-8"))
        return None
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            col = indent.index("\t") + 1
            problems.append(Problem(path, number, col, "", "tab used for indentation: indent with spaces"))
    return text


def parse(text: str, path: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document into located nodes; None (with problems) if it cannot be trusted.
    Duplicate keys are kept here, for the schema to report with their field's full name."""
    stack: list[list] = []  # each entry: [kind, line, col, children]
    root: Node | None = None
    documents = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(path, line, col, "", "a second YAML document ('---'): one record per file"))
                    raise _Abort
                continue
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(path, line, col, "", f"alias '*{event.anchor}' is not allowed: write the value out in full"))
                raise _Abort
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                count += 1
                if count > MAX_NODES:
                    problems.append(Problem(path, line, col, "", f"more than {MAX_NODES} values in one file: split it"))
                    raise _Abort
                if event.tag is not None:
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                    problems.append(Problem(path, line, col, "", f"YAML tag '{tag}' is not allowed: remove it"))
                    raise _Abort
            node: Node | None = None
            if isinstance(event, yaml.ScalarEvent):
                reads_as = "text"
                if event.implicit[0]:  # a plain (unquoted) scalar: YAML would guess its type
                    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
                    reads_as = _SHORT_TAG.get(tag, "text")
                node = Scalar(event.value, reads_as, line, col)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(path, line, col, "", f"nested more than {MAX_DEPTH} levels deep"))
                    raise _Abort
                stack.append(["map" if isinstance(event, yaml.MappingStartEvent) else "seq", line, col, []])
                continue
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                kind, sline, scol, children = stack.pop()
                node = _mapping(children, sline, scol, path, problems) if kind == "map" else Sequence(tuple(children), sline, scol)
            if node is None:
                continue
            if stack:
                stack[-1][3].append(node)
            else:
                root = node
    except _Abort:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(Problem(path, line, col, "", f"invalid YAML: {what}"))
        return None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # PyYAML raises these on some inputs
        problems.append(Problem(path, 1, 1, "", f"invalid YAML: {exc}"))
        return None
    if root is None:
        problems.append(Problem(path, 1, 1, "", "the file is empty: write the record's fields, or delete the file"))
    return root


def _mapping(children: list, line: int, col: int, path: str, problems: list[Problem]) -> Mapping:
    items: list[tuple[Scalar, Node]] = []
    for key, value in zip(children[0::2], children[1::2]):
        if not isinstance(key, Scalar):
            problems.append(Problem(path, key.line, key.col, "", "a key must be a plain name, not a list or mapping"))
            continue
        items.append((key, value))
    return Mapping(tuple(items), line, col)


def read(data: bytes, path: str, problems: list[Problem]) -> Node | None:
    """Bytes of one file to its node tree, or None with the reasons in `problems`."""
    before = len(problems)
    text = decode(data, path, problems)
    if text is None or len(problems) > before:
        return None
    return parse(text, path, problems)
