"""The preview server's error page: every page shows the problems at once under `mkdocs serve`,
each linked to the guide's section on its message, and comes back by itself after the fix."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_serve, stop_serve
from generator.errors import ContentError, Problem
from generator.preview import (
    FALLBACK_SECTION,
    GUIDE_SECTIONS,
    TEMPLATE_SECTION,
    ErrorLog,
    ErrorPages,
    Failure,
    error_page,
    guide_section,
    problems_of,
)

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")


def test_every_section_the_error_page_links_to_is_a_heading_of_the_guide() -> None:
    headings = {line.lstrip("#").strip() for line in GUIDE.splitlines() if line.startswith("#")}
    wanted = {heading for _, heading in GUIDE_SECTIONS} | {FALLBACK_SECTION, TEMPLATE_SECTION,
                                                           "What the check refuses, and what the report only lists"}
    assert wanted <= headings, wanted - headings


def test_each_kind_of_message_links_to_its_own_section() -> None:
    cases = {
        "content/quotes/q.yaml:2:19: speakers[0].organisation: no organisation 'spotfy' in content/organisations/ — did you mean 'spotify'?":
            "Ids that point nowhere",
        "content/organisations/acme.yaml:6:7: description.en: YAML reads 'no' as a boolean, not text: put it in quotes ('no')":
            "YAML reads a value as something else",
        "content/events/e.yaml:1:7: date: '2024-13' is not a date: there is no month 13": "A date that is not a date",
        "content/sources/s.yaml:11:7: description.fr: still a TODO placeholder: replace it with the real text": "A text still marked TODO",
        "content/quotes/q.yaml:13:11: wording.en.text: not found word for word in content/archive/s.txt: copy the words exactly "
        "from the source": "Words not found in the archived text",
        "content/organisations/o.yaml:3:1: invalid YAML: mapping values are not allowed here": "The file cannot be read",
        "content/organisations/o.yaml:2:7: kind: 'compny' is not one of: company, public-body, other — did you mean 'company'?":
            "Fields missing, unknown or of the wrong shape",
        "templates/pages/issue.md.j2:50:1: unexpected end of template": "A page layout is broken",
        "content/stances/s.yaml:9:12: evidence[0].claim: 'x' is a journalist's inference: it cannot be evidence; cite what was "
        "said or reported": "Evidence and wordings that cannot stand",
    }
    for line, heading in cases.items():
        (problem,) = problems_of(RuntimeError(line))
        assert str(problem) == line
        assert guide_section(problem) == heading, line


def test_a_check_error_gives_its_problems_and_a_template_error_its_located_line() -> None:
    problem = Problem("content/organisations/o.yaml", 2, 7, "kind", "'compny' is not one of: company, public-body, other")
    assert problems_of(ContentError([problem])) == (problem,)
    assert problems_of(RuntimeError("templates/pages/issue.md.j2:50: unexpected end of template")) == (
        Problem("templates/pages/issue.md.j2", 50, 1, "", "unexpected end of template"),)


def test_an_error_both_language_sites_log_is_one_problem() -> None:
    log = ErrorLog()
    for message in ("templates/pages/issue.md.j2:50: 'x' is undefined", "templates/strings.yaml:3: no French",
                    "templates/pages/issue.md.j2:50: 'x' is undefined"):
        log.emit(logging.LogRecord("mkdocs", logging.ERROR, __file__, 1, message, None, None))
    assert log.problems(RuntimeError("Aborted with a BuildError!")) == (
        Problem("templates/pages/issue.md.j2", 50, 1, "", "'x' is undefined"), Problem("templates/strings.yaml", 3, 1, "", "no French"))


def test_the_error_page_is_in_the_pages_language_with_each_problem_and_its_guide_link() -> None:
    problem = Problem("content/organisations/o.yaml", 2, 7, "kind", "'compny' is not one of: company, public-body, other")
    page = error_page([problem], "fr", "/")
    assert '<html lang="fr">' in page
    assert "<h1>Le site ne peut pas être construit</h1>" in page
    assert ("<li><code>content/organisations/o.yaml:2:7: kind: &#39;compny&#39; is not one of: company, public-body, other</code>"
            ' — <a href="/fr/guide/#des-champs-manquants-inconnus-ou-de-la-mauvaise-forme">ce que cela veut dire</a></li>') in page
    assert "1\u00a0problème." in page and "enregistrez\u00a0:" in page
    english = error_page([problem, problem], "en", "/sub/")
    assert '<html lang="en">' in english and "2\u00a0problems." in english and 'href="/sub/guide/#' in english


def _app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html")])
    return [environ["PATH_INFO"].encode()]


def _call(app, path: str) -> tuple[str, str]:
    status: list[str] = []
    body = b"".join(app({"PATH_INFO": path}, lambda s, h: status.append(s)))
    return status[0], body.decode()


def test_while_the_build_fails_every_page_gets_the_error_page_of_its_language_and_nothing_else_does() -> None:
    failure = Failure()
    app = ErrorPages(_app, "/", failure)
    assert _call(app, "/fr/organisations/meta/") == ("200 OK", "/fr/organisations/meta/")
    failure.set((Problem("a.yaml", 1, 1, "", "x"),))
    assert _call(app, "/fr/organisations/meta/") == ("500 Internal Server Error", "/.factsheet-problems/fr.html")
    assert _call(app, "/en/") == ("500 Internal Server Error", "/.factsheet-problems/en.html")
    assert _call(app, "/") == ("500 Internal Server Error", "/.factsheet-problems/en.html")
    assert _call(app, "/fr/organisations/meta") == ("500 Internal Server Error", "/.factsheet-problems/fr.html")
    for passing in ("/guide/", "/fr/guide/", "/assets/factsheet.css", "/livereload/1/2", "/en/assets/search.js"):
        assert _call(app, passing) == ("200 OK", passing)


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""


def _project(tmp_path: Path) -> Path:
    """A copy of the project to serve and break."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "EDITING.md", "EDITING.fr.md"):
        shutil.copy(ROOT / name, project / name)
    return project


