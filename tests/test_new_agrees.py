"""`new` and `check` share one rule per field: a bad value given to `new`, of each kind of field
the model has, is refused with the check's own message, and nothing is written; the file `new`
would have written, put in place by hand, gets that very message from the check, at that field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from generator.errors import ContentError
from generator.new import render
from generator.newtemplates import ALIASES, Answers

EN_SRC = "en-report-meta-spotify-eu-ai"
ORG = ["--kind", "company", "--name-en", "Acme", "--name-fr", "Acme"]
CLAIM = ["--kind", "reported", "--text-en", "X.", "--text-fr", "X.", "--source", EN_SRC, "--issue", "open-source-ai"]
QUOTE = ["--issue", "dma-apple-app-store", "--original-language", "en", "--words-en", "complete and total farce",
         "--source-en", EN_SRC, "--words-fr", ""]
PARTNERSHIP = ["--type", "commercial", "--name-en", "Deal", "--name-fr", "Accord"]

# (what kind of field, the command and its options, the option refused, the field the check blames, the message)
CASES = [
    ("text", ["person", "--name", "Jane\nDoe"], "name", "name", "must be a single line: remove the line breaks"),
    ("text in both languages", ["organisation", "--kind", "company", "--name-en", "Acme", "--name-fr", "\x07Acme"], "name-fr",
     "name.fr", "holds the control character \\x07, which a page or a feed cannot show (or which breaks it): remove it"),
    ("date", ["partnership", *PARTNERSHIP, "--party", "meta", "--party", "apple", "--start", "2024-02-30"], "start", "start",
     "'2024-02-30' is not a date: February 2024 has 29 days"),
    ("one of a few words", ["organisation", *ORG[2:], "--kind", "compnay"], "kind", "kind",
     "'compnay' is not one of: company, public-body, other — did you mean 'company'?"),
    ("url", ["organisation", *ORG, "--website", "ftp://acme.example/"], "website", "website",
     "only http:// and https:// URLs are allowed, not 'ftp:'"),
    ("pattern", ["instrument", "--kind", "regulation", "--name-en", "Act", "--name-fr", "Acte", "--celex", "2022R1925"], "celex",
     "identifiers.celex", "'2022R1925' is not a CELEX number: it looks like 32022R1925"),
    ("reference", ["event", "--date", "2024", "--title-en", "X", "--title-fr", "X", "--organisation", "metaa", "--quote",
                   "spotify-apple-compliance-farce"], "organisation",
     "organisations[0]", "no organisation 'metaa' in content/organisations/ — did you mean 'meta'?"),
    ("reference to a level of the scale", ["stance", "--organisation", "apple", "--issue", "open-source-ai", "--position",
                                           "supportz", "--claim", "eu-labelled-apple-gatekeeper"], "position", "position",
     "'supportz' is not a level of the stance scale (content/scale.yaml) — did you mean 'supports'?"),
    ("list", ["partnership", *PARTNERSHIP, "--party", "meta", "--party", "meta"], "party", "parties[1]",
     "'meta' is listed twice (also at [0]): remove one"),
    ("nested record", ["quote", "--speaker", "meta:spotify", *QUOTE], "speaker", "speakers[0].person",
     "'spotify' is an organisation, not a person"),
    ("a rule of the record", ["claim", *CLAIM, "--excerpt", "complete and total farce", "--said-by", "meta"], "said-by",
     "said_by", "only a statement has said_by; a reported claim is the source's, not an organisation's"),
    ("a rule across records", ["claim", *CLAIM, "--excerpt", "a total farce"], "excerpt", "sources[0].excerpt",
     f"not found word for word in content/archive/{EN_SRC}.txt: copy the passage exactly from the source"),
    ("a rule across records (slugs)", ["organisation", "--kind", "company", "--name-en", "Meta", "--name-fr", "Meta"], "name-en",
     "name", "URL slug 'meta' (en) is also content/organisations/meta.yaml's: set a different `slug: {en: …}`"),
]


def _files(content: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}


def _answers(options: list[str]) -> Answers:
    values: dict[str, tuple[str, ...]] = {}
    for name, value in zip(options[::2], options[1::2]):
        values[name.removeprefix("--")] = values.get(name.removeprefix("--"), ()) + ((value.strip(),) if value.strip() else ())
    return Answers(values)


@pytest.mark.parametrize("what, args, option, field, message", CASES, ids=[case[0] for case in CASES])
def test_a_bad_value_given_to_new_gets_the_checks_message_and_writes_nothing(
        content_copy: Path, what: str, args: list[str], option: str, field: str, message: str) -> None:
    before = _files(content_copy)
    result = CliRunner().invoke(main, ["new", *args, "--id", "the-new-one", "--content", str(content_copy)], input="")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, f"Error: Invalid value for '--{option}': {message}")
    assert _files(content_copy) == before

    kind = ALIASES[args[0]]
    (content_copy / kind / "the-new-one.yaml").write_text(render(kind, _answers(args[1:])), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(content_copy)
    said = [(p.field, p.message) for p in raised.value.problems if p.path == f"content/{kind}/the-new-one.yaml"]
    assert (field, message) in said


def test_what_is_still_to_write_is_left_to_the_editor(content_copy: Path) -> None:
    """The TODOs and the lists to fill in are the check's problems too, but not with a value given."""
    result = CliRunner().invoke(main, ["new", "partnership", *PARTNERSHIP, "--party", "meta", "--party", "apple",
                                       "--content", str(content_copy)], input="")
    assert result.exit_code == 0, result.stderr
    assert (content_copy / "partnerships" / "deal.yaml").exists()
