"""The checked content as one immutable, cross-indexed set: what the renderer reads.

Built once from a `Loaded` that passed `validate`; every lookup the pages need (an
organisation's quotes, an issue's stances, what cites a source) is answered here, so templates
never search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from .loaded import Loaded
from .model import (
    KINDS,
    Claim,
    Event,
    Evidence,
    Instrument,
    Issue,
    Level,
    Organisation,
    Partnership,
    Person,
    Quote,
    Scale,
    Site,
    Source,
    Stance,
)

K = TypeVar("K")
V = TypeVar("V")


Ids = defaultdict[str, list[str]]  # a reverse index being built: id -> ids


def _freeze(index: Mapping[K, list[V]]) -> Mapping[K, tuple[V, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


@dataclass(frozen=True)
class FactSet:
    """Every record by kind and id, plus the reverse indexes pages need."""

    site: Site
    scale: Scale
    organisations: Mapping[str, Organisation]
    people: Mapping[str, Person]
    instruments: Mapping[str, Instrument]
    issues: Mapping[str, Issue]
    sources: Mapping[str, Source]
    quotes: Mapping[str, Quote]
    claims: Mapping[str, Claim]
    stances: Mapping[str, Stance]
    partnerships: Mapping[str, Partnership]
    events: Mapping[str, Event]
    archives: Mapping[str, str]
    # reverse indexes: id -> ids, in a stable order
    quotes_by_org: Mapping[str, tuple[str, ...]]
    quotes_by_person: Mapping[str, tuple[str, ...]]
    quotes_by_issue: Mapping[str, tuple[str, ...]]
    claims_by_org: Mapping[str, tuple[str, ...]]
    claims_by_issue: Mapping[str, tuple[str, ...]]
    stance_by_pair: Mapping[tuple[str, str], str]
    partnerships_by_org: Mapping[str, tuple[str, ...]]
    partnerships_by_issue: Mapping[str, tuple[str, ...]]
    events_by_org: Mapping[str, tuple[str, ...]]
    events_by_person: Mapping[str, tuple[str, ...]]
    events_by_issue: Mapping[str, tuple[str, ...]]
    people_by_org: Mapping[str, tuple[str, ...]]
    cited_by: Mapping[str, tuple[tuple[str, str], ...]]  # source id -> (kind, id) of records citing it
    answered_by: Mapping[str, tuple[tuple[str, str], ...]]  # event id -> (kind, id) answering it
    corrected: Mapping[str, tuple[str, ...]]  # kind -> ids of its records with correction notes

    def level(self, level_id: str) -> Level:
        return next(lvl for lvl in self.scale.levels if lvl.id == level_id)

    def stance(self, org: str, issue: str) -> Stance | None:
        stance_id = self.stance_by_pair.get((org, issue))
        return self.stances[stance_id] if stance_id else None


def _records(loaded: Loaded, kind: str) -> dict[str, Any]:
    return {rid: loc.record for rid, loc in sorted(loaded.records[kind].items())}


def build_factset(loaded: Loaded) -> FactSet:
    """Index a validated content set. Assumes `validate(loaded)` found no problem."""
    assert loaded.site is not None and loaded.scale is not None
    quotes, claims = _records(loaded, "quotes"), _records(loaded, "claims")
    stances, partnerships = _records(loaded, "stances"), _records(loaded, "partnerships")
    events, people = _records(loaded, "events"), _records(loaded, "people")

    quotes_by_org: Ids = defaultdict(list)
    quotes_by_person: Ids = defaultdict(list)
    quotes_by_issue: Ids = defaultdict(list)
    cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def cite(source_id: str, kind: str, rid: str) -> None:
        if (kind, rid) not in cited_by[source_id]:
            cited_by[source_id].append((kind, rid))

    for qid, quote in quotes.items():
        for speaker in quote.speakers:
            _add(quotes_by_org, speaker.organisation, qid)
            if speaker.person:
                _add(quotes_by_person, speaker.person, qid)
        for issue in quote.issues:
            _add(quotes_by_issue, issue, qid)
        for lang in ("en", "fr"):
            for sid in quote.wording[lang].sources:
                cite(sid, "quotes", qid)

    claims_by_org: Ids = defaultdict(list)
    claims_by_issue: Ids = defaultdict(list)
    for cid, claim in claims.items():
        for org in claim.said_by + claim.organisations:
            _add(claims_by_org, org, cid)
        for issue in claim.issues:
            _add(claims_by_issue, issue, cid)
        for item in claim.sources:
            cite(item.source, "claims", cid)

    def cite_evidence(evidence: tuple[Evidence, ...], kind: str, rid: str) -> None:
        for item in evidence:
            if item.source:
                cite(item.source, kind, rid)

    stance_by_pair = {}
    for sid, stance in stances.items():
        stance_by_pair[(stance.organisation, stance.issue)] = sid
        cite_evidence(stance.all_evidence, "stances", sid)

    partnerships_by_org: Ids = defaultdict(list)
    partnerships_by_issue: Ids = defaultdict(list)
    for pid, partnership in partnerships.items():
        for org in partnership.parties:
            _add(partnerships_by_org, org, pid)
        for issue in partnership.issues:
            _add(partnerships_by_issue, issue, pid)
        cite_evidence(partnership.evidence, "partnerships", pid)

    events_by_org: Ids = defaultdict(list)
    events_by_person: Ids = defaultdict(list)
    events_by_issue: Ids = defaultdict(list)
    for eid, event in events.items():
        for org in event.organisations:
            _add(events_by_org, org, eid)
        for person in event.people:
            _add(events_by_person, person, eid)
        for issue in event.issues:
            _add(events_by_issue, issue, eid)
        cite_evidence(event.evidence, "events", eid)

    answered_by: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, records in (("events", events), ("quotes", quotes)):
        for rid, record in records.items():
            if record.answers is not None:
                _add(answered_by, record.answers, (kind, rid))

    people_by_org: Ids = defaultdict(list)
    for pid, person in people.items():
        for role in person.roles:
            _add(people_by_org, role.organisation, pid)
            for sid in role.sources:
                cite(sid, "people", pid)

    return FactSet(
        site=loaded.site, scale=loaded.scale,
        organisations=MappingProxyType(_records(loaded, "organisations")), people=MappingProxyType(people),
        instruments=MappingProxyType(_records(loaded, "instruments")), issues=MappingProxyType(_records(loaded, "issues")),
        sources=MappingProxyType(_records(loaded, "sources")), quotes=MappingProxyType(quotes),
        claims=MappingProxyType(claims), stances=MappingProxyType(stances),
        partnerships=MappingProxyType(partnerships), events=MappingProxyType(events),
        archives=MappingProxyType(dict(loaded.archives)),
        quotes_by_org=_freeze(quotes_by_org), quotes_by_person=_freeze(quotes_by_person),
        quotes_by_issue=_freeze(quotes_by_issue), claims_by_org=_freeze(claims_by_org),
        claims_by_issue=_freeze(claims_by_issue), stance_by_pair=MappingProxyType(stance_by_pair),
        partnerships_by_org=_freeze(partnerships_by_org), partnerships_by_issue=_freeze(partnerships_by_issue),
        events_by_org=_freeze(events_by_org), events_by_person=_freeze(events_by_person),
        events_by_issue=_freeze(events_by_issue), people_by_org=_freeze(people_by_org),
        cited_by=_freeze(cited_by), answered_by=_freeze(answered_by),
        corrected=MappingProxyType({kind: tuple(rid for rid, loc in sorted(loaded.records[kind].items()) if loc.record.corrections)
                                    for kind in KINDS}),
    )


def _add(index: defaultdict[str, list[V]], key: str, value: V) -> None:
    if value not in index[key]:
        index[key].append(value)
