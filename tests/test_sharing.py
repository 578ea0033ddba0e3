"""Each page says what it is when shared: its own description, Open Graph and Twitter card tags,
and its own 1200×630 card image in its own language, the same bytes for the same content."""

from __future__ import annotations

import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from generator.cards import UNUSED_DAYS, CardStore, card_images, draw, scale_colours
from generator.check import check
from generator.facts import build_factset
from generator.render import render_language

FACTS = build_factset(check(ROOT / "content"))
SITE = "https://example.org/factsheet/"
COLOURS = scale_colours((ROOT / "templates" / "docs" / "assets" / "factsheet.css").read_text(encoding="utf-8"))


class Head(HTMLParser):
    """The <meta> tags and canonical link of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


RECORD_PAGES = {
    "en": {"organisations/meta/": FACTS.organisations["meta"].description.en,
           "issues/the-dma-and-apple-s-app-store/": FACTS.issues["dma-apple-app-store"].summary.en,
           "people/daniel-ek/": FACTS.people["daniel-ek"].description.en},
    "fr": {"organisations/meta/": FACTS.organisations["meta"].description.fr,
           "enjeux/le-dma-et-l-app-store-d-apple/": FACTS.issues["dma-apple-app-store"].summary.fr,
           "personnes/daniel-ek/": FACTS.people["daniel-ek"].description.fr},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_record_pages_carry_their_own_description_and_share_tags(built_site: Path, lang: str) -> None:
    other = {"en": "fr_FR", "fr": "en_GB"}[lang]
    for url, text in RECORD_PAGES[lang].items():
        h = head(built_site / lang / url / "index.html")
        assert h.meta["description"] == text
        assert h.meta["og:description"] == h.meta["twitter:description"] == text
        assert h.meta["og:url"] == h.canonical == f"http://127.0.0.1:8000/{lang}/{url}"
        assert h.meta["og:title"] == h.meta["twitter:title"]
        assert h.meta["og:type"] == ("profile" if url.split("/")[0] in ("people", "personnes") else "article")
        assert (h.meta["og:locale"], h.meta["og:locale:alternate"]) == ({"en": "en_GB", "fr": "fr_FR"}[lang], other)
        assert h.meta["og:image"] == h.meta["twitter:image"] == f"http://127.0.0.1:8000/{lang}/{url}card.png"
        assert (h.meta["og:image:width"], h.meta["og:image:height"], h.meta["og:image:type"]) == ("1200", "630", "image/png")
        assert h.meta["og:image:alt"] == h.meta["twitter:image:alt"] and h.meta["og:title"] in h.meta["og:image:alt"]
        assert h.meta["twitter:card"] == "summary_large_image"
        with Image.open(built_site / lang / url / "card.png") as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_organisation_card_describes_its_positions_in_each_language(built_site: Path) -> None:
    en = head(built_site / "en" / "organisations" / "meta" / "index.html").meta["og:image:alt"]
    fr = head(built_site / "fr" / "organisations" / "meta" / "index.html").meta["og:image:alt"]
    assert "Organisation: Meta. AI products in the EU: Opposes." in en
    assert "Organisation\u00a0: Meta. Les produits d’IA dans l’UE\u00a0: Défavorable." in fr
    issue = head(built_site / "en" / "issues" / "the-dma-and-apple-s-app-store" / "index.html").meta["og:image:alt"]
    assert issue.endswith("Issue: The DMA and Apple’s App Store. Supports: 2 organisations. No public position: 2 organisations.")


def test_every_page_of_both_languages_has_its_card(built_site: Path) -> None:
    for lang in ("en", "fr"):
        for page in (built_site / lang).rglob("index.html"):
            if page.parent.name == "404" or page.parent == built_site / "fr" / "guide":  # the editors' guide is no page of facts
                continue
            image = head(page).meta["og:image"].removeprefix("http://127.0.0.1:8000/")
            assert (built_site / image).is_file(), page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_card_is_the_same_bytes_each_time_and_its_own_per_language(lang: str, golden, tmp_path: Path) -> None:
    pages = [p for p in render_language(FACTS, lang, site_url=f"{SITE}{lang}/") if p.url == "organisations/meta/"]
    first = card_images(pages, CardStore(None, COLOURS))["organisations/meta/card.png"]
    assert isinstance(first, bytes)
    stored = CardStore(tmp_path, COLOURS)
    kept = card_images(pages, stored)["organisations/meta/card.png"]
    assert isinstance(kept, Path) and kept.parent == tmp_path and kept.read_bytes() == first
    assert (stored.drawn, stored.reused) == (1, 0)
    again = CardStore(tmp_path, COLOURS)
    assert card_images(pages, again)["organisations/meta/card.png"] == kept
    assert (again.drawn, again.reused) == (0, 1)
    with Image.open(io.BytesIO(first)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    golden(f"card-meta-{lang}.sha256", hashlib.sha256(first).hexdigest() + "\n")


def test_the_scale_colours_are_the_stylesheets() -> None:
    assert COLOURS["supports"] == COLOURS["strongly-supports"] == (0x1B, 0x7F, 0x3B)
    assert COLOURS["opposes"] == (0xB3, 0x26, 0x1E)
    assert COLOURS["no-public-position"] == (0x5F, 0x63, 0x68)


def test_a_card_shows_a_position_in_its_colour() -> None:
    page = next(p for p in render_language(FACTS, "en") if p.url == "organisations/meta/")
    with Image.open(io.BytesIO(draw(page.card, COLOURS))) as image:
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(1200 * 630)}
    assert COLOURS["opposes"] in colours and COLOURS["supports"] in colours


def test_a_long_list_of_positions_is_counted_not_cut_silently() -> None:
    page = next(p for p in render_language(FACTS, "fr") if p.url == "enjeux/le-dma-et-l-app-store-d-apple/")
    card = page.card
    many = type(card)(card.publication, card.kind, card.title, card.lines * 10, "", card.more, 40)
    assert many.alt("\u00a0:").endswith("et 20 de plus.")
    assert re.match(r"^\x89PNG", draw(many, COLOURS).decode("latin-1"))


def test_each_quote_has_a_link_to_itself_and_a_citation_in_the_page_s_language() -> None:
    for lang, expected in (
        ("en", "Spotify, “extortion”, on Apple’s plan to comply with the Digital Markets Act. News report (English), "
               "date not given in our sources. https://example.org/factsheet/en/organisations/spotify/#quote-spotify-apple-compliance-extortion"),
        ("fr", "Spotify, «\u00a0extorsion\u00a0», à propos du plan de mise en conformité d’Apple avec le règlement sur les marchés numériques. "
               "Article de presse (français), date non précisée dans nos sources. "
               "https://example.org/factsheet/fr/organisations/spotify/#quote-spotify-apple-compliance-extortion"),
    ):
        page = next(p for p in render_language(FACTS, lang, site_url=f"{SITE}{lang}/") if p.url == "organisations/spotify/")
        assert f'<span class="fs-citation__text">{expected}</span>' in page.markdown
        assert '<a class="fs-permalink" href="#quote-spotify-apple-compliance-extortion">' in page.markdown
        assert '<figure class="fs-quote" id="quote-spotify-apple-compliance-extortion">' in page.markdown


def test_a_card_planted_in_the_store_is_never_published(tmp_path: Path) -> None:
    """A pull request can commit files under .cache/ with `git add -f`: a PNG under a card's
    name, even with a copy of a real index beside it, is drawn over, never served."""
    pages = [p for p in render_language(FACTS, "en", site_url=f"{SITE}en/") if p.url == "organisations/meta/"]
    genuine = CardStore(tmp_path / "genuine", COLOURS)
    real = card_images(pages, genuine)["organisations/meta/card.png"]
    assert isinstance(real, Path)
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / real.name).write_bytes(b"\x89PNG forged")
    (planted / "index").write_bytes((tmp_path / "genuine" / "index").read_bytes())  # a checkout's copy
    store = CardStore(planted, COLOURS)
    served = card_images(pages, store)["organisations/meta/card.png"]
    assert (store.drawn, store.reused) == (1, 0)
    assert isinstance(served, Path) and served.read_bytes() == real.read_bytes()


def test_cards_unused_for_a_month_are_removed_and_nothing_else(tmp_path: Path) -> None:
    """The store does not grow forever: a save removes the cards no build has used for
    UNUSED_DAYS days, and only files it wrote as it wrote them."""
    urls = ("organisations/meta/", "organisations/spotify/", "organisations/apple/")
    pages = sorted((p for p in render_language(FACTS, "en", site_url=f"{SITE}en/") if p.url in urls), key=lambda p: urls.index(p.url))
    day = 86400.0
    first = CardStore(tmp_path, COLOURS, clock=lambda: 100 * day)
    meta, spotify, apple = (card_images([page], first)[f"{page.url}card.png"] for page in pages)
    assert isinstance(meta, Path) and isinstance(spotify, Path) and isinstance(apple, Path)
    planted = tmp_path / ("0" * 40 + ".png")  # a file the store did not write, under a card's name
    planted.write_bytes(b"\x89PNG not ours")
    later = CardStore(tmp_path, COLOURS, clock=lambda: (100 + UNUSED_DAYS) * day)  # Meta's page only, on the last day kept
    card_images(pages[:1], later)
    assert meta.exists() and spotify.exists() and later.removed == 0
    apple.write_bytes(b"\x89PNG changed by someone else")  # no longer the file the store wrote
    replaced = CardStore(tmp_path, COLOURS, clock=lambda: (100 + UNUSED_DAYS + 1) * day)
    card_images(pages[:1], replaced)
    assert replaced.removed == 1 and meta.exists() and not spotify.exists() and apple.exists() and planted.exists()
    back = CardStore(tmp_path, COLOURS, clock=lambda: (100 + UNUSED_DAYS + 1) * day)  # drawn again when needed
    assert card_images(pages[1:2], back)["organisations/spotify/card.png"] == spotify and back.drawn == 1
