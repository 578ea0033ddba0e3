"""Read content/: every record file, the site and scale files, and the source archives.

This is the only stage that touches content/, and it only reads. Each file is checked on its own
here; what needs the whole set (references, slugs, quotes against archives) is in `validate`.
`load` reads the folder on disk; `load_files` reads the same layout from a mapping of paths to
bytes (the content at a git commit, for `diff`), through the same code.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol

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


EntryKind = Literal["dir", "file", "other"]


class _Tree(Protocol):
    """The files of a content folder, by path relative to it ('' is the folder itself)."""

    def exists(self) -> bool: ...
    def entries(self, rel: str) -> list[tuple[str, EntryKind]]: ...
    def is_file(self, rel: str) -> bool: ...
    def read(self, rel: str) -> bytes: ...


@dataclass(frozen=True)
class _DiskTree:
    root: Path

    def exists(self) -> bool:
        return self.root.is_dir()

    def entries(self, rel: str) -> list[tuple[str, EntryKind]]:
        found = sorted(os.scandir(self.root / rel), key=lambda e: e.name)
        return [(e.name, "dir" if e.is_dir() else "file" if e.is_file() else "other") for e in found]

    def is_file(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def read(self, rel: str) -> bytes:
        return (self.root / rel).read_bytes()


@dataclass(frozen=True)
class _MemoryTree:
    files: Mapping[str, bytes]

    def exists(self) -> bool:
        return True

    def entries(self, rel: str) -> list[tuple[str, EntryKind]]:
        prefix = f"{rel}/" if rel else ""
        found: dict[str, EntryKind] = {}
        for path in self.files:
            if path.startswith(prefix):
                name, sep, _ = path[len(prefix):].partition("/")
                found[name] = "dir" if sep else "file"
        return sorted(found.items())

    def is_file(self, rel: str) -> bool:
        return rel in self.files

    def read(self, rel: str) -> bytes:
        return self.files[rel]


def load(root: Path) -> Loaded:
    """Read every file under `root` (the content/ folder)."""
    return _load(root, _DiskTree(root))


def load_files(root: Path, files: Mapping[str, bytes]) -> Loaded:
    """Read a content folder given as its files' bytes, by path relative to it ('people/x.yaml');
    `root` only names the folder in messages, as `load`'s does."""
    return _load(root, _MemoryTree(files))


def _load(root: Path, tree: _Tree) -> Loaded:
    loaded = Loaded(root=root)
    if not tree.exists():
        loaded.problems.append(Problem(str(root), 1, 1, "", "content folder not found"))
        return loaded
    for name, entry_kind in tree.entries(""):
        rel = _rel(root, name)
        if entry_kind == "dir":
            if name in KINDS:
                _load_kind(loaded, tree, name)
            elif name == ARCHIVE_DIR:
                _load_archives(loaded, tree)
            else:
                loaded.problems.append(Problem(rel, 1, 1, "", f"unknown folder: record folders are {', '.join(KINDS)}, and {ARCHIVE_DIR}"))
        elif name in SINGLE_FILES:
            record, located = _read_record(loaded, tree, name, SINGLE_FILES[name], None)
            if record is not INVALID and record is not None:
                if isinstance(record, Site):
                    loaded.site = record
                else:
                    loaded.scale, loaded.scale_located = record, located
        elif not name.startswith(".") and name.lower() != "readme.md":
            loaded.problems.append(Problem(rel, 1, 1, "", f"unexpected file: content/ holds {', '.join(SINGLE_FILES)} and record folders"))
    for name in SINGLE_FILES:
        if not tree.is_file(name):
            loaded.problems.append(Problem(_rel(root, name), 1, 1, "", "missing file: every site needs it"))
    return loaded


def _load_kind(loaded: Loaded, tree: _Tree, kind: str) -> None:
    for name, entry_kind in tree.entries(kind):
        rel = _rel(loaded.root, f"{kind}/{name}")
        if name.startswith("."):
            continue
        if entry_kind == "dir":
            loaded.problems.append(Problem(rel, 1, 1, "", f"folders are not allowed inside {kind}/: one record per file"))
            continue
        stem, ext = os.path.splitext(name)
        if ext != ".yaml":
            hint = f"rename it to {stem}.yaml" if ext == ".yml" else "records are .yaml files"
            loaded.problems.append(Problem(rel, 1, 1, "", f"not a record file: {hint}"))
            continue
        if not SLUG_RE.match(stem):
            loaded.problems.append(Problem(rel, 1, 1, "", "the file name is the record's id: use lower-case letters, digits and single hyphens"))
            continue
        loaded.ids[kind].add(stem)
        record, located = _read_record(loaded, tree, f"{kind}/{name}", KINDS[kind], stem)
        if record is not INVALID and record is not None and located is not None:
            loaded.records[kind][stem] = located


def _read_record(loaded: Loaded, tree: _Tree, path: str, cls: type, record_id: str | None) -> tuple[Any, Located | None]:
    rel = _rel(loaded.root, path)
    try:
        data = tree.read(path)
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
    kind = path.partition("/")[0] if record_id is not None else ""
    return record, Located(kind, record, rel, locations)


def _load_archives(loaded: Loaded, tree: _Tree) -> None:
    for name, entry_kind in tree.entries(ARCHIVE_DIR):
        path = f"{ARCHIVE_DIR}/{name}"
        rel = _rel(loaded.root, path)
        stem, ext = os.path.splitext(name)
        if name.startswith("."):
            continue
        if ext != ".txt" or entry_kind != "file":
            loaded.problems.append(Problem(rel, 1, 1, "", "not an archive: archived sources are <source-id>.txt files"))
            continue
        data = tree.read(path)
        try:
            loaded.archives[stem] = data.decode("utf-8-sig")
            loaded.archive_paths[stem] = rel
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            loaded.problems.append(Problem(rel, line, 1, "", "the archive is not UTF-8 text: save it as UTF-8"))


def _rel(root: Path, path: str) -> str:
    """A path as the editor knows it: relative to the project, starting with content/."""
    return f"{root.name}/{path}"
