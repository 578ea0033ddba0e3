"""Read content/ from disk: every record file, the site and scale files, and the source archives.

This is the only stage that touches content/, and it only reads. Each file is checked on its own
here; what needs the whole set (references, slugs, quotes against archives) is in `validate`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import KINDS, SINGLE_FILES, Scale, Site
from .schema import INVALID, SLUG_RE, Reader
from .yamlread import read

ARCHIVE_DIR = "archive"


@dataclass(frozen=True)
class Located:
    """A record with the file it came from and where each of its fields was written."""

    kind: str
    record: Any
    path: str
    locations: dict[str, tuple[int, int]]

    def where(self, field: str) -> tuple[int, int]:
        """The line and column of `field`, or of its closest written parent."""
        while field:
            if field in self.locations:
                return self.locations[field]
            field = field.rpartition(".")[0] if "." in field else field.rpartition("[")[0]
        return self.locations.get("", (1, 1))


@dataclass
class Loaded:
    """Everything read from content/, valid or not; `ids` holds every record's id by kind, even
    those whose file had problems, so references to them are not reported twice."""

    root: Path
    records: dict[str, dict[str, Located]] = field(default_factory=lambda: {k: {} for k in KINDS})
    ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    site: Site | None = None
    scale: Scale | None = None
    scale_located: Located | None = None
    archives: dict[str, str] = field(default_factory=dict)
    archive_paths: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# Parsed files keyed by (path, content hash): a re-check after editing one file re-reads one file.
_CACHE: dict[tuple[str, str], tuple[Any, dict, list[Problem]]] = {}


def load(root: Path) -> Loaded:
    """Read every file under `root` (the content/ folder)."""
    loaded = Loaded(root=root)
    if not root.is_dir():
        loaded.problems.append(Problem(str(root), 1, 1, "", "content folder not found"))
        return loaded
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        rel = _rel(root, entry.path)
        if entry.is_dir():
            if entry.name in KINDS:
                _load_kind(loaded, entry.name)
            elif entry.name == ARCHIVE_DIR:
                _load_archives(loaded)
            else:
                loaded.problems.append(Problem(rel, 1, 1, "", f"unknown folder: record folders are {', '.join(KINDS)}, and {ARCHIVE_DIR}"))
        elif entry.name in SINGLE_FILES:
            record, located = _read_record(loaded, Path(entry.path), SINGLE_FILES[entry.name], None, "")
            if record is not INVALID and record is not None:
                if isinstance(record, Site):
                    loaded.site = record
                else:
                    loaded.scale, loaded.scale_located = record, located
        elif not entry.name.startswith(".") and entry.name.lower() != "readme.md":
            loaded.problems.append(Problem(rel, 1, 1, "", f"unexpected file: content/ holds {', '.join(SINGLE_FILES)} and record folders"))
    for name in SINGLE_FILES:
        if not (root / name).is_file():
            loaded.problems.append(Problem(_rel(root, str(root / name)), 1, 1, "", "missing file: every site needs it"))
    return loaded


def _load_kind(loaded: Loaded, kind: str) -> None:
    folder = loaded.root / kind
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        rel = _rel(loaded.root, entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            loaded.problems.append(Problem(rel, 1, 1, "", f"folders are not allowed inside {kind}/: one record per file"))
            continue
        stem, ext = os.path.splitext(entry.name)
        if ext != ".yaml":
            hint = f"rename it to {stem}.yaml" if ext == ".yml" else "records are .yaml files"
            loaded.problems.append(Problem(rel, 1, 1, "", f"not a record file: {hint}"))
            continue
        if not SLUG_RE.match(stem):
            loaded.problems.append(Problem(rel, 1, 1, "", "the file name is the record's id: use lower-case letters, digits and single hyphens"))
            continue
        loaded.ids[kind].add(stem)
        record, located = _read_record(loaded, path, KINDS[kind], stem, kind)
        if record is not INVALID and record is not None and located is not None:
            loaded.records[kind][stem] = located


def _read_record(loaded: Loaded, path: Path, cls: type, record_id: str | None, kind: str) -> tuple[Any, Located | None]:
    rel = _rel(loaded.root, str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        loaded.problems.append(Problem(rel, 1, 1, "", f"cannot read the file: {exc.strerror}"))
        return INVALID, None
    key = (rel, hashlib.blake2b(data, digest_size=16).hexdigest())
    if key not in _CACHE:
        problems: list[Problem] = []
        node = read(data, rel, problems)
        reader = Reader(rel, problems)
        record = INVALID if node is None else reader.record(node, cls, "", record_id)
        _CACHE[key] = (record, reader.locations, problems)
    record, locations, problems = _CACHE[key]
    loaded.problems.extend(problems)
    if record is INVALID:
        return INVALID, None
    return record, Located(kind, record, rel, locations)


def _load_archives(loaded: Loaded) -> None:
    folder = loaded.root / ARCHIVE_DIR
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = _rel(loaded.root, entry.path)
        stem, ext = os.path.splitext(entry.name)
        if entry.name.startswith("."):
            continue
        if ext != ".txt" or not entry.is_file():
            loaded.problems.append(Problem(rel, 1, 1, "", "not an archive: archived sources are <source-id>.txt files"))
            continue
        data = Path(entry.path).read_bytes()
        try:
            loaded.archives[stem] = data.decode("utf-8-sig")
            loaded.archive_paths[stem] = rel
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            loaded.problems.append(Problem(rel, line, 1, "", "the archive is not UTF-8 text: save it as UTF-8"))


def _rel(root: Path, path: str) -> str:
    """A path as the editor knows it: relative to the project, starting with content/."""
    return os.path.join(root.name, os.path.relpath(path, root)).replace(os.sep, "/")
