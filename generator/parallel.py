"""The second core: half of a list of jobs done in a forked process, when forking is safe."""

from __future__ import annotations

import os
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Forking is safe only in a single-threaded process (not under `mkdocs serve`, whose server
    and watcher threads may hold locks a child would inherit), and pays only with a second core.
    FACTSHEET_NO_FORK=1 keeps everything in one process (the output is the same)."""
    if os.environ.get("FACTSHEET_NO_FORK") == "1" or not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return False
    return threading.active_count() == 1 and len(os.sched_getaffinity(0)) > 1


def jobs() -> int:
    """How many language sites to build at once: one per core the process may use, or
    FACTSHEET_JOBS (1 builds them one after the other, each in its own process: the least memory)."""
    try:
        wanted = int(os.environ.get("FACTSHEET_JOBS", "0"))
    except ValueError:
        wanted = 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return wanted if wanted > 0 else max(1, cores)


def map_halves(function: Callable[[T], R], items: Sequence[T], encode: Callable[[R], Sequence[bytes | memoryview]],
               decode: Callable[[list[memoryview]], R]) -> list[tuple[R, list[memoryview] | None]]:
    """`function(item)` for each item, the second half computed in a forked child, which sends each
    result back as plain data (`encode`'s parts of bytes, read back by `decode`: never a pickle):
    each result with those parts when it came from the child (None otherwise). If the child fails
    in any way, its half is computed here: the results never depend on it."""
    half = (len(items) + 1) // 2
    first, second = items[:half], items[half:]
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:
        return [(function(item), None) for item in items]
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as fh:
                for item in second:
                    parts = encode(function(item))
                    fh.write(_LENGTH.pack(len(parts)))
                    for part in parts:
                        fh.write(_LENGTH.pack(len(part)))
                        fh.write(part)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    try:
        mine: list[tuple[R, list[memoryview] | None]] = [(function(item), None) for item in first]
    finally:
        with os.fdopen(reader, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
    try:
        if os.waitstatus_to_exitcode(status) != 0:
            raise ValueError("the child failed")
        theirs: list[tuple[R, list[memoryview] | None]] = []
        for parts in _unframed(memoryview(data), len(second)):
            theirs.append((decode(parts), parts))
    except Exception:
        theirs = [(function(item), None) for item in second]
    return mine + theirs


_LENGTH = struct.Struct("<Q")


def _unframed(data: memoryview, count: int) -> list[list[memoryview]]:
    """`count` results' parts as the child wrote them; ValueError if the data is not exactly that."""
    results: list[list[memoryview]] = []
    at = 0
    for _ in range(count):
        (n,), at = _LENGTH.unpack_from(data, at), at + _LENGTH.size
        parts: list[memoryview] = []
        for _ in range(n):
            (size,), at = _LENGTH.unpack_from(data, at), at + _LENGTH.size
            if at + size > len(data):
                raise ValueError("the child's answer is cut short")
            parts.append(data[at:at + size])
            at += size
        results.append(parts)
    if at != len(data):
        raise ValueError("the child's answer is too long")
    return results
