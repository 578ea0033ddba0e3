"""Dated corrections and "last updated" dates, from the records and their git history."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import run_generator
from test_site import project_copy

CORRECTION = """corrections:
  - date: "2024-09-02"
    type: correction
    note:
      en: "We first wrote that Meta is based in Ireland; it is a US company."
      fr: "Nous avions d’abord écrit que Meta était établie en Irlande ; c’est une entreprise américaine."
"""


def git(project: Path, *args: str, date: str = "2024-08-23T10:00:00+00:00") -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org", "PATH": "/usr/bin:/bin", "HOME": str(project)}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_a_correction_needs_a_day(content_copy: Path) -> None:
    path = content_copy / "organisations" / "meta.yaml"
    path.write_text(path.read_text(encoding="utf-8") + CORRECTION.replace('"2024-09-02"', '"2024-09"'), encoding="utf-8")
    result = run_generator("check", "--content", str(content_copy))
    assert result.stderr.splitlines()[0] == (
        "content/organisations/meta.yaml:13:11: corrections[0].date: a correction is dated to the day: write YYYY-MM-DD")
    assert result.returncode == 1


def test_a_correction_shows_on_the_record_page_and_the_corrections_page(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    path = project / "content" / "organisations" / "meta.yaml"
    path.write_text(path.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    out = tmp_path / "out"
    result = run_generator("build", "--site-dir", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    en = (out / "en" / "organisations" / "meta" / "index.html").read_text(encoding="utf-8")
    fr = (out / "fr" / "organisations" / "meta" / "index.html").read_text(encoding="utf-8")
    assert '<strong>Correction</strong>, <time datetime="2024-09-02">2 September 2024</time>: We first wrote' in en
    assert '<time datetime="2024-09-02">2 septembre 2024</time>\u00a0: Nous avions' in fr
    log = (out / "fr" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "Nous avions d’abord écrit" in log and 'href="../organisations/meta/"' in log


def seed_then_edit(tmp_path: Path, record: str, old: str, new: str) -> Path:
    """A copy of the project in git: the seed committed on 23 August 2024, then `old` replaced by
    `new` in content/`record`, committed on 2 September 2024."""
    project = project_copy(tmp_path)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "seed", date="2024-08-23T10:00:00+00:00")
    path = project / "content" / record
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(project, "commit", "-qam", "edit", date="2024-09-02T08:00:00+00:00")
    return project


def test_each_page_says_when_its_records_last_changed_in_git(tmp_path: Path) -> None:
    project = seed_then_edit(tmp_path, "organisations/spotify.yaml", "founded in Sweden", "founded in Stockholm, Sweden")
    out = tmp_path / "out"
    assert run_generator("build", "--site-dir", str(out), cwd=project).returncode == 0
    spotify = (out / "en" / "organisations" / "spotify" / "index.html").read_text(encoding="utf-8")
    apple = (out / "fr" / "organisations" / "apple" / "index.html").read_text(encoding="utf-8")
    assert 'Last updated: <time datetime="2024-09-02">2 September 2024</time>' in spotify
    assert 'Dernière mise à jour&nbsp;: <time datetime="2024-08-23">23 août 2024</time>' in apple
    sitemap = (out / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2024-09-02</lastmod>" in sitemap and "<lastmod>2024-08-23</lastmod>" in sitemap


def test_a_feed_entry_is_updated_when_a_value_it_shows_changes_in_git(tmp_path: Path) -> None:
    from generator.check import check
    from generator.facts import build_factset
    from generator.feeds import fact_entries
    from generator.history import content_history
    from generator.render import renderer

    project = seed_then_edit(tmp_path, "quotes/spotify-apple-compliance-farce.yaml", "on Apple’s plan", "on Apple’s new plan")
    facts = build_factset(check(project / "content"))
    history = content_history(project / "content")
    updated = {lang: {e.id.rpartition("#")[2]: e.updated.date().isoformat()
                      for e in fact_entries(renderer(facts, lang, project / "templates"), history)} for lang in ("en", "fr")}
    # the English entry shows the English context that changed; the French one, nothing that did
    assert updated["en"]["quote-spotify-apple-compliance-farce"] == "2024-09-02"
    assert updated["fr"]["quote-spotify-apple-compliance-farce"] == "2024-08-23"
    assert set(updated["en"].values()) == {"2024-08-23", "2024-09-02"}
