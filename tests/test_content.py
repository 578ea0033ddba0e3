"""The real content: it checks clean, quickly, and holds every direct quote of both articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.check import check
from generator.facts import build_factset
from generator.text import make_slug, normalise

# Every direct quote of the two articles, as printed (without quotation marks).
FRENCH_QUOTES = [
    "construite pour quelqu’un d’autre",
    "En retardant l’utilisation de données couramment exploitées dans d’autres régions, les Européens n’auront pas accès aux "
    "produits d’IA les plus récents.",
    "Une structure réglementaire simplifiée accélérerait non seulement la croissance de l’IA open source, mais apporterait "
    "également un soutien crucial aux développeurs européens et à l’écosystème des créateurs qui contribue à ces innovations et en profite.",
    "gardien",
    "extorsion",
    "farce totale",
]
ENGLISH_QUOTES = [
    "built for someone else",
    "We see enormous potential to use open-source AI to benefit the industry as we look to the future of streaming.",
    "a more straightforward regulatory framework would not only hasten the development of open-source AI but also offer vital "
    "assistance to European developers and the larger creator ecosystem that both supports and benefits from these breakthroughs.",
    "gatekeeper",
    "complete and total farce",
    "extortion",
]


@pytest.fixture(scope="module")
def facts():
    return build_factset(check(ROOT / "content"))


def test_real_content_checks_clean_and_silent() -> None:
    result = run_generator("check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("lang,text", [("fr", q) for q in FRENCH_QUOTES] + [("en", q) for q in ENGLISH_QUOTES])
def test_every_direct_quote_of_both_articles_is_recorded_as_published(facts, lang: str, text: str) -> None:
    published = [q.wording[lang] for q in facts.quotes.values() if q.wording[lang].provenance == "published"]
    assert any(normalise(w.text) == normalise(text) for w in published), f"missing {lang} quote: {text}"


def test_the_quote_lists_above_are_really_in_the_articles(articles: Path) -> None:
    fr = normalise((articles / "000_22a586de606dac5e.txt").read_text(encoding="utf-8"))
    en = normalise((articles / "002_96a6478db46d0ca2.txt").read_text(encoding="utf-8"))
    assert all(normalise(q) in fr for q in FRENCH_QUOTES)
    assert all(normalise(q) in en for q in ENGLISH_QUOTES)


def test_archives_are_the_articles_as_given(facts, articles: Path) -> None:
    given = {p.read_text(encoding="utf-8") for p in articles.glob("*.txt")}
    assert set(facts.archives.values()) == given


def test_a_quote_in_both_articles_is_one_record_with_both_renderings(facts) -> None:
    farce = [q for q in facts.quotes.values() if q.wording["en"].text == "complete and total farce"]
    assert len(farce) == 1
    assert farce[0].wording["fr"].text == "farce totale"
    assert farce[0].wording["en"].sources != farce[0].wording["fr"].sources


def test_unknown_source_details_are_said_to_be_unknown(facts) -> None:
    for source in facts.sources.values():
        assert (source.outlet, source.author, source.url, source.date.known) == ("unknown", "unknown", "unknown", False)


def test_no_stance_rests_on_an_inference(facts) -> None:
    for stance in facts.stances.values():
        for item in stance.evidence:
            if item.claim:
                assert facts.claims[item.claim].kind != "inference"


def test_inferences_of_both_articles_are_kept_as_inferences(facts) -> None:
    inferences = [c for c in facts.claims.values() if c.kind == "inference"]
    excerpts = " ".join(s.excerpt for c in inferences for s in c.sources)
    assert "on peut supposer" in excerpts
    assert "If one read between the lines" in excerpts


@pytest.mark.parametrize("a,b", [("l’IA", "l'IA"), ("La réglementation européenne de l’IA", "La réglementation européenne de l'IA")])
def test_typographic_and_straight_apostrophes_give_the_same_slug(a: str, b: str) -> None:
    assert make_slug(a) == make_slug(b)
    assert "'" not in make_slug(a) and "’" not in make_slug(a)
