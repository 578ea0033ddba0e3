"""Shared fixtures: the project's paths, a scratch copy of content/, one real build, and a small
synthetic project."""

from __future__ import annotations

import difflib
import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
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
    # A run started in the background by a shell (`make test &`) ignores Ctrl-C (SIGINT), and so
    # would every command it starts: the test that stops `mkdocs serve` with Ctrl-C would wait in
    # vain. A signal ignored is inherited by a new program; one handled is not (it starts with the
    # default, for which Python sets its own handler): handled here, as in a run in the foreground.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_unconfigure(config: pytest.Config) -> None:
    store = getattr(config, "card_store", None)
    if store:
        shutil.rmtree(store, ignore_errors=True)
        os.environ.pop("FACTSHEET_CARD_STORE", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the files of tests/golden/ from the current output (runs only the tests that use them)")
    parser.addoption("--screenshots", action="store_true",
                     help="the browser tests also save a full-page screenshot of each page they look at, "
                          "in tests/artifacts/screenshots/ (`make screenshots`)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests marked `slow` run first (each of them takes a worker for several seconds: started
    last, one would keep the run going while the other worker has nothing left to do); with
    --update-golden (`make golden`), only the tests that compare with golden files run."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order
    if not config.getoption("--update-golden"):
        return
    keep = [item for item in items if "golden" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


DIFF_LINES = 40  # of each differing file's unified diff, in a failure's message


def golden_diff(name: str, expected: str | None, actual: str | None) -> str:
    """What differs between golden/<name> and the output, for a failure's message: a short unified diff."""
    if expected is None:
        return f"tests/golden/{name}: no such golden file (a new output)"
    if actual is None:
        return f"tests/golden/{name}: no longer produced"
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"tests/golden/{name}", "output", n=1, lineterm=""))
    more = f"\n... {len(lines) - DIFF_LINES} more lines of diff" if len(lines) > DIFF_LINES else ""
    return "\n".join(lines[:DIFF_LINES]) + more


class Golden:
    """Compares outputs with the files of tests/golden/; `pytest --update-golden` (`make golden`)
    rewrites them instead. A failure names each differing file and shows a short unified diff."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def __call__(self, name: str, actual: str) -> None:
        self.tree("", {name: actual}, exact=False)

    def tree(self, folder: str, files: dict[str, str], exact: bool = True) -> None:
        """Compare `files` (path within `folder` -> text) with tests/golden/<folder>/; with `exact`,
        a golden file there that is no longer produced is a difference too (and is removed on update)."""
        base = GOLDEN / folder
        present = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} if exact and base.is_dir() else set()
        names = sorted(set(files) | present)
        if self.update:
            for name in names:
                path = base / name
                if name in files:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    if not path.is_file() or path.read_text(encoding="utf-8") != files[name]:
                        path.write_text(files[name], encoding="utf-8")
                else:
                    path.unlink()
            return
        problems = []
        for name in names:
            path = base / name
            expected = path.read_text(encoding="utf-8") if path.is_file() else None
            if expected != files.get(name):
                problems.append(golden_diff(f"{folder}/{name}" if folder else name, expected, files.get(name)))
        if problems:  # raised, not asserted: pytest would rewrite the message's lines
            raise AssertionError(f"{len(problems)} golden file(s) differ; if the change is right, run `make golden` "
                                 "(or pytest --update-golden) and read the diff:\n" + "\n".join(problems))


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compares an output with tests/golden/<name> (`golden(name, text)`, or `golden.tree(folder,
    files)` for a whole folder); `pytest --update-golden` rewrites the files instead."""
    return Golden(request.config.getoption("--update-golden"))


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


# The commands `run_generator` runs in this process, as `python -m generator` runs them: a new
# interpreter would spend about 0.2 s of CPU importing what this one has (there are 150 such runs),
# and a build in a new one about 2.5 s of CPU where one in a process that has built before spends
# 1.2 s (MkDocs, Material and Markdown already imported; in a pytest-xdist worker, whose threads
# rule out forking, both language sites built in it one after the other). `mkdocs serve` rebuilds
# in one process too: whatever a build keeps in memory must be right for the next one.
IN_PROCESS = frozenset({"check", "new", "source", "diff", "report", "build"})
# The whole environment of a command the tests start in a new interpreter, with the test's `env`.
NEW_PROCESS_ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
# What a test's environment holds that a command run in this process must not see either.
_NOT_PASSED = ("FACTSHEET_", "SOURCE_DATE_EPOCH", "SITE_URL", "GIT_")


