"""Helpers for the browser tests: serve a built site on localhost, drive Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# Debian's headless build of Chromium (the browser without its windowing layer, which is what Playwright
# itself runs headless) when it is installed: the same Blink, for about a sixth less CPU per page
# than the full browser run headless; else the full browser (GitHub's Ubuntu images have only it).
CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # a page closed while a file was on its way to it
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on an ephemeral localhost port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Traffic:
    """What a page did: console errors, failed requests, and requests to any other host."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        host = urlsplit(self.base).netloc
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

        def route(route) -> None:
            url = route.request.url
            if urlsplit(url).netloc != host and not url.startswith(("data:", "blob:")):
                self.foreign.append(url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", route)

    def clear(self) -> None:
        """Forget what was seen, for the next page loaded in the same tab."""
        for seen in (self.console_errors, self.failed, self.foreign):
            seen.clear()

    def problems(self) -> list[str]:
        return ([f"console: {e}" for e in self.console_errors] + [f"failed: {u}" for u in self.failed]
                + [f"other host: {u}" for u in self.foreign])


def switcher_target(page) -> tuple[str, str]:
    """The language switcher's resolved link and language on the current page."""
    link = page.locator("a.fs-language")
    return link.evaluate("a => a.href"), link.get_attribute("hreflang")


def alternates(page) -> dict[str, str]:
    """The page's hreflang alternates, resolved."""
    return dict(page.eval_on_selector_all(
        'link[hreflang]', "links => links.map(l => [l.hreflang, l.href])"))


def all_pages(site: Path) -> list[str]:
    """Every page of the built site, as URL paths."""
    paths = ["/"]
    for index in sorted(site.glob("*/**/index.html")):
        paths.append(f"/{index.parent.relative_to(site).as_posix()}/")
    return paths


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def page_lang(page) -> str:
    return page.evaluate("() => document.documentElement.lang")


_SLUG = re.compile(r"[^a-z0-9]+")


def shot_name(path: str) -> str:
    return _SLUG.sub("-", path.strip("/").lower()) or "hub"


def _rgba(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ('rgb(r, g, b)' or 'rgba(r, g, b, a)') as components."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _over(fg: str, backgrounds: list[str]) -> tuple[float, float, float]:
    """The colour a reader sees of `fg` drawn over `backgrounds` (the element's own first, down to
    an opaque one; the page is white under them all)."""
    r, g, b = 255.0, 255.0, 255.0
    for colour in [*reversed(backgrounds), fg]:
        cr, cg, cb, a = _rgba(colour)
        r, g, b = cr * a + r * (1 - a), cg * a + g * (1 - a), cb * a + b * (1 - a)
    return (r, g, b)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, backgrounds: list[str]) -> float:
    """WCAG 2 contrast ratio of text coloured `fg` on `backgrounds` (computed CSS colours, as `_over` takes them)."""
    lighter, darker = sorted((luminance(_over(fg, backgrounds)), luminance(_over("rgba(0, 0, 0, 0)", backgrounds))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# What a page shows, read in the page: its scheme, its title and where it is, the element that
# carries the page's own content, the colours a reader sees them in, and the page's width.
_SEEN = """key => {
  // the backgrounds behind an element, its own first, up to the first opaque one
  const background = e => { const found = []; for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { found.push(c); if (!c.startsWith('rgba')) break; } } return found; };
  const h1 = document.querySelector('.md-content h1');
  const r = h1 ? h1.getBoundingClientRect() : null;
  const hit = r ? document.elementFromPoint(r.left + Math.min(r.width, 60) / 2, r.top + r.height / 2) : null;
  const k = document.querySelector(key);
  const kr = k ? k.getBoundingClientRect() : null;
  const ownText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const text = k ? ([k, ...k.querySelectorAll('*')].find(ownText) || k) : null;
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    page: background(document.body),
    title: h1 ? [...h1.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
                  .map(n => n.textContent).join('').trim() : null,
    title_box: r ? [r.top, r.bottom, r.left, r.right] : null,
    title_on_top: !!(h1 && hit && h1.contains(hit)),
    title_colour: h1 ? [getComputedStyle(h1).color, background(h1)] : null,
    key_shown: !!(k && kr.width > 0 && kr.height > 0 && getComputedStyle(k).visibility !== 'hidden'),
    key_colour: text ? [getComputedStyle(text).color, background(text)] : null,
    viewport: [document.documentElement.clientWidth, innerHeight],
    width: document.documentElement.scrollWidth,
  };
}"""


def reader_problems(page, scheme: str, title: str, key: str) -> list[str]:
    """What a reader would find wrong on the loaded `page` in the colour scheme `scheme` ('light' or
    'dark'): the page's title `title` not shown whole in the first screen or covered, the element
    `key` that carries the page's own content not shown, the scheme not applied, text too faint to
    read (WCAG AA: 3:1 for the large title, 4.5:1 for text), or the page wider than the window."""
    seen = page.evaluate(_SEEN, key)
    problems = []
    want = {"light": "default", "dark": "slate"}[scheme]
    if seen["scheme"] != want:
        problems.append(f"colour scheme {seen['scheme']!r}, expected {want!r}")
    shade = luminance(_over("rgba(0, 0, 0, 0)", seen["page"]))
    if (scheme == "dark") != (shade < 0.2):
        problems.append(f"page background {seen['page']} is not {scheme}")
    shown = " ".join((seen["title"] or "").replace("\u00a0", " ").replace("\u202f", " ").split())
    if shown != " ".join(title.replace("\u00a0", " ").replace("\u202f", " ").split()):
        problems.append(f"title {seen['title']!r}, expected {title!r}")
    if seen["title_box"]:
        top, bottom, left, right = seen["title_box"]
        width, height = seen["viewport"]
        if not (top >= 0 and bottom <= height and left >= 0 and right <= width):
            problems.append(f"title not in the first screen: {seen['title_box']}")
        if not seen["title_on_top"]:
            problems.append("title covered by another element")
        if contrast(*seen["title_colour"]) < 3:
            problems.append(f"title contrast {contrast(*seen['title_colour']):.2f} < 3")
    if not seen["key_shown"]:
        problems.append(f"{key} not shown")
    elif contrast(*seen["key_colour"]) < 4.5:
        problems.append(f"{key} text contrast {contrast(*seen['key_colour']):.2f} < 4.5")
    if seen["width"] > seen["viewport"][0]:
        problems.append(f"page {seen['width']} px wide in a {seen['viewport'][0]} px window")
    return problems
