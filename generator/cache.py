"""What reading each file gave, kept between checks beside content/ (never inside it).

One file per content folder, in `<folder's parent>/.cache/factsheet/`, holding only data
(MessagePack: see `plaindata`), never code: nothing in it is run, and reading it back builds none but our own
model's values. For each content file it holds the file's stat (size, mtime, ctime, inode), the
hash of its bytes, and what reading it gave (problems, the facts checks across records need, and
the record with where each field was written). A file whose stat is unchanged since a run that
began after its last change is not even opened; any other file is read and its hash compared.

What the cache trusts: only a cache file that an earlier check wrote in that very place (`stamped`). Each file
names its own device, inode and modification time (set when written) and the hash of its body; a
cache file that a checkout, a copy or an archive put there (committed with `git add -f`, say) has
another inode or time and is ignored whole, as is one damaged, truncated, of another format, or
written by other code (the generator's source, Python, or a library it reads with: `DEPENDENCIES`).
Ignored means a cold check: every file read again. It is replaced atomically, and a failure to write it is ignored.
`FACTSHEET_NO_CACHE=1` turns it off. Cross-record validation runs every time; only which texts
were found in which archives is kept (`Matches`), keyed by the archive's digest and the text itself.
"""

from __future__ import annotations

import hashlib
import os
import platform
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml

from . import plaindata, stamped

FORMAT = 4
MAGIC = b"factsheet check cache\n"
# A file changed within this long before a run began may share its stat with an earlier version
# (timestamps are coarser than the clock): its bytes are hashed, never trusted on its stat.
RACY_NS = 2_000_000_000
# Past this size, a cache file is not read (a check of 16,000 records writes about 30 MB).
MAX_BYTES = 1 << 30

StatKey = tuple[int, int, int, int]


# The distributions whose code decides what reading a file gives: the YAML parser (and libyaml,
# whose version `_libyaml` gives), the slugs the checks across records compare (python-slugify and
# its transliteration tables), and the encoding of the cached readings.
DEPENDENCIES = ("PyYAML", "python-slugify", "text-unidecode", "msgpack")


def code_version() -> str:
    """A hash of everything that decides what reading a file gives: the generator's source files,
    the versions of Python, of the DEPENDENCIES and of libyaml (or that it is not used). A change
    to any of them makes the next check a cold one."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(f"{FORMAT} {platform.python_implementation()} {platform.python_version()} {dependency_versions()}".encode())
    return h.hexdigest()


def dependency_versions() -> str:
    """The versions of the DEPENDENCIES and of libyaml, as `name=version` words."""
    found = []
    for name in DEPENDENCIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=absent")
    return " ".join(found) + f" libyaml={_libyaml()}"


def _libyaml() -> str:
    """libyaml's version if PyYAML reads with it (see `yamlread`), else 'unused'."""
    if not getattr(yaml, "__with_libyaml__", False):
        return "unused"
    from yaml import _yaml  # PyYAML's binding to libyaml

    return str(_yaml.get_version_string())


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class Entry:
    """One file as a previous check read it: its problems, validity and facts (`head`) and its
    record as `plaindata` bytes (see `loaded.Reading`)."""

    stat: StatKey
    digest: str
    head: tuple[Any, ...]
    record: bytes | memoryview


@dataclass
class Matches:
    """Whether a text is found in an archive, by (the archive's digest, the text), as a previous
    check found (`old`) and as this one asked or found (`new`: all the next check will know)."""

    old: dict[tuple[str, str], bool] = field(default_factory=dict)
    new: dict[tuple[str, str], bool] = field(default_factory=dict)

    def get(self, key: tuple[str, str]) -> bool | None:
        found = self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def __setitem__(self, key: tuple[str, str], found: bool) -> None:
        self.new[key] = found


