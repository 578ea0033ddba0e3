"""Hiding the insides of the raw HTML blocks our templates mark changes nothing: the HTML and the
anchors MkDocs finds are those of Markdown reading the whole page. Only marked blocks are hidden,
a marked block that breaks the templates' guarantee is refused, and no marker reaches the output."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.htmlblocks import CLOSE, OPEN, MarkedBlockError, hide, restore, unmark
from generator.templating import make_env

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]


def convert(text: str) -> tuple[str, set]:
    """What MkDocs makes of `text`: the HTML, and the anchors it finds in raw HTML."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    anchors = _RawHTMLPreprocessor()
    anchors._register(md)
    return md.convert(text), anchors.present_anchor_ids


def convert_hidden(text: str) -> tuple[str, set] | None:
    shown, hidden = hide(text)
    assert OPEN not in shown and CLOSE not in shown
    html, anchors = convert(shown)
    restored = restore(html, hidden)
    return None if restored is None else (restored, anchors | hidden.anchor_ids)


def m(block: str) -> str:
    """`block` marked, as the htmlblock filter marks it."""
    return OPEN + block + CLOSE


CASES = {
    "table": '# T\n\n' + m('<div class="w">\n<table id="t">\n<tr id="r1"><th>A &amp; B</th><td>x<br>y</td></tr>\n</table>\n</div>')
             + '\n\n## Next\n',
    "consecutive": m('<p class="a">one</p>') + '\n' + m('<p class="b">two &#39;q&#39;</p>') + '\n\ntext after\n',
    "nested_same_tag": m('<div id="o">\n<div id="i">in</div>\n<div>in2</div>\n</div>') + '\n\n',
    "blank_line_inside": m('<div>\n<p>a</p>\n\n<p>b</p>\n</div>') + '\n\n',
    "hr_and_self_closing": m('<div>\n<hr>\n<img src="a.png" alt="a"/>\n</div>') + '\n\n',
    "uppercase": m('<DIV ID="Up">\n<P>x</P>\n</DIV>') + '\n\n',
    "after_paragraph": 'para <span>x</span>\n' + m('<div>\ny\n</div>') + '\n\n',
    "anchor_names": m('<div>\n<a name="n1">x</a><span name="not">y</span><p id="a&amp;b">z</p>\n</div>') + '\n\n',
    "list_item_lines": m('<ul class="fs-index">\n<li><a href="x/">X</a> — desc</li>\n<li><a href="y/">Y</a> — d</li>\n</ul>') + '\n',
    "attributes": m('<section class="s" id="s1" aria-label="a &#34;b&#34; `c`" data-pagefind-ignore>\n<p>x</p>\n</section>') + '\n\n',
    "markdown_inside": m('<div>\n*not em* [not](link) # not heading\n</div>') + '\n\n',
    "at_the_end": '# T\n\n' + m('<div>\n<p>x</p>\n</div>'),
    "unmarked_around": '<div>\n<p>u</p>\n</div>\n\n' + m('<div>\n<p>x</p>\n</div>') + '\n\n<p>after</p>\n',
    # Left to Markdown: a line of spaces inside; a fence, a tab, a comment or a script before.
    "spaces_line": m('<div>\nx\n   \ny\n</div>') + '\n\n' + m('<div>\n<p>next</p>\n</div>') + '\n',
    "fence_before": '```\n' + m('<div>\n<p>x</p>\n</div>') + '\n```\n\n',
    "tab_before": 'a\tb\n\n' + m('<div>\n<p>x</p>\n</div>') + '\n\n',
    "comment_before": '<!-- c -->\n' + m('<div>\n<p>x</p>\n</div>') + '\n\n',
    "data_script": m('<div id="d">\n<p>x</p>\n</div>') + '\n\n'
                   + m('<script type="application/ld+json">{"a":"x id=\\"y\\"\\u003cp\\u003e"}</script>') + '\n',
    "data_script_then_more": m('<script type="application/ld+json">{"a":1}</script>') + '\n\n' + m('<div id="after">\n<p>y</p>\n</div>') + '\n',
    "script_after": m('<div>\n<p>x</p>\n</div>') + '\n\n<script type="application/ld+json">{"a": "<p>"}</script>\n',
    "comment_between": m('<div id="a">\n<p>x</p>\n</div>') + '\n<!-- c -->\n' + m('<div id="b">\n<p>y</p>\n</div>') + '\n',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hiding_marked_blocks_gives_what_markdown_gives(name: str) -> None:
    text = CASES[name]
    hidden = convert_hidden(text)
    assert hidden is not None
    assert hidden == convert(unmark(text))


def test_exactly_the_marked_blocks_are_hidden_and_no_marker_is_left() -> None:
    shown, hidden = hide(CASES["unmarked_around"])
    assert list(hidden.blocks.values()) == ["\n<p>x</p>\n"]
    assert shown == '<div>\n<p>u</p>\n</div>\n\n<div>\x1f0\x1f</div>\n\n<p>after</p>\n'
    assert hide(unmark(CASES["table"]))[1].blocks == {}  # the same HTML unmarked: left to Markdown
    assert hide(CASES["table"])[1].anchor_ids == {"t", "r1"}


def test_blocks_from_the_first_unsafe_place_on_are_left_to_markdown_without_markers() -> None:
    shown, hidden = hide(CASES["comment_between"])
    assert list(hidden.blocks.values()) == ["\n<p>x</p>\n"]
    assert shown.endswith('<!-- c -->\n<div id="b">\n<p>y</p>\n</div>\n')
    shown, hidden = hide(CASES["spaces_line"])  # only the block with the line of spaces
    assert list(hidden.blocks.values()) == ["\n<p>next</p>\n"]
    assert shown.startswith("<div>\nx\n   \ny\n</div>\n\n")
    shown, hidden = hide(CASES["data_script_then_more"])  # a marked data script is hidden, and no obstacle
    assert list(hidden.blocks.values()) == ['{"a":1}', "\n<p>y</p>\n"] and hidden.anchor_ids == {"after"}
    assert hide(CASES["data_script"])[1].anchor_ids == {"d"}  # nothing read in the data
    for name in ("fence_before", "tab_before", "comment_before"):
        shown, hidden = hide(CASES[name])
        assert not hidden.blocks and shown == unmark(CASES[name])


BROKEN = {
    "not at a line start": ("x " + m("<div>\n<p>x</p>\n</div>") + "\n", "the block does not start a line"),
    "text after the end tag": (m("<div>\n<p>x</p>\n</div>") + " tail\n", "the block's end tag does not end its line"),
    "no start tag": (m("text <p>x</p>") + "\n", "the block does not start with a start tag"),
    "inline tag": (m("<span>x</span>") + "\n", "<span> does not start a raw HTML block"),
    "script": (m("<script>x</script>") + "\n", "a script is marked only as <script type=\"application/ld+json\">"),
    "data script with '<'": (m('<script type="application/ld+json">{"a": "<p>"}</script>') + "\n", "with no '<' inside"),
    "other end tag": (m("<div>\n<p>x</p>") + "\n", "the block does not end with </div>"),
    "two elements": (m("<p>a</p>\n<p>b</p>") + "\n", "the block's own <p> closes before its end"),
    "comment inside": (m("<div>\n<!-- c -->\n</div>") + "\n", "the block holds '<!'"),
    "nested": (m("<div>\n" + m("<div>x</div>") + "\n</div>") + "\n", "the block holds '\\x0e'"),
    "style inside": (m("<div>\n<style>p {}</style>\n</div>") + "\n", "raw-text element"),
    "unclosed": (OPEN + "<div>\n<p>x</p>\n</div>\n", "a start marker with no end marker after it"),
    "stray end marker": ('<p class="x">a</p>' + CLOSE + "\n", "an end marker with no start marker before it"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_marked_block_breaking_the_guarantee_is_refused_naming_page_line_and_block(name: str) -> None:
    text, problem = BROKEN[name]
    with pytest.raises(MarkedBlockError) as error:
        hide("# Title\n\n" + text, "issues/x.md")
    assert error.value.message.startswith("issues/x.md:3: a raw HTML block marked by a template")
    assert problem in error.value.message
    assert "this is a bug in templates/, not in the content" in error.value.message


def test_the_filter_marks_one_block_and_keeps_its_line_breaks_outside() -> None:
    env = make_env()
    template = env.from_string('{% filter htmlblock(on) %}\n<ul class="x">\n<li>{{ v }}</li>\n</ul>\n{% endfilter %}\nafter\n')
    assert template.render(v="<a & b>", on=True) == m('<ul class="x">\n<li>&lt;a &amp; b&gt;</li>\n</ul>') + "\nafter\n"
    assert template.render(v="x", on=False) == '<ul class="x">\n<li>x</li>\n</ul>\nafter\n'
    assert env.from_string("{% filter htmlblock %}\n{% endfilter %}x").render() == "x"


def test_the_seed_pages_blocks_are_marked_hidden_and_give_what_markdown_gives() -> None:
    """Every page of the seed site: most of its HTML hidden, the same HTML and anchors."""
    from generator.check import check
    from generator.facts import build_factset
    from generator.sitefiles import language_site

    root = Path(__file__).resolve().parent.parent
    facts = build_factset(check(root / "content"))
    total = hidden_chars = 0
    for lang in ("en", "fr"):
        site = language_site(facts, lang, root, root / "content", site_url="https://example.org/", marked=True)
        assert all(OPEN not in text for text in language_site(facts, lang, root, root / "content").files.values()
                   if isinstance(text, str))
        for src, text in site.files.items():
            if not src.endswith(".md") or not isinstance(text, str):
                continue
            body = text.split("\n---\n", 1)[1]
            result = convert_hidden(body)
            assert result == convert(unmark(body)), src
            total += len(body)
            hidden_chars += sum(map(len, hide(body)[1].blocks.values()))
    assert hidden_chars > 0.6 * total


TAGS = ["div", "p", "ul", "li", "table", "tr", "td", "section", "figure", "blockquote", "span", "a", "em", "br", "DIV"]
BLOCK_TAGS = ["div", "p", "ul", "table", "section", "figure", "blockquote", "ol", "dl"]
BITS = ["text", " ", "\n", "\n\n", "&amp;", "&#39;", "&#x26;", "&#96;", "*em*", "`code`", "  ", "<br/>", "# H\n", "[l](u)"]
RARE_BITS = ["\t", "```", "   \n", "~~~"]  # what content may put in a block that Markdown reads


def random_element(rng: random.Random, depth: int = 0, tag: str | None = None) -> str:
    """A balanced element, as a template writes one (with escaped content)."""
    tag = tag or rng.choice(TAGS)
    attrs = rng.choice(["", ' class="c"', f' id="i{rng.randrange(9)}"', ' title="a &amp; b"'])
    inside = "".join(random_element(rng, depth + 1) if rng.random() < 0.4 and depth < 4
                     else rng.choice(RARE_BITS if rng.random() < 0.01 else BITS) for _ in range(rng.randint(0, 5)))
    return f"<{tag}{attrs}>{inside}</{tag}>"


def random_page(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        block = random_element(rng, tag=rng.choice(BLOCK_TAGS))
        parts.append(rng.choice(["## Heading\n", "Some *text* here.\n", block + "\n", m(block) + "\n", m(block) + "\n"]))
        parts.append(rng.choice(["\n", "", "\n\n"]))
    return "".join(parts) + rng.choice(["", '<script type="application/ld+json">{"x": "</div><p>"}</script>\n', "<!-- end -->\n",
                                        m('<script type="application/ld+json">{"x": "a"}</script>') + "\n"])


def test_hiding_matches_markdown_on_random_pages() -> None:
    rng = random.Random(20)
    hidden_some = 0
    for _ in range(1500):
        text = random_page(rng)
        result = convert_hidden(text)
        assert result is not None, text
        assert result == convert(unmark(text)), text
        hidden_some += bool(hide(text)[1].blocks)
    assert hidden_some > 600
