"""The editors' guide in English (EDITING.md) and in French (EDITING.fr.md): twins kept in step,
published as each other's twin."""

from __future__ import annotations

import re

from conftest import ROOT
from generator.preview import FALLBACK_SECTION, FRENCH_SECTIONS, GUIDE_SECTIONS, TEMPLATE_SECTION

EN = (ROOT / "EDITING.md").read_text(encoding="utf-8")
FR = (ROOT / "EDITING.fr.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^( *)```[a-z]*\n.*?^\1```\n", re.DOTALL | re.MULTILINE)


def headings(text: str) -> list[str]:
    """The headings, in order (a `#` line inside a code block is not one)."""
    return [line for line in FENCE.sub("", text).splitlines() if line.startswith("#")]


def test_both_guides_have_the_same_sections_in_the_same_order() -> None:
    english, french = headings(EN), headings(FR)
    assert [h.split(" ")[0] for h in english] == [h.split(" ")[0] for h in french]
    numbered = [(e.split(" ")[1], f.split(" ")[1]) for e, f in zip(english, french) if re.match(r"#+ \d+\.", e)]
    assert all(a == b for a, b in numbered), numbered


def test_both_guides_show_the_same_examples() -> None:
    """Every command, file and message shown is the same, in the same place: the French guide
    translates the prose around them, never the examples."""
    assert FENCE.findall(EN) and [m.group(0) for m in FENCE.finditer(EN)] == [m.group(0) for m in FENCE.finditer(FR)]
    code = re.compile(r"`[^`\n]+`")
    assert code.findall("\n".join(headings(EN))) == code.findall("\n".join(headings(FR)))


def test_the_error_page_links_to_a_section_of_each_guide() -> None:
    english = {h.lstrip("#").strip() for h in headings(EN)}
    french = {h.lstrip("#").strip() for h in headings(FR)}
    sections = {heading for _, heading in GUIDE_SECTIONS} | {TEMPLATE_SECTION, FALLBACK_SECTION,
                                                            "What the check refuses, and what the report only lists"}
    assert sections <= english
    assert set(FRENCH_SECTIONS) == sections
    assert set(FRENCH_SECTIONS.values()) <= french
    index = {e.lstrip("#").strip(): f.lstrip("#").strip() for e, f in zip(headings(EN), headings(FR))}
    assert all(index[e] == f for e, f in FRENCH_SECTIONS.items())
