"""Shared fixtures: the project's paths, a scratch copy of content/, one real build, and a small
synthetic project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"
GOLDEN = ROOT / "tests" / "golden"


def pytest_configure(config: pytest.Config) -> None:
    # The card images are drawn once for the whole run, whichever copy of content/ a test builds
    # (they are kept by what they show: generator/cards.py); the store goes when the run ends.
    if "FACTSHEET_CARD_STORE" not in os.environ:
        config.card_store = tempfile.mkdtemp(prefix="factsheet-cards-")
        os.environ["FACTSHEET_CARD_STORE"] = config.card_store


def pytest_unconfigure(config: pytest.Config) -> None:
    store = getattr(config, "card_store", None)
    if store:
        shutil.rmtree(store, ignore_errors=True)
        os.environ.pop("FACTSHEET_CARD_STORE", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the files of tests/golden/ from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compares an output with tests/golden/<name>; `pytest --update-golden` rewrites the file instead."""

    def compare(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs: if the change is right, run pytest --update-golden"

    return compare


@pytest.fixture(scope="session")
def articles() -> Path:
    """The two source articles, from ../shared beside the clone (where this project's CI runs).
    A GitHub Actions run has no ../shared: there, and only there, the tests that need it skip."""
    if not ARTICLES.is_dir():
        if os.environ.get("GITHUB_ACTIONS") == "true":
            pytest.skip("../shared/articles is not available on GitHub Actions")
        pytest.fail(f"the source articles are not at {ARTICLES}: run with ../shared beside the clone")
    return ARTICLES


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real content/, to break on purpose."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def run_generator(*args: str, cwd: Path = ROOT, input: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as an editor would; `input` is what they type at its questions,
    `env` more environment variables."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, input=input,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})})


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
