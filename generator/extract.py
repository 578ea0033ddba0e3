"""A source's own text and what it says about itself, from the bytes received: trafilatura for a
web page's article text (without its menus, banners, related links and footer) and its metadata
(Open Graph, schema.org JSON-LD, <meta>, <html lang>), htmldate for its date, pypdf for a PDF.
Whatever the source does not say is `unknown`: nothing is guessed."""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass
from importlib.metadata import version

import htmldate
import pypdf
import trafilatura
from lxml.html import HtmlElement
from pypdf.errors import PdfReadError
from trafilatura.metadata import META_URL, extract_metadata
from trafilatura.utils import decode_file, load_html

from . import __version__
from .fetch import CaptureError, Received
from .model import LANGS, UNKNOWN

# trafilatura and htmldate log what they could not find as warnings: not the editor's concern.
for _name in ("trafilatura", "htmldate", "courlan", "pypdf"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass(frozen=True)
class Extracted:
    """A source's text, and what it says of itself (`unknown` where it says nothing)."""

    text: str
    title: str = UNKNOWN
    outlet: str = UNKNOWN
    author: str = UNKNOWN
    date: str = UNKNOWN  # YYYY-MM-DD or unknown
    language: str = UNKNOWN  # its language code as the source gives it (fr, en-GB…), or unknown
    url: str = UNKNOWN  # the address the page gives for itself (canonical, og:url), or unknown
    is_article: bool = False  # the page calls itself a news article (og:type, schema.org)
    extractor: str = ""


def extract(received: Received) -> Extracted:
    """The text and metadata of `received`; CaptureError if it holds no text."""
    where = received.final_address or received.file or ""
    if received.media == "pdf":
        found = _from_pdf(received.data, where)
    elif received.media == "html":
        found = _from_html(_decode(received), received.final_address, where)
    else:
        found = Extracted(_text(received, where), extractor=f"factsheet {__version__} (plain text, as received)")
    if not found.text.strip():
        raise CaptureError(f"{where}: no text found in it (an empty page, or a scanned PDF without text?); nothing written")
    return found


def _decode(received: Received) -> str:
    """The page as text: in the charset the server declared, else as the page or its bytes say."""
    if received.charset:
        try:
            return received.data.decode(received.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(received.data)


def _text(received: Received, where: str) -> str:
    try:
        return received.data.decode(received.charset or "utf-8-sig")
    except (LookupError, UnicodeDecodeError):
        raise CaptureError(f"{where}: the text is not UTF-8 (and declares no other encoding): save it as UTF-8; nothing written") from None


def _from_html(html: str, address: str | None, where: str) -> Extracted:
    tree = load_html(html)
    if tree is None:
        raise CaptureError(f"{where}: not a readable web page; nothing written")
    body = trafilatura.extract(html, url=address, include_comments=False, include_tables=True, favor_precision=True,
                               deduplicate=False, output_format="txt") or ""
    meta = extract_metadata(tree, default_url=None, date_config={"extensive_search": False, "original_date": True})
    title = _clean(meta.title)
    text = f"{title}\n\n{body}" if title and body and not body.startswith(title) else body
    return Extracted(
        text=text.strip() + "\n" if text.strip() else "",
        title=title or UNKNOWN,
        outlet=_outlet(meta.sitename, meta.url),
        author=_clean(meta.author) or UNKNOWN,
        date=meta.date or _date_in_text(text),
        language=_language(tree),
        url=meta.url if meta.url and meta.url.startswith(("http://", "https://")) else UNKNOWN,
        is_article=_is_article(tree),
        extractor=f"trafilatura {version('trafilatura')}, htmldate {version('htmldate')}",
    )


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _outlet(sitename: str | None, url: str | None) -> str:
    """The site's name as the page gives it; trafilatura's fallback, the address's domain, is not one."""
    if not sitename:
        return UNKNOWN
    from_url = META_URL.match(url) if url else None
    return UNKNOWN if from_url and from_url[1] == sitename else _clean(sitename)


def _date_in_text(text: str) -> str:
    """A publication date written in the article's own text ("Publié le 12 septembre 2024").
    htmldate turns a year alone into 1 January: such a date is a guess, and left unknown."""
    found = htmldate.find_date(f"<html><body><article><p>{_escape(text[:3000])}</p></article></body></html>",
                               extensive_search=True, original_date=True)
    return found if found and not found.endswith("-01-01") else UNKNOWN


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _language(tree: HtmlElement) -> str:
    """The page's language as it declares it: <html lang>, else og:locale, else schema.org inLanguage."""
    for value in (tree.get("lang"), *tree.xpath('//meta[@property="og:locale"]/@content'),
                  *(_json_ld_values(tree, "inLanguage"))):
        if value and value.strip():
            stripped: str = value.strip()
            return stripped
    return UNKNOWN


def _is_article(tree: HtmlElement) -> bool:
    og = [v.strip().lower() for v in tree.xpath('//meta[@property="og:type"]/@content')]
    return "article" in og or bool({"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle"} & set(_json_ld_values(tree, "@type")))


def _json_ld_values(tree: HtmlElement, key: str) -> list[str]:
    values: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get(key)
                values.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return values


def lang_of(code: str) -> str | None:
    """One of our languages (en, fr) from a language code such as fr-FR or en_GB; None if another."""
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LANGS else None


def _from_pdf(data: bytes, where: str) -> Extracted:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CaptureError(f"{where}: the PDF is encrypted; nothing written")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError) as exc:
        raise CaptureError(f"{where}: not a readable PDF ({exc}); nothing written") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    return Extracted(
        text=text + "\n" if text else "",
        title=_clean(info.title if info else None) or UNKNOWN,
        author=_clean(info.author if info else None) or UNKNOWN,
        extractor=f"pypdf {version('pypdf')}",
    )
