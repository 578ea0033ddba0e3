"""When each content file entered and last changed in git: for feeds and "last updated" dates.

Read once per build with a single `git log`. Outside a git work tree, or for files not yet
committed, there is no history: callers fall back to the record's own dates. Never depends on
the clock, so two builds of the same commit are identical.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .load import load_files
from .walks import changed_fields


@dataclass(frozen=True)
class FileHistory:
    """The commit times (UTC) at which a file was added and last changed; and, for a record changed
    after it was added, each commit that changed it, newest first, with the fields it changed
    (`diff.changed_fields`' names, e.g. 'description.en'; None for the whole file)."""

    added: datetime
    changed: datetime
    commits: tuple[tuple[datetime, tuple[str, ...] | None], ...] = ()


# Past this many versions of changed records, their fields are not compared: each change counts
# as a change of the whole file (dates then err towards newer, never older).
MAX_VERSIONS = 4000


def content_history(content: Path) -> dict[str, FileHistory]:
    """Commit times of every committed file under `content`, keyed by 'content/<kind>/<id>.yaml'."""
    root = _git_root(content)
    if root is None:
        return {}
    prefix = content.resolve().relative_to(root).as_posix()
    try:
        out = subprocess.run(["git", "log", "--format=%x00%ct", "--raw", "--no-abbrev", "--no-renames", "--", prefix],
                             cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    commits: dict[str, list[tuple[int, str, str]]] = {}  # newest first: (time, blob before, blob after)
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        stamp = int(lines[0])
        for line in lines[1:]:
            meta, _, name = line.partition("\t")
            if not line.startswith(":") or not name:
                continue
            parts = meta.split()
            rel = content.name + name[len(prefix):] if name.startswith(prefix) else name
            commits.setdefault(rel, []).append((stamp, parts[2], parts[3]))
    fields = _changed_fields(root, commits)
    return {path: FileHistory(_utc(min(c[0] for c in found)), _utc(max(c[0] for c in found)),
                              tuple((_utc(stamp), fields.get((before, after))) for stamp, before, after in found)
                              if len(found) > 1 else ())
            for path, found in commits.items()}


def _changed_fields(root: Path, commits: dict[str, list[tuple[int, str, str]]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """The fields each change of a record changed, by (blob before, blob after)."""
    pairs = {(path, before, after) for path, found in commits.items() if len(found) > 1 and path.endswith(".yaml")
             and path.count("/") == 2 for _, before, after in found if set(before) != {"0"} and set(after) != {"0"}}
    blobs = sorted({sha for _, before, after in pairs for sha in (before, after)})
    if not blobs or len(blobs) > MAX_VERSIONS:
        return {}
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{sha}\n" for sha in blobs).encode(),
                             capture_output=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    data, pos = {}, 0
    for sha in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) < 3 or header[1] != b"blob":
            pos = end + 1
            continue
        size = int(header[2])
        data[sha] = out[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for path, before, after in pairs:
        kind, name = path.split("/")[1:]
        records = [_record(kind, name, data.get(sha)) for sha in (before, after)]
        if records[0] is not None and records[1] is not None:
            found[(before, after)] = changed_fields(records[0], records[1])
    return found


def _record(kind: str, name: str, data: bytes | None) -> Any:
    if data is None:
        return None
    loaded = load_files(Path("content"), {f"{kind}/{name}": data})
    located = loaded.records.get(kind, {}).get(name.removesuffix(".yaml"))
    return located.record if located is not None else None


def _git_root(path: Path) -> Path | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()).resolve() if out.returncode == 0 and out.stdout.strip() else None


def _utc(stamp: int) -> datetime:
    return datetime.fromtimestamp(stamp, tz=UTC)
