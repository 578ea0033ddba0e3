"""The built site in a real browser (Debian's Chromium, driven by Playwright), in both languages.

Each page type is looked at in the light and the dark colour scheme: what a reader sees is asserted
(`browser.reader_problems`, axe). With `--screenshots` (`make screenshots`), a full-page screenshot
of each is also written to tests/artifacts/screenshots/ for a person to look at (left out otherwise:
they take about a tenth of the suite's CPU and assert nothing).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Traffic,
    all_pages,
    alternates,
    no_sideways_scroll,
    page_lang,
    reader_problems,
    serve,
    shot_name,
    switcher_target,
)
from conftest import ROOT
from generator.check import check
from generator.facts import build_factset
from generator.render import render_language
from generator.typography import french
from generator.urls import SECTIONS, url_of

# `pytest -m "not browser"` runs the rest of the suite without Chromium.
pytestmark = pytest.mark.browser

FACTS = build_factset(check(ROOT / "content"))
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"


def page_types(lang: str) -> dict[str, str]:
    """One page of each type, by name, as a URL path."""
    sec = {k: v[lang] for k, v in SECTIONS.items()}
    return {
        "home": f"/{lang}/",
        "organisations": f"/{lang}/{sec['organisations']}/",
        "organisation": f"/{lang}/" + url_of(FACTS, "organisations", "meta", lang),
        "issues": f"/{lang}/{sec['issues']}/",
        "issue": f"/{lang}/" + url_of(FACTS, "issues", "eu-ai-regulation", lang),
        "person": f"/{lang}/" + url_of(FACTS, "people", "daniel-ek", lang),
        "sources": f"/{lang}/{sec['sources']}/",
        "partnerships": f"/{lang}/{sec['partnerships']}/",
        "timeline": f"/{lang}/{sec['timeline']}/",
        "methodology": f"/{lang}/{sec['methodology']}/",
        "search": f"/{lang}/{sec['search']}/",
        "data": f"/{lang}/{sec['data']}/",
        "corrections": f"/{lang}/{sec['corrections']}/",
    }


PAGE_TYPES = [(lang, name, path) for lang in ("en", "fr") for name, path in page_types(lang).items()]
HUB_AND_GUIDE = [("en", "hub", "/"), ("en", "guide", "/guide/")]

# The element that carries each page type's own content, which a reader must see.
CONTENT = {"home": "table.fs-matrix", "organisations": ".fs-index", "organisation": ".fs-lede", "issues": ".fs-index",
           "issue": ".fs-lede", "person": ".fs-lede", "sources": ".fs-source", "partnerships": ".fs-partnership",
           "timeline": ".fs-event", "methodology": ".fs-definitions", "search": ".pagefind-ui__result-title:not(.pagefind-ui__loading)",
           "data": ".fs-downloads", "corrections": ".fs-lede", "hub": ".fs-hub", "guide": ".md-content p"}


def titles() -> dict[str, str]:
    """Each page's title as the generator gives it, by URL path."""
    out = {f"/{lang}/{page.url}": french(page.title) if lang == "fr" else page.title
           for lang in ("en", "fr") for page in render_language(FACTS, lang)}
    out["/"] = " / ".join(FACTS.site.title[lang] for lang in ("en", "fr"))
    out["/guide/"] = (ROOT / "EDITING.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    return out


TITLES = titles()


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: apt-get install chromium chromium-headless-shell (.ci/run does it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshot(request: pytest.FixtureRequest):
    """`screenshot(page, name)` saves tests/artifacts/screenshots/<name>.png with `--screenshots`;
    without it, does nothing."""
    wanted = request.config.getoption("--screenshots")

    def take(page, name: str) -> None:
        if wanted:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return take


# The windows the tests look through, by kind: one of each for the whole run (per pytest-xdist
# worker), reused from test to test. A fresh browser context costs a page about four times its load
# (0.8 against 0.2 s of CPU: its styles, scripts and fonts fetched and compiled again); a reader
# going from page to page has them already. The first load in a fresh context is the every-page
# traffic test's, and the tests that change a context (its permissions) open one of their own.
WINDOWS = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(scope="session")
def window(browser):
    """`window(kind)`: the page of that kind of window (`WINDOWS`), opened again if a test closed it."""
    opened: dict[str, object] = {}

    def get(kind: str):
        page = opened.get(kind)
        if page is None or page.is_closed():
            page = opened[kind] = browser.new_context(**WINDOWS[kind]).new_page()
        return page

    yield get
    for page in opened.values():
        page.context.close()


@pytest.fixture
def page(window):
    """The light desktop window, showing what the last test left in it until the test opens a page."""
    return window("light")


PAGES_AT_ONCE = 6  # tabs loading side by side: most of a page's time here is the network's half second of quiet


def loading_problems(context, base: str, paths: list[str]) -> dict[str, list[str]]:
    """What goes wrong as each page of `paths` loads in `context`, by path: a wrong `<html lang>`, a
    console error, a failed request, a request to another host. Each page is watched until the
    network is idle, so that a late request is seen too; a few load side by side."""
    problems: dict[str, list[str]] = {}
    tabs = []
    for _ in range(min(PAGES_AT_ONCE, len(paths))):
        page = context.new_page()
        traffic = Traffic(base)
        traffic.watch(page)
        tabs.append((page, traffic))
    for at in range(0, len(paths), PAGES_AT_ONCE):
        batch = list(zip(paths[at:at + PAGES_AT_ONCE], tabs))
        for path, (page, traffic) in batch:
            traffic.clear()  # each tab's last page was idle: nothing of it is still on its way
            page.goto(base + path, wait_until="commit")
        for path, (page, traffic) in batch:
            page.wait_for_load_state("networkidle")
            expected_lang = path.split("/")[1] if path.split("/")[1] in ("en", "fr") else "en"
            found = [f'<html lang="{page_lang(page)}">, expected "{expected_lang}"'] if page_lang(page) != expected_lang else []
            found += traffic.problems()
            if found:
                problems[path] = found
    for page, _ in tabs:
        page.close()
    return problems


@pytest.mark.parametrize("part", range(4))
def test_every_page_loads_cleanly_and_only_from_this_host(browser, site_url: str, built_site: Path, part: int) -> None:
    """Every page of the site, in four parts (one in four of them each) that pytest-xdist's workers share."""
    paths = all_pages(built_site)
    assert len(paths) > 40
    context = browser.new_context()
    problems = loading_problems(context, site_url, paths[part::4])
    context.close()
    assert problems == {}


@pytest.mark.parametrize("query,expected", [
    ("reglementation", "La réglementation européenne de l’IA"),
    ("réglementations", "La réglementation européenne de l’IA"),
    ("l'IA", "La réglementation européenne de l’IA"),
    ("l’IA", "La réglementation européenne de l’IA"),
])
def test_french_search_finds_the_ai_regulation_page(page, site_url: str, query: str, expected: str) -> None:
    titles = search(page, site_url + "/fr/recherche/", query)
    assert expected in titles, titles


def test_english_search_for_gatekeeper_finds_the_dma_page(page, site_url: str) -> None:
    titles = search(page, site_url + "/en/search/", "gatekeeper")
    assert "The DMA and Apple’s App Store" in titles, titles


@pytest.mark.parametrize("url", ["/en/search/", "/fr/recherche/"])
def test_a_nonsense_word_finds_nothing(page, site_url: str, url: str) -> None:
    page.goto(site_url + url + "?q=" + quote("zxqvbnmw"))
    page.wait_for_selector(".pagefind-ui__message", timeout=10_000)
    page.wait_for_timeout(500)
    assert page.locator(".pagefind-ui__result").count() == 0


def test_the_header_search_box_leads_to_results(page, site_url: str) -> None:
    page.goto(site_url + "/fr/")
    page.fill("#fs-header-q", "gardien")
    page.press("#fs-header-q", "Enter")
    wait_for_results(page)
    assert "/fr/recherche/" in page.url


# Pagefind's interface first shows grey placeholders with the same class as a result's title
# (`pagefind-ui__loading`, low contrast on purpose), then fills them in: wait for loaded results.
RESULT_TITLE = ".pagefind-ui__result-title:not(.pagefind-ui__loading)"


def wait_for_results(page) -> None:
    page.wait_for_selector(RESULT_TITLE, timeout=10_000)
    page.wait_for_function("!document.querySelector('.pagefind-ui__loading')", timeout=10_000)


def search(page, url: str, query: str) -> list[str]:
    page.goto(url + "?q=" + quote(query))
    wait_for_results(page)
    return [t.strip().rstrip("¶").strip() for t in page.locator(RESULT_TITLE).all_inner_texts()]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_matrix_cell_leads_to_the_evidence_for_that_pair(page, site_url: str, lang: str) -> None:
    page.goto(site_url + f"/{lang}/")
    cells = page.locator("table.fs-matrix td a")
    count = cells.count()
    assert count == len(FACTS.organisations) * len(FACTS.issues)
    hrefs = [cells.nth(i).evaluate("a => a.href") for i in range(count)]
    labels = [cells.nth(i).inner_text() for i in range(count)]
    for href, label in zip(hrefs, labels):
        page.goto(href)
        fragment = urlsplit(href).fragment
        row = page.locator(f"#{fragment}")
        assert row.count() == 1, href
        issue_id = fragment.removeprefix("stance-")
        org_id = next(o for o in FACTS.organisations if url_of(FACTS, "organisations", o, lang) in href)
        assert FACTS.issues[issue_id].name[lang] in row.inner_text()
        stance = FACTS.stance(org_id, issue_id)
        if stance is None:  # no stance record: the issue is named in the line under the stance table
            assert row.evaluate("a => a.closest('.fs-unrecorded') !== null"), href
            row = page.locator(".fs-unrecorded")
        assert label in row.inner_text()
        if stance is not None and stance.evidence:
            assert row.locator(".fs-evidence li").count() == len(stance.evidence)


# axe's rules that read colours: their outcome changes with the colour scheme, not with the language
# (both languages' pages of a type have one stylesheet and one layout), and they cost axe most of
# its time (color-contrast: about 0.55 s of CPU a page, the other rules together 0.2 s).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def test_axe_checks_the_colour_rules_on_each_page_type_in_each_scheme_and_the_others_on_each_light_page() -> None:
    def colour_rules(options: dict | None) -> set[str]:
        if options is None:
            return set()
        if "runOnly" in options:
            return set(options["runOnly"]["values"]) & set(COLOUR_RULES)
        return {rule for rule in COLOUR_RULES if options.get("rules", {}).get(rule) != {"enabled": False}}

    pages = PAGE_TYPES + HUB_AND_GUIDE
    for lang, name, _ in pages:
        light = axe_options("light", lang, name)
        assert light is not None and "runOnly" not in light, (lang, name)  # every other rule
        for scheme in ("light", "dark"):
            checked = set().union(*(colour_rules(axe_options(scheme, other, name)) for other, n, _ in pages if n == name))
            assert checked == set(COLOUR_RULES), (name, scheme)


def axe_options(scheme: str, lang: str, name: str) -> dict | None:
    """What axe checks on the page of type `name` in `lang` and `scheme`: every rule but the colour
    rules on each light page (the others read the document: the dark page would only find again what
    the light one found); the colour rules on the light page of the English twin and the dark page of
    the French one (on both, for a page with no twin); None: nothing left to check."""
    twinned = any(lg != lang and n == name for lg, n, _ in PAGE_TYPES + HUB_AND_GUIDE)
    colours = not twinned or (lang, scheme) in (("en", "light"), ("fr", "dark"))
    if scheme == "light":
        return {"resultTypes": ["violations"], **({} if colours else {"rules": {r: {"enabled": False} for r in COLOUR_RULES}})}
    return {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}} if colours else None


def load(page, url: str) -> None:
    """Open `url` as a reader sees it: every resource loaded and the fonts ready (the tests of traffic,
    which must see late requests too, wait for the network to be idle instead)."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang,name,path", PAGE_TYPES + HUB_AND_GUIDE, ids=[f"{lg}-{n}" for lg, n, _ in PAGE_TYPES + HUB_AND_GUIDE])
def test_each_page_shows_its_title_and_content_readably_in_each_scheme(window, site_url: str, screenshot, scheme: str, lang: str,
                                                                         name: str, path: str) -> None:
    """One visit per page type and colour scheme: what a reader sees (the scheme applied, the title
    whole in the first screen and uncovered, the page's own content shown, legible colours, nothing
    wider than the window), then an axe pass for what it finds serious (`axe_options`); then a
    screenshot (`--screenshots`)."""
    page = window(scheme)
    load(page, site_url + path)
    if name == "search":
        page.fill(".pagefind-ui__search-input", "Spotify")
        wait_for_results(page)
    problems = reader_problems(page, scheme, TITLES[path], CONTENT[name])
    options = axe_options(scheme, lang, name)
    violations = Axe().run(page, options=options).response["violations"] if options is not None else []
    serious = [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
               for v in violations if v["impact"] in ("serious", "critical")]
    screenshot(page, f"{lang}-{name}-{scheme}")
    assert problems == []
    assert serious == []


# What each element the focus lands on shows, noted by the page itself as the focus arrives (one
# read after a run of Tab presses, not one after each): the link it is, whether the focus is
# visible on it, and which citation copy button it is.
RECORD_FOCUS = """() => { window.fsFocused = []; document.addEventListener('focusin', () => {
    const e = document.activeElement; if (!e || e === document.body) return;
    const s = getComputedStyle(e), outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    window.fsFocused.push({key: e.tagName === 'A' ? e.href + '|' + e.textContent.trim() : null,
        visible: outline || s.boxShadow !== 'none' || s.textDecorationLine.includes('underline') && s.outlineStyle !== 'none',
        copy: e.classList.contains('fs-copy') ? [...document.querySelectorAll('.fs-copy')].indexOf(e) : -1,
        ring: outline || s.boxShadow !== 'none'}); }, true); }"""
TABS_AT_ONCE = 20


def keyboard_problems(page) -> list[str]:
    """What a keyboard user meets on the loaded `page`, walking through it with Tab: a visible link
    the walk never reaches, a link or citation copy button showing no sign of the focus."""
    links = set(page.eval_on_selector_all(
        "a[href]", "els => els.filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')"
                   ".map(e => e.href + '|' + e.textContent.trim())"))
    buttons = page.locator(".fs-copy").count()
    page.evaluate(RECORD_FOCUS)
    reached, invisible, copies, invisible_copies = set(), [], set(), set()
    presses = page.locator("a[href], button, input").count() + 60
    for done in range(0, presses, TABS_AT_ONCE):
        for _ in range(min(TABS_AT_ONCE, presses - done)):
            page.keyboard.press("Tab")
        for info in page.evaluate("() => window.fsFocused.splice(0)"):
            if info["key"]:
                reached.add(info["key"])
                if not info["visible"]:
                    invisible.append(info["key"])
            if info["copy"] >= 0:
                copies.add(info["copy"])
                if not info["ring"]:
                    invisible_copies.add(info["copy"])
        if links <= reached and len(copies) == buttons:
            break
    return ([f"not reached with Tab: {link}" for link in sorted(links - reached)]
            + [f"no visible focus: {link}" for link in invisible]
            + [f"copy button {n} not reached with Tab" for n in sorted(set(range(buttons)) - copies)]
            + [f"copy button {n}: no visible focus ring" for n in sorted(invisible_copies)])


def switching_problems(page, lang: str) -> list[str]:
    """What goes wrong when a keyboard user takes the language switcher (Enter on it) on the loaded
    `page`, in `lang`: the page is not its own alternate in `lang`, the switcher does not lead to
    its alternate in the other language, or the page it lands on is not in that language or does
    not name this page as its own alternate."""
    here = urlsplit(page.url).path
    twins = {lg: urlsplit(href).path for lg, href in alternates(page).items()}
    other = "fr" if lang == "en" else "en"
    problems = [] if twins.get(lang) == here else [f"its {lang} alternate is {twins.get(lang)}, not itself"]
    target, target_lang = switcher_target(page)
    if (urlsplit(target).path, target_lang) != (twins.get(other), other):
        problems.append(f"the switcher leads to {urlsplit(target).path} ({target_lang}), not to the {other} alternate {twins.get(other)}")
    page.focus("a.fs-language")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    landed = urlsplit(page.url).path
    if landed != twins.get(other):
        problems.append(f"Enter on the switcher landed on {landed}, not on {twins.get(other)}")
    if page_lang(page) != other:
        problems.append(f'the page it landed on has <html lang="{page_lang(page)}">, not "{other}"')
    back = urlsplit(alternates(page).get(lang, "")).path
    if back != here:
        problems.append(f"the page it landed on names {back or 'no page'} as its {lang} twin, not this page")
    return problems


# The language each page type is walked with Tab in. A Tab press costs Chromium about 5 ms of CPU
# (some 200 presses on an organisation's page): the walk was a seventh of the suite's CPU in both
# languages. Both languages' pages of a type come from one template, with one stylesheet and one
# header: which elements are links, their order and how the focus shows do not change with the
# words. The page types alternate between the languages, so that each language's are walked too.
WALKED = {name: ("en", "fr")[n % 2] for n, name in enumerate(page_types("en"))}


@pytest.mark.parametrize("lang,name,path", PAGE_TYPES, ids=[f"{lg}-{n}" for lg, n, _ in PAGE_TYPES])
def test_the_keyboard_reaches_every_link_and_copy_button_visibly_and_takes_the_language_switcher(page, site_url: str, lang: str,
                                                                                                name: str, path: str) -> None:
    """One walk with Tab through the page reaches every visible link and every citation's copy
    button, each showing where the focus is (in the language `WALKED` names for the page type);
    then Enter on the language switcher lands on the twin page, in the other language, which names
    this page as its own twin (on every page)."""
    load(page, site_url + path)
    assert page.locator(".fs-copy").count() == page.locator(".fs-citation").count()
    if WALKED[name] == lang:
        assert keyboard_problems(page) == []
    assert switching_problems(page, lang) == []


@pytest.mark.parametrize("lang,name,path", PAGE_TYPES, ids=[f"{lg}-{n}" for lg, n, _ in PAGE_TYPES])
def test_no_page_scrolls_sideways_on_a_phone(window, site_url: str, screenshot, lang: str, name: str, path: str) -> None:
    page = window("phone")
    load(page, site_url + path)
    ok = no_sideways_scroll(page)
    screenshot(page, f"phone-{shot_name(path)}")
    assert ok


@pytest.mark.slow
def test_these_checks_catch_a_wrong_switcher_a_wrong_lang_a_foreign_font_and_what_a_reader_cannot_see(browser, built_site: Path,
                                                                                                        tmp_path: Path) -> None:
    """The checks above fail on a site that breaks their rules (a test that cannot fail is a defect)."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    fr_meta = site / "fr" / "organisations" / "meta" / "index.html"
    fr_meta.write_text(fr_meta.read_text(encoding="utf-8").replace('<html lang="fr"', '<html lang="en"'), encoding="utf-8")
    en_meta = site / "en" / "organisations" / "meta" / "index.html"
    text = en_meta.read_text(encoding="utf-8")
    text = re.sub(r'(<a class="fs-language" href=")[^"]+"', r'\1../../../fr/organisations/apple/"', text)
    en_meta.write_text(text, encoding="utf-8")
    home = site / "en" / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace(
        "</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>'), encoding="utf-8")
    with serve(site) as url:
        context = browser.new_context()
        found = loading_problems(context, url, ["/fr/organisations/meta/", "/en/", "/en/organisations/"])
        context.close()
        assert found.pop("/fr/organisations/meta/") == ['<html lang="en">, expected "fr"']
        assert [p for p in found.pop("/en/") if "fonts.googleapis.com" in p] != []
        assert found == {}
        page = browser.new_page()
        page.goto(url + "/en/organisations/meta/")
        assert switching_problems(page, "en") == [
            "the switcher leads to /fr/organisations/apple/ (fr), not to the fr alternate /fr/organisations/meta/",
            "Enter on the switcher landed on /fr/organisations/apple/, not on /fr/organisations/meta/",
            "the page it landed on names /en/organisations/apple/ as its en twin, not this page"]
        page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page.goto(url + "/en/organisations/meta/", wait_until="networkidle")
        assert reader_problems(page, "light", "Meta", ".fs-lede") == []
        page.add_style_tag(content=".md-typeset .fs-lede { display: none } .md-content h1 { color: #eee } "
                                   ".md-content { min-width: 2000px }")
        problems = reader_problems(page, "dark", "Apple", ".fs-lede")
        assert [p.split(" ")[0] for p in problems] == ["colour", "page", "title", "title", "title", ".fs-lede", "page"], problems
        page.evaluate("window.scrollTo(0, 400)")
        assert "title not in the first screen" in " ".join(reader_problems(page, "light", "Meta", ".md-content"))
        page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # the same page walks clean in the keyboard test
        load(page, url + "/en/organisations/meta/")  # a link taken out of the Tab order, and the focus hidden everywhere
        page.evaluate("document.querySelector('.md-content a[href]').tabIndex = -1")
        page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; "
                                   "text-decoration: none !important }")
        found = [p.split(":")[0] for p in keyboard_problems(page)]
        assert {"not reached with Tab", "no visible focus", "copy button 0"} <= set(found), found
        page.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_quote_s_citation_is_copied_in_one_keypress(browser, site_url: str, lang: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + page_types(lang)["organisation"], wait_until="networkidle")
    citation = page.locator(".fs-citation").first
    text = citation.locator(".fs-citation__text").inner_text()
    citation.locator(".fs-copy").focus()
    page.keyboard.press("Enter")
    expect = {"en": "Citation copied", "fr": "Citation copiée"}[lang]
    page.wait_for_function("t => document.querySelector('.fs-copy-status').textContent === t", arg=expect)
    copied = page.evaluate("navigator.clipboard.readText()")
    anchor = page.locator(".fs-quote").first.get_attribute("id")
    context.close()
    assert copied == text and copied.endswith(f"#{anchor}")
    assert page_types(lang)["organisation"] + f"#{anchor}" in copied