def run_generator(*args: str, cwd: Path = ROOT, input: str = "", env: dict[str, str] | None = None,
                  process: bool = False) -> subprocess.CompletedProcess:
    """Run the real command line, `python -m generator ARGS` in `cwd`, as an editor would; `input`
    is what they type at its questions, `env` more environment variables. The commands of
    `IN_PROCESS` run in this process through click, as the interpreter runs them (with `process`,
    or for any other command, in a new interpreter: tests/test_cli.py shows both give the same exit
    code, output and files). The store of drawn card images is the run's (see `pytest_configure`)."""
    store = {"FACTSHEET_CARD_STORE": os.environ["FACTSHEET_CARD_STORE"]} if "FACTSHEET_CARD_STORE" in os.environ else {}
    if args and args[0] in IN_PROCESS and not process:
        return _in_process(list(args), cwd, input, {"NO_MKDOCS_2_WARNING": "1", **store, **(env or {})})
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, input=input,
                          env={**NEW_PROCESS_ENV, **store, **(env or {})})


def _in_process(args: list[str], cwd: Path, input: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` run by click in this process, in `cwd`, with `env` added to an
    environment rid of what `_NOT_PASSED` names, and what reading each file gave forgotten (a new
    process starts with none). What is logged goes to the command's stderr, as in a new interpreter
    (whose root logger has no handler: pytest's are set aside meanwhile). A traceback is raised
    here, failing the test."""
    from click.testing import CliRunner

    from generator import load
    from generator.cli import main

    getattr(load, "_CACHE", {}).clear()
    hidden = {key: None for key in os.environ if key.startswith(_NOT_PASSED) and key not in env}
    here = os.getcwd()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    os.chdir(cwd)
    root.handlers, root.level = [], logging.WARNING
    try:
        result = CliRunner().invoke(main, args, input=input, env={**hidden, **env}, prog_name="python -m generator",
                                    catch_exceptions=False)
    finally:
        root.handlers, root.level = handlers, level
        os.chdir(here)
    return subprocess.CompletedProcess([sys.executable, "-m", "generator", *args], result.exit_code, result.stdout, result.stderr)


def mkdocs_serve(project: Path, scratch: Path) -> tuple[int, subprocess.Popen]:
    """A real `mkdocs serve` of `project` on a free port of 127.0.0.1, as `make serve` starts it,
    building into a folder of its own in `scratch` (its temporary folder, made here): the port and
    the process, for the test to stop."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    scratch.mkdir(exist_ok=True)
    with open(_serve_log(scratch), "wb") as log:  # what it prints, and its threads' stacks if it hangs (`stop_serve`)
        proc = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                stdout=log, stderr=subprocess.STDOUT,
                                env={**NEW_PROCESS_ENV, "TMPDIR": str(scratch), "PYTHONFAULTHANDLER": "1"})
    return port, proc


def _serve_log(scratch: Path) -> Path:
    return scratch.parent / f"{scratch.name}-serve.log"


def stop_serve(proc: subprocess.Popen, scratch: Path, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop the server `mkdocs_serve` started with `scratch`, with `sig` (SIGINT: Ctrl-C, as an
    editor stops it). One still running `timeout` seconds later is aborted, which has Python write
    each of its threads' stack to its log (PYTHONFAULTHANDLER), and the test fails with the log's end."""
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
        return
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log = _serve_log(scratch).read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"mkdocs serve was still running {timeout} s after {sig.name}; the end of its log:\n{log[-8000:]}")


def shared_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` run once for the whole run, whichever pytest-xdist worker asks first; the
    others wait for it and share the folder (which they must only read)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, holding each worker's
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def check_in_process(content: Path) -> tuple[int, str, str]:
    """`python -m generator check --content CONTENT` run in this process, as click runs it: the exit
    code, what it printed on stdout and on stderr (the same as the command's: tests/test_check.py
    compares the two)."""
    result = _in_process(["check", "--content", str(content)], ROOT, "", {})
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once into a temporary folder, through `python -m generator build` in a
    new interpreter, as `make site` runs it (once for all pytest-xdist workers: read it, never change it)."""

    def build(folder: Path) -> None:
        result = run_generator("build", "--site-dir", str(folder / "site"), process=True)
        assert result.returncode == 0, result.stderr

    return shared_once(tmp_path_factory, "built-site", build) / "site"


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
