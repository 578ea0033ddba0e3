"""Hiding the insides of raw HTML blocks from Markdown changes nothing: the HTML and the anchors
MkDocs finds are those of Markdown reading the whole page, on crafted and on random pages."""

from __future__ import annotations

import random

import markdown
import pytest
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.htmlblocks import hide, restore

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]


def convert(text: str) -> tuple[str, set]:
    """What MkDocs makes of `text`: the HTML, and the anchors it finds in raw HTML."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    anchors = _RawHTMLPreprocessor()
    anchors._register(md)
    return md.convert(text), anchors.present_anchor_ids


def convert_hidden(text: str) -> tuple[str, set] | None:
    shown, hidden = hide(text)
    html, anchors = convert(shown)
    restored = restore(html, hidden)
    return None if restored is None else (restored, anchors | hidden.anchor_ids)


CASES = {
    "table": '# T\n\n<div class="w">\n<table id="t">\n<tr id="r1"><th>A &amp; B</th><td>x<br>y</td></tr>\n</table>\n</div>\n\n## Next\n',
    "consecutive": '<p class="a">one</p>\n<p class="b">two &#39;q&#39;</p>\n\ntext after\n',
    "text_after_close": '<div>\n<p>x</p>\n</div> tail *em*\n\nmore\n',
    "nested_same_tag": '<div id="o">\n<div id="i">in</div>\n<div>in2</div>\n</div>\n\n',
    "unclosed_inner": '<div>\n<p>open\n<span>x</span>\n</div>\n\n',
    "stray_end_tag": '<div>\n</span>\n</div>\n\n',
    "bare_ampersand": '<div>\nAT&T &copy 2024\n</div>\n\n',
    "bare_lt": '<div>\na < b\n</div>\n\n',
    "comment": '<div>\n<!-- c -->\n</div>\n\n',
    "tab": '<div>\n\tx\n</div>\n\n',
    "spaces_line": '<div>\nx\n   \ny\n</div>\n\n',
    "blank_line_inside": '<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n\n',
    "hr_and_self_closing": '<div>\n<hr>\n<img src="a.png" alt="a"/>\n</div>\n\n',
    "uppercase": '<DIV ID="Up">\n<P>x</P>\n</DIV>\n\n',
    "inline_start": 'para <span>x</span>\n<div>\ny\n</div>\n\n',
    "indented": '  <div>\n<p>x</p>\n</div>\n\n',
    "fence_around": '```\n<div>\n<p>x</p>\n</div>\n```\n\n',
    "anchor_names": '<div>\n<a name="n1">x</a><span name="not">y</span><p id="a&amp;b">z</p>\n</div>\n\n',
    "script": '<div>\n<script>var a = "<p>";</script>\n</div>\n\n',
    "list_item_lines": '<ul class="fs-index">\n<li><a href="x/">X</a> — desc</li>\n<li><a href="y/">Y</a> — d</li>\n</ul>\n',
    "quotes_in_attr": '<div title="a &quot;b&quot;" data-x=\'single\'>\n<p>x</p>\n</div>\n\n',
    "json_ld_after": '<div>\n<p>x</p>\n</div>\n\n<script type="application/ld+json">{"a": "<p>"}</script>\n',
    "comment_between": '<div id="a">\n<p>x</p>\n</div>\n<!-- c -->\n<div id="b">\n<p>y</p>\n</div>\n',
    "json_ld_hidden": '<div>\n<p>x</p>\n</div>\n\n<script type="application/ld+json">{"@graph":[{"name":"a \\u003cb\\u003e"}]}</script>\n',
    "json_ld_then_more": '<script type="application/ld+json">{"a":1}</script>\n\n<div id="after">\n<p>y</p>\n</div>\n',
    "json_ld_inline": 'text <script type="application/ld+json">{"a":1}</script>\n\n<div>\n<p>y</p>\n</div>\n',
    "script_opens_in_block": '<div>\n<p>x</p><script>var a = "</div>";</script>\n</div>\n\n',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hiding_block_insides_gives_what_markdown_gives(name: str) -> None:
    text = CASES[name]
    hidden = convert_hidden(text)
    assert hidden is not None
    assert hidden == convert(text)


def test_the_pages_blocks_are_hidden() -> None:
    shown, hidden = hide(CASES["table"] + CASES["list_item_lines"])
    assert len(hidden.blocks) == 2
    assert "<tr" not in shown and "<li" not in shown


def test_blocks_before_the_first_unsafe_place_are_hidden_and_none_after() -> None:
    shown, hidden = hide(CASES["comment_between"])
    assert list(hidden.blocks.values()) == ["\n<p>x</p>\n"]
    assert '<div id="b">\n<p>y</p>' in shown
    shown, hidden = hide(CASES["json_ld_after"])  # a '<' inside: the script is left as it is, and ends the hiding
    assert len(hidden.blocks) == 1 and shown.endswith('<script type="application/ld+json">{"a": "<p>"}</script>\n')
    shown, hidden = hide(CASES["json_ld_hidden"])
    assert len(hidden.blocks) == 2 and shown.endswith('<script type="application/ld+json">\x1f1\x1f</script>\n')
    shown, hidden = hide(CASES["json_ld_then_more"])
    assert list(hidden.blocks.values()) == ['{"a":1}', "\n<p>y</p>\n"]
    assert not hide(CASES["json_ld_inline"])[1].blocks


TAGS = ["div", "p", "ul", "li", "table", "tr", "td", "section", "figure", "blockquote", "span", "a", "em", "br", "hr", "DIV"]
BITS = ["text", " ", "\n", "\n\n", "&amp;", "&#39;", "&#x26;", "AT&T", "a < b", "x > y", "&copy", "*em*", "`code`",
        "  ", "</span>", "<br/>", "# H\n", "[l](u)", "   \n"]
RARE_BITS = ["\t", "<!-- c -->", "```", "\r\n"]  # nothing is hidden from the first of these on
ENDINGS = ["", "", '<script type="application/ld+json">{"x": "</div><p>"}</script>\n', "<!-- end -->\n",
           '<script type="application/ld+json">{"x": "a &amp; b"}</script>\n', '<script type="application/ld+json">{"y":2}</script>',
           '\n<script type="application/ld+json">{"x": "a"}</script>\n<div>\n<p>after</p>\n</div>\n',
           "```\n<div>\n```\n"]


def random_element(rng: random.Random, depth: int = 0) -> str:
    tag = rng.choice(TAGS)
    attrs = rng.choice(["", ' class="c"', f' id="i{rng.randrange(9)}"', ' title="a &amp; b"'])
    inside = "".join(random_element(rng, depth + 1) if rng.random() < 0.4 and depth < 4
                     else rng.choice(RARE_BITS if rng.random() < 0.01 else BITS) for _ in range(rng.randint(0, 5)))
    close = "" if rng.random() < 0.05 else f"</{tag}>"
    return f"<{tag}{attrs}>{inside}{close}"


def random_page(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        parts.append(rng.choice(["## Heading", "Some *text* here.", random_element(rng), random_element(rng) + " tail"]))
        parts.append(rng.choice(["\n\n", "\n", "\n\n\n"]))
    return "".join(parts) + rng.choice(ENDINGS)


def test_hiding_matches_markdown_on_random_pages() -> None:
    rng = random.Random(20)
    hidden_some = 0
    for _ in range(2000):
        text = random_page(rng)
        result = convert_hidden(text)
        if result is None:
            continue
        assert result == convert(text), text
        hidden_some += bool(hide(text)[1].blocks)
    assert hidden_some > 600
