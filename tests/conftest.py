"""Shared fixtures: the project's paths, a scratch copy of content/, one real build, and a small
synthetic project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real content/, to break on purpose."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def run_generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command line, as an editor would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once into a temporary folder, through `python -m generator build`."""
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_generator("build", "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


def synthesise(size: int, out: Path) -> subprocess.CompletedProcess:
    """Run benchmarks/synth.py, as `make bench` does."""
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--size", str(size), "--out", str(out)],
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def synthetic_project(tmp_path_factory) -> Path:
    """A project of synthetic content (8 organisations) with the real templates and mkdocs.yml."""
    project = tmp_path_factory.mktemp("synthetic")
    result = synthesise(8, project)
    assert result.returncode == 0, result.stderr
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project
