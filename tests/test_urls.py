"""The site's addresses, made in one module (`generator/urls.py`)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from generator import urls
from generator.check import check
from generator.facts import build_factset
from generator.model import PartialDate
from generator.typography import french, french_facts

ROOT = Path(__file__).resolve().parent.parent
FACTS = build_factset(check(ROOT / "content"))


def test_each_kind_has_its_address_in_each_language() -> None:
    quote = next(iter(FACTS.quotes))
    org = FACTS.quotes[quote].speakers[0].organisation
    assert urls.url_of(FACTS, "organisations", "meta", "en") == "organisations/meta/"
    assert urls.url_of(FACTS, "issues", "dma-apple-app-store", "fr") == "enjeux/le-dma-et-l-app-store-d-apple/"
    assert urls.url_of(FACTS, "people", "daniel-ek", "fr") == "personnes/daniel-ek/"
    source = next(iter(FACTS.sources))
    assert urls.url_of(FACTS, "sources", source, "fr") == f"sources/#src-{source}"
    event = next(iter(FACTS.events))
    assert urls.url_of(FACTS, "events", event, "fr") == f"chronologie/#event-{event}"
    assert urls.url_of(FACTS, "quotes", quote, "en") == f"organisations/{org}/#quote-{quote}"


def test_a_slug_set_in_the_record_keeps_the_published_address() -> None:
    meta = FACTS.organisations["meta"]
    renamed = dataclasses.replace(meta, name={"en": "Meta Platforms", "fr": "Meta Platforms"})
    assert urls.record_slug(renamed, "en") == "meta-platforms"
    kept = dataclasses.replace(renamed, slug={"en": "meta", "fr": "meta-fr"})
    assert (urls.record_slug(kept, "en"), urls.record_slug(kept, "fr")) == ("meta", "meta-fr")
    assert urls.record_slug(next(iter(FACTS.sources.values())), "en") is None  # no page of its own


def test_french_typography_does_not_move_a_page() -> None:
    typeset = french_facts(FACTS)
    for kind in urls.OWN_PAGE:
        for rid in getattr(FACTS, kind):
            assert urls.url_of(typeset, kind, rid, "fr") == urls.url_of(FACTS, kind, rid, "fr")
    for name in ("Le DMA : l’IA ?", "« IA » ; test !", "l'IA: 18:30"):
        assert urls.record_slug(type("R", (), {"slug": None, "name": french(name)})(), "fr") == \
            urls.record_slug(type("R", (), {"slug": None, "name": name})(), "fr")


def test_links_are_relative_to_the_page_they_are_on() -> None:
    assert urls.href("organisations/meta/", "enjeux/x/") == "../../organisations/meta/"
    assert urls.href("organisations/meta/#quote-q", "organisations/meta/") == "./#quote-q"
    assert urls.href("sources/#src-s", "") == "sources/#src-s"
    assert urls.href("feed.xml", "organisations/meta/") == "../../feed.xml"
    assert urls.hub_href("organisations/meta/") == "../../../"
    assert urls.folder_href("fr/organisations/meta/", "en/organisations/meta/") == "../../../fr/organisations/meta/"


def test_published_addresses_follow_the_site_url() -> None:
    assert urls.hub_url("https://example.org/facts/fr/", "fr") == "https://example.org/facts/"
    assert urls.hub_url(None, "fr") is None
    assert urls.language_url("https://example.org/facts/", "fr") == "https://example.org/facts/fr/"
    assert urls.absolute("https://example.org/", "fr", "enjeux/x/") == "https://example.org/fr/enjeux/x/"
    assert urls.absolute(None, "en", "") == "/en/"
    assert urls.sitemap_url("https://example.org/", "en") == "https://example.org/en/sitemap.xml"
    assert urls.site_path("fr", "enjeux/x/") == "/fr/enjeux/x/"
    assert urls.downloads(None)[:2] == [("/data/factsheet.json", "application/json"),
                                        ("/data/factsheet.schema.json", "application/schema+json")]
    assert ("https://example.org/data/csv/quotes.csv", "text/csv") in urls.downloads("https://example.org/")


def test_anchors_of_records_stances_and_positions() -> None:
    assert urls.stance_url(FACTS, "apple", "dma-apple-app-store", "en") == "organisations/apple/#stance-dma-apple-app-store"
    since = PartialDate(2024, 6, None)
    anchor = urls.period_anchor(urls.stance_anchor("dma"), since)
    assert anchor == "stance-dma--2024-06"
    assert urls.stance_url(FACTS, "apple", "dma", "en", anchor) == "organisations/apple/#stance-dma--2024-06"
    assert urls.page_source("enjeux/x/") == "enjeux/x.md" and urls.page_source("") == "index.md"
    assert urls.card_path("organisations/meta/") == "organisations/meta/card.png"
    assert urls.heading_anchor("What the check refuses") == "what-the-check-refuses"


# The names only `urls` may use: the section folders, the downloads' paths, and the anchors' prefixes.
OWNED = {"SECTIONS", "DOWNLOADS", "ANCHOR_PREFIX", "_LIST_PAGE"}
PREFIXES = ("src-", "event-", "partnership-", "quote-", "claim-", "stance-")


def test_no_other_module_makes_an_address() -> None:
    """Addresses are made by `urls` alone: no other module reads its tables of sections and
    downloads, or writes a record's anchor by hand."""
    found = []
    for path in sorted((ROOT / "generator").glob("*.py")):
        if path.name == "urls.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Name) and node.id in OWNED) or (isinstance(node, ast.Attribute) and node.attr in OWNED):
                found.append(f"{path.name}:{node.lineno}: uses {getattr(node, 'id', None) or node.attr}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(PREFIXES):
                found.append(f"{path.name}:{node.lineno}: writes the anchor {node.value!r}")
    assert found == []
