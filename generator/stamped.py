"""Files that only this code, on this machine, in that very place, can have written.

The caches beside content/ (the check's readings, the drawn cards) are outside the repository but
not out of its reach: a pull request can commit a file there with `git add -f`. A stamped file
names its own device, inode and modification time (a time of our choosing, to the nanosecond,
set as it is written) and the length and hash of its body: a copy that a checkout, an archive or
anything else put there has another inode or time, and is refused (`NotOurs`) as a whole, as is
a damaged, truncated or foreign one. Its body is only ever data to its reader.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path
from typing import Any


class NotOurs(ValueError):
    """The file is missing its stamp, or the stamp is not its own: it was not written here by us."""


def write(path: Path, magic: bytes, body: bytes, header: dict[str, Any] | None = None) -> None:
    """Write `body` to `path` atomically, stamped; `header` holds more plain values to read back.
    A failure leaves nothing behind, and is the caller's to ignore or report (OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".stamped", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            st = os.fstat(fh.fileno())
            mtime = time.time_ns() - secrets.randbelow(10**9)
            stamp = {**(header or {}), "file": [st.st_dev, st.st_ino, mtime], "length": len(body),
                     "blake2b": hashlib.blake2b(body, digest_size=32).hexdigest()}
            fh.write(magic + json.dumps(stamp, sort_keys=True).encode() + b"\n" + body)
            fh.flush()
            os.utime(fh.fileno(), ns=(mtime, mtime))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read(path: Path, magic: bytes, max_bytes: int) -> tuple[dict[str, Any], memoryview]:
    """The header and body of the stamped file at `path`; NotOurs if it is not one that `write`
    put there (OSError if it cannot be read at all). Links are not followed."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            raise NotOurs(f"{path.name}: not a file we wrote")
        data = fh.read(max_bytes + 1)
    if not data.startswith(magic) or b"\n" not in data[len(magic):]:
        raise NotOurs(f"{path.name}: not a file we wrote")
    end = data.index(b"\n", len(magic))
    try:
        header = json.loads(data[len(magic):end])
    except ValueError:
        raise NotOurs(f"{path.name}: not a file we wrote") from None
    body = memoryview(data)[end + 1:]
    if not isinstance(header, dict) or header.get("file") != [st.st_dev, st.st_ino, st.st_mtime_ns] \
            or header.get("length") != len(body) \
            or header.get("blake2b") != hashlib.blake2b(body, digest_size=32).hexdigest():
        raise NotOurs(f"{path.name}: not a file we wrote here")
    return header, body
