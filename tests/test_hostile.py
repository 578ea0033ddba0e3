"""Content from a pull request cannot hurt: content/ is read as a tree of regular files inside
the project, each read no further than a size limit; nothing outside it is opened, followed or
echoed, and nothing there hangs or crashes the check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest

from conftest import ROOT
from test_check import quote

SECRET = "root:x:0:0:the secret line of a file outside the project"
LINK = "not a regular file inside content/ (a symbolic link: put the file itself here, or remove the link)"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project, which nothing may read."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\nname: Jane\n")
    return path


def check(content: Path) -> subprocess.CompletedProcess:
    """`check`, as an editor runs it; a check that hangs (on a pipe, say) fails after 60 s."""
    return subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})


def test_a_record_linked_to_a_file_outside_is_refused_without_echoing_it(content_copy: Path, outside: Path) -> None:
    (content_copy / "people" / "evil.yaml").symlink_to(outside)
    result = check(content_copy)
    assert result.stderr.splitlines() == [f"content/people/evil.yaml:1:1: {LINK}", "1 problem found."]
    assert result.returncode == 1


def test_an_archive_linked_outside_is_refused_and_never_matched(content_copy: Path, outside: Path) -> None:
    archive = content_copy / "archive" / "en-report-meta-spotify-eu-ai.txt"
    archive.unlink()
    archive.symlink_to(outside)
    result = check(content_copy)
    assert f"content/archive/en-report-meta-spotify-eu-ai.txt:1:1: {LINK}" in result.stderr.splitlines()
    assert "root:x" not in result.stderr and result.returncode == 1


def test_a_folder_linked_outside_is_refused_not_published(content_copy: Path, outside: Path) -> None:
    (outside.parent / "x.yaml").write_text("name: Jane\n")
    (content_copy / "people" / "linked").symlink_to(outside.parent)
    (content_copy / "instruments").rename(content_copy.parent / "instruments-moved")
    (content_copy / "instruments").symlink_to(content_copy.parent / "instruments-moved")
    result = check(content_copy)
    lines = result.stderr.splitlines()
    assert f"content/instruments:1:1: {LINK}" in lines
    assert f"content/people/linked:1:1: {LINK}" in lines
    assert "Jane" not in result.stderr


@pytest.mark.parametrize("make, why", [
    (lambda p: os.mkfifo(p), "a named pipe: remove it"),
    (lambda p: p.symlink_to("/dev/zero"), "a symbolic link: put the file itself here, or remove the link"),
    (lambda p: p.symlink_to(p.name), "a symbolic link: put the file itself here, or remove the link"),
], ids=["fifo", "dev-zero", "loop"])
def test_a_pipe_a_device_link_or_a_loop_is_refused_at_once(content_copy: Path, make, why: str) -> None:
    make(content_copy / "quotes" / "q.yaml")
    result = check(content_copy)
    assert result.stderr.splitlines() == [f"content/quotes/q.yaml:1:1: not a regular file inside content/ ({why})",
                                          "1 problem found."]


def test_a_record_past_the_size_limit_is_refused_unread(content_copy: Path) -> None:
    (content_copy / "organisations" / "big.yaml").write_bytes(b"kind: company\n" + b"#" * (1 << 20))
    (content_copy / "archive" / "en-report-meta-spotify-eu-ai.txt").write_bytes(b"words " * (3 << 20))
    result = check(content_copy)
    assert result.stderr.splitlines()[:2] == [
        "content/archive/en-report-meta-spotify-eu-ai.txt:1:1: larger than 16 MiB, the most a file here may hold: keep only what belongs in it",
        "content/organisations/big.yaml:1:1: larger than 1 MiB, the most a file here may hold: keep only what belongs in it"]


def test_content_itself_a_link_is_refused(tmp_path: Path, content_copy: Path) -> None:
    (tmp_path / "linked").symlink_to(content_copy)
    result = check(tmp_path / "linked")
    assert result.stderr.splitlines() == [f"{tmp_path / 'linked'}:1:1: not a regular folder inside the project "
                                          "(a symbolic link: put the file itself here, or remove the link)",
                                          "1 problem found."]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_an_unreadable_file_or_folder_is_reported_by_path(content_copy: Path) -> None:
    (content_copy / "organisations" / "meta.yaml").chmod(0)
    (content_copy / "events").chmod(0)
    try:
        result = check(content_copy)
    finally:
        (content_copy / "events").chmod(0o755)
    lines = result.stderr.splitlines()
    assert "content/events:1:1: cannot read the folder (Permission denied): give yourself the right to read it" in lines
    assert "content/organisations/meta.yaml:1:1: cannot read the file (Permission denied): give yourself the right to read it" in lines


ORG = "kind: company\nname:\n  en: {en}\n  fr: {fr}\ndescription:\n  en: A company.\n  fr: Une entreprise.\n"

# What `check` must refuse because `build` would fail on it or publish it wrong.
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "name_replacing_a_section_page": (
        {"organisations/acme.yaml": ORG.format(en="Index", fr="Acme")},
        ["content/organisations/acme.yaml:3:3: name: URL slug 'index' (en) is the address of the section's own list page: "
         "set a different `slug: {en: …}`"]),
    "name_overflowing_a_file_name": (
        {"organisations/acme.yaml": ORG.format(en="Acme", fr="mot " * 60)},
        ["content/organisations/acme.yaml:3:3: name: the fr URL slug would be 239 characters long, more than a file name "
         "may hold (200): set a shorter `slug: {fr: …}`"]),
    "id_overflowing_a_file_name": (
        {f"organisations/{'a' * 101}.yaml": ORG.format(en="Acme", fr="Acme")},
        [f"content/organisations/{'a' * 101}.yaml:1:1: the file name is the record's id: at most 100 characters, not 101; "
         "rename the file (and the references to it)"]),
}


NOT_FOUND = ("content/quotes/q.yaml:11:11: wording.en.text: not found word for word in "
             "content/archive/en-report-meta-spotify-eu-ai.txt: copy the words exactly from the source")
ONE_WORD = ("content/quotes/q.yaml:11:11: wording.en.text: one word is not a quote: quote at least two words, or the whole "
            "sentence; for a single word the speaker used as such, add `quoting: single-word`")
# Word for word: the archive says "because of unclear regulatory guidance. As noted by Meta".
CASES.update({
    "quote_dropping_a_words_prefix": ({"quotes/q.yaml": quote("clear regulatory guidance")}, [NOT_FOUND]),
    "quote_cut_inside_its_first_word": ({"quotes/q.yaml": quote("nclear regulatory guidance")}, [NOT_FOUND]),
    "quote_cut_inside_its_last_word": ({"quotes/q.yaml": quote("unclear regulatory guidanc")}, [NOT_FOUND]),
    "quote_of_one_letter": ({"quotes/q.yaml": quote("e").replace("    quoting: single-word\n    sources:\n      - en", "    sources:\n      - en")},
                            [NOT_FOUND, ONE_WORD]),
    "quote_of_one_word_unmarked": ({"quotes/q.yaml": quote("unclear").replace("    quoting: single-word\n    sources:\n      - en",
                                                                              "    sources:\n      - en")},
                                   [ONE_WORD]),
    "single_word_marker_on_several_words": (
        {"quotes/q.yaml": quote("unclear regulatory guidance").replace("published\n    sources:\n      - en",
                                                                       "published\n    quoting: single-word\n    sources:\n      - en")},
        ["content/quotes/q.yaml:13:14: wording.en.quoting: single-word, but the text has 3 words: remove `quoting: single-word`"]),
    "excerpt_of_one_word": (
        {"claims/c.yaml": "kind: reported\ntext:\n  en: Unclear.\n  fr: Floue.\nsources:\n  - source: en-report-meta-spotify-eu-ai\n"
                          "    excerpt: \"unclear\"\norganisations: [meta]\nissues: [eu-ai-regulation]\n"},
        ["content/claims/c.yaml:7:14: sources[0].excerpt: an excerpt is at least two words, or a whole sentence: copy more of the passage"]),
})


EVENT = "date: {date}\ntitle:\n  en: Something\n  fr: Quelque chose\nevidence:\n  - {kind}: {cites}\n"
CYCLE = "this event's evidence leads back to it ({chain}): an event cannot rest on itself; cite what shows it happened"
STANCE = (ROOT / "content" / "stances" / "meta-eu-ai-regulation.yaml").read_text(encoding="utf-8")
STANCE_LINE = STANCE.splitlines().index("issue: eu-ai-regulation") + 1
CONTROL = "holds the control character {}, which a page or a feed cannot show (or which breaks it): remove it"
CASES.update({
    "event_citing_itself": ({"events/e1.yaml": EVENT.format(date="unknown", kind="event", cites="e1")},
                            [f"content/events/e1.yaml:6:12: evidence[0].event: {CYCLE.format(chain='e1 → e1')}"]),
    "events_citing_each_other": (
        {"events/e2.yaml": EVENT.format(date="unknown", kind="event", cites="e3"),
         "events/e3.yaml": EVENT.format(date="unknown", kind="event", cites="e2")},
        [f"content/events/e2.yaml:6:12: evidence[0].event: {CYCLE.format(chain='e2 → e3 → e2')}",
         f"content/events/e3.yaml:6:12: evidence[0].event: {CYCLE.format(chain='e3 → e2 → e3')}"]),
    "claim_attached_to_nothing": (
        {"claims/c.yaml": "kind: reported\ntext:\n  en: Guidance is unclear.\n  fr: Les règles sont floues.\nsources:\n"
                          "  - source: en-report-meta-spotify-eu-ai\n    excerpt: \"unclear regulatory guidance\"\n"},
        ["content/claims/c.yaml:1:1: organisations: a claim is shown on the pages of the organisations or issues it is "
         "about: list at least one under `organisations:` or `issues:`"]),
    "two_stances_for_one_pair": (
        {"stances/meta-eu-ai-regulation-again.yaml": STANCE},
        [f"content/stances/meta-eu-ai-regulation.yaml:{STANCE_LINE}:8: issue: 'meta' has another stance on 'eu-ai-regulation' "
         "in content/stances/meta-eu-ai-regulation-again.yaml, and the pages show one: merge the two into one file (a "
         "stance lists its positions over time)"]),
    "year_zero": ({"events/e4.yaml": EVENT.format(date='"0000-12-25"', kind="source", cites="en-report-meta-spotify-eu-ai")
                   + "    excerpt: \"unclear regulatory guidance\"\n"},
                  ["content/events/e4.yaml:1:7: date: '0000-12-25' is not a date: there is no year 0; write the year the "
                   "source gives, or unknown"]),
    "control_characters": (
        {"organisations/acme.yaml": ORG.format(en='"Acme\\e[2J"', fr='"Acme\\u2028Corp"').replace(
            "A company.", '"A\\x1f company."').replace("Une entreprise.", '"Une\\x85 entreprise."')
         + 'website: "https://acme.example/"\n'},
        ["content/organisations/acme.yaml:3:7: name.en: " + CONTROL.format("\\x1b"),
         "content/organisations/acme.yaml:4:7: name.fr: " + CONTROL.format("\\u2028"),
         "content/organisations/acme.yaml:6:7: description.en: " + CONTROL.format("\\x1f"),
         "content/organisations/acme.yaml:7:7: description.fr: " + CONTROL.format("\\x85")]),
    "carriage_return_in_a_name": ({"organisations/acme.yaml": ORG.format(en='"Acme\\r```\\rinjected"', fr="Acme")},
                                  ["content/organisations/acme.yaml:3:7: name.en: " + CONTROL.format("\\x0d")]),
})


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_build_cannot_build_is_refused_by_check(case: str, content_copy: Path) -> None:
    files, expected = CASES[case]
    for rel, data in files.items():
        (content_copy / rel).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    result = check(content_copy)
    count = len(expected)
    assert result.stderr.splitlines() == expected + [f"{count} problem{'s' if count > 1 else ''} found."]
    assert result.returncode == 1


def test_new_refuses_an_id_too_long_for_a_file_name(content_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "new", "organisation", "--content", str(content_copy),
                             "--kind", "company", "--name-en", "Acme", "--name-fr", "Acme", "--id", "a" * 300],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, input="",
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stderr) == (1, "Error: the id is 300 characters long: give one of at most 100 with --id\n")


def test_did_you_mean_stays_linear_with_many_misspelt_references(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 misspelt references among 2,000 organisations: each misspelling is compared with the
    few ids one or two edits away, not with all 2,000 (83 s when it was; the time itself is
    make bench's business, not a test's: this counts the comparisons)."""
    from generator import load as load_module
    from generator import text, validate
    from generator.check import check as check_content
    from generator.errors import ContentError

    compared: list[int] = []

    def counted(word: str, options: Collection[str]) -> list[str]:
        found = text.closest_candidates(word, options)
        compared.append(len(found))
        return found

    monkeypatch.setattr(validate, "closest_candidates", counted)
    for i in range(2000):
        (content_copy / "organisations" / f"organisation-{i:04d}.yaml").write_text(
            ORG.format(en=f"Organisation {i}", fr=f"Organisation {i}"), encoding="utf-8")
    misspelt = "".join(f"  - organisaton-{i:04d}\n" for i in range(1000))
    (content_copy / "events" / "many.yaml").write_text(
        "date: unknown\ntitle:\n  en: Many\n  fr: Beaucoup\norganisations:\n" + misspelt
        + "evidence:\n  - source: en-report-meta-spotify-eu-ai\n    excerpt: \"unclear regulatory guidance\"\n", encoding="utf-8")
    load_module._CACHE.clear()
    with pytest.raises(ContentError) as raised:
        check_content(content_copy)
    suggestions = [p.message for p in raised.value.problems if "did you mean 'organisation-" in p.message]
    assert len(suggestions) == 1000
    assert suggestions[0] == "no organisation 'organisaton-0000' in content/organisations/ — did you mean 'organisation-0000'?"
    assert len(compared) >= 1000
    assert max(compared) <= 20, f"a misspelling was compared with {max(compared)} ids"