@dataclass
class Cache:
    """The readings of one content folder's files, as found on disk and as this check leaves them."""

    path: Path | None
    version: str = ""
    started_ns: int = field(default_factory=time.time_ns)
    old: dict[str, Entry] = field(default_factory=dict)
    old_started_ns: int = 0
    new: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False
    matches: Matches = field(default_factory=Matches)

    @classmethod
    def open(cls, content: Path) -> Cache:
        """The cache of `content`; empty if there is none, it is not ours, or caching is off."""
        if os.environ.get("FACTSHEET_NO_CACHE", "") not in ("", "0"):
            return cls(None)
        path = cache_path(content)
        cache = cls(path, code_version())
        try:
            cache.old, cache.old_started_ns, cache.matches.old = _read(path, cache.version)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError, plaindata.BadData):
            pass  # missing, damaged, foreign or not written here: a cold check
        return cache

    def trusted(self, rel: str, stat: StatKey) -> Entry | None:
        """The reading of a file whose stat is unchanged since a run began after its last change."""
        entry = self.old.get(rel)
        if entry is None or entry.stat != stat or max(stat[1], stat[2]) >= self.old_started_ns - RACY_NS:
            return None
        self.new[rel] = entry
        return entry

    def known(self, rel: str, stat: StatKey, digest: str) -> Entry | None:
        """The reading of a file with these bytes, if an earlier check read them."""
        entry = self.old.get(rel)
        if entry is None or entry.digest != digest:
            return None
        self.new[rel] = entry if entry.stat == stat else Entry(stat, digest, entry.head, entry.record)
        self.changed = self.changed or entry.stat != stat
        return entry

    def keep(self, rel: str, stat: StatKey, digest: str, head: tuple[Any, ...], record: bytes | memoryview) -> None:
        self.new[rel] = Entry(stat, digest, head, record)
        self.changed = True

    def forget(self, rel: str) -> None:
        """Not to keep `rel`'s reading: it could not be read back."""
        self.new.pop(rel, None)
        self.changed = True

    def save(self) -> None:
        """Write the readings this check used, atomically (see `stamped`); a failure to write is
        ignored: the next check is a cold one."""
        if self.path is None or (not self.changed and self.new.keys() == self.old.keys()
                                 and self.matches.new.keys() == self.matches.old.keys()):
            return
        try:
            stamped.write(self.path, MAGIC, _body(self), {"format": FORMAT, "version": self.version, "started_ns": self.started_ns})
        except OSError:
            pass


# The file: stamped (see `stamped`), its header naming the format, the code version and the start
# time of the check that wrote it; its body `plaindata` of the matches and of each entry (path,
# stat, digest, head, record).
def _body(cache: Cache) -> bytes:
    matches = [(digest, text, found) for (digest, text), found in cache.matches.new.items()]
    entries = [(rel, e.stat, e.digest, e.head, e.record if type(e.record) is bytes else bytes(e.record))
               for rel, e in cache.new.items()]
    return plaindata.dumps((matches, entries))


def _read(path: Path, version: str) -> tuple[dict[str, Entry], int, dict[tuple[str, str], bool]]:
    """The entries, start time and matches of the cache file at `path`; ValueError (or another
    error of reading data) if it is not one this code wrote there."""
    header, body = stamped.read(path, MAGIC, MAX_BYTES)
    if header.get("format") != FORMAT or header.get("version") != version:
        raise ValueError("written by other code")
    matches, entries = plaindata.loads(body)
    return ({rel: Entry(key, digest, head, record) for rel, key, digest, head, record in entries},
            int(header["started_ns"]), {(digest, text): found for digest, text, found in matches})


def cache_path(content: Path) -> Path:
    """Where the cache of `content` lives: beside it, named after it and its full path."""
    resolved = content.resolve()
    tag = hashlib.blake2b(str(resolved).encode(), digest_size=6).hexdigest()
    return resolved.parent / ".cache" / "factsheet" / f"{resolved.name}-{tag}.msgpack"
