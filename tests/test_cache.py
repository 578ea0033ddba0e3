"""The check's cache and its second process change nothing: the same problems, whatever was
checked before, and the same records whether half of them were read in a forked process."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import load as load_module
from generator.cache import Cache
from generator.check import check
from generator.errors import ContentError
from generator.load import load

from test_check import CASES


def problems(content: Path) -> list[str]:
    try:
        check(content)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def write(content: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_made_after_a_clean_check_is_reported_as_on_a_first_check(case: str, content_copy: Path) -> None:
    assert problems(content_copy) == []
    files, expected = CASES[case]
    write(content_copy, files)
    assert problems(content_copy) == expected
    for rel in files:
        (content_copy / rel).unlink()
    assert problems(content_copy) == []


def test_a_claim_turned_inference_is_reported_on_the_unchanged_stance_citing_it(content_copy: Path) -> None:
    assert problems(content_copy) == []
    claim = content_copy / "claims" / "ceos-criticise-apple-compliance-not-dma.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("said_by:\n  - meta\n  - spotify\n", "").replace("kind: statement", "kind: inference"), encoding="utf-8")
    assert "content/stances/spotify-dma-apple-app-store.yaml:9:12: evidence[0].claim: 'ceos-criticise-apple-compliance-not-dma' " \
           "is a journalist's inference: it cannot be evidence; cite what was said or reported" in problems(content_copy)


def test_an_edited_archive_is_checked_again_against_the_unchanged_quotes(content_copy: Path) -> None:
    assert problems(content_copy) == []
    archive = content_copy / "archive" / "en-report-meta-spotify-eu-ai.txt"
    archive.write_text(archive.read_text(encoding="utf-8").replace("farce", "joke"), encoding="utf-8")
    assert "content/quotes/spotify-apple-compliance-farce.yaml:13:11: wording.en.text: not found word for word in " \
           "content/archive/en-report-meta-spotify-eu-ai.txt: copy the words exactly from the source" in problems(content_copy)


def test_the_cache_is_kept_beside_content_and_a_broken_one_is_ignored(content_copy: Path) -> None:
    check(content_copy)
    [cache_file] = (content_copy.parent / ".cache" / "factsheet").glob("content-*.pickle")
    assert Cache.open(content_copy).files
    cache_file.write_bytes(b"not a pickle")
    assert Cache.open(content_copy).files == {}
    assert problems(content_copy) == []


def test_records_read_in_a_second_process_are_the_records_read_here(content_copy: Path, monkeypatch) -> None:
    write(content_copy, CASES["unknown_field"][0])
    alone = load(content_copy)
    load_module._CACHE.clear()
    monkeypatch.setattr(load_module, "_FORK_FROM", 2)
    both = load(content_copy)
    assert both.records == alone.records
    assert sorted(both.problems) == sorted(alone.problems)
    assert both.problems
