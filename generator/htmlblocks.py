"""Keep Python-Markdown from reading the insides of the raw HTML blocks our templates mark, which
it passes through unchanged anyway.

A generated page is mostly raw HTML: tables of stances, lists of quotes, claims and events.
Python-Markdown copies a raw HTML block into its output as written, but finds where the block ends
by running `html.parser` over every tag inside it, and MkDocs runs `html.parser` over the page once
more to collect its `id`s: together, most of the time a language build takes.

The templates say which blocks those are: `{% filter htmlblock %}…{% endfilter %}` around a block
puts `OPEN` before it and `CLOSE` after it (two control characters no content can hold: the check
refuses C0 controls in text). `hide` takes exactly the marked blocks, with no reading of their
tags: it replaces each one's inside by a short placeholder, keeps its start and end tags for
Markdown to see, and removes every marker; `restore` puts the insides back into the HTML Markdown
made. `unmark` removes the markers from a page that is not hidden (the export, the golden files, a
build with other Markdown extensions): no marker reaches any output.

What makes a marked block safe to hand over unparsed, and who guarantees it:
- The template: the block is one element, opened at the start of a line by a block-level start
  tag (not <hr>, not a raw-text element such as <script>), closed by its own end tag right before
  the end marker, at the end of a line; inside, its tags are balanced and it holds no comment,
  declaration, processing instruction or raw-text element (Markdown then reads it as one raw block
  ending at that end tag, whatever its inside: hidden or not, the same block). `hide` checks all
  of this but the balance of the inner tags, cheaply (string searches, and the block's own tag
  counted), and refuses a block that breaks it with a `MarkedBlockError` naming the page, the line
  and the block: a bug in the templates, never silently different HTML. The balance of inner tags
  is pinned by tests/test_export.py (our pages against plain MkDocs' build of the same Markdown).
- Jinja: every value is escaped (autoescape, or the `md` filter), so content adds no `<`, `&` or
  quote of its own; and the check keeps control characters out of text.
- `hide`, for what content can still hold that Markdown reads inside raw HTML: a line of spaces
  inside a block (Markdown empties it first) leaves that block to Markdown; a fence, a tab, a
  comment, a script or a carriage return anywhere leaves every block from there on to Markdown
  (the schema.org data script each page ends with comes after every block).
What is not marked is left to Markdown, as in any MkDocs site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup

from .errors import GeneratorError

OPEN = "\x0e"  # Shift Out: a marked block starts after it
CLOSE = "\x0f"  # Shift In: and ends before it

_START_RE = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*\s*>')
_ID_RE = re.compile(r'\sid="([^"]*)"')
_ANCHOR_NAME_RE = re.compile(r'<a\s(?:[^>]*?\s)?name="([^"]*)"', re.IGNORECASE)
_PLACEHOLDER_RE = re.compile("\x1f[0-9]+\x1f")
# Nothing is hidden from the first of these on: comments, declarations and scripts change how
# html.parser reads what follows, fences are read before raw HTML, tabs are expanded by column
# (which a shorter block would shift), carriage returns end lines, \x02 and \x03 are Markdown's
# own placeholders and \x1f marks ours.
_UNSAFE_TEXT = ("<!", "<?", "<script", "<style", "<textarea", "```", "~~~", "\r", "\x02", "\x03", "\x1f")
# Inside a marked block: what would make html.parser read it other than as one raw block.
_UNSAFE_INSIDE = ("<!", "<?", OPEN)
_RAW_INSIDE_RE = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b", re.IGNORECASE)
# Lines of spaces, which Markdown empties before it reads raw HTML.
_SPACES_LINE_RE = re.compile("\n +\n")
# The one script a page may mark: its schema.org data, with no '<' inside (jsonld.script escapes
# it), which html.parser reads to its end tag in a single way.
DATA_SCRIPT = '<script type="application/ld+json">'
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr", "script", "style", "textarea", "pre", "noscript", "iframe", "math",
                                                 "canvas"}


class MarkedBlockError(GeneratorError):
    """A block a template marked is not one Markdown would pass through whole: a template bug."""


def htmlblock(block: str, mark: bool = True) -> Markup:
    """The Jinja filter marking a raw HTML block (`{% filter htmlblock %}…{% endfilter %}`): the
    markers go around the block, its trailing line breaks after them; nothing is marked if empty
    or if `mark` is false (`{% filter htmlblock(condition) %}`)."""
    body = block.rstrip("\n")
    if not body or not mark:
        return Markup(block)
    return Markup(OPEN + str(body) + CLOSE + str(block)[len(body):])


def unmark(markdown: str) -> str:
    """`markdown` without its markers. (Two `replace`s, not `str.translate`, which looks each
    character of a page up in its table: 17 times slower on a page with accents, and run on every
    page MkDocs keeps from the last build.)"""
    return markdown.replace(OPEN, "").replace(CLOSE, "") if OPEN in markdown else markdown


@dataclass
class Hidden:
    """The insides taken out of one page's Markdown, by placeholder, and the anchors they hold."""

    blocks: dict[str, str] = field(default_factory=dict)
    anchor_ids: set[str | None] = field(default_factory=set)


