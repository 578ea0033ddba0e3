"""The fact model: one frozen dataclass per record kind, and the typed values they hold.

The type hints are the schema. `description.py` reads them once into a description of the model,
from which the check's conversion, the JSON Schema that editors' tools use, the downloads and `new`
are all made, so they can never drift apart. `doc` metadata is the field's description for editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

LANGS: tuple[str, ...] = ("en", "fr")
Lang = Literal["en", "fr"]
UNKNOWN = "unknown"


def doc(text: str, **kw: Any) -> Any:
    """A field with a description for editors (shown by YAML-aware editors through the JSON Schema)."""
    return field(metadata={"doc": text}, **kw)


# --- Value types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record of `kind`."""

    kind: str


@dataclass(frozen=True)
class TextSpec:
    """Marks free text; `multiline` allows line breaks (paragraph breaks are blank lines)."""

    multiline: bool = False


@dataclass(frozen=True)
class UrlSpec:
    """Marks a plain http(s) URL; `unknown_ok` accepts the word `unknown` instead."""

    unknown_ok: bool = False


@dataclass(frozen=True)
class PatternSpec:
    """Marks text that must match `regex`; `what` and `example` make the error message."""

    regex: str
    what: str
    example: str


@dataclass(frozen=True)
class SlugSpec:
    """Marks a URL slug: lower-case letters, digits and single hyphens."""


Text = Annotated[str, TextSpec()]
Paragraphs = Annotated[str, TextSpec(multiline=True)]
TextOrUnknown = Text  # text, or the word `unknown` for what our sources do not give
Url = Annotated[str, UrlSpec()]
UrlOrUnknown = Annotated[str, UrlSpec(unknown_ok=True)]
Slug = Annotated[str, SlugSpec()]
WikidataId = Annotated[str, TextSpec(), PatternSpec(r"^Q[1-9][0-9]*$", "a Wikidata id", "Q380")]
TransparencyId = Annotated[str, TextSpec(), PatternSpec(r"^[0-9]{6,15}-[0-9]{2}$", "an EU Transparency Register id", "28666427835-74")]
Celex = Annotated[str, TextSpec(), PatternSpec(r"^[0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4}$", "a CELEX number", "32022R1925")]
Timestamp = Annotated[str, TextSpec(), PatternSpec(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                                   "a UTC time", "2024-09-12T08:30:00Z")]
Sha256 = Annotated[str, TextSpec(), PatternSpec(r"^[0-9a-f]{64}$", "a SHA-256 digest (64 lower-case hex digits)",
                                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]


@dataclass(frozen=True)
class Localized:
    """A human-readable text in English and in French; both are required."""

    en: Text
    fr: Text

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class LocalizedParagraphs:
    """Longer text in English and French; a blank line separates paragraphs."""

    en: Paragraphs
    fr: Paragraphs

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Slugs:
    """URL slugs per language, when a record's slugs must not follow its name."""

    en: Slug
    fr: Slug

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; or not known at all (`unknown`)."""

    year: int = 0
    month: int = 0
    day: int = 0

    @property
    def known(self) -> bool:
        return self.year != 0

    @property
    def precision(self) -> str:
        return "unknown" if not self.year else "year" if not self.month else "month" if not self.day else "day"

    @property
    def earliest(self) -> tuple[int, int, int]:
        """The first day it may mean, as (year, month, day); a known date only."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> tuple[int, int, int]:
        """The last day it may mean, as (year, month, day); a known date only."""
        return (self.year, self.month or 12, self.day or 31)

    def iso(self) -> str:
        if not self.year:
            return UNKNOWN
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)


UNKNOWN_DATE = PartialDate()

OrganisationKind = Literal["company", "public-body", "other"]
SourceKind = Literal["news-report", "company-statement", "regulator-decision", "other"]
ClaimKind = Literal["statement", "reported", "inference"]
Provenance = Literal["published", "editorial"]
OriginalLanguage = Literal["en", "fr", "unknown"]
PartnershipType = Literal["product-integration", "commercial", "policy-alliance", "investment", "other"]
InstrumentKind = Literal["regulation", "directive", "decision", "other"]
ArchiveExtent = Literal["full", "excerpts"]
Quoting = Literal["words", "single-word"]


