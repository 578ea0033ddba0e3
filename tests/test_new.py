"""`python -m generator new <kind>`: a fresh record file, complete or with TODOs the check refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_generator

EN_SRC = "en-report-meta-spotify-eu-ai"

# Every kind with every option given: the file written must check clean as it is.
FULL: dict[str, tuple[list[str], str]] = {
    "organisation": (["--kind", "company", "--name-en", "Acme", "--name-fr", "Acme", "--description-en", "A company.",
                      "--description-fr", "Une entreprise.", "--website", "https://acme.example/"], "organisations/acme.yaml"),
    "person": (["--name", "Jane Doe", "--description-en", "A spokesperson.", "--description-fr", "Une porte-parole.",
                "--organisation", "meta", "--title-en", "Spokesperson", "--title-fr", "Porte-parole", "--source", EN_SRC],
               "people/jane-doe.yaml"),
    "instrument": (["--kind", "regulation", "--name-en", "AI Act", "--name-fr", "Règlement sur l’IA", "--short-name-en", "AI Act",
                    "--short-name-fr", "RIA", "--celex", "32024R1689", "--url", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"],
                   "instruments/ai-act.yaml"),
    "issue": (["--name-en", "The AI Act", "--name-fr", "Le règlement sur l’IA", "--summary-en", "What it says.",
               "--summary-fr", "Ce qu’il dit.", "--benchmark-en", "The act.", "--benchmark-fr", "Le règlement.",
               "--instrument", "digital-markets-act"], "issues/the-ai-act.yaml"),
    "source": (["--id", "second-report", "--language", "en", "--kind", "news-report", "--title", "unknown", "--outlet",
                "unknown", "--author", "unknown", "--date", "unknown", "--url", "unknown", "--description-en", "A report.",
                "--description-fr", "Un article."], "sources/second-report.yaml"),
    "quote": (["--speaker", "spotify", "--person", "daniel-ek", "--issue", "dma-apple-app-store", "--original-language",
               "unknown", "--words-en", "complete and total farce", "--source-en", EN_SRC, "--words-fr", "une farce complète",
               "--context-en", "on Apple", "--context-fr", "à propos d’Apple"], "quotes/spotify-complete-and-total-farce.yaml"),
    "claim": (["--kind", "statement", "--text-en", "Spotify calls Apple’s plan a farce.", "--text-fr",
               "Spotify qualifie de farce le plan d’Apple.", "--source", EN_SRC, "--excerpt", "complete and total farce",
               "--said-by", "spotify", "--organisation", "apple", "--issue", "dma-apple-app-store"],
              "claims/spotify-calls-apple-s-plan-a-farce.yaml"),
    "stance": (["--organisation", "apple", "--issue", "open-source-ai", "--position", "mixed", "--summary-en", "Mixed.",
                "--summary-fr", "Partagé.", "--claim", "eu-labelled-apple-gatekeeper"], "stances/apple-open-source-ai.yaml"),
    "partnership": (["--type", "commercial", "--party", "meta", "--party", "apple", "--name-en", "Meta–Apple deal",
                     "--name-fr", "Accord Meta–Apple", "--description-en", "A deal.", "--description-fr", "Un accord.",
                     "--start", "2024", "--issue", "open-source-ai", "--event", "apple-dma-compliance-plan"],
                    "partnerships/meta-apple-deal.yaml"),
    "event": (["--date", "2024-08", "--title-en", "Something happened", "--title-fr", "Il s’est passé quelque chose",
               "--organisation", "meta", "--person", "daniel-ek", "--issue", "open-source-ai", "--quote",
               "spotify-apple-compliance-farce"], "events/something-happened.yaml"),
}

ORGANISATION_WITH_TODOS = """\
# yaml-language-server: $schema=../../schemas/organisations.schema.json
kind: company
name:
  en: "L’Oréal"
  fr: "L’Oréal"
description:
  en: "TODO (English): One or two sentences saying what it is."
  fr: "TODO (French): One or two sentences saying what it is."
