"""`run_generator` runs the commands that neither build nor serve in the test's own process
(`conftest.IN_PROCESS`): for each of them, the same run in a new interpreter, as an editor runs it,
gives the same exit code, the same output and the same files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import IN_PROCESS, ROOT, run_generator
from test_new import FULL


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def misspell(content: Path) -> None:
    org = content / "organisations" / "meta.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("kind: company", "kind: compnay") + "websit: x\n", encoding="utf-8")


def saved_page(content: Path) -> None:
    shutil.copy(ROOT / "tests" / "pages" / "news-article.html", content.parent / "ledger.html")


# name: (the command's arguments, {content} standing for the content folder; what is done to the copy of content/ first)
RUNS: dict[str, tuple[list[str], Callable[[Path], None] | None]] = {
    "check, clean": (["check", "--content", "{content}"], None),
    "check, two mistakes": (["check", "--content", "{content}"], misspell),
    "new organisation": (["new", "organisation", "--content", "{content}", *FULL["organisation"][0]], None),
    "new quote, refused": (["new", "quote", "--content", "{content}", "--speaker", "nobody"], None),
    "an unknown option": (["new", "organisation", "--content", "{content}", "--colour", "blue"], None),
    "source add, a saved page": (["source", "add", "{content}/../ledger.html", "--id", "ledger", "--content", "{content}"], saved_page),
    "report": (["report", "--content", "{content}"], None),
    "diff": (["diff", "HEAD"], None),
}
CAPTURED = re.compile(r'captured_at: "[^"]*"')  # the time of the run


def test_the_runs_cover_every_command_run_in_the_test_s_process() -> None:
    assert {args[0] for args, _ in RUNS.values()} == IN_PROCESS


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_command_run_in_the_test_s_process_does_what_it_does_in_a_new_one(tmp_path: Path, name: str) -> None:
    args, prepare = RUNS[name]
    outcomes = []
    for way in ("here", "process"):
        content = tmp_path / way / "content"
        shutil.copytree(ROOT / "content", content)
        if prepare:
            prepare(content)
        result = run_generator(*(a.replace("{content}", str(content)) for a in args), process=way == "process")
        written = {rel: CAPTURED.sub("captured_at: <time>", data.decode("utf-8", "replace")) for rel, data in files(content).items()}
        outcomes.append((result.returncode, result.stdout.replace(str(content), "<content>"),
                         result.stderr.replace(str(content), "<content>"), written))
    assert outcomes[0][:3] == outcomes[1][:3]
    assert outcomes[0][3] == outcomes[1][3]
