"""French typography, applied to the French text of the facts as the French site is rendered.

Editors type ordinary spaces (or none) around « », before ; ! ? and :, and a line may then break
between a word and its punctuation. The rules of the Imprimerie nationale (Lexique des règles
typographiques) ask for a no-break space inside « » and before the colon, and a narrow no-break
space (espace fine insécable) before ; ! and ?. The files in content/ are never changed: the
French pages are rendered from a copy of the facts whose French texts are set this way.

Only spaces are touched, never letters, and never inside a URL, a `code` span or an HTML tag;
a colon gets its space only where it ends a word before a space or the end of the text, so
times (18:30), ratios (1:2) and addresses are left as typed.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from types import MappingProxyType
from typing import Any

from .description import fields_of
from .model import Localized, LocalizedParagraphs, Wordings

NBSP, NNBSP = "\u00a0", "\u202f"
_SPACES = "[ \u00a0\u202f]"
_AFTER = "[\\w»)\\]’”%*'\"\x00]"  # what ends a word, a quotation or a code span before its punctuation
_UNTOUCHED = re.compile(r"``.+?``|`[^`]+`|<[^>\n]*>|\b(?:https?|mailto|ftp)://\S+|\bwww\.\S+", re.DOTALL)
_RULES = (
    (re.compile(rf"«{_SPACES}*"), f"«{NBSP}"),
    (re.compile(rf"{_SPACES}*»"), f"{NBSP}»"),
    # ; ! ? after a word or a closing mark, with or without a space, before a space, the end, or more punctuation
    (re.compile(rf"(?<={_AFTER}){_SPACES}*([;!?]+)(?=\s|$|[»)\].,;:!?])"), NNBSP + r"\1"),
    (re.compile(rf"(?<={_AFTER}){_SPACES}*:(?=\s|$)"), f"{NBSP}:"),
)
_MARKS = frozenset(";:!?«»")


def french(text: str) -> str:
    """`text` with the French spaces around « » and before ; : ! ?"""
    if _MARKS.isdisjoint(text):
        return text
    # What is left untouched is set aside as a NUL mark (which no text holds), so that the rules
    # still see that a word or a code span ends before the punctuation.
    kept = _UNTOUCHED.findall(text)
    if "\x00" in text:
        return text
    rest = iter(kept)
    return re.sub("\x00", lambda m: next(rest), _set(_UNTOUCHED.sub("\x00", text)))


def _set(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_copy(value: Any) -> Any:
    """`value` (a record, a tuple or mapping of them) with every French text set by `french`: the
    French side of each Localized and LocalizedParagraphs, and the French wording of each quote.
    What holds no change is returned as it is (the same object)."""
    if isinstance(value, (Localized, LocalizedParagraphs)):
        text = french(value.fr)
        return value if text == value.fr else dataclasses.replace(value, fr=text)
    if isinstance(value, Wordings):
        text = french(value.fr.text)
        return value if text == value.fr.text else dataclasses.replace(value, fr=dataclasses.replace(value.fr, text=text))
    if isinstance(value, tuple):
        items = tuple(french_copy(v) for v in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, dict):
        changed = {k: french_copy(v) for k, v in value.items()}
        return value if all(changed[k] is v for k, v in value.items()) else changed
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _nested(type(value)):
            old = getattr(value, name)
            new = french_copy(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@cache
def _nested(cls: type) -> tuple[str, ...]:
    """The fields of `cls` that may hold text to set: its nested records, lists and vocabularies
    (in the model's description); not its texts, dates and ids, set or not as wholes above."""
    return tuple(f.name for f in fields_of(cls) if f.shape.kind in ("record", "list", "vocabulary"))


_RECORD_MAPS = ("organisations", "people", "instruments", "issues", "sources", "quotes", "claims", "stances", "partnerships",
                "events")
_LAST: list[tuple[Any, Any]] = []  # the last fact set set, and its copy: each language build asks once per renderer


def french_facts(facts: Any) -> Any:
    """A copy of a FactSet whose French texts are set by `french` (the ids, slugs and indexes are
    the same: slugs ignore the kind of space)."""
    if _LAST and _LAST[0][0] is facts:
        return _LAST[0][1]
    changes = {name: MappingProxyType({rid: french_copy(r) for rid, r in getattr(facts, name).items()}) for name in _RECORD_MAPS}
    copy = dataclasses.replace(facts, site=french_copy(facts.site), scale=french_copy(facts.scale), **changes)
    _LAST[:] = [(facts, copy)]
    return copy


_FENCE = re.compile(r"^ *```")


def french_markdown(text: str) -> str:
    """A French Markdown text (the editors' guide) set by `french`, its fenced code blocks as written.
    The prose is set a run of lines at a time: a code span may go on to the next line."""
    out: list[str] = []
    prose: list[str] = []
    fenced = False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            out.append(french("".join(prose)))
            prose = []
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        else:
            prose.append(line)
    out.append(french("".join(prose)))
    return "".join(out)
