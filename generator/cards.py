"""The card image of each page: a 1200×630 PNG that link previews (Open Graph, Twitter cards) show.

A `Card` is plain data the renderer prepares (the publication's name, the record's kind and
name, and lines such as an organisation's positions); `draw` makes its PNG with Pillow and Source
Sans Pro (SIL Open Font License, shipped by the `font-source-sans-pro` package): nothing is
fetched, and the same card gives the same bytes. The scale's colours are read from the site's
stylesheet, so a card shows a position in the colour the page does. `CardStore` keeps each drawn
card beside content/ (`.cache/factsheet/cards/`, by a digest of what it shows and how it is
drawn), so a build draws only the cards whose content changed; a card no build has used for
`UNUSED_DAYS` days is removed from it.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

import font_source_sans_pro
import PIL
from PIL import Image, ImageDraw, ImageFont

from . import stamped, urls

log = logging.getLogger("mkdocs.plugins.factsheet.cards")
WIDTH, HEIGHT = 1200, 630
FORMAT = 1  # bump when `draw` changes what it draws
FONTS = Path(font_source_sans_pro.font_directory)
REGULAR, BOLD, SEMIBOLD = FONTS / "SourceSansPro-Regular.ttf", FONTS / "SourceSansPro-Bold.ttf", FONTS / "SourceSansPro-Semibold.ttf"
INK, MUTED, PAPER, BAND = (0x1f, 0x23, 0x28), (0x5f, 0x63, 0x68), (0xff, 0xff, 0xff), (0x3f, 0x51, 0xb5)
MARGIN = 64
STYLESHEET = "docs/assets/factsheet.css"  # within templates/


@dataclass(frozen=True)
class CardLine:
    """One line of a card: a level of the scale (its id gives the colour, its label is shown), and
    what it is about ("EU regulation of AI", "3 organisations")."""

    level: str
    label: str
    text: str


@dataclass(frozen=True)
class Card:
    """What a page's card shows, in the page's language."""

    publication: str
    kind: str                      # "Organisation", "Enjeu"…; "" for the site's own pages
    title: str
    lines: tuple[CardLine, ...] = ()
    note: str = ""                 # text under the title (a description), when there are no lines
    more: str = ""                 # "and {n} more": said when lines are left out
    total: int = 0                 # how many lines there are in all (`lines` may hold the first few only)
    read_as: str = "{text}{colon} {label}"  # how the alternative text reads a line

    def left_out(self, shown: int) -> str:
        n = max(self.total, len(self.lines)) - shown
        return self.more.format(n=n) if n > 0 and self.more else ""

    def alt(self, colon: str) -> str:
        """The card's text, for `og:image:alt`; `colon` as the page's language writes it."""
        head = self.publication if self.title == self.publication else \
            f"{self.publication} — {self.kind + colon + ' ' if self.kind else ''}{self.title}"
        parts = [self.read_as.format(text=line.text, colon=colon, label=line.label) for line in self.lines] or [self.note]
        more = self.left_out(len(self.lines))
        return ". ".join(p.rstrip(".") for p in [head, *parts, *([more] if more else [])]) + "."


# --- Colours of the scale, from the stylesheet ---------------------------------------------------

_VARIABLE = re.compile(r"--fs-([a-z]+):\s*#([0-9a-fA-F]{6})\s*;")
_RULE = re.compile(r"((?:\.md-typeset \.fs-level--[a-z-]+\s*,?\s*)+)\{\s*color:\s*var\(--fs-([a-z]+)\)")


def scale_colours(css: str) -> dict[str, tuple[int, int, int]]:
    """The colour of each level of the scale, as the stylesheet's light scheme gives it (its
    `:root` variables and the `.fs-level--<id>` rules); 'none' for a level it does not name."""
    root = css[css.index(":root"):css.index("}", css.index(":root"))]
    variables = {name: (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)) for name, value in _VARIABLE.findall(root)}
    colours: dict[str, tuple[int, int, int]] = {"": variables.get("none", MUTED)}
    for selectors, variable in _RULE.findall(css):
        for level in re.findall(r"fs-level--([a-z-]+)", selectors):
            colours[level] = variables.get(variable, MUTED)
    return colours


# --- Drawing -------------------------------------------------------------------------------------


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """`text` wrapped into at most `lines` lines of `width` pixels, the last cut with an ellipsis."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words or (out and font.getlength(out[-1]) > width):
        last = out[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1].rstrip()
        out[-1] = last + "…"
    return out


