"""Walks over a record's values, each made once per class from the model's description
(`description.fold`): the references it makes (checked across records by `validate`), the texts
still holding a TODO placeholder (`load`), and the fields that differ between two versions of it
(`diff`, `history`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .description import ModelField, Shape, Walker, fold, record_shape
from .text import is_placeholder

# A walk yields (field path, shape, value) for each value of interest under a value it is given
# with its field path; None where a shape can hold nothing of interest (that part is not visited).
Leaves = Iterator[tuple[str, Shape, Any]]
Walk = Callable[[Any, str], Leaves] | None


class _Leaves(Walker[Walk]):
    """Walks to the values whose shape is of one of `kinds`, in the order they are written. A
    record or a list yields such values of its own at once (no walk is made for each)."""

    def __init__(self, kinds: frozenset[str]) -> None:
        super().__init__()
        self.kinds = kinds

    def _leaf(self, shape: Shape) -> Walk:
        if shape.kind not in self.kinds:
            return None

        def leaf(value: Any, field: str) -> Leaves:
            yield field, shape, value
        return leaf

    text = ref = date = choice = _leaf

    def list(self, shape: Shape, item: Walk) -> Walk:
        if item is None:
            return None
        assert shape.item is not None
        if not shape.item.optional and shape.item.kind in self.kinds:
            item_shape = shape.item

            def leaves(value: Any, field: str) -> Leaves:
                for i, element in enumerate(value):
                    yield f"{field}[{i}]", item_shape, element
            return leaves

        def items(value: Any, field: str) -> Leaves:
            for i, element in enumerate(value):
                yield from item(element, f"{field}[{i}]")
        return items

    def vocabulary(self, shape: Shape, value: Walk) -> Walk:
        if value is None:
            return None

        def entries(mapping: Any, field: str) -> Leaves:
            for key, element in mapping.items():
                yield from value(element, f"{field}.{key}")
        return entries

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, Walk], ...]) -> Walk:
        # (name, the shape of a value of interest held there, or None, and the walk into it)
        visits = tuple((f.name, f.shape.required() if f.shape.kind in self.kinds else None, walk)
                       for f, walk in fields if walk is not None)
        if not visits:
            return None

        def record(value: Any, prefix: str) -> Leaves:
            for name, leaf, walk in visits:
                child = getattr(value, name)
                if leaf is not None:
                    if child is not None:
                        yield f"{prefix}.{name}" if prefix else name, leaf, child
                else:
                    yield from walk(child, f"{prefix}.{name}" if prefix else name)
        return record

    def optional(self, shape: Shape, inner: Walk) -> Walk:
        if inner is None:
            return None

        def optional(value: Any, field: str) -> Leaves:
            if value is not None:
                yield from inner(value, field)
        return optional


_REFERENCES = _Leaves(frozenset({"ref"}))
_STRINGS = _Leaves(frozenset({"text", "ref", "choice"}))


def _walk(walker: _Leaves, value: Any, prefix: str) -> Leaves:
    walk = fold(walker, record_shape(type(value)))
    return walk(value, prefix) if walk is not None else iter(())


def references(value: Any, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """Every (field path, referenced kind, id) in a record, in the order they are written."""
    for field, shape, target in _walk(_REFERENCES, value, prefix):
        yield field, shape.target, target


def placeholders(record: Any) -> list[str]:
    """The fields of a record whose text still begins with TODO, in the order they are written."""
    return [field for field, _, text in _walk(_STRINGS, record, "") if is_placeholder(text)]


# --- What changed between two versions ----------------------------------------------------------------

Changes = Callable[[Any, Any, str], list[str]]


def _whole(old: Any, new: Any, field: str) -> list[str]:
    return [] if old == new else [field or "the whole file"]


class _Changes(Walker[Changes]):
    """The fields that differ, named down to the text that changed; a list, a date or a
    vocabulary is named as a whole."""

    def _leaf(self, shape: Shape) -> Changes:
        return _whole

    text = ref = date = choice = _leaf

    def list(self, shape: Shape, item: Changes) -> Changes:
        return _whole

    def vocabulary(self, shape: Shape, value: Changes) -> Changes:
        return _whole

    def record(self, shape: Shape, fields: tuple[tuple[ModelField, Changes], ...]) -> Changes:
        named = tuple((f.name, changes) for f, changes in fields)

        def record(old: Any, new: Any, prefix: str) -> list[str]:
            if old == new:
                return []
            out: list[str] = []
            for name, changes in named:
                out += changes(getattr(old, name), getattr(new, name), f"{prefix}.{name}" if prefix else name)
            return out
        return record

    def optional(self, shape: Shape, inner: Changes) -> Changes:
        def optional(old: Any, new: Any, field: str) -> list[str]:
            if old is None or new is None:
                return _whole(old, new, field)
            return inner(old, new, field)
        return optional


_CHANGES = _Changes()


def changed_fields(old: Any, new: Any, prefix: str = "") -> tuple[str, ...]:
    """The fields that differ between two versions of a record (or of the site or the scale),
    named down to the text that changed (`name.fr`, `wording.en.text`); a list or a date that
    changed is named as a whole, and a record of another class as 'the whole file'."""
    if old == new:
        return ()
    if type(old) is not type(new):
        return (prefix or "the whole file",)
    return tuple(fold(_CHANGES, record_shape(type(old)))(old, new, prefix))
