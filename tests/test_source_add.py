"""`python -m generator source add`, over real HTTP: a server on 127.0.0.1 serves the pages in
tests/pages/ (and a few made here), and the real command line fetches them. Each case pins the
record and archive written, or the refusal's message and that nothing was written."""

from __future__ import annotations

import hashlib
import io
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from conftest import run_generator

PAGES = Path(__file__).parent / "pages"
ARTICLE = (PAGES / "news-article.html").read_bytes()
FRENCH = (PAGES / "french-page.html").read_bytes()
LATIN1 = (PAGES / "latin1-page.html").read_bytes()
BIG = b"<html><body><p>" + b"Words of a very long page. " * 420_000 + b"</p></body></html>"  # about 11 MiB
HTML = "text/html; charset=utf-8"


def make_pdf() -> bytes:
    """A one-page PDF with a title, an author and three lines of text."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    lines = ["Press release: Acme joins the open AI alliance", "Acme said on Monday that it supports open-weight models.",
             "The company will publish its own model in June."]
    stream = DecodedStreamObject()
    stream.set_data(("BT /F1 12 Tf 72 720 Td " + " 0 -18 Td ".join(f"({line}) Tj" for line in lines) + " ET").encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata({"/Title": "Acme joins the open AI alliance", "/Author": "Acme press office"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = make_pdf()

# path -> (status, headers, body, seconds to wait before answering)
ROUTES: dict[str, tuple[int, dict[str, str], bytes, float]] = {
    "/news/start-ups-ai-code": (200, {"Content-Type": HTML}, ARTICLE, 0),
    "/old/ai-code": (301, {"Location": "/news/start-ups-ai-code?utm_source=newsletter&utm_medium=email"}, b"", 0),
    "/economie/regulateurs": (200, {"Content-Type": HTML}, FRENCH, 0),
    "/autorite/declaration": (200, {"Content-Type": "text/html; charset=ISO-8859-1"}, LATIN1, 0),
    "/press/acme-open-ai.pdf": (200, {"Content-Type": "application/pdf"}, PDF, 0),
    "/gone": (404, {"Content-Type": HTML}, b"<html><body>Not here</body></html>", 0),
    "/broken": (503, {"Content-Type": HTML}, b"<html><body>Try later</body></html>", 0),
    "/slow": (200, {"Content-Type": HTML}, ARTICLE, 3),
    "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n", 0),
    "/huge": (200, {"Content-Type": HTML}, BIG, 0),
    "/huge-unannounced": (200, {"Content-Type": HTML, "Content-Length": ""}, BIG, 0),
    "/to-ftp": (302, {"Location": "ftp://127.0.0.1/file.txt"}, b"", 0),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body, wait = ROUTES.get(self.path.split("?")[0], (404, {}, b"", 0))
        time.sleep(wait)
        self.send_response(status)
        for name, value in headers.items():
            if value:
                self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a size limit does

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def files(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def add(content: Path, *args: str) -> tuple[int, str, str]:
    result = run_generator("source", "add", *args, "--content", str(content))
    return result.returncode, result.stdout, result.stderr


def captured(record: str) -> tuple[str, str]:
    """The record with its capture time replaced by <time>, and that time."""
    found = re.search(r'captured_at: "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"', record)
    assert found, record
    return record.replace(found.group(1), "<time>"), found.group(1)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TODO_DESCRIPTION = ('description:\n  en: "TODO (English): Our one-line description of it, for readers."\n'
                    '  fr: "TODO (French): Our one-line description of it, for readers."\n')
ARCHIVED_URL = '# archived_url: "https://web.archive.org/…"   optional: A public archived copy (archive.org, archive.today), if there is one.\n'
HEAD = "# yaml-language-server: $schema=../../schemas/sources.schema.json\n"


def test_a_news_page_is_recorded_from_its_own_metadata_without_its_menus(server: str, content_copy: Path) -> None:
    address = f"{server}/news/start-ups-ai-code?utm_source=newsletter"
    code, out, err = add(content_copy, address, "--description-en", "News report on start-ups’ letter on the EU AI code.",
                         "--description-fr", "Article sur la lettre de jeunes pousses à propos du code européen de l’IA.")
    assert (code, err) == (0, "")
    rid = "start-ups-say-eu-ai-code-favours-incumbents"
    assert out.splitlines() == [
        f"Wrote content/sources/{rid}.yaml and content/archive/{rid}.txt (167 words, from {address}).",
        "  title: Start-ups say EU AI code favours incumbents",
        "  outlet: The Brussels Ledger",
        "  author: Claire Dubois",
        "  date: 2025-03-04",
        "Next: run make check",
    ]
    record, when = captured((content_copy / "sources" / f"{rid}.yaml").read_text(encoding="utf-8"))
    assert record == (
        HEAD + "kind: news-report\nlanguage: en\n"
        'title: "Start-ups say EU AI code favours incumbents"\noutlet: "The Brussels Ledger"\nauthor: "Claire Dubois"\n'
        f'date: "2025-03-04"\nurl: "{server}/news/start-ups-ai-code"\narchive: full\n'
        f'capture:\n  captured_at: "<time>"\n  sha256: "{sha(ARTICLE)}"\n  extractor: "trafilatura 2.3.1, htmldate 1.11.0"\n'
        f'  address: "{address}"\n  final_address: "{address}"\n' + ARCHIVED_URL +
        'description:\n  en: "News report on start-ups’ letter on the EU AI code."\n'
        '  fr: "Article sur la lettre de jeunes pousses à propos du code européen de l’IA."\n')
    assert abs(time.time() - time.mktime(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ")) + time.timezone) < 120
    archive = (content_copy / "archive" / f"{rid}.txt").read_text(encoding="utf-8")
    assert archive == (
        "Start-ups say EU AI code favours incumbents\n"
        "Twelve European artificial intelligence start-ups have written to the European Commission to say that its draft "
        "code of practice for general-purpose AI models favours the largest companies.\n"
        "“We will not sign a code that was written without us,” the letter says. The signatories argue that the reporting "
        "duties in the draft would cost a small company more than its entire compliance budget.\n"
        "The Commission said it had received the letter and would answer it before the code is finalised in May. "
        "A spokesperson added that the consultation remained open to every provider, whatever its size.\n"
        "Industry groups representing larger firms have broadly welcomed the draft, while asking for longer transition "
        "periods before its obligations apply.\n"
        "The letter’s authors, who develop language and vision models in France, Germany, Poland and Sweden, say they would "
        "support a code that scaled its duties to the size of the provider. They have asked to meet the Commission’s AI Office "
        "before the next drafting round.\n")
    for furniture in ("cookies", "Subscribe", "Politics", "Related stories", "Brussels opens review", "All rights reserved", "By Claire"):
        assert furniture not in archive
    check = run_generator("check", "--content", str(content_copy))
    assert (check.returncode, check.stderr) == (0, "")


def test_the_same_address_again_or_a_redirect_to_it_is_refused_naming_the_record(server: str, content_copy: Path) -> None:
    assert add(content_copy, f"{server}/news/start-ups-ai-code")[0] == 0
    before = files(content_copy)
    record = "content/sources/start-ups-say-eu-ai-code-favours-incumbents.yaml"
    assert add(content_copy, f"{server}/news/start-ups-ai-code?utm_campaign=spring#comments") == (
        1, "", f"Error: {server}/news/start-ups-ai-code?utm_campaign=spring#comments is already recorded in {record}: "
               "edit that record; nothing written\n")
    target = f"{server}/news/start-ups-ai-code?utm_source=newsletter&utm_medium=email"
    assert add(content_copy, f"{server}/old/ai-code") == (
        1, "", f"Error: {target} (where {server}/old/ai-code leads) is already recorded in {record}: edit that record; nothing written\n")
    assert files(content_copy) == before


def test_a_redirect_is_followed_and_both_addresses_recorded(server: str, content_copy: Path) -> None:
    code, out, err = add(content_copy, f"{server}/old/ai-code", "--id", "ledger-ai-code")
    assert (code, err) == (0, "")
    final = f"{server}/news/start-ups-ai-code?utm_source=newsletter&utm_medium=email"
    assert out.splitlines()[-2] == f"  redirected: {server}/old/ai-code -> {final}"
    record = (content_copy / "sources" / "ledger-ai-code.yaml").read_text(encoding="utf-8")
    assert f'url: "{server}/news/start-ups-ai-code"\n' in record
    assert f'  address: "{server}/old/ai-code"\n  final_address: "{final}"\n' in record


def test_a_french_page_gets_the_date_written_in_its_text(server: str, content_copy: Path) -> None:
    code, out, err = add(content_copy, f"{server}/economie/regulateurs")
    assert (code, err) == (0, "")
    rid = "les-regulateurs-europeens-face-aux-geants-du-numerique"
    record, _ = captured((content_copy / "sources" / f"{rid}.yaml").read_text(encoding="utf-8"))
    assert record == (
        HEAD + "kind: other\nlanguage: fr\n"
        'title: "Les régulateurs européens face aux géants du numérique"\noutlet: unknown\nauthor: unknown\n'
        f'date: "2024-09-12"\nurl: "{server}/economie/regulateurs"\narchive: full\n'
        f'capture:\n  captured_at: "<time>"\n  sha256: "{sha(FRENCH)}"\n  extractor: "trafilatura 2.3.1, htmldate 1.11.0"\n'
        f'  address: "{server}/economie/regulateurs"\n  final_address: "{server}/economie/regulateurs"\n'
        + ARCHIVED_URL + TODO_DESCRIPTION)
    assert out.splitlines()[2:4] == ["  outlet: unknown (the source does not say: write it if you find it elsewhere)",
                                     "  author: unknown (the source does not say: write it if you find it elsewhere)"]
    assert out.splitlines()[-1] == "Next: open the file, write our description in both languages (the TODO lines), then run: make check"
    archive = (content_copy / "archive" / f"{rid}.txt").read_text(encoding="utf-8")
    assert archive.startswith("Les régulateurs européens face aux géants du numérique\nPublié le 12 septembre 2024. ")
    assert "Accueil" not in archive and "Mentions légales" not in archive


def test_a_latin1_page_declared_in_its_headers_is_read_in_latin1(server: str, content_copy: Path) -> None:
    assert add(content_copy, f"{server}/autorite/declaration", "--kind", "regulator-decision")[0] == 0
    record = (content_copy / "sources" / "declaration-de-l-autorite.yaml").read_text(encoding="utf-8")
    assert 'kind: regulator-decision\nlanguage: fr\ntitle: "Déclaration de l\'autorité"\n' in record
    assert "date: unknown\n" in record
    archive = (content_copy / "archive" / "declaration-de-l-autorite.txt").read_text(encoding="utf-8")
    assert "L'autorité a publié une déclaration sur la protection des données des mineurs" in archive


def test_a_pdf_is_recorded_from_its_text_and_its_own_metadata(server: str, content_copy: Path) -> None:
    address = f"{server}/press/acme-open-ai.pdf"
    code, _out, err = add(content_copy, address, "--language", "en", "--kind", "company-statement", "--id", "acme-open-ai")
    assert (code, err) == (0, "")
    record, _ = captured((content_copy / "sources" / "acme-open-ai.yaml").read_text(encoding="utf-8"))
    assert record == (
        HEAD + "kind: company-statement\nlanguage: en\n"
        'title: "Acme joins the open AI alliance"\noutlet: unknown\nauthor: "Acme press office"\n'
        f'date: unknown\nurl: "{address}"\narchive: full\n'
        f'capture:\n  captured_at: "<time>"\n  sha256: "{sha(PDF)}"\n  extractor: "pypdf 7.1.1"\n'
        f'  address: "{address}"\n  final_address: "{address}"\n' + ARCHIVED_URL + TODO_DESCRIPTION)
    assert (content_copy / "archive" / "acme-open-ai.txt").read_text(encoding="utf-8") == (
        "Press release: Acme joins the open AI alliance\nAcme said on Monday that it supports open-weight models.\n"
        "The company will publish its own model in June.\n")


def test_a_saved_pdf_file_is_recorded_with_its_file_name(tmp_path: Path, content_copy: Path) -> None:
    saved = tmp_path / "acme-release.pdf"
    saved.write_bytes(PDF)
    assert add(content_copy, str(saved), "--language", "en")[0] == 0
    record, _ = captured((content_copy / "sources" / "acme-joins-the-open-ai-alliance.yaml").read_text(encoding="utf-8"))
    assert ('url: unknown\narchive: full\n'
            f'capture:\n  captured_at: "<time>"\n  sha256: "{sha(PDF)}"\n  extractor: "pypdf 7.1.1"\n  file: "acme-release.pdf"\n') in record
    check = run_generator("check", "--content", str(content_copy))
    assert "acme-joins-the-open-ai-alliance.yaml" in check.stderr  # only its TODO descriptions
    assert all("TODO placeholder" in line for line in check.stderr.splitlines()[:-1])


REFUSALS: dict[str, tuple[str, str]] = {
    "not_found": ("/gone", "Error: {s}/gone: the server answered 404 Not Found; nothing written"),
    "server_error": ("/broken", "Error: {s}/broken: the server answered 503 Service Unavailable; nothing written"),
    "not_text": ("/logo.png", "Error: {s}/logo.png: the server sent image/png, not text, HTML or PDF; nothing written"),
    "too_large": ("/huge", "Error: {s}/huge: larger than 10 MiB, more than any text we cite; nothing written"),
    "too_large_unannounced": ("/huge-unannounced", "Error: {s}/huge-unannounced: larger than 10 MiB, more than any text we cite; nothing written"),
    "redirect_away_from_http": ("/to-ftp", "Error: {s}/to-ftp: redirected to ftp://127.0.0.1/file.txt, not an http or https "
                                           "address; nothing written"),
    "timeout": ("/slow", "Error: {s}/slow: no answer within 1 seconds; nothing written"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_what_cannot_be_captured_is_refused_and_nothing_written(case: str, server: str, content_copy: Path) -> None:
    path, message = REFUSALS[case]
    before = files(content_copy)
    assert add(content_copy, f"{server}{path}", "--timeout", "1") == (1, "", message.format(s=server) + "\n")
    assert files(content_copy) == before


@pytest.mark.parametrize("target, message", [
    ("ftp://127.0.0.1/file.txt", "Error: ftp://127.0.0.1/file.txt: not an http or https address: give the page's web address, "
                                 "or a saved .html, .pdf or .txt file; nothing written"),
    ("javascript:alert(1)", "Error: javascript:alert(1): not an http or https address: give the page's web address, "
                            "or a saved .html, .pdf or .txt file; nothing written"),
    ("notes.docx", "Error: notes.docx: not a .html, .pdf or .txt file; nothing written"),
    ("missing.pdf", "Error: missing.pdf: no such file; nothing written"),
])
def test_what_is_not_an_address_or_a_file_we_read_is_refused(target: str, message: str, content_copy: Path) -> None:
    before = files(content_copy)
    assert add(content_copy, target) == (1, "", message + "\n")
    assert files(content_copy) == before


def test_a_source_of_unknown_language_is_refused_without_a_terminal(tmp_path: Path, content_copy: Path) -> None:
    saved = tmp_path / "statement.txt"
    saved.write_text("Acme supports the code of practice. It will sign it in May.\n", encoding="utf-8")
    before = files(content_copy)
    assert add(content_copy, str(saved)) == (1, "", "Error: statement.txt: the source does not say its language: give --language en "
                                                     "or --language fr if it is in English or French; nothing written\n")
    assert files(content_copy) == before


def test_an_existing_file_is_never_overwritten(tmp_path: Path, content_copy: Path) -> None:
    saved = tmp_path / "statement.txt"
    saved.write_text("Acme supports the code of practice.\n", encoding="utf-8")
    (content_copy / "archive" / "statement.txt").write_text("Something else.\n", encoding="utf-8")
    before = files(content_copy)
    assert add(content_copy, str(saved), "--language", "en") == (
        1, "", "Error: content/archive/statement.txt already exists: give the new source another id with --id; nothing written\n")
    assert files(content_copy) == before


def test_the_guides_link_example_prints_what_it_shows(server: str, content_copy: Path) -> None:
    guide = (Path(__file__).parent.parent / "EDITING.md").read_text(encoding="utf-8")
    section = guide[guide.index("### I have a link"):]
    command = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1).replace("\\\n", " ")
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL).group(1)
    address, description_en, description_fr = re.findall(r'"([^"]*)"', command)
    code, out, err = add(content_copy, f"{server}/news/start-ups-ai-code", "--description-en", description_en,
                         "--description-fr", description_fr)
    assert (code, err) == (0, "")
    assert out == shown.replace(address, f"{server}/news/start-ups-ai-code")


def test_on_a_terminal_it_asks_for_the_kind_and_our_description_in_both_languages(server: str, content_copy: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT

    controller, terminal = pty.openpty()
    os.write(controller, "\nNews report on start-ups’ letter.\nArticle sur la lettre de jeunes pousses.\n".encode())
    proc = subprocess.run([sys.executable, "-m", "generator", "source", "add", f"{server}/news/start-ups-ai-code", "--content", str(content_copy)],
                          stdin=terminal, capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})
    os.close(terminal)
    os.close(controller)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ("What kind of source it is (news-report, company-statement, regulator-decision, other) [news-report]: "
                           "Our one-line description of it, for readers, in English: "
                           "Our one-line description of it, for readers, in French: ")
    record = (content_copy / "sources" / "start-ups-say-eu-ai-code-favours-incumbents.yaml").read_text(encoding="utf-8")
    assert record.startswith(HEAD + "kind: news-report\nlanguage: en\n")
    assert record.endswith('description:\n  en: "News report on start-ups’ letter."\n  fr: "Article sur la lettre de jeunes pousses."\n')


def test_a_short_text_is_written_with_a_word_on_what_to_do_if_it_is_not_all(server: str, content_copy: Path) -> None:
    code, out, err = add(content_copy, f"{server}/economie/regulateurs")
    assert (code, err) == (0, "")
    assert out.splitlines()[5] == ('  only 94 words: if that is not the whole text (a paywall, a page cut short), '
                                   'see "I have only part of the text" in EDITING.md')


def test_a_page_in_another_language_is_refused_unless_told_its_language(tmp_path: Path, content_copy: Path) -> None:
    saved = tmp_path / "erklaerung.html"
    saved.write_text('<html lang="de"><head><title>Erklärung</title></head><body><article><p>'
                     + "Die Behörde hat heute eine Erklärung zum Datenschutz veröffentlicht. " * 5 + "</p></article></body></html>",
                     encoding="utf-8")
    before = files(content_copy)
    assert add(content_copy, str(saved)) == (1, "", "Error: erklaerung.html: the source says it is in 'de': give --language en "
                                                    "or --language fr if it is in English or French; nothing written\n")
    assert files(content_copy) == before


def test_a_saved_web_page_takes_its_address_from_the_page_and_is_not_recorded_twice(tmp_path: Path, content_copy: Path) -> None:
    saved = tmp_path / "ledger.html"
    saved.write_bytes(ARTICLE)
    assert add(content_copy, str(saved), "--id", "ledger-saved")[0] == 0
    record, _ = captured((content_copy / "sources" / "ledger-saved.yaml").read_text(encoding="utf-8"))
    assert ('url: "https://ledger.example/2025/03/ai-code-start-ups"\narchive: full\n'
            f'capture:\n  captured_at: "<time>"\n  sha256: "{sha(ARTICLE)}"\n  extractor: "trafilatura 2.3.1, htmldate 1.11.0"\n'
            '  file: "ledger.html"\n') in record
    before = files(content_copy)
    assert add(content_copy, str(saved), "--id", "ledger-again") == (
        1, "", "Error: https://ledger.example/2025/03/ai-code-start-ups is already recorded in content/sources/ledger-saved.yaml: "
               "edit that record; nothing written\n")
    assert files(content_copy) == before
