"""The preview server's error page: under `mkdocs serve`, a failed check or template answers every
page at once with the list of problems, instead of a request held until a rebuild succeeds.

MkDocs' server holds every request while the last rebuild has failed (its livereload only moves
on when a build succeeds). So under `serve`, the plugin lets a failed build end normally: the
hub is built without facts (the guide only), the problems are kept here, and a small WSGI layer
in front of MkDocs' own answers every page of the site with an error page, in the language of
the page asked for, each problem linked to the guide's section on its message. The error page is
served through MkDocs' server like any page (it injects its livereload script), so the browser
reloads by itself when the next build succeeds. `mkdocs build` and `python -m generator build`
never come here: they fail as before.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from markupsafe import escape

from .errors import ContentError, Problem
from .model import LANGS
from .urls import GUIDES, absolute, at, heading_anchor

ERROR_DIR = ".factsheet-problems"  # in the served site folder: one error page per language

# Which section of the editors' guide (EDITING.md, "What the check refuses") explains a message:
# the first pattern found in the problem's field and message names the heading.
GUIDE_SECTIONS: tuple[tuple[str, str], ...] = (
    (r"still a TODO placeholder", "A text still marked TODO"),
    (r"YAML reads .* not text", "YAML reads a value as something else"),
    (r"invalid YAML|tab used for indentation|is not UTF-8|duplicate key|YAML tag|alias '|a second YAML document|"
     r"the file is empty|nested more than|values in one file|a key must be a plain name", "The file cannot be read"),
    (r"not found word for word|no archived text|archive|one word is not a quote|at least two words|single-word|passages|capture",
     "Words not found in the archived text"),
    (r"is not a date|a correction is dated|before it starts|expected a date|which it answers", "A date that is not a date"),
    (r"inference|is a statement by|has no speaker|is not among the organisations|evidence item|an excerpt goes with|"
     r"is empty: list at least|said_by|both wordings are editorial|editorial translation has no sources|"
     r"partnership is between", "Evidence and wordings that cannot stand"),
    (r"URL|slug|https?:", "Addresses: URLs and slugs"),
    (r"(^|: )no [a-z ]+ '|is an? [a-z ]+, not an? |not a valid id|file name is the record's id|unknown folder|"
     r"unexpected file|not a record file|folders are not allowed", "Ids that point nowhere"),
    (r"missing|unknown field|unknown entry|expected|listed twice|is not one of|is empty|single line|defined twice",
     "Fields missing, unknown or of the wrong shape"),
)
TEMPLATE_SECTION = "A page layout is broken"  # a problem in templates/, whatever its message
FALLBACK_SECTION = "6. Check, and read what the check says"
GUIDE_TOP = "What the check refuses, and what the report only lists"
# The same sections in the French guide (EDITING.fr.md, its twin; a test keeps them in step).
FRENCH_SECTIONS = {
    "The file cannot be read": "Le fichier ne peut pas être lu",
    "YAML reads a value as something else": "YAML lit une valeur comme autre chose",
    "Fields missing, unknown or of the wrong shape": "Des champs manquants, inconnus ou de la mauvaise forme",
    "Ids that point nowhere": "Des id qui ne désignent rien",
    "A date that is not a date": "Une date qui n’est pas une date",
    "Words not found in the archived text": "Des mots introuvables dans le texte archivé",
    "A text still marked TODO": "Un texte encore marqué TODO",
    "Evidence and wordings that cannot stand": "Des éléments et des versions qui ne tiennent pas",
    "Addresses: URLs and slugs": "Les adresses : URL et slugs",
    "A page layout is broken": "Une mise en page est cassée",
    "6. Check, and read what the check says": "6. Vérifier, et lire ce que dit la vérification",
    "What the check refuses, and what the report only lists": "Ce que la vérification refuse, et ce que le rapport se contente de lister",
}

# The error page is for editors, and must show even when templates/ itself is what is broken:
# its few words live here rather than in templates/strings.yaml.
WORDS = {
    "en": {"title": "The site cannot be built", "one": "problem", "many": "problems",
           "lead": "Fix the files below and save: this page comes back by itself when the build succeeds.",
           "guide": "what this means", "guide_all": "The editors’ guide: what the check refuses", "home": "Home"},
    "fr": {"title": "Le site ne peut pas être construit", "one": "problème", "many": "problèmes",
           "lead": "Corrigez les fichiers ci-dessous et enregistrez\u00a0: cette page revient d’elle-même quand la construction réussit.",
           "guide": "ce que cela veut dire", "guide_all": "Le guide des éditeurs\u00a0: ce que la vérification refuse", "home": "Accueil"},
}


def serving() -> bool:
    """Whether this process is `mkdocs serve` (or `properdocs serve`). Asked of the command line's
    click context: a plugin's `on_startup` event would tell it too, but MkDocs then keeps one
    instance of the plugin for every configuration, and the language sites need their own."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.info_name == "serve" and ctx.find_root().info_name in ("mkdocs", "properdocs")


def guide_section(problem: Problem) -> str:
    """The heading of the guide's section on `problem`'s message."""
    if problem.path.startswith("templates/"):
        return TEMPLATE_SECTION
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return next((heading for pattern, heading in GUIDE_SECTIONS if re.search(pattern, text)), FALLBACK_SECTION)


