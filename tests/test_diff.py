"""`python -m generator diff REF`: the records and pages a change touches, read from a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.load import load, load_files

GIT_ENV = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": "/nonexistent"}
ORG = ('# yaml-language-server: $schema=../../schemas/organisations.schema.json\nkind: company\nname:\n  en: "L’Oréal"\n'
       '  fr: "L’Oréal"\ndescription:\n  en: "French cosmetics company."\n  fr: "Entreprise française de cosmétiques."\n')


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the real content/, committed."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(ROOT / "content", repo / "content")
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "Facts from the first two articles")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(repo: Path) -> tuple[dict[str, bytes], str]:
    files = {str(p.relative_to(repo)): p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    return files, git(repo, "status", "--porcelain")


def test_no_change_says_so(repo: Path) -> None:
    result = run_generator("diff", "HEAD", cwd=repo)
    assert (result.returncode, result.stdout, result.stderr) == (0, "No change to the facts since HEAD.\n", "")


def test_a_committed_change_lists_records_fields_and_pages_in_both_languages(repo: Path, golden) -> None:
    content = repo / "content"
    (content / "organisations" / "l-oreal.yaml").write_text(ORG, encoding="utf-8")
    edit(content / "quotes" / "spotify-apple-compliance-farce.yaml", 'text: "farce totale"', 'text: "de « farce totale"')
    (content / "events" / "meta-withholds-multimodal-llama-from-eu.yaml").unlink()
    edit(content / "stances" / "meta-ai-products-in-the-eu.yaml", "  - event: meta-withholds-multimodal-llama-from-eu\n", "")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A new organisation, a longer quote, an event withdrawn")
    result = run_generator("diff", "HEAD~1", cwd=repo)
    assert (result.returncode, result.stderr) == (0, "")
    golden("diff-add-change-remove.txt", result.stdout)


def test_a_renamed_organisation_warns_that_its_address_moves(repo: Path) -> None:
    edit(repo / "content" / "organisations" / "meta.yaml", "  en: Meta\n", "  en: Meta Platforms\n")
    result = run_generator("diff", "main", cwd=repo)
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Changes to the facts since main: 0 added, 1 changed, 0 removed.",
        "",
        "changed organisation meta (content/organisations/meta.yaml): name.en",
        "  moves: /en/organisations/meta/ -> /en/organisations/meta-platforms/ (links to the old address will break; "
        "set `slug:` to keep it)",
    ]
    # its new name shows in the stance table of every issue's page, and wherever Meta is linked to,
    # in English only; the French page's language switcher links to its new English address
    assert lines[4].startswith("  en: /en/ /en/issues/ai-products-in-the-eu/ ") and " /en/organisations/ " in lines[4]
    assert " /en/organisations/meta-platforms/ " in lines[4] and " /en/organisations/meta/" not in lines[4]
    assert lines[5] == "  fr: /fr/organisations/meta/"
    assert lines[-2:] == ["Pages that will no longer exist: 1", "  /en/organisations/meta/"]


def test_a_changed_archive_is_a_change_to_its_source_that_no_page_shows(repo: Path) -> None:
    with open(repo / "content" / "archive" / "en-report-meta-spotify-eu-ai.txt", "a", encoding="utf-8") as archive:
        archive.write("\nA correction appended by the outlet.\n")
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.stdout.splitlines()[2:] == [
        "changed source en-report-meta-spotify-eu-ai (content/sources/en-report-meta-spotify-eu-ai.yaml): archived text",
        "",
        "Pages to review in English: 0",
        "Pages to review in French: 0",
    ]


def test_a_change_to_the_site_s_english_title_touches_every_english_page(repo: Path) -> None:
    edit(repo / "content" / "site.yaml", 'en: "Who Said What:', 'en: "Who Said What, Really:')
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.stdout == ("Changes to the facts since HEAD: 0 added, 1 changed, 0 removed.\n\n"
                             "changed content/site.yaml: title.en\n  en: every page\n\n"
                             "Pages to review in English: every page (a site-wide file changed)\n"
                             "Pages to review in French: 0\n")


def test_a_change_to_the_site_s_title_in_both_languages_touches_every_page(repo: Path) -> None:
    edit(repo / "content" / "site.yaml", 'en: "Who Said What:', 'en: "Who Said What, Really:')
    edit(repo / "content" / "site.yaml", 'fr: "Qui a dit quoi', 'fr: "Qui a vraiment dit quoi')
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.stdout == ("Changes to the facts since HEAD: 0 added, 1 changed, 0 removed.\n\n"
                             "changed content/site.yaml: title.en, title.fr\n  every page, in both languages\n\n"
                             "Pages to review: every page, in both languages (a site-wide file changed).\n")


def test_diff_never_touches_the_work_tree(repo: Path) -> None:
    (repo / "content" / "organisations" / "l-oreal.yaml").write_text(ORG, encoding="utf-8")
    edit(repo / "content" / "organisations" / "meta.yaml", "  en: Meta\n", "  en: Meta Platforms\n")
    before = snapshot(repo)
    assert run_generator("diff", "HEAD", cwd=repo).returncode == 0
    assert snapshot(repo) == before


def test_an_unknown_ref_is_refused_clearly(repo: Path) -> None:
    result = run_generator("diff", "no-such-branch", cwd=repo)
    assert result.stderr == "Error: git knows no commit 'no-such-branch': give a branch, a tag or a commit (e.g. main or HEAD~1)\n"
    assert result.returncode == 1


def test_content_with_problems_is_refused_with_the_check_report(repo: Path) -> None:
    edit(repo / "content" / "organisations" / "meta.yaml", "kind: company", "kind: compnay")
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.stderr.splitlines() == [
        "content/organisations/meta.yaml:2:7: kind: 'compnay' is not one of: company, public-body, other — did you mean 'company'?",
        "1 problem found.",
    ]
    assert (result.returncode, result.stdout) == (1, "")


def test_load_files_reads_bytes_exactly_as_load_reads_the_folder() -> None:
    root = ROOT / "content"
    files = {str(p.relative_to(root)).replace(os.sep, "/"): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    from_disk, from_bytes = load(root), load_files(root, files)
    assert from_bytes.records == from_disk.records
    assert (from_bytes.site, from_bytes.scale, from_bytes.archives) == (from_disk.site, from_disk.scale, from_disk.archives)
    assert from_bytes.problems == from_disk.problems == []


def test_outside_a_git_repository_diff_says_so(content_copy: Path) -> None:
    result = run_generator("diff", "HEAD", cwd=content_copy.parent)
    assert result.stderr == ("Error: content is not in a git repository: diff compares the content with a commit of its "
                             "history\n")
    assert result.returncode == 1