@dataclass(frozen=True)
class Identifiers:
    """Public identifiers of a record in other registers; they become links and schema.org `sameAs`."""

    wikidata: WikidataId | None = doc("Its Wikidata item, e.g. Q380.", default=None)
    eu_transparency_register: TransparencyId | None = doc("Its EU Transparency Register id.", default=None)
    celex: Celex | None = doc("For a law: its CELEX number in EUR-Lex, e.g. 32022R1925.", default=None)


CorrectionType = Literal["correction", "clarification", "update"]


@dataclass(frozen=True)
class Correction:
    """A dated note on a record whose meaning changed after publication (never silently edited)."""

    date: PartialDate = doc("When the record was changed: YYYY-MM-DD.")
    type: CorrectionType = doc("correction (we got it wrong), clarification (it was unclear) or update (the facts moved on).")
    note: Localized = doc("What changed and why, for readers.")


@dataclass(frozen=True)
class Evidence:
    """One item a stance, partnership or event rests on: exactly one of quote, claim, event or source."""

    quote: Annotated[str | None, Ref("quotes")] = doc("A quote record's id.", default=None)
    claim: Annotated[str | None, Ref("claims")] = doc("A claim record's id (not an inference).", default=None)
    event: Annotated[str | None, Ref("events")] = doc("An event record's id.", default=None)
    source: Annotated[str | None, Ref("sources")] = doc("A source record's id.", default=None)
    excerpt: Text | None = doc("With `source`: the passage, word for word as in the source's archived text.", default=None)

    @property
    def target(self) -> tuple[str, str]:
        for kind in ("quote", "claim", "event", "source"):
            value = getattr(self, kind)
            if value is not None:
                return kind, value
        return "", ""


@dataclass(frozen=True)
class SourceExcerpt:
    """Where a claim is found: a source and the passage, word for word as in its archived text."""

    source: Annotated[str, Ref("sources")] = doc("The source's id.")
    excerpt: Text = doc("The passage, copied from the source's archived text.")


