"""The check's memory between runs, kept beside content/ in .cache/factsheet/ (never inside it).

For each file it keeps, by path and hash of the file's bytes, what reading it gave (record,
where each field was written, problems), pickled; and for each record, the problems the
cross-record checks found in it, valid while what those checks read of the other files (the
"context": ids, stance levels, archives, what evidence records say) is unchanged. A re-check
after editing one file then reads one file and checks one record. The cache is one file per
content folder, replaced whole; it is ignored if it was written by other code (a hash of the
modules that read and check), another Python or PyYAML, or cannot be read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

# The modules whose code decides what reading and checking give.
_MODULES = ("cache.py", "errors.py", "load.py", "model.py", "schema.py", "text.py", "validate.py", "yamlread.py")


def _code_version() -> str:
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in _MODULES:
        h.update((here / name).read_bytes())
    h.update(f"{platform.python_version()} {yaml.__version__} {yaml.__with_libyaml__}".encode())
    return h.hexdigest()


class Cache:
    """What earlier checks of one content folder found; `save` writes what this check used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.version = _code_version()
        self.blobs: dict[str, tuple[str, bytes]] = {}           # rel -> (digest, pickled reading)
        self.problems: dict[str, tuple[str, str, list[Problem]]] = {}  # rel -> (digest, context, problems)
        self.used_blobs: dict[str, tuple[str, bytes]] = {}
        self.used_problems: dict[str, tuple[str, str, list[Problem]]] = {}
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
                cache.blobs, cache.problems = data["blobs"], data["problems"]
        except Exception:  # noqa: BLE001 - a missing or unreadable cache is an empty one
            pass
        return cache

    def reading(self, rel: str, digest: str) -> Any:
        """What reading the file gave, if it was read with these bytes before; else None."""
        known = self.blobs.get(rel)
        if known is None or known[0] != digest:
            return None
        self.used_blobs[rel] = known
        return pickle.loads(known[1])

    def keep(self, rel: str, digest: str, reading: Any, blob: bytes | None = None) -> None:
        """Keep what reading the file gave for the next check (`blob`: it pickled, if at hand)."""
        if rel in self.used_blobs and self.used_blobs[rel][0] == digest:
            return
        known = self.blobs.get(rel)
        if known is not None and known[0] == digest:
            self.used_blobs[rel] = known
            return
        self.used_blobs[rel] = (digest, blob if blob is not None else pickle.dumps(reading, pickle.HIGHEST_PROTOCOL))
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
        if not self.changed and self.used_blobs.keys() == self.blobs.keys() and self.used_problems.keys() == self.problems.keys():
            return
        data = {"version": self.version, "blobs": self.used_blobs, "problems": self.used_problems}
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