# website: "https://…"   optional: Its official website.
"""


def files(content: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", sorted(FULL))
def test_a_record_written_with_every_option_checks_clean(kind: str, content_copy: Path) -> None:
    options, rel = FULL[kind]
    result = run_generator("new", kind, "--content", str(content_copy), *options)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Wrote content/{rel}."
    text = (content_copy / rel).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{rel.split('/')[0]}.schema.json"
    assert "TODO" not in text
    if kind == "source":  # a source checks clean once its text is archived
        shutil.copy(content_copy / "archive" / f"{EN_SRC}.txt", content_copy / "archive" / "second-report.txt")
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


def test_the_id_of_a_french_name_with_a_typographic_apostrophe_has_no_apostrophe(content_copy: Path) -> None:
    result = run_generator("new", "organisation", "--content", str(content_copy), input="company\nL’Oréal\n\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Wrote content/organisations/l-oreal.yaml.\n"
                                  "Next: open the file, replace every TODO, then run: make check\n")
    assert (content_copy / "organisations" / "l-oreal.yaml").read_text(encoding="utf-8") == ORGANISATION_WITH_TODOS


def test_the_checker_refuses_the_todos_until_they_are_filled(content_copy: Path) -> None:
    run_generator("new", "organisation", "--content", str(content_copy), "--kind", "company", "--name-en", "L’Oréal",
                  "--name-fr", "L’Oréal")
    check = run_generator("check", "--content", str(content_copy))
    assert check.stderr.splitlines() == [
        "content/organisations/l-oreal.yaml:7:7: description.en: still a TODO placeholder: replace it with the real text",
        "content/organisations/l-oreal.yaml:8:7: description.fr: still a TODO placeholder: replace it with the real text",
        "2 problems found.",
    ]
    assert check.returncode == 1
    path = content_copy / "organisations" / "l-oreal.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("TODO (English): One or two sentences saying what it is.", "French cosmetics company.")
                    .replace("TODO (French): One or two sentences saying what it is.", "Entreprise française de cosmétiques."),
                    encoding="utf-8")
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


def test_an_existing_file_is_never_overwritten(content_copy: Path) -> None:
    before = files(content_copy)
    result = run_generator("new", "organisation", "--content", str(content_copy), "--kind", "company", "--name-en", "Meta",
                           "--name-fr", "Meta")
    assert result.stderr == ("Error: content/organisations/meta.yaml already exists: edit that file, "
                             "or give the new record another id with --id\n")
    assert result.returncode == 1
    assert files(content_copy) == before


def test_only_the_requested_file_is_written(content_copy: Path) -> None:
    before = files(content_copy)
    run_generator("new", "person", "--content", str(content_copy), "--name", "Jane Doe")
    after = files(content_copy)
    assert set(after) - set(before) == {content_copy / "people" / "jane-doe.yaml"}
    assert {p: b for p, b in after.items() if p in before} == before


def test_plural_and_singular_kinds_are_the_same_command(content_copy: Path) -> None:
    for kind, name in (("people", "Jane Doe"), ("person", "John Doe")):
        assert run_generator("new", kind, "--content", str(content_copy), "--name", name).returncode == 0
    assert (content_copy / "people" / "jane-doe.yaml").is_file() and (content_copy / "people" / "john-doe.yaml").is_file()


def test_a_quote_asks_for_the_essentials_and_marks_the_rest_todo(content_copy: Path) -> None:
    typed = "spotfy\nspotify\ndma-apple-app-store\nen\ncomplete and total farce\n" + EN_SRC + "\n\n"
    result = run_generator("new", "quote", "--content", str(content_copy), input=typed)
    assert result.returncode == 0, result.stderr
    assert "Error: no organisation 'spotfy' in content/organisations/ — did you mean 'spotify'?" in result.stderr
    assert (content_copy / "quotes" / "spotify-complete-and-total-farce.yaml").read_text(encoding="utf-8") == f"""\
# yaml-language-server: $schema=../../schemas/quotes.schema.json
speakers:
  - organisation: spotify
