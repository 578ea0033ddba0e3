"""The files of a content folder, as `load` reads them: on disk (`DiskTree`) or at a git commit
(`MemoryTree`, for `diff`).

content/ comes from a repository that anyone may send changes to, so it is read as a tree of
regular files inside the project and nothing else: a symbolic link (to a file or a folder, inside
content/ or not), a named pipe, a device or a socket is never opened nor followed, but refused by
name; a file is opened without following links and read no further than a size limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from .cache import StatKey, stat_key

EntryKind = Literal["dir", "file", "other"]

# The largest file read: a record is a few kilobytes; an archived text, a few hundred.
MAX_FILE_BYTES = 1 << 20
MAX_ARCHIVE_BYTES = 16 << 20
NOT_REGULAR = "not a regular file inside content/"


class Unreadable(Exception):
    """A file or folder that is not read, and why (the message ends with what to do)."""


def too_large(limit: int) -> str:
    return f"larger than {limit >> 20} MiB, the most a file here may hold: keep only what belongs in it"


def what(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is, in a few words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link: put the file itself here, or remove the link"
    if stat.S_ISFIFO(mode):
        return "a named pipe: remove it"
    if stat.S_ISSOCK(mode):
        return "a socket: remove it"
    return "a device: remove it"


class Tree(Protocol):
    """The files of a content folder, by path relative to it ('' is the folder itself)."""

    def exists(self) -> bool: ...
    def entries(self, rel: str) -> list[tuple[str, EntryKind]]: ...
    def why_not(self, rel: str) -> str: ...
    def is_file(self, rel: str) -> bool: ...
    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes: ...
    def stat(self, rel: str) -> StatKey | None: ...


@dataclass(frozen=True)
class DiskTree:
    root: Path

    def exists(self) -> bool:
        try:
            return stat.S_ISDIR(os.lstat(self.root).st_mode)
        except OSError:
            return False

    def entries(self, rel: str) -> list[tuple[str, EntryKind]]:
        """The folder's entries, sorted by name, without following any link; Unreadable if the
        folder cannot be listed."""
        try:
            with os.scandir(os.path.join(self.root, rel)) as it:
                found = sorted(it, key=lambda e: e.name)
            return [(e.name, "dir" if e.is_dir(follow_symlinks=False) else "file" if e.is_file(follow_symlinks=False)
                     else "other") for e in found]
        except OSError as exc:
            raise Unreadable(f"cannot read the folder ({exc.strerror}): give yourself the right to read it") from None

    def why_not(self, rel: str) -> str:
        """Why the entry `rel`, listed as "other", is not read."""
        try:
            return what(os.lstat(os.path.join(self.root, rel)).st_mode)
        except OSError as exc:
            return f"cannot be examined ({exc.strerror})"

    def is_file(self, rel: str) -> bool:
        try:
            return stat.S_ISREG(os.lstat(os.path.join(self.root, rel)).st_mode)
        except OSError:
            return False

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        """The bytes of the regular file `rel`, opened without following a link and read no
        further than `limit`; Unreadable otherwise."""
        try:
            fd = os.open(os.path.join(self.root, rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno == getattr(os, "ELOOP", -1):
                raise Unreadable(f"{NOT_REGULAR} ({what(stat.S_IFLNK)})") from None
            raise Unreadable(f"cannot read the file ({exc.strerror}): give yourself the right to read it") from None
        with os.fdopen(fd, "rb", buffering=0) as fh:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise Unreadable(f"{NOT_REGULAR} ({what(mode)})")
            try:
                data = fh.read(limit + 1)
            except OSError as exc:
                raise Unreadable(f"cannot read the file ({exc.strerror})") from None
        if len(data) > limit:
            raise Unreadable(too_large(limit))
        return data

    def stat(self, rel: str) -> StatKey | None:
        try:
            return stat_key(os.lstat(os.path.join(self.root, rel)))
        except OSError:
            return None


@dataclass(frozen=True)
class MemoryTree:
    """A content folder given as its files' bytes; `others` names the entries that are not
    regular files (a link, a submodule), with why they are not read."""

    files: Mapping[str, bytes]
    others: Mapping[str, str] = field(default_factory=dict)

    def exists(self) -> bool:
        return True

    def entries(self, rel: str) -> list[tuple[str, EntryKind]]:
        prefix = f"{rel}/" if rel else ""
        found: dict[str, EntryKind] = {}
        for path in (*self.files, *self.others):
            if path.startswith(prefix):
                name, sep, _ = path[len(prefix):].partition("/")
                found[name] = "dir" if sep else "other" if path in self.others else "file"
        return sorted(found.items())

    def why_not(self, rel: str) -> str:
        return self.others.get(rel, "not a file")

    def is_file(self, rel: str) -> bool:
        return rel in self.files

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        data = self.files[rel]
        if len(data) > limit:
            raise Unreadable(too_large(limit))
        return data

    def stat(self, rel: str) -> StatKey | None:
        return None
