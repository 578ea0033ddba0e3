#!/usr/bin/env python3
"""`make bench`: time the generator against plain MkDocs on synthetic content of each size N.

For each N it writes a synthetic project in a temporary folder (benchmarks/synth.py, the repo's
templates/ and mkdocs.yml) and measures, each step in its own process: `check` (cold, then again
after editing one file), the generator alone (check, facts and both languages' pages in memory),
the card images (drawn from nothing, then found in their store), the full `build` (after a
check, as `make site` runs it), `export`, and a plain `mkdocs build` of
each exported language. It prints the table and writes it, with the machine, to RESULTS.md.

    python benchmarks/bench.py --sizes 125 250 500 --results benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.site import SEARCH_EXCLUDED  # noqa: E402 - this checkout's, as the build uses it
from generator.timings import ENV as TIMINGS  # noqa: E402
from generator.timings import PhaseTime  # noqa: E402

BIN = Path(sys.executable).parent
GENERATE = """
import sys
from pathlib import Path
from generator.check import check
from generator.facts import build_factset
from generator.model import LANGS
from generator.render import render_language
facts = build_factset(check(Path(sys.argv[1])))
for lang in LANGS:
    render_language(facts, lang, Path(sys.argv[2]))
"""


# The image step alone: every page's card of both languages, through the build's own store of
# drawn cards (beside content/); prints how long `card_images` took (the rest is setup).
CARDS = """
import json, sys, time
from pathlib import Path
from generator.cards import CardStore, card_images
from generator.check import check
from generator.facts import build_factset
from generator.model import LANGS
from generator.render import render_language
content, templates = Path(sys.argv[1]), Path(sys.argv[2])
facts = build_factset(check(content))
pages = {lang: render_language(facts, lang, templates) for lang in LANGS}
store = CardStore.beside(content, templates)
wall, cpu = time.perf_counter(), time.process_time()
count = sum(len(card_images(pages[lang], store)) for lang in LANGS)
print(json.dumps({"cards": count, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "drawn": store.drawn, "reused": store.reused}))
"""


def cards_step(project: Path) -> dict[str, float]:
    """The image step's own cost on `project`: the cards it draws or reads back, in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CARDS, "content", "templates"], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: the image step failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.splitlines()[-1])


@dataclass(frozen=True)
class Run:
    """One measured step: wall and CPU seconds, the largest process's peak RSS, and the peak of
    the memory the whole process tree holds (sampled every 50 ms; proportional set sizes, so a
    page forked processes share is counted once)."""

    wall: float
    cpu: float
    max_rss_mib: float
    tree_rss_mib: float


REPEAT = 1  # runs of each step (--repeat): the fastest is kept, and the largest memory of them all


def measure(*commands: list[str], cwd: Path, env: dict[str, str] | None = None, repeat: int | None = None) -> Run:
    """Run `commands` at once, each step in a fresh wrapper process so its peak RSS is its own;
    `env`, more environment variables. Run REPEAT times (this machine is shared: the fastest run
    is the closest to the work's own cost), keeping the fastest time and the largest memory."""
    wrapper = [sys.executable, __file__, "--measure", json.dumps([list(c) for c in commands])]
    runs = []
    for _ in range(repeat or REPEAT):
        result = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
        if result.returncode != 0:
            raise SystemExit(f"bench: {' '.join(commands[0])} failed:\n{result.stderr[-3000:]}")
        runs.append(Run(**json.loads(result.stdout.splitlines()[-1])))
    return best(runs)


def best(runs: list[Run]) -> Run:
    """The fastest run's times, with the largest memory any run needed."""
    fastest = min(runs, key=lambda r: r.wall)
    return Run(fastest.wall, fastest.cpu, max(r.max_rss_mib for r in runs), max(r.tree_rss_mib for r in runs))


def _measure_here(commands: list[list[str]]) -> None:
    """The wrapper: run the commands, sample the tree's memory, print the Run as JSON."""
    # This checkout's generator, whichever one the environment was installed from.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in commands]
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_kib(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = [p.communicate()[1] for p in procs]
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    for proc, err in zip(procs, errors):
        if proc.returncode != 0:
            sys.stderr.write(err)
            raise SystemExit(1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_mib": usage.ru_maxrss / 1024,
                      "tree_rss_mib": peak[0] / 1024}))


