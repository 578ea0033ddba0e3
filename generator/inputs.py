"""Each page's inputs, recorded while the page is rendered: the one place that knows which facts
a page shows.

The renderer reads the fact set through `traced(facts, reads)`: a view of it that notes every
value a page reads, down to the field and the language (`("sources", "le-monde-1", "outlet")`,
`("organisations", "meta", "name", "fr")`), every list of records it walks (`("quotes", "#ids")`),
every reverse index it consults (`("index", "quotes_by_org", "meta")`) and every site-wide
setting (`("site", "title", "en")`). A page's output is a function of the values it read: when
none of them differs in another fact set, the page comes out the same (the argument of build
systems that verify traces, Eleventy's and Hugo's among them). So one record answers three
questions:

- which pages a change touches (`diff`): those that read a value that differs;
- which pages need rendering again (`pagecache`): the same;
- when a page last changed ("Last updated", the feed, the sitemap): the last change, in git, of
  the files whose records it read.

Keys are tuples of plain values (strings and list positions), so they are kept as data.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .model import KINDS, Identifiers, PartialDate

Key = tuple[Any, ...]  # (kind, id, field, ...), ("index", name, key), ("site", field, ...), ("scale", ...), (kind, "#ids")
MISSING = "#missing"
V = TypeVar("V")
INDEXES = ("quotes_by_org", "quotes_by_person", "quotes_by_issue", "claims_by_org", "claims_by_issue", "stance_by_pair",
           "partnerships_by_org", "partnerships_by_issue", "events_by_org", "events_by_person", "events_by_issue",
           "people_by_org", "cited_by", "answered_by", "corrected", "archives")
# Small values read whole: a page that shows one of their parts shows the others with it.
_WHOLE = (PartialDate, Identifiers)


class Reads:
    """The keys read since the last `take`: a page's inputs, or a feed entry's."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()

    def take(self) -> frozenset[Key]:
        """The keys read since the last call, and a fresh start."""
        keys, self.keys = frozenset(self.keys), set()
        return keys

    def replay(self, keys: Iterable[Key]) -> None:
        """Count as read `keys`, read once for a value kept since (a memoised label)."""
        self.keys.update(keys)


class Memo(Generic[V]):
    """Values worked out once and used on many pages, each with the keys read to work it out, so
    that every page using it records them too."""

    def __init__(self, reads: Reads) -> None:
        self.reads = reads
        self.values: dict[Any, tuple[V, frozenset[Key]]] = {}

    def get(self, key: Any, make: Callable[[], V]) -> V:
        if key in self.values:
            value, keys = self.values[key]
            self.reads.replay(keys)
            return value
        before, self.reads.keys = self.reads.keys, set()
        try:
            value = make()
            keys = frozenset(self.reads.keys)
        finally:
            self.reads.keys = before | self.reads.keys
        self.values[key] = (value, keys)
        return value


# --- The traced view ------------------------------------------------------------------------------
#
# The facts are immutable, so what a read gives, and the key it notes, are the same every time the
# same part is read: each wrapper works them out once (`_look_up`) and keeps them, with the
# wrappers of its parts. A read after the first costs a dict look-up and a set insertion.

_NO_ATTRIBUTE: Any = object()  # kept for a name the value has not: the read raises AttributeError again


