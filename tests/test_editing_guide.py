"""EDITING.md's worked example, replayed: the check's messages it shows are the ones editors will see."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, run_generator

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")
SOURCE = "en-report-atelier-audio-app-store"
ARTICLE = """Streaming start-up joins criticism of Apple’s App Store terms

L’Atelier Audio, a small French podcast-streaming start-up, has added its voice to the criticism of Apple’s new terms for app developers in the European Union.

“Apple’s new fees are a toll on every listener,” the company said in a statement. The start-up says it supports the Digital Markets Act but not the way Apple has chosen to comply with it.
"""  # noqa: E501 (the article as published, one paragraph a line)


def guide_block(heading: str) -> list[str]:
    """The lines of the first ```text block after `heading` in EDITING.md."""
    section = GUIDE[GUIDE.index(heading):]
    match = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert match, heading
    return match.group(1).splitlines()


def fill(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_the_guides_example_gives_the_check_messages_it_shows(content_copy: Path) -> None:
    at = ("--content", str(content_copy))
    typed = "en\n\nStreaming start-up joins criticism of Apple’s App Store terms\n\n\n2024-09-12\n\n"
    assert run_generator("new", "source", *at, "--id", SOURCE, input=typed).returncode == 0
    (content_copy / "archive" / f"{SOURCE}.txt").write_text(ARTICLE, encoding="utf-8")
    fill(content_copy / "sources" / f"{SOURCE}.yaml", ("TODO (English): Our one-line description of it, for readers.",
                                                      "English-language news report on L’Atelier Audio’s criticism."))

    assert run_generator("new", "organisation", *at, "--kind", "company", "--name-en", "L’Atelier Audio",
                         "--name-fr", "L’Atelier Audio").returncode == 0
    fill(content_copy / "organisations" / "l-atelier-audio.yaml",
         ("TODO (English): One or two sentences saying what it is.", "Small French podcast-streaming start-up."),
         ("TODO (French): One or two sentences saying what it is.", "Petite jeune pousse française de diffusion de podcasts."))

    # `new` refuses words its source does not print (the check's rule): typed so, they are refused with
    # the check's reason and asked for again; typed right, they are written. The guide's slip is made
    # later, editing the file by hand.
    typed = (f"l-atelier-audio\ndma-apple-app-store\n\nApple’s new fees are a toll on every listeners\n{SOURCE}\n\n"
             f"Apple’s new fees are a toll on every listener\n{SOURCE}\n\n")
    asked_again = run_generator("new", "quote", *at, input=typed)
    assert asked_again.returncode == 0, asked_again.stderr
    refusal = ("Error: not found word for word in content/archive/en-report-atelier-audio-app-store.txt: "
               "copy the words exactly from the source\n")
    assert asked_again.stderr.count("Error:") == 1 and refusal in asked_again.stderr, asked_again.stderr
    assert asked_again.stderr.split(refusal)[1].startswith("The words in English, exactly as printed")
    fill(content_copy / "quotes" / "l-atelier-audio-apple-s-new-fees-are-a-toll.yaml",
         ("TODO (English): Where it was said, e.g. 'in a blog post'.", "in a statement"),
         ("TODO (French): Where it was said, e.g. 'in a blog post'.", "dans une déclaration"),
         ("TODO (French): the words, or our translation of them", "Les nouveaux frais d’Apple sont un péage pour chaque auditeur"),
         ("every listener", "every listeners"))

    assert run_generator("new", "stance", *at, "--organisation", "l-atelier-audio", "--issue", "dma-apple-app-store",
                         "--position", "supports", "--quote", "l-atelier-audio-apple-s-new-fees-are-a-tol").returncode == 2
    assert run_generator("new", "stance", *at, "--organisation", "l-atelier-audio", "--issue", "dma-apple-app-store",
                         "--position", "supports", "--quote", "l-atelier-audio-apple-s-new-fees-are-a-toll").returncode == 0
    fill(content_copy / "stances" / "l-atelier-audio-dma-apple-app-store.yaml",
         ("TODO (English): The position in one line.", "L’Atelier Audio supports the DMA but not Apple’s compliance."),
         ("TODO (French): The position in one line.", "L’Atelier Audio soutient le DMA mais pas la mise en conformité d’Apple."),
         ("- quote: l-atelier-audio-apple-s-new-fees-are-a-toll\n", "- quote: l-atelier-audio-apple-s-new-fees-are-a-tol\n"))

    check = run_generator("check", *at)
    assert check.stderr.splitlines() == guide_block("### 6. Check")