original_language: en
context:
  en: "TODO (English): Where it was said, e.g. 'in a blog post'."
  fr: "TODO (French): Where it was said, e.g. 'in a blog post'."
issues:
  - dma-apple-app-store
# event: the-event-id   optional: The event at which it was said, if recorded.
# co_signers: {{en: "…", fr: "…"}}   optional: Others who said it with the speakers and have no record of their own, in a few words (e.g. 'executives of SAP, Prada and Thyssenkrupp'); shown after the speakers.
# answers: the-event-id   optional: The event it answers (a letter, a decision, a statement), if any.
wording:
  en:
    text: "complete and total farce"
    provenance: published
    sources:
      - {EN_SRC}
  fr:
    text: "TODO (French): the words, or our translation of them"
    provenance: editorial   # or published, with the sources that print these words:
    # sources: [the-source-id]
"""  # noqa: E501 (the file as written, word for word)


def test_typed_words_the_archive_does_not_hold_are_asked_for_again(content_copy: Path) -> None:
    # Each answer is read alone as it is typed; the words are checked against the source's archived
    # text only with the whole file. The editor is told why, and asked for the words again.
    typed = "spotify\ndma-apple-app-store\nen\ncomplete and utter farce\n" + EN_SRC + "\n\ncomplete and total farce\n"
    result = run_generator("new", "quote", "--content", str(content_copy), input=typed)
    assert result.returncode == 0, result.stderr
    refusal = f"Error: not found word for word in content/archive/{EN_SRC}.txt: copy the words exactly from the source\n"
    assert result.stderr.count("Error:") == 1 and refusal in result.stderr, result.stderr
    assert result.stderr.split(refusal)[1].startswith("The words in English, exactly as printed")
    written = content_copy / "quotes" / "spotify-complete-and-total-farce.yaml"  # its id made from the words kept
    assert 'text: "complete and total farce"' in written.read_text(encoding="utf-8")
    assert not any("utter" in path.name for path in (content_copy / "quotes").iterdir())
    check = run_generator("check", "--content", str(content_copy)).stderr
    assert "wording.en" not in check and "wording.fr.text: still a TODO placeholder" in check


def test_a_stance_without_evidence_is_refused_by_the_check(content_copy: Path) -> None:
    run_generator("new", "stance", "--content", str(content_copy), "--organisation", "apple", "--issue", "open-source-ai",
                  "--position", "opposes", "--summary-en", "Opposes.", "--summary-fr", "Défavorable.")
    check = run_generator("check", "--content", str(content_copy))
    assert check.stderr.splitlines() == [
        "content/stances/apple-open-source-ai.yaml:8:10: evidence: expected a list (lines starting with '- '), found nothing",
        "1 problem found.",
    ]


def test_a_new_source_says_where_its_text_goes_and_writes_none(content_copy: Path) -> None:
    typed = "fr\n\nLes patrons de Meta et de Spotify\nLe Journal\n\n2024-08-23\n\n"
    result = run_generator("new", "source", "--content", str(content_copy), input=typed)
    assert result.stdout.splitlines()[-3:] == [
        "Wrote content/sources/les-patrons-de-meta-et-de-spotify.yaml.",
        "Save the source's text, exactly as you received it, as content/archive/les-patrons-de-meta-et-de-spotify.txt (UTF-8 plain text).",
        "Next: open the file, replace every TODO, then run: make check",
    ]
    assert not (content_copy / "archive" / "les-patrons-de-meta-et-de-spotify.txt").exists()
    text = (content_copy / "sources" / "les-patrons-de-meta-et-de-spotify.yaml").read_text(encoding="utf-8")
    assert 'title: "Les patrons de Meta et de Spotify"\noutlet: "Le Journal"\nauthor: unknown\ndate: "2024-08-23"\n' in text
    check = run_generator("check", "--content", str(content_copy))
    assert ("content/sources/les-patrons-de-meta-et-de-spotify.yaml:9:10: archive: no archived text: save the source's text as "
            "content/archive/les-patrons-de-meta-et-de-spotify.txt, or, if we hold only passages of it, set archive: excerpts "
            "and list them in passages") in check.stderr


def test_a_bad_option_is_refused_before_anything_is_written(content_copy: Path) -> None:
    before = files(content_copy)
    result = run_generator("new", "event", "--content", str(content_copy), "--date", "Friday", "--title-en", "X", "--title-fr", "X")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--date': 'Friday' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD, or unknown")
    assert result.returncode == 2
    assert files(content_copy) == before


def test_text_with_quotes_and_backslashes_is_written_as_typed(content_copy: Path) -> None:
    name = 'The "Big" \\ Company: yes'
    run_generator("new", "organisation", "--content", str(content_copy), "--kind", "other", "--name-en", name,
                  "--name-fr", name, "--description-en", "no", "--description-fr", "18:30")
    text = (content_copy / "organisations" / "the-big-company-yes.yaml").read_text(encoding="utf-8")
    assert '  en: "The \\"Big\\" \\\\ Company: yes"\n' in text
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


def test_without_a_content_folder_nothing_is_asked(tmp_path: Path) -> None:
    result = run_generator("new", "person", cwd=tmp_path, input="Jane Doe\n")
    assert result.stderr == "Error: no content folder at content: run this from the project folder, or give --content\n"
    assert result.returncode == 1


FR_SRC = "fr-report-meta-spotify-eu-ai"


def test_a_joint_quote_names_each_speaker_with_the_person_who_spoke_for_it(content_copy: Path) -> None:
    result = run_generator("new", "quote", "--content", str(content_copy), "--speaker", "meta:mark-zuckerberg",
                           "--speaker", "spotify:daniel-ek", "--issue", "dma-apple-app-store", "--original-language", "unknown",
                           "--words-en", "complete and total farce", "--source-en", EN_SRC, "--words-fr", "", input="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Wrote content/quotes/meta-complete-and-total-farce.yaml."
    assert (content_copy / "quotes" / "meta-complete-and-total-farce.yaml").read_text(encoding="utf-8") == f"""\
