"""What `new` takes for each kind of record, and how it writes the file.

Each kind lists what `new` takes (`Field`s), each naming the field of the record it fills (its
shape, and so its rules, are the model's): the essentials are asked for when they are not given as
options; every other required text is written as a placeholder beginning with TODO, which the
check refuses, so a half-filled record cannot be published by mistake. Files are written from
hand-made templates (`yamlwrite`: quoted text, block style, English and French), never by a YAML
dumper.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .description import Shape, field_shape
from .model import (
    KINDS,
    LANGS,
    NO_POSITION,
    SINGULAR,
    UNKNOWN,
    Claim,
    Event,
    Identifiers,
    Instrument,
    Issue,
    Organisation,
    Partnership,
    Person,
    Quote,
    Role,
    Source,
    Stance,
)
from .text import PLACEHOLDER, make_slug
from .yamlwrite import RecordFile, plain, quote, todo

ID_LENGTH = 60
TEXT = Shape("text")


@dataclass(frozen=True)
class Answers:
    """What the editor gave, by field name; every value is a tuple (most hold one item)."""

    values: Mapping[str, tuple[str, ...]]

    def one(self, name: str) -> str | None:
        found = self.values.get(name, ())
        return found[0] if found else None

    def all(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    def langs(self, name: str) -> dict[str, str | None]:
        """The English and French answers of a text asked in both (`name-en`, `name-fr`)."""
        return {lang: self.one(f"{name}-{lang}") for lang in LANGS}

    def evidence(self) -> list[tuple[str, str, str | None]]:
        """The evidence given, as (kind, id, excerpt): quotes, claims, events, then each source
        with its passage (the n-th --excerpt goes with the n-th --source)."""
        items: list[tuple[str, str, str | None]] = [(kind, rid, None) for kind in ("quote", "claim", "event") for rid in self.all(kind)]
        return items + [("source", rid, excerpt) for rid, excerpt in self.passages()]

    def passages(self) -> list[tuple[str, str]]:
        """The sources given, each with its excerpt, in the order given."""
        return list(zip(self.all("source"), self.all("excerpt")))

    def speakers(self) -> list[tuple[str, str | None]]:
        """The speakers given, as (organisation, person or None): `--speaker org:person`, or one
        `--speaker org` with `--person`."""
        found = [(org, person or None) for org, _, person in (s.partition(":") for s in self.all("speaker"))]
        if len(found) == 1 and self.one("person"):
            found = [(found[0][0], self.one("person"))]
        return found


@dataclass(frozen=True)
class Field:
    """One thing `new` takes: an option (`--name`), asked for when missing if `ask` says so. It
    fills the field `fills` of the record (`name.en`, `evidence[].source`; `[]`: an item of a
    list), and is read as the check reads that field: its `shape` in the model's description."""

    name: str
    help: str
    fills: str
    ask: bool | Callable[[Answers], bool] = False
    shape: Shape = TEXT  # set from `fills` by `Template`
    many: bool = False
    default: str | None = None
    same_as: str = ""  # when asked, offer this other field's answer as the default
    blank_ok: bool = False  # when asked, an empty answer leaves it out
    prompt: str = ""  # the question, when it is not the help text
    after: str = ""  # asked only as a follow-up, when this other field was just asked and answered

    def asked(self, answers: Answers) -> bool:
        return self.ask(answers) if callable(self.ask) else self.ask

    @property
    def choices(self) -> tuple[str, ...]:
        """The words it may take, if it takes one of a few."""
        return self.shape.choices if self.shape.kind == "choice" else ()

    @property
    def ref(self) -> str:
        """The kind of record whose id it takes (`scale`: a level of the stance scale); '' if none."""
        return self.shape.target if self.shape.kind == "ref" else ""

    @property
    def listed(self) -> bool:
        """Whether it takes ids, or speakers given as ids, several of which may be typed on one line."""
        return self.many and (self.ref != "" or self.shape.kind == "record")

    @property
    def question(self) -> str:
        text = self.prompt or self.help
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class Template:
    """A record kind as `new` writes it: what it takes, how the id is made, how the file reads.
    Each field's shape is the model's, found from what it fills."""

    kind: str
    fields: tuple[Field, ...]
    make_id: Callable[[Answers], str]
    write: Callable[[RecordFile, Answers], None]

    def __post_init__(self) -> None:
        cls = KINDS[self.kind]
        object.__setattr__(self, "fields", tuple(dataclasses.replace(f, shape=field_shape(cls, f.fills)) for f in self.fields))


