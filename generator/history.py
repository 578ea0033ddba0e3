"""When each content file entered and last changed in git: for feeds and "last updated" dates.

Read once per build with a single `git log`. Outside a git work tree, or for files not yet
committed, there is no history: callers fall back to the record's own dates. Never depends on
the clock, so two builds of the same commit are identical.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class FileHistory:
    """The commit times (UTC) at which a file was added and last changed."""

    added: datetime
    changed: datetime


def content_history(content: Path) -> dict[str, FileHistory]:
    """Commit times of every committed file under `content`, keyed by 'content/<kind>/<id>.yaml'."""
    root = _git_root(content)
    if root is None:
        return {}
    prefix = content.resolve().relative_to(root).as_posix()
    try:
        out = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", prefix],
                             cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, list[int]] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        stamp = int(lines[0])
        for name in filter(None, lines[1:]):
            rel = content.name + name[len(prefix):] if name.startswith(prefix) else name
            times.setdefault(rel, []).append(stamp)
    return {path: FileHistory(_utc(min(stamps)), _utc(max(stamps))) for path, stamps in times.items()}


def _git_root(path: Path) -> Path | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()).resolve() if out.returncode == 0 and out.stdout.strip() else None


def _utc(stamp: int) -> datetime:
    return datetime.fromtimestamp(stamp, tz=timezone.utc)
