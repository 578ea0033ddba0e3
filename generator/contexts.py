"""What each kind of page shows (home, indexes, organisation, issue, person, sources, methodology,
corrections, data), as the context its template lays out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from typing import Any

from . import urls
from .facts import FactSet
from .model import KINDS, UNKNOWN, PartialDate, Source
from .recordviews import RecordViews
from .urls import FEED_NAME, GUIDES, section
from .views import (
    ClaimView,
    CorrectionView,
    Link,
    SourceView,
)


class PageContexts(RecordViews):
    """The context of each kind of page, in the page's language."""

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

    def index_context(self, kind: str) -> dict[str, Any]:
        return {"items": self.index_items(kind)}

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

    def corrections_context(self) -> dict[str, Any]:
        """Every correction of the site, and the corrections policy."""
        return {"corrections": self.all_corrections(), "policy": _paragraphs(self.facts.site.corrections[self.lang])}

    def all_corrections(self) -> tuple[CorrectionView, ...]:
        """Every correction of the site, newest first, each with a link to where the record is shown."""
        f = self.facts
        out: list[CorrectionView] = []
        for kind in KINDS:
            for rid in f.corrected[kind]:
                out.extend(self.corrections(kind, rid, self.citer_link(kind, rid)))
        return tuple(sorted(out, key=lambda c: (c.iso, c.about.href if c.about else ""), reverse=True))

    def data_context(self) -> dict[str, Any]:
        licence = self.facts.site.licence
        up = urls.hub_href(self.here)  # the downloads are the hub's
        csv_files = tuple((self.t[f"kind_{kind}"], up + urls.download("csv", kind)) for kind in KINDS)
        return {"licence_name": licence.name, "licence_url": licence.url, "licence_notice": licence.notice[self.lang],
                "json_href": up + urls.download("json"), "schema_href": up + urls.download("schema"), "csv_files": csv_files,
                "feed_href": self.href(FEED_NAME)}

    def downloads(self) -> list[tuple[str, str]]:
        """Every download, as (absolute URL, media type)."""
        return urls.downloads(self.base_url)

    def events_in_order(self, ids: Collection[str]) -> list[str]:
        """Newest first; undated events last, in id order."""
        dated = sorted((e for e in ids if self.facts.events[e].date.known), key=lambda e: (self.facts.events[e].date, e), reverse=True)
        return dated + sorted(e for e in ids if not self.facts.events[e].date.known)

    def stances_of(self, kind: str, rid: str) -> list[str]:
        """The ids of the stance records of an organisation (on each issue) or of an issue (by each organisation)."""
        f = self.facts
        pairs = ((rid, i) for i in f.issues) if kind == "organisations" else ((o, rid) for o in f.organisations)
        return [s for s in (f.stance_by_pair.get(pair) for pair in pairs) if s]


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


def _source_order(source: Source, lang: str) -> tuple[bool, PartialDate, str, str]:
    """Sources by date (undated last), then by title, or our description when it has none."""
    name = source.title if source.title != UNKNOWN else source.description[lang]
    return (not source.date.known, source.date, name.casefold(), source.id)
