"""What each site publishes besides MkDocs' own files, listed once for every caller (the MkDocs
plugin, `export`): a language site's pages, feed, French guide and card images; the hub's
language-choice page, English guide, downloads and robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from . import jsonld, opendata, urls
from .cards import CardStore, card_images
from .facts import FactSet
from .feeds import feed
from .history import content_history
from .htmlblocks import unmark
from .model import LANGS
from .pagecache import PageCache
from .render import renderer, with_front_matter
from .templating import TEMPLATES, load_strings, make_env, render_template
from .typography import french, french_markdown
from .urls import FEED_NAME, GUIDE_PAGE, GUIDES
from .views import Page

# What a site's file holds: text, a card's PNG bytes, or the file in the card store holding them.
Content = str | bytes | Path


@dataclass(frozen=True)
class LanguageSite:
    """The files the generator adds to one language site, by path in it, and its pages."""

    pages: tuple[Page, ...]
    files: dict[str, Content]


def language_site(facts: FactSet, lang: str, project: Path, content: Path, templates: Path = TEMPLATES,
                  site_url: str | None = None, cached: bool = False, remember: bool = False, marked: bool = False) -> LanguageSite:
    """Every file of the `lang` site (`site_url` its published address, if known) from the checked
    `facts` of `content`: its pages, its feed, its guide (the French one: the English one is the
    hub's) and its pages' card images. `cached`: pages whose inputs did not change since the last
    build are taken from the page cache (see `pagecache`), which is then saved (`remember`: and
    kept in memory for the next build of this process, as under `mkdocs serve`). `marked`: the
    pages' Markdown keeps the markers of its raw HTML blocks, for `htmlblocks.hide`."""
    history = content_history(content)
    cache = PageCache.open(content, templates, lang, site_url, remember) if cached else None
    r = renderer(facts, lang, templates, site_url=site_url, history=history, cache=cache)
    pages = r.pages()
    if cache is not None:
        cache.save()
    files: dict[str, Content] = {page.src: page.markdown if marked else unmark(page.markdown) for page in pages}
    files[FEED_NAME] = feed(r, history)
    guide = project / GUIDES[lang][0]
    if lang != "en" and guide.is_file():
        files[GUIDE_PAGE] = editors_guide(guide.read_text(encoding="utf-8"), site_url, lang, templates)
    files.update(card_images(pages, CardStore.beside(content, templates)))
    return LanguageSite(tuple(pages), files)


def hub_downloads(facts: FactSet, site_url: str | None) -> dict[str, str]:
    """The hub's files besides its pages: the data downloads, and robots.txt naming the sitemaps
    (`site_url` is the hub's published address, if known)."""
    pages = {(kind, rid): {lang: urls.absolute(site_url, lang, urls.url_of(facts, kind, rid, lang)) for lang in LANGS}
             for kind in urls.OWN_PAGE for rid in getattr(facts, kind)}
    data = opendata.dataset(facts, pages)
    files = {urls.download("json"): opendata.dumps_dataset(data), urls.download("schema"): opendata.dumps(opendata.download_schema())}
    for kind, table in opendata.csv_tables(data).items():
        files[urls.download("csv", kind)] = table
    files["robots.txt"] = "User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {urls.sitemap_url(site_url, lang)}\n" for lang in LANGS)
    return files


def editors_guide(markdown: str, site_url: str | None = None, lang: str = "en", templates: Path = TEMPLATES) -> str:
    """The editors' guide in `lang` (written by us and trusted): the English one a page of the hub,
    the French one a page of the French site (`site_url` is that site's), each the other's twin,
    with the language switcher and hreflang alternates."""
    markdown = french_markdown(markdown) if lang == "fr" else markdown
    title = markdown.lstrip().splitlines()[0].lstrip("# ").strip()
    other = next(lg for lg in LANGS if lg != lang)
    root = (site_url if lang == "en" else urls.hub_url(site_url, lang)) or "/"  # the hub's root
    here = GUIDES[lang][1]
    page = jsonld.web_page(title, lang, root + here, root, title, [])
    strings = load_strings(templates)
    alternates = [{"lang": lg, "href": root + GUIDES[lg][1] if site_url else urls.folder_href(GUIDES[lg][1], here)} for lg in LANGS]
    front = {"title": str(escape(title)), "hide": ["navigation"],
             "factsheet": {"title": title, "lang": lang, "hub": True, "alternates": alternates,
                           "twin": urls.folder_href(GUIDES[other][1], here),
                           "twin_lang": other, "twin_name": strings["other_language"][lang],
                           "twin_label": strings["other_language_label"][lang]}}
    return with_front_matter(front, markdown, jsonld.script([page]))


def hub_page(facts: FactSet, templates: Path = TEMPLATES, site_url: str | None = None) -> Page:
    """The root page, in both languages: the choice of edition."""
    strings = load_strings(templates)
    def typeset(text: str, lang: str) -> str:
        return french(text) if lang == "fr" else text

    choices = tuple((lang, urls.in_hub(lang, ""), strings["language_name"][lang], typeset(facts.site.title[lang], lang),
                     typeset(facts.site.tagline[lang], lang), typeset(strings["choose_language"][lang], lang)) for lang in LANGS)
    body = render_template(make_env(templates), "hub.md.j2", choices=choices)
    title = " / ".join(facts.site.title[lang] for lang in LANGS)
    alternates = [{"lang": lang, "href": urls.in_hub(lang, "")} for lang in LANGS]
    root = site_url or "/"
    website = {"@type": "WebSite", "@id": root, "url": root, "name": title, "inLanguage": list(LANGS),
               "hasPart": [{"@type": "WebSite", "@id": urls.absolute(site_url, lang, ""), "url": urls.absolute(site_url, lang, ""),
                            "name": facts.site.title[lang], "inLanguage": lang} for lang in LANGS]}
    front = {"title": str(escape(title)), "hide": ["navigation", "toc"],
             "factsheet": {"title": title, "lang": "en", "hub": True, "alternates": alternates}}
    return Page("", urls.page_source(""), "", title, "", with_front_matter(front, body, jsonld.script([website])))
