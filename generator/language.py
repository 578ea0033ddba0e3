"""One language site as its pages are written: the facts as that site shows them, read through
the traced view that records each page's inputs (`inputs`; the French site's with French
typography: `typography`), its interface strings, the page being written and the links from it
to a record or a section (made by `urls`), and dates as the language writes them. The base of
the renderer's parts: `labels` → `recordviews` → `contexts` → `render`."""

from __future__ import annotations

from datetime import date

import jinja2
from babel.dates import format_date

from . import urls
from .facts import FactSet
from .history import FileHistory
from .inputs import Memo, Reads, traced
from .model import LANGS, PartialDate
from .pagecache import PageCache
from .typography import french, french_facts
from .views import Link, WordingView

NBSP = "\u00a0"


class Language:
    """Writes the pages of one language site (see the module's docstring)."""

    def __init__(self, facts: FactSet, lang: str, strings: dict[str, dict[str, str]], env: jinja2.Environment,
                 base_url: str | None = None, history: dict[str, FileHistory] | None = None,
                 cache: PageCache | None = None) -> None:
        self.cache = cache  # pages of the last build, used again when their inputs did not change
        # The French site is rendered from the facts with their French texts set to French typography.
        # Every page reads them through `traced`, which records the page's inputs (see `inputs`).
        self.reads = Reads()
        self.facts, self.lang, self.env = traced(french_facts(facts) if lang == "fr" else facts, self.reads), lang, env
        self.history = history or {}  # content file -> when it entered and last changed in git
        self.base_url = base_url  # the published hub's absolute URL, for hreflang; None: relative links
        self.other = next(lg for lg in LANGS if lg != lang)
        self.t = {key: french(value[lang]) if lang == "fr" else value[lang] for key, value in strings.items()}
        self.here = ""  # URL of the page being rendered, for relative links
        # Worked out once: a page links to the same records and sources many times, and every
        # page cites the same sources and dates. The first three are for the current page only
        # (`start_page`): their links are relative to it, and the page has read their inputs.
        self._hrefs: dict[str, str] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._wordings: dict[tuple[str, str], WordingView] = {}
        self._targets: Memo[str] = Memo(self.reads)
        self._labels: Memo[str] = Memo(self.reads)
        self._checked: Memo[str] = Memo(self.reads)
        self._dates: dict[PartialDate | None, str] = {}

    def start_page(self, url: str) -> None:
        """Write the page at `url` from here on."""
        self.here, self._hrefs, self._links, self._wordings = url, {}, {}, {}

    def target(self, kind: str, rid: str) -> str:
        """The record `kind`/`rid`'s target in this language site (see `urls.url_of`)."""
        return self._targets.get((kind, rid), lambda: urls.url_of(self.facts, kind, rid, self.lang))

    def absolute(self, target: str, lang: str | None = None) -> str:
        """The published URL of `target` (a URL within a language site): absolute when the site's
        address is known, else from the site root."""
        return urls.absolute(self.base_url, lang or self.lang, target)

    def record_url(self, kind: str, rid: str) -> str:
        return self.absolute(self.target(kind, rid))

    def href(self, target: str) -> str:
        """A link from the current page to `target` (a URL within this language site: a folder
        ending in '/', or a file)."""
        if target not in self._hrefs:
            self._hrefs[target] = urls.href(target, self.here)
        return self._hrefs[target]

    def link(self, kind: str, rid: str) -> Link:
        key = (kind, rid)
        if key not in self._links:
            record = getattr(self.facts, kind)[rid]
            name = record.name if isinstance(record.name, str) else record.name[self.lang]
            self._links[key] = Link(name, self.href(self.target(kind, rid)))
        return self._links[key]

    def date(self, value: PartialDate | None) -> str:
        if value not in self._dates:
            self._dates[value] = self._format_date(value)
        return self._dates[value]

    def _format_date(self, value: PartialDate | None) -> str:
        if value is None or not value.known:
            return self.t["date_unknown"]
        if value.precision == "year":
            return str(value.year)
        if value.precision == "month":
            return format_date(date(value.year, value.month, 1), "LLLL y", locale=self.lang)
        return format_date(date(value.year, value.month, value.day), "d MMMM y", locale=self.lang)

    def quote_marks(self, text: str) -> str:
        return f"“{text}”" if self.lang == "en" else f"«{NBSP}{text}{NBSP}»"
