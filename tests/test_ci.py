"""The review and publishing configuration: the pre-commit hook and the GitHub workflow. Neither can run
here, so their essentials are pinned by reading them."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
WORKFLOW_TEXT = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
WORKFLOW = yaml.safe_load(WORKFLOW_TEXT)
JOBS = WORKFLOW["jobs"]
PINNED_RE = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def run_steps(job: str) -> list[str]:
    return [step["run"] for step in JOBS[job]["steps"] if "run" in step]


def uses(job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in JOBS[job]["steps"] if "uses" in step]


def test_the_pre_commit_hook_checks_the_content_when_content_changes() -> None:
    [repo] = HOOKS["repos"]
    hook = next(hook for hook in repo["hooks"] if hook["id"] == "check-content")
    assert repo["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (".venv/bin/python -m generator check", "system", False)
    assert re.search(hook["files"], "content/quotes/spotify-apple-compliance-farce.yaml")
    assert not re.search(hook["files"], "generator/cli.py")


def test_the_pre_commit_hooks_and_make_test_run_ruff_and_mypy_with_the_projects_venv() -> None:
    [repo] = HOOKS["repos"]
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert (hooks["ruff"]["entry"], hooks["ruff"]["language"], hooks["ruff"]["types"]) == (".venv/bin/ruff check", "system", ["python"])
    assert (hooks["mypy"]["entry"], hooks["mypy"]["pass_filenames"]) == (".venv/bin/mypy", False)  # mypy reads its files from pyproject.toml
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint: .*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert lint and lint.group(1).split("\n")[:2] == ["\t$(VENV)/bin/ruff check generator tests benchmarks", "\t$(VENV)/bin/mypy"]
    assert re.search(r"^test: (.* )?lint( |$)", makefile, re.MULTILINE)


def test_mypy_is_strict_on_all_of_generator_and_exempts_no_module() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert (config["strict"], config["files"], config["python_version"]) == (True, ["generator"], "3.11")
    relaxed = [o["module"] for o in config.get("overrides", []) if set(o) - {"module", "ignore_missing_imports"}]
    assert relaxed == []
    assert [o["module"] for o in config.get("overrides", [])] == [["font_source_sans_pro"]]


def test_the_workflow_runs_on_pull_requests_and_on_pushes_to_main() -> None:
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert triggers["push"] == {"branches": ["main"]}


def test_permissions_are_read_only_but_for_the_deploy_job() -> None:
    assert WORKFLOW["permissions"] == {"contents": "read"}
    writes = {name: {k for k, v in job.get("permissions", {}).items() if v == "write"} for name, job in JOBS.items()}
    assert writes == {"test": set(), "build": set(), "deploy": {"pages", "id-token"}}
    assert JOBS["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_by_full_commit_sha_with_its_version() -> None:
    lines = [line for line in WORKFLOW_TEXT.splitlines() if re.match(r"^\s*(- )?uses:", line)]
    count = sum(1 for job in JOBS.values() for step in job["steps"] if "uses" in step)
    assert len(lines) == count > 0
    assert [line for line in lines if not PINNED_RE.match(line)] == []


def test_pull_requests_are_tested_checked_and_built_with_python_3_11_and_chromium() -> None:
    job = JOBS["test"]
    assert job["if"] == "github.event_name == 'pull_request'"
    setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    steps = run_steps("test")
    assert any("chromium" in step for step in steps)
    assert [s for s in steps if s.startswith("make ")] == ["make check", "make test", "make site"]


def test_only_a_push_to_main_builds_and_deploys_to_pages() -> None:
    for name in ("build", "deploy"):
        assert JOBS[name]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert uses("build") == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert "make site" in run_steps("build")
    assert JOBS["build"]["steps"][-1]["with"]["path"] == "site/"
    assert JOBS["deploy"]["needs"] == "build"
    assert uses("deploy") == ["actions/deploy-pages"]
    assert JOBS["deploy"]["environment"]["name"] == "github-pages"
    assert JOBS["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
