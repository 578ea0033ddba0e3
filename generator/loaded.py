"""What reading content/ gives, before the checks across records: each file's reading (its
problems, its record and where each field was written, and the `Facts` the checks across records
need of it), and the whole set (`Loaded`). `load` makes them; `validate` and the later stages read
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import plaindata
from .errors import Problem
from .model import KINDS, PartialDate, Scale, Site


class Facts(NamedTuple):
    """What the checks across records need of one record, found when its file is read."""

    references: tuple[tuple[str, str, str], ...] = ()  # (field, kind referred to, id), as written
    texts: tuple[tuple[str, str, str, str], ...] = ()  # (field, source id, text, what it is): word for word in the archive
    evidence: tuple[tuple[str, str, str], ...] = ()  # (field, kind, id) of each evidence item naming one record
    owner: str | None = None  # a stance's organisation: the evidence must be its own
    said: Any = None  # what evidence checks read of it: a claim's (kind, said_by), a quote's or event's organisations
    slugs: tuple[tuple[str, str, str], ...] = ()  # (lang, URL slug, field to blame) of a record with pages
    # (field, kind, id, since, until) of each evidence item of a stance's dated positions
    periods: tuple[tuple[str, str, str, PartialDate, PartialDate | None], ...] = ()
    dated: Any = None  # a source's or event's date; a quote's event and sources, a claim's sources
    passages: tuple[str, ...] | None = None  # a source held only in excerpts: the passages we hold


class Reading:
    """What reading one file gave: its problems, whether its record is valid, what the checks
    across records need of it (`Facts`), and the record with where each field was written. Read
    back from the cache, the record stays as data (`plaindata`) until first asked for: a re-check
    asks for few."""

    __slots__ = ("_data", "_value", "facts", "problems", "valid")

    def __init__(self, problems: list[Problem], valid: bool, facts: Facts,
                 value: tuple[Any, dict[str, tuple[int, int]]] | None = None, data: bytes | memoryview | None = None) -> None:
        self.problems, self.valid, self.facts, self._value, self._data = problems, valid, facts, value, data

    def value(self) -> tuple[Any, dict[str, tuple[int, int]]]:
        """The record (or INVALID) and where each of its fields was written."""
        if self._value is None:
            assert self._data is not None  # a reading holds its record either as a value or as data
            self._value = plaindata.loads(self._data)
            self._data = None
        return self._value

    @property
    def pending(self) -> bool:
        """Whether the record is still data (nobody has asked for it)."""
        return self._value is None

    def encoded(self) -> tuple[tuple[Any, ...], bytes | memoryview]:
        """The reading as values `plaindata` writes: its problems, validity and facts (`head`), and
        its record and locations as `plaindata` bytes."""
        record = plaindata.dumps(self._value) if self._value is not None else self._data
        assert record is not None  # a reading holds its record either as a value or as data
        return (tuple(self.problems), self.valid, self.facts), record

    @classmethod
    def decoded(cls, head: Any, record: bytes | memoryview) -> Reading:
        """The reading `encoded` gave (its record read when asked for); BadData if it is not one."""
        if not (type(head) is tuple and len(head) == 3 and type(head[0]) is tuple and type(head[1]) is bool
                and type(head[2]) is tuple and len(head[2]) == len(Facts._fields)
                and (not head[0] or all(type(p) is Problem for p in head[0]))):
            raise plaindata.BadData("not a reading")
        return cls(list(head[0]), head[1], Facts(*head[2]), None, record)


@dataclass(frozen=True)
class Located:
    """A record with the file it came from and where each of its fields was written."""

    kind: str
    path: str
    reading: Reading

    @property
    def record(self) -> Any:
        return self.reading.value()[0]

    @property
    def locations(self) -> dict[str, tuple[int, int]]:
        return self.reading.value()[1]

    @property
    def facts(self) -> Facts:
        return self.reading.facts

    @property
    def references(self) -> tuple[tuple[str, str, str], ...]:
        """(field, kind referred to, id), as written."""
        return self.reading.facts.references

    def where(self, field: str) -> tuple[int, int]:
        """The line and column of `field`, or of its closest written parent."""
        return where(self.locations, field)


def where(locations: dict[str, tuple[int, int]], field: str) -> tuple[int, int]:
    """The line and column of `field` in `locations`, or of its closest written parent."""
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
    archive_digests: dict[str, str] = field(default_factory=dict)  # of each archive's bytes
    problems: list[Problem] = field(default_factory=list)
