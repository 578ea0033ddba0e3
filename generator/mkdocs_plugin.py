"""The thin adapter between MkDocs and the generator: MkDocs events in, the build's phases out.

`python -m generator build` runs the phases itself (see `build`), and has MkDocs build only the
hub's pages. Under `mkdocs build` and `mkdocs serve`, MkDocs builds the hub (the root `mkdocs.yml`)
and this plugin runs the same phases from its events: check and index (`on_config`), each language
site built into its folder then the hub's own files (`on_files`), search (`on_post_build`; under
`serve`, a moment after the page is served, and problems shown in the browser: see `preview`). In
a language site it adds that language's rendered pages, tells MkDocs which of them the last good
site holds unchanged (see `lastsite`), and keeps Markdown from re-reading their raw HTML (see
`htmlblocks`).
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import preview
from .check import check
from .engine import engine_of
from .errors import ContentError, GeneratorError, Problem
from .facts import FactSet, build_factset
from .htmlblocks import Hidden, MarkedBlockError, hide, restore, unmark
from .lastsite import Manifest, layout_setting, markdown_digest, set_aside
from .site import LATER_SEARCH, build_languages, hub_files, index_search
from .sitefiles import language_site
from .targets import mark_site, refuse_protected
from .templating import BYTECODE
from .timings import Timings
from .typography import french

log = logging.getLogger("mkdocs.plugins.factsheet")

# The Markdown extensions `htmlblocks` is proven with: none of them reads inside raw HTML blocks.
PLAIN_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list"})


class FactsheetConfig(Config):
    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")
    language = c.Optional(c.Choice(("en", "fr")))


class FactsheetPlugin(BasePlugin[FactsheetConfig]):
    """Generates the fact-sheet pages (see the module docstring)."""

    facts: FactSet
    preloaded: FactSet | None = None  # set by whoever checked the content already for this build
    problems: tuple[Problem, ...] = ()  # under `serve`, what made this build fail (see `preview`)
    previous: Path | None = None  # the last good site (of this language, in a language site): see `lastsite`
    hub_only: bool = False  # set by `build`, which runs the other phases itself: the hub adds only its own files
    manifest: Manifest | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _list_theme_files_without_dot_folders(config)
        root = Path(config.config_file_path).parent
        if self.config.language is None:  # `mkdocs build -d content` would empty content/ first
            refuse_protected(Path(config.site_dir), root, self.config.content, self.config.templates)
        self.hidden: dict[str, Hidden] = {}  # by page source, until the page's HTML is made
        self.hide_html = {_extension_name(e) for e in config.markdown_extensions} <= PLAIN_EXTENSIONS
        self.timings = Timings()
        self.hub_laid_out: Callable[[], None] = lambda: None  # ends the hub phase (see `on_files`)
        try:
            self.facts = self.preloaded or self._check_and_index(root / self.config.content)
        except ContentError as exc:
            self._fail(config, exc, "the content has problems:\n" + exc.message)
            config.extra["factsheet"] = {"site_title": config.site_name, "lang": "en"}
            return config
        self.preloaded = None  # a rebuild under `mkdocs serve` checks the content again
        site = self.facts.site
        lang = self.config.language or "en"
        title = site.title[lang] if self.config.language else f"{site.title['en']} / {site.title['fr']}"
        title = french(title) if lang == "fr" else title
        # Material writes site_name into the page unescaped: hand it text that is already escaped.
        config.site_name = str(escape(title))
        config.site_description = str(escape(french(site.tagline[lang]) if lang == "fr" else site.tagline[lang]))
        config.extra["factsheet"] = {"site_title": title, "lang": lang}
        os.environ.setdefault("SOURCE_DATE_EPOCH", _last_commit_time(root))
        return config

    def _check_and_index(self, content: Path) -> FactSet:
        """The check and index phases, under `mkdocs build` and `mkdocs serve` (see `build`)."""
        with self.timings.phase("check"):
            checked = check(content)
        with self.timings.phase("index"):
            return build_factset(checked)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The hub: (unless `build` runs these phases itself) each language site built into its
        folder, then the hub's own files. A language site: its pages rendered."""
        templates = Path(config.config_file_path).parent / self.config.templates
        root = Path(config.config_file_path).parent
        generated: dict[str, str | bytes | Path] = {}
        try:
            if self.config.language is None:
                Path(config.site_dir).mkdir(parents=True, exist_ok=True)
                mark_site(Path(config.site_dir))
                if not self.problems and not self.hub_only:
                    self._build_languages(config)
                self.hub_laid_out = self.timings.begin("hub")  # ends when MkDocs has laid out the hub's pages
                generated.update(hub_files(None if self.problems else self.facts, root, templates, config.site_url))
            else:
                with self.timings.phase("render"):
                    generated = language_site(self.facts, self.config.language, root, root / self.config.content, templates,
                                              config.site_url, cached=True, remember=preview.serving(),
                                              marked=self.hide_html).files
        except GeneratorError as exc:
            self._fail(config, exc, exc.message)
        if self.config.language is not None:
            self.manifest = Manifest.open(root / self.config.content, self.config.language, layout_setting(config), self.previous,
                                          remember=preview.serving())
        for src in list(generated):  # text; a card's PNG bytes, or the file holding it
            content = generated.pop(src)  # a page's Markdown is held once: by MkDocs, hidden (see `_hide`)
            existing = files.get_file_from_path(src)
            if existing is not None:
                files.remove(existing)
            if isinstance(content, Path):
                files.append(File.generated(config, src, abs_src_path=str(content)))
            elif src.endswith(".md") and isinstance(content, str):
                files.append(self._page_file(config, src, content))
            else:
                files.append(File.generated(config, src, content=content))
        self.files = files
        return files

    def _build_languages(self, config: MkDocsConfig) -> None:
        """The languages phase under `mkdocs build` and `mkdocs serve`: under `serve`, what makes it
        fail is kept to be shown in the browser (see `preview`)."""
        with preview.ErrorLog() as errors:
            try:
                with self.timings.phase("languages"):
                    self.timings.extend(build_languages(config, self.facts, factsheet_plugin, self.previous))
            except Exception as exc:
                if not preview.serving():
                    raise
                self.problems = errors.problems(exc)

    def _page_file(self, config: MkDocsConfig, src: str, markdown: str) -> PageFile:
        """A generated page, which MkDocs' dirty build skips when the last good site holds its HTML."""
        file = cast(PageFile, PageFile.generated(config, src, content=markdown))  # File.generated makes a `cls`
        file.digest = markdown_digest(src, markdown)
        file.modified = self.manifest is None or not self.manifest.unchanged(src, file.dest_uri, file.digest)
        if file.modified and self.hide_html:
            try:
                file.content_string = self._hide(src, markdown)
            except MarkedBlockError as exc:
                raise engine_of(config).plugin_error(exc.message) from None
        elif self.hide_html:
            file.content_string = unmark(markdown)
        return file

    def _hide(self, src: str, markdown: str) -> str:
        """The page MkDocs is given: the insides of the raw HTML blocks our templates marked left
        out, and the markers removed (see `htmlblocks`); the insides are kept here until the page's
        HTML is made. MkDocs holds every page's source and HTML until the build ends: the insides
        are held once, in the HTML, not twice."""
        end = 0  # where the front matter ends
        if markdown.startswith("---\n"):
            close = markdown.find("\n---\n", 3)
            end = close + 5 if close >= 0 else 0
        shown, hidden = hide(markdown[end:], src)  # the blocks our templates marked (markers removed)
        if hidden.blocks:
            self.hidden[src] = hidden
        return markdown[:end] + shown

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = BYTECODE  # Material's templates compiled once per process, not per build
        if self.manifest is not None:  # what the pages laid out now read of the pages skipped
            for file in files.documentation_pages():
                if file.src_uri in self.manifest.skipped and file.page is not None:
                    self.manifest.restore(file.page)
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.language is None and not self.hub_only:  # MkDocs empties site_dir next
            LATER_SEARCH.wait()
            self.previous = set_aside(Path(config.site_dir))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        hidden = self.hidden.pop(page.file.src_uri, None)
        if hidden is None:
            return html
        restored = restore(html, hidden)
        if restored is None:  # not seen to happen: render the whole page, as MkDocs would have
            markdown = restore(cast(str, page.markdown), hidden)  # read by now
            if markdown is None:
                raise engine_of(config).plugin_error(f"{page.file.src_uri}: the generator could not put the page's raw HTML back; "
                                                          "this is a bug in generator/htmlblocks.py, not in the content: please report it")
            page.markdown = markdown
            page.render(config, files)
            return cast(str, page.content)  # set by render
        # The anchors as html.parser gives them (None for an attribute without a value): only looked up.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | cast("set[str]", hidden.anchor_ids)
        return restored

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.language is not None:
            if self.manifest is not None:
                site_dir = Path(config.site_dir)
                with self.timings.phase("keep"):
                    self.manifest.fill(site_dir)
                self.manifest.record(site_dir, [f.page for f in self.files.documentation_pages() if f.page is not None])
                self.manifest.save()
                log.info("%s site: %d pages laid out, %d kept from the last site", self.config.language,
                         len(self.manifest.new) - len(self.manifest.skipped), len(self.manifest.skipped))
            return
        self.hub_laid_out()
        if self.hub_only:  # `build` indexes the site for search itself
            return
        if not self.problems:
            if preview.serving():  # the page is served first, searched a moment later
                try:
                    LATER_SEARCH.start(Path(config.site_dir), self.previous)
                except OSError as exc:
                    self.problems = preview.problems_of(exc)
            else:
                with self.timings.phase("search"):
                    index_search(Path(config.site_dir), engine_of(config).plugin_error)
        if preview.serving():
            if self.problems:
                preview.write_error_pages(Path(config.site_dir), self.problems, urlsplit(config.site_url or "/").path or "/")
            preview.FAILURE.set(self.problems)
        self.timings.report("serve" if preview.serving() else "mkdocs build")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Every page answers with the error page while the last build failed (see `preview`)."""
        app = cast("Callable[..., Iterable[bytes]]", server.get_app())  # MkDocs set it before this event
        server.set_app(preview.ErrorPages(app, getattr(server, "mount_path", "/")))
        return server

    def _fail(self, config: MkDocsConfig, error: Exception, message: str) -> None:
        """Under `serve`, the build goes on without the facts and the problems are shown in the
        browser; otherwise it stops here with them."""
        if self.config.language is not None or not preview.serving():  # a language site's: raised to the hub
            raise engine_of(config).plugin_error(message) from None
        self.problems = preview.problems_of(error)


class PageFile(File):
    """A generated page that says whether it must be laid out again (see `lastsite`): MkDocs' dirty
    build asks each file `is_modified`."""

    digest: str = ""
    modified: bool = True

    def is_modified(self) -> bool:
        return self.modified


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, as MkDocs makes it, but listing the theme's files without walking a
    folder whose name begins with a dot. MkDocs lists them to copy into the site those that are not
    templates, and never copies one from such a folder (`Files.add_files_from_theme` leaves out
    `.*` and `*/.*`); Material's `.icons` holds 14,348 of its 14,509 files, walked on each of a
    build's three MkDocs runs (benchmarks/README.md says what skipping them gains)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                found.update((Path(folder).relative_to(searchpath) / name).as_posix() for name in names)
        return sorted(found)


def _list_theme_files_without_dot_folders(config: MkDocsConfig) -> None:
    """Has each environment the theme makes (MkDocs makes one and lists the theme's files with it
    before any event can reach it) load templates with `ThemeLoader`."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeLoader(theme.dirs)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _last_commit_time(root: Path) -> str:
    """The time of the last commit, so that dates in the output (sitemap) do not follow the clock."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def factsheet_plugin(config: MkDocsConfig) -> FactsheetPlugin:
    """Our plugin's instance in a loaded configuration."""
    return next(p for p in config.plugins.values() if isinstance(p, FactsheetPlugin))


def _extension_name(extension: object) -> str:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.removeprefix("markdown.extensions.")
