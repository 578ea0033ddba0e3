"""Render the pages of one language from the fact set, through the Jinja templates in templates/pages.

This module prepares everything a page shows (labels, formatted dates, links, citations) as small
view objects; the templates only lay them out. Text from content/ is escaped by Jinja's
autoescape in HTML and by `md_text` in the few Markdown places (headings). Pure: facts in,
`Page`s out, no disk writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from babel.dates import format_date
from markupsafe import escape

from .facts import FactSet
from .memory import gc_paused
from .model import LANGS, NO_POSITION, Evidence, PartialDate
from .templating import TEMPLATES, load_strings, make_env, render_template
from .validate import record_slug
from .views import (Cite, ClaimView, EvidenceView, EventView, Link, Page, PartnershipView, QuoteView, SourceView,
                    StanceView, WordingView)

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
}
NBSP = "\u00a0"


class Renderer:
    """Renders every page of the site in one language."""

    def __init__(self, facts: FactSet, lang: str, strings: dict[str, dict[str, str]], env: jinja2.Environment,
                 base_url: str | None = None) -> None:
        self.facts, self.lang, self.env = facts, lang, env
        self.base_url = base_url  # the published hub's absolute URL, for hreflang; None: relative links
        self.other = next(lg for lg in LANGS if lg != lang)
        self.t = {key: value[lang] for key, value in strings.items()}
        self.here = ""  # URL of the page being rendered, for relative links
        # Worked out once: every page links to the same records, sources and dates many times.
        self._urls: dict[tuple[str, str], str] = {}
        self._paths: dict[str, str] = {}  # relative link to each path from `here`, for this page only
        self._links: dict[tuple[str, str], Link] = {}  # likewise, links to records
        self._cites: dict[str, Cite] = {}  # likewise, citations of sources
        self._levels = {lvl.id: lvl for lvl in facts.scale.levels}
        self._labels: dict[str, str] = {}
        self._dates: dict[PartialDate | None, str] = {}

    # --- URLs -----------------------------------------------------------------------------------

    @staticmethod
    def url_of(facts: FactSet, kind: str, rid: str, lang: str) -> str:
        if kind in ("organisations", "issues", "people"):
            record = getattr(facts, kind)[rid]
            return f"{SECTIONS[kind][lang]}/{record_slug(record, lang)}/"
        if kind == "sources":
            return f"{SECTIONS['sources'][lang]}/#src-{rid}"
        if kind == "events":
            return f"{SECTIONS['timeline'][lang]}/#event-{rid}"
        if kind == "partnerships":
            return f"{SECTIONS['partnerships'][lang]}/#partnership-{rid}"
        raise KeyError(kind)

    def url(self, kind: str, rid: str) -> str:
        """`url_of` in this language, remembered."""
        key = (kind, rid)
        if key not in self._urls:
            self._urls[key] = self.url_of(self.facts, kind, rid, self.lang)
        return self._urls[key]

    def href(self, target: str) -> str:
        """A link from the current page to `target` (a URL within this language site)."""
        path, _, fragment = target.partition("#")
        rel = self._paths.get(path)
        if rel is None:
            rel = relative(path, self.here)
            rel = self._paths[path] = "./" if rel == "." else rel + "/"
        return f"{rel}#{fragment}" if fragment else rel

    def link(self, kind: str, rid: str) -> Link:
        key = (kind, rid)
        if key not in self._links:
            record = getattr(self.facts, kind)[rid]
            name = record.name if isinstance(record.name, str) else record.name[self.lang]
            self._links[key] = Link(name, self.href(self.url(kind, rid)))
        return self._links[key]

    # --- formatting -----------------------------------------------------------------------------

    def date(self, value: PartialDate | None) -> str:
        if value not in self._dates:
            self._dates[value] = self._format_date(value)
        return self._dates[value]

    def _format_date(self, value: PartialDate | None) -> str:
        if value is None or not value.known:
            return self.t["date_unknown"]
        if value.precision == "year":
            return str(value.year)
        if value.precision == "month":
            return format_date(date(value.year, value.month, 1), "LLLL y", locale=self.lang)
        return format_date(date(value.year, value.month, value.day), "d MMMM y", locale=self.lang)

    def cite(self, source_id: str) -> Cite:
        if source_id not in self._cites:
            self._cites[source_id] = Cite(self.source_label(source_id), self.href(self.url("sources", source_id)))
        return self._cites[source_id]

    def source_label(self, source_id: str) -> str:
        """A short name for citing a source: its outlet and date where known, else its kind and language."""
        if source_id not in self._labels:
            self._labels[source_id] = self._source_label(source_id)
        return self._labels[source_id]

    def _source_label(self, source_id: str) -> str:
        s = self.facts.sources[source_id]
        if s.outlet != "unknown":
            return s.outlet + (f", {self.date(s.date)}" if s.date.known else "")
        kind = self.facts.site.source_kinds[s.kind].label[self.lang]
        return f"{kind} ({self.t['lang_' + s.language]})"

    # --- views ----------------------------------------------------------------------------------

    def wording(self, quote_id: str, lang: str) -> WordingView:
        w = self.facts.quotes[quote_id].wording[lang]
        t = self.t
        if w.provenance == "published":
            label = t["published_by"]
        else:
            label = f"{t['our_translation']} {t['from_lang_' + ('fr' if lang == 'en' else 'en')]}"
        marks = {"en": ("“", "”"), "fr": ("«" + NBSP, NBSP + "»")}[lang]
        return WordingView(lang, w.text, marks[0], marks[1], label, tuple(self.cite(s) for s in w.sources), w.provenance == "editorial")

    def quote(self, quote_id: str) -> QuoteView:
        q = self.facts.quotes[quote_id]
        speakers = []
        for s in q.speakers:
            org = self.link("organisations", s.organisation)
            if s.person:
                person = self.link("people", s.person)
                speakers.append(Link(f"{person.label} ({org.label})", person.href))
            else:
                speakers.append(org)
        orig = self.t["lang_" + q.original_language] if q.original_language != "unknown" else self.t["lang_unknown"]
        return QuoteView(
            id=quote_id, anchor=f"quote-{quote_id}", href="",
            speakers=tuple(speakers), context=q.context[self.lang],
            primary=self.wording(quote_id, self.lang), other=self.wording(quote_id, self.other),
            original_language=orig, issues=tuple(self.link("issues", i) for i in q.issues),
            event=Link(self.facts.events[q.event].title[self.lang], self.href(self.url("events", q.event))) if q.event else None,
        )

    def claim(self, claim_id: str) -> ClaimView:
        c = self.facts.claims[claim_id]
        return ClaimView(
            id=claim_id, anchor=f"claim-{claim_id}", kind=c.kind,
            kind_label=self.facts.site.claim_kinds[c.kind].label[self.lang], text=c.text[self.lang],
            said_by=tuple(self.link("organisations", o) for o in c.said_by),
            cites=tuple(self.cite(s.source) for s in c.sources),
        )

    def evidence(self, items: tuple[Evidence, ...]) -> tuple[EvidenceView, ...]:
        out = []
        t = self.t
        for item in items:
            kind, target = item.target
            if kind == "quote":
                w = self.wording(target, self.lang)
                out.append(EvidenceView(t["quote"], f"{w.open}{w.text}{w.close}", "", w.cites, quoted=True))
            elif kind == "claim":
                c = self.claim(target)
                out.append(EvidenceView(c.kind_label, c.text, "", c.cites))
            elif kind == "event":
                e = self.facts.events[target]
                cites = tuple(self.cite(s) for s in _sources_of(self.facts, e.evidence))
                out.append(EvidenceView(t["event"], e.title[self.lang], self.href(self.url("events", target)), cites))
            else:
                text = f"{self.quote_marks(item.excerpt)}" if item.excerpt else ""
                out.append(EvidenceView(t["excerpt"] if item.excerpt else t["source"], text, "", (self.cite(target),), quoted=bool(item.excerpt)))
        return tuple(out)

    def quote_marks(self, text: str) -> str:
        return f"“{text}”" if self.lang == "en" else f"«{NBSP}{text}{NBSP}»"

    def stance(self, org: str, issue: str, anchor: str) -> StanceView:
        """The stance of `org` on `issue`, or "no public position" when there is no stance record."""
        s = self.facts.stance(org, issue)
        level = self._levels[s.position if s else NO_POSITION]
        return StanceView(
            anchor=anchor,
            organisation=self.link("organisations", org), issue=self.link("issues", issue),
            level=level.id, label=level.label[self.lang], definition=level.definition[self.lang],
            summary=s.summary[self.lang] if s else "", evidence=self.evidence(s.evidence) if s else (),
        )

    def event(self, event_id: str) -> EventView:
        e = self.facts.events[event_id]
        return EventView(
            anchor=f"event-{event_id}", date=self.date(e.date), iso=e.date.iso() if e.date.known else "",
            title=e.title[self.lang], description=e.description[self.lang] if e.description else "",
            date_note=e.date_note[self.lang] if e.date_note else "",
            organisations=tuple(self.link("organisations", o) for o in e.organisations),
            issues=tuple(self.link("issues", i) for i in e.issues), evidence=self.evidence(e.evidence),
        )

    def partnership(self, pid: str) -> PartnershipView:
        p = self.facts.partnerships[pid]
        t = self.t
        if p.start.known:
            period = f"{t['since']} {self.date(p.start)}" + (f" — {t['until']} {self.date(p.end)}" if p.end and p.end.known else "")
        else:
            period = t["start_unknown"]
        return PartnershipView(
            anchor=f"partnership-{pid}", name=p.name[self.lang],
            type_label=self.facts.site.partnership_types[p.type].label[self.lang],
            description=p.description[self.lang], parties=tuple(self.link("organisations", o) for o in p.parties),
            period=period, issues=tuple(self.link("issues", i) for i in p.issues), evidence=self.evidence(p.evidence),
        )

    # --- pages ----------------------------------------------------------------------------------

    def page(self, template: str, url: str, twin_url: str, title: str,
             context: Callable[[], dict[str, Any]] = dict) -> Page:
        """One page: `context` is called once the page's URL is set, so its links are relative to it."""
        self.here, self._paths, self._links, self._cites = url, {}, {}, {}
        body = render_template(self.env, template, t=self.t, lang=self.lang, title=title, here=url,
                               site=self.site_view, **context())
        src = url.rstrip("/") + ".md" if url else "index.md"
        here = f"{self.lang}/{url}"
        twin_href = relative(f"{self.other}/{twin_url}", here) + "/"
        alternates = [{"lang": lg, "href": self.base_url + f"{lg}/{u}" if self.base_url else
                       relative(f"{lg}/{u}", here) + "/"}
                      for lg, u in sorted({self.lang: url, self.other: twin_url}.items())]
        front = {"title": str(escape(title)),
                 "factsheet": {"title": title, "lang": self.lang, "twin_lang": self.other, "twin": twin_href,
                               "alternates": alternates, "search": template == "search.md.j2",
                               "search_href": self.href(f"{SECTIONS['search'][self.lang]}/"),
                               "search_label": self.t["search_placeholder"],
                               "twin_name": self.t["other_language"], "twin_label": self.t["other_language_label"],
                               "footer": self.t["site_footer"], "methodology_label": self.t["methodology"],
                               "methodology_href": self.href(f"{SECTIONS['methodology'][self.lang]}/")}}
        markdown = "---\n" + front_matter(front) + "---\n\n" + body
        return Page(self.lang, src, url, title, twin_url, markdown)

    @cached_property
    def site_view(self) -> dict[str, str]:
        s = self.facts.site
        return {"title": s.title[self.lang], "tagline": s.tagline[self.lang]}

    def pages(self) -> list[Page]:
        f, lang, other = self.facts, self.lang, self.other
        sec = {k: v[lang] for k, v in SECTIONS.items()}
        osec = {k: v[other] for k, v in SECTIONS.items()}
        out = [self.page("home.md.j2", "", "", f.site.title[lang], self.home_context)]
        for key in ("organisations", "issues", "people"):
            out.append(self.page(f"{key}-index.md.j2", f"{sec[key]}/", f"{osec[key]}/", self.t[key],
                                 lambda key=key: {"items": self.index_items(key)}))
        for oid, org in f.organisations.items():
            out.append(self.page("organisation.md.j2", self.url_of(f, "organisations", oid, lang),
                                 self.url_of(f, "organisations", oid, other), org.name[lang],
                                 lambda oid=oid: self.organisation_context(oid)))
        for iid, issue in f.issues.items():
            out.append(self.page("issue.md.j2", self.url_of(f, "issues", iid, lang), self.url_of(f, "issues", iid, other),
                                 issue.name[lang], lambda iid=iid: self.issue_context(iid)))
        for pid, person in f.people.items():
            out.append(self.page("person.md.j2", self.url_of(f, "people", pid, lang), self.url_of(f, "people", pid, other),
                                 person.name, lambda pid=pid: self.person_context(pid)))
        out.append(self.page("sources.md.j2", f"{sec['sources']}/", f"{osec['sources']}/", self.t["sources"],
                             lambda: {"sources": self.sources_list()}))
        out.append(self.page("partnerships.md.j2", f"{sec['partnerships']}/", f"{osec['partnerships']}/", self.t["partnerships"],
                             lambda: {"partnerships": tuple(self.partnership(p) for p in f.partnerships)}))
        out.append(self.page("timeline.md.j2", f"{sec['timeline']}/", f"{osec['timeline']}/", self.t["timeline"],
                             lambda: {"events": tuple(self.event(e) for e in self.events_in_order(f.events))}))
        out.append(self.page("methodology.md.j2", f"{sec['methodology']}/", f"{osec['methodology']}/", self.t["methodology"],
                             self.methodology_context))
        out.append(self.page("search.md.j2", f"{sec['search']}/", f"{osec['search']}/", self.t["search"]))
        return out

    def events_in_order(self, ids) -> list[str]:
        """Newest first; undated events last, in id order."""
        dated = sorted((e for e in ids if self.facts.events[e].date.known), key=lambda e: (self.facts.events[e].date, e), reverse=True)
        return dated + sorted(e for e in ids if not self.facts.events[e].date.known)

    def home_context(self) -> dict[str, Any]:
        f = self.facts
        issues = tuple(self.link("issues", i) for i in f.issues)
        rows = []
        for oid in f.organisations:
            cells = []
            for iid in f.issues:
                view = self.stance(oid, iid, anchor="")
                target = self.href(self.url("organisations", oid) + f"#stance-{iid}")
                cells.append((view, target))
            rows.append((self.link("organisations", oid), tuple(cells)))
        return {
            "about": _paragraphs(f.site.about[self.lang]),
            "matrix_issues": issues, "matrix_rows": tuple(rows),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events)[:5]),
            "timeline_href": self.href(f"{SECTIONS['timeline'][self.lang]}/"),
        }

    def index_items(self, kind: str) -> tuple[tuple[Link, str], ...]:
        records = getattr(self.facts, kind)
        items = []
        for rid, record in records.items():
            description = record.summary[self.lang] if kind == "issues" else record.description[self.lang]
            items.append((self.link(kind, rid), description))
        return tuple(sorted(items, key=lambda item: item[0].label.casefold()))

    def organisation_context(self, oid: str) -> dict[str, Any]:
        f = self.facts
        org = f.organisations[oid]
        claims = [self.claim(c) for c in f.claims_by_org.get(oid, ())]
        return {
            "org": org, "kind_label": f.site.organisation_kinds[org.kind].label[self.lang],
            "description": org.description[self.lang], "website": org.website,
            "people": tuple(self.person_role(p, oid) for p in f.people_by_org.get(oid, ())),
            "stances": tuple(self.stance(oid, i, anchor=f"stance-{i}") for i in f.issues),
            "quotes": tuple(self.quote(q) for q in f.quotes_by_org.get(oid, ())),
            **_claim_groups(claims),
            "partnerships": tuple(self.partnership(p) for p in f.partnerships_by_org.get(oid, ())),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events_by_org.get(oid, ()))),
        }

    def person_role(self, pid: str, oid: str) -> tuple[Link, str]:
        person = self.facts.people[pid]
        titles = [r.title[self.lang] for r in person.roles if r.organisation == oid]
        return self.link("people", pid), ", ".join(titles)

    def issue_context(self, iid: str) -> dict[str, Any]:
        f = self.facts
        issue = f.issues[iid]
        claims = [self.claim(c) for c in f.claims_by_issue.get(iid, ())]
        instruments = []
        for ins_id in issue.instruments:
            ins = f.instruments[ins_id]
            instruments.append((ins.name[self.lang], ins.short_name[self.lang], ins.celex or "", ins.url or ""))
        return {
            "issue": issue, "summary": issue.summary[self.lang], "benchmark": issue.benchmark[self.lang],
            "instruments": tuple(instruments),
            "stances": tuple(self.stance(o, iid, anchor=f"stance-{o}") for o in f.organisations),
            "quotes": tuple(self.quote(q) for q in f.quotes_by_issue.get(iid, ())),
            **_claim_groups(claims),
            "partnerships": tuple(self.partnership(p) for p in f.partnerships_by_issue.get(iid, ())),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events_by_issue.get(iid, ()))),
        }

    def person_context(self, pid: str) -> dict[str, Any]:
        f = self.facts
        person = f.people[pid]
        roles = []
        for r in person.roles:
            period = ""
            if r.start.known:
                period = f"{self.t['since']} {self.date(r.start)}"
            if r.end and r.end.known:
                period += f" — {self.t['until']} {self.date(r.end)}"
            roles.append((r.title[self.lang], self.link("organisations", r.organisation), period, tuple(self.cite(s) for s in r.sources)))
        return {
            "person": person, "description": person.description[self.lang], "roles": tuple(roles),
            "quotes": tuple(self.quote(q) for q in f.quotes_by_person.get(pid, ())),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events_by_person.get(pid, ()))),
        }

    def sources_list(self) -> tuple[SourceView, ...]:
        f = self.facts
        out = []
        for sid, s in f.sources.items():
            cited = []
            for kind, rid in f.cited_by.get(sid, ()):
                cited.append(self.citer_link(kind, rid))
            out.append(SourceView(
                anchor=f"src-{sid}", description=s.description[self.lang],
                kind=f.site.source_kinds[s.kind].label[self.lang],
                language=self.t["lang_" + s.language], language_code=s.language,
                title=s.title, outlet=s.outlet, author=s.author,
                date=self.date(s.date) if s.date.known else "", url=s.url, cited=tuple(cited),
            ))
        return tuple(out)

    def citer_link(self, kind: str, rid: str) -> Link:
        f = self.facts
        if kind == "quotes":
            w = f.quotes[rid].wording[self.lang]
            org = f.quotes[rid].speakers[0].organisation
            return Link(f"{self.t['quote']}: {self.quote_marks(w.text)}", self.href(self.url("organisations", org) + f"#quote-{rid}"))
        if kind == "claims":
            c = f.claims[rid]
            org = (c.said_by + c.organisations)[0] if (c.said_by + c.organisations) else None
            target = self.url("organisations", org) + f"#claim-{rid}" if org else self.url("issues", c.issues[0]) + f"#claim-{rid}"
            return Link(f"{f.site.claim_kinds[c.kind].label[self.lang]}: {c.text[self.lang]}", self.href(target))
        if kind == "stances":
            s = f.stances[rid]
            return Link(f"{self.t['stance']}: {f.organisations[s.organisation].name[self.lang]} — {f.issues[s.issue].name[self.lang]}",
                        self.href(self.url("organisations", s.organisation) + f"#stance-{s.issue}"))
        if kind == "events":
            return Link(f"{self.t['event']}: {f.events[rid].title[self.lang]}", self.href(self.url("events", rid)))
        if kind == "partnerships":
            return Link(f"{self.t['partnerships']}: {f.partnerships[rid].name[self.lang]}", self.href(self.url("partnerships", rid)))
        return Link(f"{self.t['people']}: {f.people[rid].name}", self.href(self.url("people", rid)))

    def methodology_context(self) -> dict[str, Any]:
        f = self.facts
        return {
            "sections": tuple((s.title[self.lang], _paragraphs(s.body[self.lang])) for s in f.site.methodology),
            "levels": tuple((lvl.id, lvl.label[self.lang], lvl.definition[self.lang]) for lvl in f.scale.levels),
            "claim_kinds": tuple((k, v.label[self.lang], v.definition[self.lang]) for k, v in f.site.claim_kinds.items()),
            "provenances": tuple((k, v.label[self.lang], v.definition[self.lang]) for k, v in f.site.provenances.items()),
            "corrections": _paragraphs(f.site.corrections[self.lang]),
        }


