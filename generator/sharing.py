"""What a page says of itself when it is shared: its description (the record's own text, in the
page's language), its Open Graph and Twitter card tags, and what its card image shows (`Card`,
drawn by `cards`). Plain data from the fact set; the theme writes the tags (templates/theme)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from . import urls
from .cards import HEIGHT, WIDTH, Card, CardLine
from .inputs import TracedFacts
from .model import LANGS, NO_POSITION

# Each function reads the facts as the page reads them (`facts`, the traced view: see `inputs`), in
# the page's language `lang`, with its interface strings `t`.
Strings = Mapping[str, str]

LOCALES = {"en": "en_GB", "fr": "fr_FR"}
CARD_LINES = 8  # a card has room for fewer; the rest are counted ("and 12 more")


def description(facts: TracedFacts, lang: str, kind: str, rid: str) -> str:
    """A record's own text, in the page's language: an issue's summary, else its description."""
    record = getattr(facts, kind)[rid]
    text: str = (record.summary if kind == "issues" else record.description)[lang]
    return text


def site_card(facts: TracedFacts, lang: str, title: str) -> Card:
    """The card of one of the site's own pages (home, indexes, sources…)."""
    site = facts.site
    return Card(site.title[lang], "", title, note=site.tagline[lang])


def organisation_card(facts: TracedFacts, lang: str, t: Strings, oid: str) -> Card:
    """An organisation's name and its current position on each issue it has a stance on."""
    f = facts
    lines = []
    for iid in f.issues:
        stance = f.stance(oid, iid)
        if stance is not None:
            level = f.level(stance.current.position)
            lines.append(CardLine(level.id, level.label[lang], f.issues[iid].name[lang]))
    return Card(f.site.title[lang], t["organisation"], f.organisations[oid].name[lang], tuple(lines[:CARD_LINES]),
                f.organisations[oid].description[lang] if not lines else "", t["card_more"], len(lines))


def issue_card(facts: TracedFacts, lang: str, t: Strings, iid: str) -> Card:
    """An issue's name and how many organisations stand at each level of the scale (those with no
    stance record at 'no public position', as on the page)."""
    f = facts
    counts = Counter(s.current.position for s in f.stances.values() if s.issue == iid)
    counts[NO_POSITION] += len(f.organisations) - sum(counts.values())
    lines = tuple(CardLine(level.id, level.label[lang], _organisations(t, counts[level.id]))
                  for level in f.scale.levels if counts[level.id])
    return Card(f.site.title[lang], t["issue"], f.issues[iid].name[lang], lines, "", t["card_more"], len(lines),
                "{label}{colon} {text}")


def person_card(facts: TracedFacts, lang: str, t: Strings, pid: str) -> Card:
    person = facts.people[pid]
    return Card(facts.site.title[lang], t["person"], person.name, note=person.description[lang])


def _organisations(t: Strings, n: int) -> str:
    return t["one_organisation"] if n == 1 else t["unrecorded_organisations"].format(n=n)


def tags(facts: TracedFacts, lang: str, t: Strings, page: str, title: str, text: str, og_type: str, card: Card) -> list[dict[str, str]]:
    """The Open Graph and Twitter card tags of the page published at `page`, as (attribute, name,
    content) for the theme to write, escaped."""
    other = next(lg for lg in LANGS if lg != lang)
    image = urls.card_path(page)
    og = [("og:type", og_type), ("og:site_name", facts.site.title[lang]), ("og:title", title), ("og:description", text),
          ("og:url", page), ("og:locale", LOCALES[lang]), ("og:locale:alternate", LOCALES[other]),
          ("og:image", image), ("og:image:type", "image/png"), ("og:image:width", str(WIDTH)),
          ("og:image:height", str(HEIGHT)), ("og:image:alt", card.alt(t["colon"]))]
    twitter = [("twitter:card", "summary_large_image"), ("twitter:title", title), ("twitter:description", text),
               ("twitter:image", image), ("twitter:image:alt", card.alt(t["colon"]))]
    return [{"attr": "property", "name": k, "content": v} for k, v in og] + [{"attr": "name", "name": k, "content": v} for k, v in twitter]
