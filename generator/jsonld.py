"""schema.org JSON-LD for the pages: Organization, Person, Quotation, Event, CreativeWork (the
sources), Dataset (the downloads) and the WebPage itself. Builders take records and absolute URLs
and return plain dicts; `script` serialises them so that no content can close the script tag."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import urls
from .facts import FactSet
from .model import LANGS, UNKNOWN, Identifiers

SCHEMA = "https://schema.org"
Url = Callable[[str, str], str]  # (kind, id) -> absolute URL of the record's page or anchor


REGISTERS = (
    ("wikidata", "Wikidata", "https://www.wikidata.org/wiki/{}"),
    ("eu_transparency_register", "EU Transparency Register",
     "https://transparency-register.europa.eu/searchregister-or-update/organisation-detail_en?id={}"),
    ("celex", "CELEX", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"),
)


def registered(identifiers: Identifiers | None) -> list[tuple[str, str, str]]:
    """A record's public identifiers as (register field, id, URL), in a fixed order."""
    if identifiers is None:
        return []
    return [(field, getattr(identifiers, field), url.format(getattr(identifiers, field)))
            for field, _, url in REGISTERS if getattr(identifiers, field)]


def same_as(identifiers: Identifiers | None) -> list[str]:
    """Links to the record in other registers: Wikidata, the EU Transparency Register, EUR-Lex."""
    return [url for _, _, url in registered(identifiers)]


def _clean(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def organization(facts: FactSet, oid: str, lang: str, url: Url) -> dict[str, Any]:
    org = facts.organisations[oid]
    kind = "GovernmentOrganization" if org.kind == "public-body" else "Corporation" if org.kind == "company" else "Organization"
    return _clean({"@type": kind, "@id": urls.node_id(url("organisations", oid), "organization"), "name": org.name[lang],
                   "description": org.description[lang], "url": org.website, "sameAs": same_as(org.identifiers)})


def person(facts: FactSet, pid: str, lang: str, url: Url) -> dict[str, Any]:
    p = facts.people[pid]
    return _clean({
        "@type": "Person", "@id": urls.node_id(url("people", pid), "person"), "name": p.name, "description": p.description[lang],
        "jobTitle": [r.title[lang] for r in p.roles],
        "worksFor": [{"@id": urls.node_id(url("organisations", r.organisation), "organization")} for r in p.roles],
        "sameAs": same_as(p.identifiers),
    })


def source(facts: FactSet, sid: str, lang: str, url: Url) -> dict[str, Any]:
    s = facts.sources[sid]

    def known(value: str) -> str | None:
        return None if value == UNKNOWN else value

    return _clean({
        "@type": "NewsArticle" if s.kind == "news-report" else "CreativeWork", "@id": url("sources", sid),
        "name": known(s.title) or s.description[lang], "description": s.description[lang], "inLanguage": s.language,
        "publisher": {"@type": "Organization", "name": s.outlet} if known(s.outlet) else None,
        "author": {"@type": "Person", "name": s.author} if known(s.author) else None,
        "datePublished": s.date.iso() if s.date.known else None, "url": known(s.url),
    })


def quotations(facts: FactSet, qid: str, url: Url) -> list[dict[str, Any]]:
    """One Quotation per wording: a published one is based on its sources; an editorial one is a
    translation of the other."""
    q = facts.quotes[qid]
    creators = [{"@id": urls.node_id(url("people", s.person), "person")} if s.person else
                {"@id": urls.node_id(url("organisations", s.organisation), "organization")} for s in q.speakers]
    base = url("quotes", qid)
    out = []
    for lang in LANGS:
        wording = q.wording[lang]
        other = next(lg for lg in LANGS if lg != lang)
        out.append(_clean({
            "@type": "Quotation", "@id": urls.wording_node(base, lang), "text": wording.text, "inLanguage": lang,
            "creator": creators, "isBasedOn": [{"@id": url("sources", s)} for s in wording.sources],
            "translationOfWork": {"@id": urls.wording_node(base, other)} if wording.provenance == "editorial" else None,
        }))
    return out


def stance_positions(facts: FactSet, sid: str, lang: str, url: Url) -> list[dict[str, Any]]:
    """A stance as one Claim per position it held, each saying when it held (`temporalCoverage`,
    an ISO 8601 interval, open-ended where a date is not known) and what it is based on."""
    s = facts.stances[sid]
    org, issue = facts.organisations[s.organisation], facts.issues[s.issue]
    about = [{"@id": urls.node_id(url("organisations", s.organisation), "organization")}, {"@id": url("issues", s.issue)}]
    history = s.history
    out = []
    for i, p in enumerate(history):
        until = history[i + 1].since if i + 1 < len(history) else None
        anchor = urls.stance_anchor(s.issue) if len(history) == 1 else urls.period_anchor(urls.stance_anchor(s.issue), p.since)
        start, end = p.since.iso() if p.since.known else "..", until.iso() if until is not None and until.known else ".."
        based_on = []
        for item in p.evidence:
            kind, target = item.target
            if kind == "quote":
                based_on.append({"@id": urls.wording_node(url("quotes", target), lang)})
            elif kind in ("source", "event"):
                based_on.append({"@id": url(f"{kind}s", target)})
        out.append(_clean({
            "@type": "Claim", "@id": urls.at(url("organisations", s.organisation), anchor),
            "name": f"{org.name[lang]} — {issue.name[lang]} — {facts.level(p.position).label[lang]}",
            "text": p.summary[lang], "inLanguage": lang, "about": about, "isBasedOn": based_on,
            "temporalCoverage": f"{start}/{end}" if (start, end) != ("..", "..") else None,
        }))
    return out


def event(facts: FactSet, eid: str, lang: str, url: Url) -> dict[str, Any]:
    e = facts.events[eid]
    return _clean({
        "@type": "Event", "@id": url("events", eid), "name": e.title[lang],
        "description": e.description[lang] if e.description else None,
        "startDate": e.date.iso() if e.date.known else None,
        "performer": [{"@id": urls.node_id(url("organisations", o), "organization")} for o in e.organisations],
    })


def dataset(facts: FactSet, lang: str, page_url: str, downloads: list[tuple[str, str]]) -> dict[str, Any]:
    """The downloads as a Dataset; `downloads` are (absolute URL, media type) pairs."""
    site = facts.site
    return _clean({
        "@type": "Dataset", "@id": urls.node_id(page_url, "dataset"), "name": site.title[lang], "description": site.tagline[lang],
        "license": site.licence.url, "inLanguage": list(LANGS), "url": page_url,
        "distribution": [{"@type": "DataDownload", "contentUrl": href, "encodingFormat": media} for href, media in downloads],
    })


def web_page(title: str, lang: str, page_url: str, site_url: str, site_title: str, about: list[dict[str, Any]]) -> dict[str, Any]:
    return _clean({"@type": "WebPage", "@id": page_url, "url": page_url, "name": title, "inLanguage": lang,
                   "isPartOf": {"@type": "WebSite", "name": site_title, "url": site_url},
                   "about": [{"@id": node["@id"]} for node in about if "@id" in node]})


def script(nodes: list[dict[str, Any]]) -> str:
    """The JSON-LD document for a page, safe to put inside <script type="application/ld+json">."""
    text = json.dumps({"@context": SCHEMA, "@graph": nodes}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
