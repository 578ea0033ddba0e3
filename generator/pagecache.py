"""Pages rendered by an earlier build, kept beside content/ so that a build renders again only the
pages whose inputs changed.

For each page of a language site the cache holds what the page read of the facts (its inputs:
see `inputs`), a digest of the values it read and of its "last updated" date, and its Markdown. A
page whose inputs give the same digest in the facts of this build comes out the same, and is
taken from the cache instead of being rendered.

The cache lives in `<content's parent>/.cache/factsheet/` beside the check's, never in content/;
it holds only data (JSON: strings, numbers, lists), and is safe to delete. Its Markdown goes into
the site as it is, so only a file this code wrote in that very place is used (`stamped`): one a
pull request committed there with `git add -f` is ignored whole. It is used only by the
code, templates, interface strings, published address and dependency versions that wrote it
(`setting`): a change to any of them makes a cold build. A cache that cannot be read, or is of
another setting, is ignored whole; a failure to write it is ignored. `FACTSHEET_NO_CACHE=1`
turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import stamped
from .cache import code_version
from .inputs import MISSING, Key, last_changed, value_at

FORMAT = 1
MAX_BYTES = 1 << 30
MAGIC = b"factsheet page cache\n"


def setting(templates: Path, lang: str, site_url: str | None) -> str:
    """What, besides the facts, decides a page's Markdown: the generator's code and dependencies,
    the page templates and interface strings, the language and the published address."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT} {code_version()} {lang} {site_url or ''}".encode())
    for name in ("jinja2", "babel", "markupsafe", "pyyaml"):
        h.update(f" {name}={version(name)}".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file() and "theme" not in p.relative_to(templates).parts):
        h.update(path.relative_to(templates).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class Entry:
    keys: tuple[Key, ...]
    digest: str
    markdown: str


@dataclass
class PageCache:
    """The pages of one language site as the last build left them, and as this one leaves them."""

    path: Path | None
    setting: str = ""
    old: dict[str, Entry] = field(default_factory=dict)
    new: dict[str, Entry] = field(default_factory=dict)
    hits: int = 0
    remember: bool = False
    _values: dict[Key, str] = field(default_factory=dict)

    @classmethod
    def open(cls, content: Path, templates: Path, lang: str, site_url: str | None, remember: bool = False) -> PageCache:
        """The cache of the `lang` site of `content`. `remember` (under `mkdocs serve`, which builds
        again after every save): the pages of this process's last build are taken from memory, and
        this build's are kept there, written to disk when the process ends."""
        if os.environ.get("FACTSHEET_NO_CACHE", "") not in ("", "0"):
            return cls(None)
        resolved = content.resolve()
        tag = hashlib.blake2b(str(resolved).encode(), digest_size=6).hexdigest()
        path = resolved.parent / ".cache" / "factsheet" / f"pages-{resolved.name}-{tag}-{lang}.cache"
        cache = cls(path, setting(templates, lang, site_url), remember=remember)
        last = _REMEMBERED.get(path) if remember else None
        if last is not None and last.setting == cache.setting:
            cache.old = last.new
            return cache
        try:
            cache.old = _read(path, cache.setting)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            pass  # none, damaged or of another setting: every page is rendered
        return cache

    def digest(self, facts: Any, keys: tuple[Key, ...], history: Mapping[str, Any]) -> str:
        """A digest of the values `keys` name in `facts`, and of the date they last changed."""
        h = hashlib.blake2b(digest_size=16)
        for key in keys:
            value = self._values.get(key)
            if value is None:
                found = value_at(facts, key[:-1]) is not MISSING if key[-1] == "#present" else value_at(facts, key)
                value = self._values[key] = repr(found)
            h.update(value.encode() + b"\n")
        updated: datetime | None = last_changed(keys, history)
        h.update(repr(updated).encode())
        return h.hexdigest()

    def get(self, url: str, facts: Any, history: Mapping[str, Any]) -> Entry | None:
        """The page at `url` as the last build rendered it, if none of its inputs changed since."""
        if self.path is None or url not in self.old:
            return None
        entry = self.old[url]
        if self.digest(facts, entry.keys, history) != entry.digest:
            return None
        self.new[url] = entry
        self.hits += 1
        return entry

    def keep(self, url: str, keys: frozenset[Key], facts: Any, history: Mapping[str, Any], markdown: str) -> None:
        if self.path is not None:
            ordered = tuple(sorted(keys, key=repr))
            self.new[url] = Entry(ordered, self.digest(facts, ordered, history), markdown)

    def save(self) -> None:
        """Write the pages of this build, atomically; a failure leaves the cache as it was."""
        if self.path is None:
            return
        if self.remember:  # written once, when the process ends
            _REMEMBERED.keep(self.path, self)
        elif self.new != self.old:
            self._write()

    def _write(self) -> None:
        assert self.path is not None
        # The body is JSON, {"keys": [...], "pages": [[url, key indexes, digest, markdown], ...]},
        # written as a part per page: joined, it would be one more copy of every page (see `stamped`).
        table: dict[Key, int] = {}
        pages: list[bytes] = []
        for url, entry in sorted(self.new.items()):
            page = [url, [table.setdefault(k, len(table)) for k in entry.keys], entry.digest, entry.markdown]
            pages += (b",", _json(page))
        body = [b'{"keys":', _json(list(table)), b',"pages":[', *pages[1:], b"]}"]
        try:
            stamped.write(self.path, MAGIC, body, {"format": FORMAT, "setting": self.setting})
        except OSError:
            pass  # the next build renders every page


# Under `mkdocs serve`: each cache's last build (see `PageCache.open`).
_REMEMBERED: stamped.KeptUntilExit[PageCache] = stamped.KeptUntilExit(lambda cache: cache._write())


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _key(value: Any) -> Any:
    """A key read back from JSON: its lists were tuples."""
    return tuple(_key(v) for v in value) if isinstance(value, list) else value


def _read(path: Path, setting_: str) -> dict[str, Entry]:
    header, body = stamped.read(path, MAGIC, MAX_BYTES)  # NotOurs (a ValueError) unless written here by us
    if header.get("format") != FORMAT or header.get("setting") != setting_:
        raise ValueError("another setting's cache")
    data = json.loads(body)
    keys = [_key(k) for k in data["keys"]]
    return {url: Entry(tuple(keys[i] for i in indexes), digest, markdown) for url, indexes, digest, markdown in data["pages"]}
