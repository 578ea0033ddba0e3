"""The view objects pages are made of: plain, frozen data the templates lay out."""

from __future__ import annotations

from dataclasses import dataclass

from .cards import Card
from .inputs import Key


@dataclass(frozen=True)
class Page:
    """One generated page of one language site: where it goes, and its Markdown source."""

    lang: str
    src: str        # path in the language site's docs, e.g. "enjeux/la-reglementation.md"
    url: str        # its directory URL within the language site, e.g. "enjeux/la-reglementation/"
    title: str      # plain text
    twin_url: str   # the same record's page in the other language (URL within that site)
    markdown: str
    card: Card | None = None  # what its card image shows (`urls.card_path` beside the page)
    inputs: frozenset[Key] = frozenset()  # what it read of the facts (`inputs.Key`s): what it is made from


@dataclass(frozen=True)
class CorrectionView:
    """A dated correction note, and the record it is about."""

    date: str
    iso: str
    type: str
    type_label: str
    note: str
    about: Link | None = None


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    lang: str | None = None


@dataclass(frozen=True)
class Cite:
    """A citation of a source: its label and where it is described."""

    label: str
    href: str
    checked: str = ""  # for a quote's or an excerpt's source: what of it the words were checked against; else how much we hold
    mark: str = ""  # the same in two or three words, shown in the citation (`checked` is its title)


@dataclass(frozen=True)
class WordingView:
    lang: str
    text: str
    open: str
    close: str
    label: str
    cites: tuple[Cite, ...]
    editorial: bool


@dataclass(frozen=True)
class QuoteView:
    id: str
    anchor: str
    href: str       # the link to it, on its page
    citation: str   # how to cite it, in the page's language, with its address
    speakers: tuple[Link, ...]
    context: str
    primary: WordingView
    other: WordingView
    original_language: str
    event: Link | None
    corrections: tuple[CorrectionView, ...] = ()
    co_signers: str = ""  # others who said it, without a record of their own
    answers: Link | None = None  # the event it answers, with its date


@dataclass(frozen=True)
class ClaimView:
    id: str
    anchor: str
    kind: str
    kind_label: str
    text: str
    said_by: tuple[Link, ...]
    cites: tuple[Cite, ...]
    corrections: tuple[CorrectionView, ...] = ()
    co_signers: str = ""  # for a statement: others who made it, without a record of their own


@dataclass(frozen=True)
class EvidenceView:
    kind_label: str
    text: str
    href: str
    cites: tuple[Cite, ...]
    quoted: bool = False
    note: str = ""  # "our translation", for a quote's wording that is ours


@dataclass(frozen=True)
class PeriodView:
    """One position of a stance that changed: its level, when it held, its summary and evidence."""

    anchor: str
    level: str
    label: str
    definition: str
    step: str       # as the history line names it: "Opposes, June 2024"
    period: str     # when it held: "Since June 2024", "Until June 2024"
    iso: str        # when it began, YYYY[-MM[-DD]]; "" if not known
    summary: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class StanceView:
    anchor: str
    organisation: Link
    issue: Link
    level: str
    label: str
    definition: str
    summary: str
    evidence: tuple[EvidenceView, ...]
    corrections: tuple[CorrectionView, ...] = ()
    # Only for a stance whose position changed: since when the current one holds (formatted and
    # ISO), every position oldest first (the history line), and those before the current one,
    # newest first (shown under it).
    changed: str = ""
    changed_iso: str = ""
    history: tuple[PeriodView, ...] = ()
    current_anchor: str = ""
    earlier: tuple[PeriodView, ...] = ()


@dataclass(frozen=True)
class AnchoredLink:
    """A link that is also the target of links to it (`anchor`, its id)."""

    anchor: str
    label: str
    href: str


@dataclass(frozen=True)
class UnrecordedView:
    """The records a page's record has no stance record with, under the scale's "no public
    position" level: named (`links`), or counted (`more`, a phrase) when they are many."""

    level: str
    label: str
    definition: str
    links: tuple[AnchoredLink, ...]
    more: str


@dataclass(frozen=True)
class EventView:
    anchor: str
    date: str
    iso: str
    title: str
    description: str
    date_note: str
    organisations: tuple[Link, ...]
    issues: tuple[Link, ...]
    evidence: tuple[EvidenceView, ...]
    corrections: tuple[CorrectionView, ...] = ()
    answers: Link | None = None  # the event it answers, with its date
    answered_by: tuple[Link, ...] = ()  # the events and quotes answering it, each with its date where known


@dataclass(frozen=True)
class PartnershipView:
    anchor: str
    name: str
    type_label: str
    description: str
    parties: tuple[Link, ...]
    period: str
    issues: tuple[Link, ...]
    evidence: tuple[EvidenceView, ...]
    corrections: tuple[CorrectionView, ...] = ()


@dataclass(frozen=True)
class SourceView:
    anchor: str
    heading: str  # its own title, or our description when it has none
    heading_lang: str  # the title's language; empty for our description, in the page's
    description: str  # our description, when the heading is its title
    kind: str
    language: str
    language_code: str
    title: str
    outlet: str
    author: str
    date: str
    url: str
    archived_url: str
    held: str  # how much of it we keep, and what its quotes and excerpts are checked against
    passages: tuple[tuple[str, str], ...]  # (text, where it was taken from) of a source we hold in part
    cited: tuple[Link, ...]
    corrections: tuple[CorrectionView, ...] = ()
