"""Read one YAML file into a small tree of located nodes, refusing YAML that changes meaning silently.

We never let YAML decide what a value is: plain scalars stay text, and the tag YAML *would*
give them is kept, so the schema can say "YAML reads `no` as false; quote it". Parsing is
event-driven (libyaml's C parser where present), so deep nesting and alias bombs are refused
without recursion or expansion.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.resolver import Resolver

from .errors import Problem
from .text import shown

try:  # libyaml is ~10x faster; PyYAML's pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
MAX_NODES = 100_000
_RESOLVER = Resolver()
# The first characters of every value YAML's implicit types can read: any other is text.
_RESOLVED_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers)
_READS_AS: dict[str, str] = {}
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


class Scalar(NamedTuple):
    """A scalar as written. `reads_as` is what plain YAML would turn it into ('text' if quoted)."""

    value: str
    reads_as: str
    line: int
    col: int


class Mapping(NamedTuple):
    items: tuple[tuple[Scalar, Node], ...]
    line: int
    col: int


class Sequence(NamedTuple):
    items: tuple[Node, ...]
    line: int
    col: int


Node = Scalar | Mapping | Sequence


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
    if "\t" not in text:
        return text
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            col = indent.index("\t") + 1
            problems.append(Problem(path, number, col, "", "tab used for indentation: indent with spaces"))
    return text


def parse(text: str, path: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document into located nodes; None (with problems) if it cannot be trusted.
    Duplicate keys are kept here, for the schema to report with their field's full name."""
    stack: list[list[Any]] = []  # each entry: [is_mapping, line, col, children]
    children: list[Node] = []  # the innermost open collection's children
    root: Node | None = None
    documents = 0
    count = 0
    event: Any  # told apart by its class, which the type checker does not follow
    try:
        for event in yaml.parse(text, Loader=_Loader):
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                count += 1
                if count > MAX_NODES:
                    problems.append(Problem(path, line, col, "", f"more than {MAX_NODES} values in one file: split it"))
                    raise _Abort
                if event.tag is not None:
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                    problems.append(Problem(path, line, col, "", f"YAML tag '{tag}' is not allowed: remove it"))
                    raise _Abort
                if cls is ScalarEvent:
                    value = event.value
                    node: Node = Scalar(value, reads_as(value) if event.implicit[0] else "text", line, col)
                else:
                    if len(stack) >= MAX_DEPTH:
                        problems.append(Problem(path, line, col, "", f"nested more than {MAX_DEPTH} levels deep"))
                        raise _Abort
                    children = []
                    stack.append([cls is MappingStartEvent, line, col, children])
                    continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                is_mapping, sline, scol, items = stack.pop()
                node = _mapping(items, sline, scol, path, problems) if is_mapping else Sequence(tuple(items), sline, scol)
                if stack:
                    children = stack[-1][3]
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.append(Problem(path, mark.line + 1, mark.column + 1, "", "a second YAML document ('---'): one record per file"))
                    raise _Abort
                continue
            elif cls is AliasEvent:
                mark = event.start_mark
                problems.append(Problem(path, mark.line + 1, mark.column + 1, "", f"alias '*{event.anchor}' is not allowed: "
                                                                                  "write the value out in full"))
                raise _Abort
            else:
                continue
            if stack:
                children.append(node)
            else:
                root = node
    except _Abort:
        return None
    except yaml.MarkedYAMLError as exc:
        problems.append(_marked_problem(exc, path))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: at its line and column
        before = text[:exc.position]
        line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
        character = shown(chr(exc.character)) if isinstance(exc.character, int) else "character"
        problems.append(Problem(path, line, col, "", f"the control character {character} is not allowed in YAML: remove it"))
        return None
    except (yaml.YAMLError, ValueError, RecursionError):  # PyYAML raises these on some inputs
        problems.append(Problem(path, 1, 1, "", "invalid YAML that could not be located: compare the file with an example in README.md"))
        return None
    if root is None:
        problems.append(Problem(path, 1, 1, "", "the file is empty: write the record's fields, or delete the file"))
    return root


def _marked_problem(exc: yaml.MarkedYAMLError, path: str) -> Problem:
    """A YAML syntax error where the editor can fix it: a text still open at the end of the file
    is reported where it opens (where its quotation mark is), not where the file ends."""
    if exc.context_mark is not None and exc.context and "quoted scalar" in exc.context:
        mark = exc.context_mark
        return Problem(path, mark.line + 1, mark.column + 1, "",
                       "this quoted text is never closed: end it with the same quotation mark it starts with")
    found = exc.problem_mark or exc.context_mark
    line, col = (found.line + 1, found.column + 1) if found else (1, 1)
    what = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.context_mark is not None and exc.problem_mark is not None \
            and exc.context_mark.line != exc.problem_mark.line:
        what += f" ({exc.context}, from line {exc.context_mark.line + 1})"
    return Problem(path, line, col, "", f"invalid YAML: {what}")


