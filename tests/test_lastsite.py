"""A build after an edit lays out again only the pages that changed (generator/lastsite.py), and
gives the very bytes of a build from nothing (in a new interpreter, without the caches); it never
writes into a file of the last good site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import mkdocs_serve, run_generator, stop_serve
from test_site import project_copy


def tree(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def inodes(site: Path) -> dict[Path, int]:
    return {p.relative_to(site): p.stat().st_ino for p in site.rglob("index.html")}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_description(project: Path) -> None:
    replace(project / "content" / "organisations" / "spotify.yaml", "  en: \"", "  en: \"Newly described. ")


def rename_organisation(project: Path) -> None:  # its URL, its title, and every listing and link to it change
    replace(project / "content" / "organisations" / "apple.yaml", "en: Apple", "en: Apple Incorporated")


def rename_a_section(project: Path) -> None:  # the navigation of every page changes
    replace(project / "templates" / "strings.yaml", "people: {en: People,", "people: {en: Persons,")


def edit_the_theme(project: Path) -> None:
    replace(project / "templates" / "theme" / "main.html", "{% block htmltitle %}", "{% block htmltitle %}<!-- edited -->")


def edit_the_configuration(project: Path) -> None:
    replace(project / "mkdocs.yml", "primary: indigo", "primary: teal")


def add_an_organisation(project: Path) -> None:
    text = (project / "content" / "organisations" / "spotify.yaml").read_text(encoding="utf-8")
    (project / "content" / "organisations" / "acme-music.yaml").write_text(
        text.replace("en: Spotify", "en: Acme Music", 1).replace("fr: Spotify", "fr: Acme Musique", 1), encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [edit_description, rename_organisation, rename_a_section, edit_the_theme,
                                       edit_the_configuration, add_an_organisation]


@pytest.mark.slow
def test_a_build_after_each_kind_of_edit_is_byte_for_byte_a_build_from_nothing(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    site = tmp_path / "site"
    assert run_generator("build", "--site-dir", str(site), cwd=project).returncode == 0
    for n, edit in enumerate(EDITS):
        before = inodes(site)
        witness = tmp_path / f"witness-{n}"  # the last good site's very files, to see that none is written into
        shutil.copytree(site, witness, copy_function=os.link)
        written = tree(site)
        edit(project)
        result = run_generator("build", "--site-dir", str(site), cwd=project)
        assert result.returncode == 0, result.stderr
        fresh = tmp_path / f"fresh-{n}"
        result = run_generator("build", "--site-dir", str(fresh), cwd=project, env={"FACTSHEET_NO_CACHE": "1"}, process=True)
        assert result.returncode == 0, result.stderr
        incremental, from_nothing = tree(site), tree(fresh)
        assert incremental.keys() == from_nothing.keys(), edit.__name__
        assert [k for k in incremental if incremental[k] != from_nothing[k]] == [], edit.__name__
        assert tree(witness) == written, edit.__name__
        shutil.rmtree(witness)
        after = inodes(site)
        kept = [page for page, inode in after.items() if before.get(page) == inode]
        if edit is edit_description:  # one record's text: most pages are the last build's very files
            assert len(kept) > len(after) * 2 // 3, (len(kept), len(after))
            assert Path("en/organisations/spotify/index.html") not in kept
        if edit is rename_a_section:  # the English navigation: every English page laid out again
            assert [page for page in kept if page.parts[0] == "en"] == []
            assert Path("fr/organisations/meta/index.html") in kept
        if edit in (edit_the_theme, edit_the_configuration):  # every page laid out again
            assert kept == [], edit.__name__


def test_a_page_of_the_last_site_changed_by_hand_is_laid_out_again(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    site = tmp_path / "site"
    assert run_generator("build", "--site-dir", str(site), cwd=project).returncode == 0
    page = site / "en" / "organisations" / "meta" / "index.html"
    original = page.read_bytes()
    page.unlink()
    page.write_bytes(original.replace(b"<body", b"<body data-tampered"))
    assert run_generator("build", "--site-dir", str(site), cwd=project).returncode == 0
    assert page.read_bytes() == original


@pytest.mark.slow
def test_the_site_served_after_two_saves_is_byte_for_byte_a_build_from_nothing(tmp_path: Path) -> None:
    import time
    import urllib.request

    project = project_copy(tmp_path)
    served_in = tmp_path / "tmp"  # mkdocs serve builds into a folder of its own there
    port, proc = mkdocs_serve(project, served_in)
    base = f"http://127.0.0.1:{port}/en/organisations/"

    def shows(page: str, text: str) -> bool:
        try:
            with urllib.request.urlopen(base + page, timeout=5) as response:
                return text in response.read().decode()
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 120
        while not shows("spotify/", "Spotify"):
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        for edit, page, text in ((edit_description, "spotify/", "Newly described."),
                                 (rename_organisation, "apple-incorporated/", "Apple Incorporated")):
            time.sleep(1)
            edit(project)
            deadline = time.monotonic() + 120
            while not shows(page, text):
                assert time.monotonic() < deadline, f"serve did not rebuild after {edit.__name__}"
                time.sleep(0.3)
        time.sleep(2)
        deadline = time.monotonic() + 120
        while list(served_in.glob(".search-*")):  # the search index, made after the pages are served
            assert time.monotonic() < deadline, "the search index was not made"
            time.sleep(0.3)
        served = next(served_in.glob("mkdocs_*"))
        fresh = tmp_path / "fresh"
        result = run_generator("build", "--site-dir", str(fresh), cwd=project,
                               env={"FACTSHEET_NO_CACHE": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}, process=True)
        assert result.returncode == 0, result.stderr
        from_serve, from_nothing = tree(served), tree(fresh)
        assert from_serve.keys() == from_nothing.keys()
        assert [k for k in from_serve if from_serve[k] != from_nothing[k]] == []
    finally:
        stop_serve(proc, served_in)