# yaml-language-server: $schema=../../schemas/quotes.schema.json
speakers:
  - organisation: meta
    person: mark-zuckerberg
  - organisation: spotify
    person: daniel-ek
original_language: unknown
context:
  en: "TODO (English): Where it was said, e.g. 'in a blog post'."
  fr: "TODO (French): Where it was said, e.g. 'in a blog post'."
issues:
  - dma-apple-app-store
# event: the-event-id   optional: The event at which it was said, if recorded.
# co_signers: {{en: "…", fr: "…"}}   optional: Others who said it with the speakers and have no record of their own, in a few words (e.g. 'executives of SAP, Prada and Thyssenkrupp'); shown after the speakers.
# answers: the-event-id   optional: The event it answers (a letter, a decision, a statement), if any.
wording:
  en:
    text: "complete and total farce"
    provenance: published
    sources:
      - {EN_SRC}
  fr:
    text: "TODO (French): the words, or our translation of them"
    provenance: editorial   # or published, with the sources that print these words:
    # sources: [the-source-id]
"""  # noqa: E501 (the file as written, word for word)
    assert sorted(p.name for p in (content_copy / "quotes").iterdir() if p.name.startswith("meta-complete")) == [
        "meta-complete-and-total-farce.yaml"]


def test_a_claim_takes_several_sources_each_with_its_excerpt(content_copy: Path) -> None:
    result = run_generator("new", "claim", "--content", str(content_copy), "--kind", "reported", "--text-en",
                           "The two companies criticised how Apple complied.", "--text-fr", "Les deux entreprises ont critiqué la "
                           "mise en conformité d’Apple.", "--issue", "dma-apple-app-store",
                           "--source", EN_SRC, "--excerpt", "complete and total farce", "--source", FR_SRC, "--excerpt", "farce totale")
    assert result.returncode == 0, result.stderr
    text = (content_copy / "claims" / "the-two-companies-criticised-how-apple-complied.yaml").read_text(encoding="utf-8")
    assert f'sources:\n  - source: {EN_SRC}\n    excerpt: "complete and total farce"\n  - source: {FR_SRC}\n' \
           '    excerpt: "farce totale"\n' in text
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


def test_a_stance_rests_on_passages_of_sources(content_copy: Path) -> None:
    result = run_generator("new", "stance", "--content", str(content_copy), "--organisation", "apple", "--issue",
                           "open-source-ai", "--position", "mixed", "--summary-en", "Mixed.", "--summary-fr", "Partagé.",
                           "--source", EN_SRC, "--excerpt", "complete and total farce")
    assert result.returncode == 0, result.stderr
    text = (content_copy / "stances" / "apple-open-source-ai.yaml").read_text(encoding="utf-8")
    assert text.endswith(f'evidence:\n  - source: {EN_SRC}\n    excerpt: "complete and total farce"\n')
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


@pytest.mark.parametrize("args,message", [
    (["quote", "--speaker", "meta", "--person", "mark-zuckerberg", "--speaker", "spotify", "--person", "daniel-ek"],
     "Error: Invalid value for '--person': given 2 times: it takes one value"),
    (["event", "--date", "2024", "--date", "2025", "--title-en", "X", "--title-fr", "X"],
     "Error: Invalid value for '--date': given 2 times: it takes one value"),
    (["quote", "--speaker", "meta", "--speaker", "spotify", "--person", "daniel-ek", "--issue", "dma-apple-app-store",
      "--words-en", "x", "--source-en", EN_SRC, "--words-fr", "", "--original-language", "en"],
     "Error: --person goes with a single --speaker: for several, give each as --speaker organisation:person"),
    (["claim", "--kind", "reported", "--text-en", "X.", "--text-fr", "X.", "--source", EN_SRC, "--source", FR_SRC,
      "--excerpt", "farce totale"],
     "Error: give one --excerpt for each --source, in the same order (found 2 --source and 1 --excerpt)"),
    (["event", "--date", "2024-13-45", "--title-en", "X", "--title-fr", "X"],
     "Error: Invalid value for '--date': '2024-13-45' is not a date: there is no month 13"),
    (["event", "--date", "2024-02-30", "--title-en", "X", "--title-fr", "X"],
     "Error: Invalid value for '--date': '2024-02-30' is not a date: February 2024 has 29 days"),
    (["quote", "--speaker", "meta:mark-zuckerbrg"],
     "Error: Invalid value for '--speaker': no person 'mark-zuckerbrg' in content/people/ — did you mean 'mark-zuckerberg'?"),
    (["quote", "--speaker", "mark-zuckerberg"],
     "Error: Invalid value for '--speaker': 'mark-zuckerberg' is a person, not an organisation"),
])
def test_new_refuses_what_the_check_refuses_with_the_checks_message_and_writes_nothing(content_copy: Path, args: list[str],
                                                                                       message: str) -> None:
    before = files(content_copy)
    result = run_generator("new", *args, "--content", str(content_copy), input="")
    assert result.stderr.splitlines()[-1] == message
    assert result.returncode != 0
    assert files(content_copy) == before


def test_a_date_new_refuses_is_one_the_check_refuses_with_the_same_words(content_copy: Path) -> None:
    path = content_copy / "events" / "apple-dma-compliance-plan.yaml"
    text = path.read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    path.write_text(text.replace(date_line, 'date: "2024-13-45"'), encoding="utf-8")
    check = run_generator("check", "--content", str(content_copy))
    assert check.stderr.splitlines()[0].endswith(": date: '2024-13-45' is not a date: there is no month 13")


def test_an_empty_wording_given_as_an_option_means_no_published_words_and_is_not_asked(content_copy: Path) -> None:
    result = run_generator("new", "quote", "--content", str(content_copy), "--speaker", "spotify", "--issue",
                           "dma-apple-app-store", "--original-language", "fr", "--words-en", "", "--words-fr", "farce totale",
                           "--source-fr", FR_SRC, input="")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = (content_copy / "quotes" / "spotify-farce-totale.yaml").read_text(encoding="utf-8")
    assert '  en:\n    text: "TODO (English): the words, or our translation of them"\n    provenance: editorial' in text