def _wrap(value: Any, path: Key, reads: Reads) -> tuple[Any, Key | None]:
    """The view of `value` found at `path`, and the key noting its read (None for a record, a
    mapping or a method, whose own parts note what is read of them)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, _WHOLE) and not isinstance(value, type):
        return _traced_class(type(value))(value, path, reads), None
    if isinstance(value, tuple) and any(dataclasses.is_dataclass(v) for v in value):
        return tuple(_wrap(v, path + (i,), reads)[0] for i, v in enumerate(value)), path + ("#len",)
    if isinstance(value, Mapping):
        return TracedMapping(value, path, reads), None
    return value, path


class Traced:
    """A record (or a part of one) that notes each value read from it. Each type of record has its
    own subclass (`_traced_class`) reading its fields and properties as properties: a name found on
    the class is read without Python first failing to find it on the instance."""

    __slots__ = ("_got", "_path", "_present", "_reads", "_value")

    def __init__(self, value: Any, path: Key, reads: Reads) -> None:
        self._value, self._path, self._reads = value, path, reads
        self._present = path + ("#present",)
        self._got: dict[str, tuple[Any, Key | None]] = {}

    def _read(self, name: str) -> Any:
        got = self._got.get(name)
        if got is None:
            got = self._got[name] = self._look_up(name)
        value, key = got
        if value is _NO_ATTRIBUTE:
            raise AttributeError(name)
        if key is not None:
            self._reads.keys.add(key)
        return value

    __getattr__ = _read  # a name the class does not have as a property: a method, or none

    def _look_up(self, name: str) -> tuple[Any, Key | None]:
        attr = getattr(type(self._value), name, None)
        if callable(attr) and not isinstance(attr, property):  # a method: it reads through this view
            return (lambda *args: attr(self, *args)), None
        try:
            value = getattr(self._value, name)
        except AttributeError:
            return _NO_ATTRIBUTE, None
        return _wrap(value, self._path + (name,), self._reads)

    def __getitem__(self, lang: str) -> Any:  # Localized, Slugs, Wordings: by language
        return getattr(self, lang)

    def __bool__(self) -> bool:
        self._reads.keys.add(self._present)
        return True


def _reader(name: str) -> property:
    def read(self: Traced) -> Any:
        got = self._got.get(name)
        if got is None:
            got = self._got[name] = self._look_up(name)
        value, key = got
        if value is _NO_ATTRIBUTE:
            raise AttributeError(name)
        if key is not None:
            self._reads.keys.add(key)
        return value
    return property(read)


_TRACED_CLASSES: dict[type, type[Traced]] = {}


def _traced_class(kind: type) -> type[Traced]:
    """The view of records of type `kind`: a property per field and per property of theirs."""
    cls = _TRACED_CLASSES.get(kind)
    if cls is None:
        names = [f.name for f in dataclasses.fields(kind)]
        names += [n for n in dir(kind) if isinstance(getattr(kind, n, None), property) and n not in names]
        members: dict[str, Any] = {"__slots__": (), **{n: _reader(n) for n in names if not hasattr(Traced, n)}}
        cls = _TRACED_CLASSES[kind] = type(f"Traced{kind.__name__}", (Traced,), members)
    return cls


class TracedMapping(Mapping[Any, Any]):
    """A mapping (records of a kind, a reverse index, a vocabulary) that notes what is read of it:
    each value by its key, and its keys when it is walked or counted."""

    def __init__(self, value: Mapping[Any, Any], path: Key, reads: Reads) -> None:
        self._value, self._path, self._reads = value, path, reads
        self._all = path + ("#keys",)
        self._got: dict[Any, tuple[Any, Key | None]] = {}

    def __getitem__(self, key: Any) -> Any:
        got = self._got.get(key)
        if got is None:
            try:
                value = self._value[key]
            except KeyError:
                self._reads.keys.add(self._path + (key, "#present"))
                raise
            got = self._got[key] = _wrap(value, self._path + (key,), self._reads)
        wrapped, read = got
        if read is not None:
            self._reads.keys.add(read)
        return wrapped

    def __contains__(self, key: object) -> bool:
        self._reads.keys.add(self._path + (key, "#present"))
        return key in self._value

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self._value:
            return self[key]
        self._reads.keys.add(self._path + (key, "#present"))
        return default

    def __iter__(self) -> Iterator[Any]:
        self._reads.keys.add(self._all)
        return iter(self._value)

    def __len__(self) -> int:
        self._reads.keys.add(self._all)
        return len(self._value)


class TracedIndex(TracedMapping):
    """A reverse index of the fact set (ids by id), read whole per key: its values are ids."""

    def __getitem__(self, key: Any) -> Any:
        self._reads.keys.add(self._path + (key,))
        return self._value[key]


if TYPE_CHECKING:
    from .facts import FactSet

    _StandsFor = FactSet  # to the type checker, a traced fact set is the fact set it stands in for
else:
    _StandsFor = object


class TracedFacts(_StandsFor):
    """The fact set as a page reads it (see the module's docstring)."""

    def __init__(self, facts: FactSet, reads: Reads) -> None:
        self._facts, self.reads = facts, reads
        for kind in KINDS:
            setattr(self, kind, TracedMapping(getattr(facts, kind), (kind,), reads))
        for name in INDEXES:
            setattr(self, name, TracedIndex(getattr(facts, name), ("index", name), reads))
        for part in ("site", "scale"):
            setattr(self, part, _wrap(getattr(facts, part), (part,), reads)[0])

    def level(self, level_id: str) -> Any:
        return type(self._facts).level(self, level_id)

    def stance(self, org: str, issue: str) -> Any:
        return type(self._facts).stance(self, org, issue)

    @property
    def untraced(self) -> FactSet:
        """The fact set itself, for what must not count as read (a page's address for a link is
        read through `traced` like the rest)."""
        return self._facts


def traced(facts: FactSet, reads: Reads) -> TracedFacts:
    return TracedFacts(facts, reads)


# --- Reading a key back ---------------------------------------------------------------------------


def value_at(facts: Any, key: Key) -> Any:
    """The value `key` names in `facts` (MISSING where there is none): what a page read."""
    head = key[0]
    if head == "index":
        value: Any = getattr(facts, key[1])
        rest = key[2:]
    elif head in ("site", "scale"):
        value, rest = getattr(facts, head), key[1:]
    else:
        value, rest = getattr(facts, head), key[1:]
    for step in rest:
        if step == "#keys":
            return tuple(value)
        if step == "#len":
            return len(value)
        if step == "#present":
            return value is not None
        try:
            if isinstance(value, Mapping):
                value = value.get(step, MISSING)
            elif isinstance(step, int):
                value = value[step] if -len(value) <= step < len(value) else MISSING
            else:
                value = getattr(value, step, MISSING)
        except (TypeError, KeyError):
            return MISSING
        if value is MISSING:
            return MISSING
        if callable(value) and not isinstance(value, (Mapping, tuple)):
            value = value()
    return value


def _present(facts: Any, key: Key) -> bool:
    return value_at(facts, key[:-1]) is not MISSING


def differs(old: Any, new: Any, key: Key) -> bool:
    """Whether a page that read `key` in `old` may show something else in `new`."""
    if key[-1] == "#present":
        return _present(old, key) != _present(new, key)
    changed: bool = value_at(old, key) != value_at(new, key)
    return changed


def fingerprint(facts: Any, keys: Iterable[Key]) -> str:
    """A digest of the values `keys` name in `facts`: equal for two fact sets in which a page that
    read them shows the same."""
    h = hashlib.blake2b(digest_size=16)
    for key in sorted(keys, key=repr):
        value = _present(facts, key) if key[-1] == "#present" else value_at(facts, key)
        h.update(repr(key).encode() + b"\0" + repr(value).encode() + b"\n")
    return h.hexdigest()


# --- What changed ---------------------------------------------------------------------------------


# Properties of records that read several of their fields (a stance's history is its positions, or
# its position, summary and evidence): a change to any field may change what they give.
_DERIVED = frozenset({"history", "current", "all_evidence"})


def _touches(field: str, path: tuple[Any, ...]) -> bool:
    """Whether a change of `field` ('description.en') may change the value read at `path`."""
    if path and path[0] in _DERIVED:
        return True
    for part, step in zip(field.split("."), path):
        if isinstance(step, str) and step.startswith("#"):
            return True
        if part != str(step):
            return False
    return True


# --- Which files a page read, and when they last changed -------------------------------------------


# The publication's name and tagline are on every page: a new tagline is not news on each of them.
_EVERY_PAGE = (("title",), ("tagline",))


def files_read(keys: Iterable[Key]) -> set[str]:
    """The content files whose records (or site-wide settings) `keys` read, as `history` names them."""
    out: set[str] = set()
    for key in keys:
        head = key[0]
        if head in KINDS and len(key) > 2 and key[1] != "#ids" and key[-1] != "#present":
            out.add(f"content/{head}/{key[1]}.yaml")
        elif head == "index" and key[1] == "archives" and len(key) > 2 and key[2] != "#keys":
            out.add(f"content/archive/{key[2]}.txt")
        elif head in ("site", "scale") and key[1:2] not in _EVERY_PAGE:
            out.add(f"content/{head}.yaml")
    return out


@lru_cache(maxsize=1 << 18)  # every page reads thousands of keys, most of them read by other pages too
def _file_of(key: Key) -> str | None:
    found = files_read((key,))
    return next(iter(found)) if found else None


def last_changed(keys: Iterable[Key], history: Mapping[str, Any]) -> datetime | None:
    """The last commit that changed a value `keys` read (a field of a record, where git's history
    of the record's file tells which fields each commit changed; else its file); None when none
    of the files is committed."""
    if not history:
        return None
    read: dict[str, list[tuple[Any, ...]]] = {}
    for key in keys:
        path = _file_of(key)
        if path is not None and path in history:
            read.setdefault(path, []).append(key[2:] if key[0] in KINDS else ())
    times = []
    for path, paths in read.items():
        h = history[path]
        when = h.changed if not h.commits else next(
            (t for t, fields in h.commits if fields is None or any(_touches(f, p) for f in fields for p in paths)), h.added)
        times.append(when)
    return max(times) if times else None
