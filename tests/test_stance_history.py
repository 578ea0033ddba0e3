"""A stance whose position changed over time: what the check refuses, word for word.

The seed content holds no stance with two positions (our sources report none), so these tests
write one into a copy of content/: Apple, with no public position in our first sources, then
opposing the DMA from June 2024 (an invented source date, for the test only).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import jsonschema
import pytest

from conftest import ROOT, run_generator
from generator import opendata
from generator.check import check as load_checked
from generator.facts import build_factset
from generator.feeds import feed
from generator.render import render_language, renderer
from generator.templating import load_strings
from generator.urls import url_of

EN_SRC = "en-report-meta-spotify-eu-ai"
APPLE = "stances/apple-dma-apple-app-store.yaml"


def period(since: str, position: str, evidence: str = "") -> str:
    return (f"  - since: {since}\n    position: {position}\n"
            f"    summary:\n      en: \"{position} in English.\"\n      fr: \"{position} en français.\"\n" + evidence)


def apple(*periods: str) -> str:
    return "organisation: apple\nissue: dma-apple-app-store\npositions:\n" + "".join(periods)


SOURCE_EVIDENCE = f"    evidence:\n      - source: {EN_SRC}\n"
TWO_POSITIONS = apple(period("unknown", "no-public-position"), period('"2024-06"', "opposes", SOURCE_EVIDENCE))


def write(content: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (content / rel).write_text(text, encoding="utf-8")


def check(content: Path) -> list[str]:
    result = run_generator("check", "--content", str(content))
    assert result.stdout == ""
    return result.stderr.splitlines()


def date_source(content: Path, date: str) -> str:
    """The English source's record, dated `date` (it is undated in the seed content)."""
    text = (content / "sources" / f"{EN_SRC}.yaml").read_text(encoding="utf-8")
    return text.replace("date: unknown", f'date: "{date}"')


def test_a_stance_with_two_dated_positions_checks_clean(content_copy: Path) -> None:
    write(content_copy, {APPLE: TWO_POSITIONS})
    assert check(content_copy) == []


def test_periods_out_of_order_overlapping_undated_or_unevidenced_are_refused(content_copy: Path) -> None:
    write(content_copy, {APPLE: apple(
        period("unknown", "no-public-position"),
        period('"2024-06"', "opposes"),
        period('"2024"', "mixed", SOURCE_EVIDENCE),
        period('"2023"', "mixed", SOURCE_EVIDENCE),
        period("unknown", "opposes", SOURCE_EVIDENCE))})
    assert check(content_copy) == [
        "content/stances/apple-dma-apple-app-store.yaml:9:5: positions[1].evidence: is empty: list at least the evidence of the change",
        "content/stances/apple-dma-apple-app-store.yaml:14:12: positions[2].since: 2024 overlaps the date of the position above it (2024-06): "
        "date them precisely enough to tell which came first",
        "content/stances/apple-dma-apple-app-store.yaml:21:12: positions[3].since: 2023 is before the date of the position above it (2024): "
        "list the positions oldest first",
        "content/stances/apple-dma-apple-app-store.yaml:28:12: positions[4].since: only the first position may start at an unknown date: "
        "write when this one began (YYYY, YYYY-MM or YYYY-MM-DD)",
        "4 problems found.",
    ]


def test_evidence_dated_before_its_position_began_is_refused(content_copy: Path) -> None:
    write(content_copy, {APPLE: TWO_POSITIONS, f"sources/{EN_SRC}.yaml": date_source(content_copy, "2023-05")})
    assert check(content_copy) == [
        f"content/stances/apple-dma-apple-app-store.yaml:15:17: positions[1].evidence[0].source: '{EN_SRC}' is dated 2023-05, "
        "before this position began (2024-06): move it to the position it shows, or correct the dates",
        "1 problem found.",
    ]


