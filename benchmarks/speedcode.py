#!/usr/bin/env python3
"""Each piece of speed code, measured with it and without it on the targets users feel.

    python benchmarks/speedcode.py --size 500 --repeat 3 [--pieces yamlread cache htmlblocks]

writes synthetic content of size N (benchmarks/synth.py), then, for each piece, runs the commands
it may speed up (cold `check`, a re-check after editing one file, `build`) alternately with the
piece and without it, REPEAT times each, and prints the median wall and CPU seconds of each (CPU:
user + system of every process of the command, forked ones included). Without a piece means the
plain library path it stands in for, switched by a patch made in the measured process only
(`--run`): nothing in the generator reads a switch for it.

- yamlread: the line reader for plain block YAML (`yamlread.parse_simple`); without it, every
  file goes through libyaml's events (`yamlread.parse`).
- cache: the check's cache of readings beside content/ (`cache.Cache`).
- htmlblocks: our raw HTML hidden from Markdown (`htmlblocks`); without it MkDocs' Markdown reads
  every page whole.

Two pieces measured by this script did not pay and are gone (see benchmarks/README.md): half of
the files parsed in a forked process, and `os._exit` at the end of `python -m generator`; the
version of this script at commit e83952e measures them (`--pieces fork exit`).

The machine this runs on may be shared: CPU time varies less than wall time; the load average is
printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# piece -> the targets it may change (the others it cannot touch: a build's check is a re-check).
TARGETS = {"yamlread": ("cold check",), "cache": ("re-check",), "htmlblocks": ("build",)}


def _without(piece: str) -> None:
    """Patch this process so that `piece` is not used (see the module's docstring)."""
    if piece == "yamlread":
        from generator import yamlread
        yamlread.parse_simple = lambda text: None  # type: ignore[assignment,misc]
    elif piece == "cache":
        from generator.cache import Cache
        Cache.open = classmethod(lambda cls, content: cls(None))  # type: ignore[method-assign,assignment,arg-type]
    elif piece == "htmlblocks":
        from generator import mkdocs_plugin
        mkdocs_plugin.PLAIN_EXTENSIONS = frozenset()  # type: ignore[misc]
    else:
        raise SystemExit(f"speedcode: no piece named {piece!r}")


def _run(off: list[str], args: list[str]) -> None:
    """The generator's command line, without the pieces in `off`."""
    for piece in off:
        _without(piece)
    sys.argv = ["generator", *args]
    runpy.run_module("generator", run_name="__main__", alter_sys=True)


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `command` and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"speedcode: {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _edit(content: Path, i: int) -> None:
    path = sorted((content / "organisations").glob("*.yaml"))[i % 20]
    path.write_text(path.read_text(encoding="utf-8").replace('  en: "', '  en: "Edited. ', 1), encoding="utf-8")


def measure(project: Path, piece: str, target: str, off: bool, i: int) -> tuple[float, float]:
    """One run of `target` on `project`, with `piece` (or without it, `off`)."""
    cache = project / ".cache" / "factsheet"
    run = [sys.executable, __file__, "--run", piece if off else "", "--"]
    if target == "cold check":
        for stale in cache.glob("content-*.msgpack"):
            stale.unlink()
        return timed(run + ["check"], project)
    if target == "re-check":
        timed([sys.executable, "-m", "generator", "check"], project)  # a warm cache, whatever ran before
        time.sleep(2.1)  # the edit below is then the only file the re-check reads (cache.RACY_NS)
        _edit(project / "content", i)
        return timed(run + ["check"], project)
    for stale in cache.glob("pages-*.cache"):  # every page rendered, as in a first build
        stale.unlink()
    return timed(run + ["build", "--site-dir", str(project.parent / "site")], project)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run":
        _run([p for p in sys.argv[2].split(",") if p], sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pieces", nargs="+", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--project", type=Path, help="use this synthetic project (made by synth.py) instead of a new one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="factsheet-speedcode-"))
    try:
        project = args.project or work / "project"
        if args.project is None:
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--size", str(args.size), "--out", str(project)],
                           check=True, capture_output=True)
            shutil.copytree(ROOT / "templates", project / "templates")
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            time.sleep(2.1)
        if "build" in {t for p in args.pieces for t in TARGETS[p]}:  # the cards drawn once, as after a first build
            timed([sys.executable, "-m", "generator", "build", "--site-dir", str(work / "site")], project)
        rows = []
        for piece in args.pieces:
            for target in TARGETS[piece]:
                runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
                load = os.getloadavg()[0]
                for i in range(args.repeat):
                    for off in (False, True):
                        runs[off].append(measure(project, piece, target, off, i))
                with_, without = ({k: statistics.median(r[k] for r in runs[off]) for k in (0, 1)} for off in (False, True))
                rows.append({"piece": piece, "target": target, "n": args.size, "with": with_, "without": without,
                             "runs": {str(k): v for k, v in runs.items()}, "load": load})
                gain = [100 * (without[k] - with_[k]) / without[k] for k in (0, 1)]
                print(f"{piece:10} {target:10} N={args.size}: wall {with_[0]:6.2f} s with, {without[0]:6.2f} s without "
                      f"({gain[0]:+.0f} %); CPU {with_[1]:6.2f} s with, {without[1]:6.2f} s without ({gain[1]:+.0f} %); "
                      f"load {load:.1f}", flush=True)
        print(json.dumps(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