def doc(cls: type, name: str) -> str:
    """A model field's description for editors."""
    text: str = next(f.metadata["doc"] for f in dataclasses.fields(cls) if f.name == name)
    return text


# --- The templates ---------------------------------------------------------------------------------


def _loc(name: str, what: str, fills: str = "") -> tuple[Field, Field]:
    """The English and French options of a text in both languages (`--name-en`, `--name-fr`)."""
    fills = fills or name.replace("-", "_")
    return (Field(f"{name}-en", f"{what}, in English", f"{fills}.en"),
            Field(f"{name}-fr", f"{what}, in French", f"{fills}.fr"))


def _evidence_fields(what: str) -> tuple[Field, ...]:
    return (*(Field(kind, f"a {kind} {what} (its id; repeatable)", f"evidence[].{kind}", many=True)
              for kind in ("quote", "claim", "event")),
            Field("source", f"a source {what}, with --excerpt (its id; repeatable)", "evidence[].source", many=True),
            Field("excerpt", "the passage of that --source, copied exactly from its archived text (one for each --source, "
                             "in the same order)", "evidence[].excerpt", many=True))


def short_id(text: str) -> str:
    """An id from a name or a sentence: its slug, cut at a hyphen to at most ID_LENGTH characters."""
    slug = make_slug(text)
    if len(slug) <= ID_LENGTH:
        return slug
    return slug[: ID_LENGTH + 1].rpartition("-")[0] or slug[:ID_LENGTH]


def _write_organisation(y: RecordFile, a: Answers) -> None:
    y.plain("kind", a.one("kind") or "company")
    y.localized("name", a.langs("name"), doc(Organisation, "name"))
    y.localized("description", a.langs("description"), doc(Organisation, "description"))
    website = a.one("website")
    if website:
        y.text("website", website, "")
    else:
        y.line(f'# website: "https://…"   optional: {doc(Organisation, "website")}')


def _write_person(y: RecordFile, a: Answers) -> None:
    y.text("name", a.one("name"), todo(doc(Person, "name")))
    y.localized("description", a.langs("description"), doc(Person, "description"))
    organisation = a.one("organisation")
    if not organisation:
        y.line(f"# roles: optional: {doc(Person, 'roles')} For example:")
        y.line("#   - organisation: the-organisation-id")
        y.line('#     title: {en: "Chief executive officer", fr: "Président-directeur général"}')
        y.line("#     sources: [the-source-id]")
        return
    y.line("roles:")
    y.plain("- organisation", organisation, 2)
    y.localized("title", a.langs("title"), doc(Role, "title"), 4)
    y.ids("sources", a.all("source"), doc(Role, "sources"), True, 4)
    y.line('# start: "YYYY-MM-DD"   end: "YYYY"   only when a source gives them', 4)


def _write_instrument(y: RecordFile, a: Answers) -> None:
    y.plain("kind", a.one("kind") or "regulation")
    y.localized("name", a.langs("name"), doc(Instrument, "name"))
    y.localized("short_name", a.langs("short-name"), doc(Instrument, "short_name"))
    celex, url = a.one("celex"), a.one("url")
    y.line(f"url: {quote(url)}" if url else f'# url: "https://eur-lex.europa.eu/…"   optional: {doc(Instrument, "url")}')
    y.line("identifiers:" if celex else "# identifiers:   optional: its public ids")
    y.line(f"celex: {quote(celex)}" if celex else f'# celex: "32022R1925"   {doc(Identifiers, "celex")}', 2)
    y.line('# wikidata: "Q…"', 2)


def _write_issue(y: RecordFile, a: Answers) -> None:
    y.localized("name", a.langs("name"), doc(Issue, "name"))
    y.localized("summary", a.langs("summary"), doc(Issue, "summary"))
    y.localized("benchmark", a.langs("benchmark"), doc(Issue, "benchmark"))
    y.ids("instruments", a.all("instrument"), doc(Issue, "instruments"), False)


def _write_source(y: RecordFile, a: Answers) -> None:
    y.plain("kind", a.one("kind") or "news-report")
    y.plain("language", a.one("language") or "en")
    for key in ("title", "outlet", "author"):
        value = a.one(key) or UNKNOWN
        y.line(f"{key}: {UNKNOWN if value == UNKNOWN else quote(value)}")
    y.date("date", a.one("date"))
    url = a.one("url") or UNKNOWN
    y.line(f"url: {UNKNOWN if url == UNKNOWN else quote(url)}")
    y.line("archive: full   # or excerpts, when we hold only passages of it: see EDITING.md")
    y.localized("description", a.langs("description"), doc(Source, "description"))