def test_evidence_dated_after_the_next_position_began_is_refused(content_copy: Path) -> None:
    first = period("unknown", "mixed", SOURCE_EVIDENCE)
    write(content_copy, {APPLE: apple(first, period('"2024-06"', "opposes", SOURCE_EVIDENCE)),
                         f"sources/{EN_SRC}.yaml": date_source(content_copy, "2024-07-01")})
    assert check(content_copy) == [
        f"content/stances/apple-dma-apple-app-store.yaml:10:17: positions[0].evidence[0].source: '{EN_SRC}' is dated 2024-07-01, "
        "after the next position began (2024-06): move it to the position it shows, or correct the dates",
        "1 problem found.",
    ]


def test_evidence_within_its_period_or_undated_passes(content_copy: Path) -> None:
    write(content_copy, {APPLE: TWO_POSITIONS, f"sources/{EN_SRC}.yaml": date_source(content_copy, "2024-06-12")})
    assert check(content_copy) == []


def test_a_stance_written_both_ways_or_neither_is_refused(content_copy: Path) -> None:
    both = TWO_POSITIONS.replace("positions:\n", "position: opposes\npositions:\n")
    neither = "organisation: apple\nissue: dma-apple-app-store\nsummary:\n  en: \"None.\"\n  fr: \"Aucune.\"\n"
    write(content_copy, {APPLE: both, "stances/apple-eu-ai-regulation.yaml": neither.replace("dma-apple-app-store", "eu-ai-regulation")})
    assert check(content_copy) == [
        "content/stances/apple-dma-apple-app-store.yaml:3:11: position: a stance has either position or positions, not both: "
        "move them into the first of `positions:`",
        "content/stances/apple-eu-ai-regulation.yaml:1:1: position: missing field 'position': add `position:`, "
        "or `positions:` for a position that changed over time",
        "2 problems found.",
    ]


def two_position_facts(content: Path):
    write(content, {APPLE: TWO_POSITIONS})
    return build_factset(load_checked(content))


def test_downloads_give_every_position_and_the_current_one(content_copy: Path) -> None:
    facts = two_position_facts(content_copy)
    data = opendata.dataset(facts, {})
    row = next(r for r in data["records"]["stances"] if r["id"] == "apple-dma-apple-app-store")
    assert row["current"] == {"position": {"id": "opposes", "kind": "scale", "label": {"en": "Opposes", "fr": "Défavorable"}},
                              "since": "2024-06"}
    assert [(p["since"], p["position"]["id"]) for p in row["positions"]] == [("unknown", "no-public-position"), ("2024-06", "opposes")]
    assert "position" not in row
    jsonschema.validate(json.loads(opendata.dumps_dataset(data)), opendata.download_schema())
    assert opendata.records_from_download(data)["stances"]["apple-dma-apple-app-store"] == facts.stances["apple-dma-apple-app-store"]
    table = list(csv.DictReader(io.StringIO(opendata.csv_tables(data)["stances"])))
    apple_row = next(r for r in table if r["id"] == "apple-dma-apple-app-store")
    spotify_row = next(r for r in table if r["id"] == "spotify-dma-apple-app-store")
    assert (apple_row["current.position"], apple_row["current.since"]) == ("opposes", "2024-06")
    assert (spotify_row["current.position"], spotify_row["current.since"]) == ("supports", "unknown")
    assert json.loads(apple_row["positions"])[1]["since"] == "2024-06"