def reads_as(value: str) -> str:
    """What plain YAML would turn an unquoted scalar into: 'text', 'boolean', 'number'…"""
    if value and value[0] not in _RESOLVED_FIRST:  # no implicit type starts with this character
        return "text"
    known = _READS_AS.get(value)
    if known is None:
        known = _SHORT_TAG.get(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)), "text")
        if len(_READS_AS) < 10_000:
            _READS_AS[value] = known
    return known


def _mapping(children: list[Node], line: int, col: int, path: str, problems: list[Problem]) -> Mapping:
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
    simple = parse_simple(text)
    return simple if simple is not None else parse(text, path, problems)


# --- The simple subset ----------------------------------------------------------------------------
#
# Nearly every record file is plain block YAML: `key: value`, `key:` with a more indented block,
# `- item`, plain or quoted one-line scalars, and whole-line comments at the margin. `parse_simple`
# reads exactly that subset, line by line, several times faster than libyaml's events reach Python,
# and gives the same nodes at the same places (tests/test_yamlread.py compares the two on crafted
# and random documents). On anything else (flow collections, block scalars, escapes, anchors, tags,
# multi-line scalars, odd indentation, inline comments, any YAML error) it returns None and `parse`
# reads the file, so every problem is still found and worded by the same code.

# One line of the subset: indentation, a "- ", a `key:`, and the rest (a value or a comment).
_LINE_RE = re.compile(r"^( *)(- +|-$)?(?:([A-Za-z_][A-Za-z0-9_-]{0,99})(:(?: +|$)))?(.*)$", re.MULTILINE)
# Characters outside this set (tabs, carriage returns, other line breaks, control characters, a
# byte-order mark past the start) are left to the full parser.
_UNUSUAL_RE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar starting with one of these is an indicator, or may be: left to the full parser.
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _scalar(text: str, line: int, col: int) -> Scalar | None:
    """The one-line scalar `text` holds (trailing spaces allowed), or None if it may be more."""
    first = text[0]
    if first == '"':
        end = text.find('"', 1)
        if end == -1 or "\\" in text[1:end] or text[end + 1:].strip(" "):
            return None
        return Scalar(text[1:end], "text", line, col)
    if first == "'":
        end = text.find("'", 1)
        while end != -1 and text[end + 1:end + 2] == "'":
            end = text.find("'", end + 2)
        if end == -1 or text[end + 1:].strip(" "):
            return None
        return Scalar(text[1:end].replace("''", "'"), "text", line, col)
    value = text.rstrip(" ")
    if first in _PLAIN_START or "#" in value or ": " in value or value[-1] == ":":
        return None
    return Scalar(value, reads_as(value), line, col)


def parse_simple(text: str) -> Node | None:
    """The node tree of `text` if it is in the simple subset (see above), else None."""
    if _UNUSUAL_RE.search(text) or text.count("\n") * 3 >= MAX_NODES:  # a line holds at most three nodes
        return None
    # Open blocks, innermost last: [is_mapping, indentation, line, col, children].
    stack: list[list[Any]] = []
    children: list[Any] = []  # the innermost block's: keys (Scalar) and values in turn, or items
    pending = -1         # column of a `key:` whose value is the block that follows, or -1
    deepest = 1 << 30    # the indentation the next line may not exceed (no multi-line scalars)
    for number, (spaces, dash, key, colon, rest) in enumerate(_LINE_RE.findall(text), start=1):
        if not (dash or key):
            if not rest:
                continue  # a blank line
            if rest[0] == "#" and not spaces:
                continue  # a comment
            return None
        indent = len(spaces)
        if pending >= 0:
            if indent <= pending:
                return None
            children = []
            stack.append([not dash, indent, number, indent + 1, children])
            pending = -1
        elif not stack:
            if indent or dash:
                return None
            stack.append([True, 0, number, 1, children])
        else:
            if indent > deepest:
                return None
            while stack[-1][1] > indent:
                children = _close(stack)
            if stack[-1][1] != indent or stack[-1][0] == bool(dash):
                return None
        if len(stack) >= MAX_DEPTH:
            return None
        column = indent
        if dash:
            if not key and (not rest or rest[0] == "-"):
                return None
            column += len(dash)
            deepest = indent
            if key:
                children = []
                stack.append([True, column, number, column + 1, children])
        if not key:
            node = _scalar(rest, number, column + 1)
            if node is None:
                return None
            children.append(node)
            continue
        children.append(Scalar(key, reads_as(key), number, column + 1))
        if not rest:
            pending = column
            continue
        node = _scalar(rest, number, column + 1 + len(key) + len(colon))
        if node is None:
            return None
        children.append(node)
        deepest = column
    if pending >= 0 or not stack:
        return None
    while len(stack) > 1:
        _close(stack)
    _, _, line, col, children = stack[0]
    return Mapping(tuple(zip(children[0::2], children[1::2])), line, col)


def _close(stack: list[list[Any]]) -> list[Node]:
    """Close the innermost block into its parent; returns the parent's children."""
    is_mapping, _, line, col, children = stack.pop()
    node = Mapping(tuple(zip(children[0::2], children[1::2])), line, col) if is_mapping else Sequence(tuple(children), line, col)
    parent: list[Node] = stack[-1][4]
    parent.append(node)
    return parent
