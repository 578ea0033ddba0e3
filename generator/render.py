"""Render the pages of one language from the fact set, through the Jinja templates in templates/pages.

Everything a page shows is prepared in Python as small view objects; the templates only lay them
out. The work is split by job, each part building on the one before: `language` (the facts as
the site shows them, links, dates), `labels` (citations and labels), `recordviews` (each kind of
record as pages show it), `contexts` (what each kind of page shows), and this module: the list
of the site's pages, and each page made from its template, its context, its schema.org nodes
and its front matter. Text from content/ is escaped by Jinja's autoescape in HTML and by
`md_text` in the few Markdown places (headings). Pure: facts in, `Page`s out, no disk writes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from . import jsonld, sharing, urls
from .cards import Card
from .contexts import PageContexts
from .facts import FactSet
from .history import FileHistory
from .htmlblocks import CLOSE, DATA_SCRIPT, OPEN
from .inputs import last_changed
from .model import PartialDate
from .pagecache import PageCache
from .templating import TEMPLATES, load_strings, make_env, render_template
from .urls import FEED_NAME, section
from .views import Page


class Renderer(PageContexts):
    """Renders every page of the site in one language: the list of its pages, and each page
    from its template, its context (`contexts`) and its front matter."""

    def page(self, template: str, url: str, twin_url: str, title: str,
             context: Callable[[], dict[str, Any]] = dict, graph: Callable[[], list[dict[str, Any]]] = list,
             shared: tuple[str, str, Card] | None = None) -> Page:
        """One page: `context` is called once the page's URL is set, so its links are relative to it;
        `graph` gives the schema.org nodes the page is about; `shared`, what a record's page says of
        itself when shared (its description, Open Graph type and card), else the site's. What the
        page read of the facts since the last page was made (its title and `shared` included) are
        its inputs; its "last updated" date is the last change of the files they came from."""
        text, og_type, card = shared or (self.facts.site.tagline[self.lang], "website", sharing.site_card(self.facts, self.lang, title))
        src = urls.page_source(url)
        kept = self.cache.get(url, self.facts.untraced, self.history) if self.cache else None
        if kept is not None:
            self.reads.take()
            return Page(self.lang, src, url, title, twin_url, kept.markdown, card, frozenset(kept.keys))
        self.start_page(url)
        body = render_template(self.env, template, t=self.t, lang=self.lang, title=title, here=url,
                               site=self.site_view, **context())
        nodes = graph()
        updated = last_changed(self.reads.keys, self.history)
        here = urls.in_hub(self.lang, url)
        twin_href = urls.folder_href(urls.in_hub(self.other, twin_url), here)
        alternates = [{"lang": lg, "href": urls.absolute(self.base_url, lg, u) if self.base_url else
                       urls.folder_href(urls.in_hub(lg, u), here)}
                      for lg, u in sorted({self.lang: url, self.other: twin_url}.items())]
        share = sharing.tags(self.facts, self.lang, self.t, self.absolute(url), title, text, og_type, card)
        front = {"title": str(escape(title)), "description": str(escape(text)),
                 "factsheet": {"title": title, "lang": self.lang, "share": share,
                               "twin_lang": self.other, "twin": twin_href,
                               "alternates": alternates, "search": template == "search.md.j2",
                               "search_href": self.href(section("search", self.lang)),
                               "search_label": self.t["search_placeholder"],
                               "twin_name": self.t["other_language"], "twin_label": self.t["other_language_label"],
                               "footer": self.t["site_footer"], "corrections_label": self.t["corrections"],
                               "corrections_href": self.href(section("corrections", self.lang)),
                               "feed": self.href(FEED_NAME), "feed_title": f"{self.facts.site.title[self.lang]} (Atom)",
                               "updated": self.date(PartialDate(updated.year, updated.month, updated.day)) if updated else "",
                               "updated_iso": updated.date().isoformat() if updated else "",
                               "updated_label": self.t["last_updated"]}}
        markdown = with_front_matter(front, body, self.jsonld(title, url, nodes), marked=True)
        inputs = self.reads.take()
        if self.cache:
            self.cache.keep(url, inputs, self.facts.untraced, self.history, markdown)
        return Page(self.lang, src, url, title, twin_url, markdown, card, inputs)

    def jsonld(self, title: str, url: str, nodes: list[dict[str, Any]]) -> str:
        page_url = self.absolute(url)
        site_title = self.facts.site.title[self.lang]
        page = jsonld.web_page(title, self.lang, page_url, self.absolute(""), site_title, nodes)
        return jsonld.script([page, *nodes])

    @property
    def site_view(self) -> dict[str, str]:
        s = self.facts.site
        return {"title": s.title[self.lang], "tagline": s.tagline[self.lang]}

    def pages(self) -> list[Page]:
        """Every page of the site, in order: home, indexes, each record's page, the list pages."""
        f, lang, other = self.facts, self.lang, self.other
        url = self.record_url
        self.reads.take()  # what the pages read, from here on
        out = [self.page("home.md.j2", "", "", f.site.title[lang], self.home_context)]
        for key in ("organisations", "issues", "people"):
            out.append(self.page(f"{key}-index.md.j2", section(key, lang), section(key, other), self.t[key],
                                 partial(self.index_context, key)))
        for oid, org in f.organisations.items():
            out.append(self.page(
                "organisation.md.j2", urls.url_of(f, "organisations", oid, lang), urls.url_of(f, "organisations", oid, other),
                org.name[lang], partial(self.organisation_context, oid), partial(self.organisation_graph, oid),
                (sharing.description(f, lang, "organisations", oid), "article", sharing.organisation_card(f, lang, self.t, oid))))
        for iid, issue in f.issues.items():
            out.append(self.page(
                "issue.md.j2", urls.url_of(f, "issues", iid, lang), urls.url_of(f, "issues", iid, other),
                issue.name[lang], partial(self.issue_context, iid), partial(self.issue_graph, iid),
                (sharing.description(f, lang, "issues", iid), "article", sharing.issue_card(f, lang, self.t, iid))))
        for pid, person in f.people.items():
            out.append(self.page(
                "person.md.j2", urls.url_of(f, "people", pid, lang), urls.url_of(f, "people", pid, other),
                person.name, partial(self.person_context, pid), partial(self.person_graph, pid),
                (sharing.description(f, lang, "people", pid), "profile", sharing.person_card(f, lang, self.t, pid))))
        out.append(self.page("sources.md.j2", section("sources", lang), section("sources", other), self.t["sources"],
                             lambda: {"sources": self.sources_list()},
                             lambda: [jsonld.source(f, s, lang, url) for s in f.sources]))
        out.append(self.page("partnerships.md.j2", section("partnerships", lang), section("partnerships", other), self.t["partnerships"],
                             lambda: {"partnerships": tuple(self.partnership(p) for p in f.partnerships)}))
        out.append(self.page("timeline.md.j2", section("timeline", lang), section("timeline", other), self.t["timeline"],
                             lambda: {"events": tuple(self.event(e) for e in self.events_in_order(f.events))},
                             lambda: [jsonld.event(f, e, lang, url) for e in f.events]))
        out.append(self.page("methodology.md.j2", section("methodology", lang), section("methodology", other), self.t["methodology"],
                             self.methodology_context))
        out.append(self.page("corrections.md.j2", section("corrections", lang), section("corrections", other), self.t["corrections"],
                             self.corrections_context))
        out.append(self.page("data.md.j2", section("data", lang), section("data", other), self.t["data"], self.data_context,
                             lambda: [jsonld.dataset(f, lang, self.absolute(section("data", lang)), self.downloads())]))
        out.append(self.page("search.md.j2", section("search", lang), section("search", other), self.t["search"]))
        return out

    # The schema.org nodes each record's page is about.

    def organisation_graph(self, oid: str) -> list[dict[str, Any]]:
        f, lang, url = self.facts, self.lang, self.record_url
        return [jsonld.organization(f, oid, lang, url),
                *[n for q in f.quotes_by_org.get(oid, ()) for n in jsonld.quotations(f, q, url)],
                *[n for s in self.stances_of("organisations", oid) for n in jsonld.stance_positions(f, s, lang, url)]]

    def issue_graph(self, iid: str) -> list[dict[str, Any]]:
        f, lang, url = self.facts, self.lang, self.record_url
        return ([n for q in f.quotes_by_issue.get(iid, ()) for n in jsonld.quotations(f, q, url)]
                + [jsonld.event(f, e, lang, url) for e in f.events_by_issue.get(iid, ())]
                + [n for s in self.stances_of("issues", iid) for n in jsonld.stance_positions(f, s, lang, url)])

    def person_graph(self, pid: str) -> list[dict[str, Any]]:
        f, lang, url = self.facts, self.lang, self.record_url
        return [jsonld.person(f, pid, lang, url),
                *[n for q in f.quotes_by_person.get(pid, ()) for n in jsonld.quotations(f, q, url)]]


