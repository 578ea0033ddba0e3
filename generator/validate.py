"""The rules content must follow: those of one record on its own, run when its file is read (and
cached with it), and those across the whole set (references, slugs, evidence, quotes against their
archived sources), run every check from what each record's `Facts` say, so that a re-check reads
no record that has no problem. Every problem is collected; nothing stops at the first one."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from typing import Any

from .buildable import buildable_problems
from .cache import Matches
from .errors import Problem
from .loaded import Facts, Loaded, Located
from .model import (
    KINDS,
    LANGS,
    NO_POSITION,
    SINGULAR,
    UNKNOWN,
    Claim,
    Event,
    Evidence,
    PartialDate,
    Partnership,
    Period,
    Person,
    Quote,
    Source,
    Stance,
)
from .schema import MAX_URL_SLUG
from .text import closest_candidates, found_word_for_word, is_placeholder, is_sentence, normalise, words
from .urls import RESERVED_SLUGS, record_slug
from .walks import references as _references


class RecordRules:
    """The rules one record must follow on its own, and the `Facts` the checks across records need
    of it; `where` gives a field's line and column in its file."""

    def __init__(self, path: str, where: Callable[[str], tuple[int, int]]) -> None:
        self.path, self.where = path, where
        self.problems: list[Problem] = []
        self.texts: list[tuple[str, str, str, str]] = []
        self.evidence: list[tuple[str, str, str]] = []
        self.periods: list[tuple[str, str, str, PartialDate, PartialDate | None]] = []

    def report(self, field: str, message: str) -> None:
        line, col = self.where(field)
        self.problems.append(Problem(self.path, line, col, field, message))

    def run(self, kind: str, record: Any) -> Facts:
        """Check `record`, a record of `kind`; its problems go to `self.problems`."""
        for i, correction in enumerate(record.corrections):
            if correction.date.precision != "day":
                self.report(f"corrections[{i}].date", "a correction is dated to the day: write YYYY-MM-DD")
        check = getattr(self, f"check_{kind}", None)
        if check:
            check(record)
        return Facts(tuple(_references(record)), tuple(self.texts), tuple(self.evidence),
                     record.organisation if isinstance(record, Stance) else None, _said(record), _slugs(record),
                     tuple(self.periods), _dated(record), _passages(record))

    def check_sources(self, source: Source) -> None:
        if source.archive == "excerpts":
            if not source.passages:
                self.report("archive", "we hold only excerpts: list them under passages:, each with its text: and where it was taken_from:")
            if source.capture is not None:
                self.report("capture", "a capture records a full text we keep: with archive: excerpts, remove it (or set archive: full)")
        elif source.passages:
            self.report("passages", "passages are for a source we hold only in part (archive: excerpts); with archive: full, "
                                    f"its text is content/archive/{source.id}.txt")
        capture = source.capture
        if capture is None:
            return
        try:
            datetime.strptime(capture.captured_at, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            self.report("capture.captured_at", f"'{capture.captured_at}' is not a real time: write the UTC time it was captured, "
                                               "YYYY-MM-DDTHH:MM:SSZ")
        if (capture.address is None) == (capture.file is None):
            self.report("capture", "a capture names either the address fetched (address:) or the file read (file:), not both, not neither")
        if (capture.address is None) != (capture.final_address is None):
            self.report("capture.final_address", "an address fetched has a final_address (the same address if there was no "
                                                 "redirect), and a file has none")
        if capture.final_address is not None and source.url == UNKNOWN:
            self.report("url", f"it was captured from {capture.final_address}: write that address here")

    def check_people(self, person: Person) -> None:
        for i, role in enumerate(person.roles):
            self.require(f"roles[{i}].sources", role.sources, "a source naming the person in this role")
            if role.end is not None and role.end.known and role.start.known and role.end < role.start:
                self.report(f"roles[{i}].end", f"ends ({role.end.iso()}) before it starts ({role.start.iso()})")

    def check_quotes(self, quote: Quote) -> None:
        self.require("speakers", quote.speakers, "a speaker (organisation: …)")
        self.require("issues", quote.issues, "the issue it is about")
        for lang in LANGS:
            wording = quote.wording[lang]
            field = f"wording.{lang}"
            if wording.provenance == "published":
                self.require(f"{field}.sources", wording.sources, "the source that prints these words")
                self.check_quoting(field, wording.text, wording.quoting)
                for source_id in wording.sources:
                    self.in_archive(f"{field}.text", source_id, wording.text, "the words")
            elif wording.sources:
                self.report(f"{field}.sources", "an editorial translation has no sources: remove them, or set provenance: published")
        if all(quote.wording[lang].provenance == "editorial" for lang in LANGS):
            self.report("wording", "both wordings are editorial: at least one must be published by a source")
        if quote.answers is not None and quote.answers == quote.event:
            self.report("answers", f"a quote said at event '{quote.event}' cannot answer it: name the event it answers")

    def check_claims(self, claim: Claim) -> None:
        self.require("sources", claim.sources, "a source with the passage that makes the claim")
        for i, item in enumerate(claim.sources):
            self.in_archive(f"sources[{i}].excerpt", item.source, item.excerpt, "the passage")
        if claim.kind == "statement" and not claim.said_by:
            self.report("said_by", "a statement needs the organisations that made it: add `said_by: [id]`")
        if claim.kind != "statement" and claim.co_signers is not None:
            self.report("co_signers", f"only a statement has co_signers; a {claim.kind} claim is the source's, not an organisation's")
        if not (claim.said_by or claim.organisations or claim.issues):
            self.report("organisations", "a claim is shown on the pages of the organisations or issues it is about: "
                                         "list at least one under `organisations:` or `issues:`")
        if claim.kind != "statement" and claim.said_by:
            self.report("said_by", f"only a statement has said_by; a {claim.kind} claim is the source's, not an organisation's")

    def check_stances(self, stance: Stance) -> None:
        if stance.positions:
            written = [name for name in ("position", "summary", "evidence") if getattr(stance, name)]
            if written:
                self.report(written[0], f"a stance has either {', '.join(written)} or positions, not both: "
                                        "move them into the first of `positions:`")
            self.check_periods(stance.positions)
            return
        if stance.summary is None:
            self.report("summary", "missing field 'summary': add `summary:`")
        if stance.position is None:
            self.report("position", "missing field 'position': add `position:`, or `positions:` for a position that changed over time")
        elif stance.position != NO_POSITION:
            self.require("evidence", stance.evidence, "the evidence the stance rests on")
        self.check_evidence(stance.evidence)

    def check_periods(self, periods: tuple[Period, ...]) -> None:
        """Positions held one after the other: dated in order, each change with its evidence, each
        item of evidence dated within its position's time (checked across records: `Facts.periods`)."""
        for i, period in enumerate(periods):
            field = f"positions[{i}]"
            previous = periods[i - 1].since if i else None
            if previous is not None and not period.since.known:
                self.report(f"{field}.since", "only the first position may start at an unknown date: "
                                              "write when this one began (YYYY, YYYY-MM or YYYY-MM-DD)")
            elif previous is not None and previous.known:
                if period.since.latest < previous.earliest:
                    self.report(f"{field}.since", f"{period.since.iso()} is before the date of the position above it "
                                                  f"({previous.iso()}): list the positions oldest first")
                elif period.since.earliest <= previous.latest:
                    self.report(f"{field}.since", f"{period.since.iso()} overlaps the date of the position above it "
                                                  f"({previous.iso()}): date them precisely enough to tell which came first")
            if i:
                self.require(f"{field}.evidence", period.evidence, "the evidence of the change")
            elif period.position != NO_POSITION:
                self.require(f"{field}.evidence", period.evidence, "the evidence the position rests on")
            self.check_evidence(period.evidence, f"{field}.")
            until = periods[i + 1].since if i + 1 < len(periods) else None
            for j, item in enumerate(period.evidence):
                kind, target = item.target
                if kind:
                    self.periods.append((f"{field}.evidence[{j}].{kind}", kind, target, period.since, until))

    def check_partnerships(self, partnership: Partnership) -> None:
        if len(partnership.parties) != 2:
            self.report("parties", f"a partnership is between two organisations, found {len(partnership.parties)}")
        self.require("evidence", partnership.evidence, "what shows the partnership exists")
        self.check_evidence(partnership.evidence)
        if partnership.end is not None and partnership.end.known and partnership.start.known and partnership.end < partnership.start:
            self.report("end", f"ends ({partnership.end.iso()}) before it starts ({partnership.start.iso()})")

    def check_events(self, event: Event) -> None:
        self.require("evidence", event.evidence, "what shows it happened")
        self.check_evidence(event.evidence)
        if event.answers is not None and event.answers == event.id:
            self.report("answers", "an event cannot answer itself: name the event it answers")

    def require(self, field: str, items: tuple[Any, ...], what: str) -> None:
        if not items:
            self.report(field, f"is empty: list at least {what}")

    def check_evidence(self, evidence: tuple[Evidence, ...], prefix: str = "") -> None:
        for i, item in enumerate(evidence):
            field = f"{prefix}evidence[{i}]"
            targets = [k for k in ("quote", "claim", "event", "source") if getattr(item, k) is not None]
            if len(targets) != 1:
                found = ", ".join(targets) if targets else "none"
                self.report(field, f"an evidence item names exactly one of quote, claim, event or source (found: {found})")
                continue
            kind, target = item.target
            if item.excerpt is not None and kind != "source":
                self.report(f"{field}.excerpt", "an excerpt goes with `source:` only; a quote or claim carries its own")
            if kind == "source" and item.excerpt is not None:
                self.in_archive(f"{field}.excerpt", target, item.excerpt, "the passage")
            if kind != "source":
                self.evidence.append((f"{field}.{kind}", kind, target))

    def check_quoting(self, field: str, text: str, quoting: str) -> None:
        """A quote is at least two words or a whole sentence, unless marked as a single word."""
        if is_placeholder(text):
            return
        count = words(normalise(text))
        if quoting == "single-word" and count != 1:
            self.report(f"{field}.quoting", f"single-word, but the text has {count} words: remove `quoting: single-word`")
        elif quoting != "single-word" and count < 2 and not is_sentence(normalise(text)):
            self.report(f"{field}.text", "one word is not a quote: quote at least two words, or the whole sentence; "
                                         "for a single word the speaker used as such, add `quoting: single-word`")

    def in_archive(self, field: str, source_id: str, text: str, what: str) -> None:
        """`text` is to be found word for word in `source_id`'s archive (a placeholder is reported
        as such); a passage is at least two words or a whole sentence."""
        if is_placeholder(text):
            return
        if what == "the passage" and words(normalise(text)) < 2 and not is_sentence(normalise(text)):
            self.report(field, "an excerpt is at least two words, or a whole sentence: copy more of the passage")
        self.texts.append((field, source_id, text, what))


def _passages(record: Any) -> tuple[str, ...] | None:
    if isinstance(record, Source) and record.archive == "excerpts":
        return tuple(p.text for p in record.passages)
    return None


def _said(record: Any) -> Any:
    if isinstance(record, Claim):
        return record.kind, record.said_by
    if isinstance(record, Quote):
        return frozenset(s.organisation for s in record.speakers)
    if isinstance(record, Event):
        return record.organisations
    return None


def _dated(record: Any) -> Any:
    """What an item of evidence's date is read from: a source's or an event's own date; the ids of
    a quote's event and sources, or of a claim's sources (see `Checker.evidence_date`)."""
    if isinstance(record, (Source, Event)):
        return record.date
    if isinstance(record, Quote):
        return record.event, tuple(s for lang in LANGS for s in record.wording[lang].sources)
    if isinstance(record, Claim):
        return None, tuple(s.source for s in record.sources)
    return None


def _slugs(record: Any) -> tuple[tuple[str, str, str], ...]:
    slugs = []
    for lang in LANGS:
        slug = record_slug(record, lang)
        if slug is not None:
            slugs.append((lang, slug, f"slug.{lang}" if record.slug else "name"))
    return tuple(slugs)


class Checker:
    """Runs every check across records over a `Loaded` content set, from each record's `Facts`."""

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
            for rid, located in records.items():
                facts = located.facts
                self.check_references(located, facts)
                self.check_evidence(located, facts)
                self.check_evidence_dates(located, facts)
                self.check_answer_date(located, kind, rid, facts)
                for field, source_id, text, what in facts.texts:
                    self.check_in_archive(located, field, source_id, text, what)
                if kind == "sources":
                    self.check_holding(located, rid, facts)
        self.check_slugs()
        self.check_archives()
        return self.problems

    def check_references(self, located: Located, facts: Facts) -> None:
        for field, kind, value in facts.references:
            problem = reference_problem(value, kind, self.loaded.ids, self.levels)
            if problem:
                self.report(located, field, problem)

    def check_evidence(self, located: Located, facts: Facts) -> None:
        """Evidence that names a record: a claim that can be evidence, and for a stance, the
        organisation's own words or deeds."""
        records, owner = self.loaded.records, facts.owner
        for field, kind, target in facts.evidence:
            if kind == "claim" and target in records["claims"]:
                claim_kind, said_by = records["claims"][target].facts.said
                if claim_kind == "inference":
                    self.report(located, field, f"'{target}' is a journalist's inference: it cannot be evidence; cite what was said or reported")
                elif owner and claim_kind == "statement" and owner not in said_by:
                    self.report(located, field, f"'{target}' is a statement by {', '.join(said_by)}, not by '{owner}'")
            if owner and kind == "quote" and target in records["quotes"] and owner not in records["quotes"][target].facts.said:
                self.report(located, field, f"'{target}' has no speaker for '{owner}': a stance rests on the organisation's own words")
            if owner and kind == "event" and target in records["events"] and owner not in records["events"][target].facts.said:
                self.report(located, field, f"'{owner}' is not among the organisations of event '{target}'")

    def check_evidence_dates(self, located: Located, facts: Facts) -> None:
        """Each item of evidence of a dated position is dated within its time, where both are known."""
        for field, kind, target, since, until in facts.periods:
            when = self.evidence_date(kind, target)
            if when is None or not when.known:
                continue
            if since.known and when.latest < since.earliest:
                self.report(located, field, f"'{target}' is dated {when.iso()}, before this position began ({since.iso()}): "
                                            "move it to the position it shows, or correct the dates")
            elif until is not None and until.known and when.earliest > until.latest:
                self.report(located, field, f"'{target}' is dated {when.iso()}, after the next position began ({until.iso()}): "
                                            "move it to the position it shows, or correct the dates")

    def check_answer_date(self, located: Located, kind: str, rid: str, facts: Facts) -> None:
        """An answer is not dated before what it answers, where both dates are known."""
        for field, target_kind, target in facts.references:
            if field != "answers" or target not in self.loaded.records[target_kind]:
                continue
            when, answered = self.evidence_date(kind.removesuffix("s"), rid), self.evidence_date(target_kind.removesuffix("s"), target)
            if when is not None and answered is not None and when.known and answered.known and when.latest < answered.earliest:
                self.report(located, field, f"dated {when.iso()}, before '{target}' ({answered.iso()}), which it answers: "
                                            "correct the dates, or the event it answers")

    def evidence_date(self, kind: str, target: str) -> PartialDate | None:
        """When an item of evidence dates from: a source's or an event's date; a quote's event's,
        else its earliest source's; a claim's earliest source's. None if the record is unknown."""
        located = self.loaded.records[f"{kind}s"].get(target)
        if located is None:
            return None
        dated = located.facts.dated
        if isinstance(dated, PartialDate):
            return dated
        event, sources = dated
        if event is not None:
            when = self.evidence_date("event", event)
            if when is not None and when.known:
                return when
        dates = [d for d in (self.evidence_date("source", s) for s in sources) if d is not None and d.known]
        return min(dates, key=lambda d: d.earliest, default=None)

    def check_holding(self, located: Located, source_id: str, facts: Facts) -> None:
        """A source's text is in its archive file, or, held in excerpts, in its passages: not both."""
        has_file = source_id in self.loaded.archive_paths
        if facts.passages is None and not has_file:
            self.report(located, "archive", f"no archived text: save the source's text as content/archive/{source_id}.txt, "
                                            "or, if we hold only passages of it, set archive: excerpts and list them in passages")
        elif facts.passages is not None and has_file:
            self.problems.append(Problem(self.loaded.archive_paths[source_id], 1, 1, "",
                                         f"content/sources/{source_id}.yaml says we hold only excerpts (archive: excerpts): "
                                         "if this file is the full text, set archive: full there and remove its passages; if not, delete this file"))

    def check_in_archive(self, located: Located, field: str, source_id: str, text: str, what: str) -> None:
        source = self.loaded.records["sources"].get(source_id)
        passages = source.facts.passages if source is not None else None
        if passages is not None:
            if not any(self.found(digest(passage), passage, text) for passage in passages):
                self.report(located, field, f"not found word for word in the passages of content/sources/{source_id}.yaml we hold: "
                                            f"copy {what} exactly from one of them")
            return
        archive = self.loaded.archives.get(source_id)
        if archive is None:
            return  # reported once: on the source, or as an unknown reference
        if not self.found(self.loaded.archive_digests[source_id], archive, text):
            self.report(located, field, f"not found word for word in content/archive/{source_id}.txt: copy {what} exactly from the source")

    def found(self, key: str, held: str, text: str) -> bool:
        """Whether `text` is found word for word in `held` (an archive or a passage, whose digest
        is `key`): the one rule every quote and excerpt is checked by."""
        found = self.matches.get((key, text))
        if found is None:
            if key not in self._normalised:
                self._normalised[key] = normalise(held)
            found = self.matches[key, text] = found_word_for_word(normalise(text), self._normalised[key])
        return found

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
        for records in self.loaded.records.values():
            taken: dict[tuple[str, str], Located] = {}
            for located in records.values():
                for lang, slug, field in located.facts.slugs:
                    if not slug:
                        self.report(located, "name", f"the {lang} name gives an empty URL slug: set `slug: {{{lang}: …}}`")
                    elif slug in RESERVED_SLUGS:
                        self.report(located, field, f"URL slug '{slug}' ({lang}) is the address of the section's own list "
                                                    f"page: set a different `slug: {{{lang}: …}}`")
                    elif len(slug) > MAX_URL_SLUG:
                        self.report(located, field, f"the {lang} URL slug would be {len(slug)} characters long, more than a "
                                                    f"file name may hold ({MAX_URL_SLUG}): set a shorter `slug: {{{lang}: …}}`")
                    elif (lang, slug) in taken:
                        other = taken[lang, slug]
                        self.report(located, field, f"URL slug '{slug}' ({lang}) is also {other.path}'s: set a different `slug: {{{lang}: …}}`")
                    else:
                        taken[lang, slug] = located

    def check_archives(self) -> None:
        for source_id, path in self.loaded.archive_paths.items():
            if source_id not in self.loaded.ids["sources"]:
                hint = _did_you_mean(source_id, self.loaded.ids["sources"])
                self.problems.append(Problem(path, 1, 1, "", f"no source record content/sources/{source_id}.yaml for this archive{hint}"))


def digest(text: str) -> str:
    """The digest a passage's matches are remembered by (an archive's is that of its bytes)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def reference_problem(value: str, kind: str, ids: Mapping[str, Collection[str]], levels: Collection[str] = ()) -> str | None:
    """Why `value` names no record of `kind` (`ids`: the ids of each kind), or no level of the
    stance scale (`levels`; none known: any); None if it does. `new` asks the same question."""
    if kind == "scale":
        if levels and value not in levels:
            return f"'{value}' is not a level of the stance scale (content/scale.yaml){_did_you_mean(value, levels)}"
        return None
    if value in ids[kind]:
        return None
    others = [k for k in KINDS if value in ids.get(k, ())]
    if others:
        return f"'{value}' is {_a(SINGULAR[others[0]])}, not {_a(SINGULAR[kind])}"
    return f"no {SINGULAR[kind]} '{value}' in content/{kind}/{_did_you_mean(value, ids[kind])}"


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _did_you_mean(word: str, options: Collection[str]) -> str:
    close = difflib.get_close_matches(word, closest_candidates(word, options), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def validate(loaded: Loaded, matches: Matches | None = None) -> list[Problem]:
    """Every problem in the content: those found reading each file, then those across files.
    `matches` remembers which texts were found in which archives (see `Checker`)."""
    return loaded.problems + Checker(loaded, matches).run() + buildable_problems(loaded)
