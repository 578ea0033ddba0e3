"""Golden pages: what the generator hands MkDocs for the seed site, file by file, in tests/golden/site/.

Every page's Markdown in both languages (front matter, body and schema.org JSON-LD), the hub's
language-choice page and the editors' guides, each language's Atom feed, the JSON, JSON Schema and
CSV downloads and robots.txt: the plugin's own list of them (`sitefiles`), made in-process. A change
to any of them shows as a diff of the files it changes: `make golden` (or `pytest --update-golden`)
rewrites them, and the diff is read before it is committed.

The output must not depend on the clone: the content is copied into a git repository of its own,
committed once at a fixed time (as tests/test_corrections.py dates its commits), so "last updated"
dates and feed times are the same on every machine and after every commit; the site's address is
fixed too.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, Golden, golden_diff
from generator.check import check
from generator.facts import FactSet, build_factset
from generator.history import FileHistory, content_history
from generator.model import LANGS
from generator.render import renderer
from generator.sitefiles import editors_guide, hub_downloads, hub_page, language_site
from generator.urls import GUIDE_PAGE, GUIDES, language_url

SITE_URL = "https://example.org/factsheet/"  # the hub's; each language's is SITE_URL + "<lang>/", as site.language_raw makes it
COMMITTED = "2024-09-01T12:00:00+00:00"  # when the golden copy of content/ is committed
TEMPLATES = ROOT / "templates"


@dataclass(frozen=True)
class Seed:
    content: Path
    facts: FactSet
    history: dict[str, FileHistory]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Seed:
    project = tmp_path_factory.mktemp("golden")
    shutil.copytree(ROOT / "content", project / "content")
    env = {"GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org",
           "PATH": "/usr/bin:/bin", "HOME": str(project)}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "seed"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    content = project / "content"
    return Seed(content, build_factset(check(content)), content_history(content))


def language_files(seed: Seed, lang: str) -> dict[str, str]:
    """What the `lang` site's plugin generates, but the card images (pinned by tests/golden/card-*.sha256)."""
    site = language_site(seed.facts, lang, ROOT, seed.content, TEMPLATES, language_url(SITE_URL, lang))
    return {src: text for src, text in site.files.items() if isinstance(text, str)}


def hub_files(seed: Seed) -> dict[str, str]:
    """What the hub's plugin generates: the language-choice page, the English guide, the downloads and robots.txt."""
    files = {"index.md": hub_page(seed.facts, TEMPLATES, SITE_URL).markdown,
             GUIDE_PAGE: editors_guide((ROOT / GUIDES["en"][0]).read_text(encoding="utf-8"), SITE_URL, "en", TEMPLATES)}
    files.update(hub_downloads(seed.facts, SITE_URL))
    return files


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_and_the_feed_of_each_language_are_as_reviewed(seed: Seed, lang: str, golden: Golden) -> None:
    files = language_files(seed, lang)
    assert len([src for src in files if src.endswith(".md")]) > 20
    golden.tree(f"site/{lang}", files)


def test_the_hub_page_guide_and_downloads_are_as_reviewed(seed: Seed, golden: Golden) -> None:
    files = hub_files(seed)
    assert {"data/factsheet.json", "data/factsheet.schema.json", "data/csv/quotes.csv", "robots.txt"} <= set(files)
    golden.tree("site/hub", files)


def test_the_golden_output_does_not_follow_the_clock_or_the_clone(seed: Seed) -> None:
    """Last-updated dates come from the fixed commit, never from today or the clone's history."""
    page = next(p for p in renderer(seed.facts, "en", TEMPLATES, history=seed.history).pages() if p.src == "organisations/meta.md")
    assert "  updated: 1 September 2024\n  updated_iso: '2024-09-01'\n" in page.markdown
    assert {(h.added, h.changed) for h in seed.history.values()} == {(h.added, h.added) for h in seed.history.values()}
    assert {h.added.isoformat() for h in seed.history.values()} == {COMMITTED}


def test_a_changed_missing_or_new_golden_file_is_named_with_a_short_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison itself fails, naming the file, on each kind of difference (a test that cannot fail is a defect)."""
    import conftest

    monkeypatch.setattr(conftest, "GOLDEN", tmp_path)
    Golden(update=True).tree("site/en", {"a.md": "one\ntwo\nthree\n", "b.md": "b\n"})
    Golden(update=False).tree("site/en", {"a.md": "one\ntwo\nthree\n", "b.md": "b\n"})
    with pytest.raises(AssertionError) as failed:
        Golden(update=False).tree("site/en", {"a.md": "one\n2\nthree\n", "c.md": "c\n"})
    message = str(failed.value)
    assert "3 golden file(s) differ" in message
    assert "--- tests/golden/site/en/a.md\n+++ output\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three" in message
    assert "tests/golden/site/en/b.md: no longer produced" in message
    assert "tests/golden/site/en/c.md: no such golden file (a new output)" in message
    Golden(update=True).tree("site/en", {"a.md": "one\n2\nthree\n", "c.md": "c\n"})
    assert sorted(p.name for p in (tmp_path / "site" / "en").iterdir()) == ["a.md", "c.md"]
    long = golden_diff("x.md", "".join(f"{i}\n" for i in range(100)), "".join(f"{i}!\n" for i in range(100)))
    assert long.endswith("more lines of diff") and len(long.splitlines()) == 41
