"""Read content/ from disk: every record file, the site and scale files, and the source archives.

This is the only stage that touches content/, and it only reads. Each file is checked on its own
here; what needs the whole set (references, slugs, quotes against archives) is in `validate`.
What reading a file gives is kept by its path and the hash of its bytes, in memory and in the
on-disk `Cache`; when many files are new, half of them are read in a forked process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import KINDS, SINGLE_FILES, Scale, Site
from .parallel import can_fork, map_halves
from .schema import INVALID, SLUG_RE, Reader
from .yamlread import read

if TYPE_CHECKING:
    from .cache import Cache

ARCHIVE_DIR = "archive"


class Reading:
    """What reading one file gave: its record (INVALID if it has problems), where each field was
    written, and its problems. Read from the cache, the record stays pickled until first asked
    for: a re-check asks for few."""

    __slots__ = ("problems", "valid", "_value", "_blob")

    def __init__(self, problems: list[Problem], valid: bool, value: tuple[Any, dict] | None = None,
                 blob: bytes | None = None) -> None:
        self.problems, self.valid, self._value, self._blob = problems, valid, value, blob

    @classmethod
    def of(cls, record: Any, locations: dict[str, tuple[int, int]], problems: list[Problem]) -> Reading:
        return cls(problems, record is not INVALID, (record, locations))

    def value(self) -> tuple[Any, dict[str, tuple[int, int]]]:
        """The record and where each of its fields was written."""
        if self._value is None:
            self._value = pickle.loads(self._blob)
        return self._value

    def blob(self) -> bytes:
        """The record and its places, pickled."""
        if self._blob is None:
            self._blob = pickle.dumps(self._value, pickle.HIGHEST_PROTOCOL)
        return self._blob

    def __reduce__(self) -> tuple:
        return Reading, (self.problems, self.valid, None, self.blob())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reading) and (self.problems, self.valid, self.value()) == (other.problems, other.valid, other.value())


@dataclass(frozen=True)
class Located:
    """A record with the file it came from and where each of its fields was written."""

    kind: str
    path: str
    digest: str  # of the file's bytes
    reading: Reading

    @property
    def record(self) -> Any:
        return self.reading.value()[0]

    @property
    def locations(self) -> dict[str, tuple[int, int]]:
        return self.reading.value()[1]

    def where(self, field: str) -> tuple[int, int]:
        """The line and column of `field`, or of its closest written parent."""
        locations = self.locations
        while field:
            if field in locations:
                return locations[field]
            field = field.rpartition(".")[0] if "." in field else field.rpartition("[")[0]
        return locations.get("", (1, 1))


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
_CACHE: dict[tuple[str, str], Reading] = {}
# Below this many files to read, a second process costs more than it saves.
_FORK_FROM = 1000


@dataclass(frozen=True)
class _File:
    """A file to read: where, as what, and where its record goes."""

    path: str
    rel: str
    cls: type
    record_id: str | None
    kind: str


def load(root: Path, cache: Cache | None = None) -> Loaded:
    """Read every file under `root` (the content/ folder)."""
    loaded = Loaded(root=root)
    if not root.is_dir():
        loaded.problems.append(Problem(str(root), 1, 1, "", "content folder not found"))
        return loaded
    files: list[_File] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        rel = _rel(root, entry.path)
        if entry.is_dir():
            if entry.name in KINDS:
                files += _kind_files(loaded, entry.name)
            elif entry.name == ARCHIVE_DIR:
                _load_archives(loaded)
            else:
                loaded.problems.append(Problem(rel, 1, 1, "", f"unknown folder: record folders are {', '.join(KINDS)}, and {ARCHIVE_DIR}"))
        elif entry.name in SINGLE_FILES:
            files.append(_File(entry.path, rel, SINGLE_FILES[entry.name], None, ""))
        elif not entry.name.startswith(".") and entry.name.lower() != "readme.md":
            loaded.problems.append(Problem(rel, 1, 1, "", f"unexpected file: content/ holds {', '.join(SINGLE_FILES)} and record folders"))
    for name in SINGLE_FILES:
        if not (root / name).is_file():
            loaded.problems.append(Problem(_rel(root, str(root / name)), 1, 1, "", "missing file: every site needs it"))
    for file, located in zip(files, _read_files(loaded, files, cache)):
        if located is None:
            continue
        if file.kind:
            loaded.records[file.kind][file.record_id] = located
        elif isinstance(located.record, Site):
            loaded.site = located.record
        else:
            loaded.scale, loaded.scale_located = located.record, located
    return loaded


def _kind_files(loaded: Loaded, kind: str) -> list[_File]:
    folder = loaded.root / kind
    prefix = _rel(loaded.root, str(folder))
    files = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = f"{prefix}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            loaded.problems.append(Problem(rel, 1, 1, "", f"folders are not allowed inside {kind}/: one record per file"))
            continue
        if not entry.name.endswith(".yaml"):
            stem, ext = os.path.splitext(entry.name)
            hint = f"rename it to {stem}.yaml" if ext == ".yml" else "records are .yaml files"
            loaded.problems.append(Problem(rel, 1, 1, "", f"not a record file: {hint}"))
            continue
        stem = entry.name[:-5]
        if not SLUG_RE.match(stem):
            loaded.problems.append(Problem(rel, 1, 1, "", "the file name is the record's id: use lower-case letters, digits and single hyphens"))
            continue
        loaded.ids[kind].add(stem)
        files.append(_File(entry.path, rel, KINDS[kind], stem, kind))
    return files


def _read_files(loaded: Loaded, files: list[_File], cache: Cache | None) -> list[Located | None]:
    """Each file's record, located (None if unreadable or invalid); problems go to `loaded`."""
    readings: list[Reading | None] = [None] * len(files)
    digests: list[str] = [""] * len(files)
    stats: list[Any] = [None] * len(files)
    new: list[tuple[int, bytes]] = []
    for i, file in enumerate(files):
        try:
            stats[i] = os.stat(file.path)
            digest = cache.unchanged(file.rel, stats[i]) if cache is not None else None
            reading = None if digest is None else _known(file.rel, digest, cache)
            if reading is None:
                with open(file.path, "rb", buffering=0) as fh:
                    data = fh.readall()
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                reading = _known(file.rel, digest, cache)
        except OSError as exc:
            loaded.problems.append(Problem(file.rel, 1, 1, "", f"cannot read the file: {exc.strerror}"))
            continue
        digests[i] = digest
        if reading is None:
            new.append((i, data))
        else:
            readings[i] = reading
    jobs = [(files[i], data) for i, data in new]
    results = map_halves(_read_job, jobs) if len(jobs) >= _FORK_FROM and can_fork() else [_read_job(job) for job in jobs]
    for (i, _), reading in zip(new, results):
        readings[i] = reading
    located: list[Located | None] = []
    for file, digest, stat, reading in zip(files, digests, stats, readings):
        if reading is None:
            located.append(None)
            continue
        _CACHE[(file.rel, digest)] = reading
        if cache is not None:
            cache.keep(file.rel, digest, reading, stat)
        loaded.problems.extend(reading.problems)
        located.append(Located(file.kind, file.rel, digest, reading) if reading.valid else None)
    return located


def _known(rel: str, digest: str, cache: Cache | None) -> Reading | None:
    """What reading the file gave before, with these bytes: in this process, or in the cache."""
    reading = _CACHE.get((rel, digest))
    if reading is None and cache is not None:
        reading = cache.reading(rel, digest)
    return reading


def _read_job(job: tuple[_File, bytes]) -> Reading:
    """Read one file."""
    file, data = job
    problems: list[Problem] = []
    node = read(data, file.rel, problems)
    reader = Reader(file.rel, problems)
    record = INVALID if node is None else reader.record(node, file.cls, "", file.record_id)
    return Reading.of(record, reader.locations, problems)


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
