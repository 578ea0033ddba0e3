"""Getting a source's bytes, as `source add` is given it: from a web address (a real HTTP client,
with timeouts, a size limit, redirects followed one by one and recorded, http and https only) or
from a file the editor saved. What is received is kept exactly, with when and where it came from."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from . import __version__
from .errors import GeneratorError

USER_AGENT = f"factsheet/{__version__} (source capture for a fact sheet; python -m generator source add)"
MAX_BYTES = 10 * 1024 * 1024  # no article, statement or decision we cite is larger
MAX_REDIRECTS = 10
TIMEOUT = 20.0  # seconds, to connect, between two reads, and for the whole download

# What we take, by media type: text, HTML or PDF, and nothing else.
MEDIA_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf", "text/plain": "text"}
FILE_TYPES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text"}


class CaptureError(GeneratorError):
    """A source that cannot be captured: said plainly, and nothing written."""


@dataclass(frozen=True)
class Received:
    """A source's bytes as received, and where and when they came from."""

    data: bytes
    media: str  # html, pdf or text
    charset: str | None  # as the server declared it, if it did
    captured_at: str  # UTC, YYYY-MM-DDTHH:MM:SSZ
    address: str | None = None  # the address asked for
    final_address: str | None = None  # where it led after redirects
    redirects: tuple[str, ...] = ()  # each address on the way, the asked one first
    file: str | None = None  # the name of the file read, when not fetched

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_address(address: str) -> None:
    """CaptureError unless `address` is an http or https address with a host."""
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CaptureError(f"{address}: not an http or https address: give the page's web address, or a saved .html, .pdf or "
                           ".txt file; nothing written")


def fetch(address: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Received:
    """GET `address`, following redirects (each checked and recorded); CaptureError for anything
    but a 200 answer of text, HTML or PDF within the time and size limits."""
    check_address(address)
    pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/pdf, text/plain;q=0.9"},
                               retries=False, timeout=urllib3.Timeout(connect=timeout, read=timeout))
    deadline = time.monotonic() + timeout
    chain = [address]
    try:
        while True:
            response = pool.request("GET", chain[-1], redirect=False, preload_content=False)
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                response.close()
                target = urljoin(chain[-1], response.headers["Location"])
                if len(chain) > MAX_REDIRECTS:
                    raise CaptureError(f"{address}: more than {MAX_REDIRECTS} redirects; nothing written")
                if urlsplit(target).scheme not in ("http", "https"):
                    raise CaptureError(f"{address}: redirected to {target}, not an http or https address; nothing written")
                chain.append(target)
                continue
            break
        if response.status != 200:
            response.close()
            raise CaptureError(f"{chain[-1]}: the server answered {response.status} {response.reason or ''}".rstrip()
                               + "; nothing written")
        media, charset = _content_type(response.headers.get("Content-Type", ""))
        if media not in MEDIA_TYPES:
            response.close()
            raise CaptureError(f"{chain[-1]}: the server sent {media or 'no content type'}, not text, HTML or PDF; nothing written")
        data = _read(response, chain[-1], max_bytes, deadline)
    except NewConnectionError:  # before timeouts: urllib3 makes it one
        raise CaptureError(f"{chain[-1]}: could not connect to {urlsplit(chain[-1]).netloc}; nothing written") from None
    except (TimeoutError, Urllib3Timeout):
        raise CaptureError(f"{chain[-1]}: no answer within {timeout:g} seconds; nothing written") from None
    except HTTPError as exc:
        raise CaptureError(f"{chain[-1]}: the download failed ({type(exc).__name__}); nothing written") from None
    finally:
        pool.clear()
    return Received(data, MEDIA_TYPES[media], charset, now_utc(), address, chain[-1], tuple(chain))


def _content_type(header: str) -> tuple[str, str | None]:
    message = Message()
    message["Content-Type"] = header
    media = message.get_content_type() if header else ""
    return media, message.get_param("charset")  # type: ignore[return-value]


def _read(response: urllib3.BaseHTTPResponse, address: str, max_bytes: int, deadline: float) -> bytes:
    too_large = f"{address}: larger than {max_bytes // (1024 * 1024)} MiB, more than any text we cite; nothing written"
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        response.close()
        raise CaptureError(too_large)
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            response.close()
            raise CaptureError(too_large)
        if time.monotonic() > deadline:
            response.close()
            raise Urllib3Timeout()
        chunks.append(chunk)
    return b"".join(chunks)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Received:
    """A saved .html, .pdf or .txt file, as received."""
    media = FILE_TYPES.get(path.suffix.lower())
    if media is None:
        raise CaptureError(f"{path}: not a .html, .pdf or .txt file; nothing written")
    if not path.is_file():
        raise CaptureError(f"{path}: no such file; nothing written")
    if path.stat().st_size > max_bytes:
        raise CaptureError(f"{path}: larger than {max_bytes // (1024 * 1024)} MiB, more than any text we cite; nothing written")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CaptureError(f"{path}: cannot read the file ({exc.strerror}); nothing written") from None
    return Received(data, media, None, now_utc(), file=path.name)