def _write_quote(y: RecordFile, a: Answers) -> None:
    y.line("speakers:")
    for organisation, person in a.speakers():
        y.plain("- organisation", organisation, 2)
        if person:
            y.plain("person", person, 4)
    y.plain("original_language", a.one("original-language") or UNKNOWN)
    y.localized("context", a.langs("context"), doc(Quote, "context"))
    y.ids("issues", a.all("issue"), doc(Quote, "issues"), True)
    event = a.one("event")
    y.line(f"event: {plain(event)}" if event else f"# event: the-event-id   optional: {doc(Quote, 'event')}")
    _write_exchange(y, a, Quote)
    y.line("wording:")
    for lang in LANGS:
        words, sources = a.one(f"words-{lang}"), a.all(f"source-{lang}")
        y.line(f"{lang}:", 2)
        y.text("text", words, todo("the words, or our translation of them", lang), 4)
        if sources:
            y.plain("provenance", "published", 4)
            y.ids("sources", sources, "", True, 4)
        else:
            y.line("provenance: editorial   # or published, with the sources that print these words:", 4)
            y.line("# sources: [the-source-id]", 4)


def _write_exchange(y: RecordFile, a: Answers, cls: type) -> None:
    """The optional `co_signers` (a quote's, a claim's) and `answers` (a quote's, an event's)."""
    names = {f.name for f in dataclasses.fields(cls)}
    if "co_signers" in names:
        y.optional_localized("co_signers", a.langs("co-signers"), doc(cls, "co_signers"))
    if "answers" in names:
        answers = a.one("answers")
        y.line(f"answers: {plain(answers)}" if answers else f"# answers: the-event-id   optional: {doc(cls, 'answers')}")


def _write_claim(y: RecordFile, a: Answers) -> None:
    y.plain("kind", a.one("kind") or "reported")
    y.localized("text", a.langs("text"), doc(Claim, "text"))
    y.line("sources:")
    for source, excerpt in a.passages():
        y.plain("- source", source, 2)
        y.text("excerpt", excerpt, todo("the passage, copied exactly from the archived text"), 4)
    if not a.passages():
        y.line(f"# {PLACEHOLDER}: {doc(Claim, 'sources')} Like this:", 2)
        y.line("# - source: the-source-id", 2)
        y.line('#   excerpt: "the passage, copied exactly from the archived text"', 2)
    y.ids("said_by", a.all("said-by"), doc(Claim, "said_by"), a.one("kind") == "statement")
    y.ids("organisations", a.all("organisation"), doc(Claim, "organisations"), False)
    y.ids("issues", a.all("issue"), doc(Claim, "issues"), False)
    if a.one("kind") == "statement":
        _write_exchange(y, a, Claim)


def _write_stance(y: RecordFile, a: Answers) -> None:
    y.plain("organisation", a.one("organisation") or "")
    y.plain("issue", a.one("issue") or "")
    position = a.one("position") or ""
    y.plain("position", position)
    y.localized("summary", a.langs("summary"), doc(Stance, "summary"))
    y.evidence(a.evidence(), doc(Stance, "evidence"), required=position != NO_POSITION)


def _write_partnership(y: RecordFile, a: Answers) -> None:
    y.plain("type", a.one("type") or "other")
    y.ids("parties", a.all("party"), doc(Partnership, "parties"), True)
    y.localized("name", a.langs("name"), doc(Partnership, "name"))
    y.localized("description", a.langs("description"), doc(Partnership, "description"))
    y.date("start", a.one("start"))
    y.ids("issues", a.all("issue"), doc(Partnership, "issues"), False)
    y.evidence(a.evidence(), doc(Partnership, "evidence"))


def _write_event(y: RecordFile, a: Answers) -> None:
    date = a.one("date") or UNKNOWN
    y.date("date", date)
    if date == UNKNOWN or any(a.one(f"date-note-{lang}") for lang in LANGS):
        y.localized("date_note", a.langs("date-note"), doc(Event, "date_note") + " Or delete date_note if they say nothing.")
    y.localized("title", a.langs("title"), doc(Event, "title"))
    y.optional_localized("description", a.langs("description"), doc(Event, "description"))
    y.ids("organisations", a.all("organisation"), doc(Event, "organisations"), False)
    y.ids("people", a.all("person"), doc(Event, "people"), False)
    y.ids("issues", a.all("issue"), doc(Event, "issues"), False)
    _write_exchange(y, a, Event)
    y.evidence(a.evidence(), doc(Event, "evidence"))


