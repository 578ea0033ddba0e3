"""Joint statements with co-signers who have no record, and exchanges: an event or a quote that
answers an event, shown on both sides, dated where known; in the schema, the downloads and the check."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT, run_generator
from generator.check import check
from generator.facts import build_factset
from generator.render import renderer
from generator.urls import url_of

ANSWER = "content/events/meta-spotify-criticise-apple-dma-compliance.yaml"
PLAN = "apple-dma-compliance-plan"


def exchange(content: Path) -> None:
    """The criticism answers Apple's plan (dated for the test); a Spotify quote answers it too and
    names co-signers; a statement claim names co-signers."""
    event = content / "events" / "meta-spotify-criticise-apple-dma-compliance.yaml"
    event.write_text(event.read_text(encoding="utf-8") + f"answers: {PLAN}\n", encoding="utf-8")
    plan = content / "events" / f"{PLAN}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: unknown", 'date: "2024-01-25"', 1), encoding="utf-8")
    quote = content / "quotes" / "spotify-apple-compliance-extortion.yaml"
    quote.write_text(quote.read_text(encoding="utf-8") + f'answers: {PLAN}\nco_signers:\n  en: "executives of SAP, Prada and '
                     'Thyssenkrupp"\n  fr: "des dirigeants de SAP, Prada et Thyssenkrupp"\n', encoding="utf-8")
    claim = content / "claims" / "ceos-criticise-apple-compliance-not-dma.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + 'co_signers:\n  en: "other developers"\n  fr: "d’autres développeurs"\n',
                     encoding="utf-8")


def test_an_exchange_and_co_signers_check_clean(content_copy: Path) -> None:
    exchange(content_copy)
    result = run_generator("check", "--content", str(content_copy))
    assert (result.returncode, result.stderr) == (0, "")


def test_both_sides_of_an_exchange_show_it_dated_and_a_joint_quote_names_its_co_signers(content_copy: Path) -> None:
    exchange(content_copy)
    facts = build_factset(check(content_copy))
    assert facts.answered_by[PLAN] == (("events", "meta-spotify-criticise-apple-dma-compliance"),
                                       ("quotes", "spotify-apple-compliance-extortion"))
    for lang, answered, answering, others in (
            ("en", "In answer to: <a href=", "Answered by: <a href=", "Spotify</a> and executives of SAP, Prada and Thyssenkrupp</span>"),
            ("fr", "En réponse à\u00a0: <a href=", "Réponses\u00a0: <a href=", "Spotify</a> et des dirigeants de SAP, Prada et Thyssenkrupp</span>")):
        r = renderer(facts, lang)
        pages = {p.src: p.markdown for p in r.pages()}
        timeline = pages[f"{url_of(facts, 'events', PLAN, lang).split('/')[0]}.md"]
        plan_title = facts.events[PLAN].title[lang]
        date = r.date(facts.events[PLAN].date)
        assert re.search(re.escape(answered) + f'"[^"]*#event-{PLAN}">' + re.escape(f"{plan_title} ({date})</a>"), timeline)
        assert answering in timeline and "#event-meta-spotify-criticise-apple-dma-compliance" in timeline.split(answering)[1].split("</p>")[0]
        spotify = pages[f"{url_of(facts, 'organisations', 'spotify', lang).removesuffix('/')}.md"]
        assert others in spotify
        assert f"({date})</a>.</span>" in spotify  # the quote says what it answers, dated


def test_an_event_cannot_answer_itself_and_an_answer_must_exist(content_copy: Path) -> None:
    event = content_copy / "events" / f"{PLAN}.yaml"
    event.write_text(event.read_text(encoding="utf-8") + f"answers: {PLAN}\n", encoding="utf-8")
    quote = content_copy / "quotes" / "spotify-apple-compliance-farce.yaml"
    quote.write_text(quote.read_text(encoding="utf-8") + "answers: apple-dma-complance-plan\n", encoding="utf-8")
    result = run_generator("check", "--content", str(content_copy))
    lines = result.stderr.splitlines()
    assert any(line.endswith((f"{PLAN}.yaml:1:1: answers: an event cannot answer itself: name the event it answers",
                              ": answers: an event cannot answer itself: name the event it answers")) for line in lines), lines
    assert any(line.endswith(": answers: no event 'apple-dma-complance-plan' in content/events/ — did you mean "
                             "'apple-dma-compliance-plan'?") for line in lines), lines


def test_only_a_statement_has_co_signers(content_copy: Path) -> None:
    claim = next(p for p in sorted((content_copy / "claims").glob("*.yaml")) if "kind: reported" in p.read_text(encoding="utf-8"))
    claim.write_text(claim.read_text(encoding="utf-8") + 'co_signers:\n  en: "others"\n  fr: "d’autres"\n', encoding="utf-8")
    result = run_generator("check", "--content", str(content_copy))
    assert any(line.endswith(": co_signers: only a statement has co_signers; a reported claim is the source's, not an "
                             "organisation's") for line in result.stderr.splitlines()), result.stderr


def test_the_schema_and_the_downloads_carry_co_signers_and_answers(content_copy: Path, tmp_path: Path) -> None:
    quotes = json.loads((ROOT / "schemas" / "quotes.schema.json").read_text(encoding="utf-8"))
    events = json.loads((ROOT / "schemas" / "events.schema.json").read_text(encoding="utf-8"))
    assert {"co_signers", "answers"} <= set(quotes["properties"]) and "answers" in events["properties"]
    exchange(content_copy)
    from generator import opendata

    facts = build_factset(check(content_copy))
    data = opendata.dataset(facts, {})
    text = json.dumps(data, ensure_ascii=False)
    assert "executives of SAP, Prada and Thyssenkrupp" in text and '"answers"' in text


def test_an_answer_dated_before_what_it_answers_is_refused(content_copy: Path) -> None:
    exchange(content_copy)
    event = content_copy / "events" / "meta-spotify-criticise-apple-dma-compliance.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("date: unknown", 'date: "2023-12"', 1), encoding="utf-8")
    result = run_generator("check", "--content", str(content_copy))
    message = f"answers: dated 2023-12, before '{PLAN}' (2024-01-25), which it answers: correct the dates, or the event it answers"
    found = [line for line in result.stderr.splitlines() if ": answers: " in line]
    # the event, and the quote said at it (a quote is dated by its event)
    assert [(line.split(":")[0], line.split(": ", 1)[1]) for line in found] == [
        ("content/events/meta-spotify-criticise-apple-dma-compliance.yaml", message),
        ("content/quotes/spotify-apple-compliance-extortion.yaml", message)]
