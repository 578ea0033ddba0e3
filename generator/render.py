"""Render the pages of one language from the fact set, through the Jinja templates in templates/pages.

This module prepares everything a page shows (labels, formatted dates, links, citations) as small
view objects; the templates only lay them out. Text from content/ is escaped by Jinja's
autoescape in HTML and by `md_text` in the few Markdown places (headings). Pure: facts in,
`Page`s out, no disk writes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml
from babel.dates import format_date
from markupsafe import escape

from . import jsonld, sharing, urls
from .cards import Card
from .facts import FactSet
from .history import FileHistory
from .inputs import Memo, Reads, last_changed, traced
from .model import KINDS, LANGS, NO_POSITION, UNKNOWN, Evidence, Identifiers, PartialDate, Period, Source
from .pagecache import PageCache
from .templating import TEMPLATES, load_strings, make_env, render_template
from .typography import french, french_facts
from .urls import FEED_NAME, GUIDES, section
from .views import (
    AnchoredLink,
    Cite,
    ClaimView,
    CorrectionView,
    EventView,
    EvidenceView,
    Link,
    Page,
    PartnershipView,
    PeriodView,
    QuoteView,
    SourceView,
    StanceView,
    UnrecordedView,
    WordingView,
)

NBSP = "\u00a0"


class Renderer:
    """Renders every page of the site in one language."""

    def __init__(self, facts: FactSet, lang: str, strings: dict[str, dict[str, str]], env: jinja2.Environment,
                 base_url: str | None = None, history: dict[str, FileHistory] | None = None,
                 cache: PageCache | None = None) -> None:
        self.cache = cache  # pages of the last build, used again when their inputs did not change
        # The French site is rendered from the facts with their French texts set to French typography.
        # Every page reads them through `traced`, which records the page's inputs (see `inputs`).
        self.reads = Reads()
        self.facts, self.lang, self.env = traced(french_facts(facts) if lang == "fr" else facts, self.reads), lang, env
        self.history = history or {}  # content file -> when it entered and last changed in git
        self.base_url = base_url  # the published hub's absolute URL, for hreflang; None: relative links
        self.other = next(lg for lg in LANGS if lg != lang)
        self.t = {key: french(value[lang]) if lang == "fr" else value[lang] for key, value in strings.items()}
        self.here = ""  # URL of the page being rendered, for relative links
        # Worked out once: a page links to the same records and sources many times, and every
        # page cites the same sources and dates. The first two are for the current page only.
        self._hrefs: dict[str, str] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._labels: Memo[str] = Memo(self.reads)
        self._checked: Memo[str] = Memo(self.reads)
        self._dates: dict[PartialDate | None, str] = {}

    # --- URLs -----------------------------------------------------------------------------------

    def target(self, kind: str, rid: str) -> str:
        """The record `kind`/`rid`'s target in this language site (see `urls.url_of`)."""
        return urls.url_of(self.facts, kind, rid, self.lang)

    def absolute(self, target: str, lang: str | None = None) -> str:
        """The published URL of `target` (a URL within a language site): absolute when the site's
        address is known, else from the site root."""
        return urls.absolute(self.base_url, lang or self.lang, target)

    def record_url(self, kind: str, rid: str) -> str:
        return self.absolute(self.target(kind, rid))

    def href(self, target: str) -> str:
        """A link from the current page to `target` (a URL within this language site: a folder
        ending in '/', or a file)."""
        if target not in self._hrefs:
            self._hrefs[target] = urls.href(target, self.here)
        return self._hrefs[target]

    def link(self, kind: str, rid: str) -> Link:
        key = (kind, rid)
        if key not in self._links:
            record = getattr(self.facts, kind)[rid]
            name = record.name if isinstance(record.name, str) else record.name[self.lang]
            self._links[key] = Link(name, self.href(self.target(kind, rid)))
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

    def cite(self, source_id: str, checked: bool = False) -> Cite:
        """A citation of a source; `checked` for the source of a quote or an excerpt: it says what
        of the source the words were checked against. Any citation of a source we hold only in
        part says so."""
        note = self.checked(source_id) if checked else self.t["held_part"] if self.facts.sources[source_id].archive == "excerpts" else ""
        return Cite(self.source_label(source_id), self.href(self.target("sources", source_id)), note)

    def checked(self, source_id: str) -> str:
        """What a quote or an excerpt of a source was checked against: its full text (captured on a
        day, if we know it) or the passages we hold."""
        return self._checked.get(source_id, lambda: self._checked_against(source_id))

    def _checked_against(self, source_id: str) -> str:
        s = self.facts.sources[source_id]
        if s.archive == "excerpts":
            return self.t["checked_excerpts"]
        if s.capture is not None:
            return self.t["checked_full_on"].format(date=self.date(captured_on(s.capture.captured_at)))
        return self.t["checked_full"]

    def source_label(self, source_id: str) -> str:
        """A short name for citing a source: its outlet and date where known, else its kind and language."""
        return self._labels.get(source_id, lambda: self._source_label(source_id))

    def _source_label(self, source_id: str) -> str:
        """Its outlet, else its own title, else its kind and language, dated where known; a source
        of kind "other" with neither outlet nor title is named by our description of it."""
        s = self.facts.sources[source_id]
        when = f", {self.date(s.date)}" if s.date.known else ""
        if s.outlet != UNKNOWN:
            return s.outlet + when
        if s.title != UNKNOWN:
            return s.title + when
        if s.kind == "other":
            return s.description[self.lang]
        kind = self.facts.site.source_kinds[s.kind].label[self.lang]
        return f"{kind} ({self.t['lang_' + s.language]}){when}"

    # --- views ----------------------------------------------------------------------------------

    def identifier_links(self, identifiers: Identifiers | None) -> tuple[Link, ...]:
        """A record's public identifiers as labelled links (the same links as schema.org sameAs)."""
        names = {"wikidata": "Wikidata", "eu_transparency_register": self.t["transparency_register"], "celex": "CELEX"}
        return tuple(Link(f"{names[field]} {value}", url) for field, value, url in jsonld.registered(identifiers))

    def corrections(self, kind: str, rid: str, about: Link | None = None) -> tuple[CorrectionView, ...]:
        record = getattr(self.facts, kind)[rid]
        return tuple(CorrectionView(self.date(c.date), c.date.iso(), c.type, self.t[f"correction_{c.type}"],
                                    c.note[self.lang], about) for c in record.corrections)

    def wording(self, quote_id: str, lang: str) -> WordingView:
        w = self.facts.quotes[quote_id].wording[lang]
        t = self.t
        other = "fr" if lang == "en" else "en"
        label = t["published_by"] if w.provenance == "published" else f"{t['our_translation']} {t['from_lang_' + other]}"
        marks = {"en": ("“", "”"), "fr": ("«" + NBSP, NBSP + "»")}[lang]
        text = french(w.text) if lang == "fr" else w.text  # French words on an English page too
        return WordingView(lang, text, marks[0], marks[1], label, tuple(self.cite(s, checked=True) for s in w.sources), w.provenance == "editorial")

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
        anchor = urls.anchor("quotes", quote_id)
        return QuoteView(
            id=quote_id, anchor=anchor, href=urls.at("", anchor), citation=self.citation(quote_id, speakers, anchor),
            speakers=tuple(speakers), context=q.context[self.lang],
            primary=self.wording(quote_id, self.lang), other=self.wording(quote_id, self.other),
            original_language=orig,
            event=Link(self.facts.events[q.event].title[self.lang], self.href(self.target("events", q.event))) if q.event else None,
            co_signers=q.co_signers[self.lang] if q.co_signers else "", answers=self.exchange("events", q.answers) if q.answers else None,
            corrections=self.corrections("quotes", quote_id),
        )

    def citation(self, quote_id: str, speakers: list[Link], anchor: str) -> str:
        """How to cite a quote, in the page's language: who said it, the words, the sources that
        print them (for our own translation, the original's), when, and the quote's address here."""
        f, t = self.facts, self.t
        q = f.quotes[quote_id]
        w = self.wording(quote_id, self.lang)
        sources = q.wording[self.lang].sources or q.wording[self.other].sources
        printed = ", ".join(self.source_label(s) for s in sources)
        if w.editorial:
            printed = f"{w.label}; {printed}" if printed else w.label
        when = self.quote_date(quote_id)
        who = ", ".join(s.label for s in speakers) + (f" {t['and_others']} {q.co_signers[self.lang]}" if q.co_signers else "")
        return f"{who}, {w.open}{w.text}{w.close}, {q.context[self.lang]}. {printed}, {when}. {self.absolute(self.here)}#{anchor}"

    def quote_date(self, quote_id: str) -> str:
        """When the words were said: their event's date, else the first known date of a source
        printing them, else that our sources do not say."""
        f = self.facts
        q = f.quotes[quote_id]
        if q.event and f.events[q.event].date.known:
            return self.date(f.events[q.event].date)
        dates = [f.sources[s].date for lg in LANGS for s in q.wording[lg].sources if f.sources[s].date.known]
        return self.date(min(dates)) if dates else self.t["citation_undated"]

    def claim(self, claim_id: str) -> ClaimView:
        c = self.facts.claims[claim_id]
        return ClaimView(
            id=claim_id, anchor=urls.anchor("claims", claim_id), kind=c.kind,
            kind_label=self.facts.site.claim_kinds[c.kind].label[self.lang], text=c.text[self.lang],
            said_by=tuple(self.link("organisations", o) for o in c.said_by),
            cites=tuple(self.cite(s.source, checked=True) for s in c.sources),
            corrections=self.corrections("claims", claim_id), co_signers=c.co_signers[self.lang] if c.co_signers else "",
        )

    def evidence(self, items: tuple[Evidence, ...]) -> tuple[EvidenceView, ...]:
        out = []
        t = self.t
        for item in items:
            kind, target = item.target
            if kind == "quote":
                w = self.wording(target, self.lang)
                out.append(EvidenceView(t["quote"], f"{w.open}{w.text}{w.close}", "", w.cites, quoted=True,
                                        note=t["our_translation_short"] if w.editorial else ""))
            elif kind == "claim":
                c = self.claim(target)
                out.append(EvidenceView(c.kind_label, c.text, "", c.cites))
            elif kind == "event":
                e = self.facts.events[target]
                cites = tuple(self.cite(s) for s in _sources_of(self.facts, e.evidence))
                out.append(EvidenceView(t["event"], e.title[self.lang], self.href(self.target("events", target)), cites))
            else:
                text = f"{self.quote_marks(item.excerpt)}" if item.excerpt else ""
                out.append(EvidenceView(t["excerpt"] if item.excerpt else t["source"], text, "", (self.cite(target, checked=bool(item.excerpt)),),
                                        quoted=bool(item.excerpt)))
        return tuple(out)

    def quote_marks(self, text: str) -> str:
        return f"“{text}”" if self.lang == "en" else f"«{NBSP}{text}{NBSP}»"

    def stance(self, org: str, issue: str, anchor: str) -> StanceView:
        """The stance of `org` on `issue`, or "no public position" when there is no stance record;
        with its history when its position changed."""
        s = self.facts.stance(org, issue)
        current = s.current if s else None
        level = self.facts.level(current.position if current else NO_POSITION)
        history = self.periods(s.history, anchor) if s and len(s.history) > 1 else ()
        return StanceView(
            anchor=anchor,
            organisation=self.link("organisations", org), issue=self.link("issues", issue),
            level=level.id, label=level.label[self.lang], definition=level.definition[self.lang],
            summary=current.summary[self.lang] if current else "",
            evidence=history[-1].evidence if history else self.evidence(current.evidence) if current else (),
            corrections=self.corrections("stances", s.id) if s else (),
            changed=self.date(current.since) if history and current is not None else "",
            changed_iso=current.since.iso() if history and current is not None and current.since.known else "",
            history=history, current_anchor=history[-1].anchor if history else "", earlier=tuple(reversed(history[:-1])),
        )

    def matrix_cell(self, org: str, issue: str) -> StanceView:
        """A stance as the home matrix shows it: its level, and since when when it changed. Only
        that is read: what a page works out and does not show would count among its inputs."""
        s = self.facts.stance(org, issue)
        current = s.current if s else None
        level = self.facts.level(current.position if current else NO_POSITION)
        changed = s is not None and len(s.history) > 1
        return StanceView(
            anchor="", organisation=self.link("organisations", org), issue=self.link("issues", issue),
            level=level.id, label=level.label[self.lang], definition=level.definition[self.lang], summary="", evidence=(),
            changed=self.date(current.since) if changed and current is not None else "",
            changed_iso=current.since.iso() if changed and current is not None and current.since.known else "")

    def periods(self, history: tuple[Period, ...], anchor: str) -> tuple[PeriodView, ...]:
        """The positions of a stance that changed, oldest first, each anchored under the stance's
        anchor by the date it began (stable when a position is added)."""
        t, out = self.t, []
        for i, p in enumerate(history):
            level = self.facts.level(p.position)
            label = level.label[self.lang]
            until = history[i + 1].since if i + 1 < len(history) else None
            if p.since.known:
                period = f"{t['since']} {self.date(p.since)}" + (f" — {t['until']} {self.date(until)}" if until else "")
            else:
                period = f"{t['until']} {self.date(until)}" if until and until.known else t["start_unknown"]
            out.append(PeriodView(
                anchor=urls.period_anchor(anchor, p.since), level=level.id, label=label, definition=level.definition[self.lang],
                step=f"{label}, {self.date(p.since)}" if p.since.known else label, period=period,
                iso=p.since.iso() if p.since.known else "", summary=p.summary[self.lang], evidence=self.evidence(p.evidence)))
        return tuple(out)

    def unrecorded(self, kind: str, ids: list[str]) -> UnrecordedView:
        """The records (issues, or organisations) a page's record has no stance record with: named
        in one line under the stance table, each anchored as its row would be (the home matrix
        links there), or counted when there are more than `UNRECORDED_NAMED`."""
        level = self.facts.level(NO_POSITION)
        named = ids if len(ids) <= UNRECORDED_NAMED else []
        links = []
        for rid in named:
            link = self.link(kind, rid)
            links.append(AnchoredLink(urls.stance_anchor(rid), link.label, link.href))
        more = "" if named or not ids else self.t[f"unrecorded_{kind}"].format(n=len(ids))
        return UnrecordedView(level.id, level.label[self.lang], level.definition[self.lang], tuple(links), more)

    def event(self, event_id: str) -> EventView:
        e = self.facts.events[event_id]
        return EventView(
            anchor=urls.anchor("events", event_id), date=self.date(e.date), iso=e.date.iso() if e.date.known else "",
            title=e.title[self.lang], description=e.description[self.lang] if e.description else "",
            date_note=e.date_note[self.lang] if e.date_note else "",
            organisations=tuple(self.link("organisations", o) for o in e.organisations),
            issues=tuple(self.link("issues", i) for i in e.issues), evidence=self.evidence(e.evidence),
            corrections=self.corrections("events", event_id),
            answers=self.exchange("events", e.answers) if e.answers else None,
            answered_by=tuple(self.exchange(kind, rid) for kind, rid in self.facts.answered_by.get(event_id, ())),
        )

    def exchange(self, kind: str, rid: str) -> Link:
        """A link to one side of an exchange (an event, or a quote), dated where the date is known."""
        f = self.facts
        when: PartialDate | None
        if kind == "events":
            event = f.events[rid]
            label, when = event.title[self.lang], event.date
            href = self.href(self.target("events", rid))
        else:
            link = self.citer_link("quotes", rid)
            label, href = link.label, link.href
            event_id = f.quotes[rid].event
            when = f.events[event_id].date if event_id else None
        return Link(f"{label} ({self.date(when)})" if when is not None and when.known else label, href)

    def partnership(self, pid: str) -> PartnershipView:
        p = self.facts.partnerships[pid]
        t = self.t
        if p.start.known:
            period = f"{t['since']} {self.date(p.start)}" + (f" — {t['until']} {self.date(p.end)}" if p.end and p.end.known else "")
        else:
            period = t["start_unknown"]
        return PartnershipView(
            anchor=urls.anchor("partnerships", pid), name=p.name[self.lang],
            type_label=self.facts.site.partnership_types[p.type].label[self.lang],
            description=p.description[self.lang], parties=tuple(self.link("organisations", o) for o in p.parties),
            period=period, issues=tuple(self.link("issues", i) for i in p.issues), evidence=self.evidence(p.evidence),
            corrections=self.corrections("partnerships", pid),
        )

    # --- pages ----------------------------------------------------------------------------------

    def page(self, template: str, url: str, twin_url: str, title: str,
             context: Callable[[], dict[str, Any]] = dict, graph: Callable[[], list[dict[str, Any]]] = list,
             shared: tuple[str, str, Card] | None = None) -> Page:
        """One page: `context` is called once the page's URL is set, so its links are relative to it;
        `graph` gives the schema.org nodes the page is about; `shared`, what a record's page says of
        itself when shared (its description, Open Graph type and card), else the site's. What the
        page read of the facts since the last page was made (its title and `shared` included) are
        its inputs; its "last updated" date is the last change of the files they came from."""
        text, og_type, card = shared or (self.facts.site.tagline[self.lang], "website", sharing.site_card(self.facts, self.lang, title))
        src = urls.page_source(url)
        kept = self.cache.get(url, self.facts.untraced, self.history) if self.cache else None
        if kept is not None:
            self.reads.take()
            return Page(self.lang, src, url, title, twin_url, kept.markdown, card, frozenset(kept.keys))
        self.here, self._hrefs, self._links = url, {}, {}
        body = render_template(self.env, template, t=self.t, lang=self.lang, title=title, here=url,
                               site=self.site_view, **context())
        nodes = graph()
        updated = last_changed(self.reads.keys, self.history)
        here = urls.in_hub(self.lang, url)
        twin_href = urls.folder_href(urls.in_hub(self.other, twin_url), here)
        alternates = [{"lang": lg, "href": urls.absolute(self.base_url, lg, u) if self.base_url else
                       urls.folder_href(urls.in_hub(lg, u), here)}
                      for lg, u in sorted({self.lang: url, self.other: twin_url}.items())]
        share = sharing.tags(self.facts, self.lang, self.t, self.absolute(url), title, text, og_type, card)
        front = {"title": str(escape(title)), "description": str(escape(text)),
                 "factsheet": {"title": title, "lang": self.lang, "share": share,
                               "twin_lang": self.other, "twin": twin_href,
                               "alternates": alternates, "search": template == "search.md.j2",
                               "search_href": self.href(section("search", self.lang)),
                               "search_label": self.t["search_placeholder"],
                               "twin_name": self.t["other_language"], "twin_label": self.t["other_language_label"],
                               "footer": self.t["site_footer"], "corrections_label": self.t["corrections"],
                               "corrections_href": self.href(section("corrections", self.lang)),
                               "feed": self.href(FEED_NAME), "feed_title": f"{self.facts.site.title[self.lang]} (Atom)",
                               "updated": self.date(PartialDate(updated.year, updated.month, updated.day)) if updated else "",
                               "updated_iso": updated.date().isoformat() if updated else "",
                               "updated_label": self.t["last_updated"]}}
        markdown = with_front_matter(front, body, self.jsonld(title, url, nodes))
        inputs = self.reads.take()
        if self.cache:
            self.cache.keep(url, inputs, self.facts.untraced, self.history, markdown)
        return Page(self.lang, src, url, title, twin_url, markdown, card, inputs)

    def jsonld(self, title: str, url: str, nodes: list[dict[str, Any]]) -> str:
        page_url = self.absolute(url)
        site_title = self.facts.site.title[self.lang]
        page = jsonld.web_page(title, self.lang, page_url, self.absolute(""), site_title, nodes)
        return jsonld.script([page, *nodes])

    @property
    def site_view(self) -> dict[str, str]:
        s = self.facts.site
        return {"title": s.title[self.lang], "tagline": s.tagline[self.lang]}

    def pages(self) -> list[Page]:
        f, lang, other = self.facts, self.lang, self.other
        url = self.record_url
        self.reads.take()  # what the pages read, from here on
        out = [self.page("home.md.j2", "", "", f.site.title[lang], self.home_context)]
        for key in ("organisations", "issues", "people"):
            out.append(self.page(f"{key}-index.md.j2", section(key, lang), section(key, other), self.t[key],
                                 partial(lambda key: {"items": self.index_items(key)}, key)))
        for oid, org in f.organisations.items():
            out.append(self.page(
                "organisation.md.j2", urls.url_of(f, "organisations", oid, lang), urls.url_of(f, "organisations", oid, other),
                org.name[lang], partial(self.organisation_context, oid),
                partial(lambda oid: [jsonld.organization(f, oid, lang, url),
                                     *[n for q in f.quotes_by_org.get(oid, ()) for n in jsonld.quotations(f, q, url)],
                                     *[n for s in self.stances_of("organisations", oid) for n in jsonld.stance_positions(f, s, lang, url)]],
                        oid),
                (sharing.description(f, lang, "organisations", oid), "article", sharing.organisation_card(f, lang, self.t, oid))))
        for iid, issue in f.issues.items():
            out.append(self.page(
                "issue.md.j2", urls.url_of(f, "issues", iid, lang), urls.url_of(f, "issues", iid, other),
                issue.name[lang], partial(self.issue_context, iid),
                partial(lambda iid: [n for q in f.quotes_by_issue.get(iid, ()) for n in jsonld.quotations(f, q, url)]
                        + [jsonld.event(f, e, lang, url) for e in f.events_by_issue.get(iid, ())]
                        + [n for s in self.stances_of("issues", iid) for n in jsonld.stance_positions(f, s, lang, url)], iid),
                (sharing.description(f, lang, "issues", iid), "article", sharing.issue_card(f, lang, self.t, iid))))
        for pid, person in f.people.items():
            out.append(self.page(
                "person.md.j2", urls.url_of(f, "people", pid, lang), urls.url_of(f, "people", pid, other),
                person.name, partial(self.person_context, pid),
                partial(lambda pid: [jsonld.person(f, pid, lang, url),
                                     *[n for q in f.quotes_by_person.get(pid, ()) for n in jsonld.quotations(f, q, url)]], pid),
                (sharing.description(f, lang, "people", pid), "profile", sharing.person_card(f, lang, self.t, pid))))
        out.append(self.page("sources.md.j2", section("sources", lang), section("sources", other), self.t["sources"],
                             lambda: {"sources": self.sources_list()},
                             lambda: [jsonld.source(f, s, lang, url) for s in f.sources]))
        out.append(self.page("partnerships.md.j2", section("partnerships", lang), section("partnerships", other), self.t["partnerships"],
                             lambda: {"partnerships": tuple(self.partnership(p) for p in f.partnerships)}))
        out.append(self.page("timeline.md.j2", section("timeline", lang), section("timeline", other), self.t["timeline"],
                             lambda: {"events": tuple(self.event(e) for e in self.events_in_order(f.events))},
                             lambda: [jsonld.event(f, e, lang, url) for e in f.events]))
        out.append(self.page("methodology.md.j2", section("methodology", lang), section("methodology", other), self.t["methodology"],
                             self.methodology_context))
        out.append(self.page("corrections.md.j2", section("corrections", lang), section("corrections", other), self.t["corrections"],
                             lambda: {"corrections": self.all_corrections(),
                                      "policy": _paragraphs(f.site.corrections[lang])}))
        out.append(self.page("data.md.j2", section("data", lang), section("data", other), self.t["data"], self.data_context,
                             lambda: [jsonld.dataset(f, lang, self.absolute(section("data", lang)), self.downloads())]))
        out.append(self.page("search.md.j2", section("search", lang), section("search", other), self.t["search"]))
        return out

    def stances_of(self, kind: str, rid: str) -> list[str]:
        """The ids of the stance records of an organisation (on each issue) or of an issue (by each organisation)."""
        f = self.facts
        pairs = ((rid, i) for i in f.issues) if kind == "organisations" else ((o, rid) for o in f.organisations)
        return [s for s in (f.stance_by_pair.get(pair) for pair in pairs) if s]

    def all_corrections(self) -> tuple[CorrectionView, ...]:
        """Every correction of the site, newest first, each with a link to where the record is shown."""
        f = self.facts
        out: list[CorrectionView] = []
        for kind in KINDS:
            for rid in f.corrected[kind]:
                out.extend(self.corrections(kind, rid, self.citer_link(kind, rid)))
        return tuple(sorted(out, key=lambda c: (c.iso, c.about.href if c.about else ""), reverse=True))

    def downloads(self) -> list[tuple[str, str]]:
        """Every download, as (absolute URL, media type)."""
        return urls.downloads(self.base_url)

    def data_context(self) -> dict[str, Any]:
        licence = self.facts.site.licence
        up = urls.hub_href(self.here)  # the downloads are the hub's
        csv_files = tuple((self.t[f"kind_{kind}"], up + urls.download("csv", kind)) for kind in KINDS)
        return {"licence_name": licence.name, "licence_url": licence.url, "licence_notice": licence.notice[self.lang],
                "json_href": up + urls.download("json"), "schema_href": up + urls.download("schema"), "csv_files": csv_files,
                "feed_href": self.href(FEED_NAME)}

    def events_in_order(self, ids: Collection[str]) -> list[str]:
        """Newest first; undated events last, in id order."""
        dated = sorted((e for e in ids if self.facts.events[e].date.known), key=lambda e: (self.facts.events[e].date, e), reverse=True)
        return dated + sorted(e for e in ids if not self.facts.events[e].date.known)

    def home_context(self) -> dict[str, Any]:
        f = self.facts
        orgs, issue_ids = matrix_selection(f)
        issues = tuple(self.link("issues", i) for i in issue_ids)
        rows = []
        for oid in orgs:
            cells = []
            for iid in issue_ids:
                view = self.matrix_cell(oid, iid)
                target = self.href(urls.stance_url(f, oid, iid, self.lang))
                cells.append((view, target))
            rows.append((self.link("organisations", oid), tuple(cells)))
        return {
            "about": _paragraphs(f.site.about[self.lang]),
            "matrix_issues": issues, "matrix_rows": tuple(rows),
            "matrix_more": self.t["matrix_more"].format(orgs=len(orgs), issues=len(issue_ids))
            if (len(orgs), len(issue_ids)) != (len(f.organisations), len(f.issues)) else "",
            "matrix_all": (Link(self.t["all_organisations"], self.href(section("organisations", self.lang))),
                           Link(self.t["all_issues"], self.href(section("issues", self.lang)))),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events)[:5]),
            "timeline_href": self.href(section("timeline", self.lang)),
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
            "record_corrections": self.corrections("organisations", oid),
            "identifiers": self.identifier_links(org.identifiers),
            "org": org, "kind_label": f.site.organisation_kinds[org.kind].label[self.lang],
            "description": org.description[self.lang], "website": org.website,
            "people": tuple(self.person_role(p, oid) for p in f.people_by_org.get(oid, ())),
            "stances": tuple(self.stance(oid, i, anchor=urls.stance_anchor(i)) for i in f.issues if f.stance(oid, i)),
            "unrecorded": self.unrecorded("issues", [i for i in f.issues if not f.stance(oid, i)]),
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
            instruments.append((ins.name[self.lang], ins.short_name[self.lang], self.identifier_links(ins.identifiers), ins.url or ""))
        return {
            "record_corrections": self.corrections("issues", iid),
            "identifiers": self.identifier_links(issue.identifiers),
            "issue": issue, "summary": issue.summary[self.lang], "benchmark": issue.benchmark[self.lang],
            "instruments": tuple(instruments),
            "stances": tuple(self.stance(o, iid, anchor=urls.stance_anchor(o)) for o in f.organisations if f.stance(o, iid)),
            "unrecorded": self.unrecorded("organisations", [o for o in f.organisations if not f.stance(o, iid)]),
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
            "record_corrections": self.corrections("people", pid),
            "identifiers": self.identifier_links(person.identifiers),
            "person": person, "description": person.description[self.lang], "roles": tuple(roles),
            "quotes": tuple(self.quote(q) for q in f.quotes_by_person.get(pid, ())),
            "events": tuple(self.event(e) for e in self.events_in_order(f.events_by_person.get(pid, ()))),
        }

    def sources_list(self) -> tuple[SourceView, ...]:
        """Every source for readers, by date (undated last), then title (or our description)."""
        f = self.facts
        out = []
        for sid, s in sorted(f.sources.items(), key=lambda item: _source_order(item[1], self.lang)):
            cited = []
            for kind, rid in f.cited_by.get(sid, ()):
                cited.append(self.citer_link(kind, rid))
            titled = s.title != UNKNOWN
            out.append(SourceView(
                anchor=urls.anchor("sources", sid), heading=s.title if titled else s.description[self.lang],
                heading_lang=s.language if titled else "", description=s.description[self.lang] if titled else "",
                kind=f.site.source_kinds[s.kind].label[self.lang],
                language=self.t["lang_" + s.language], language_code=s.language,
                title=s.title, outlet=s.outlet, author=s.author,
                date=self.date(s.date) if s.date.known else "", url=s.url, archived_url=s.archived_url or "",
                held=self.held(s), passages=tuple((p.text, p.taken_from) for p in s.passages),
                cited=tuple(cited), corrections=self.corrections("sources", sid),
            ))
        return tuple(out)

    def held(self, s: Source) -> str:
        """How much of a source we keep, and what its quotes and excerpts are checked against."""
        if s.archive == "excerpts":
            return self.t["held_excerpts"]
        if s.capture is not None:
            return self.t["held_full_on"].format(date=self.date(captured_on(s.capture.captured_at)))
        return self.t["held_full"]

    def citer_link(self, kind: str, rid: str) -> Link:
        """A labelled link to where a record is shown ("Quote: « … »")."""
        f, t, c = self.facts, self.t, self.t["colon"]
        if kind in ("organisations", "issues", "people"):
            link = self.link(kind, rid)
            return Link(f"{t['kind_' + kind]}{c} {link.label}", link.href)
        if kind == "quotes":
            w = self.wording(rid, self.lang)
            ours = f" ({t['our_translation_short']})" if w.editorial else ""
            return Link(f"{t['quote']}{c} {self.quote_marks(w.text)}{ours}", self.href(self.target("quotes", rid)))
        if kind == "claims":
            claim = f.claims[rid]
            return Link(f"{f.site.claim_kinds[claim.kind].label[self.lang]}{c} {claim.text[self.lang]}",
                        self.href(urls.claim_url(f, rid, self.lang)))
        if kind == "stances":
            s = f.stances[rid]
            return Link(f"{t['stance']}{c} {f.organisations[s.organisation].name[self.lang]} — {f.issues[s.issue].name[self.lang]}",
                        self.href(urls.stance_url(f, s.organisation, s.issue, self.lang)))
        if kind == "instruments":
            issue = next((i for i, issue in f.issues.items() if rid in issue.instruments), None)
            target = self.target("issues", issue) if issue else section("issues", self.lang)
            return Link(f"{t['kind_instruments']}{c} {f.instruments[rid].name[self.lang]}", self.href(target))
        if kind == "sources":
            return Link(f"{t['source']}{c} {self.source_label(rid)}", self.href(self.target("sources", rid)))
        if kind == "events":
            return Link(f"{t['event']}{c} {f.events[rid].title[self.lang]}", self.href(self.target("events", rid)))
        return Link(f"{t['partnerships']}{c} {f.partnerships[rid].name[self.lang]}", self.href(self.target("partnerships", rid)))

    def methodology_context(self) -> dict[str, Any]:
        f = self.facts
        return {
            "sections": tuple((s.title[self.lang], _paragraphs(s.body[self.lang])) for s in f.site.methodology),
            "levels": tuple((lvl.id, lvl.label[self.lang], lvl.definition[self.lang]) for lvl in f.scale.levels),
            "claim_kinds": tuple((k, v.label[self.lang], v.definition[self.lang]) for k, v in f.site.claim_kinds.items()),
            "provenances": tuple((k, v.label[self.lang], v.definition[self.lang]) for k, v in f.site.provenances.items()),
            "corrections": _paragraphs(f.site.corrections[self.lang]),
            "guide_href": urls.hub_href(self.here) + GUIDES[self.lang][1],
        }


