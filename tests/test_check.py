"""`python -m generator check`: one golden case per kind of editor mistake.

Each case writes files into a copy of the real content/ and runs the command line in-process
(`conftest.check_in_process`); its exact report is the golden file tests/golden/check/<case>.txt
(`make golden` rewrites them). A few tests run the real command as a subprocess, for its exit codes
and output streams.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOLDEN, Golden, check_in_process, run_generator

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


PERSON = ("name: Jane Doe\ndescription:\n  en: A person.\n  fr: Une personne.\n"
          "roles:\n  - organisation: meta\n    title:\n      en: CEO\n      fr: PDG\n")
CLAIM = (f"kind: reported\ntext:\n  en: Apple is a gatekeeper.\n  fr: Apple est un contrôleur d’accès.\n"
         f"sources:\n  - source: {EN_SRC}\n    excerpt: \"in the Big Tech industry\"\norganisations: [apple]\n")
EVENT = "date: unknown\ntitle:\n  en: Something\n  fr: Quelque chose\norganisations: [apple]\nevidence:\n  - claim: eu-labelled-apple-gatekeeper\n"
PARTNERSHIP = ("type: commercial\nparties: [meta, apple]\nname:\n  en: Deal\n  fr: Accord\ndescription:\n  en: A deal.\n  fr: Un accord.\n"
               "evidence:\n  - claim: eu-labelled-apple-gatekeeper\n")
SCALE = (Path(__file__).parent.parent / "content" / "scale.yaml").read_text(encoding="utf-8")
SITE = (Path(__file__).parent.parent / "content" / "site.yaml").read_text(encoding="utf-8")
EDITORIAL_FR = ("    quoting: single-word\n    sources:\n      - fr-report-meta-spotify-eu-ai\n",
                "    quoting: single-word\n")


CASES: dict[str, dict[str, str | bytes]] = {  # case -> files written into content/ (path within it -> text)
    "duplicate_key": {"organisations/acme.yaml": ORG + "kind: other\n"},
    "boolean_for_text": {"organisations/acme.yaml": ORG.replace("A company.", "no")},
    "time_for_text": {"organisations/acme.yaml": ORG.replace("Une entreprise.", "18:30")},
    "date_for_text": {"organisations/acme.yaml": ORG.replace("en: Acme", "en: 2024-01-01")},
    "tab_indent": {"organisations/acme.yaml": ORG.replace("  en: Acme", "\ten: Acme")},
    "not_utf8": {"organisations/acme.yaml": ORG.replace("Une entreprise.", "Caf\udce9").encode("utf-8", "surrogateescape")},
    "unsafe_tag": {"organisations/acme.yaml": ORG.replace("kind: company", "kind: !!python/object/apply:os.system [ls]")},
    "alias_bomb": {"organisations/acme.yaml": 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'},
    "absurd_nesting": {"organisations/acme.yaml": "kind: " + "[" * 5000 + "]" * 5000 + "\n"},
    "unknown_field": {"organisations/acme.yaml": ORG + "websit: https://acme.example/\n"},
    "missing_field": {"organisations/acme.yaml": ORG.replace("kind: company\n", "")},
    "missing_french": {"organisations/acme.yaml": ORG.replace("  fr: Une entreprise.\n", "")},
    "wrong_type": {"organisations/acme.yaml": ORG.replace("  en: Acme\n", "  en:\n    - Acme\n")},
    "bad_enum": {"organisations/acme.yaml": ORG.replace("kind: company", "kind: compnay")},
    "impossible_date": {"people/jane-doe.yaml": "name: Jane Doe\ndescription:\n  en: A person.\n  fr: Une personne.\n"
                        f"roles:\n  - organisation: meta\n    title:\n      en: CEO\n      fr: PDG\n    sources: [{EN_SRC}]\n"
                        "    start: 2023-02-29\n"},
    "dangling_reference": {"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: spotfy")},
    "wrong_kind_reference": {"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: daniel-ek")},
    "duplicate_reference": {"quotes/q.yaml": quote().replace("  - dma-apple-app-store\n", "  - dma-apple-app-store\n  - dma-apple-app-store\n")},
    "path_escaping_reference": {"quotes/q.yaml": quote().replace("organisation: european-union", "organisation: ../../etc/passwd")},
    "unclean_id": {"organisations/Acme Corp.yaml": ORG},
    "slug_collision": {"organisations/meta-platforms.yaml": ORG.replace("Acme", "Meta")},
    "javascript_url": {"organisations/acme.yaml": ORG + "website: javascript:alert(1)\n"},
    "data_url": {"organisations/acme.yaml": ORG + "website: data:text/html,hi\n"},
    "credentials_url": {"organisations/acme.yaml": ORG + "website: https://user:pw@acme.example/\n"},
    "url_with_space": {"organisations/acme.yaml": ORG + 'website: "https://acme.example/a b"\n'},
    "quote_not_in_source": {"quotes/q.yaml": quote(text_en="gatekeeper of everything")},
    "pending_translation": {"organisations/acme.yaml": ORG.replace("Une entreprise.", '"TODO: translate"')},
    "placeholder_quote_is_not_also_looked_up": {"quotes/q.yaml": quote(text_en="TODO (English): the words")},
    "stance_without_evidence": {"stances/acme-test.yaml": stance("")},
    "event_without_evidence": {"events/e.yaml": "date: unknown\ntitle:\n  en: Something\n  fr: Quelque chose\nevidence: []\n"},
    "partnership_without_evidence": {"partnerships/p.yaml": "type: commercial\nparties: [meta, apple]\nname:\n  en: Deal\n  fr: Accord\n"
                                     "description:\n  en: A deal.\n  fr: Un accord.\nevidence: []\n"},
    "inference_as_evidence": {"stances/acme-test.yaml": stance("evidence:\n  - claim: spotify-would-like-meta-ai-but-faces-same-obstacles\n")},
    # each message below was given by no test before (found with coverage)
    "role_ends_before_it_starts": {"people/jane-doe.yaml": PERSON + f"    sources: [{EN_SRC}]\n    start: \"2024\"\n    end: \"2023\"\n"},
    "editorial_wording_with_sources": {"quotes/q.yaml": quote().replace(
        "provenance: published\n    quoting: single-word\n    sources:\n      - fr-",
        "provenance: editorial\n    quoting: single-word\n    sources:\n      - fr-")},
    "both_wordings_editorial": {"quotes/q.yaml": quote().replace("provenance: published", "provenance: editorial")
                                .replace(f"    sources:\n      - {EN_SRC}\n", "").replace(EDITORIAL_FR[0], EDITORIAL_FR[1])},
    "quote_answers_the_event_it_was_said_at": {"quotes/q.yaml": quote() + "event: apple-dma-compliance-plan\nanswers: apple-dma-compliance-plan\n"},
    "statement_without_said_by": {"claims/c.yaml": CLAIM.replace("kind: reported", "kind: statement")},
    "claim_on_no_page": {"claims/c.yaml": CLAIM.replace("organisations: [apple]\n", "")},
    "said_by_on_a_reported_claim": {"claims/c.yaml": CLAIM + "said_by: [apple]\n"},
    "stance_without_summary": {"stances/acme-test.yaml": stance("evidence:\n  - quote: eu-apple-gatekeeper\n").replace(
        "summary:\n  en: Supports.\n  fr: Favorable.\n", "").replace("organisation: apple", "organisation: european-union")},
    "stance_position_not_on_the_scale": {"stances/acme-test.yaml": stance("evidence:\n  - claim: eu-labelled-apple-gatekeeper\n").replace(
        "position: supports", "position: suports")},
    "partnership_of_three": {"partnerships/p.yaml": PARTNERSHIP.replace("[meta, apple]", "[meta, apple, spotify]")},
    "partnership_ends_before_it_starts": {"partnerships/p.yaml": PARTNERSHIP + "start: \"2024-05\"\nend: \"2024-01\"\n"},
    "evidence_naming_two_records": {"events/e.yaml": EVENT + "    quote: eu-apple-gatekeeper\n"},
    "evidence_naming_no_record": {"events/e.yaml": EVENT.replace("  - claim: eu-labelled-apple-gatekeeper\n", "  - excerpt: the words\n")},
    "excerpt_beside_a_claim": {"events/e.yaml": EVENT + "    excerpt: EU regulators labelled Apple\n"},
    "single_word_quoting_of_several_words": {"quotes/q.yaml": quote(text_en="Big Tech").replace(
        "    text: \"Big Tech\"\n", "    text: \"Big Tech\"\n    quoting: single-word\n")},
    "event_evidence_without_the_stance_s_organisation": {
        "stances/acme-test.yaml": stance("evidence:\n  - event: spotify-mini-player-in-facebook\n")},
    "event_resting_on_itself": {"events/e.yaml": EVENT.replace("  - claim: eu-labelled-apple-gatekeeper\n", "  - event: f\n"),
                                "events/f.yaml": EVENT.replace("  - claim: eu-labelled-apple-gatekeeper\n", "  - event: e\n")},
    "scale_level_defined_twice": {"scale.yaml": SCALE + SCALE[SCALE.index("  - id: mixed"):SCALE.index("  - id: opposes")]},
    "scale_without_no_position": {"scale.yaml": SCALE[:SCALE.index("  - id: no-public-position")]},
    "name_with_an_empty_slug": {"organisations/acme.yaml": ORG.replace("en: Acme", "en: \"!!!\"")},
    "slug_of_the_section_list": {"organisations/acme.yaml": ORG + "slug:\n  en: index\n  fr: acme\n"},
    "slug_too_long": {"organisations/acme.yaml": ORG.replace("en: Acme", "en: " + "Acme " * 50)},
    "not_a_record_for_fields": {"people/jane-doe.yaml": PERSON.replace("  - organisation: meta\n    title:\n      en: CEO\n      fr: PDG\n",
                                                                        "  - meta\n")},
    "text_as_a_list_of_languages": {"organisations/acme.yaml": ORG.replace("name:\n  en: Acme\n  fr: Acme\n", "name: [Acme]\n")},
    "unknown_language": {"organisations/acme.yaml": ORG.replace("  fr: Acme\n", "  fr: Acme\n  de: Acme\n")},
    "date_as_a_list": {"events/e.yaml": EVENT.replace("date: unknown", "date: [2024]")},
    "year_zero": {"events/e.yaml": EVENT.replace("date: unknown", "date: \"0000\"")},
    "empty_text": {"organisations/acme.yaml": ORG.replace("en: A company.", "en: \"\"")},
    "name_on_two_lines": {"organisations/acme.yaml": ORG.replace("en: Acme", "en: \"Ac\\nme\"")},
    "control_character": {"organisations/acme.yaml": ORG.replace("en: A company.", "en: \"A \\e company.\"")},
    "url_that_does_not_parse": {"organisations/acme.yaml": ORG + "website: \"http://[acme.example/\"\n"},
    "url_without_a_host": {"organisations/acme.yaml": ORG + "website: \"https:///path\"\n"},
    "unknown_folder": {"organisation/acme.yaml": ORG},
    "folder_in_a_record_folder": {"organisations/more/acme.yaml": ORG},
    "yml_extension": {"organisations/acme.yml": ORG},
    "not_a_yaml_file": {"organisations/acme.txt": ORG},
    "id_too_long": {f"organisations/{'a' * 101}.yaml": ORG},
    "not_an_archive": {"archive/notes.md": "notes"},
    "archive_not_utf8": {f"archive/{EN_SRC}.txt": b"caf\xe9"},
    "vocabulary_as_a_list": {"site.yaml": SITE[:SITE.index("provenances:")] + "provenances: [published, editorial]\n"
                             + SITE[SITE.index("source_kinds:"):]},
    "vocabulary_entry_misspelt": {"site.yaml": SITE.replace("\n  editorial:\n", "\n  editorail:\n", 1)},
    "too_many_values": {"organisations/acme.yaml": "kind: [" + "1, " * 100_001 + "]\n"},
    "character_yaml_does_not_allow": {"organisations/acme.yaml": ORG.replace("A company.", "A\x01company.")},
}


def expected_report(case: str) -> list[str]:
    """The problems the golden file of `case` lists (without the count that ends the report)."""
    return (GOLDEN / "check" / f"{case}.txt").read_text(encoding="utf-8").splitlines()[:-1]


def write(content: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_reported_with_file_line_and_field(case: str, content_copy: Path, golden: Golden) -> None:
    write(content_copy, CASES[case])
    code, out, err = check_in_process(content_copy)
    golden(f"check/{case}.txt", err)
    assert (code, out) == (1, "")


def test_the_command_reports_on_stderr_and_exits_1_on_a_mistake_0_when_clean(content_copy: Path) -> None:
    """The real command, as an editor runs it: the in-process cases above see what it prints."""
    clean = run_generator("check", "--content", str(content_copy), process=True)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")
    write(content_copy, CASES["slug_collision"])
    result = run_generator("check", "--content", str(content_copy), process=True)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (GOLDEN / "check" / "slug_collision.txt").read_text(encoding="utf-8")
    assert check_in_process(content_copy) == (1, "", result.stderr)


def test_byte_order_mark_is_accepted(content_copy: Path) -> None:
    (content_copy / "organisations" / "acme.yaml").write_bytes(b"\xef\xbb\xbf" + ORG.encode())
    assert check_in_process(content_copy) == (0, "", "")


def test_every_problem_is_reported_in_one_run_sorted_by_place(content_copy: Path) -> None:
    (content_copy / "organisations" / "acme.yaml").write_text(ORG.replace("company", "compnay") + "websit: x\n")
    (content_copy / "events" / "e.yaml").write_text("date: 2024-13\ntitle:\n  en: X\n")
    code, _, err = check_in_process(content_copy)
    assert err.splitlines() == [
        "content/events/e.yaml:1:1: evidence: missing field 'evidence': add `evidence:`",
        "content/events/e.yaml:1:7: date: '2024-13' is not a date: there is no month 13",
        "content/events/e.yaml:3:3: title.fr: missing the French text: add `fr:`",
        "content/organisations/acme.yaml:1:7: kind: 'compnay' is not one of: company, public-body, other — did you mean 'company'?",
        "content/organisations/acme.yaml:8:1: websit: unknown field — did you mean 'website'?",
        "5 problems found.",
    ]
    assert code == 1


def test_an_archive_without_a_source_record_is_reported(content_copy: Path) -> None:
    (content_copy / "archive" / "orphan.txt").write_text("text")
    code, _, err = check_in_process(content_copy)
    assert "content/archive/orphan.txt:1:1: no source record content/sources/orphan.yaml for this archive" in err
    assert code == 1


def test_check_never_writes_into_content(content_copy: Path) -> None:
    before = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    run_generator("check", "--content", str(content_copy))
    after = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    assert before == after