def anchor(heading: str, lang: str = "en") -> str:
    """The anchor MkDocs gives the heading `heading` of the English guide, in the `lang` guide (its `toc` extension's)."""
    return heading_anchor(FRENCH_SECTIONS[heading] if lang == "fr" else heading)


_LOCATED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rest>.*)$")


def problems_of(error: BaseException) -> tuple[Problem, ...]:
    """The problems an error carries: a check's list, or each located line of another's message."""
    if isinstance(error, ContentError):
        return tuple(error.problems)
    text = str(getattr(error, "message", None) or error) or type(error).__name__
    text = text.removeprefix("the content has problems:\n")
    problems = []
    for line in text.splitlines():
        m = _LOCATED.match(line.strip())
        if m:
            problems.append(Problem(m["path"], int(m["line"]), int(m["col"] or 1), "", m["rest"]))
        elif line.strip():
            problems.append(Problem("mkdocs.yml", 1, 1, "", line.strip()))
    return tuple(problems) or (Problem("mkdocs.yml", 1, 1, "", type(error).__name__),)


def error_page(problems: Iterable[Problem], lang: str, root: str = "/") -> str:
    """The page shown for every page of `lang` while the site cannot be built. `root` is the
    address of the hub (where the guide is)."""
    w = WORDS[lang]
    problems = sorted(problems)
    n = len(problems)
    guide = root + GUIDES[lang][1]
    items = "\n".join(
        f'<li><code>{escape(str(p))}</code> — <a href="{escape(at(guide, anchor(guide_section(p), lang)))}">{w["guide"]}</a></li>'
        for p in problems)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{w["title"]}</title>\n'
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
            "h1{color:#b00020}li{margin:.5rem 0}code{white-space:pre-wrap;word-break:break-word;background:#f4f4f4;"
            "padding:.1rem .3rem}</style>\n</head>\n<body>\n<main>\n"
            f'<h1>{w["title"]}</h1>\n<p>{n}\u00a0{w["one"] if n == 1 else w["many"]}. {w["lead"]}</p>\n'
            f'<ol class="fs-problems">\n{items}\n</ol>\n'
            f'<p><a href="{escape(at(guide, anchor(GUIDE_TOP, lang)))}">{w["guide_all"]}</a>'
            f' · <a href="{escape(absolute(root, lang, ""))}">{w["home"]}</a></p>\n</main>\n</body>\n</html>\n')


def write_error_pages(site_dir: Path, problems: tuple[Problem, ...], root: str) -> None:
    """The error page of each language, in the served site folder (served from there, so that
    MkDocs' server adds its livereload script)."""
    folder = site_dir / ERROR_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        (folder / f"{lang}.html").write_text(error_page(problems, lang, root), encoding="utf-8")


class ErrorLog(logging.Handler):
    """The errors MkDocs logs while it builds (a language site's plugin error is logged, then
    raised as a bare 'Aborted with a BuildError!')."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> ErrorLog:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def problems(self, error: BaseException) -> tuple[Problem, ...]:
        """What went wrong: the errors logged (each once: a template's error is logged by each
        language site's build), or else the error raised."""
        logged = dict.fromkeys(p for message in self.messages for p in problems_of(RuntimeError(message)))
        return tuple(logged) or problems_of(error)


@dataclass
class Failure:
    """The problems of the last build under `serve`, or none when it succeeded."""

    problems: tuple[Problem, ...] = ()

    def __post_init__(self) -> None:
        self.lock = threading.Lock()

    def set(self, problems: tuple[Problem, ...]) -> None:
        with self.lock:
            self.problems = problems

    def get(self) -> tuple[Problem, ...]:
        with self.lock:
            return self.problems


FAILURE = Failure()  # one `serve` per process


class ErrorPages:
    """A WSGI layer in front of MkDocs' server: while the last build failed, a request for a page
    (a path ending in '/' or '.html') outside the guide is answered with the error page of its
    language, with status 500; everything else (assets, the guide, livereload) goes through."""

    def __init__(self, app: Callable[..., Iterable[bytes]], mount_path: str, failure: Failure = FAILURE) -> None:
        self.app, self.mount, self.failure = app, mount_path, failure

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not self.failure.get() or not self.is_page(path):
            return self.app(environ, start_response)
        rel = path[len(self.mount):] if path.startswith(self.mount) else path.lstrip("/")
        lang = next((lg for lg in LANGS if rel.startswith(f"{lg}/")), "en")
        environ = {**environ, "PATH_INFO": f"{self.mount}{ERROR_DIR}/{lang}.html"}

        def failed(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if status.startswith("200"):
                status = "500 Internal Server Error"
                headers = [*headers, ("Cache-Control", "no-store")]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return self.app(environ, failed)

    def is_page(self, path: str) -> bool:
        if not path.startswith(self.mount) and path != self.mount.rstrip("/"):
            return False
        rel = path[len(self.mount):]
        if rel.startswith(("livereload/", ERROR_DIR)) or any(rel.startswith(href) for _, href in GUIDES.values()):
            return False
        return rel == "" or rel.endswith(("/", ".html")) or "." not in rel.rsplit("/", 1)[-1]
