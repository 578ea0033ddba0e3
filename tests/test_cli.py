"""`run_generator` runs some commands in the test's own process (`conftest.IN_PROCESS`): for each of
them, the same run in a new interpreter, as an editor runs it, gives the same exit code, the same
output and the same files (the content folder's, and the whole site a build writes).

A build in the test's process is not a new interpreter's first build: what the process kept from
the builds before (imported modules, caches) must not change a byte, and these runs come after
others in the same worker.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import IN_PROCESS, ROOT, run_generator
from test_new import FULL
from test_site import link_to_nowhere, undefined_in_a_template


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def misspell(project: Path) -> None:
    org = project / "content" / "organisations" / "meta.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("kind: company", "kind: compnay") + "websit: x\n", encoding="utf-8")


def saved_page(project: Path) -> None:
    shutil.copy(ROOT / "tests" / "pages" / "news-article.html", project / "ledger.html")


# name: (the command's arguments, {content} standing for the copy of content/ and {project} for
# the project holding it, templates/ and mkdocs.yml, where the command runs if it names it (else in
# this repository); what is done to the project first)
RUNS: dict[str, tuple[list[str], Callable[[Path], object] | None]] = {
    "check, clean": (["check", "--content", "{content}"], None),
    "check, two mistakes": (["check", "--content", "{content}"], misspell),
    "new organisation": (["new", "organisation", "--content", "{content}", *FULL["organisation"][0]], None),
    "new quote, refused": (["new", "quote", "--content", "{content}", "--speaker", "nobody"], None),
    "an unknown option": (["new", "organisation", "--content", "{content}", "--colour", "blue"], None),
    "source add, a saved page": (["source", "add", "{content}/../ledger.html", "--id", "ledger", "--content", "{content}"], saved_page),
    "report": (["report", "--content", "{content}"], None),
    "diff": (["diff", "HEAD"], None),
    "build": (["build", "--site-dir", "{project}/site"], None),
    "build, a template error": (["build", "--site-dir", "{project}/site"], undefined_in_a_template),
    "build, a broken link": (["build", "--site-dir", "{project}/site"], link_to_nowhere),
}
CAPTURED = re.compile(r'captured_at: "[^"]*"')  # the time of the run


def test_the_runs_cover_every_command_run_in_the_test_s_process() -> None:
    assert {args[0] for args, _ in RUNS.values()} == IN_PROCESS


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_command_run_in_the_test_s_process_does_what_it_does_in_a_new_one(tmp_path: Path, name: str) -> None:
    args, prepare = RUNS[name]
    outcomes = []
    for way in ("here", "process"):
        project = tmp_path / way
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "templates", project / "templates")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        if prepare:
            prepare(project)
        cwd = project if any("{project}" in a for a in args) else ROOT
        result = run_generator(*(a.replace("{content}", "{project}/content").replace("{project}", str(project)) for a in args),
                               cwd=cwd, process=way == "process")
        written = {rel: CAPTURED.sub("captured_at: <time>", data.decode("utf-8", "replace")) if not rel.startswith("site/") else data
                   for rel, data in files(project).items() if not rel.startswith(".cache/")}  # named after the folder, and timed
        outcomes.append((result.returncode, result.stdout.replace(str(project), "<project>"),
                         result.stderr.replace(str(project), "<project>"), written))
    assert outcomes[0][:3] == outcomes[1][:3]
    assert outcomes[0][3].keys() == outcomes[1][3].keys()
    assert [rel for rel, data in outcomes[0][3].items() if outcomes[1][3][rel] != data] == []
