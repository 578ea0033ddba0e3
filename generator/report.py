"""`report`: the editors' to-do list: what is unfinished or thin in the content, file by file.

Not a check: nothing here stops a build, and unfinished content is what it is for. It works on
what `load` could read (a record the check cannot read is left to the check, whose count of
problems ends the report). A text still to write is one beginning with TODO (see `text.PLACEHOLDER`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import Problem
from .loaded import Loaded, Located
from .model import LANGS, NO_POSITION, UNKNOWN, Event, Evidence, Partnership, Quote, Source, Stance
from .schema import LANG_NAMES
from .validate import validate
from .walks import placeholders

# An archive of fewer words than this is unlikely to be a whole article, statement or decision.
FULL_TEXT_WORDS = 150


@dataclass(frozen=True)
class Group:
    """One kind of thing to do, with every place it is to be done, sorted by file and line."""

    title: str
    items: tuple[Problem, ...]


@dataclass(frozen=True)
class Report:
    groups: tuple[Group, ...]
    problems: int  # what `check` finds in the same content

    @property
    def total(self) -> int:
        return sum(len(g.items) for g in self.groups)


def make_report(loaded: Loaded) -> Report:
    """The to-do list of a content set, valid or not."""
    groups = tuple(Group(title, tuple(sorted(set(find(loaded))))) for title, find in _GROUPS)
    return Report(groups, len(set(validate(loaded))))


def format_report(report: Report) -> str:
    lines: list[str] = []
    for group in report.groups:
        lines.append(f"{group.title}: {len(group.items) or 'none'}")
        lines.extend(f"  {item}" for item in group.items)
        lines.append("")
    things = f"{report.total} thing{'s' if report.total != 1 else ''} to do"
    n = report.problems
    check = "the check finds no problem" if not n else f"the check finds {n} problem{'s' if n != 1 else ''}: run make check"
    lines.append(f"{things}; {check}.")
    return "\n".join(lines) + "\n"


# --- What to look for -----------------------------------------------------------------------------


def _todo(located: Located, field: str, note: str) -> Problem:
    line, col = located.where(field)
    return Problem(located.path, line, col, field, note)


def _records(loaded: Loaded, kind: str) -> Iterator[Located]:
    return iter(loaded.records[kind].values())


def texts_to_write(loaded: Loaded) -> Iterator[Problem]:
    """Texts marked TODO, and English or French texts left out (which the check cannot read past)."""
    for records in loaded.records.values():
        for located in records.values():
            for field in placeholders(located.record):
                yield _todo(located, field, "marked TODO")
    for problem in loaded.problems:
        lang = problem.field.rpartition(".")[2]
        if lang in LANGS and problem.message.startswith("missing the"):
            yield Problem(problem.path, problem.line, problem.col, problem.field, f"{LANG_NAMES[lang]} text missing")


def undated(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "events"):
        event: Event = located.record
        if not event.date.known:
            yield _todo(located, "date", "unknown: add it when a source gives it")
    for located in _records(loaded, "partnerships"):
        partnership: Partnership = located.record
        if not partnership.start.known:
            yield _todo(located, "start", "unknown: add it when a source gives it")


def sources_without_url(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "sources"):
        source: Source = located.record
        if source.url == UNKNOWN:
            yield _todo(located, "url", "unknown: add the address where it was published, if it was")


def sources_without_archive(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "sources"):
        if located.record.archive == "full" and located.record.id not in loaded.archives:
            yield _todo(located, "", f"no archived text: save it as {loaded.root.name}/archive/{located.record.id}.txt")


def excerpt_only_sources(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "sources"):
        source: Source = located.record
        if source.archive == "excerpts":
            n = len(source.passages)
            yield _todo(located, "archive", f"we hold {n} passage{'s' if n != 1 else ''} of it, not its text: "
                                            "find the full text, and archive it (archive: full)")


def short_archives(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "sources"):
        source: Source = located.record
        text = loaded.archives.get(source.id)
        if source.archive == "full" and text is not None and len(text.split()) < FULL_TEXT_WORDS:
            words = len(text.split())
            yield Problem(loaded.archive_paths[source.id], 1, 1, "",
                          f"{words} word{'s' if words != 1 else ''}: too short to be the full text of {source.id}; "
                          "archive the whole text, or, if we hold only passages, set archive: excerpts and list them")


def single_source_stances(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "stances"):
        stance: Stance = located.record
        current, field = stance.current, f"positions[{len(stance.positions) - 1}].evidence" if stance.positions else "evidence"
        sources = sources_of(loaded, current.evidence)
        if current.position != NO_POSITION and len(sources) < 2:
            yield _todo(located, field, f"rests on one source only ({', '.join(sorted(sources)) or 'none'}): look for a second")


def one_language_quotes(loaded: Loaded) -> Iterator[Problem]:
    for located in _records(loaded, "quotes"):
        quote: Quote = located.record
        for lang in LANGS:
            if quote.wording[lang].provenance == "editorial":
                yield _todo(located, f"wording.{lang}", f"our own translation: no source prints it in {LANG_NAMES[lang]}")


def sources_of(loaded: Loaded, evidence: tuple[Evidence, ...], seen: frozenset[str] = frozenset()) -> set[str]:
    """The ids of the sources a list of evidence rests on, through its quotes, claims and events."""
    records = loaded.records
    found: set[str] = set()
    for item in evidence:
        kind, target = item.target
        if kind == "source":
            found.add(target)
        elif kind == "quote" and target in records["quotes"]:
            quote: Quote = records["quotes"][target].record
            found.update(s for lang in LANGS for s in quote.wording[lang].sources)
        elif kind == "claim" and target in records["claims"]:
            found.update(s.source for s in records["claims"][target].record.sources)
        elif kind == "event" and target in records["events"] and target not in seen:
            found |= sources_of(loaded, records["events"][target].record.evidence, seen | {target})
    return found


_GROUPS: tuple[tuple[str, Callable[[Loaded], Iterator[Problem]]], ...] = (
    ("Texts to write or translate", texts_to_write),
    ("Undated events and partnerships", undated),
    ("Sources without a URL", sources_without_url),
    ("Sources without an archived text", sources_without_archive),
    ("Sources we hold only in excerpts", excerpt_only_sources),
    ("Archives too short to be a full text", short_archives),
    ("Stances resting on a single source", single_source_stances),
    ("Quotes published in one language only", one_language_quotes),
)
