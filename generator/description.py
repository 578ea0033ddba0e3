"""One description of the model, and the one walker over it.

For each model class (`model.py`): its fields, in order, each with what kind of value it holds (a
`Shape`: text, a date, one of a few words, a reference to a record of some kind, a list, a nested
record, one entry per word of a vocabulary), whether it may be left out, and the rules written on
it (one line or several, a URL, a pattern, a slug). It is read from the type hints once per class.

`fold` walks a shape for a `Walker`, which says what to make of each kind of value; it returns one
result per shape, made once. The check's conversion (`schema`), the JSON Schema (`schemas`), the
walks over a record's values (`walks`: references, placeholders, changed fields), the downloads'
encoders (`opendata`) and `new`'s options are all made this way, so they cannot disagree on what a
field is.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Annotated, Any, Generic, Literal, TypeVar, Union, get_args, get_origin

from .model import KINDS, LANGS, PartialDate, Ref, TextSpec

ShapeKind = Literal["text", "date", "choice", "ref", "list", "record", "vocabulary"]
Spec = Any  # one of model's TextSpec, UrlSpec, PatternSpec, SlugSpec, Ref


@dataclasses.dataclass(frozen=True)
class Shape:
    """What one field (or one item of a list) holds, and the rules written on it."""

    kind: ShapeKind
    optional: bool = False  # it may be null, or left out of its record
    specs: tuple[Spec, ...] = ()  # text and ref: the rules written on it, in order
    target: str = ""  # ref: the kind of record it names (`scale`: a level of the stance scale)
    choices: tuple[str, ...] = ()  # choice: the words allowed; vocabulary: its keys
    item: Shape | None = None  # list: each item's shape; vocabulary: each value's
    cls: type | None = None  # record: its class

    @property
    def multiline(self) -> bool:
        """Text that may hold line breaks (paragraphs)."""
        return any(isinstance(s, TextSpec) and s.multiline for s in self.specs)

    @property
    def localised(self) -> bool:
        """A record of one text per language (`Localized`, `LocalizedParagraphs`)."""
        return self.kind == "record" and tuple(f.name for f in fields_of(self.cls)) == LANGS and \
            all(f.shape.kind == "text" for f in fields_of(self.cls))

    def required(self) -> Shape:
        """The same shape, not optional."""
        return dataclasses.replace(self, optional=False) if self.optional else self


@dataclasses.dataclass(frozen=True)
class ModelField:
    """One field of a model class: its name, its shape, whether it must be written, its doc."""

    name: str
    shape: Shape
    required: bool
    doc: str = ""


@cache
def shape_of(hint: Any) -> Shape:
    """The shape of a value of type `hint` (a type hint of `model`)."""
    base, specs = _unwrap(hint)
    if get_origin(base) in (Union, types.UnionType):
        inner, more = _unwrap(next(a for a in get_args(base) if a is not type(None)))
        return dataclasses.replace(shape_of(_rewrap(inner, specs + more)), optional=True)
    ref = next((s for s in specs if isinstance(s, Ref)), None)
    origin = get_origin(base)
    if ref is not None:
        return Shape("ref", specs=tuple(specs), target=ref.kind)
    if origin is tuple:
        return Shape("list", item=shape_of(get_args(base)[0]))
    if origin is dict:
        keys, value = get_args(base)
        return Shape("vocabulary", choices=get_args(keys), item=shape_of(value))
    if origin is Literal:
        return Shape("choice", choices=get_args(base))
    if base is PartialDate:
        return Shape("date")
    if dataclasses.is_dataclass(base):
        return Shape("record", cls=typing.cast(type, base))
    return Shape("text", specs=tuple(specs))


def record_shape(cls: type) -> Shape:
    """The shape of a record of class `cls`."""
    return shape_of(cls)


@cache
def fields_of(cls: type | None) -> tuple[ModelField, ...]:
    """A model class's fields, in order; a record's `id` is left out: it is its file's name."""
    assert cls is not None
    hints = typing.get_type_hints(cls, include_extras=True)
    is_record = cls in KINDS.values()
    return tuple(ModelField(f.name, shape_of(hints[f.name]), _required(f), f.metadata.get("doc", ""))
                 for f in dataclasses.fields(cls) if not (is_record and f.name == "id"))


def field_shape(cls: type, path: str) -> Shape:
    """The shape of the field at `path` in a record of `cls`: `name.en`, `speakers[].person`
    (`[]`: an item of a list)."""
    shape = record_shape(cls)
    for part in path.split("."):
        name, _, items = part.partition("[")
        fields = {f.name: f.shape for f in fields_of(shape.cls)}
        shape = fields[name]
        for _ in range(items.count("]")):
            assert shape.item is not None
            shape = shape.item
    return shape


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _unwrap(hint: Any) -> tuple[Any, list[Spec]]:
    specs: list[Spec] = []
    while get_origin(hint) is Annotated:
        args = get_args(hint)
        hint, specs = args[0], list(args[1:]) + specs
    return hint, specs


def _rewrap(hint: Any, specs: list[Spec]) -> Any:
    return Annotated[(hint, *specs)] if specs else hint


# --- The walker -------------------------------------------------------------------------------------

T = TypeVar("T")


class Walker(Generic[T]):
    """What to make of each kind of value; `fold` calls these, innermost first, once per shape.
    `optional` is given what was made of the same shape not optional."""

    def __init__(self) -> None:
        self.made: dict[Shape, T] = {}

    def text(self, shape: Shape) -> T:
        raise NotImplementedError

    def date(self, shape: Shape) -> T:
        raise NotImplementedError

    def choice(self, shape: Shape) -> T:
        raise NotImplementedError

    def ref(self, shape: Shape) -> T:
        raise NotImplementedError

    def list(self, shape: Shape, item: T) -> T:
        raise NotImplementedError

    def vocabulary(self, shape: Shape, value: T) -> T:
        raise NotImplementedError

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, T], ...]) -> T:
        raise NotImplementedError

    def optional(self, shape: Shape, inner: T) -> T:
        raise NotImplementedError


def fold(walker: Walker[T], shape: Shape) -> T:
    """What `walker` makes of `shape`: made once, then remembered by the walker."""
    made = walker.made.get(shape)
    if made is not None or shape in walker.made:
        return made  # type: ignore[return-value]
    result: T
    if shape.optional:
        result = walker.optional(shape, fold(walker, shape.required()))
    elif shape.kind == "list":
        assert shape.item is not None
        result = walker.list(shape, fold(walker, shape.item))
    elif shape.kind == "vocabulary":
        assert shape.item is not None
        result = walker.vocabulary(shape, fold(walker, shape.item))
    elif shape.kind == "record":
        result = walker.record(shape, tuple((f, fold(walker, f.shape)) for f in fields_of(shape.cls)))
    elif shape.kind == "text":
        result = walker.text(shape)
    elif shape.kind == "date":
        result = walker.date(shape)
    elif shape.kind == "choice":
        result = walker.choice(shape)
    else:
        result = walker.ref(shape)
    walker.made[shape] = result
    return result