def test_the_json_schema_accepts_one_form_or_the_other_never_both(content_copy: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "stances.schema.json").read_text(encoding="utf-8"))
    as_written = {"organisation": "apple", "issue": "dma-apple-app-store",
                  "positions": [{"since": "unknown", "position": "no-public-position", "summary": {"en": "a", "fr": "b"}},
                                {"since": "2024-06", "position": "opposes", "summary": {"en": "a", "fr": "b"},
                                 "evidence": [{"source": EN_SRC}]}]}
    jsonschema.validate(as_written, schema)
    jsonschema.validate({"organisation": "apple", "issue": "dma-apple-app-store", "position": "opposes",
                         "summary": {"en": "a", "fr": "b"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**as_written, "position": "opposes"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"organisation": "apple", "issue": "dma-apple-app-store"}, schema)


def test_report_looks_at_the_current_position(content_copy: Path) -> None:
    write(content_copy, {APPLE: TWO_POSITIONS})
    result = run_generator("report", "--content", str(content_copy))
    assert (f"  content/stances/apple-dma-apple-app-store.yaml:15:7: positions[1].evidence: rests on one source only ({EN_SRC}): "
            "look for a second") in result.stdout.splitlines()


def test_diff_names_the_positions_that_changed(tmp_path: Path) -> None:
    repo = tmp_path / "newsroom"
    shutil.copytree(ROOT / "content", repo / "content")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **env})  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", "content")
    git("commit", "-q", "-m", "seed")
    write(repo / "content", {APPLE: TWO_POSITIONS})
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "positions" in result.stdout and "apple-dma-apple-app-store" in result.stdout


def stance_row(markdown: str, anchor: str) -> str:
    """The row of one stance in an organisation's or an issue's stance table."""
    start = markdown.index(f'<tr id="{anchor}">')
    return markdown[start:markdown.index("</tr>", start)] + "</tr>\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_stance_with_two_positions_shows_its_history_on_both_pages(content_copy: Path, lang: str, golden) -> None:
    facts = two_position_facts(content_copy)
    pages = {p.url: p.markdown for p in render_language(facts, lang)}
    org_page = pages[url_of(facts, "organisations", "apple", lang)]
    issue_page = pages[url_of(facts, "issues", "dma-apple-app-store", lang)]
    golden(f"stance-history-organisation-{lang}.md", stance_row(org_page, "stance-dma-apple-app-store"))
    golden(f"stance-history-issue-{lang}.md", stance_row(issue_page, "stance-apple"))
    t = {key: value[lang] for key, value in load_strings().items()}
    month = {"en": "June 2024", "fr": "juin 2024"}[lang]
    assert f'{t["position_changed"]}{t["colon"]} <time datetime="2024-06">{month}</time>' in pages[""]  # the home matrix


def test_a_change_of_position_is_a_feed_entry_dated_by_the_change(content_copy: Path) -> None:
    facts = two_position_facts(content_copy)
    for lang, title in (("en", "Change of position — Apple, The DMA and Apple’s App Store{colon} No public position → Opposes"),
                        ("fr", "Changement de position — Apple, Le DMA et l’App Store d’Apple{colon} Pas de position publique → Défavorable")):
        r = renderer(facts, lang, site_url=f"https://example.org/{lang}/")
        title = title.format(colon=r.t["colon"])
        parsed = feedparser.parse(feed(r, {}).encode("utf-8"))
        assert not parsed.bozo
        entry = next(e for e in parsed.entries if e.title.startswith(title.split(" — ")[0]))
        assert entry.title == title
        assert entry.link == f"https://example.org/{lang}/organisations/apple/#stance-dma-apple-app-store--2024-06"
        assert (entry.published, entry.updated) == ("2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z")
        assert entry.summary == f"opposes {'in English' if lang == 'en' else 'en français'}."


def test_schema_org_markup_says_when_each_position_held(content_copy: Path) -> None:
    facts = two_position_facts(content_copy)
    page = next(p for p in render_language(facts, "en") if p.url == "organisations/apple/")
    graph = json.loads(re.search(r'ld\+json">(.*)</script>', page.markdown).group(1))["@graph"]
    claims = {n["@id"]: n for n in graph if n["@type"] == "Claim"}
    assert {i: n.get("temporalCoverage") for i, n in claims.items()} == {
        "/en/organisations/apple/#stance-dma-apple-app-store--unknown": "../2024-06",
        "/en/organisations/apple/#stance-dma-apple-app-store--2024-06": "2024-06/..",
    }
    assert claims["/en/organisations/apple/#stance-dma-apple-app-store--2024-06"]["isBasedOn"] == [{"@id": f"/en/sources/#src-{EN_SRC}"}]
