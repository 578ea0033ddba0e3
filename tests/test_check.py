"""`python -m generator check`: one golden case per kind of editor mistake.

Each case writes files into a copy of the real content/ and pins the exact report and exit code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_generator

ORG = "kind: company\nname:\n  en: Acme\n  fr: Acme\ndescription:\n  en: A company.\n  fr: Une entreprise.\n"
EN_SRC = "en-report-meta-spotify-eu-ai"
FR_SRC = "fr-report-meta-spotify-eu-ai"


def quote(text_en: str = "gatekeeper", sources_en: str = EN_SRC) -> str:
    return (f"speakers:\n  - organisation: european-union\noriginal_language: unknown\n"
            f"context:\n  en: about Apple\n  fr: à propos d’Apple\nissues:\n  - dma-apple-app-store\n"
            f"wording:\n  en:\n    text: \"{text_en}\"\n    provenance: published\n{_single(text_en)}    sources:\n      - {sources_en}\n"
            f"  fr:\n    text: \"gardien\"\n    provenance: published\n    quoting: single-word\n    sources:\n      - {FR_SRC}\n")


def _single(text: str) -> str:
    """A one-word quote is marked as such (`quoting: single-word`)."""
    return "    quoting: single-word\n" if len(text.split()) == 1 else ""


def stance(evidence: str) -> str:
    return ("organisation: apple\nissue: open-source-ai\nposition: supports\n"
            "summary:\n  en: Supports.\n  fr: Favorable.\n" + evidence)


CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "duplicate_key": ({"organisations/acme.yaml": ORG + "kind: other\n"},
                      ["content/organisations/acme.yaml:8:1: kind: duplicate key (first at line 1): keep one of them"]),
    "boolean_for_text": ({"organisations/acme.yaml": ORG.replace("A company.", "no")},
                         ["content/organisations/acme.yaml:6:7: description.en: YAML reads 'no' as a boolean, not text: put it in quotes ('no')"]),
    "time_for_text": ({"organisations/acme.yaml": ORG.replace("Une entreprise.", "18:30")},
                      ["content/organisations/acme.yaml:7:7: description.fr: YAML reads '18:30' as a number, not text: put it in quotes ('18:30')"]),
    "date_for_text": ({"organisations/acme.yaml": ORG.replace("en: Acme", "en: 2024-01-01")},
                      ["content/organisations/acme.yaml:3:7: name.en: YAML reads '2024-01-01' as a date or time, not text: put "
                       "it in quotes ('2024-01-01')"]),
    "tab_indent": ({"organisations/acme.yaml": ORG.replace("  en: Acme", "\ten: Acme")},
                   ["content/organisations/acme.yaml:3:1: tab used for indentation: indent with spaces"]),
    "not_utf8": ({"organisations/acme.yaml": ORG.replace("Une entreprise.", "Caf\udce9").encode("utf-8", "surrogateescape")},
                 ["content/organisations/acme.yaml:7:10: byte 0xe9 is not UTF-8: save the file as UTF-8"]),
    "unsafe_tag": ({"organisations/acme.yaml": ORG.replace("kind: company", "kind: !!python/object/apply:os.system [ls]")},
                   ["content/organisations/acme.yaml:1:7: YAML tag '!!python/object/apply:os.system' is not allowed: remove it"]),
    "alias_bomb": ({"organisations/acme.yaml": 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'},
                   ["content/organisations/acme.yaml:2:8: alias '*a' is not allowed: write the value out in full"]),
    "absurd_nesting": ({"organisations/acme.yaml": "kind: " + "[" * 5000 + "]" * 5000 + "\n"},
                       ["content/organisations/acme.yaml:1:38: nested more than 32 levels deep"]),
    "unknown_field": ({"organisations/acme.yaml": ORG + "websit: https://acme.example/\n"},
                      ["content/organisations/acme.yaml:8:1: websit: unknown field — did you mean 'website'?"]),
    "missing_field": ({"organisations/acme.yaml": ORG.replace("kind: company\n", "")},
                      ["content/organisations/acme.yaml:1:1: kind: missing field 'kind': add `kind:`"]),
    "missing_french": ({"organisations/acme.yaml": ORG.replace("  fr: Une entreprise.\n", "")},
                       ["content/organisations/acme.yaml:6:3: description.fr: missing the French text: add `fr:`"]),
    "wrong_type": ({"organisations/acme.yaml": ORG.replace("  en: Acme\n", "  en:\n    - Acme\n")},
                   ["content/organisations/acme.yaml:4:5: name.en: expected text, found a list"]),
    "bad_enum": ({"organisations/acme.yaml": ORG.replace("kind: company", "kind: compnay")},
                 ["content/organisations/acme.yaml:1:7: kind: 'compnay' is not one of: company, public-body, other — did you mean 'company'?"]),
    "impossible_date": ({"people/jane-doe.yaml": "name: Jane Doe\ndescription:\n  en: A person.\n  fr: Une personne.\n"
                         f"roles:\n  - organisation: meta\n    title:\n      en: CEO\n      fr: PDG\n    sources: [{EN_SRC}]\n"
                         "    start: 2023-02-29\n"},
                        ["content/people/jane-doe.yaml:11:12: roles[0].start: '2023-02-29' is not a date: February 2023 has 28 days"]),
    "dangling_reference": ({"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: spotfy")},
                           ["content/quotes/q.yaml:2:19: speakers[0].organisation: no organisation 'spotfy' in "
                            "content/organisations/ — did you mean 'spotify'?"]),
    "wrong_kind_reference": ({"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: daniel-ek")},
                             ["content/quotes/q.yaml:2:19: speakers[0].organisation: 'daniel-ek' is a person, not an organisation"]),
    "duplicate_reference": ({"quotes/q.yaml": quote().replace("  - dma-apple-app-store\n", "  - dma-apple-app-store\n  - dma-apple-app-store\n")},
                            ["content/quotes/q.yaml:9:5: issues[1]: 'dma-apple-app-store' is listed twice (also at [0]): remove one"]),
    "path_escaping_reference": ({"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: ../../etc/passwd")},
                                ["content/quotes/q.yaml:2:19: speakers[0].organisation: '../../etc/passwd' is not a valid id: "
                                 "ids are lower-case letters, digits and single hyphens"]),
    "unclean_id": ({"organisations/Acme Corp.yaml": ORG},
                   ["content/organisations/Acme Corp.yaml:1:1: the file name is the record's id: use lower-case letters, digits and single hyphens"]),
    "slug_collision": ({"organisations/meta-platforms.yaml": ORG.replace("Acme", "Meta")},
                       ["content/organisations/meta.yaml:4:3: name: URL slug 'meta' (en) is also "
                        "content/organisations/meta-platforms.yaml's: set a different `slug: {en: …}`",
                        "content/organisations/meta.yaml:4:3: name: URL slug 'meta' (fr) is also "
                        "content/organisations/meta-platforms.yaml's: set a different `slug: {fr: …}`"]),
    "javascript_url": ({"organisations/acme.yaml": ORG + "website: javascript:alert(1)\n"},
                       ["content/organisations/acme.yaml:8:10: website: only http:// and https:// URLs are allowed, not 'javascript:'"]),
    "data_url": ({"organisations/acme.yaml": ORG + "website: data:text/html,hi\n"},
                 ["content/organisations/acme.yaml:8:10: website: only http:// and https:// URLs are allowed, not 'data:'"]),
    "credentials_url": ({"organisations/acme.yaml": ORG + "website: https://user:pw@acme.example/\n"},
                        ["content/organisations/acme.yaml:8:10: website: URL must not contain a user name or password"]),
    "url_with_space": ({"organisations/acme.yaml": ORG + 'website: "https://acme.example/a b"\n'},
                       ["content/organisations/acme.yaml:8:10: website: URL contains spaces or control characters: encode them "
                        "(%20) or fix the URL"]),
    "quote_not_in_source": ({"quotes/q.yaml": quote(text_en="gatekeeper of everything")},
                            ["content/quotes/q.yaml:11:11: wording.en.text: not found word for word in "
                             f"content/archive/{EN_SRC}.txt: copy the words exactly from the source"]),
    "pending_translation": ({"organisations/acme.yaml": ORG.replace("Une entreprise.", '"TODO: translate"')},
                            ["content/organisations/acme.yaml:7:7: description.fr: still a TODO placeholder: replace it with the real text"]),
    "placeholder_quote_is_not_also_looked_up": ({"quotes/q.yaml": quote(text_en="TODO (English): the words")},
                                                ["content/quotes/q.yaml:11:11: wording.en.text: still a TODO placeholder: "
                                                 "replace it with the real text"]),
    "stance_without_evidence": ({"stances/acme-test.yaml": stance("")},
                                ["content/stances/acme-test.yaml:1:1: evidence: is empty: list at least the evidence the stance rests on"]),
    "event_without_evidence": ({"events/e.yaml": "date: unknown\ntitle:\n  en: Something\n  fr: Quelque chose\nevidence: []\n"},
                               ["content/events/e.yaml:5:11: evidence: is empty: list at least what shows it happened"]),
    "partnership_without_evidence": ({"partnerships/p.yaml": "type: commercial\nparties: [meta, apple]\nname:\n  en: Deal\n  fr: Accord\n"
                                      "description:\n  en: A deal.\n  fr: Un accord.\nevidence: []\n"},
                                     ["content/partnerships/p.yaml:9:11: evidence: is empty: list at least what shows the partnership exists"]),
    "inference_as_evidence": ({"stances/acme-test.yaml": stance("evidence:\n  - claim: spotify-would-like-meta-ai-but-faces-same-obstacles\n")},
                              ["content/stances/acme-test.yaml:8:12: evidence[0].claim: "
                               "'spotify-would-like-meta-ai-but-faces-same-obstacles' is a journalist's inference: it cannot be "
                               "evidence; cite what was said or reported"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_reported_with_file_line_and_field(case: str, content_copy: Path) -> None:
    files, expected = CASES[case]
    for rel, data in files.items():
        path = content_copy / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    result = run_generator("check", "--content", str(content_copy))
    count = len(expected)
    assert result.stderr.splitlines() == expected + [f"{count} problem{'s' if count > 1 else ''} found."]
    assert result.stdout == ""
    assert result.returncode == 1


def test_byte_order_mark_is_accepted(content_copy: Path) -> None:
    (content_copy / "organisations" / "acme.yaml").write_bytes(b"\xef\xbb\xbf" + ORG.encode())
    result = run_generator("check", "--content", str(content_copy))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_every_problem_is_reported_in_one_run_sorted_by_place(content_copy: Path) -> None:
    (content_copy / "organisations" / "acme.yaml").write_text(ORG.replace("company", "compnay") + "websit: x\n")
    (content_copy / "events" / "e.yaml").write_text("date: 2024-13\ntitle:\n  en: X\n")
    result = run_generator("check", "--content", str(content_copy))
    assert result.stderr.splitlines() == [
        "content/events/e.yaml:1:1: evidence: missing field 'evidence': add `evidence:`",
        "content/events/e.yaml:1:7: date: '2024-13' is not a date: there is no month 13",
        "content/events/e.yaml:3:3: title.fr: missing the French text: add `fr:`",
        "content/organisations/acme.yaml:1:7: kind: 'compnay' is not one of: company, public-body, other — did you mean 'company'?",
        "content/organisations/acme.yaml:8:1: websit: unknown field — did you mean 'website'?",
        "5 problems found.",
    ]
    assert result.returncode == 1


def test_an_archive_without_a_source_record_is_reported(content_copy: Path) -> None:
    (content_copy / "archive" / "orphan.txt").write_text("text")
    result = run_generator("check", "--content", str(content_copy))
    assert "content/archive/orphan.txt:1:1: no source record content/sources/orphan.yaml for this archive" in result.stderr
    assert result.returncode == 1


def test_check_never_writes_into_content(content_copy: Path) -> None:
    before = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    run_generator("check", "--content", str(content_copy))
    after = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    assert before == after