@pytest.mark.slow
def test_a_page_cache_put_there_by_a_commit_is_never_published(tmp_path: Path) -> None:
    """The build's page cache is used only if the build wrote it there: a forged one (its pages'
    Markdown changed, its header naming another file) is ignored, and the pages are rendered."""
    import json as json_module

    from generator.pagecache import MAGIC

    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    build = [sys.executable, "-m", "generator", "build", "--site-dir", str(tmp_path / "site")]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    assert subprocess.run(build, cwd=project, capture_output=True, env=env, timeout=600).returncode == 0
    caches = sorted((project / ".cache" / "factsheet").glob("pages-*"))
    assert len(caches) == 2
    for path in caches:
        data = path.read_bytes()
        end = data.index(b"\n", len(MAGIC))
        pages = json_module.loads(data[end + 1:])
        pages["pages"] = [[url, keys, digest, markdown + "\n\nINJECTED-BY-A-COMMIT\n"] for url, keys, digest, markdown in pages["pages"]]
        path.unlink()
        path.write_bytes(data[:end + 1] + json_module.dumps(pages).encode())  # as a checkout writes it: a new file
    assert subprocess.run(build, cwd=project, capture_output=True, env=env, timeout=600).returncode == 0
    assert not [p for p in (tmp_path / "site").rglob("*.html") if b"INJECTED-BY-A-COMMIT" in p.read_bytes()]


def test_diff_reads_a_commit_holding_a_link_and_a_non_utf8_name_without_a_traceback(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b", "HOME": str(tmp_path)}
    odd = os.fsencode(project / "content" / "organisations") + b"/caf\xe9.yaml"
    with open(odd, "w") as fh:
        fh.write("kind: company\n")
    (project / "content" / "people" / "evil.yaml").symlink_to("/etc/passwd")
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "hostile"]):
        subprocess.run(command, cwd=project, env=env, check=True)
    os.unlink(odd)
    (project / "content" / "people" / "evil.yaml").unlink()
    result = subprocess.run([sys.executable, "-m", "generator", "diff", "HEAD"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["No change to the facts since HEAD.",
                                              "Note: the content at HEAD has 2 problems; a record it could not read shows as added."]
