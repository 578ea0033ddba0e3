"""Check the whole set of records against each other: references, slugs, evidence, quotes against
their archived sources. Every problem is collected; nothing stops at the first one."""

from __future__ import annotations

import difflib
from typing import Any

from .cache import Matches
from .errors import Problem
from .load import Located, Loaded
from .model import (KINDS, LANGS, NO_POSITION, SINGULAR, Claim, Event, Evidence, Partnership, Person,
                    Quote, Ref, Source, Stance)
from .schema import placeholders, references as _references
from .text import is_placeholder, make_slug, normalise

__all__ = ["Checker", "placeholders", "record_slug", "validate"]


class Checker:
    """Runs every cross-record check over a `Loaded` content set."""

    def __init__(self, loaded: Loaded, matches: Matches | None = None) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.levels = {lvl.id for lvl in loaded.scale.levels} if loaded.scale else set()
        self._normalised: dict[str, str] = {}
        # Whether a text is found in an archive, by (the archive's digest, the text): given by the
        # caller to remember between checks, so an unchanged pair is not normalised and searched again.
        self.matches = Matches() if matches is None else matches

    def report(self, located: Located, field: str, message: str) -> None:
        line, col = located.where(field)
        self.problems.append(Problem(located.path, line, col, field, message))

    def run(self) -> list[Problem]:
        self.check_scale()
        for kind, records in self.loaded.records.items():
            check = getattr(self, f"check_{kind}", None)
            for located in records.values():
                self.check_references(located)
                self.check_corrections(located)
                if check:
                    check(located, located.record)
        self.check_slugs()
        self.check_archives()
        return self.problems

    # --- references ---------------------------------------------------------------------------

    def check_references(self, located: Located) -> None:
        for field, kind, value in located.references:
            if kind == "scale":
                if self.levels and value not in self.levels:
                    hint = _did_you_mean(value, self.levels)
                    self.report(located, field, f"'{value}' is not a level of the stance scale (content/scale.yaml){hint}")
                continue
            if value in self.loaded.ids[kind]:
                continue
            others = [k for k in KINDS if value in self.loaded.ids[k]]
            if others:
                self.report(located, field, f"'{value}' is {_a(SINGULAR[others[0]])}, not {_a(SINGULAR[kind])}")
            else:
                hint = _did_you_mean(value, self.loaded.ids[kind])
                self.report(located, field, f"no {SINGULAR[kind]} '{value}' in content/{kind}/{hint}")

    # --- per kind -----------------------------------------------------------------------------

    def check_people(self, located: Located, person: Person) -> None:
        for i, role in enumerate(person.roles):
            self.require(located, f"roles[{i}].sources", role.sources, "a source naming the person in this role")
            if role.end is not None and role.end.known and role.start.known and role.end < role.start:
                self.report(located, f"roles[{i}].end", f"ends ({role.end.iso()}) before it starts ({role.start.iso()})")

    def check_quotes(self, located: Located, quote: Quote) -> None:
        self.require(located, "speakers", quote.speakers, "a speaker (organisation: …)")
        self.require(located, "issues", quote.issues, "the issue it is about")
        for lang in LANGS:
            wording = quote.wording[lang]
            field = f"wording.{lang}"
            if wording.provenance == "published":
                self.require(located, f"{field}.sources", wording.sources, "the source that prints these words")
                for source_id in wording.sources:
                    self.check_in_archive(located, f"{field}.text", source_id, wording.text, "the words")
            elif wording.sources:
                self.report(located, f"{field}.sources", "an editorial translation has no sources: remove them, or set provenance: published")
        if all(quote.wording[lang].provenance == "editorial" for lang in LANGS):
            self.report(located, "wording", "both wordings are editorial: at least one must be published by a source")

    def check_claims(self, located: Located, claim: Claim) -> None:
        self.require(located, "sources", claim.sources, "a source with the passage that makes the claim")
        for i, item in enumerate(claim.sources):
            self.check_in_archive(located, f"sources[{i}].excerpt", item.source, item.excerpt, "the passage")
        if claim.kind == "statement" and not claim.said_by:
            self.report(located, "said_by", "a statement needs the organisations that made it: add `said_by: [id]`")
        if claim.kind != "statement" and claim.said_by:
            self.report(located, "said_by", f"only a statement has said_by; a {claim.kind} claim is the source's, not an organisation's")

    def check_stances(self, located: Located, stance: Stance) -> None:
        if stance.position != NO_POSITION:
            self.require(located, "evidence", stance.evidence, "the evidence the stance rests on")
        self.check_evidence(located, stance.evidence, owner=stance.organisation)

    def check_partnerships(self, located: Located, partnership: Partnership) -> None:
        if len(partnership.parties) != 2:
            self.report(located, "parties", f"a partnership is between two organisations, found {len(partnership.parties)}")
        self.require(located, "evidence", partnership.evidence, "what shows the partnership exists")
        self.check_evidence(located, partnership.evidence)
        if partnership.end is not None and partnership.end.known and partnership.start.known and partnership.end < partnership.start:
            self.report(located, "end", f"ends ({partnership.end.iso()}) before it starts ({partnership.start.iso()})")

    def check_events(self, located: Located, event: Event) -> None:
        self.require(located, "evidence", event.evidence, "what shows it happened")
        self.check_evidence(located, event.evidence)

    def check_sources(self, located: Located, source: Source) -> None:
        if source.id not in self.loaded.archives:
            self.report(located, "", f"no archived text: save the source's text as content/archive/{source.id}.txt")

    # --- shared rules -------------------------------------------------------------------------

    def check_corrections(self, located: Located) -> None:
        for i, correction in enumerate(located.record.corrections):
            if correction.date.precision != "day":
                self.report(located, f"corrections[{i}].date", "a correction is dated to the day: write YYYY-MM-DD")

    def require(self, located: Located, field: str, items: tuple, what: str) -> None:
        if not items:
            self.report(located, field, f"is empty: list at least {what}")

    def check_evidence(self, located: Located, evidence: tuple[Evidence, ...], owner: str | None = None) -> None:
        records = self.loaded.records
        for i, item in enumerate(evidence):
            field = f"evidence[{i}]"
            targets = [k for k in ("quote", "claim", "event", "source") if getattr(item, k) is not None]
            if len(targets) != 1:
                found = ", ".join(targets) if targets else "none"
                self.report(located, field, f"an evidence item names exactly one of quote, claim, event or source (found: {found})")
                continue
            kind, target = item.target
            if item.excerpt is not None and kind != "source":
                self.report(located, f"{field}.excerpt", "an excerpt goes with `source:` only; a quote or claim carries its own")
            if kind == "source" and item.excerpt is not None:
                self.check_in_archive(located, f"{field}.excerpt", target, item.excerpt, "the passage")
            if kind == "claim" and target in records["claims"]:
                claim: Claim = records["claims"][target].record
                if claim.kind == "inference":
                    self.report(located, f"{field}.claim", f"'{target}' is a journalist's inference: it cannot be evidence; cite what was said or reported")
                elif owner and claim.kind == "statement" and owner not in claim.said_by:
                    self.report(located, f"{field}.claim", f"'{target}' is a statement by {', '.join(claim.said_by)}, not by '{owner}'")
            if owner and kind == "quote" and target in records["quotes"]:
                quote: Quote = records["quotes"][target].record
                if owner not in {s.organisation for s in quote.speakers}:
                    self.report(located, f"{field}.quote", f"'{target}' has no speaker for '{owner}': a stance rests on the organisation's own words")
            if owner and kind == "event" and target in records["events"]:
                event: Event = records["events"][target].record
                if owner not in event.organisations:
                    self.report(located, f"{field}.event", f"'{owner}' is not among the organisations of event '{target}'")

    def check_in_archive(self, located: Located, field: str, source_id: str, text: str, what: str) -> None:
        archive = self.loaded.archives.get(source_id)
        if archive is None or is_placeholder(text):
            return  # reported once: on the source, as an unknown reference, or as a placeholder
        key = (self.loaded.archive_digests[source_id], text)
        found = self.matches.get(key)
        if found is None:
            if source_id not in self._normalised:
                self._normalised[source_id] = normalise(archive)
            found = self.matches[key] = normalise(text) in self._normalised[source_id]
        if not found:
            self.report(located, field, f"not found word for word in content/archive/{source_id}.txt: copy {what} exactly from the source")

    def check_scale(self) -> None:
        scale, located = self.loaded.scale, self.loaded.scale_located
        if scale is None or located is None:
            return
        seen: set[str] = set()
        for i, level in enumerate(scale.levels):
            if level.id in seen:
                self.report(located, f"levels[{i}].id", f"'{level.id}' is defined twice")
            seen.add(level.id)
        if NO_POSITION not in seen:
            self.report(located, "levels", f"the scale needs a level '{NO_POSITION}' (no public position in our sources)")

    def check_slugs(self) -> None:
        for kind, records in self.loaded.records.items():
            for lang in LANGS:
                taken: dict[str, Located] = {}
                for located in records.values():
                    slug = record_slug(located.record, lang)
                    if slug is None:
                        continue
                    if not slug:
                        self.report(located, "name", f"the {lang} name gives an empty URL slug: set `slug: {{{lang}: …}}`")
                    elif slug in taken:
                        other = taken[slug]
                        self.report(located, f"slug.{lang}" if located.record.slug else "name",
                                    f"URL slug '{slug}' ({lang}) is also {other.path}'s: set a different `slug: {{{lang}: …}}`")
                    else:
                        taken[slug] = located

    def check_archives(self) -> None:
        for source_id, path in self.loaded.archive_paths.items():
            if source_id not in self.loaded.ids["sources"]:
                hint = _did_you_mean(source_id, self.loaded.ids["sources"])
                self.problems.append(Problem(path, 1, 1, "", f"no source record content/sources/{source_id}.yaml for this archive{hint}"))


def record_slug(record: Any, lang: str) -> str | None:
    """The URL slug of a record with its own page, in `lang`; None for kinds without pages."""
    custom = getattr(record, "slug", None)
    if custom is not None:
        return custom[lang]
    name = getattr(record, "name", None)
    if name is None or not hasattr(record, "slug"):
        return None
    return make_slug(name if isinstance(name, str) else name[lang])


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def validate(loaded: Loaded, matches: Matches | None = None) -> list[Problem]:
    """Every problem in the content: those found reading each file, then those across files.
    `matches` remembers which texts were found in which archives (see `Checker`)."""
    return loaded.problems + Checker(loaded, matches).run()
