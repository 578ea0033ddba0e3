"""Text helpers shared by the checker and the renderer: normalising for comparison, and slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´′"), "'")
_QUOTES = dict.fromkeys(map(ord, "“”„‟«»‹›″"), '"')
_SPACE_RE = re.compile(r"\s+")
_AROUND_QUOTE_RE = re.compile(r'\s*"\s*')


def normalise(text: str) -> str:
    """Text reduced for matching a quote against its source: Unicode NFC, one kind of apostrophe
    and quotation mark, no space around quotation marks, runs of whitespace (NBSP too) as one space."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_QUOTES)
    text = text.replace("…", "...")
    text = _SPACE_RE.sub(" ", text)
    return _AROUND_QUOTE_RE.sub('"', text).strip()


@lru_cache(maxsize=None)  # every link to a record asks for its slug again
def make_slug(name: str) -> str:
    """The URL slug for a name: 'l’IA' and "l'IA" both give 'l-ia'."""
    return slugify(unicodedata.normalize("NFC", name).translate(_APOSTROPHES))