def _tree_rss_kib(root: int) -> int:
    """The memory `root`'s descendants hold together, from /proc: each process's proportional set
    size (a page shared by forked processes counted once, split between them), or its resident
    size where the kernel does not tell."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as fh:
                stat = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        total += _pss_kib(pid)
        todo += children.get(pid, [])
    return total


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def bench_size(n: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"factsheet-bench-{n}-"))
    try:
        project = work / "project"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--size", str(n), "--out", str(project)],
                       check=True, capture_output=True)
        # The check trusts a file on its stat only if it was last written more than 2 s before the
        # previous check began (cache.RACY_NS): as an editor's files are, but not files written
        # by synth.py a moment ago, which the re-check would otherwise read and hash again.
        time.sleep(2.1)
        shutil.copytree(ROOT / "templates", project / "templates")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        records = sum(1 for _ in (project / "content").glob("*/*.yaml"))
        py = [sys.executable]
        row: dict[str, object] = {"n": n, "records": records}
        check = py + ["-m", "generator", "check", "--content", "content"]
        cold = []
        for _ in range(REPEAT):
            shutil.rmtree(project / ".cache", ignore_errors=True)  # cold: no cache from an earlier check
            cold.append(measure(check, cwd=project, repeat=1))
        row["check"] = best(cold)
        again = []
        for i in range(REPEAT):
            _edit_one_file(project / "content", i)
            again.append(measure(check, cwd=project, repeat=1))
        row["recheck"] = best(again)
        row["generator"] = measure(py + ["-c", GENERATE, "content", "templates"], cwd=project)
        # The card images: drawn from nothing (a first build, or one after the cards' look
        # changed), then read back from the store as every later build does, the build below too.
        shutil.rmtree(project / ".cache" / "factsheet" / "cards", ignore_errors=True)
        row["cards_cold"] = cards_step(project)
        row["cards_warm"] = cards_step(project)
        # Each build writes its phases' timings (generator/timings.py) to this file: the report says where the time went.
        timings = work / "timings.jsonl"
        row["build"] = measure(py + ["-m", "generator", "build", "--site-dir", str(work / "site")], cwd=project,
                               env={TIMINGS: str(timings)})
        row["build_phases"] = fastest_phases(timings)
        row["pages"] = sum(1 for lang in ("en", "fr") for _ in (work / "site" / lang).rglob("index.html"))
        # Issue 14: the build after a one-record edit, against the full build before it.
        _edit_one_file(project / "content", REPEAT)
        row["rebuild"] = measure(py + ["-m", "generator", "build", "--site-dir", str(work / "site")], cwd=project,
                                 env={TIMINGS: str(timings)})
        row["rebuild_phases"] = fastest_phases(timings)
        # The build that holds the least memory: one language at a time, each in its own process.
        row["build_lean"] = measure(py + ["-m", "generator", "build", "--site-dir", str(work / "site-lean")], cwd=project,
                                    env={"FACTSHEET_JOBS": "1"})
        row["export"] = measure(py + ["-m", "generator", "export", str(work / "export")], cwd=project)
        plain = [[str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "export" / lang / "mkdocs.yml")] for lang in ("en", "fr")]
        runs = [measure(command, cwd=project) for command in plain]
        row["plain"] = Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.max_rss_mib for r in runs),
                           max(r.tree_rss_mib for r in runs))
        row["plain_parallel"] = measure(*plain, cwd=project)
        # Pagefind alone over our built site: the part of `build` that is neither us nor MkDocs.
        excluded = [arg for selector in SEARCH_EXCLUDED for arg in ("--exclude-selectors", selector)]
        row["pagefind"] = measure([sys.executable, "-m", "pagefind", "--site", str(work / "site"), "--output-subdir",
                                   "pagefind-bench", "--silent", *excluded], cwd=project)
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fastest_phases(path: Path, entry: str = "build") -> list[PhaseTime]:
    """The phases of the fastest build recorded in the timings file at `path` (each run of a
    measured step appends one line), which is then emptied for the next step."""
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        record = json.loads(line)
        if record["entry"] == entry:
            runs.append([PhaseTime(p["name"], p["wall"], p["cpu"], p.get("within", "")) for p in record["phases"]])
    path.unlink(missing_ok=True)
    return min(runs, key=lambda phases: sum(p.wall for p in phases if not p.within), default=[])


def where_the_time_went(what: str, wall: float, phases: list[PhaseTime], outside: str = "start-up and imports",
                        cpu: float | None = None) -> str:
    """One sentence: the `wall` seconds (and `cpu` CPU seconds, if known) of `what`, split by phase,
    each as wall / CPU seconds (those within the languages phase, run side by side in one process
    per language, in brackets); the rest is `outside` the phases."""
    if not phases:
        return f"{what}: {wall:.2f} s (no phase timings recorded)"
    top = [p for p in phases if not p.within]
    rest_cpu = f" / {cpu - sum(p.cpu for p in top):.2f}" if cpu is not None else ""
    parts = [f"{outside} {wall - sum(p.wall for p in top):.2f}{rest_cpu}"]
    for p in top:
        inner = [q for q in phases if q.within == p.name]
        detail = ""
        if inner:
            kinds: dict[str, list[str]] = {}
            for q in inner:
                kind, _, lang = q.name.rpartition(" ")
                kinds.setdefault(kind, []).append(f"{lang} {q.wall:.2f} / {q.cpu:.2f}")
            detail = " (" + ", ".join(f"{kind} {'; '.join(v)}" for kind, v in kinds.items()) + ")"
        parts.append(f"{p.name} {p.wall:.2f} / {p.cpu:.2f}{detail}")
    total = f"{wall:.2f} s" + (f" (CPU {cpu:.2f} s)" if cpu is not None else "")
    return f"of the {what}'s {total}: " + ", ".join(parts) + " (seconds, wall / CPU)"


def _edit_one_file(content: Path, i: int = 0) -> None:
    path = sorted((content / "organisations").glob("*.yaml"))[i]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  en: "', '  en: "Edited for the benchmark. ', 1), encoding="utf-8")


def serve_latency(size: int | None = None) -> tuple[list[float], list[list[PhaseTime]]]:
    """The seconds from each save to the page served under `mkdocs serve`, and the phases of each
    save's rebuild."""
    saves = 3 if size else 5
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-serve-") as scratch:
        timings = Path(scratch) / "timings.jsonl"
        result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "serve_latency.py"), "--json", "--saves", str(saves),
                                 *(["--size", str(size)] if size else [])],
                                capture_output=True, text=True, env={**os.environ, TIMINGS: str(timings)})
        records = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()] if timings.is_file() else []
    if result.returncode != 0:
        if size:  # the build figures above are kept: the serve target is reported as not measured
            print(f"bench: serve_latency.py --size {size} failed:\n{result.stderr[-3000:]}", file=sys.stderr)
            return [], []
        raise SystemExit(f"bench: serve_latency.py failed:\n{result.stderr[-3000:]}")
    rebuilds = [[PhaseTime(p["name"], p["wall"], p["cpu"], p.get("within", "")) for p in r["phases"]]
                for r in records if r["entry"] == "serve"][1:]  # the first is the server's first build
    return json.loads(result.stdout.splitlines()[-1]), rebuilds[-saves:]