def renderer(facts: FactSet, lang: str, templates: Path = TEMPLATES, site_url: str | None = None,
             history: dict[str, FileHistory] | None = None, cache: PageCache | None = None) -> Renderer:
    """The renderer of the `lang` site; `site_url` is that site's published URL, if known;
    `history`, when each content file entered and last changed in git; `cache`, the pages of the
    last build (see `pagecache`)."""
    return Renderer(facts, lang, load_strings(templates), make_env(templates), urls.hub_url(site_url, lang), history, cache)


def render_language(facts: FactSet, lang: str, templates: Path = TEMPLATES, site_url: str | None = None,
                    history: dict[str, FileHistory] | None = None) -> list[Page]:
    """Every page of the `lang` site."""
    return renderer(facts, lang, templates, site_url, history).pages()


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def with_front_matter(front: dict[str, Any], body: str, json_ld: str, marked: bool = False) -> str:
    """A page's Markdown: its front matter (what the theme reads), its body, and its schema.org
    JSON-LD as a raw HTML block at the end (kept out of the YAML, which would be slow to read),
    `marked` as one Markdown need not read (see `htmlblocks`)."""
    meta = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=True)
    script = f"{DATA_SCRIPT}{json_ld}</script>"
    return f"---\n{meta}---\n\n{body.rstrip()}\n\n{OPEN + script + CLOSE if marked else script}\n"
