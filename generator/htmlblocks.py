"""Keep Python-Markdown from reading the insides of the pages' raw HTML blocks, which it passes
through unchanged anyway.

A generated page is mostly raw HTML: tables of stances, lists of quotes, claims and events.
Python-Markdown copies a raw HTML block into its output as written, but finds where the block ends
by running `html.parser` over every tag inside it, and MkDocs runs `html.parser` over the page once
more to collect its `id`s: together, most of the time a language build takes. `hide` replaces the
inside of each block that Markdown would pass through unchanged with a short placeholder;
`restore` puts the insides back into the HTML Markdown made. A block is hidden only when every
tag and character reference inside it is one `html.parser` reads in a single way, and its tags
close within it, and it ends before the first comment, script, fence, tab or carriage return of
the page (the schema.org data script every page ends with is hidden too, and is no obstacle).
Anything else (unbalanced or unusual tags, bare `&` or `<`, and everything from that first unsafe
place on) stays in the text Markdown reads. The built site is byte for byte the same with and
without it (tests/test_export.py compares our pages with plain MkDocs' build of the same Markdown).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown.util import BLOCK_LEVEL_ELEMENTS

_START = r'<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>`]*")?)*)\s*(/?)>'
_BLOCK_START_RE = re.compile("^" + _START, re.MULTILINE)
# Start and end tags, as (slash, name, attributes, self-closing slash); a '<' that is not one is
# not matched, and is caught by counting.
_TAG_RE = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>`]*")?)*)\s*(/?)>')
_REFERENCE_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_ANCHOR_ATTR_RE = re.compile(r"\s(?:id|name)\b", re.IGNORECASE)
_ATTR_RE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(="([^"]*)")?')
_PLACEHOLDER_RE = re.compile("\x1f[0-9]+\x1f")
# Nothing is hidden from the first of these on: comments, declarations and scripts change how
# html.parser reads what follows, fences are read before raw HTML, tabs are expanded by column
# (which a shorter block would shift), carriage returns end lines, and \x1f marks our placeholders.
_UNSAFE_TEXT = ("<!", "<?", "```", "~~~", "\r", "\x1f")  # and tabs: see _first_unsafe
_UNSAFE_TAG_RE = re.compile(r"<(?:[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])\b")
# The one script a page may have that is hidden too: schema.org data on a line of its own, with no
# '<' inside (jsonld.script escapes it), so html.parser reads it to its end tag in a single way.
_DATA_SCRIPT_RE = re.compile(r'<script type="application/ld\+json">([^<\n\x1f]*)</script>(?=\n|\Z)')
# Lines of spaces, which Markdown empties before it reads raw HTML.
_SPACES_LINE_RE = re.compile("\n +\n")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
# Elements whose content html.parser does not read as tags, in one Python version or another.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})
_EMPTY = frozenset({"hr"})  # Markdown's HTMLExtractor treats <hr> as self-closing


@dataclass
class Hidden:
    """The insides taken out of one page's Markdown, by placeholder, and the anchors they hold."""

    blocks: dict[str, str] = field(default_factory=dict)
    anchor_ids: set[str | None] = field(default_factory=set)


def hide(markdown: str) -> tuple[str, Hidden]:
    """`markdown` with the insides of its plain top-level HTML blocks replaced by placeholders."""
    hidden = Hidden()
    limit = _first_unsafe(markdown)
    out: list[str] = []
    pos = 0
    start = _BLOCK_START_RE.search(markdown, 0, limit)
    while start is not None:
        tag = start.group(1).lower()
        plain = tag in _BLOCK_TAGS and tag not in _RAW_TEXT and tag not in _EMPTY and not start.group(3)
        end = _block_end(markdown, start, hidden, limit) if plain else -1
        data = _data_script(markdown, start.start()) if tag == "script" else None
        if data is not None and data.group(1) and data.end() <= limit:
            end = data.start(1) + len(data.group(1))
        if end >= 0:
            placeholder = f"\x1f{len(hidden.blocks)}\x1f"
            hidden.blocks[placeholder] = markdown[start.end():end]
            out += [markdown[pos:start.end()], placeholder]
            pos = end
        start = _BLOCK_START_RE.search(markdown, max(end, start.end()), limit)
    out.append(markdown[pos:])
    return "".join(out), hidden


