"""`source add`: a source as editors get it, in one step: fetch (or read the saved file), extract
its text and metadata, and record it: content/sources/<id>.yaml with how the copy was made, and
content/archive/<id>.txt with its text. Refuses an address already recorded, and never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from courlan import normalize_url

from .cache import Cache
from .extract import Extracted, extract, lang_of
from .fetch import CaptureError, Received, check_address, fetch, read_file
from .load import load
from .model import LANGS, UNKNOWN, Source
from .newtemplates import doc, short_id
from .schema import SLUG_RE
from .yamlwrite import RecordFile, quote

# What `source add` needs and a page may not say: asked on a terminal, else given as options.
Ask = Callable[[str, str | None, tuple[str, ...]], str]  # (question, default, choices) -> answer


@dataclass(frozen=True)
class Choices:
    """What the editor gives (options, or answers): None where not given."""

    record_id: str | None = None
    kind: str | None = None
    language: str | None = None
    description_en: str | None = None
    description_fr: str | None = None


@dataclass(frozen=True)
class Added:
    """What `add` wrote, and from what."""

    record_id: str
    record: Path
    archive: Path
    received: Received
    extracted: Extracted
    language: str
    words: int


def same_address(url: str) -> str:
    """An address as compared for duplicates: normalised, tracking parameters and fragment dropped."""
    try:
        normal = normalize_url(url.strip())
    except (ValueError, TypeError):
        return url.strip()
    return normal.split("#", 1)[0].rstrip("/")


def recorded_addresses(content: Path) -> dict[str, str]:
    """Every address the sources already recorded were published at or captured from, compared as
    `same_address`, with the path of the record."""
    found: dict[str, str] = {}
    # Read through the check's cache (never written here): on a large fact sheet only what
    # changed since the last check is parsed again.
    for located in load(content, Cache.open(content)).records["sources"].values():
        source: Source = located.record
        addresses = [source.url, source.archived_url]
        if source.capture is not None:
            addresses += [source.capture.address, source.capture.final_address]
        for url in addresses:
            if url and url != UNKNOWN:
                found.setdefault(same_address(url), located.path)
    return found


def refuse_recorded(address: str, known: dict[str, str], asked: str) -> None:
    path = known.get(same_address(address))
    if path is not None:
        led = "" if address == asked else f" (where {asked} leads)"
        raise CaptureError(f"{address}{led} is already recorded in {path}: edit that record; nothing written")


def add(content: Path, target: str, choices: Choices, ask: Ask | None, timeout: float) -> Added:
    """Capture `target` (an http(s) address or a saved file) as a new source in `content`; `ask` is
    how to ask the editor what the source does not say (None: never ask, use the choices given)."""
    if not content.is_dir():
        raise CaptureError(f"no content folder at {content}: run this from the project folder, or give --content")
    is_address = "://" in target or ":" in target.split("/", 1)[0]
    known = recorded_addresses(content)
    if is_address:
        check_address(target)
        refuse_recorded(target, known, target)
        received = fetch(target, timeout=timeout)
        refuse_recorded(received.final_address or target, known, target)
    else:
        received = read_file(Path(target))
    extracted = extract(received)
    if not is_address and extracted.url != UNKNOWN:
        refuse_recorded(extracted.url, known, extracted.url)
    language = _language(choices, extracted, ask, received)
    kind = choices.kind or (ask("What kind of source it is", "news-report" if extracted.is_article else "other", KINDS) if ask
                            else "news-report" if extracted.is_article else "other")
    descriptions = {lang: getattr(choices, f"description_{lang}") for lang in LANGS}
    if ask:
        for lang in LANGS:
            descriptions[lang] = descriptions[lang] or ask(f"Our one-line description of it, for readers, in {NAMES[lang]}", None, ()) or None
    record_id = choices.record_id or _make_id(extracted, received)
    if not SLUG_RE.match(record_id):
        raise CaptureError(f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens (give one with --id)")
    return _write(content, record_id, received, extracted, language, kind, descriptions)


KINDS = ("news-report", "company-statement", "regulator-decision", "other")
NAMES = {"en": "English", "fr": "French"}


def _language(choices: Choices, extracted: Extracted, ask: Ask | None, received: Received) -> str:
    if choices.language:
        return choices.language
    found = lang_of(extracted.language) if extracted.language != UNKNOWN else None
    if found:
        return found
    where = received.final_address or received.file
    said = f"says it is in '{extracted.language}'" if extracted.language != UNKNOWN else "does not say its language"
    if ask:
        return ask(f"The source {said}: the language it is written in", None, LANGS)
    raise CaptureError(f"{where}: the source {said}: give --language en or --language fr if it is in English or French; nothing written")


def _make_id(extracted: Extracted, received: Received) -> str:
    if extracted.title != UNKNOWN and short_id(extracted.title):
        return short_id(extracted.title)
    name = (received.final_address or received.file or "").rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    made = short_id(name)
    if not made:
        raise CaptureError("the source has no title to make an id from: give one with --id")
    return made


def _write(content: Path, record_id: str, received: Received, extracted: Extracted, language: str, kind: str,
           descriptions: dict[str, str | None]) -> Added:
    record = content / "sources" / f"{record_id}.yaml"
    archive = content / "archive" / f"{record_id}.txt"
    for path in (record, archive):
        if path.exists():
            raise CaptureError(f"{content.name}/{path.parent.name}/{path.name} already exists: give the new source another id "
                               "with --id; nothing written")
    url = same_address(received.final_address) if received.final_address else extracted.url
    text = record_text(received, extracted, language, kind, url, descriptions)
    record.parent.mkdir(exist_ok=True)
    archive.parent.mkdir(exist_ok=True)
    with open(archive, "x", encoding="utf-8", newline="\n") as out:
        out.write(extracted.text)
    try:
        with open(record, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except OSError:
        archive.unlink()
        raise
    return Added(record_id, record, archive, received, extracted, language, len(extracted.text.split()))


def record_text(received: Received, extracted: Extracted, language: str, kind: str, url: str,
                descriptions: dict[str, str | None]) -> str:
    """The source record, as the editor will read it."""
    y = RecordFile("sources")
    y.plain("kind", kind)
    y.plain("language", language)
    for key in ("title", "outlet", "author"):
        value = getattr(extracted, key)
        y.line(f"{key}: {UNKNOWN if value == UNKNOWN else quote(value)}")
    y.date("date", extracted.date)
    y.line(f"url: {UNKNOWN if url == UNKNOWN else quote(url)}")
    y.line("archive: full")
    y.line("capture:")
    y.text("captured_at", received.captured_at, "", 2)
    y.text("sha256", received.sha256, "", 2)
    y.text("extractor", extracted.extractor, "", 2)
    if received.address is not None:
        y.text("address", received.address, "", 2)
        y.text("final_address", received.final_address, "", 2)
    else:
        y.text("file", received.file, "", 2)
    y.line('# archived_url: "https://web.archive.org/…"   optional: ' + doc(Source, "archived_url"))
    y.localized("description", descriptions, doc(Source, "description"))
    return y.render()

