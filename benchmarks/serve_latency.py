#!/usr/bin/env python3
"""How long `mkdocs serve` takes, on the seed content (or synthetic content of N organisations),
from saving a YAML file to serving the page rebuilt (the moment livereload tells the browser to
reload): several saves, one line each.

    python benchmarks/serve_latency.py [--size N] [--saves 5] [--json]

With FACTSHEET_TIMINGS=FILE, each rebuild's phases are appended to FILE (and printed with each save).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Set, it names a file each rebuild of the server appends its phase timings to (see generator/timings.py).
TIMINGS = "FACTSHEET_TIMINGS"


def watched(content: Path) -> tuple[Path, str, str]:
    """The organisation whose file is saved: its file, its English page, and its name."""
    from generator.facts import build_factset
    from generator.load import load
    from generator.urls import url_of

    facts = build_factset(load(content))
    oid = "apple" if "apple" in facts.organisations else min(facts.organisations)
    return (content / "organisations" / f"{oid}.yaml", "en/" + url_of(facts, "organisations", oid, "en"),
            html.escape(facts.organisations[oid].name["en"], quote=False))


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`, polled every 20 ms."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"serve_latency: {url} did not show {text!r} within {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def _phases() -> str:
    """The phases of the server's last build, if FACTSHEET_TIMINGS asks for them."""
    if not os.environ.get(TIMINGS) or not Path(os.environ[TIMINGS]).is_file():
        return ""
    from generator.timings import read_last

    return " (" + ", ".join(f"{p.name} {p.wall:.2f} s" for p in read_last(Path(os.environ[TIMINGS]))) + ")"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the latencies as one JSON list")
    parser.add_argument("--size", type=int, help="synthetic content of N organisations (benchmarks/synth.py), not the seed")
    args = parser.parse_args()
    project = Path(tempfile.mkdtemp(prefix="factsheet-serve-"))
    if args.size:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--size", str(args.size), "--out", str(project)],
                       check=True, capture_output=True)
    else:
        shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    path, page, name = watched(project / "content")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                 **({TIMINGS: os.environ[TIMINGS]} if os.environ.get(TIMINGS) else {})})
    url = f"http://127.0.0.1:{port}/{page}"
    latencies = []
    try:
        wait_for(url, name, 120 + (args.size or 0))
        for i in range(args.saves):
            time.sleep(1.0)  # let the server settle, as between two saves by hand
            marker = f"Edit number {i}."
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace('description:\n  en: "', f'description:\n  en: "{marker} ', 1), encoding="utf-8")
            latencies.append(wait_for(url, marker, 60 + (args.size or 0)))
            if not args.json:
                print(f"save {i + 1}: page rebuilt and served after {latencies[-1]:.2f} s{_phases()}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(project, ignore_errors=True)
    if args.json:
        print(json.dumps(latencies))


if __name__ == "__main__":
    main()
