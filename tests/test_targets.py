"""`build --site-dir` and `export` never destroy what they did not create: each forbidden target
is refused with a message and exit 1, and the project's tree is byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_generator


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of our own: the real content/, templates/ and mkdocs.yml in a git repository,
    beside a file and a folder of someone else's."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "notes.txt").write_text("an editor's notes\n")
    (root / "mine").mkdir()
    (root / "mine" / "draft.md").write_text("a draft\n")
    return root


def tree_hash(root: Path) -> str:
    """Every path under `root`'s parent, with each file's bytes."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root.parent)):
        dirnames.sort()
        h.update(dirpath.encode() + b"\0")
        for name in sorted(filenames):
            h.update(name.encode() + b"\0" + (Path(dirpath) / name).read_bytes())
    return h.hexdigest()


REFUSED = {
    "content": "that is the content folder; choose a folder of its own (such as {example})",
    "templates": "that is the templates folder; choose a folder of its own (such as {example})",
    ".": "that is the project folder; choose a folder of its own (such as {example})",
    "..": "that folder holds the project folder, which it would replace; choose a folder of its own (such as {example})",
    "content/quotes": "that is inside the content folder; choose a folder outside it (such as {example})",
    "templates/new": "that is inside the templates folder; choose a folder outside it (such as {example})",
    ".git": "that is the project's .git folder; choose a folder of its own (such as {example})",
    "notes.txt/site": "that is under {root}/notes.txt, which is a file; choose a folder",
}


@pytest.mark.parametrize("target", sorted(REFUSED))
def test_build_refuses_a_folder_of_the_project_and_changes_nothing(project: Path, target: str) -> None:
    before = tree_hash(project)
    result = run_generator("build", "--site-dir", target, cwd=project)
    message = REFUSED[target].format(example="site", root=project)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: --site-dir {target}: {message}\n")
    assert tree_hash(project) == before


@pytest.mark.parametrize("target", sorted(REFUSED))
def test_export_refuses_a_folder_of_the_project_and_changes_nothing(project: Path, target: str) -> None:
    before = tree_hash(project)
    result = run_generator("export", target, cwd=project)
    message = REFUSED[target].format(example="export", root=project)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: export {target}: {message}\n")
    assert tree_hash(project) == before


def test_build_refuses_a_folder_it_did_not_write(project: Path) -> None:
    before = tree_hash(project)
    result = run_generator("build", "--site-dir", "mine", cwd=project)
    assert result.stderr == ("Error: --site-dir mine: that folder exists and is not a site the build wrote (it has no "
                             ".factsheet-site file), and building would replace it whole; choose another folder, or "
                             "move its files away yourself\n")
    assert result.returncode == 1 and tree_hash(project) == before


def test_mkdocs_build_refuses_to_empty_the_content_folder(project: Path) -> None:
    before = tree_hash(project)
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", "content"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert f"site_dir {project}/content: that is the content folder; choose a folder of its own (such as site)" in result.stderr
    assert tree_hash(project) == before


def test_a_site_is_replaced_by_the_next_build_and_one_from_before_the_marker_too(project: Path, built_site: Path) -> None:
    shutil.copytree(built_site, project / "site")  # a build of the same project
    assert (project / "site" / ".factsheet-site").is_file()
    (project / "site" / ".factsheet-site").unlink()  # as a build before the marker left it
    again = run_generator("build", cwd=project)
    assert again.returncode == 0, again.stderr
    assert (project / "site" / ".factsheet-site").is_file()
    (project / "site" / ".factsheet-site").unlink()
    (project / "site" / "notes.txt").write_text("not ours")
    refused = run_generator("build", cwd=project)
    assert refused.returncode == 1 and "--site-dir site: that folder exists and is not a site" in refused.stderr
    assert (project / "site" / "notes.txt").read_text() == "not ours"


def test_export_removes_what_a_killed_export_left_and_keeps_the_rest(project: Path) -> None:
    leftover = project / "exported" / ".export-en-x1y2z3"
    leftover.mkdir(parents=True)
    (leftover / ".factsheet-export-in-progress").write_text("")
    (project / "exported" / ".export-fr-notours").mkdir()
    result = run_generator("export", "exported", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "exported").iterdir()) == [".export-fr-notours", "en", "fr"]
    half = project / "half"
    (half / "en" / "docs").mkdir(parents=True)  # an export killed before this version's, before its mkdocs.yml
    refused = run_generator("export", "half", cwd=project)
    assert refused.returncode == 1 and "half/en exists and is not an earlier export" in refused.stderr
