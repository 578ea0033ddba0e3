"""The check's memory between runs, kept beside content/ in .cache/factsheet/ (never inside it).

For each file it keeps, by path and hash of the file's bytes, what reading it gave (problems,
and the record with where each field was written, pickled) and the file's size, times and
inode: while those are as they were, the file is not read again (as git does, a file changed
within two seconds before the cache was written is read anyway). For each record it keeps what
the checks of other records read of it, and the problems the cross-record checks found in it,
valid while the context they read (ids, levels, archives, what evidence records say) is
unchanged. A re-check after editing one file then reads one file, unpickles few records and
checks one. The cache is one file per content folder, replaced whole; it is ignored if it was
written by other code (a hash of the modules that read and check), another Python or PyYAML,
or cannot be read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .load import Reading

# The modules whose code decides what reading and checking give.
_MODULES = ("cache.py", "errors.py", "load.py", "model.py", "schema.py", "text.py", "validate.py", "yamlread.py")


def _code_version() -> str:
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in _MODULES:
        h.update((here / name).read_bytes())
    h.update(f"{platform.python_version()} {yaml.__version__} {yaml.__with_libyaml__}".encode())
    return h.hexdigest()


_RACY_NS = 2_000_000_000


def _stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


class Cache:
    """What earlier checks of one content folder found; `save` writes what this check used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.version = _code_version()
        # rel -> (digest, stat, reading problems, valid, pickled record and places)
        self.files: dict[str, tuple[str, tuple, list[Problem], bool, bytes]] = {}
        self.parts: dict[str, tuple[str, Any]] = {}                      # rel -> (digest, context part)
        self.problems: dict[str, tuple[str, str, list[Problem]]] = {}    # rel -> (digest, context, problems)
        self.used_files: dict[str, tuple[str, tuple, list[Problem], bool, bytes]] = {}
        self.used_parts: dict[str, tuple[str, Any]] = {}
        self.used_problems: dict[str, tuple[str, str, list[Problem]]] = {}
        self.trusted_before = 0  # files last changed before this time (ns) are known by their stat
        self.changed = False

    @classmethod
    def open(cls, content: Path) -> Cache:
        """The cache of `content`, empty if there is none (or it is not usable)."""
        name = f"{content.resolve().name}-{hashlib.blake2b(str(content.resolve()).encode(), digest_size=6).hexdigest()}.pickle"
        cache = cls(content.resolve().parent / ".cache" / "factsheet" / name)
        try:
            with open(cache.path, "rb") as fh:
                data = pickle.load(fh)
            if data["version"] == cache.version:
                cache.files, cache.parts, cache.problems = data["files"], data["parts"], data["problems"]
                cache.trusted_before = data["written"] - _RACY_NS
        except Exception:  # noqa: BLE001 - a missing or unreadable cache is an empty one
            pass
        return cache

    def unchanged(self, rel: str, stat: os.stat_result) -> str | None:
        """The hash of the file's bytes if its stat says it is as when it was last read; else None."""
        known = self.files.get(rel)
        if known is None or known[1] != _stat_key(stat) or max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.trusted_before:
            return None
        return known[0]

    def reading(self, rel: str, digest: str) -> Reading | None:
        """What reading the file gave, if it was read with these bytes before; else None."""
        known = self.files.get(rel)
        if known is None or known[0] != digest:
            return None
        return Reading(known[2], known[3], blob=known[4])

    def keep(self, rel: str, digest: str, reading: Reading, stat: os.stat_result) -> None:
        """Keep what reading the file gave for the next check."""
        known = self.files.get(rel)
        entry = (digest, _stat_key(stat), reading.problems, reading.valid,
                 known[4] if known is not None and known[0] == digest else reading.blob())
        self.used_files[rel] = entry
        self.changed = self.changed or known is None or known[:2] != entry[:2]

    def context_part(self, rel: str, digest: str) -> Any:
        """What the checks of other records read of this one (see validate), if known; else None."""
        known = self.parts.get(rel)
        if known is None or known[0] != digest:
            return None
        self.used_parts[rel] = known
        return known[1]

    def add_context_part(self, rel: str, digest: str, part: Any) -> None:
        self.used_parts[rel] = (digest, part)
        self.changed = True

    def record_problems(self, rel: str, digest: str, context: str) -> list[Problem] | None:
        """The cross-record problems of the record, if checked with these bytes in this context."""
        known = self.problems.get(rel)
        if known is None or known[:2] != (digest, context):
            return None
        self.used_problems[rel] = known
        return known[2]

    def add_record_problems(self, rel: str, digest: str, context: str, problems: list[Problem]) -> None:
        self.used_problems[rel] = (digest, context, problems)
        self.changed = True

    def save(self) -> None:
        """Write what this check used, if it differs from what was read; a failure is ignored."""
        if self.path is None:
            return
        if not self.changed and all(used.keys() == old.keys() for used, old in
                                    ((self.used_files, self.files), (self.used_parts, self.parts), (self.used_problems, self.problems))):
            return
        data = {"version": self.version, "written": time.time_ns(), "files": self.used_files, "parts": self.used_parts,
                "problems": self.used_problems}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            os.unlink(tmp)