def _first_unsafe(markdown: str) -> int:
    """Where the first thing that changes how what follows is read begins (the page's length if
    none): only blocks that end before it are hidden. Markdown and html.parser read a page from
    start to end, so what comes before it reads the same whatever follows (the schema.org
    <script> at the end of every page, for one)."""
    found = [markdown.find(text) for text in _UNSAFE_TEXT]
    tab = markdown.find("\t")
    if tab >= 0:  # a tab is expanded by its column: the whole line it is on must stay as it is
        found.append(markdown.rfind("\n", 0, tab) + 1)
    tag = _UNSAFE_TAG_RE.search(markdown)
    while tag is not None and (data := _data_script(markdown, tag.start())) is not None:
        tag = _UNSAFE_TAG_RE.search(markdown, data.end())
    return min([i for i in found if i >= 0] + ([tag.start()] if tag else []) + [len(markdown)])


def _data_script(markdown: str, pos: int) -> re.Match[str] | None:
    """The schema.org data script starting a line at `pos`, if that is what is there."""
    if pos and markdown[pos - 1] != "\n":
        return None
    return _DATA_SCRIPT_RE.match(markdown, pos)


def _block_end(text: str, start: re.Match[str], hidden: Hidden, limit: int) -> int:
    """Where the end tag of the block opened by `start` begins, or -1 if the block is not plain
    or does not end before `limit`.

    The end is found counting the block's own tag only, then the inside is read as Markdown's
    HTMLExtractor reads it: every start tag is pushed, but for <hr> and `<x/>`; an end tag pops
    up to its start tag; the block ends when nothing is left open, which must be there. Every
    '<' must start a tag and every '&' a reference ending in ';' that html.parser reads in one way."""
    name = start.group(1).lower()
    end = _own_end(text, start.end(), name, limit)
    inside = text[start.end():end] if end >= 0 else ""
    if end < 0 or "\x02" in inside or "\x03" in inside or ("\n " in inside and _SPACES_LINE_RE.search(inside)):
        return -1
    tags = _TAG_RE.findall(inside)
    if inside.count("<") != len(tags) or inside.count("&") != len(_REFERENCE_RE.findall(inside)):
        return -1
    stack = [name]
    ids: set[str | None] = set()
    _collect_ids(name, start.group(2), ids)
    for slash, tag, attributes, closed in tags:
        tag = tag.lower()
        if slash:
            if tag not in stack:
                return -1
            while stack.pop() != tag:
                pass
            if not stack:
                return -1
        else:
            if tag in _RAW_TEXT:
                return -1
            if attributes:
                _collect_ids(tag, attributes, ids)
            if not closed and tag not in _EMPTY:
                stack.append(tag)
    if name in stack[1:]:
        return -1
    hidden.anchor_ids |= ids
    return end


@lru_cache(maxsize=64)
def _own_tag_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]*>", re.IGNORECASE)


def _own_end(text: str, pos: int, name: str, limit: int) -> int:
    """Where the end tag that closes the block's own tag begins, counting only that tag, if it
    ends before `limit`."""
    depth = 1
    for tag in _own_tag_re(name).finditer(text, pos, limit):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.start()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return -1


def _collect_ids(tag: str, attributes: str, ids: set[str | None]) -> None:
    """The anchors MkDocs finds in raw HTML: `id`s, and `name`s of <a> (html.parser unescapes them)."""
    if not _ANCHOR_ATTR_RE.search(attributes):
        return
    for name, equals, value in _ATTR_RE.findall(attributes):
        name = name.lower()
        if name == "id" or (name == "name" and tag == "a"):
            ids.add(html.unescape(value) if equals else None)


def restore(html_text: str, hidden: Hidden) -> str | None:
    """The HTML with every placeholder replaced by what it hides; None if a placeholder is not
    found exactly once (then the page must be rendered from its full Markdown)."""
    if not hidden.blocks:
        return html_text
    found = _PLACEHOLDER_RE.findall(html_text)
    if len(found) != len(hidden.blocks) or set(found) != hidden.blocks.keys():
        return None
    return _PLACEHOLDER_RE.sub(lambda m: hidden.blocks[m.group()], html_text)