@contextmanager
def _serving(project: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real `mkdocs serve` of `project` on 127.0.0.1: its address and its process."""
    scratch = project.parent / "tmp"
    port, proc = mkdocs_serve(project, scratch)
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop_serve(proc, scratch)


@pytest.mark.slow
def test_under_mkdocs_serve_a_mistake_shows_in_every_page_at_once_and_the_page_comes_back_after_the_fix(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project / "content" / "organisations" / "meta.yaml"
    good = path.read_text(encoding="utf-8")
    with _serving(project) as (base, _):
        deadline = time.monotonic() + 60
        while _get(f"{base}/fr/")[0] != 200:
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        path.write_text(good.replace("kind: company", "kind: compny", 1), encoding="utf-8")
        deadline = time.monotonic() + 30
        while _get(f"{base}/fr/")[0] != 500:
            assert time.monotonic() < deadline, "the error page did not come"
            time.sleep(0.3)
        started = time.monotonic()
        status, page = _get(f"{base}/fr/organisations/")
        assert time.monotonic() - started < 2, "a request was held"
        assert status == 500 and '<html lang="fr">' in page and "livereload" in page
        assert ("content/organisations/meta.yaml:2:7: kind: &#39;compny&#39; is not one of: company, public-body, other"
                " — did you mean &#39;company&#39;?</code> — "
                '<a href="/fr/guide/#des-champs-manquants-inconnus-ou-de-la-mauvaise-forme">ce que cela veut dire</a>') in page
        status, guide = _get(f"{base}/fr/guide/")
        assert status == 200 and 'id="des-champs-manquants-inconnus-ou-de-la-mauvaise-forme"' in guide
        status, guide = _get(f"{base}/guide/")
        assert status == 200 and 'id="fields-missing-unknown-or-of-the-wrong-shape"' in guide
        epoch = int(re.search(r"livereload\((\d+),", page).group(1))
        path.write_text(good, encoding="utf-8")
        # The open page's livereload poll answers with a newer epoch once the site builds again
        # (it is held until then: a rebuild on a loaded machine can take longer than a page request).
        status, newer = _get(f"{base}/livereload/{epoch}/1", timeout=60)
        assert status == 200 and int(newer) > epoch
        deadline = time.monotonic() + 30
        while _get(f"{base}/fr/")[0] != 200:
            assert time.monotonic() < deadline, "the page did not come back after the fix"
            time.sleep(0.3)
        assert 'lang="fr"' in _get(f"{base}/fr/organisations/")[1]


def test_a_single_word_quote_links_to_the_section_on_quotes_and_excerpts() -> None:
    problem = Problem("content/quotes/q.yaml", 13, 11, "wording.en.text", "one word is not a quote: quote at least two words, or "
                      "the whole sentence; for a single word the speaker used as such, add `quoting: single-word`")
    assert guide_section(problem) == "Words not found in the archived text"


def test_an_answer_dated_too_early_links_to_the_section_on_dates() -> None:
    problem = Problem("content/events/e.yaml", 30, 10, "answers", "dated 2023-12, before 'p' (2024-01-25), which it answers: "
                      "correct the dates, or the event it answers")
    assert guide_section(problem) == "A date that is not a date"


def test_mkdocs_serve_started_on_broken_content_serves_the_error_page_instead_of_stopping(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project / "content" / "organisations" / "meta.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: company", "kind: compny", 1), encoding="utf-8")
    with _serving(project) as (base, proc):
        deadline = time.monotonic() + 60
        while (got := _get(f"{base}/en/"))[0] != 500:
            assert proc.poll() is None, "serve stopped on broken content"
            assert time.monotonic() < deadline, "the error page did not come"
            time.sleep(0.3)
        assert '<html lang="en">' in got[1] and "content/organisations/meta.yaml:2:7: kind:" in got[1]