def front_matter(data: dict[str, Any]) -> str:
    """A page's YAML front matter, written by libyaml where PyYAML has it (several times faster;
    MkDocs reads the same values either way)."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def relative(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for the clean relative URLs of a site ('a/b/', '' for the
    root), without its cost: it made a large share of the rendering time."""
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base) - common) + to[common:]
    return "/".join(parts) if parts else "."


def _claim_groups(claims: list[ClaimView]) -> dict[str, tuple[ClaimView, ...]]:
    return {f"{kind}_claims": tuple(c for c in claims if c.kind == kind) for kind in ("statement", "reported", "inference")}


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def _sources_of(facts: FactSet, evidence: tuple[Evidence, ...]) -> list[str]:
    out: list[str] = []
    for item in evidence:
        kind, target = item.target
        found = [target] if kind == "source" else []
        if kind == "quote":
            q = facts.quotes[target]
            found = [s for lg in LANGS for s in q.wording[lg].sources]
        elif kind == "claim":
            found = [s.source for s in facts.claims[target].sources]
        elif kind == "event":
            found = _sources_of(facts, facts.events[target].evidence)
        out.extend(s for s in found if s not in out)
    return out


def render_language(facts: FactSet, lang: str, templates: Path = TEMPLATES, site_url: str | None = None) -> list[Page]:
    """Every page of the `lang` site; `site_url` is that site's published URL, if known."""
    base_url = site_url.rstrip("/").removesuffix(f"/{lang}") + "/" if site_url else None
    with gc_paused():
        return Renderer(facts, lang, load_strings(templates), make_env(templates), base_url).pages()


def hub_page(facts: FactSet, templates: Path = TEMPLATES) -> Page:
    """The root page, in both languages: the choice of edition."""
    strings = load_strings(templates)
    choices = tuple((lang, strings["language_name"][lang], facts.site.title[lang], facts.site.tagline[lang],
                     strings["choose_language"][lang]) for lang in LANGS)
    body = render_template(make_env(templates), "hub.md.j2", choices=choices)
    title = " / ".join(facts.site.title[lang] for lang in LANGS)
    alternates = [{"lang": lang, "href": f"{lang}/"} for lang in LANGS]
    front = {"title": str(escape(title)), "hide": ["navigation", "toc"],
             "factsheet": {"title": title, "lang": "en", "hub": True, "alternates": alternates}}
    return Page("", "index.md", "", title, "", "---\n" + front_matter(front) + "---\n\n" + body)
