"""Helpers for the browser tests: serve a built site on localhost, drive Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on an ephemeral localhost port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