# --- the report ------------------------------------------------------------------------------------


def table(rows: list[dict], latencies: list[float]) -> str:
    head = ("| N | records | pages | check (cold) | re-check | generator | build | plain MkDocs | build / plain "
            "| ms per page | pages per s | peak memory (largest process / all processes) |")
    lines = [head, "|" + " --- |" * 12]
    for r in rows:
        build, plain = r["build"], r["plain"]
        lines.append(f"| {r['n']} | {r['records']} | {r['pages']} | {r['check'].wall:.2f} s | {r['recheck'].wall:.2f} s "
                     f"| {r['generator'].wall:.2f} s | {build.wall:.1f} s | {plain.wall:.1f} s | {build.wall / plain.wall:.2f} "
                     f"| {1000 * build.wall / r['pages']:.1f} | {r['pages'] / build.wall:.0f} "
                     f"| {build.max_rss_mib:.0f} / {build.tree_rss_mib:.0f} MiB |")
    lines += ["", "CPU seconds (user + system, all processes of the step), and plain MkDocs with both languages at once:", "",
              "| N | check (cold) | re-check | generator | build | export | plain MkDocs | plain, both at once (wall) | build / "
              "plain, both at once |",
              "|" + " --- |" * 9]
    for r in rows:
        lines.append(f"| {r['n']} | {r['check'].cpu:.2f} | {r['recheck'].cpu:.2f} | {r['generator'].cpu:.2f} | {r['build'].cpu:.1f} "
                     f"| {r['export'].cpu:.1f} | {r['plain'].cpu:.1f} | {r['plain_parallel'].wall:.1f} s "
                     f"| {r['build'].wall / r['plain_parallel'].wall:.2f} |")
    by_n = {r["n"]: r for r in rows}
    pairs = [(big, small) for big in by_n for small in by_n if big == 2 * small]
    if pairs:
        lines += ["", "Growth (time at 2N / time at N):", ""]
        for big, small in pairs:
            ratio = {k: by_n[big][k].wall / by_n[small][k].wall for k in ("check", "recheck", "generator", "build", "plain")}
            lines.append(f"- N={big} / N={small}: " + ", ".join(f"{k} {v:.2f}×" for k, v in ratio.items()))
    if latencies:
        ordered = sorted(latencies)
        lines += ["", f"serve, seed content: saving a YAML file to the page served rebuilt: median {ordered[len(ordered) // 2]:.2f} s, "
                      f"worst {ordered[-1]:.2f} s over {len(ordered)} saves (benchmarks/serve_latency.py)."]
    lines += ["", "Pagefind alone (indexing our built site, wall / CPU seconds, peak RSS): " + "; ".join(
        f"N={r['n']}: {r['pagefind'].wall:.1f} s / {r['pagefind'].cpu:.1f} s, {r['pagefind'].max_rss_mib:.0f} MiB" for r in rows) + "."]
    lines += ["", "The build one language at a time (`FACTSHEET_JOBS=1`: the least memory), wall seconds and peak memory "
                  "(largest process / all processes): " + "; ".join(
        f"N={r['n']}: {r['build_lean'].wall:.1f} s ({r['build_lean'].wall / r['plain'].wall:.2f} × plain), "
        f"{r['build_lean'].max_rss_mib:.0f} / {r['build_lean'].tree_rss_mib:.0f} MiB" for r in rows) + "."]
    lines += ["", "Card images (both languages; the image step alone, in one process): " + "; ".join(
        f"N={r['n']}: {r['cards_cold']['cards']} cards, drawn from nothing {r['cards_cold']['wall']:.1f} s, "
        f"already in the store {r['cards_warm']['wall']:.2f} s ({100 * r['cards_warm']['wall'] / r['build'].wall:.1f} % "
        f"of the build's {r['build'].wall:.1f} s)" for r in rows) + "."]
    lines += ["", "## The targets of issue 5", "", *targets(rows, latencies)]
    return "\n".join(lines)


