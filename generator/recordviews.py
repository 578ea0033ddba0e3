"""The view of each kind of record as pages show it (a quote, a claim, a stance and its history,
an event, a partnership, evidence), as plain view objects (`views`) the templates lay out."""

from __future__ import annotations

from . import urls
from .facts import FactSet
from .labels import Labels
from .model import LANGS, NO_POSITION, Evidence, Period
from .views import (
    AnchoredLink,
    ClaimView,
    EventView,
    EvidenceView,
    Link,
    PartnershipView,
    PeriodView,
    QuoteView,
    StanceView,
    UnrecordedView,
)

# An organisation's or an issue's page names the issues or organisations it has no stance record
# with up to this many, and counts them beyond: a page of a large fact sheet does not list
# hundreds of organisations without a position.
UNRECORDED_NAMED = 50


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


class RecordViews(Labels):
    """The views of records, in the page's language."""

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