# An organisation's or an issue's page names the issues or organisations it has no stance record
# with up to this many, and counts them beyond: a page of a large fact sheet does not list
# hundreds of organisations without a position.
UNRECORDED_NAMED = 50

# The home page's matrix is a summary: at most this many organisations (rows) and issues
# (columns), those with the most recorded stances. Every stance is on its organisation's and its
# issue's page, and the indexes list every record: the home page stays the same size however
# large the fact sheet grows (a matrix of every organisation and issue grows as their product).
MATRIX_ORGANISATIONS, MATRIX_ISSUES = 30, 12


def matrix_selection(facts: FactSet) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The organisations and issues of the home matrix, each in the fact sheet's order: those with
    the most stances, ties broken by id."""
    by_org = Counter(s.organisation for s in facts.stances.values())
    by_issue = Counter(s.issue for s in facts.stances.values())

    def top(ids: Collection[str], counts: Counter[str], n: int) -> tuple[str, ...]:
        chosen = set(sorted(ids, key=lambda rid: (-counts[rid], rid))[:n])
        return tuple(rid for rid in ids if rid in chosen)

    return top(facts.organisations, by_org, MATRIX_ORGANISATIONS), top(facts.issues, by_issue, MATRIX_ISSUES)


def _claim_groups(claims: list[ClaimView]) -> dict[str, tuple[ClaimView, ...]]:
    return {f"{kind}_claims": tuple(c for c in claims if c.kind == kind) for kind in ("statement", "reported", "inference")}


def _paragraphs(text: str) -> tuple[str, ...]:
    # Only ordinary white space is folded: a no-break space is typography (see `typography`).
    return tuple(re.sub(r"[ \t\r\n]+", " ", p).strip() for p in re.split(r"\n[ \t\r]*\n", text) if p.strip())


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


def renderer(facts: FactSet, lang: str, templates: Path = TEMPLATES, site_url: str | None = None,
             history: dict[str, FileHistory] | None = None, cache: PageCache | None = None) -> Renderer:
    """The renderer of the `lang` site; `site_url` is that site's published URL, if known;
    `history`, when each content file entered and last changed in git; `cache`, the pages of the
    last build (see `pagecache`)."""
    return Renderer(facts, lang, load_strings(templates), make_env(templates), urls.hub_url(site_url, lang), history, cache)


def render_language(facts: FactSet, lang: str, templates: Path = TEMPLATES, site_url: str | None = None,
                    history: dict[str, FileHistory] | None = None) -> list[Page]:
    """Every page of the `lang` site."""
    return renderer(facts, lang, templates, site_url, history).pages()


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def with_front_matter(front: dict[str, Any], body: str, json_ld: str) -> str:
    """A page's Markdown: its front matter (what the theme reads), its body, and its schema.org
    JSON-LD as a raw HTML block at the end (kept out of the YAML, which would be slow to read)."""
    meta = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=True)
    return f"---\n{meta}---\n\n{body.rstrip()}\n\n<script type=\"application/ld+json\">{json_ld}</script>\n"


def captured_on(captured_at: str) -> PartialDate:
    """The day (UTC) a copy was captured, from its YYYY-MM-DDTHH:MM:SSZ time."""
    return PartialDate(int(captured_at[:4]), int(captured_at[5:7]), int(captured_at[8:10]))


def _source_order(source: Source, lang: str) -> tuple[bool, PartialDate, str, str]:
    """Sources by date (undated last), then by title, or our description when it has none."""
    name = source.title if source.title != UNKNOWN else source.description[lang]
    return (not source.date.known, source.date, name.casefold(), source.id)