# --- Records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    """A company, a public body (the EU institutions are actors, not companies) or another organisation."""

    id: str
    kind: OrganisationKind = doc("company, public-body or other.")
    name: Localized = doc("The organisation's name in each language.")
    description: Localized = doc("One or two sentences saying what it is.")
    website: Url | None = doc("Its official website.", default=None)
    identifiers: Identifiers | None = doc("Its Wikidata and EU Transparency Register ids.", default=None)
    slug: Slugs | None = doc("URL slugs, only if they must differ from the name's.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Role:
    """A position a person holds at an organisation."""

    organisation: Annotated[str, Ref("organisations")] = doc("The organisation's id.")
    title: Localized = doc("The role, e.g. chief executive officer / président-directeur général.")
    sources: tuple[Annotated[str, Ref("sources")], ...] = doc("Sources naming the person in this role.")
    start: PartialDate = doc("When the role began: YYYY, YYYY-MM, YYYY-MM-DD or unknown.", default=UNKNOWN_DATE)
    end: PartialDate | None = doc("When it ended; leave out if current or unknown.", default=None)


@dataclass(frozen=True)
class Person:
    """Someone quoted or named in the sources."""

    id: str
    name: Text = doc("The person's name (the same in both languages).")
    description: Localized = doc("Who they are, in a sentence.")
    roles: tuple[Role, ...] = doc("Their roles at organisations.", default=())
    identifiers: Identifiers | None = doc("Their Wikidata id.", default=None)
    slug: Slugs | None = doc("URL slugs, only if they must differ from the name's.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Instrument:
    """A law or other legal instrument that policy issues concern."""

    id: str
    kind: InstrumentKind = doc("regulation, directive, decision or other.")
    name: Localized = doc("Its official or usual name.")
    short_name: Localized = doc("Its short name or acronym (e.g. DMA).")
    url: Url | None = doc("Its official text.", default=None)
    identifiers: Identifiers | None = doc("Its CELEX number and Wikidata id.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Issue:
    """A policy question organisations take positions on."""

    id: str
    name: Localized = doc("The issue's name.")
    summary: Localized = doc("What the question is, in a sentence or two.")
    benchmark: Localized = doc("What 'supports' means on this issue: the position stances are measured against.")
    instruments: tuple[Annotated[str, Ref("instruments")], ...] = doc("Laws the issue concerns.", default=())
    identifiers: Identifiers | None = doc("Its Wikidata id, if the issue has one.", default=None)
    slug: Slugs | None = doc("URL slugs, only if they must differ from the name's.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Passage:
    """A passage of a source we hold only in part, word for word, and where the editor took it from."""

    text: Text = doc("The passage, word for word as the source has it.")
    taken_from: Text = doc("Where it was taken from: the outlet, page or document that prints it, with its address if any.")


@dataclass(frozen=True)
class Capture:
    """How the text we keep was captured: by `source add` from an address or a saved file."""

    captured_at: Timestamp = doc("When it was captured, in UTC: YYYY-MM-DDTHH:MM:SSZ.")
    sha256: Sha256 = doc("The SHA-256 digest of the bytes received (or of the file read).")
    extractor: Text = doc("The tool and version that extracted the text, e.g. trafilatura 2.3.1.")
    address: Url | None = doc("The address asked for, when fetched from the web.", default=None)
    final_address: Url | None = doc("Where that address led, after redirects.", default=None)
    file: Text | None = doc("The name of the saved file read, when not fetched from the web.", default=None)


@dataclass(frozen=True)
class Source:
    """An article or primary statement, and how much of it we hold: its full text (archive: full,
    in content/archive/<id>.txt) or only passages of it (archive: excerpts, in `passages`)."""

    id: str
    kind: SourceKind = doc("news-report, company-statement, regulator-decision or other.")
    language: Lang = doc("The language the source is written in: en or fr.")
    title: TextOrUnknown = doc("Its own title, as published, or unknown.")
    outlet: TextOrUnknown = doc("Who published it, or unknown.")
    author: TextOrUnknown = doc("Who wrote it, or unknown.")
    date: PartialDate = doc("When it was published: YYYY, YYYY-MM, YYYY-MM-DD or unknown.")
    url: UrlOrUnknown = doc("Where it was published, or unknown.")
    description: Localized = doc("Our one-line description of it, for readers.")
    archive: ArchiveExtent = doc("full: content/archive/<id>.txt holds its text as published; excerpts: we hold only the `passages` listed.")
    passages: tuple[Passage, ...] = doc("With archive: excerpts, the passages we hold, each with where it was taken from.", default=())
    capture: Capture | None = doc("How the full text we keep was captured (written by `source add`).", default=None)
    archived_url: Url | None = doc("A public archived copy (archive.org, archive.today), if there is one.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Speaker:
    """Who spoke: an organisation, and the person who spoke for it when there was one."""

    organisation: Annotated[str, Ref("organisations")] = doc("The organisation the words were spoken for.")
    person: Annotated[str | None, Ref("people")] = doc("The person who spoke, if any.", default=None)


@dataclass(frozen=True)
class Wording:
    """A quote's words in one language, and where they come from."""

    text: Text = doc("The words, exactly as published (without the quotation marks).")
    provenance: Provenance = doc("published (printed by the sources listed) or editorial (our own translation).")
    sources: tuple[Annotated[str, Ref("sources")], ...] = doc("With published: the sources that print these words.", default=())
    quoting: Quoting = doc("words (the default): at least two words, or a whole sentence; single-word: one word the "
                           "speaker used (a term, a label), quoted as such.", default="words")


@dataclass(frozen=True)
class Wordings:
    """A quote's English and French wordings; both are required."""

    en: Wording
    fr: Wording

    def __getitem__(self, lang: str) -> Wording:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker, as sources print them, in both languages."""

    id: str
    speakers: tuple[Speaker, ...] = doc("Who said it; a joint statement has several speakers.")
    original_language: OriginalLanguage = doc("The language the speaker used: en, fr or unknown.")
    context: Localized = doc("Where it was said, e.g. 'in a blog post'.")
    issues: tuple[Annotated[str, Ref("issues")], ...] = doc("The issues the quote is about.")
    wording: Wordings = doc("The quote in English and in French.")
    event: Annotated[str | None, Ref("events")] = doc("The event at which it was said, if recorded.", default=None)
    co_signers: Localized | None = doc("Others who said it with the speakers and have no record of their own, in a few words "
                                          "(e.g. 'executives of SAP, Prada and Thyssenkrupp'); shown after the speakers.", default=None)
    answers: Annotated[str | None, Ref("events")] = doc("The event it answers (a letter, a decision, a statement), if any.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Claim:
    """A fact claim: what an organisation said (statement), what a source reports (reported), or what a journalist infers (inference)."""

    id: str
    kind: ClaimKind = doc("statement, reported or inference.")
    text: Localized = doc("The claim, in our neutral words.")
    sources: tuple[SourceExcerpt, ...] = doc("Where the claim is found, with the passage.")
    said_by: tuple[Annotated[str, Ref("organisations")], ...] = doc("For a statement: the organisations that made it.", default=())
    organisations: tuple[Annotated[str, Ref("organisations")], ...] = doc("Organisations the claim is about.", default=())
    issues: tuple[Annotated[str, Ref("issues")], ...] = doc("Issues the claim is about.", default=())
    co_signers: Localized | None = doc("For a statement: others who made it with said_by and have no record of their own, in a "
                                          "few words (e.g. 'executives of SAP, Prada and Thyssenkrupp').", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Period:
    """One position of a stance, held from its date until the next one's."""

    since: PartialDate = doc("When the organisation took this position: YYYY, YYYY-MM or YYYY-MM-DD (unknown for the first only).")
    position: Annotated[str, Ref("scale")] = doc("A level of the stance scale (content/scale.yaml).")
    summary: Localized = doc("The position in one line.")
    evidence: tuple[Evidence, ...] = doc("What shows it (required unless no-public-position, and for every change).", default=())


@dataclass(frozen=True)
class Stance:
    """An organisation's position on an issue, on the scale in content/scale.yaml: one position
    (`position`, `summary`, `evidence`), or `positions` when it changed over time."""

    id: str
    organisation: Annotated[str, Ref("organisations")] = doc("The organisation's id.")
    issue: Annotated[str, Ref("issues")] = doc("The issue's id.")
    position: Annotated[str, Ref("scale")] | None = doc("A level of the stance scale (content/scale.yaml); or use `positions`.", default=None)
    summary: Localized | None = doc("The position in one line.", default=None)
    evidence: tuple[Evidence, ...] = doc("What the stance rests on (required unless no-public-position).", default=())
    positions: tuple[Period, ...] = doc("Instead of position, summary and evidence: the positions it held, oldest first, each "
                                        "from its date until the next.", default=())
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())

    @property
    def history(self) -> tuple[Period, ...]:
        """Its positions, oldest first: one undated position for a stance written without `positions`."""
        if self.positions:
            return self.positions
        return (Period(UNKNOWN_DATE, self.position or NO_POSITION, self.summary or Localized("", ""), self.evidence),)

    @property
    def current(self) -> Period:
        """The position it holds now: the latest."""
        return self.history[-1]

    @property
    def all_evidence(self) -> tuple[Evidence, ...]:
        """The evidence of every position, oldest first."""
        return tuple(item for period in self.history for item in period.evidence)


# A stance is written one way or the other, each form as (its required fields, its optional ones):
# the JSON Schema says so, and the check (validate.py).
STANCE_FORMS = ((("position", "summary"), ("evidence",)), (("positions",), ()))


@dataclass(frozen=True)
class Partnership:
    """A relationship between two organisations."""

    id: str
    type: PartnershipType = doc("product-integration, commercial, policy-alliance, investment or other.")
    parties: tuple[Annotated[str, Ref("organisations")], ...] = doc("The two organisations.")
    name: Localized = doc("A short name for the partnership.")
    description: Localized = doc("What it is, in a sentence or two.")
    evidence: tuple[Evidence, ...] = doc("What shows it exists.")
    start: PartialDate = doc("When it began: YYYY, YYYY-MM, YYYY-MM-DD or unknown.", default=UNKNOWN_DATE)
    end: PartialDate | None = doc("When it ended; leave out if current or unknown.", default=None)
    issues: tuple[Annotated[str, Ref("issues")], ...] = doc("Issues it concerns, if any.", default=())
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


@dataclass(frozen=True)
class Event:
    """Something that happened, dated to the precision known."""

    id: str
    date: PartialDate = doc("YYYY, YYYY-MM, YYYY-MM-DD, or unknown ('on Friday' is not a date).")
    title: Localized = doc("What happened, in a line.")
    evidence: tuple[Evidence, ...] = doc("What shows it happened.")
    description: Localized | None = doc("More detail, if useful.", default=None)
    date_note: Localized | None = doc("What the sources say about the date, when it is not exact.", default=None)
    organisations: tuple[Annotated[str, Ref("organisations")], ...] = doc("Organisations taking part.", default=())
    people: tuple[Annotated[str, Ref("people")], ...] = doc("People taking part.", default=())
    issues: tuple[Annotated[str, Ref("issues")], ...] = doc("Issues it concerns.", default=())
    answers: Annotated[str | None, Ref("events")] = doc("The event it answers (a letter, a decision, a statement), if any.", default=None)
    corrections: tuple[Correction, ...] = doc("Dated notes on changes after publication, newest last.", default=())


# --- Vocabulary files (one per site, not per record) ---------------------------------------------


@dataclass(frozen=True)
class Level:
    """One level of the stance scale."""

    id: Slug = doc("The level's id, used in stances' `position`.")
    label: Localized = doc("Its name.")
    definition: Localized = doc("What it means, measured against the issue's benchmark.")


@dataclass(frozen=True)
class Scale:
    """The published stance scale, from most supportive to most opposed, then no-public-position."""

    levels: tuple[Level, ...] = doc("The levels, in order.")


@dataclass(frozen=True)
class Term:
    """A label and definition for one value of a fixed vocabulary."""

    label: Localized = doc("Its name.")
    definition: Localized = doc("What it means.")


@dataclass(frozen=True)
class Section:
    """A titled section of prose."""

    title: Localized = doc("The section's title.")
    body: LocalizedParagraphs = doc("Its text; a blank line separates paragraphs.")


@dataclass(frozen=True)
class Licence:
    """The licence the data is published under."""

    name: Text = doc("Its name, e.g. CC BY 4.0.")
    url: Url = doc("Its text.")
    notice: Localized = doc("What readers may do with the data, and how to credit it.")


@dataclass(frozen=True)
class Site:
    """The publication itself: its name, what it covers, and its methodology."""

    title: Localized = doc("The site's name.")
    tagline: Localized = doc("One line under the name.")
    about: LocalizedParagraphs = doc("What the site covers, for the home page.")
    methodology: tuple[Section, ...] = doc("How facts are extracted and checked.")
    corrections: LocalizedParagraphs = doc("The corrections policy.")
    licence: Licence = doc("The licence of the data downloads.")
    claim_kinds: dict[ClaimKind, Term] = doc("Labels and definitions for statement, reported and inference.")
    provenances: dict[Provenance, Term] = doc("Labels and definitions for published and editorial wordings.")
    source_kinds: dict[SourceKind, Term] = doc("Labels for each kind of source.")
    organisation_kinds: dict[OrganisationKind, Term] = doc("Labels for each kind of organisation.")
    partnership_types: dict[PartnershipType, Term] = doc("Labels for each type of partnership.")


# Record kinds: folder name under content/ -> class.
KINDS: dict[str, type] = {
    "organisations": Organisation,
    "people": Person,
    "instruments": Instrument,
    "issues": Issue,
    "sources": Source,
    "quotes": Quote,
    "claims": Claim,
    "stances": Stance,
    "partnerships": Partnership,
    "events": Event,
}
SINGULAR = {
    "organisations": "organisation", "people": "person", "instruments": "instrument", "issues": "issue",
    "sources": "source", "quotes": "quote", "claims": "claim", "stances": "stance",
    "partnerships": "partnership", "events": "event", "scale": "stance level",
}
# Single files under content/ that are not one-record-per-file kinds.
SINGLE_FILES: dict[str, type] = {"site.yaml": Site, "scale.yaml": Scale}
NO_POSITION = "no-public-position"
