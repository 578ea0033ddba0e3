"""What reading each file gave, kept between checks beside content/ (never inside it).

One pickle per content folder, in `<folder's parent>/.cache/factsheet/`. For each file it holds
the file's stat (size, mtime, ctime, inode), the hash of its bytes, and what reading it gave
(problems, the facts checks across records need, and the record with where each field was written). A file whose stat is unchanged since a run that
began after its last change is not even opened; any other file is read and its hash compared. The
whole cache is ignored when the generator's code, Python or PyYAML differ from those that wrote
it, or when it cannot be read; it is replaced atomically, and a failure to write it is ignored.
`FACTSHEET_NO_CACHE=1` turns it off. Cross-record validation runs every time; only which texts
were found in which archives is kept (`Matches`), keyed by the archive's digest and the text itself.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FORMAT = 3
# A file changed within this long before a run began may share its stat with an earlier version
# (timestamps are coarser than the clock): its bytes are hashed, never trusted on its stat.
RACY_NS = 2_000_000_000

StatKey = tuple[int, int, int, int]


def code_version() -> str:
    """A hash of everything that decides what reading a file gives: the generator's source files,
    Python's and PyYAML's versions, and whether libyaml is used."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(f"{FORMAT} {platform.python_implementation()} {platform.python_version()} {yaml.__version__} "
             f"{getattr(yaml, '__with_libyaml__', False)}".encode())
    return h.hexdigest()


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class Entry:
    """One file as a previous check read it."""

    stat: StatKey
    digest: str
    blob: bytes  # what reading it gave, pickled (see `load.Reading`)


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
        """The cache of `content`; empty if there is none, it is unusable, or caching is off."""
        if os.environ.get("FACTSHEET_NO_CACHE", "") not in ("", "0"):
            return cls(None)
        cache = cls(cache_path(content), code_version())
        try:
            with open(cache.path, "rb") as fh:
                data = pickle.load(fh)
            if data["version"] == cache.version and isinstance(data["entries"], dict) and isinstance(data["started_ns"], int) \
                    and isinstance(data["matches"], dict):
                cache.old, cache.old_started_ns, cache.matches.old = data["entries"], data["started_ns"], data["matches"]
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: start cold
            cache.old, cache.old_started_ns, cache.matches.old = {}, 0, {}
        return cache

    def trusted(self, rel: str, stat: StatKey) -> bytes | None:
        """The reading of a file whose stat is unchanged since a run began after its last change."""
        entry = self.old.get(rel)
        if not isinstance(entry, Entry) or entry.stat != stat or max(stat[1], stat[2]) >= self.old_started_ns - RACY_NS:
            return None
        self.new[rel] = entry
        return entry.blob

    def known(self, rel: str, stat: StatKey, digest: str) -> bytes | None:
        """The reading of a file with these bytes, if an earlier check read them."""
        entry = self.old.get(rel)
        if not isinstance(entry, Entry) or entry.digest != digest:
            return None
        self.new[rel] = Entry(stat, digest, entry.blob)
        self.changed = self.changed or entry.stat != stat
        return entry.blob

    def keep(self, rel: str, stat: StatKey, digest: str, blob: bytes) -> None:
        self.new[rel] = Entry(stat, digest, blob)
        self.changed = True

    def save(self) -> None:
        """Write the readings this check used, atomically; any failure leaves no cache behind."""
        if self.path is None or (not self.changed and self.new.keys() == self.old.keys()
                                 and self.matches.new.keys() == self.matches.old.keys()):
            return
        data = {"version": self.version, "started_ns": self.started_ns, "entries": self.new, "matches": self.matches.new}
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=self.path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def cache_path(content: Path) -> Path:
    """Where the cache of `content` lives: beside it, named after it and its full path."""
    resolved = content.resolve()
    tag = hashlib.blake2b(str(resolved).encode(), digest_size=6).hexdigest()
    return resolved.parent / ".cache" / "factsheet" / f"{resolved.name}-{tag}.pickle"

