"""How long each phase of a build took: wall-clock and CPU seconds, kept in the order the phases ran.

`build` (and the MkDocs plugin, under `mkdocs build` and `mkdocs serve`) times each phase; a
language site's phases are timed in the process that builds it and handed back. The record is
logged, and appended as one JSON line to the file that FACTSHEET_TIMINGS names, if it names one
(`benchmarks/bench.py` reads it to say where a build's time goes).
"""

from __future__ import annotations

import json
import logging
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.factsheet")

ENV = "FACTSHEET_TIMINGS"  # a file each build appends its phases to, as one JSON line


@dataclass(frozen=True)
class PhaseTime:
    """One phase: its name, wall-clock seconds, and CPU seconds (user + system) of this process and
    of the processes it waited for during the phase (Pagefind, the language sites' workers). The
    phases of the language sites run side by side, within the languages phase."""

    name: str
    wall: float
    cpu: float
    within: str = ""  # the phase this one is a part of ("languages" for a language site's render), if any


def cpu_now() -> float:
    """CPU seconds so far of this process and of its children that have ended."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


@dataclass
class Timings:
    """The phases of one build, in order (a phase may hold others, timed inside it: a language
    site's render inside the languages phase)."""

    phases: list[PhaseTime] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block as the phase `name` (recorded even when it fails)."""
        end = self.begin(name)
        try:
            yield
        finally:
            end()

    def begin(self, name: str) -> Callable[[], None]:
        """Start the phase `name`, which ends (and is recorded) when the function returned is called,
        as when it runs from one MkDocs event to another."""
        wall, cpu = time.perf_counter(), cpu_now()

        def end() -> None:
            self.phases.append(PhaseTime(name, time.perf_counter() - wall, cpu_now() - cpu))

        return end

    def extend(self, phases: Iterable[PhaseTime]) -> None:
        self.phases.extend(phases)

    def get(self, name: str) -> PhaseTime | None:
        return next((p for p in self.phases if p.name == name), None)

    def lines(self) -> list[str]:
        """A line per phase, those within another indented under it."""
        return [f"{'  ' if p.within else ''}{p.name:<14}{'' if p.within else '  '}{p.wall:7.2f} s   CPU {p.cpu:7.2f} s"
                for p in self.in_order()]

    def in_order(self) -> list[PhaseTime]:
        """The phases, each followed by those within it (recorded before it, as they end first)."""
        top = [p for p in self.phases if not p.within]
        return [q for p in top for q in (p, *(r for r in self.phases if r.within == p.name))]

    def report(self, entry: str) -> None:
        """Log the phases (at INFO), and append them to the FACTSHEET_TIMINGS file if it is set;
        `entry` says which command built (`build`, `mkdocs build`, `serve`)."""
        log.info("build phases: %s", "; ".join(f"{p.name} {p.wall:.2f} s (CPU {p.cpu:.2f} s)" for p in self.in_order()))
        target = os.environ.get(ENV, "")
        if not target:
            return
        phases = [{"name": p.name, "wall": round(p.wall, 4), "cpu": round(p.cpu, 4), "within": p.within} for p in self.in_order()]
        line = json.dumps({"entry": entry, "phases": phases}, sort_keys=True)
        try:
            with Path(target).open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError as exc:
            log.info("phase timings not written to %s: %s", target, exc)


def read_last(path: Path) -> list[PhaseTime]:
    """The phases of the last build recorded in the FACTSHEET_TIMINGS file at `path`."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return []
    return [PhaseTime(p["name"], p["wall"], p["cpu"], p.get("within", "")) for p in json.loads(lines[-1])["phases"]]
