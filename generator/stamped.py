"""Files that only this code, on this machine, in that very place, can have written.

The caches beside content/ (the check's readings, the drawn cards) are outside the repository but
not out of its reach: a pull request can commit a file there with `git add -f`. A stamped file
names its own device, inode and modification time (a time of our choosing, to the nanosecond,
set as it is written) and the length and hash of its body: a copy that a checkout, an archive or
anything else put there has another inode or time, and is refused (`NotOurs`) as a whole, as is
a damaged, truncated or foreign one. Its body is only ever data to its reader.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import secrets
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar


class NotOurs(ValueError):
    """The file is missing its stamp, or the stamp is not its own: it was not written here by us."""


def write(path: Path, magic: bytes, body: bytes | Sequence[bytes], header: dict[str, Any] | None = None) -> None:
    """Write `body` (bytes, or its parts in order) to `path` atomically, stamped; `header` holds
    more plain values to read back. A body given in parts is written part by part, never joined:
    a language's page cache is 130 MB at N=500, and a copy of it doubled the build's peak memory.
    A failure leaves nothing behind, and is the caller's to ignore or report (OSError)."""
    parts = (body,) if isinstance(body, bytes) else body
    digest = hashlib.blake2b(digest_size=32)
    for part in parts:
        digest.update(part)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".stamped", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            st = os.fstat(fh.fileno())
            mtime = time.time_ns() - secrets.randbelow(10**9)
            stamp = {**(header or {}), "file": [st.st_dev, st.st_ino, mtime], "length": sum(len(p) for p in parts),
                     "blake2b": digest.hexdigest()}
            fh.write(magic + json.dumps(stamp, sort_keys=True).encode() + b"\n")
            for part in parts:
                fh.write(part)
            fh.flush()
            os.utime(fh.fileno(), ns=(mtime, mtime))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read(path: Path, magic: bytes, max_bytes: int) -> tuple[dict[str, Any], bytes]:
    """The header and body of the stamped file at `path`; NotOurs if it is not one that `write`
    put there (OSError if it cannot be read at all). Links are not followed. The body is read
    apart from the header, never copied out of the whole file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes or fh.read(len(magic)) != magic:
            raise NotOurs(f"{path.name}: not a file we wrote")
        line = fh.readline(max_bytes)
        body = fh.read(max_bytes + 1)
    if not line.endswith(b"\n"):
        raise NotOurs(f"{path.name}: not a file we wrote")
    try:
        header = json.loads(line)
    except ValueError:
        raise NotOurs(f"{path.name}: not a file we wrote") from None
    if not isinstance(header, dict) or header.get("file") != [st.st_dev, st.st_ino, st.st_mtime_ns] \
            or header.get("length") != len(body) \
            or header.get("blake2b") != hashlib.blake2b(body, digest_size=32).hexdigest():
        raise NotOurs(f"{path.name}: not a file we wrote here")
    return header, body


_T = TypeVar("_T")


class KeptUntilExit(Generic[_T]):
    """Under `mkdocs serve`, which rebuilds in one process: the last state of each stamped file,
    kept in memory from one rebuild to the next and written once, when the process ends."""

    def __init__(self, write: Callable[[_T], None]) -> None:
        self._write = write
        self._last: dict[Path, _T] = {}

    def get(self, path: Path) -> _T | None:
        return self._last.get(path)

    def keep(self, path: Path, value: _T) -> None:
        if path not in self._last:
            atexit.register(lambda: self._write(self._last[path]))
        self._last[path] = value
