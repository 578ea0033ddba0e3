"""How much of a source we hold: its full text (archive: full, in content/archive/) or passages of
it (archive: excerpts), and how it was captured. The check refuses what is inconsistent, quotes and
excerpts are checked against what we hold, and `report` lists what is held only in part."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_generator

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def source(archive: str = "excerpts", extra: str = "", url: str = "unknown") -> str:
    return (f"kind: other\nlanguage: fr\ntitle: unknown\noutlet: unknown\nauthor: unknown\ndate: \"2025-03\"\nurl: {url}\n"
            f"archive: {archive}\n{extra}description:\n  en: An open letter.\n  fr: Une lettre ouverte.\n")


PASSAGE = ("passages:\n  - text: \"Nous ne signerons pas un code écrit sans nous.\"\n"
           "    taken_from: \"Quoted in Le Monde, 3 March 2025\"\n")
CAPTURE = (f"capture:\n  captured_at: \"2026-12-01T09:30:00Z\"\n  sha256: \"{DIGEST}\"\n  extractor: \"trafilatura 2.3.1\"\n")


def claim(excerpt: str) -> str:
    return ("kind: reported\ntext:\n  en: The start-ups will not sign.\n  fr: Les jeunes pousses ne signeront pas.\n"
            f"sources:\n  - source: letter\n    excerpt: \"{excerpt}\"\nissues: [eu-ai-regulation]\n")


def check(content: Path, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = run_generator("check", "--content", str(content))
    assert result.stdout == ""
    return result.stderr.splitlines()


def test_a_source_held_in_excerpts_checks_its_quotes_against_its_passages(content_copy: Path) -> None:
    assert check(content_copy, {"sources/letter.yaml": source(extra=PASSAGE),
                                "claims/no-signature.yaml": claim("Nous ne signerons pas un code")}) == []


def test_an_excerpt_not_in_any_passage_is_reported_against_the_passages(content_copy: Path) -> None:
    assert check(content_copy, {"sources/letter.yaml": source(extra=PASSAGE),
                                "claims/no-signature.yaml": claim("Nous signerons le code")}) == [
        "content/claims/no-signature.yaml:7:14: sources[0].excerpt: not found word for word in the passages of "
        "content/sources/letter.yaml we hold: copy the passage exactly from one of them",
        "1 problem found.",
    ]


INCONSISTENT: dict[str, tuple[dict[str, str], list[str]]] = {
    "excerpts_without_passages": ({"sources/letter.yaml": source()},
                                  ["content/sources/letter.yaml:8:10: archive: we hold only excerpts: list them under passages:, "
                                   "each with its text: and where it was taken_from:"]),
    "excerpts_with_an_archive_file": ({"sources/letter.yaml": source(extra=PASSAGE), "archive/letter.txt": "Nous ne signerons pas."},
                                      ["content/archive/letter.txt:1:1: content/sources/letter.yaml says we hold only excerpts (archive: excerpts): "
                                       "if this file is the full text, set archive: full there and remove its passages; if not, delete this file"]),
    "full_without_an_archive_file": ({"sources/letter.yaml": source("full")},
                                     ["content/sources/letter.yaml:8:10: archive: no archived text: save the source's text as "
                                      "content/archive/letter.txt, "
                                      "or, if we hold only passages of it, set archive: excerpts and list them in passages"]),
    "full_with_passages": ({"sources/letter.yaml": source("full", PASSAGE), "archive/letter.txt": "Nous ne signerons pas."},
                           ["content/sources/letter.yaml:10:3: passages: passages are for a source we hold only in part (archive: excerpts); "
                            "with archive: full, its text is content/archive/letter.txt"]),
    "capture_of_excerpts": ({"sources/letter.yaml": source(extra=PASSAGE + CAPTURE + "  file: letter.pdf\n")},
                            ["content/sources/letter.yaml:13:3: capture: a capture records a full text we keep: with archive: excerpts, "
                             "remove it (or set archive: full)"]),
    "capture_of_neither_address_nor_file": ({"sources/letter.yaml": source("full", CAPTURE), "archive/letter.txt": "Nous."},
                                            ["content/sources/letter.yaml:10:3: capture: a capture names either the address fetched (address:) "
                                             "or the file read (file:), not both, not neither"]),
    "capture_of_an_address_without_its_final_address": (
        {"sources/letter.yaml": source("full", CAPTURE + "  address: https://example.org/a\n", "https://example.org/a"),
         "archive/letter.txt": "Nous."},
        ["content/sources/letter.yaml:10:3: capture.final_address: an address fetched has a final_address "
         "(the same address if there was no redirect), and a file has none"]),
    "capture_from_an_address_but_no_url": (
        {"sources/letter.yaml": source("full", CAPTURE + "  address: https://example.org/a\n  final_address: https://example.org/b\n"),
         "archive/letter.txt": "Nous."},
        ["content/sources/letter.yaml:7:6: url: it was captured from https://example.org/b: write that address here"]),
    "capture_with_a_bad_digest": ({"sources/letter.yaml": source("full", CAPTURE.replace(DIGEST, "abc") + "  file: l.pdf\n"),
                                   "archive/letter.txt": "Nous."},
                                  ["content/sources/letter.yaml:11:11: capture.sha256: 'abc' is not a SHA-256 digest (64 lower-case hex digits): "
                                   "it looks like e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]),
    "capture_at_an_impossible_time": ({"sources/letter.yaml": source("full", CAPTURE.replace("2026-12-01T09", "2026-13-01T09") + "  file: l.pdf\n"),
                                       "archive/letter.txt": "Nous."},
                                      ["content/sources/letter.yaml:10:16: capture.captured_at: '2026-13-01T09:30:00Z' is not a real time: "
                                       "write the UTC time it was captured, YYYY-MM-DDTHH:MM:SSZ"]),
    "notes_is_not_a_kind_of_source": ({"sources/letter.yaml": source(extra=PASSAGE).replace("kind: other", "kind: notes")},
                                      ["content/sources/letter.yaml:1:7: kind: 'notes' is not one of: news-report, company-statement, "
                                       "regulator-decision, other — did you mean 'other'?"]),
}


@pytest.mark.parametrize("case", sorted(INCONSISTENT))
def test_what_a_source_says_it_holds_and_what_it_holds_must_agree(case: str, content_copy: Path) -> None:
    files, expected = INCONSISTENT[case]
    count = len(expected)
    assert check(content_copy, files) == expected + [f"{count} problem{'s' if count > 1 else ''} found."]


def test_a_full_capture_from_an_address_is_accepted(content_copy: Path) -> None:
    capture = CAPTURE + "  address: https://example.org/a?utm_source=x\n  final_address: https://example.org/b\n"
    record = source("full", capture + "archived_url: https://web.archive.org/web/2026/https://example.org/b\n", "https://example.org/b")
    assert check(content_copy, {"sources/letter.yaml": record, "archive/letter.txt": "Nous."}) == []


def test_report_lists_sources_held_in_excerpts_and_archives_too_short(content_copy: Path) -> None:
    check(content_copy, {"sources/letter.yaml": source(extra=PASSAGE), "sources/short.yaml": source("full"),
                         "archive/short.txt": "Three words only."})
    report = run_generator("report", "--content", str(content_copy)).stdout
    assert report.split("Sources we hold only in excerpts")[1].split("\n\n")[0].splitlines() == [
        ": 1",
        "  content/sources/letter.yaml:8:10: archive: we hold 1 passage of it, not its text: find the full text, and archive it (archive: full)",
    ]
    assert report.split("Archives too short to be a full text")[1].split("\n\n")[0].splitlines() == [
        ": 1",
        "  content/archive/short.txt:1:1: 3 words: too short to be the full text of short; archive the whole text, "
        "or, if we hold only passages, set archive: excerpts and list them",
    ]


def test_the_guides_excerpts_example_checks_and_reports_as_shown(content_copy: Path) -> None:
    section = GUIDE[GUIDE.index("### I have only part of the text"):]
    record = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL).group(1).splitlines()
    assert check(content_copy, {"sources/open-letter-ai-regulation.yaml": record}) == []
    report = run_generator("report", "--content", str(content_copy)).stdout.splitlines()
    start = report.index(shown[0])
    assert report[start:start + len(shown)] == shown


def test_readers_are_told_what_each_quote_and_excerpt_was_checked_against(content_copy: Path) -> None:
    """A source held in part says so on the sources page and in every citation, in both languages;
    a captured full text says when it was captured; the list runs by date, then title."""
    from generator.check import check as load_checked
    from generator.facts import build_factset
    from generator.render import renderer

    captured = source("full", CAPTURE + "  file: statement.pdf\n", "https://example.org/statement").replace(
        "title: unknown", "title: Acme statement").replace('date: "2025-03"', 'date: "2024-11-02"').replace("kind: other", "kind: company-statement")
    check(content_copy, {"sources/letter.yaml": source(extra=PASSAGE),
                         "sources/acme-statement.yaml": captured, "archive/acme-statement.txt": "Acme will sign. Nous.",
                         "claims/no-signature.yaml": claim("Nous ne signerons pas un code") + "organisations: [meta]\n"})
    facts = build_factset(load_checked(content_copy))
    said = {"en": ("checked against the passage we hold", "checked against the full text we keep, captured on 1 December 2026",
                   "Only the passages below, not its full text. Quotes and excerpts are checked against these passages.",
                   "Its full text, captured on 1 December 2026. Quotes and excerpts are checked against it.",
                   "Its full text. Quotes and excerpts are checked against it."),
            "fr": ("vérifié sur le passage que nous détenons", "vérifié sur le texte intégral que nous conservons, capturé le 1 décembre 2026",
                   "Seulement les passages ci-dessous, pas son texte intégral. Les citations et les extraits sont vérifiés sur ces passages.",
                   "Son texte intégral, capturé le 1 décembre 2026. Les citations et les extraits sont vérifiés sur ce texte.",
                   "Son texte intégral. Les citations et les extraits sont vérifiés sur ce texte.")}
    for lang, (passage, captured_full, held_part, held_captured, held_full) in said.items():
        r = renderer(facts, lang, ROOT / "templates")
        cite = r.claim("no-signature").cites[0]
        assert (cite.label, cite.checked) == ("Une lettre ouverte." if lang == "fr" else "An open letter.", passage)
        assert r.cite("acme-statement", checked=True).checked == captured_full
        assert r.cite("acme-statement").checked == ""  # cited for something not checked against it (a role, an event)
        assert r.cite("letter").checked == ("nous ne détenons que des passages de cette source" if lang == "fr"
                                            else "we hold only passages of this source")
        # What the citation shows, in a few words (the sentences above are its title).
        marks = {"en": ("passage checked", "full text checked", "", "passages only"),
                 "fr": ("passage vérifié", "texte intégral vérifié", "", "passages seulement")}[lang]
        assert (cite.mark, r.cite("acme-statement", checked=True).mark, r.cite("acme-statement").mark, r.cite("letter").mark) == marks
        listed = r.sources_list()
        undated = sorted(["src-en-report-meta-spotify-eu-ai", "src-fr-report-meta-spotify-eu-ai"],
                         key=lambda a: facts.sources[a[4:]].description[lang].casefold())
        assert [s.anchor for s in listed] == ["src-acme-statement", "src-letter", *undated]
        by_anchor = {s.anchor: s for s in listed}
        assert by_anchor["src-letter"].held == held_part
        assert by_anchor["src-letter"].passages == (("Nous ne signerons pas un code écrit sans nous.", "Quoted in Le Monde, 3 March 2025"),)
        assert by_anchor["src-acme-statement"].held == held_captured
        assert by_anchor["src-acme-statement"].heading == "Acme statement"
        assert by_anchor["src-en-report-meta-spotify-eu-ai"].held == held_full
