"""The `build` command: the whole pipeline, phase by phase, into a temporary folder, then swapped in.

A build that fails for any reason leaves the previous site/ exactly as it was. `mkdocs build` and
`mkdocs serve` run the same phases, through the plugin (`mkdocs_plugin`), in MkDocs' events.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .check import check
from .engine import engine_of
from .errors import BuildError
from .facts import build_factset
from .mkdocs_plugin import factsheet_plugin
from .site import build_languages, dirty_is_meant, index_search
from .targets import check_site_dir, protected_folders
from .timings import Timings


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build(project: Path, site_dir: Path, timings: Timings | None = None) -> int:
    """Build the site of `project` (its mkdocs.yml and content/) into `site_dir`; returns the
    number of HTML pages written. Each phase is timed into `timings` (see `timings`)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    timings = timings if timings is not None else Timings()
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    work = None
    try:
        hub = load_config(config_file=str(project / "mkdocs.yml"), strict=True)
        plugin = factsheet_plugin(hub)
        root = Path(hub.config_file_path).parent
        site_dir = check_site_dir(site_dir, protected_folders(root, root / plugin.config.content, root / plugin.config.templates))
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
        fresh = work / "site"
        hub["site_dir"] = str(fresh)

        # 1. check: every record of content/ read and checked; all its problems reported at once.
        with timings.phase("check"):
            checked = check(root / plugin.config.content)
        # 2. index: the checked records cross-referenced into the facts that every page reads.
        with timings.phase("index"):
            facts = build_factset(checked)
        # 3–4. each language: its pages rendered, then laid out by MkDocs into fresh/<lang>/ (a
        # process per language); the pages the last good site holds unchanged are linked from it.
        with timings.phase("languages"):
            timings.extend(build_languages(hub, facts, factsheet_plugin, previous=site_dir))
        if handler.messages:  # strict: a warning logged here (a language site's configuration, say) fails the build
            raise engine_of(hub).abort(f"Aborted with {len(handler.messages)} warnings in strict mode!")
        # 5. downloads and hub: the language-choice page, the guide, the data downloads and
        # robots.txt, laid out by MkDocs around the language sites (the plugin adds only these).
        with timings.phase("hub"), dirty_is_meant(hub):
            plugin.preloaded, plugin.hub_only = facts, True
            engine_of(hub).build(hub, dirty=True)
        # 6. search: both languages indexed by Pagefind.
        with timings.phase("search"):
            index_search(fresh, engine_of(hub).plugin_error)
        pages = sum(1 for _ in fresh.rglob("*.html"))
        # 7. swap: the new site put in place of the last good one.
        with timings.phase("swap"):
            _swap(fresh, site_dir, work)
        timings.report("build")
        return pages
    except (MkDocsException, SystemExit, OSError, ValueError) as exc:
        details = "\n".join(dict.fromkeys(handler.messages)) or str(exc)  # a template's error once, not once per language
        raise BuildError(f"the site was not built; {site_dir.name}/ is unchanged.\n{details}") from None
    finally:
        logger.removeHandler(handler)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _swap(fresh: Path, site_dir: Path, work: Path) -> None:
    """Put the new site in place with renames, keeping the old one until the new one is there."""
    old = work / "old"
    if site_dir.exists():
        os.rename(site_dir, old)
    try:
        os.rename(fresh, site_dir)
    except OSError:
        if old.exists():
            os.rename(old, site_dir)
        raise
