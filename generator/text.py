"""Text helpers shared by the checker and the renderer: normalising for comparison, and slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´′"), "'")
_QUOTES = dict.fromkeys(map(ord, "“”„‟«»‹›″"), '"')
_MARKS = {**{chr(k): v for k, v in _APOSTROPHES.items()}, **{chr(k): v for k, v in _QUOTES.items()}, "…": "..."}
_MARKS_RE = re.compile("[" + "".join(_MARKS) + "]")


def normalise(text: str) -> str:
    """Text reduced for matching a quote against its source: Unicode NFC, one kind of apostrophe
    and quotation mark, no space around quotation marks, runs of whitespace (NBSP too) as one space."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _MARKS_RE.sub(lambda m: _MARKS[m.group()], text)
    text = " ".join(text.split())  # str.split() and re's \s agree on what whitespace is
    return text.replace(' "', '"').replace('" ', '"')


@lru_cache(maxsize=None)  # every link to a record asks for its slug again
def make_slug(name: str) -> str:
    """The URL slug for a name: 'l’IA' and "l'IA" both give 'l-ia'."""
    return slugify(unicodedata.normalize("NFC", name).translate(_APOSTROPHES))
