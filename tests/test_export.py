"""`python -m generator export`: plain MkDocs builds the exported pages without a warning, into
the very pages our build makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_generator
from generator.model import LANGS

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def plain_build(export: Path, lang: str) -> subprocess.CompletedProcess:
    return subprocess.run([MKDOCS, "build", "--strict", "-f", str(export / lang / "mkdocs.yml")], capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})


def files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_plain_mkdocs_builds_the_same_pages_as_our_build(built_site: Path, tmp_path: Path) -> None:
    result = run_generator("export", str(tmp_path / "export"))
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path}/export/en/: 22 pages; build them with: mkdocs build -f {tmp_path}/export/en/mkdocs.yml" in result.stdout
    for lang in LANGS:
        build = plain_build(tmp_path / "export", lang)
        assert build.returncode == 0, build.stderr
        assert "WARNING" not in build.stderr
        plain, ours = files(tmp_path / "export" / lang / "site"), files(built_site / lang)
        # The sitemap's dates follow the last commit in our build, the clock in a plain one.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            plain.pop(Path(name)), ours.pop(Path(name))
        assert plain.keys() == ours.keys()
        assert [name for name in plain if plain[name] != ours[name]] == []


@pytest.mark.slow
def test_synthetic_content_exports_and_builds_under_plain_mkdocs_into_our_pages(synthetic_project: Path, tmp_path: Path) -> None:
    """Plain MkDocs reads every page whole; our build hides raw HTML blocks from Markdown and
    builds each language in its own process: the pages must come out the same."""
    result = run_generator("export", str(tmp_path / "export"), "--content", "content", cwd=synthetic_project)
    assert result.returncode == 0, result.stderr
    ours = tmp_path / "ours"
    assert run_generator("build", "--site-dir", str(ours), cwd=synthetic_project, process=True).returncode == 0  # forking
    for lang in LANGS:
        assert (tmp_path / "export" / lang / "overrides" / "main.html").is_file()
        assert (tmp_path / "export" / lang / "docs" / "assets" / "factsheet.css").is_file()
        build = plain_build(tmp_path / "export", lang)
        assert build.returncode == 0, build.stderr
        assert "WARNING" not in build.stderr
        assert len(list((tmp_path / "export" / lang / "site").rglob("index.html"))) > 20
        plain, mine = files(tmp_path / "export" / lang / "site"), files(ours / lang)
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            plain.pop(Path(name)), mine.pop(Path(name))
        assert plain.keys() == mine.keys()
        assert [name for name in plain if plain[name] != mine[name]] == []


def test_export_replaces_its_own_output_but_no_other_folder(tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert run_generator("export", str(out)).returncode == 0
    (out / "en" / "docs" / "stale.md").write_text("# Stale\n", encoding="utf-8")
    assert run_generator("export", str(out)).returncode == 0
    assert not (out / "en" / "docs" / "stale.md").exists()

    (tmp_path / "mine" / "fr").mkdir(parents=True)
    refused = run_generator("export", str(tmp_path / "mine"))
    assert refused.returncode == 1
    assert f"Error: {tmp_path}/mine/en exists" not in refused.stderr
    assert (f"Error: {tmp_path}/mine/fr exists and is not an earlier export (its mkdocs.yml does not begin with the export's "
            "mark), and exporting would replace it; choose another folder, or move it away yourself") in refused.stderr