def hide(markdown: str, page: str = "the page") -> tuple[str, Hidden]:
    """`markdown` without its markers, and with the insides of its marked blocks replaced by
    placeholders (but for blocks left to Markdown: see the module docstring). Raises
    `MarkedBlockError` on a marked block that breaks the templates' guarantee."""
    hidden = Hidden()
    if OPEN not in markdown and CLOSE not in markdown:
        return markdown, hidden
    limit = _first_unsafe(markdown)
    out: list[str] = []
    pos = 0
    start = markdown.find(OPEN)
    while True:
        stray = markdown.find(CLOSE, pos, len(markdown) if start < 0 else start)
        if stray >= 0:
            raise _error(markdown, stray, page, "an end marker with no start marker before it")
        if start < 0:
            break
        end = markdown.find(CLOSE, start)
        block = markdown[start + 1:end] if end >= 0 else markdown[start + 1:]
        tag = _checked(markdown, start, end, block, page)
        inside_start = start + 1 + tag.end()
        inside_end = end - len(tag.group(1)) - 3
        inside = markdown[inside_start:inside_end]
        out.append(markdown[pos:start])
        if end <= limit and not ("\n " in inside and _SPACES_LINE_RE.search(inside)):
            placeholder = f"\x1f{len(hidden.blocks)}\x1f"
            hidden.blocks[placeholder] = inside
            out += [tag.group(), placeholder, markdown[inside_end:end]]
            if (' id="' in block or " name=" in inside) and tag.group(1) != "script":
                _collect_ids(block, hidden.anchor_ids)
        else:
            out.append(block)
        pos = end + 1
        start = markdown.find(OPEN, pos)
    out.append(markdown[pos:])
    return "".join(out), hidden


def _checked(markdown: str, start: int, end: int, block: str, page: str) -> re.Match[str]:
    """The start tag of the marked block `block` (between `start` and `end`), if the block keeps
    the templates' guarantee (see the module docstring); else a `MarkedBlockError`."""
    if end < 0:
        raise _error(markdown, start, page, "a start marker with no end marker after it")
    if start and markdown[start - 1] != "\n":
        raise _error(markdown, start, page, "the block does not start a line")
    if end + 1 < len(markdown) and markdown[end + 1] != "\n":
        raise _error(markdown, start, page, "the block's end tag does not end its line")
    tag = _START_RE.match(block)
    if tag is None:
        raise _error(markdown, start, page, "the block does not start with a start tag")
    name = tag.group(1)
    if name == "script":
        if tag.group() != DATA_SCRIPT or block.find("<", tag.end()) != len(block) - 9:
            raise _error(markdown, start, page, f"a script is marked only as {DATA_SCRIPT}, with no '<' inside")
    elif name.lower() not in _BLOCK_TAGS:
        raise _error(markdown, start, page, f"<{name}> does not start a raw HTML block Markdown passes through")
    if not block.endswith(f"</{name}>") or len(block) < tag.end() + len(name) + 3:
        raise _error(markdown, start, page, f"the block does not end with </{name}>")
    for text in _UNSAFE_INSIDE:
        if text in block:
            raise _error(markdown, start, page, f"the block holds {text!r}, which changes how Markdown reads it")
    if name != "script" and _RAW_INSIDE_RE.search(block, tag.end()):
        raise _error(markdown, start, page, "the block holds a raw-text element (a script, a style…)")
    closes = _own_close(block, name, tag.end())
    if closes != len(block) - len(name) - 3:
        raise _error(markdown, start, page, f"the block's own <{name}> closes before its end: it is not one element")
    return tag


@lru_cache(maxsize=64)
def _own_tag_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]*>", re.IGNORECASE)


def _own_close(block: str, name: str, pos: int) -> int:
    """Where the end tag closing the block's start tag begins, counting that tag only (-1: none)."""
    depth = 1
    for tag in _own_tag_re(name).finditer(block, pos):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.start()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return -1


def _error(markdown: str, at: int, page: str, problem: str) -> MarkedBlockError:
    line = markdown.count("\n", 0, at) + 1
    start = markdown.rfind("\n", 0, at) + 1
    text = markdown[start:markdown.find("\n", at)].strip(OPEN + CLOSE)[:80]
    return MarkedBlockError(f"{page}:{line}: a raw HTML block marked by a template (with the htmlblock filter) breaks "
                            f"what makes it safe to hide from Markdown: {problem}: {text!r}; this is a bug in templates/, "
                            "not in the content: please report it (see generator/htmlblocks.py)")


def _first_unsafe(markdown: str) -> int:
    """Where the first thing that changes how what follows is read begins (the page's length if
    none): only blocks that end before it are hidden. Markdown and html.parser read a page from
    start to end, so what comes before it reads the same whatever follows (the schema.org
    <script> at the end of every page, for one)."""
    found = [markdown.find(text) for text in _UNSAFE_TEXT]
    script = found[2]
    while script > 0 and markdown[script - 1] == OPEN:  # a marked data script: see `_checked`
        script = markdown.find("<script", script + 1)
    found[2] = script
    tab = markdown.find("\t")
    if tab >= 0:  # a tab is expanded by its column: the whole line it is on must stay as it is
        found.append(markdown.rfind("\n", 0, tab) + 1)
    return min([i for i in found if i >= 0] + [len(markdown)])


def _collect_ids(block: str, ids: set[str | None]) -> None:
    """The anchors MkDocs finds in raw HTML: `id`s, and `name`s of <a> (html.parser unescapes them)."""
    for value in _ID_RE.findall(block) + _ANCHOR_NAME_RE.findall(block):
        ids.add(html.unescape(value) if "&" in value else value)


def restore(html_text: str, hidden: Hidden) -> str | None:
    """The HTML with every placeholder replaced by what it hides; None if a placeholder is not
    found exactly once (then the page must be rendered from its full Markdown)."""
    if not hidden.blocks:
        return html_text
    found = _PLACEHOLDER_RE.findall(html_text)
    if len(found) != len(hidden.blocks) or set(found) != hidden.blocks.keys():
        return None
    return _PLACEHOLDER_RE.sub(lambda m: hidden.blocks[m.group()], html_text)
