"""generator/pagecache.py: a build renders again only the pages whose inputs changed, and gives the
same bytes as a build without the cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.check import check
from generator.facts import build_factset
from generator.model import Localized
from generator.pagecache import PageCache
from generator.render import renderer
from generator.templating import TEMPLATES
from test_page_inputs import facts_of, records_of
from test_site import project_copy


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_build_from_the_cache_gives_the_same_bytes_as_one_without_it(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    for name, env in (("cold", {}), ("warm", {}), ("none", {"FACTSHEET_NO_CACHE": "1"})):  # "none" in a new interpreter: from nothing
        result = run_generator("build", "--site-dir", str(tmp_path / name), cwd=project, env=env, process=name == "none")
        assert result.returncode == 0, result.stderr
    assert sorted(p.name.rsplit("-", 1)[1] for p in (project / ".cache" / "factsheet").glob("pages-*")) == ["en.cache", "fr.cache"]
    warm, none = tree(tmp_path / "warm"), tree(tmp_path / "none")
    assert warm.keys() == none.keys() and all(warm[k] == none[k] for k in warm)
    assert tree(tmp_path / "cold") == warm
    assert not (project / "content" / ".cache").exists()


def test_after_an_edit_only_the_pages_that_read_what_changed_are_rendered_again(tmp_path: Path) -> None:
    facts = build_factset(check(ROOT / "content"))
    content = tmp_path / "content"
    content.mkdir()
    first = PageCache.open(content, TEMPLATES, "en", None)
    pages = renderer(facts, "en", cache=first).pages()
    first.save()
    records = records_of(facts)
    source = records["sources"][next(iter(sorted(records["sources"])))]
    records["sources"][source.id] = dataclasses.replace(source, description=Localized(source.description.en + " (revu)",
                                                                                       source.description.fr))
    edited = facts_of(records, facts)
    second = PageCache.open(content, TEMPLATES, "en", None)
    again = renderer(edited, "en", cache=second).pages()
    assert [p.url for p in again] == [p.url for p in pages]
    # a source's description shows on the sources page only
    assert second.hits == len(pages) - 1
    fresh = renderer(edited, "en").pages()
    assert [p.markdown for p in again] == [p.markdown for p in fresh]


def _saved_english_cache(tmp_path: Path) -> tuple[Path, PageCache]:
    """A content folder (empty: only its place matters) and the page cache of a render of the
    seed's English pages, saved beside it."""
    facts = build_factset(check(ROOT / "content"))
    content = tmp_path / "content"
    content.mkdir()
    cache = PageCache.open(content, TEMPLATES, "en", None)
    renderer(facts, "en", cache=cache).pages()
    cache.save()
    return content, cache


def test_a_cache_of_other_templates_is_not_used(tmp_path: Path) -> None:
    content, _ = _saved_english_cache(tmp_path)
    assert PageCache.open(content, TEMPLATES, "en", "https://example.org/").old == {}
    assert PageCache.open(content, TEMPLATES, "fr", None).old == {}
    assert len(PageCache.open(content, TEMPLATES, "en", None).old) > 10


def test_a_page_cache_copied_into_place_is_not_used(tmp_path: Path) -> None:
    content, first = _saved_english_cache(tmp_path)
    assert len(PageCache.open(content, TEMPLATES, "en", None).old) > 10
    data = first.path.read_bytes()
    first.path.unlink()
    first.path.write_bytes(data)  # the very same bytes, as a checkout would put a committed file there
    assert PageCache.open(content, TEMPLATES, "en", None).old == {}
