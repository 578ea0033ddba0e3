"""The language site the last build left, so that MkDocs lays out again only the pages that changed.

MkDocs can skip a page in one way only: its `dirty` build leaves out the pages whose file says it
is not modified. A language site is built dirty into an empty folder, and each generated page
says it is modified unless the last build laid out the very same Markdown under the same layout
setting (`layout_setting`: the generator's code, the versions of MkDocs, Material and Markdown,
the language site's configuration with its navigation, and the theme overrides), and its HTML is
still in the last good site as that build wrote it. Once MkDocs has written the pages it laid
out, each skipped page's HTML is hard-linked (copied where a link cannot be made) from the last
good site into the new one: nothing ever writes into a file of the last good site, which stays
whole whatever becomes of the new build. What MkDocs reads of a skipped page while it lays out
the others (its front matter, which the sitemap and the navigation read; its title; its anchors,
for the check of links) comes from the record the last build left.

That record (`Manifest`) is a stamped file in `.cache/factsheet/` beside the page cache, one per
language (see `stamped`). It names each page's HTML file by device, inode, modification time
and size, so it vouches only for the very files this code wrote and linked: a file that anything
else put in the site folder (a checkout, a copy, an edit) is laid out again. It holds only data,
is safe to delete, and `FACTSHEET_NO_CACHE=1` turns it off (every page is laid out).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import stamped
from .cache import code_version
from .model import LANGS
from .targets import is_site

FORMAT = 1
MAX_BYTES = 1 << 30
MAGIC = b"factsheet site manifest\n"
FileId = tuple[int, int, int, int]  # device, inode, modification time (ns), size

# The parts of a language site's configuration that decide how a page is laid out.
LAYOUT_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "use_directory_urls", "nav",
               "extra", "extra_css", "extra_javascript", "extra_templates", "markdown_extensions", "mdx_configs",
               "repo_url", "repo_name", "edit_uri", "edit_uri_template", "hooks", "not_in_nav", "validation", "draft_docs",
               "exclude_docs", "docs_dir")
ENGINES = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions", "babel", "markupsafe")


def layout_setting(config: Any) -> str:
    """What, besides a page's Markdown, decides its HTML: the generator's code, the versions of what
    lays it out, the language site's configuration (with its navigation, its title and the plugins'
    options) and every file of the theme's own folder."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT} {code_version()}".encode())
    for name in ENGINES:
        try:
            h.update(f" {name}={version(name)}".encode())
        except PackageNotFoundError:
            h.update(f" {name}=none".encode())
    settings = {key: config.get(key) for key in LAYOUT_KEYS}
    settings["extra"] = dict(config.extra)
    settings["theme"] = {"name": config.theme.name, "dirs": list(config.theme.dirs), **dict(config.theme.items())}
    settings["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    h.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    custom = Path(config.theme.dirs[0])
    if getattr(config.theme, "custom_dir", None):
        for path in sorted(p for p in custom.rglob("*") if p.is_file()):
            h.update(b"\0" + path.relative_to(custom).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def markdown_digest(src: str, markdown: str) -> str:
    return hashlib.blake2b(f"{src}\0{markdown}".encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Laid:
    """A page as a build laid it out: the digest of its Markdown, what MkDocs made of it that other
    pages read (its front matter, title and anchors), and its HTML file."""

    digest: str
    meta: dict[str, Any]
    title: str | None
    anchors: tuple[str, ...]
    file: FileId


def file_id(path: Path) -> FileId | None:
    """The identity of the regular file at `path` (links not followed), or None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


@dataclass
class Manifest:
    """The pages of one language site as the last build laid them out (`old`), and as this one does
    (`new`); `previous` is the folder of the last good site of this language, where their HTML is."""

    path: Path | None
    setting: str
    previous: Path | None
    old: dict[str, Laid] = field(default_factory=dict)
    new: dict[str, Laid] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # source -> its HTML's path in the site
    remember: bool = False

    @classmethod
    def open(cls, content: Path, lang: str, setting: str, previous: Path | None, remember: bool = False) -> Manifest:
        """The record of the `lang` site of `content`, whose last good site is in `previous`.
        `remember` (under `mkdocs serve`): the record of this process's last build is taken from
        memory, and this build's kept there (written to disk when the process ends)."""
        if os.environ.get("FACTSHEET_NO_CACHE", "") not in ("", "0") or previous is None:
            return cls(None, setting, None)
        resolved = content.resolve()
        tag = hashlib.blake2b(str(resolved).encode(), digest_size=6).hexdigest()
        path = resolved.parent / ".cache" / "factsheet" / f"site-{resolved.name}-{tag}-{lang}.cache"
        manifest = cls(path, setting, previous, remember=remember)
        last = _REMEMBERED.get(path) if remember else None
        if last is not None and last.setting == setting:
            manifest.old = last.new
            return manifest
        try:
            manifest.old = _read(path, setting)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            pass  # none, damaged or of another setting: every page is laid out
        return manifest

    def unchanged(self, src: str, dest: str, digest: str) -> bool:
        """Whether the last good site holds the HTML of the Markdown of this `digest`
        (`markdown_digest`), laid out as now: then MkDocs skips the page, and `fill` links that
        HTML into the new site."""
        laid = self.old.get(src)
        if laid is None or self.previous is None or laid.digest != digest:
            return False
        if file_id(self.previous / dest) != laid.file:
            return False
        self.skipped[src] = dest
        return True

    def restore(self, page: Any) -> None:
        """Give MkDocs' page of a skipped source what other pages read of it."""
        laid = self.old[page.file.src_uri]
        page.markdown = ""
        page.meta = json.loads(json.dumps(laid.meta))  # a copy: MkDocs and its templates may change it
        page.title = laid.title
        page.present_anchor_ids = set(laid.anchors)

    def fill(self, site_dir: Path) -> None:
        """Put the last good site's HTML of each skipped page into the new site: a hard link to the
        same file (never opened for writing), or a copy of it where links cannot be made."""
        assert self.previous is not None or not self.skipped
        for src, dest in self.skipped.items():
            source, target = self.previous / dest, site_dir / dest  # type: ignore[operator]
            if file_id(source) != self.old[src].file:
                raise OSError(f"{source} changed while the site was built; build again")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)

    def record(self, site_dir: Path, pages: Iterable[Any]) -> None:
        """Note each page of the new site as it is now laid out, to be saved for the next build."""
        for page in pages:
            src, dest = page.file.src_uri, page.file.dest_uri
            if src in self.skipped:
                old = self.old[src]
                found = file_id(site_dir / dest)
                if found is not None:
                    self.new[src] = Laid(old.digest, old.meta, old.title, old.anchors, found)
                continue
            digest = getattr(page.file, "digest", None)
            found = file_id(site_dir / dest)
            meta = page.meta if isinstance(page.meta, dict) else {}
            if not isinstance(digest, str) or found is None or _json_copy(meta) != meta:
                continue  # not ours, not written, or front matter JSON cannot hold: laid out every time
            title = page.title if isinstance(page.title, str) else None
            self.new[src] = Laid(digest, meta, title, tuple(sorted(page.present_anchor_ids or ())), found)

    def save(self) -> None:
        """Write the record of this build, atomically; a failure leaves the old one (whose files
        the new site no longer has, so the next build lays out more pages, never wrong ones)."""
        if self.path is None:
            return
        if self.remember:  # written once, when the process ends
            _REMEMBERED.keep(self.path, self)
            return
        self._write()

    def _write(self) -> None:
        assert self.path is not None
        pages = [[src, laid.digest, laid.meta, laid.title, list(laid.anchors), list(laid.file)]
                 for src, laid in sorted(self.new.items())]
        body = json.dumps({"pages": pages}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        try:
            stamped.write(self.path, MAGIC, body.encode("utf-8"), {"format": FORMAT, "setting": self.setting})
        except OSError:
            pass


# Under `mkdocs serve`: each language's last build (see `Manifest.open`).
_REMEMBERED: stamped.KeptUntilExit[Manifest] = stamped.KeptUntilExit(lambda manifest: manifest._write())


def _json_copy(value: Mapping[str, Any]) -> Any:
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return None


def _read(path: Path, setting: str) -> dict[str, Laid]:
    header, body = stamped.read(path, MAGIC, MAX_BYTES)
    if header.get("format") != FORMAT or header.get("setting") != setting:
        raise ValueError("another setting's record")
    data = json.loads(bytes(body))
    old = {}
    for src, digest, meta, title, anchors, file in data["pages"]:
        if not isinstance(meta, dict) or len(file) != 4:
            raise ValueError("a damaged record")
        old[src] = Laid(digest, meta, title, tuple(anchors), (file[0], file[1], file[2], file[3]))
    return old


# Under `mkdocs build` and `mkdocs serve`, MkDocs empties the site folder before the hub is built:
# the language sites of the last build are moved aside first, into a folder of the same file
# system (so that their files can be linked), kept until the process ends (under `serve`, the next
# rebuild moves the newer ones there in their turn).
_ASIDE: dict[Path, Path] = {}


def set_aside(site_dir: Path) -> Path | None:
    """Move the language sites (and the search index) of the built site at `site_dir` aside, before
    MkDocs empties it; the folder now holding them, or None when `site_dir` is not a built site."""
    site_dir = site_dir.resolve()
    if not site_dir.is_dir() or not is_site(site_dir):
        return _ASIDE.get(site_dir)
    aside = _ASIDE.get(site_dir)
    if aside is None or not aside.is_dir():
        aside = _ASIDE[site_dir] = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
        atexit.register(shutil.rmtree, aside, True)
    for name in (*LANGS, "pagefind"):
        if (site_dir / name).is_dir() and not (site_dir / name).is_symlink():
            shutil.rmtree(aside / name, ignore_errors=True)
            try:
                os.rename(site_dir / name, aside / name)
            except OSError:
                pass  # on another file system, say: laid out again
    return aside
