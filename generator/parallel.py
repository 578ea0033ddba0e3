"""Whether the language sites may be built in forked processes, and how many at once (see `site`)."""

from __future__ import annotations

import os
import threading


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
