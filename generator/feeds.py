"""The Atom feed of each language: the newest facts, by when they entered or changed in git and by
their own dates. Written with the standard library; deterministic (no clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from xml.etree import ElementTree as ET

from . import urls
from .history import FileHistory
from .inputs import last_changed
from .model import PartialDate
from .render import Renderer
from .urls import FEED_NAME

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedEntry:
    """One fact in the feed."""

    id: str          # a stable URI
    title: str
    summary: str
    link: str        # absolute URL of the fact on the site
    category: str    # its kind, in the feed's language
    updated: datetime
    published: datetime


def atom(lang: str, title: str, subtitle: str, feed_url: str, site_url: str, entries: list[FeedEntry],
         limit: int = 50) -> str:
    """An Atom 1.0 document of the `limit` newest entries."""
    ET.register_namespace("", ATOM)
    newest = sorted(entries, key=lambda e: (e.updated, e.published, e.id), reverse=True)[:limit]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    _text(feed, "id", feed_url)
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    _text(feed, "updated", _stamp(max((e.updated for e in newest), default=EPOCH)))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url, "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url, "type": "text/html"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    for e in newest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", e.id)
        _text(entry, "title", e.title)
        _text(entry, "updated", _stamp(e.updated))
        _text(entry, "published", _stamp(e.published))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": e.link, "type": "text/html"})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": e.category})
        _text(entry, "summary", e.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fact_entries(r: Renderer, history: dict[str, FileHistory]) -> list[FeedEntry]:
    """Every quote, claim, stance, event and partnership of the `r.lang` site, as feed entries."""
    f, lang, t = r.facts, r.lang, r.t

    def times(kind: str, rid: str, own: PartialDate | None = None) -> tuple[datetime, datetime]:
        """When the entry was published (its own date, else when its record entered git) and last
        updated: the last change of a value it shows, read since the entry before (see `inputs`)."""
        h = history.get(f"content/{kind}/{rid}.yaml")
        own_time = _moment(own) if own and own.known else None
        published = own_time or (h.added if h else EPOCH)
        return last_changed(r.reads.take(), history) or published, published

    r.start_page(FEED_NAME)  # no view worked out for a page is used again here
    r.reads.take()
    out = []
    for qid, quote in f.quotes.items():
        w = r.wording(qid, lang)
        speakers = ", ".join(f.organisations[s.organisation].name[lang] for s in quote.speakers)
        ours = f" ({t['our_translation_short']})" if w.editorial else ""
        out.append(FeedEntry(r.record_url("quotes", qid), f"{t['quote']} — {speakers}{t['colon']} {w.open}{w.text}{w.close}{ours}",
                             quote.context[lang], r.record_url("quotes", qid), t["quote"], *times("quotes", qid)))
    for cid, claim in f.claims.items():
        target = urls.claim_url(f, cid, lang)
        kind = f.site.claim_kinds[claim.kind].label[lang]
        out.append(FeedEntry(r.absolute(target), f"{kind}{t['colon']} {claim.text[lang]}", claim.text[lang],
                             r.absolute(target), kind, *times("claims", cid)))
    for sid, stance in f.stances.items():
        target = r.absolute(urls.stance_url(f, stance.organisation, stance.issue, lang))
        title = (f"{t['stance']} — {f.organisations[stance.organisation].name[lang]}, {f.issues[stance.issue].name[lang]}"
                 f"{t['colon']} {f.level(stance.current.position).label[lang]}")
        out.append(FeedEntry(target, title, stance.current.summary[lang], target, t["stance"], *times("stances", sid)))
        out.extend(changes(r, sid))
        r.reads.take()  # a change of position is dated by itself
    for eid, event in f.events.items():
        out.append(FeedEntry(r.record_url("events", eid), event.title[lang],
                             event.description[lang] if event.description else event.title[lang],
                             r.record_url("events", eid), t["event"], *times("events", eid, event.date)))
    for pid, partnership in f.partnerships.items():
        out.append(FeedEntry(r.record_url("partnerships", pid), partnership.name[lang], partnership.description[lang],
                             r.record_url("partnerships", pid), t["partnerships"], *times("partnerships", pid, partnership.start)))
    return out


def changes(r: Renderer, sid: str) -> list[FeedEntry]:
    """A stance's changes of position, one entry each, dated by the change (when it is known)."""
    f, lang, t = r.facts, r.lang, r.t
    stance = f.stances[sid]
    history = stance.history
    out = []
    for before, after in pairwise(history):
        if not after.since.known:
            continue  # the check allows an unknown date for the first position only
        anchor = urls.period_anchor(urls.stance_anchor(stance.issue), after.since)
        target = r.absolute(urls.stance_url(f, stance.organisation, stance.issue, lang, anchor))
        when = _moment(after.since)
        title = (f"{t['position_change']} — {f.organisations[stance.organisation].name[lang]}, {f.issues[stance.issue].name[lang]}"
                 f"{t['colon']} {f.level(before.position).label[lang]} → {f.level(after.position).label[lang]}")
        out.append(FeedEntry(target, title, after.summary[lang], target, t["position_change"], when, when))
    return out


def _moment(day: PartialDate) -> datetime:
    """The first moment of a known partial date, in UTC."""
    return datetime(day.year, day.month or 1, day.day or 1, tzinfo=UTC)


def feed(r: Renderer, history: dict[str, FileHistory]) -> str:
    """The Atom feed of the `r.lang` site."""
    site = r.facts.site
    return atom(r.lang, site.title[r.lang], site.tagline[r.lang], r.absolute(FEED_NAME), r.absolute(""), fact_entries(r, history))
