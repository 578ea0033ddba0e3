"""A property of check and build together, on randomly mutated seed content: neither ever ends in
a traceback, and build succeeds exactly when check does. The mutations are drawn from a fixed
seed (the same every run), each applied to a fresh copy of content/; build runs on each."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, check_in_process, run_generator

SEED = 15
MUTATIONS = 24
HOSTILE_VALUES = ['"\\e[2J"', '"Index"', '"0000-01-01"', '"' + "long " * 60 + '"', '"a\\u2028b"', '"e"', '"{{ 7*7 }}"',
                  '"<script>alert(1)</script>"', "unknown", "[]", '""', "null", '"a\\rb"', '"\\x1f0\\x1f"', "yes", "2024-13",
                  '"unclear regulatory guidance"', '"clear regulatory guidance"', "- x", "{a: b}", '"unclosed']


def _mutate(rng: random.Random, content: Path, ids: list[str]) -> str:
    """Change content/ at random, in one of the ways an editor's slip or a hostile change would;
    returns what was done."""
    files = sorted(p for p in content.rglob("*.yaml"))
    path = rng.choice(files)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    what = rng.choice(["value", "value", "reference", "delete", "duplicate", "copy", "self-evidence"])
    at = rng.randrange(len(lines))
    if what == "value" and ": " in lines[at]:
        key = lines[at].split(": ", 1)[0]
        lines[at] = f"{key}: {rng.choice(HOSTILE_VALUES)}\n"
    elif what == "reference":
        candidates = [i for i, line in enumerate(lines) if any(line.rstrip().endswith(rid) for rid in ids)]
        if candidates:
            at = rng.choice(candidates)
            old = next(rid for rid in ids if lines[at].rstrip().endswith(rid))
            lines[at] = lines[at].rstrip()[: -len(old)] + rng.choice(ids) + "\n"
    elif what == "delete":
        del lines[at]
    elif what == "duplicate":
        lines.insert(at, lines[at])
    elif what == "copy":
        shutil.copy(path, path.with_name(f"copy-{path.name}"))
    elif what == "self-evidence" and path.parent.name == "events":
        lines.append(f"  - event: {path.stem}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return f"{what} in {path.relative_to(content.parent)} at line {at + 1}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _cases() -> list[int]:
    return list(range(MUTATIONS))


def mutated(case: int, content: Path) -> list[str]:
    """content/ copied to `content` and changed by mutation `case`; returns what was done."""
    rng = random.Random(SEED * 1000 + case)
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    ids = sorted(p.stem for p in content.glob("*/*.yaml"))
    return [_mutate(rng, content, ids) for _ in range(rng.randint(1, 2))]


@pytest.mark.parametrize("case", _cases())
def test_check_then_build_agree_on_mutated_content_without_a_traceback(project: Path, case: int) -> None:
    content = project / "content"
    done = mutated(case, content)
    code, _, err = check_in_process(content)  # a traceback would fail the test here
    assert code in (0, 1), (done, err)
    build = run_generator("build", "--site-dir", str(project / "site"), cwd=project)
    assert "Traceback" not in build.stderr, (done, build.stderr)
    assert build.returncode == code, (done, err, build.stderr[-3000:])


def test_the_mutations_include_content_check_accepts_and_build_builds(tmp_path: Path) -> None:
    """Some mutations leave content that checks clean (then built above), some do not. (Checked
    again here, in-process: pytest-xdist runs the cases above in other processes.)"""
    outcomes = []
    for case in _cases():
        mutated(case, tmp_path / "content")
        outcomes.append(check_in_process(tmp_path / "content")[0])
    print(f"mutations accepted by check (and built): {outcomes.count(0)} of {MUTATIONS}")
    assert outcomes.count(0) >= 3 and outcomes.count(1) >= 3, outcomes
