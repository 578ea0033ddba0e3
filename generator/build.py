"""The `build` command: check, build the whole site into a temporary folder, then swap it in.

A build that fails for any reason leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .check import check
from .errors import BuildError
from .facts import build_factset
from .mkdocs_plugin import factsheet_plugin
from .targets import check_site_dir, protected_folders


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build(project: Path, site_dir: Path) -> int:
    """Build the site of `project` (its mkdocs.yml and content/) into `site_dir`; returns the
    number of HTML pages written. The content (the folder the plugin's `content` option names) is
    checked first, once: its problems come as a list, and the site is built from what was checked."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    work = None
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), strict=True)
        plugin = factsheet_plugin(config)
        root = Path(config.config_file_path).parent
        site_dir = check_site_dir(site_dir, protected_folders(root, root / plugin.config.content, root / plugin.config.templates))
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
        fresh = work / "site"
        config["site_dir"] = str(fresh)
        plugin.preloaded = build_factset(check(project / plugin.config.content))
        plugin.previous = site_dir  # the last good site: its pages that did not change are linked, not laid out again
        mkdocs_build(config)
        pages = sum(1 for _ in fresh.rglob("*.html"))
        _swap(fresh, site_dir, work)
        return pages
    except (MkDocsException, SystemExit, OSError, ValueError) as exc:
        details = "\n".join(handler.messages) or str(exc)
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