def targets(rows: list[dict], latencies: list[float]) -> list[str]:
    """Each target of issue 5 at the largest N measured: the figure, and met or how far off."""
    big = max(rows, key=lambda r: r["n"])
    half = next((r for r in rows if 2 * r["n"] == big["n"]), None)
    checks = [
        (f"`check` under 1 s at N={big['n']} (cold)", big["check"].wall, 1.0, "s"),
        (f"re-check after editing one file, well under 1 s (taken as at most 0.5 s; N={big['n']})", big["recheck"].wall, 0.5, "s"),
        ("full build at most 1.15 × plain MkDocs (`mkdocs build` of each language)", big["build"].wall / big["plain"].wall, 1.15, "×"),
        (f"at most 8 ms per page at N={big['n']}", 1000 * big["build"].wall / big["pages"], 8.0, "ms"),
        (f"peak memory under 1 GiB at N={big['n']} (largest process)", big["build"].max_rss_mib, 1024.0, "MiB"),
        (f"peak memory under 1 GiB at N={big['n']} (all the build's processes together)", big["build"].tree_rss_mib, 1024.0, "MiB"),
        (f"the same, one language at a time (`FACTSHEET_JOBS=1`; its build takes "
         f"{big['build_lean'].wall / big['plain'].wall:.2f} × plain MkDocs)", big["build_lean"].tree_rss_mib, 1024.0, "MiB"),
    ]
    checks.append((f"issue 13: card images under 10 % of a build at N={big['n']} (cards already drawn, as every build after the first)",
                   100 * big["cards_warm"]["wall"] / big["build"].wall, 10.0, "%"))
    if half is not None:
        checks.append((f"linear: build at N={big['n']} at most 2.2 × N={half['n']}", big["build"].wall / half["build"].wall, 2.2, "×"))
    if latencies:
        checks.append(("serve: page rebuilt and served within 2 s of saving (seed, median)", sorted(latencies)[len(latencies) // 2], 2.0, "s"))
    out = ["| target | measured | met? |", "| --- | --- | --- |"]
    for name, value, limit, unit in checks:
        verdict = "met" if value <= limit else f"not met: {value / limit:.2f} × the target"
        out.append(f"| {name} | {value:.2f} {unit} | {verdict} |")
    pages_ms = 1000 * big["pagefind"].wall / big["pages"]
    out += ["", f"For reference at N={big['n']}: our build against plain MkDocs building both languages at once on the two "
                f"cores: {big['build'].wall / big['plain_parallel'].wall:.2f} ×; Pagefind alone: {pages_ms:.1f} ms per page; "
                f"plain MkDocs alone: {1000 * big['plain'].wall / big['pages']:.1f} ms per page."]
    return out


def issue_14(rows: list[dict], latencies: list[float], rebuilds: list[list[PhaseTime]] | None = None) -> list[str]:
    """The targets of issue 14 at the largest N: a saved edit served under `mkdocs serve`, the
    build after a one-record edit, and the full build against plain MkDocs on the exported pages;
    each with where its time went, phase by phase (`rebuilds`: the phases of each save's rebuild)."""
    big = max(rows, key=lambda r: r["n"])
    checks = [(f"`generator build` after a one-record edit at most 0.3 × the full build before it (N={big['n']}: "
               f"{big['rebuild'].wall:.1f} s / {big['build'].wall:.1f} s)", big["rebuild"].wall / big["build"].wall, 0.3, "×"),
              (f"full build at most 1.0 × plain MkDocs on the exported pages (N={big['n']})", big["build"].wall / big["plain"].wall, 1.0, "×")]
    notes = [] if latencies else [f"serve at N={big['n']}: not measured (`--no-serve`, or serve_latency.py --size {big['n']} failed: see the log)"]
    if latencies:
        checks.append((f"serve: a saved edit served within 1 s at N={big['n']} (median of {len(latencies)} saves)",
                       sorted(latencies)[len(latencies) // 2], 1.0, "s"))
    out = ["| target | measured | met? |", "| --- | --- | --- |"]
    for name, value, limit, unit in checks:
        verdict = "met" if value <= limit else f"not met: {value / limit:.2f} × the target"
        out.append(f"| {name} | {value:.2f} {unit} | {verdict} |")
    rebuild = where_the_time_went("rebuild", big["rebuild"].wall, big["rebuild_phases"], cpu=big["rebuild"].cpu)
    full = where_the_time_went("full build", big["build"].wall, big["build_phases"], cpu=big["build"].cpu)
    why = [f"- the rebuild after a one-record edit: {rebuild}.",
           f"- the full build: {full}; plain MkDocs takes "
           f"{big['plain'].wall:.2f} s for both languages one after the other, {big['plain_parallel'].wall:.2f} s side by side, and "
           f"has no render, hub or search phase (Pagefind alone: {big['pagefind'].wall:.2f} s)."]
    if latencies and rebuilds:
        median = sorted(range(len(latencies)), key=lambda i: latencies[i])[len(latencies) // 2]
        if median < len(rebuilds):
            why.append(f"- serve, the median save: {where_the_time_went('save', latencies[median], rebuilds[median], 'outside the build')}"
                       " (outside the build: noticing the save, loading the configuration, serving the page; the search index "
                       "is made after the page is served).")
    return out + ["", f"Where the time goes (N={big['n']}):", "", *why] + ([""] + notes if notes else [])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    import yaml

    packages = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "PyYAML", "pagefind", "python-slugify"))
    return (f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem / 1024 / 1024:.1f} GiB; {platform.system()} {platform.release()}\n"
            f"- Python {platform.python_version()}; {packages}; libyaml: {'yes' if yaml.__with_libyaml__ else 'no'}\n"
            f"- load average when the run began / ended: {{load_start}} / {{load_end}} (the machine is shared)")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        _measure_here(json.loads(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500])
    parser.add_argument("--results", type=Path, help="write the report here (Markdown)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency measure")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step; the fastest is kept")
    args = parser.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    load_start = os.getloadavg()[0]
    rows = []
    for n in args.sizes:
        print(f"bench: N={n} …", file=sys.stderr, flush=True)
        rows.append(bench_size(n))
    latencies = [] if args.no_serve else serve_latency()[0]
    big = max(args.sizes)
    big_latencies, rebuilds = ([], []) if args.no_serve else serve_latency(big)
    report = table(rows, latencies) + "\n\n## The targets of issue 14\n\n" + "\n".join(issue_14(rows, big_latencies, rebuilds))
    print(report)
    if args.results:
        about = machine().format(load_start=f"{load_start:.1f}", load_end=f"{os.getloadavg()[0]:.1f}")
        command = "make bench SIZES=\"" + " ".join(map(str, args.sizes)) + f"\" REPEAT={REPEAT}"
        args.results.write_text(f"# Benchmark results\n\nMeasured with `{command}` on:\n\n{about}\n\n"
                                f"Times are wall-clock seconds unless said otherwise; each step ran {REPEAT} time(s), the fastest kept "
                                f"(with the largest memory of its runs).\n\n{report}\n", encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
