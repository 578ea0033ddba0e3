"""Citations and labels: how a page cites a source (its short label, what a quote was checked
against, how much of the source we hold), a quote's wording and how to cite it, a record's
corrections and public identifiers, and the labelled link to where a record is shown."""

from __future__ import annotations

from . import jsonld, urls
from .language import NBSP, Language
from .model import LANGS, UNKNOWN, Identifiers, PartialDate, Source
from .typography import french
from .urls import section
from .views import (
    Cite,
    CorrectionView,
    Link,
    WordingView,
)


class Labels(Language):
    """Citations and labels, in the page's language."""

    def cite(self, source_id: str, checked: bool = False) -> Cite:
        """A citation of a source; `checked` for the source of a quote or an excerpt: it says what
        of the source the words were checked against. Any citation of a source we hold only in
        part says so."""
        part = self.facts.sources[source_id].archive == "excerpts"
        if checked:
            note, mark = self.checked(source_id), self.t["checked_excerpts_mark" if part else "checked_full_mark"]
        else:
            note, mark = (self.t["held_part"], self.t["held_part_mark"]) if part else ("", "")
        return Cite(self.source_label(source_id), self.href(self.target("sources", source_id)), note, mark)

    def checked(self, source_id: str) -> str:
        """What a quote or an excerpt of a source was checked against: its full text (captured on a
        day, if we know it) or the passages we hold."""
        return self._checked.get(source_id, lambda: self._checked_against(source_id))

    def _checked_against(self, source_id: str) -> str:
        s = self.facts.sources[source_id]
        if s.archive == "excerpts":
            return self.t["checked_excerpts"]
        if s.capture is not None:
            return self.t["checked_full_on"].format(date=self.date(captured_on(s.capture.captured_at)))
        return self.t["checked_full"]

    def source_label(self, source_id: str) -> str:
        """A short name for citing a source: its outlet and date where known, else its kind and language."""
        return self._labels.get(source_id, lambda: self._source_label(source_id))

    def _source_label(self, source_id: str) -> str:
        """Its outlet, else its own title, else its kind and language, dated where known; a source
        of kind "other" with neither outlet nor title is named by our description of it."""
        s = self.facts.sources[source_id]
        when = f", {self.date(s.date)}" if s.date.known else ""
        if s.outlet != UNKNOWN:
            return s.outlet + when
        if s.title != UNKNOWN:
            return s.title + when
        if s.kind == "other":
            return s.description[self.lang]
        kind = self.facts.site.source_kinds[s.kind].label[self.lang]
        return f"{kind} ({self.t['lang_' + s.language]}){when}"

    def held(self, s: Source) -> str:
        """How much of a source we keep, and what its quotes and excerpts are checked against."""
        if s.archive == "excerpts":
            return self.t["held_excerpts"]
        if s.capture is not None:
            return self.t["held_full_on"].format(date=self.date(captured_on(s.capture.captured_at)))
        return self.t["held_full"]

    def identifier_links(self, identifiers: Identifiers | None) -> tuple[Link, ...]:
        """A record's public identifiers as labelled links (the same links as schema.org sameAs)."""
        names = {"wikidata": "Wikidata", "eu_transparency_register": self.t["transparency_register"], "celex": "CELEX"}
        return tuple(Link(f"{names[field]} {value}", url) for field, value, url in jsonld.registered(identifiers))

    def corrections(self, kind: str, rid: str, about: Link | None = None) -> tuple[CorrectionView, ...]:
        record = getattr(self.facts, kind)[rid]
        return tuple(CorrectionView(self.date(c.date), c.date.iso(), c.type, self.t[f"correction_{c.type}"],
                                    c.note[self.lang], about) for c in record.corrections)

    def wording(self, quote_id: str, lang: str) -> WordingView:
        """A quote's wording in `lang`, as the current page shows it (its citations link from it)."""
        key = (quote_id, lang)
        if key not in self._wordings:
            self._wordings[key] = self._wording(quote_id, lang)
        return self._wordings[key]

    def _wording(self, quote_id: str, lang: str) -> WordingView:
        w = self.facts.quotes[quote_id].wording[lang]
        t = self.t
        other = "fr" if lang == "en" else "en"
        label = t["published_by"] if w.provenance == "published" else f"{t['our_translation']} {t['from_lang_' + other]}"
        marks = {"en": ("“", "”"), "fr": ("«" + NBSP, NBSP + "»")}[lang]
        text = french(w.text) if lang == "fr" else w.text  # French words on an English page too
        return WordingView(lang, text, marks[0], marks[1], label, tuple(self.cite(s, checked=True) for s in w.sources), w.provenance == "editorial")

    def citation(self, quote_id: str, speakers: list[Link], anchor: str) -> str:
        """How to cite a quote, in the page's language: who said it, the words, the sources that
        print them (for our own translation, the original's), when, and the quote's address here."""
        f, t = self.facts, self.t
        q = f.quotes[quote_id]
        w = self.wording(quote_id, self.lang)
        sources = q.wording[self.lang].sources or q.wording[self.other].sources
        printed = ", ".join(self.source_label(s) for s in sources)
        if w.editorial:
            printed = f"{w.label}; {printed}" if printed else w.label
        when = self.quote_date(quote_id)
        who = ", ".join(s.label for s in speakers) + (f" {t['and_others']} {q.co_signers[self.lang]}" if q.co_signers else "")
        return f"{who}, {w.open}{w.text}{w.close}, {q.context[self.lang]}. {printed}, {when}. {self.absolute(self.here)}#{anchor}"

    def quote_date(self, quote_id: str) -> str:
        """When the words were said: their event's date, else the first known date of a source
        printing them, else that our sources do not say."""
        f = self.facts
        q = f.quotes[quote_id]
        if q.event and f.events[q.event].date.known:
            return self.date(f.events[q.event].date)
        dates = [f.sources[s].date for lg in LANGS for s in q.wording[lg].sources if f.sources[s].date.known]
        return self.date(min(dates)) if dates else self.t["citation_undated"]

    def citer_link(self, kind: str, rid: str) -> Link:
        """A labelled link to where a record is shown ("Quote: « … »")."""
        f, t, c = self.facts, self.t, self.t["colon"]
        if kind in ("organisations", "issues", "people"):
            link = self.link(kind, rid)
            return Link(f"{t['kind_' + kind]}{c} {link.label}", link.href)
        if kind == "quotes":
            w = self.wording(rid, self.lang)
            ours = f" ({t['our_translation_short']})" if w.editorial else ""
            return Link(f"{t['quote']}{c} {self.quote_marks(w.text)}{ours}", self.href(self.target("quotes", rid)))
        if kind == "claims":
            claim = f.claims[rid]
            return Link(f"{f.site.claim_kinds[claim.kind].label[self.lang]}{c} {claim.text[self.lang]}",
                        self.href(urls.claim_url(f, rid, self.lang)))
        if kind == "stances":
            s = f.stances[rid]
            return Link(f"{t['stance']}{c} {f.organisations[s.organisation].name[self.lang]} — {f.issues[s.issue].name[self.lang]}",
                        self.href(urls.stance_url(f, s.organisation, s.issue, self.lang)))
        if kind == "instruments":
            issue = next((i for i, issue in f.issues.items() if rid in issue.instruments), None)
            target = self.target("issues", issue) if issue else section("issues", self.lang)
            return Link(f"{t['kind_instruments']}{c} {f.instruments[rid].name[self.lang]}", self.href(target))
        if kind == "sources":
            return Link(f"{t['source']}{c} {self.source_label(rid)}", self.href(self.target("sources", rid)))
        if kind == "events":
            return Link(f"{t['event']}{c} {f.events[rid].title[self.lang]}", self.href(self.target("events", rid)))
        return Link(f"{t['partnerships']}{c} {f.partnerships[rid].name[self.lang]}", self.href(self.target("partnerships", rid)))

    def exchange(self, kind: str, rid: str) -> Link:
        """A link to one side of an exchange (an event, or a quote), dated where the date is known."""
        f = self.facts
        date: PartialDate | None
        if kind == "events":
            event = f.events[rid]
            label, date = event.title[self.lang], event.date
            href = self.href(self.target("events", rid))
        else:
            link = self.citer_link("quotes", rid)
            label, href = link.label, link.href
            said_at = f.quotes[rid].event
            date = f.events[said_at].date if said_at else None
        return Link(f"{label} ({self.date(date)})" if date is not None and date.known else label, href)


def captured_on(captured_at: str) -> PartialDate:
    """The day (UTC) a copy was captured, from its YYYY-MM-DDTHH:MM:SSZ time."""
    return PartialDate(int(captured_at[:4]), int(captured_at[5:7]), int(captured_at[8:10]))