def draw(card: Card, colours: dict[str, tuple[int, int, int]]) -> bytes:
    """The card as PNG bytes: the same card and colours give the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 88), fill=BAND)
    width = WIDTH - 2 * MARGIN
    head = _font(SEMIBOLD, 34)
    pen.text((MARGIN, 44), _fit(card.publication, head, width, 1)[0], font=head, fill=PAPER, anchor="lm")
    y = 124
    if card.kind:
        kind = _font(SEMIBOLD, 30)
        pen.text((MARGIN, y), card.kind.upper(), font=kind, fill=MUTED, anchor="lt")
        y += 46
    title = _font(BOLD, 64 if len(card.lines) > 3 else 72)
    for line in _fit(card.title, title, width, 2):
        pen.text((MARGIN, y), line, font=title, fill=INK, anchor="lt")
        y += int(title.size) + 10  # the size it was made at (an int), which Pillow's types call a float
    y += 18
    body = _font(REGULAR, 32)
    strong = _font(BOLD, 32)
    room = max((HEIGHT - 40 - y) // 46, 0)
    total = max(card.total, len(card.lines))
    shown = card.lines[:room if total <= room else max(room - 1, 0)]
    column = max((int(strong.getlength(item.label)) for item in shown), default=0) + 24
    for item in shown:
        colour = colours.get(item.level, colours[""])
        pen.rectangle((MARGIN, y + 5, MARGIN + 14, y + 31), fill=colour)
        pen.text((MARGIN + 30, y), item.label, font=strong, fill=colour, anchor="lt")
        text = _fit(item.text, body, width - 30 - column, 1)
        if text:
            pen.text((MARGIN + 30 + column, y), text[0], font=body, fill=INK, anchor="lt")
        y += 46
    more = card.left_out(len(shown))
    if more:
        pen.text((MARGIN + 30, y), more, font=body, fill=MUTED, anchor="lt")
    if card.note and not card.lines:
        for line in _fit(card.note, body, width, max((HEIGHT - 40 - y) // 42, 0)):
            pen.text((MARGIN, y), line, font=body, fill=MUTED, anchor="lt")
            y += 42
    # A card has few colours: as a palette image its PNG is a third of the size, and encoded in a
    # third of the time (the fast octree is deterministic: the same image, the same palette).
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


# --- The store -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """What decides how a card is drawn besides the card itself: this format, Pillow's version
    (and the FreeType and zlib it bundles) and the fonts' bytes."""
    h = hashlib.blake2b(digest_size=16)
    core = Image.core  # type: ignore[attr-defined]  # Pillow's C module, which its stubs leave out
    h.update(f"{FORMAT} {PIL.__version__} {core.freetype2_version if hasattr(core, 'freetype2_version') else ''}"
             f" {getattr(core, 'zlib_version', '')}".encode())
    for path in (REGULAR, BOLD, SEMIBOLD):
        h.update(path.read_bytes())
    return h.hexdigest()


class CardPage(Protocol):
    """What `card_images` needs of a page (`views.Page`, which imports this module)."""

    @property
    def url(self) -> str: ...

    @property
    def card(self) -> Card | None: ...


