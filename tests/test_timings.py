"""The build's phases, timed: `python -m generator build` and `mkdocs build` run the same phases in
the same order, and each build appends them to the file FACTSHEET_TIMINGS names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.timings import PhaseTime, Timings, read_last
from test_site import project_copy

LANGUAGE_PHASES = ["render en", "keep en", "MkDocs en", "render fr", "keep fr", "MkDocs fr"]


def test_a_phase_is_timed_even_when_it_fails_and_the_inner_phases_follow_theirs() -> None:
    timings = Timings()
    try:
        with timings.phase("check"):
            raise ValueError("broken")
    except ValueError:
        pass
    with timings.phase("languages"):
        timings.extend([PhaseTime("render en", 0.5, 0.4, "languages")])
    assert [p.name for p in timings.phases] == ["check", "render en", "languages"]
    assert [p.name for p in timings.in_order()] == ["check", "languages", "render en"]
    assert all(p.wall >= 0 and p.cpu >= 0 for p in timings.phases)
    assert timings.lines()[2].startswith("  render en")


@pytest.mark.slow
def test_python_build_and_mkdocs_build_run_the_same_phases_and_record_them(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    record = tmp_path / "timings.jsonl"
    built = run_generator("build", "--verbose", "--site-dir", str(tmp_path / "site"), cwd=project,
                          env={"FACTSHEET_TIMINGS": str(record)})
    assert built.returncode == 0, built.stderr
    ours = read_last(record)
    assert [p.name for p in ours] == ["check", "index", "languages", *LANGUAGE_PHASES, "hub", "search", "swap"]
    assert [p.name for p in ours if p.within] == LANGUAGE_PHASES
    languages = next(p for p in ours if p.name == "languages")
    for lang in ("en", "fr"):  # side by side, each inside the languages phase
        assert sum(p.wall for p in ours if p.name.endswith(f" {lang}")) <= languages.wall + 0.05
    shown = [line.split()[0] for line in built.stdout.splitlines()[1:] if line.startswith("  ")]
    assert shown == ["check", "index", "languages", "render", "keep", "MkDocs", "render", "keep", "MkDocs", "hub", "search", "swap"]

    mkdocs = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(tmp_path / "mk")], cwd=project,
                            capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                 "FACTSHEET_TIMINGS": str(record)})
    assert mkdocs.returncode == 0, mkdocs.stderr
    entries = [json.loads(line)["entry"] for line in record.read_text(encoding="utf-8").splitlines()]
    assert entries == ["build", "mkdocs build"]
    assert [p.name for p in read_last(record)] == [p.name for p in ours if p.name != "swap"]
