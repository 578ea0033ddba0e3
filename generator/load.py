"""Read content/: every record file, the site and scale files, and the source archives.

This is the only stage that touches content/, and it only reads. Each file is checked on its own
here (its shape, TODO placeholders, and `validate.RecordRules`), and what the checks across the
whole set need of it (`loaded.Facts`) is noted with it; those checks are in `validate`.
`load` reads the folder on disk; `load_files` reads the same layout from a mapping of paths to
bytes (the content at a git commit, for `diff`), through the same code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import plaindata
from .cache import Cache, Entry, StatKey
from .errors import Problem
from .loaded import Facts, Loaded, Located, Reading, where
from .model import KINDS, SINGLE_FILES, Site
from .schema import INVALID, MAX_SLUG, SLUG_RE, Reader
from .tree import MAX_ARCHIVE_BYTES, NOT_REGULAR, DiskTree, EntryKind, MemoryTree, Tree, Unreadable, what
from .validate import RecordRules
from .walks import placeholders
from .yamlread import read

ARCHIVE_DIR = "archive"


# Parsed files keyed by (path, content hash): a re-check in the same process (`mkdocs serve`)
# parses only the files that changed. Between processes, `cache.Cache` does the same on disk.
_CACHE: dict[tuple[str, str], Reading] = {}
PLACEHOLDER_MESSAGE = "still a TODO placeholder: replace it with the real text"


def load(root: Path, cache: Cache | None = None) -> Loaded:
    """Read every file under `root` (the content/ folder); with a `cache`, files read by an earlier
    check and unchanged since are not parsed again (see `cache`)."""
    return _load(root, DiskTree(root), cache)


def load_files(root: Path, files: Mapping[str, bytes], others: Mapping[str, str] | None = None) -> Loaded:
    """Read a content folder given as its files' bytes, by path relative to it ('people/x.yaml');
    `root` only names the folder in messages, as `load`'s does; `others` names the entries that are
    not regular files, with why (see `tree.MemoryTree`)."""
    return _load(root, MemoryTree(files, others or {}), None)


@dataclass(frozen=True)
class _File:
    """A file to read: where it is, and as what."""

    path: str  # relative to the content folder
    rel: str   # as the editor knows it (content/...)
    cls: type
    record_id: str | None
    kind: str  # the record folder, or '' for site.yaml and scale.yaml


def _load(root: Path, tree: Tree, cache: Cache | None) -> Loaded:
    loaded = Loaded(root=root)
    if not tree.exists():
        why = f"not a regular folder inside the project ({what(os.lstat(root).st_mode)})" if os.path.lexists(root) \
            else "content folder not found"
        loaded.problems.append(Problem(str(root), 1, 1, "", why))
        return loaded
    # Find the files, reporting those that are not where they should be.
    files: list[_File] = []
    for name, entry_kind in _entries(loaded, tree, ""):
        rel = _rel(root, name)
        if entry_kind == "other":
            loaded.problems.append(_not_regular(tree, rel, name))
        elif entry_kind == "dir":
            if name in KINDS:
                files += _kind_files(loaded, tree, name)
            elif name == ARCHIVE_DIR:
                _load_archives(loaded, tree)
            else:
                loaded.problems.append(Problem(rel, 1, 1, "", f"unknown folder: record folders are {', '.join(KINDS)}, and {ARCHIVE_DIR}"))
        elif name in SINGLE_FILES:
            files.append(_File(name, rel, SINGLE_FILES[name], None, ""))
        elif not name.startswith(".") and name.lower() != "readme.md":
            loaded.problems.append(Problem(rel, 1, 1, "", f"unexpected file: content/ holds {', '.join(SINGLE_FILES)} and record folders"))
    for name in SINGLE_FILES:
        if not tree.is_file(name):
            loaded.problems.append(Problem(_rel(root, name), 1, 1, "", "missing file: every site needs it"))
    # Read them, then file each record where it belongs.
    for file, located in zip(files, _read_files(loaded, tree, files, cache)):
        if located is None:
            continue
        if file.record_id is not None:  # a record (site.yaml and scale.yaml are not)
            loaded.records[file.kind][file.record_id] = located
        elif file.cls is Site:
            loaded.site = located.record
        else:
            loaded.scale, loaded.scale_located = located.record, located
    return loaded


def _kind_files(loaded: Loaded, tree: Tree, kind: str) -> list[_File]:
    files: list[_File] = []
    cls = KINDS[kind]
    for name, entry_kind in _entries(loaded, tree, kind):
        rel = _rel(loaded.root, f"{kind}/{name}")
        if name.startswith("."):
            continue
        if entry_kind == "other":
            loaded.problems.append(_not_regular(tree, rel, f"{kind}/{name}"))
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
        if len(stem) > MAX_SLUG:
            loaded.problems.append(Problem(rel, 1, 1, "", f"the file name is the record's id: at most {MAX_SLUG} characters, "
                                                         f"not {len(stem)}; rename the file (and the references to it)"))
            continue
        loaded.ids[kind].add(stem)
        files.append(_File(f"{kind}/{name}", rel, cls, stem, kind))
    return files


def _read_files(loaded: Loaded, tree: Tree, files: list[_File], cache: Cache | None) -> list[Located | None]:
    """Each file's record, located (None if unreadable or invalid); its problems go to `loaded`.
    A file is parsed only if neither this process nor the cache has read its bytes before."""
    readings: list[Reading | None] = [None] * len(files)
    digests: list[str] = [""] * len(files)
    stats: list[StatKey | None] = [None] * len(files)
    jobs: list[tuple[int, bytes]] = []
    for i, file in enumerate(files):
        stat = stats[i] = tree.stat(file.path) if cache is not None else None
        if cache is not None and stat is not None:
            readings[i] = _cached(cache, file.rel, cache.trusted(file.rel, stat))
            if readings[i] is not None:
                continue
        try:
            data = tree.read(file.path)
        except Unreadable as exc:
            loaded.problems.append(Problem(file.rel, 1, 1, "", str(exc)))
            continue
        digests[i] = digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        reading = readings[i] = _CACHE.get((file.rel, digest))
        if reading is None and cache is not None and stat is not None:
            reading = readings[i] = _cached(cache, file.rel, cache.known(file.rel, stat, digest))
        if reading is None:
            jobs.append((i, data))
        elif cache is not None and stat is not None and file.rel not in cache.new:
            cache.keep(file.rel, stat, digest, *reading.encoded())
    for i, data in jobs:
        readings[i] = reading = _read_job((files[i], data))
        _CACHE[(files[i].rel, digests[i])] = reading
        if cache is not None and (stat := stats[i]) is not None:
            cache.keep(files[i].rel, stat, digests[i], *reading.encoded())
    located: list[Located | None] = []
    for file, reading in zip(files, readings):
        if reading is None:
            located.append(None)
            continue
        loaded.problems.extend(reading.problems)
        located.append(Located(file.kind, file.rel, reading) if reading.valid else None)
    return located


def read_one(rel: str, kind: str, record_id: str, data: bytes) -> Reading:
    """What the check reads in the bytes of one record file of `kind` (`rel`: its path as the
    editor knows it): `new` reads the file it is about to write through this."""
    return _read_job((_File(rel, rel, KINDS[kind], record_id, kind), data))


def _read_job(job: tuple[_File, bytes]) -> Reading:
    """Read one file: its record (or INVALID) and where each field was written, its problems
    (those of the record on its own included: placeholders and `RecordRules`), and its `Facts`."""
    file, data = job
    problems: list[Problem] = []
    node = read(data, file.rel, problems)
    reader = Reader(file.rel, problems)
    record = INVALID if node is None else reader.record(node, file.cls, "", file.record_id)
    valid = record is not INVALID
    if not valid or not file.kind:
        return Reading(problems, valid, Facts(), (record, reader.locations))
    locations = reader.locations
    for name in placeholders(record):
        line, col = where(locations, name)
        problems.append(Problem(file.rel, line, col, name, PLACEHOLDER_MESSAGE))
    rules = RecordRules(file.rel, lambda name: where(locations, name))
    facts = rules.run(file.kind, record)
    return Reading(problems + rules.problems, True, facts, (record, locations))


def _cached(cache: Cache, rel: str, entry: Entry | None) -> Reading | None:
    """A cached reading, or None if there is none or it cannot be read back (its record is read
    back, and checked, only when asked for: see `Reading`)."""
    if entry is None:
        return None
    try:
        return Reading.decoded(entry.head, entry.record)
    except plaindata.BadData:  # a damaged entry is a missing one
        cache.forget(rel)
        return None


def _load_archives(loaded: Loaded, tree: Tree) -> None:
    for name, entry_kind in _entries(loaded, tree, ARCHIVE_DIR):
        path = f"{ARCHIVE_DIR}/{name}"
        rel = _rel(loaded.root, path)
        stem, ext = os.path.splitext(name)
        if name.startswith("."):
            continue
        if entry_kind == "other":
            loaded.problems.append(_not_regular(tree, rel, path))
            continue
        if ext != ".txt" or entry_kind != "file":
            loaded.problems.append(Problem(rel, 1, 1, "", "not an archive: archived sources are <source-id>.txt files"))
            continue
        try:
            data = tree.read(path, MAX_ARCHIVE_BYTES)
        except Unreadable as exc:
            loaded.problems.append(Problem(rel, 1, 1, "", str(exc)))
            continue
        try:
            loaded.archives[stem] = data.decode("utf-8-sig")
            loaded.archive_paths[stem] = rel
            loaded.archive_digests[stem] = hashlib.blake2b(data, digest_size=16).hexdigest()
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            loaded.problems.append(Problem(rel, line, 1, "", "the archive is not UTF-8 text: save it as UTF-8"))


def _entries(loaded: Loaded, tree: Tree, rel: str) -> list[tuple[str, EntryKind]]:
    """The entries of the folder `rel`; none, and a problem, if it cannot be listed."""
    try:
        return tree.entries(rel)
    except Unreadable as exc:
        loaded.problems.append(Problem(_rel(loaded.root, rel).rstrip("/"), 1, 1, "", str(exc)))
        return []


def _not_regular(tree: Tree, rel: str, path: str) -> Problem:
    return Problem(rel, 1, 1, "", f"{NOT_REGULAR} ({tree.why_not(path)})")


def _rel(root: Path, path: str) -> str:
    """A path as the editor knows it: relative to the project, starting with content/."""
    return f"{root.name}/{path}"