def _is_statement(a: Answers) -> bool:
    return a.one("kind") == "statement"


def _quote_id(a: Answers) -> str:
    words = a.one("words-en") or a.one("words-fr") or ""
    speaker = a.speakers()[0][0] if a.speakers() else ""
    return short_id(f"{speaker} {' '.join(words.split()[:6])}")


TEMPLATES: dict[str, Template] = {
    "organisations": Template("organisations", (
        Field("kind", "what kind of organisation it is", "kind", ask=True, default="company"),
        Field("name-en", "its name in English", "name.en", ask=True),
        Field("name-fr", "its name in French", "name.fr", ask=True, same_as="name-en"),
        *_loc("description", "one or two sentences saying what it is"),
        Field("website", "its official website", "website"),
    ), lambda a: short_id(a.one("name-en") or ""), _write_organisation),
    "people": Template("people", (
        Field("name", "the person's name", "name", ask=True),
        *_loc("description", "who they are, in a sentence"),
        Field("organisation", "an organisation they hold a role at (its id)", "roles[].organisation"),
        *_loc("title", "their role there", "roles[].title"),
        Field("source", "a source naming them in that role (its id; repeatable)", "roles[].sources[]", many=True),
    ), lambda a: short_id(a.one("name") or ""), _write_person),
    "instruments": Template("instruments", (
        Field("kind", "what kind of law it is", "kind", ask=True, default="regulation"),
        Field("name-en", "its name in English", "name.en", ask=True), Field("name-fr", "its name in French", "name.fr", ask=True),
        *_loc("short-name", "its short name or acronym"),
        Field("celex", "its CELEX number in EUR-Lex", "identifiers.celex"), Field("url", "its official text", "url"),
    ), lambda a: short_id(a.one("name-en") or ""), _write_instrument),
    "issues": Template("issues", (
        Field("name-en", "the issue's name in English", "name.en", ask=True),
        Field("name-fr", "the issue's name in French", "name.fr", ask=True),
        *_loc("summary", "what the question is"), *_loc("benchmark", "the position stances are measured against"),
        Field("instrument", "a law the issue concerns (its id; repeatable)", "instruments[]", many=True),
    ), lambda a: short_id(a.one("name-en") or ""), _write_issue),
    "sources": Template("sources", (
        Field("language", "the language it is written in", "language", ask=True),
        Field("kind", "what kind of source it is", "kind", ask=True, default="news-report"),
        Field("title", "its own title, or unknown", "title", ask=True, default=UNKNOWN),
        Field("outlet", "who published it, or unknown", "outlet", ask=True, default=UNKNOWN),
        Field("author", "who wrote it, or unknown", "author", ask=True, default=UNKNOWN),
        Field("date", "when it was published: YYYY, YYYY-MM, YYYY-MM-DD or unknown", "date", ask=True, default=UNKNOWN),
        Field("url", "where it was published, or unknown", "url", ask=True, default=UNKNOWN),
        *_loc("description", "our one-line description of it, for readers"),
    ), lambda a: "" if (a.one("title") or UNKNOWN) == UNKNOWN else short_id(a.one("title") or ""), _write_source),
    "quotes": Template("quotes", (
        Field("speaker", "an organisation that spoke, as organisation or organisation:person for the person who spoke for it "
                         "(their ids; repeatable: a joint statement has several speakers)", "speakers[]", ask=True, many=True,
              prompt="the organisations that spoke, each as organisation or organisation:person (their ids, separated by commas)"),
        Field("person", "with a single --speaker: the person who spoke for it (their id)", "speakers[].person"),
        Field("issue", "an issue the quote is about (its id; repeatable)", "issues[]", ask=True, many=True,
              prompt="the issues the quote is about (their ids, separated by commas)"),
        Field("original-language", "the language the speaker used", "original_language", ask=True, default=UNKNOWN),
        Field("words-en", "the words in English, exactly as printed (leave empty if no source gives them)", "wording.en.text",
              ask=True, blank_ok=True),
        Field("source-en", "a source printing the English words (its id; repeatable)", "wording.en.sources[]", ask=True,
              after="words-en", many=True, blank_ok=True,
              prompt="the sources printing the English words (their ids, separated by commas; leave empty for our own translation)"),
        Field("words-fr", "the words in French, exactly as printed (leave empty if no source gives them)", "wording.fr.text",
              ask=True, blank_ok=True),
        Field("source-fr", "a source printing the French words (its id; repeatable)", "wording.fr.sources[]", ask=True,
              after="words-fr", many=True, blank_ok=True,
              prompt="the sources printing the French words (their ids, separated by commas; leave empty for our own translation)"),
        *_loc("context", "where it was said, e.g. 'in a blog post'"),
        Field("event", "the event at which it was said (its id)", "event"),
        *_loc("co-signers", "others who said it with the speakers and have no record (e.g. 'executives of SAP, Prada and Thyssenkrupp')"),
        Field("answers", "the event it answers (its id)", "answers"),
    ), _quote_id, _write_quote),
    "claims": Template("claims", (
        Field("kind", "what an organisation said (statement), what a source reports (reported), or what a journalist "
                      "infers (inference)", "kind", ask=True),
        Field("text-en", "the claim in English, in our neutral words", "text.en", ask=True),
        Field("text-fr", "the claim in French, in our neutral words", "text.fr", ask=True),
        Field("source", "a source that makes the claim (its id; repeatable, each with its --excerpt)", "sources[].source",
              ask=True, many=True, prompt="the source that makes the claim (its id)"),
        Field("excerpt", "the passage of that source, copied exactly from its archived text (one for each --source, in the "
                         "same order)", "sources[].excerpt", ask=True, many=True,
              prompt="the passage, copied exactly from the source's archived text"),
        Field("said-by", "for a statement: an organisation that made it (its id; repeatable)", "said_by[]", ask=_is_statement,
              many=True, prompt="the organisations that made the statement (their ids, separated by commas)"),
        Field("organisation", "an organisation the claim is about (its id; repeatable)", "organisations[]", many=True),
        Field("issue", "an issue the claim is about (its id; repeatable)", "issues[]", many=True),
        *_loc("co-signers", "for a statement: others who made it and have no record (e.g. 'executives of SAP, Prada and Thyssenkrupp')"),
    ), lambda a: short_id(" ".join((a.one("text-en") or "").split()[:8])), _write_claim),
    "stances": Template("stances", (
        Field("organisation", "the organisation (its id)", "organisation", ask=True),
        Field("issue", "the issue (its id)", "issue", ask=True),
        Field("position", "its position, a level of the stance scale (content/scale.yaml)", "position", ask=True),
        *_loc("summary", "the position in one line"),
        *_evidence_fields("the stance rests on"),
    ), lambda a: f"{a.one('organisation')}-{a.one('issue')}", _write_stance),
    "partnerships": Template("partnerships", (
        Field("type", "what kind of partnership it is", "type", ask=True),
        Field("party", "one of the two organisations (its id; give the option twice)", "parties[]", ask=True,
              many=True, prompt="the two organisations (their ids, separated by a comma)"),
        Field("name-en", "a short name for it in English", "name.en", ask=True),
        Field("name-fr", "a short name for it in French", "name.fr", ask=True),
        *_loc("description", "what it is, in a sentence or two"),
        Field("start", "when it began: YYYY, YYYY-MM, YYYY-MM-DD or unknown", "start"),
        Field("issue", "an issue it concerns (its id; repeatable)", "issues[]", many=True),
        *_evidence_fields("showing it exists"),
    ), lambda a: short_id(a.one("name-en") or ""), _write_partnership),
    "events": Template("events", (
        Field("date", "when it happened: YYYY, YYYY-MM, YYYY-MM-DD or unknown ('on Friday' is not a date)", "date", ask=True,
              default=UNKNOWN),
        Field("title-en", "what happened, in a line, in English", "title.en", ask=True),
        Field("title-fr", "what happened, in a line, in French", "title.fr", ask=True),
        *_loc("date-note", "what the sources say about the date"), *_loc("description", "more detail"),
        Field("organisation", "an organisation taking part (its id; repeatable)", "organisations[]", many=True),
        Field("person", "a person taking part (their id; repeatable)", "people[]", many=True),
        Field("issue", "an issue it concerns (its id; repeatable)", "issues[]", many=True),
        Field("answers", "the event it answers (its id)", "answers"),
        *_evidence_fields("showing it happened"),
    ), lambda a: short_id(" ".join((a.one("title-en") or "").split()[:8])), _write_event),
}

# What an editor may type for each kind: the folder's name or its singular.
ALIASES: dict[str, str] = {**{kind: kind for kind in TEMPLATES}, **{SINGULAR[kind]: kind for kind in TEMPLATES}}
