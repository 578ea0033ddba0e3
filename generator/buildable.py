"""Rules across records without which the site would be built wrong, or not at all: one stance
per organisation and issue (the pages show one), and no event resting on itself through its
evidence (its page would cite itself without end). Run with the other checks across records
(`validate`), from each record's `Facts`."""

from __future__ import annotations

from .errors import Problem
from .loaded import Loaded, Located


def buildable_problems(loaded: Loaded) -> list[Problem]:
    return _second_stances(loaded) + _event_cycles(loaded)


def _problem(located: Located, field: str, message: str) -> Problem:
    line, col = located.where(field)
    return Problem(located.path, line, col, field, message)


def _second_stances(loaded: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[tuple[str, str], Located] = {}
    for located in loaded.records["stances"].values():
        issue = next((value for field, _, value in located.facts.references if field == "issue"), None)
        if located.facts.owner is None or issue is None:
            continue
        pair = (located.facts.owner, issue)
        if pair in first:
            problems.append(_problem(located, "issue", f"'{pair[0]}' has another stance on '{pair[1]}' in {first[pair].path}, "
                                                       "and the pages show one: merge the two into one file (a stance "
                                                       "lists its positions over time)"))
        else:
            first[pair] = located
    return problems


def _event_cycles(loaded: Loaded) -> list[Problem]:
    """Each event that its own evidence leads back to, through other events' evidence."""
    events = loaded.records["events"]
    cites = {rid: [(field, target) for field, kind, target in located.facts.evidence
                   if kind in ("event", "events") and target in events]
             for rid, located in events.items()}
    problems: list[Problem] = []
    for rid, located in events.items():
        for field, target in cites[rid]:
            path = _path_back(cites, target, rid)
            if path is not None:
                chain = " → ".join([rid, *path])
                problems.append(_problem(located, field, f"this event's evidence leads back to it ({chain}): an event "
                                                         "cannot rest on itself; cite what shows it happened"))
                break
    return problems


def _path_back(cites: dict[str, list[tuple[str, str]]], start: str, goal: str) -> list[str] | None:
    """The events from `start` to `goal` following evidence, or None if `goal` cannot be reached."""
    came_from: dict[str, str | None] = {start: None}
    todo = [start]
    while todo:
        rid = todo.pop()
        if rid == goal:
            path = []
            at: str | None = rid
            while at is not None:
                path.append(at)
                at = came_from[at]
            return path[::-1]
        for _, target in cites.get(rid, ()):
            if target not in came_from:
                came_from[target] = rid
                todo.append(target)
    return None
