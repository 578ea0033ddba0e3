"""Text helpers shared by the checker and the renderer: normalising for comparison, and slugs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import cache

from slugify import slugify

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´′"), "'")
_QUOTES = dict.fromkeys(map(ord, "“”„‟«»‹›″"), '"')
_REPLACEMENTS = tuple((chr(k), v) for k, v in {**_APOSTROPHES, **_QUOTES}.items()) + (("…", "..."),)
_AROUND_QUOTE_RE = re.compile(r'\s*"\s*')

# A text still to be written (left by `new`, or a translation marked as pending) begins with this.
PLACEHOLDER = "TODO"


def normalise(text: str) -> str:
    """Text reduced for matching a quote against its source: Unicode NFC, one kind of apostrophe
    and quotation mark, no space around quotation marks, runs of whitespace (NBSP too) as one space."""
    text = unicodedata.normalize("NFC", text)
    # str.replace per character present: str.translate with a dict costs a lookup per character.
    for char, plain in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, plain)
    text = " ".join(text.split())  # str.split's whitespace is exactly re's \s (pinned by a test)
    if '"' in text:
        text = _AROUND_QUOTE_RE.sub('"', text).strip()
    return text


_WORD_RE = re.compile(r"\w+")
_SENTENCE_END = ".!?"


def words(text: str) -> int:
    """How many words `text` holds (runs of letters and digits: "l'IA" is two)."""
    return len(_WORD_RE.findall(text))


def is_sentence(text: str) -> bool:
    """Whether `text` (normalised) reads as a whole sentence: it ends with . ! or ?"""
    return text[-1:] in _SENTENCE_END


def found_word_for_word(text: str, held: str) -> bool:
    """Whether `text` is in `held` word for word, both normalised (`normalise`): as a run of whole
    words (a letter or digit never touches it on either side, so "clear" is not in "unclear"),
    and a text of one word that is a sentence ("Non.") only where a sentence begins."""
    if not text:
        return False
    first_is_word, last_is_word = text[0].isalnum(), text[-1].isalnum()
    sentence = words(text) == 1 and is_sentence(text)
    at = held.find(text)
    while at != -1:
        end = at + len(text)
        if (not first_is_word or at == 0 or not held[at - 1].isalnum()) \
                and (not last_is_word or end == len(held) or not held[end].isalnum()) \
                and (not sentence or _begins_sentence(held, at)):
            return True
        at = held.find(text, at + 1)
    return False


def _begins_sentence(held: str, at: int) -> bool:
    before = at - 1
    while before >= 0 and held[before] in ' "':
        before -= 1
    return before < 0 or held[before] in _SENTENCE_END


# Past this many options, "did you mean" compares a word only with those one or two edits away
# (found through an index of each option with one character deleted), not with every option: a
# check with many misspelt references among many records stays linear.
_COMPARE_ALL_UP_TO = 200
_INDEXES: dict[int, tuple[object, int, dict[str, set[str]]]] = {}


def closest_candidates(word: str, options: Collection[str]) -> list[str]:
    """The options worth comparing with `word` for a suggestion, sorted: all of them when they
    are few; otherwise those within two edits of it (a deletion on either side)."""
    if len(options) <= _COMPARE_ALL_UP_TO:
        return sorted(options)
    cached = _INDEXES.get(id(options))
    if cached is None or cached[0] is not options or cached[1] != len(options):
        index: dict[str, set[str]] = {}
        for option in options:
            for key in _deletions(option):
                index.setdefault(key, set()).add(option)
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        cached = _INDEXES[id(options)] = (options, len(options), index)
    index = cached[2]
    found: set[str] = set()
    for key in _deletions(word):
        found |= index.get(key, set())
    return sorted(found)


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


@cache
def make_slug(name: str) -> str:
    """The URL slug for a name: 'l’IA' and "l'IA" both give 'l-ia'."""
    return slugify(unicodedata.normalize("NFC", name).translate(_APOSTROPHES))


# What a terminal would act on rather than show, or show as something else: C0 and C1 controls,
# DEL, line and paragraph separators, bidirectional and zero-width format characters, the BOM, and
# the bytes of a file name that are not UTF-8 (read as lone surrogates).
_UNSHOWABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode reads it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """`text` safe to print on a terminal: every character it would act on, or that hides what
    follows, written as an escape (`\\x1b`, `\\u2028`), so a message shows what is in the file."""
    return _UNSHOWABLE_RE.sub(_escaped, text) if _UNSHOWABLE_RE.search(text) else text


def is_placeholder(text: str) -> bool:
    """True for a text an editor has yet to write: one that begins with TODO."""
    return text.startswith(PLACEHOLDER)
