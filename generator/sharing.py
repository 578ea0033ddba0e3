"""What a page says of itself when it is shared: its description (the record's own text, in the
page's language), its Open Graph and Twitter card tags, and what its card image shows (`Card`,
drawn by `cards`). Plain data from the fact set; the theme writes the tags (templates/theme)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from . import urls
from .cards import HEIGHT, WIDTH, Card, CardLine
from .model import NO_POSITION

if TYPE_CHECKING:
    from .render import Renderer

LOCALES = {"en": "en_GB", "fr": "fr_FR"}
CARD_LINES = 8  # a card has room for fewer; the rest are counted ("and 12 more")


def description(r: Renderer, kind: str, rid: str) -> str:
    """A record's own text, in the page's language: an issue's summary, else its description."""
    record = getattr(r.facts, kind)[rid]
    text: str = (record.summary if kind == "issues" else record.description)[r.lang]
    return text


def site_card(r: Renderer, title: str) -> Card:
    """The card of one of the site's own pages (home, indexes, sources…)."""
    site = r.facts.site
    return Card(site.title[r.lang], "", title, note=site.tagline[r.lang])


def organisation_card(r: Renderer, oid: str) -> Card:
    """An organisation's name and its current position on each issue it has a stance on."""
    f, lang = r.facts, r.lang
    lines = []
    for iid in f.issues:
        stance = f.stance(oid, iid)
        if stance is not None:
            level = f.level(stance.current.position)
            lines.append(CardLine(level.id, level.label[lang], f.issues[iid].name[lang]))
    return Card(f.site.title[lang], r.t["organisation"], f.organisations[oid].name[lang], tuple(lines[:CARD_LINES]),
                f.organisations[oid].description[lang] if not lines else "", r.t["card_more"], len(lines))


def issue_card(r: Renderer, iid: str) -> Card:
    """An issue's name and how many organisations stand at each level of the scale (those with no
    stance record at 'no public position', as on the page)."""
    f, lang = r.facts, r.lang
    counts = Counter(s.current.position for s in f.stances.values() if s.issue == iid)
    counts[NO_POSITION] += len(f.organisations) - sum(counts.values())
    lines = tuple(CardLine(level.id, level.label[lang], _organisations(r, counts[level.id]))
                  for level in f.scale.levels if counts[level.id])
    return Card(f.site.title[lang], r.t["issue"], f.issues[iid].name[lang], lines, "", r.t["card_more"], len(lines),
                "{label}{colon} {text}")


def person_card(r: Renderer, pid: str) -> Card:
    person = r.facts.people[pid]
    return Card(r.facts.site.title[r.lang], r.t["person"], person.name, note=person.description[r.lang])


def _organisations(r: Renderer, n: int) -> str:
    return r.t["one_organisation"] if n == 1 else r.t["unrecorded_organisations"].format(n=n)


def tags(r: Renderer, title: str, text: str, url: str, og_type: str, card: Card) -> list[dict[str, str]]:
    """The Open Graph and Twitter card tags of a page at `url` (within its language site), as
    (attribute, name, content) for the theme to write, escaped."""
    page = r.absolute(url)
    image = urls.card_path(page)
    og = [("og:type", og_type), ("og:site_name", r.facts.site.title[r.lang]), ("og:title", title), ("og:description", text),
          ("og:url", page), ("og:locale", LOCALES[r.lang]), ("og:locale:alternate", LOCALES[r.other]),
          ("og:image", image), ("og:image:type", "image/png"), ("og:image:width", str(WIDTH)),
          ("og:image:height", str(HEIGHT)), ("og:image:alt", card.alt(r.t["colon"]))]
    twitter = [("twitter:card", "summary_large_image"), ("twitter:title", title), ("twitter:description", text),
               ("twitter:image", image), ("twitter:image:alt", card.alt(r.t["colon"]))]
    return [{"attr": "property", "name": k, "content": v} for k, v in og] + [{"attr": "name", "name": k, "content": v} for k, v in twitter]
