"""The check's cache beside content/: a re-check sees every change, and the cache never decides
what is reported. Each check here runs as in a new process (the in-process memory is cleared)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator import load as load_module
from generator import plaindata
from generator import validate as validate_module
from generator.cache import cache_path
from generator.check import check
from generator.errors import ContentError
from test_check import CASES, EN_SRC, ORG, expected_report, quote, write


def problems(content: Path) -> list[str]:
    """What a check reports, as a fresh process would see it (nothing remembered in memory)."""
    load_module._CACHE.clear()
    try:
        check(content)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files each check parses (as opposed to taking from the cache), in order."""
    seen: list[str] = []
    real = load_module.read

    def spy(data: bytes, path: str, found: list) -> object:
        seen.append(path)
        return real(data, path, found)

    monkeypatch.setattr(load_module, "read", spy)
    return seen


@pytest.fixture(params=["stat", "hash"])
def trust(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways an unchanged file is recognised: its stat (files changed long enough before the
    last check; simulated by a margin that trusts every stat), or the hash of its bytes (files
    changed just before it; simulated by a margin that trusts none)."""
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18 if request.param == "stat" else 10**18)
    return request.param


def test_a_second_check_parses_nothing_and_reports_the_same(content_copy: Path, parsed: list[str], trust: str) -> None:
    (content_copy / "organisations" / "acme.yaml").write_text(ORG.replace("company", "compnay"))
    first = problems(content_copy)
    assert len(parsed) > 50 and first
    parsed.clear()
    assert problems(content_copy) == first
    assert parsed == []


def test_a_recheck_sees_an_edit(content_copy: Path, parsed: list[str], trust: str) -> None:
    acme = content_copy / "organisations" / "acme.yaml"
    acme.write_text(ORG)
    assert problems(content_copy) == []
    acme.write_text(ORG.replace("company", "compnay"))
    parsed.clear()
    assert problems(content_copy) == [
        "content/organisations/acme.yaml:1:7: kind: 'compnay' is not one of: company, public-body, other — did you mean 'company'?"]
    assert parsed == ["content/organisations/acme.yaml"]
    acme.write_text(ORG)
    assert problems(content_copy) == []


NOT_FOUND = ("content/quotes/q.yaml:11:11: wording.en.text: not found word for word in "
             f"content/archive/{EN_SRC}.txt: copy the words exactly from the source")


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts each check normalises to search an archive (as opposed to taking from the cache)."""
    seen: list[str] = []
    real = validate_module.normalise

    def spy(text: str) -> str:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(validate_module, "normalise", spy)
    return seen


def test_an_unchanged_quote_is_not_searched_again_in_its_archive(content_copy: Path, searched: list[str], trust: str) -> None:
    (content_copy / "quotes" / "q.yaml").write_text(quote("gatekeeper"))
    assert problems(content_copy) == []
    assert "gatekeeper" in searched
    searched.clear()
    assert problems(content_copy) == []
    assert searched == []


def test_a_recheck_sees_an_archive_edit_that_loses_a_quote(content_copy: Path, searched: list[str], trust: str) -> None:
    (content_copy / "quotes" / "q.yaml").write_text(quote("gatekeeper"))
    archive = content_copy / "archive" / f"{EN_SRC}.txt"
    text = archive.read_text(encoding="utf-8")
    assert problems(content_copy) == []
    archive.write_text(text.replace("gatekeeper", "doorkeeper"), encoding="utf-8")
    assert NOT_FOUND in problems(content_copy)
    archive.write_text(text, encoding="utf-8")
    assert problems(content_copy) == []


def test_a_recheck_sees_a_quote_edited_away_from_its_archive(content_copy: Path, searched: list[str], trust: str) -> None:
    q = content_copy / "quotes" / "q.yaml"
    q.write_text(quote("gatekeeper"))
    assert problems(content_copy) == []
    q.write_text(quote("doorkeeper"))
    assert problems(content_copy) == [NOT_FOUND]
    q.write_text(quote("gatekeeper"))
    assert problems(content_copy) == []


def test_a_recheck_sees_files_deleted_added_and_renamed(content_copy: Path, trust: str) -> None:
    assert problems(content_copy) == []
    (content_copy / "organisations" / "meta.yaml").unlink()
    missing = problems(content_copy)
    assert missing and all("'meta'" in p for p in missing)
    (content_copy / "organisations" / "meta.yaml").write_text(ORG)
    assert problems(content_copy) == []
    (content_copy / "organisations" / "meta.yaml").rename(content_copy / "organisations" / "meta-platforms.yaml")
    assert problems(content_copy) == missing
    (content_copy / "organisations" / "meta-platforms.yaml").rename(content_copy / "organisations" / "meta.yaml")
    (content_copy / "organisations" / "Bad.yaml").write_text(ORG)
    assert problems(content_copy) == [
        "content/organisations/Bad.yaml:1:1: the file name is the record's id: use lower-case letters, digits and single hyphens"]


def test_an_edit_keeping_size_and_timestamps_is_seen_through_the_hash(content_copy: Path, parsed: list[str]) -> None:
    """A file rewritten within the same timestamp tick as the check that cached it (stat alike)."""
    acme = content_copy / "organisations" / "acme.yaml"
    acme.write_text(ORG)
    assert problems(content_copy) == []
    acme.write_text(ORG.replace("company", "compxny"))  # same size
    parsed.clear()
    assert problems(content_copy)[0].startswith("content/organisations/acme.yaml:1:7: kind: 'compxny'")
    assert parsed == ["content/organisations/acme.yaml"]


class _RunsCode:
    """What a hostile pickle would hold: loading it runs a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def _rewrite_in_place(path: Path, body: bytes) -> None:
    """Give the cache file at `path` another body, as if the check had written it there: same
    file (inode), a header that names it, with the new body's length and hash."""
    data = path.read_bytes()
    end = data.index(b"\n", len(cache_module.MAGIC))
    header = json.loads(data[len(cache_module.MAGIC):end])
    header.update(length=len(body), blake2b=hashlib.blake2b(body, digest_size=32).hexdigest())
    with open(path, "r+b") as fh:
        fh.truncate()
        fh.write(cache_module.MAGIC + json.dumps(header).encode() + b"\n" + body)
    os.utime(path, ns=(header["file"][2], header["file"][2]))


@pytest.mark.parametrize("damage", [b"", b"not a cache", "truncated", "pickle", "copied", "bad entry", "bad index"])
def test_a_damaged_or_foreign_cache_is_ignored_and_never_run(content_copy: Path, parsed: list[str], damage: bytes | str) -> None:
    (content_copy / "organisations" / "acme.yaml").write_text(ORG.replace("company", "compnay"))
    first = problems(content_copy)
    path = cache_path(content_copy)
    data = path.read_bytes()
    marker = content_copy.parent / "code-was-run"
    cold = 50
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "pickle":
        path.write_bytes(pickle.dumps({"version": cache_module.code_version(), "entries": _RunsCode(marker)}))
    elif damage == "copied":  # as a checkout would put a committed cache file: the same bytes, another file
        shutil.copy2(path, content_copy.parent / "elsewhere")
        path.unlink()
        shutil.move(content_copy.parent / "elsewhere", path)
    elif damage in ("bad entry", "bad index"):
        matches, entries = plaindata.loads(data[data.index(b"\n", len(cache_module.MAGIC)) + 1:])
        if damage == "bad index":
            entries = [[1, 2]]
        else:  # every entry's problems and facts replaced by something else
            entries = [(rel, stat, digest, (1, 2, 3), record) for rel, stat, digest, _, record in entries]
            cold = len(entries) - 1
        _rewrite_in_place(path, plaindata.dumps((matches, entries)))
    else:
        path.write_bytes(damage)
    parsed.clear()
    assert problems(content_copy) == first
    assert len(parsed) > cold
    assert not marker.exists()
    parsed.clear()
    assert problems(content_copy) == first  # and the cache was rewritten whole
    assert parsed == []


def test_the_cache_is_plain_data_with_a_version_a_hash_and_its_own_identity(content_copy: Path) -> None:
    problems(content_copy)
    data = cache_path(content_copy).read_bytes()
    assert data.startswith(b"factsheet check cache\n")
    header, body = data[len(cache_module.MAGIC):].split(b"\n", 1)
    header = json.loads(header)
    assert header["format"] == cache_module.FORMAT and header["version"] == cache_module.code_version()
    assert len(header["blake2b"]) == 64 and header["file"][1] == cache_path(content_copy).stat().st_ino
    _, entries = plaindata.loads(body)
    assert {rel.split("/")[1] for rel, *_ in entries} >= {"claims", "quotes", "site.yaml"}


def test_a_change_of_the_generators_code_empties_the_cache(content_copy: Path, parsed: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    problems(content_copy)
    monkeypatch.setattr(cache_module, "code_version", lambda: "another version of the code")
    parsed.clear()
    problems(content_copy)
    assert len(parsed) > 50


@pytest.mark.parametrize("dependency", cache_module.DEPENDENCIES)
def test_another_version_of_a_library_the_check_reads_with_empties_the_cache(
        dependency: str, content_copy: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    problems(content_copy)
    real = cache_module.version
    monkeypatch.setattr(cache_module, "version", lambda name: "99.0" if name == dependency else real(name))
    parsed.clear()
    problems(content_copy)
    assert len(parsed) > 50


def test_another_libyaml_empties_the_cache(content_copy: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    problems(content_copy)
    monkeypatch.setattr(cache_module, "_libyaml", lambda: "0.3.0")
    parsed.clear()
    problems(content_copy)
    assert len(parsed) > 50
    assert cache_module.dependency_versions().split() == [
        f"{name}={version(name)}" for name in ("PyYAML", "python-slugify", "text-unidecode", "msgpack")] + ["libyaml=0.3.0"]


def test_the_code_version_covers_every_module_of_the_generator() -> None:
    package = Path(cache_module.__file__).parent
    names = {p.name for p in package.glob("*.py")}
    assert {"yamlread.py", "schema.py", "model.py", "load.py", "validate.py", "text.py"} <= names
    assert len(cache_module.code_version()) == 32


def test_the_cache_is_beside_content_never_inside(content_copy: Path) -> None:
    before = sorted(p.relative_to(content_copy) for p in content_copy.rglob("*"))
    (content_copy / "organisations" / "acme.yaml").write_text(ORG)
    before = sorted(p.relative_to(content_copy) for p in content_copy.rglob("*"))
    problems(content_copy)
    problems(content_copy)
    assert sorted(p.relative_to(content_copy) for p in content_copy.rglob("*")) == before
    assert cache_path(content_copy).parent == content_copy.parent / ".cache" / "factsheet"
    assert cache_path(content_copy).is_file()
    assert [p.name for p in cache_path(content_copy).parent.iterdir()] == [cache_path(content_copy).name]  # no temp file left


def test_factsheet_no_cache_turns_it_off(content_copy: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_NO_CACHE", "1")
    problems(content_copy)
    parsed.clear()
    problems(content_copy)
    assert len(parsed) > 50
    assert not (content_copy.parent / ".cache").exists()


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_golden_mistake_is_reported_the_same_from_the_cache(case: str, content_copy: Path, parsed: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write(content_copy, CASES[case])
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    cold = problems(content_copy)
    parsed.clear()
    assert problems(content_copy) == cold == expected_report(case)
    assert parsed == []


CLAIM = "content/claims/meta-wont-offer-multimodal-models-in-eu.yaml"
NOT_OWN_CLAIM = [f"content/stances/{stance}: evidence[{i}].claim: 'meta-wont-offer-multimodal-models-in-eu' "
                 "is a statement by spotify, not by 'meta'"
                 for stance, i in (("meta-ai-products-in-the-eu.yaml:9:12", 0), ("meta-eu-ai-regulation.yaml:11:12", 2))]


def test_a_problem_in_an_unchanged_file_is_located_from_the_cache(content_copy: Path, parsed: list[str], trust: str) -> None:
    claim = content_copy.parent / CLAIM
    assert problems(content_copy) == []
    claim.write_text(claim.read_text(encoding="utf-8").replace("said_by:\n  - meta", "said_by:\n  - spotify"), encoding="utf-8")
    parsed.clear()
    assert problems(content_copy) == NOT_OWN_CLAIM
    assert parsed == [CLAIM]


def test_a_recheck_without_problems_reads_back_no_record(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    problems(content_copy)
    load_module._CACHE.clear()
    loaded = check(content_copy)
    assert [located.path for records in loaded.records.values() for located in records.values()
            if not located.reading.pending] == []


def test_a_record_read_back_from_the_cache_equals_one_just_read(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    problems(content_copy)
    load_module._CACHE.clear()
    cached = check(content_copy)
    load_module._CACHE.clear()
    fresh = load_module.load(content_copy)
    assert cached.records.keys() == fresh.records.keys()
    for kind, records in fresh.records.items():
        assert records.keys() == cached.records[kind].keys()
        for rid, located in records.items():
            other = cached.records[kind][rid]
            assert other.reading.pending
            assert (other.record, other.locations, other.facts) == (located.record, located.locations, located.facts)
    assert (cached.site, cached.scale, cached.ids, cached.problems) == (fresh.site, fresh.scale, fresh.ids, fresh.problems)


def test_a_stamped_body_written_in_parts_is_the_body_joined(tmp_path: Path) -> None:
    from generator import stamped

    stamped.write(tmp_path / "parts", b"magic\n", [b"{", b"", b'"a":1', b"}"], {"format": 1})
    stamped.write(tmp_path / "whole", b"magic\n", b'{"a":1}', {"format": 1})
    assert stamped.read(tmp_path / "parts", b"magic\n", 1 << 20)[1] == stamped.read(tmp_path / "whole", b"magic\n", 1 << 20)[1] == b'{"a":1}'
    (tmp_path / "parts").write_bytes((tmp_path / "parts").read_bytes()[:-1])  # cut short
    with pytest.raises(stamped.NotOurs):
        stamped.read(tmp_path / "parts", b"magic\n", 1 << 20)


def test_a_stamped_file_is_refused_once_copied_or_altered(tmp_path: Path) -> None:
    from generator import stamped

    path = tmp_path / "a"
    stamped.write(path, b"magic\n", b"body", {"format": 1})
    header, body = stamped.read(path, b"magic\n", 1 << 20)
    assert (header["format"], bytes(body)) == (1, b"body")
    copy = tmp_path / "b"
    copy.write_bytes(path.read_bytes())  # what a checkout or an archive would make of it
    with pytest.raises(stamped.NotOurs):
        stamped.read(copy, b"magic\n", 1 << 20)
    with pytest.raises(stamped.NotOurs):
        stamped.read(path, b"other\n", 1 << 20)
    path.write_bytes(path.read_bytes()[:-1] + b"y")
    with pytest.raises(stamped.NotOurs):
        stamped.read(path, b"magic\n", 1 << 20)