class CardStore:
    """Draws cards, keeping each one's PNG in `folder` (None: keep nothing) under a digest of
    what it shows, its colours and `drawing_version`: a card already drawn is read back.

    The store trusts only the cards it wrote itself: its index (a `stamped` file) names each
    card's inode, modification time and size as written, so a PNG that a checkout or a copy put
    in the folder (committed with `git add -f`, say) is never published: it is drawn again. It
    also names the day each card was last used: `save` removes the cards unused for `UNUSED_DAYS`
    days (only files it names, as it wrote them: never anything else in the folder)."""

    def __init__(self, folder: Path | None, colours: dict[str, tuple[int, int, int]], clock: Callable[[], float] = time.time) -> None:
        self.folder, self.colours = folder, colours
        self.drawn = self.reused = self.removed = 0
        self.today = int(clock() // 86400)  # days since 1970, in UTC
        self.known = _read_index(folder, self.today) if folder else {}
        self.kept: dict[str, list[int]] = {}  # the cards used by this build: identity and today

    @classmethod
    def beside(cls, content: Path, templates: Path) -> CardStore:
        """The store of the cards of `content`, coloured as `templates`' stylesheet colours the
        scale: in `.cache/factsheet/cards/` beside content/ (never inside it), or the folder
        FACTSHEET_CARD_STORE names (the test suite shares one); none when FACTSHEET_NO_CACHE is set."""
        off = os.environ.get("FACTSHEET_NO_CACHE", "") not in ("", "0")
        css = (templates / STYLESHEET).read_text(encoding="utf-8")
        folder = Path(os.environ.get("FACTSHEET_CARD_STORE") or content.resolve().parent / ".cache" / "factsheet" / "cards")
        return cls(None if off else folder, scale_colours(css))

    def png(self, card: Card) -> bytes:
        """The card's PNG bytes."""
        found = self.image(card)
        return found.read_bytes() if isinstance(found, Path) else found

    def image(self, card: Card) -> Path | bytes:
        """The card's PNG: the file that holds it in the store (a build copies it from there
        rather than holding every card in memory), or its bytes when there is no store."""
        key = hashlib.blake2b(repr((drawing_version(), card, sorted(self.colours.items()))).encode(), digest_size=20).hexdigest()
        path = self.folder / f"{key}.png" if self.folder else None
        if path is not None and key in self.known and _identity(path) == self.known[key][:3]:
            self.reused += 1
            self.kept[key] = [*self.known[key][:3], self.today]
            return path
        data = draw(card, self.colours)
        self.drawn += 1
        if path is None:
            return data
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{key}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, path)
            identity = _identity(path)
        except OSError:
            return data  # a store that cannot be written only makes the next build draw again
        if identity is None:
            return data
        self.kept[key] = [*identity, self.today]
        return path

    def save(self) -> None:
        """Write the index of the cards this store drew or found, with those another process
        (the other language's build) recorded meanwhile, each with the day it was last used, and
        remove the cards unused for `UNUSED_DAYS` days; a failure to write it is ignored (the next
        build draws again what it cannot find)."""
        if self.folder is None or not self.kept:
            return
        try:
            with open(self.folder / LOCK, "a") as lock:  # the other language's build saves too
                fcntl.flock(lock, fcntl.LOCK_EX)
                entries = {**_read_index(self.folder, self.today), **self.kept}
                for key, entry in list(entries.items()):
                    if self.today - entry[3] > UNUSED_DAYS:
                        del entries[key]
                        self._remove(key, entry)
                stamped.write(self.folder / INDEX, INDEX_MAGIC, json.dumps(entries, sort_keys=True).encode())
        except OSError:
            pass

    def _remove(self, key: str, entry: list[int]) -> None:
        """Delete the card `key` if its file is still the one the index names (as this store wrote it)."""
        assert self.folder is not None and _KEY_RE.fullmatch(key)
        path = self.folder / f"{key}.png"
        if _identity(path) == entry[:3]:
            path.unlink()
            self.removed += 1


INDEX, INDEX_MAGIC, LOCK = "index", b"factsheet cards index 1\n", "index.lock"
UNUSED_DAYS = 30
_KEY_RE = re.compile("[0-9a-f]{40}")


def _identity(path: Path) -> list[int] | None:
    """What the index records of a card file: its inode, modification time and size; None if it
    is not a regular file (a link is not followed)."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size] if stat.S_ISREG(st.st_mode) else None


def _read_index(folder: Path, today: int) -> dict[str, list[int]]:
    """The cards the store's index names (by key: inode, modification time, size, day last used),
    if the index is one this code wrote there; else none. An entry written before the day was
    recorded counts as used `today`."""
    try:
        _, body = stamped.read(folder / INDEX, INDEX_MAGIC, 64 << 20)
        entries = json.loads(body)
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {key: entry if len(entry) == 4 else [*entry, today] for key, entry in entries.items()
            if _KEY_RE.fullmatch(key) and isinstance(entry, list) and len(entry) in (3, 4) and all(type(n) is int for n in entry)}


def card_images(pages: Iterable[CardPage], store: CardStore) -> dict[str, Path | bytes]:
    """The card image of each page that has one, by its path in the language site: the file in
    the store that holds it, or its bytes (see `CardStore.image`); how long it took is logged."""
    started = time.perf_counter()
    images = {urls.card_path(page.url): store.image(page.card) for page in pages if page.card is not None}
    store.save()
    log.info("cards: %d drawn, %d reused, %d unused for %d days removed, %.3f s", store.drawn, store.reused, store.removed,
             UNUSED_DAYS, time.perf_counter() - started)
    return images
