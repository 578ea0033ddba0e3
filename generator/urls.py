"""Every address of the site, made here and nowhere else: the folder of each section in each
language, each record's page and anchor, links from one page to another, the downloads, the
feeds, the sitemaps, the guides and the cards.

Three kinds of address appear:
- a *target*, within one language site and from its root, as MkDocs publishes it: a page is a
  folder ending in '/' (`organisations/meta/`, `enjeux/le-dma/`), a record shown on a list page
  is that page with the record's anchor (`sources/#src-x`), a file is its path (`feed.xml`);
- a path from the *hub's* root (the root holding both languages, the downloads and the English
  guide): a language site's target there is `<lang>/<target>`;
- an absolute URL, when the published address (`SITE_URL`) is known, else one from `/`.

A record's page is named by its slug: `slug:` when the record sets it, else its name in that
language (`l’IA` and `l'IA` give the same slug: see `text.make_slug`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from markdown.extensions.toc import slugify

from .model import KINDS, Claim, Issue, Organisation, PartialDate, Person, Quote
from .text import make_slug

# URL folder of each section, per language.
SECTIONS: dict[str, dict[str, str]] = {
    "organisations": {"en": "organisations", "fr": "organisations"},
    "issues": {"en": "issues", "fr": "enjeux"},
    "people": {"en": "people", "fr": "personnes"},
    "sources": {"en": "sources", "fr": "sources"},
    "partnerships": {"en": "partnerships", "fr": "partenariats"},
    "timeline": {"en": "timeline", "fr": "chronologie"},
    "methodology": {"en": "methodology", "fr": "methodologie"},
    "search": {"en": "search", "fr": "recherche"},
    "data": {"en": "data", "fr": "donnees"},
    "corrections": {"en": "corrections", "fr": "corrections"},
}
OWN_PAGE = ("organisations", "issues", "people")  # kinds with a page of their own, named by its slug
# Kinds shown at an anchor of a page: the page listing them all, or (a quote) its first speaker's page.
ANCHOR_PREFIX = {"sources": "src", "events": "event", "partnerships": "partnership", "quotes": "quote", "claims": "claim"}
_LIST_PAGE = {"sources": "sources", "events": "timeline", "partnerships": "partnerships"}
LISTED = tuple(_LIST_PAGE)  # kinds shown on a page listing them all, each at its anchor

# Each language site's Atom feed, and MkDocs' sitemap, at the site's root.
FEED_NAME = "feed.xml"
SITEMAP_NAME = "sitemap.xml"
CARD_NAME = "card.png"  # a page's card image, beside its index.html
# Where the hub publishes the downloads, from the hub's root, with their media types.
DOWNLOADS = {"json": "data/factsheet.json", "schema": "data/factsheet.schema.json", "csv": "data/csv/{kind}.csv"}
_MEDIA = {"json": "application/json", "schema": "application/schema+json", "csv": "text/csv"}
# The editors' guide in each language: its source, and its address from the hub's root. The English
# one is a page of the hub; the French one, its twin, a page of the French site. `GUIDE_PAGE` is
# the page's source in the site that publishes it.
GUIDES = {"en": ("EDITING.md", "guide/"), "fr": ("EDITING.fr.md", "fr/guide/")}
GUIDE_PAGE = "guide.md"

# Slugs whose page would take the place of another: MkDocs publishes `<section>/index.md` at the
# section's own address.
RESERVED_SLUGS = frozenset({"index"})


class _Records(Protocol):
    """What an address is made from: the fact set (or its traced view: see `inputs`)."""

    @property
    def organisations(self) -> Mapping[str, Organisation]: ...
    @property
    def issues(self) -> Mapping[str, Issue]: ...
    @property
    def people(self) -> Mapping[str, Person]: ...
    @property
    def quotes(self) -> Mapping[str, Quote]: ...
    @property
    def claims(self) -> Mapping[str, Claim]: ...


# --- Slugs and record addresses -------------------------------------------------------------


def record_slug(record: Any, lang: str) -> str | None:
    """The URL slug of a record with its own page, in `lang`; None for kinds without pages."""
    custom = getattr(record, "slug", None)
    if custom is not None:
        return str(custom[lang])
    name = getattr(record, "name", None)
    if name is None or not hasattr(record, "slug"):
        return None
    return make_slug(name if isinstance(name, str) else name[lang])


def heading_anchor(heading: str) -> str:
    """The anchor MkDocs gives a heading (its `toc` extension's), as the guides' links need it."""
    return str(slugify(heading, "-"))


def section(key: str, lang: str) -> str:
    """The target of a section's page (`enjeux/`): its index, or the page listing its records."""
    return f"{SECTIONS[key][lang]}/"


def anchor(kind: str, rid: str) -> str:
    """The anchor of a record shown on a page among others (`src-x`, `quote-x`)."""
    return f"{ANCHOR_PREFIX[kind]}-{rid}"


def stance_anchor(issue: str) -> str:
    """The anchor of an organisation's stance on `issue` (on its page; an issue's page anchors its
    stances by organisation, and the home matrix links to the organisation's)."""
    return f"stance-{issue}"


def period_anchor(stance: str, since: PartialDate) -> str:
    """The anchor of one position of a stance, under the stance's own (`stance`): by the date it
    began (stable when a position is added; `--` never appears in an id)."""
    return f"{stance}--{since.iso()}"


def at(target: str, fragment: str) -> str:
    """`target` at the anchor `fragment`."""
    return f"{target}#{fragment}"


def url_of(facts: _Records, kind: str, rid: str, lang: str) -> str:
    """The target of the record `kind`/`rid` in the `lang` site: its own page, or the anchor
    where the page that shows it shows it."""
    if kind in OWN_PAGE:
        record = getattr(facts, kind)[rid]
        return f"{SECTIONS[kind][lang]}/{record_slug(record, lang)}/"
    if kind in _LIST_PAGE:
        return at(section(_LIST_PAGE[kind], lang), anchor(kind, rid))
    if kind == "quotes":
        org = facts.quotes[rid].speakers[0].organisation
        return at(url_of(facts, "organisations", org, lang), anchor(kind, rid))
    raise KeyError(kind)


def stance_url(facts: _Records, organisation: str, issue: str, lang: str, fragment: str = "") -> str:
    """The target of an organisation's stance on an issue (on the organisation's page), or of
    the anchor `fragment` under it (one of its positions)."""
    return at(url_of(facts, "organisations", organisation, lang), fragment or stance_anchor(issue))


def claim_url(facts: _Records, cid: str, lang: str) -> str:
    """The target of a claim: on the page of the first organisation it is said by or about, else
    of its first issue."""
    claim = facts.claims[cid]
    orgs = claim.said_by + claim.organisations
    page = url_of(facts, "organisations", orgs[0], lang) if orgs else url_of(facts, "issues", claim.issues[0], lang)
    return at(page, anchor("claims", cid))


def page_source(target: str) -> str:
    """The Markdown file MkDocs publishes at the page `target` (`enjeux/x/` is `enjeux/x.md`)."""
    return target.rstrip("/") + ".md" if target else "index.md"


def section_source(key: str, lang: str) -> str:
    """The Markdown file of a section's page, as a language site's navigation names it."""
    return page_source(section(key, lang))


def card_path(page: str) -> str:
    """The card image of a page, beside it: from the page's target or its published URL."""
    return page + CARD_NAME


# --- Links ----------------------------------------------------------------------------------


def relative(path: str, here: str) -> str:
    """`posixpath.relpath(path, here)` for the plain folder paths of our sites (no '.' or '..'),
    at a fraction of its cost: it is called for every link of every page."""
    to, at_ = [p for p in path.split("/") if p], [p for p in here.split("/") if p]
    common = 0
    while common < min(len(to), len(at_)) and to[common] == at_[common]:
        common += 1
    return "/".join([".."] * (len(at_) - common) + to[common:]) or "."


def href(target: str, here: str) -> str:
    """A link from the page `here` to `target` (a folder ending in '/', or a file, with or without
    an anchor), both from the same root."""
    path, _, fragment = target.partition("#")
    rel = relative(path, here)
    if path == "" or path.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{fragment}" if fragment else rel


def folder_href(target: str, here: str) -> str:
    """A link from the page `here` to the page `target`, both from the hub's root (alternates,
    the language switcher, the guides' twins)."""
    return relative(target, here) + "/"


def hub_href(here: str) -> str:
    """A link from the page `here` of a language site to the hub's root, which holds the downloads
    and the English guide (ends in '/')."""
    return href("", here) + "../"


def in_hub(lang: str, target: str) -> str:
    """A language site's `target` as a path from the hub's root."""
    return f"{lang}/{target}"


def site_path(lang: str, target: str) -> str:
    """A language site's `target` as a path from the published site's root, as `diff` names pages
    (`/fr/enjeux/x/`; `site_path(lang, "")` begins every page of the `lang` site)."""
    return "/" + in_hub(lang, target)


# --- Published addresses --------------------------------------------------------------------


def hub_url(site_url: str | None, lang: str) -> str | None:
    """The hub's address, from a language site's `site_url` (the hub's + '<lang>/')."""
    return site_url.rstrip("/").removesuffix(f"/{lang}") + "/" if site_url else None


def language_url(hub: str, lang: str) -> str:
    """A language site's address, from the hub's `hub` (ends in '/')."""
    return hub.rstrip("/") + f"/{lang}/"


def absolute(base_url: str | None, lang: str, target: str) -> str:
    """The published URL of `target` in the `lang` site: absolute when the hub's address
    `base_url` is known, else from the site root."""
    return (base_url or "/") + in_hub(lang, target)


def download(name: str, kind: str = "") -> str:
    """A download's path from the hub's root: 'json', 'schema', or 'csv' of a record `kind`."""
    return DOWNLOADS[name].format(kind=kind) if name == "csv" else DOWNLOADS[name]


def downloads(base_url: str | None) -> list[tuple[str, str]]:
    """Every download, as (published URL, media type)."""
    root = base_url or "/"
    files = [(root + download("json"), _MEDIA["json"]), (root + download("schema"), _MEDIA["schema"])]
    return files + [(root + download("csv", kind), _MEDIA["csv"]) for kind in KINDS]


def sitemap_url(base_url: str | None, lang: str) -> str:
    """The published URL of the `lang` site's sitemap (robots.txt names it)."""
    return absolute(base_url, lang, SITEMAP_NAME)


def node_id(url: str, name: str) -> str:
    """The schema.org node `name` ('organization', 'person', 'dataset') of the page at `url`."""
    return at(url, name)


def wording_node(quote_url: str, lang: str) -> str:
    """The schema.org node of a quote's wording in `lang`, from the quote's published URL."""
    return f"{quote_url}-{lang}"
