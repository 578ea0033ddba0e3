"""Using the second core: work split with a forked process, when forking is safe."""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any


def can_fork() -> bool:
    """Forking is safe only in a single-threaded process: not under `mkdocs serve`, whose server
    and file watcher run in threads (a fork copies locks they may hold)."""
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def map_halves(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """`function` of each item, the second half of them done in a forked process (the results
    must pickle). If the child fails, its half is done here."""
    half = len(items) // 2
    first, second = items[:half], items[half:]
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        try:
            os.close(reader)
            data = pickle.dumps([function(item) for item in second], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as fh:
                fh.write(data)
        finally:
            os._exit(0)
    os.close(writer)
    try:
        mine = [function(item) for item in first]
    finally:
        with os.fdopen(reader, "rb") as fh:
            data = fh.read()
        os.waitpid(pid, 0)
    return mine + (pickle.loads(data) if data else [function(item) for item in second])
