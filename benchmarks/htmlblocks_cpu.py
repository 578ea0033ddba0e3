#!/usr/bin/env python3
"""The CPU of what `htmlblocks` changes in a build, without the rest of the build.

    python benchmarks/htmlblocks_cpu.py PROJECT [--old COMMIT] [--repeat 3]

renders every page of both languages of PROJECT (a folder with content/ and templates/, such as
benchmarks/synth.py makes with templates/ copied in), then, REPEAT times, runs for every page what
a language build runs on its Markdown that hiding changes: `hide`, Python-Markdown with MkDocs'
scan for anchors, `restore`; with the marked blocks hidden ("explicit"), with nothing hidden
("none") and, with --old, with the `htmlblocks` module of that commit hiding what it guessed on
the unmarked pages ("guessing"). Prints the median CPU seconds (process time) of each, and checks
that all give the same HTML and anchors.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
from mkdocs.structure.pages import _RawHTMLPreprocessor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.check import check  # noqa: E402
from generator.facts import build_factset  # noqa: E402
from generator.htmlblocks import hide, restore, unmark  # noqa: E402
from generator.model import LANGS  # noqa: E402
from generator.sitefiles import language_site  # noqa: E402

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]


def old_module(commit: str) -> Any:
    """`generator/htmlblocks.py` as it was at `commit`."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:generator/htmlblocks.py"], check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_htmlblocks.py"
    path.write_text(source.replace("from .errors", "from generator.errors"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_htmlblocks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_htmlblocks"] = module
    spec.loader.exec_module(module)
    return module


def convert(pages: list[str], hide_: Callable[[str], Any], restore_: Callable[[str, Any], str | None]) -> list[Any]:
    out = []
    for text in pages:
        shown, hidden = hide_(text)
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
        anchors = _RawHTMLPreprocessor()
        anchors._register(md)
        html = md.convert(shown)
        out.append((restore_(html, hidden), anchors.present_anchor_ids | (hidden.anchor_ids if hidden else set())))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--old", help="a commit whose htmlblocks guessed the blocks to hide")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    facts = build_factset(check(args.project / "content"))
    pages = []
    for lang in LANGS:
        site = language_site(facts, lang, args.project, args.project / "content", args.project / "templates",
                             "https://example.org/", marked=True)
        pages += [text.split("\n---\n", 1)[1] for src, text in site.files.items()
                  if src.endswith(".md") and isinstance(text, str) and text.startswith("---\n")]
    plain = [unmark(text) for text in pages]
    variants: dict[str, tuple[Callable[[str], Any], Callable[[str, Any], str | None], list[str]]] = {
        "explicit": (hide, restore, pages), "none": (lambda text: (text, None), lambda html, hidden: html, plain)}
    if args.old:
        old = old_module(args.old)
        variants["guessing"] = (old.hide, old.restore, plain)
    times: dict[str, list[float]] = {name: [] for name in variants}
    results = {}
    for _ in range(args.repeat):
        for name, (hide_, restore_, texts) in variants.items():
            start = time.process_time()
            results[name] = convert(texts, hide_, restore_)
            times[name].append(time.process_time() - start)
    assert all(result == results["none"] for result in results.values()), "the variants differ"
    print(f"{len(pages)} pages, {sum(map(len, plain)) / 1e6:.2f} MB of Markdown; CPU s, median of {args.repeat}: "
          + "; ".join(f"{name} {statistics.median(t):.2f} ({', '.join(f'{x:.2f}' for x in t)})" for name, t in times.items()))


if __name__ == "__main__":
    main()
