"""The built site, from the real content: pages in both languages, twins, quotes, escaping, and
a build that fails leaving the previous site untouched."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, mkdocs_serve, run_generator, stop_serve
from generator import urls
from generator.check import check
from generator.facts import build_factset
from generator.model import LANGS

FACTS = build_factset(check(ROOT / "content"))
HREF_RE = r'href="([^"]*)"'


def page_path(site: Path, url: str) -> Path:
    """The file behind a site URL (like '/en/issues/x/'), as a static server would serve it."""
    path = site / url.lstrip("/").split("#")[0]
    return path / "index.html" if url.split("#")[0].endswith("/") else path


def html_pages(site: Path) -> list[Path]:
    return [p for lang in LANGS for p in sorted((site / lang).rglob("index.html"))]


def url_of(site: Path, page: Path) -> str:
    return "/" + str(page.parent.relative_to(site)).replace("\\", "/") + "/"


@pytest.mark.parametrize("kind", ["organisations", "issues", "people"])
def test_every_record_has_a_page_in_both_languages(built_site: Path, kind: str) -> None:
    for rid in getattr(FACTS, kind):
        for lang in LANGS:
            url = f"/{lang}/" + urls.url_of(FACTS, kind, rid, lang)
            page = page_path(built_site, url)
            assert page.is_file(), url
            assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")


def test_every_language_switcher_lands_on_the_twin_and_back(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<a class="fs-language" href="([^"]+)" hreflang="(en|fr)"', text)
        assert match, f"no language switcher on {page}"
        here = url_of(built_site, page)
        twin = urljoin(here, match.group(1))
        assert twin.startswith(f"/{match.group(2)}/") or (here, twin) == ("/fr/guide/", "/guide/")  # the English guide is the hub's
        twin_text = page_path(built_site, twin).read_text(encoding="utf-8")
        back = re.search(r'<a class="fs-language" href="([^"]+)"', twin_text)
        assert urljoin(twin, back.group(1)) == here, f"{here} -> {twin} does not lead back"


def test_every_page_names_itself_and_its_twin_as_hreflang_alternates(built_site: Path) -> None:
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        here = url_of(built_site, page)
        alternates = dict(re.findall(r'<link rel="alternate ?" hreflang="(en|fr)" href="([^"]+)">', text))
        assert set(alternates) == {"en", "fr"}, here
        assert all(href.startswith("http://127.0.0.1:8000/") for href in alternates.values()), "hreflang must be absolute"
        lang = here.split("/")[1]
        assert urlsplit(alternates[lang]).path == here
        other = next(lg for lg in LANGS if lg != lang)
        assert page_path(built_site, urlsplit(alternates[other]).path).is_file()


def test_every_internal_link_resolves(built_site: Path) -> None:
    for page in html_pages(built_site):
        here = url_of(built_site, page)
        for href in re.findall(HREF_RE, page.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if href.startswith(("http://", "https://", "#", "mailto:")):
                continue
            target = urljoin(here, href).split("?")[0]
            assert page_path(built_site, target).exists(), f"{here}: broken link {href}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_quote_is_on_its_organisation_and_issue_pages_in_both_wordings(built_site: Path, lang: str) -> None:
    for qid, quote in FACTS.quotes.items():
        pages = [urls.url_of(FACTS, "organisations", s.organisation, lang) for s in quote.speakers]
        pages += [urls.url_of(FACTS, "issues", i, lang) for i in quote.issues]
        for url in pages:
            text = page_path(built_site, f"/{lang}/{url}").read_text(encoding="utf-8")
            assert f'id="quote-{qid}"' in text, (qid, url)
            for wording_lang in LANGS:
                assert html.escape(quote.wording[wording_lang].text, quote=False).replace("'", "&#39;") in text


def test_a_quote_shown_in_the_other_language_carries_its_own_lang(built_site: Path) -> None:
    text = page_path(built_site, "/en/" + urls.url_of(FACTS, "organisations", "spotify", "en")).read_text(encoding="utf-8")
    assert 'lang="fr" translate="no"' in text


def test_french_pages_use_french_quotation_marks(built_site: Path) -> None:
    text = page_path(built_site, "/fr/" + urls.url_of(FACTS, "organisations", "spotify", "fr")).read_text(encoding="utf-8")
    assert "«\u00a0farce totale\u00a0»" in text


def test_the_site_loads_nothing_from_another_host(built_site: Path) -> None:
    for page in [built_site / "index.html", *html_pages(built_site)]:
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if re.search(r'rel="(?:canonical|alternate ?)"', tag):
                continue  # names a URL, loads nothing
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (page, tag)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_french_search_index_exists_per_language(built_site: Path) -> None:
    metas = {p.name.split("_")[0] for p in (built_site / "pagefind").glob("pagefind.*.pf_meta")}
    assert metas == {"pagefind.en", "pagefind.fr"}


def search_texts(site: Path) -> dict[str, str]:
    """What Pagefind indexed, by page URL (its fragments are gzipped JSON after a short header)."""
    import gzip
    import json

    out = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[data["url"]] = data["content"]
    return out


def test_each_language_is_searched_in_its_own_words(built_site: Path) -> None:
    """A quote's wording in the other language, and the home page's matrix, are left out of the index."""
    texts = search_texts(built_site)
    by_lang = {lang: " ".join(t for url, t in texts.items() if url.startswith(f"/{lang}/")) for lang in LANGS}
    assert by_lang["en"] and by_lang["fr"]
    for quote in FACTS.quotes.values():
        for lang in LANGS:
            other = next(lg for lg in LANGS if lg != lang)
            words = " ".join(quote.wording[lang].text.split())[:40]
            assert words in by_lang[lang], (quote.id, lang)
            if words not in " ".join(quote.wording[other].text.split()):
                assert words not in by_lang[other], (quote.id, lang)
    home = texts["/en/"]
    assert FACTS.site.title["en"] in home
    assert all(level.label["en"] not in home for level in FACTS.scale.levels)


def test_the_home_matrix_is_a_summary_of_the_organisations_and_issues_with_most_stances(monkeypatch) -> None:
    from generator import contexts
    from generator.render import renderer

    full = renderer(FACTS, "en", ROOT / "templates").home_context()
    assert len(full["matrix_rows"]) == len(FACTS.organisations) and full["matrix_more"] == ""
    monkeypatch.setattr(contexts, "MATRIX_ORGANISATIONS", 2)
    monkeypatch.setattr(contexts, "MATRIX_ISSUES", 3)
    counts = {oid: sum(s.organisation == oid for s in FACTS.stances.values()) for oid in FACTS.organisations}
    top = sorted(FACTS.organisations, key=lambda oid: (-counts[oid], oid))[:2]
    home = renderer(FACTS, "en", ROOT / "templates").home_context()
    assert [org.label for org, _ in home["matrix_rows"]] == [FACTS.organisations[o].name["en"] for o in FACTS.organisations if o in top]
    assert len(home["matrix_issues"]) == 3 and all(len(cells) == 3 for _, cells in home["matrix_rows"])
    assert home["matrix_more"].startswith("The 2 organisations and 3 issues with the most recorded stances.")
    assert [link.href for link in home["matrix_all"]] == ["organisations/", "issues/"]


def test_a_stance_table_has_a_row_per_stance_record_and_names_the_rest_in_one_line(built_site: Path, monkeypatch) -> None:
    from generator import recordviews
    from generator.render import renderer

    for lang in LANGS:
        r = renderer(FACTS, lang, ROOT / "templates")
        for oid in FACTS.organisations:
            context = r.organisation_context(oid)
            assert [s.anchor for s in context["stances"]] == [f"stance-{i}" for i in FACTS.issues if FACTS.stance(oid, i)]
            assert [link.anchor for link in context["unrecorded"].links] == [f"stance-{i}" for i in FACTS.issues if not FACTS.stance(oid, i)]
    apple = (built_site / "en" / urls.url_of(FACTS, "organisations", "apple", "en") / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="fs-meta fs-unrecorded">(.*?)</p>', apple).group(1)
    assert FACTS.level("no-public-position").label["en"] in line
    assert all(f'id="stance-{i}"' in line for i in FACTS.issues if not FACTS.stance("apple", i))
    monkeypatch.setattr(recordviews, "UNRECORDED_NAMED", 1)
    many = renderer(FACTS, "en", ROOT / "templates").issue_context("ai-training-on-public-data")["unrecorded"]
    assert many.links == () and many.more == f"{sum(not FACTS.stance(o, 'ai-training-on-public-data') for o in FACTS.organisations)} organisations"


# --- Hostile content and failed builds ---------------------------------------------------------

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'></title>*em* [x](javascript:alert(3))"


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def _poison(value, key=""):
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in ("en", "fr", "name", "title", "outlet", "author", "body"):
        return value + " " + PAYLOAD
    return value


def test_a_hostile_string_in_every_text_field_comes_out_inert(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    for path in (project / "content").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "wording" in data:  # quote texts must stay as their sources print them
            wording = data.pop("wording")
            data = _poison(data)
            data["wording"] = wording
        else:
            data = _poison(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_generator("build", "--site-dir", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "out").rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert "<img src=x" not in text, page
        assert "javascript:" not in text.replace("[x](javascript:alert(3))", "").replace("javascript&#58;", ""), page
        assert text.count("</title>") == 1, page
        assert "<em>em</em>" not in text, page


ISSUE_TEMPLATE = Path("templates") / "pages" / "issue.md.j2"


def link_to_nowhere(project: Path) -> None:
    """A link MkDocs finds broken (a warning: an error in strict mode) in every issue page, in each language."""
    with (project / ISSUE_TEMPLATE).open("a", encoding="utf-8") as template:
        template.write("[Nowhere](nowhere.md)\n")


def undefined_in_a_template(project: Path) -> int:
    """An undefined value used in the issue pages of each language; the template's line that uses it."""
    text = (project / ISSUE_TEMPLATE).read_text(encoding="utf-8")
    (project / ISSUE_TEMPLATE).write_text(text + "{{ no_such_value }}\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("no_fork", ["0", "1"], ids=["a process per language", "one language after the other"])
def test_a_failed_build_names_the_problems_of_both_languages_and_one_they_share_once(tmp_path: Path, no_fork: str) -> None:
    project = project_copy(tmp_path)
    env = {"FACTSHEET_NO_FORK": no_fork}

    link_to_nowhere(project)
    broken_links = run_generator("build", "--site-dir", str(tmp_path / "out"), cwd=project, env=env, process=True)
    assert broken_links.returncode == 1
    assert broken_links.stderr.startswith("Error: the site was not built; out/ is unchanged.\n")
    assert "WARNING: Doc file 'issues/open-source-ai.md' contains a link 'nowhere.md'" in broken_links.stderr
    assert "WARNING: Doc file 'enjeux/l-ia-open-source.md' contains a link 'nowhere.md'" in broken_links.stderr

    shutil.copy(ROOT / ISSUE_TEMPLATE, project / ISSUE_TEMPLATE)
    line = undefined_in_a_template(project)
    undefined = run_generator("build", "--site-dir", str(tmp_path / "out"), cwd=project, env=env, process=True)
    assert undefined.returncode == 1
    assert undefined.stderr == ("Error: the site was not built; out/ is unchanged.\n"
                                f"ERROR: templates/pages/issue.md.j2:{line}: 'no_such_value' is undefined\n")


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path, built_site: Path) -> None:
    project = project_copy(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(built_site, out)  # the previous site: a build of the same project
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    (project / "content" / "organisations" / "meta.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    bad_content = run_generator("build", "--site-dir", str(out), cwd=project)
    assert bad_content.returncode == 1
    assert "content/organisations/meta.yaml:1:7: kind: 'nonsense' is not one of" in bad_content.stderr

    shutil.copy(ROOT / "content" / "organisations" / "meta.yaml", project / "content" / "organisations" / "meta.yaml")
    (project / "templates" / "pages" / "issue.md.j2").write_text("# {{ no_such_value }}\n", encoding="utf-8")
    bad_template = run_generator("build", "--site-dir", str(out), cwd=project)
    assert bad_template.returncode == 1
    assert "templates/pages/issue.md.j2:1: 'no_such_value' is undefined" in bad_template.stderr
    assert "Traceback" not in bad_template.stderr

    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site-build-*"))


@pytest.mark.parametrize("env", [{"FACTSHEET_NO_FORK": "1"}, {"FACTSHEET_JOBS": "1"}], ids=["one process", "one language at a time"])
def test_two_builds_of_the_same_content_are_identical_in_one_process_or_a_process_per_language(built_site: Path, tmp_path: Path,
                                                                                                env) -> None:
    """Each build here, made without the caches (which would hand back the pages of the last build),
    in a new interpreter, is compared byte for byte with the shared one (a process per language): a
    build that is not deterministic, or that differs by how it is run, fails either comparison. (One
    test for both: a third build only to compare two builds run alike proved nothing more.)"""
    one = tmp_path / "one"
    assert run_generator("build", "--site-dir", str(one), env={**env, "FACTSHEET_NO_CACHE": "1"}, process=True).returncode == 0
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_build_checks_the_content_folder_the_plugin_is_given(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "content").rename(project / "facts")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - factsheet\n" in config
    (project / "mkdocs.yml").write_text(config.replace("  - factsheet\n", "  - factsheet:\n      content: facts\n")
                                        .replace("  - content\n", "  - facts\n"), encoding="utf-8")
    built = run_generator("build", "--site-dir", str(tmp_path / "out"), cwd=project)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "en" / "organisations" / "meta" / "index.html").is_file()

    (project / "facts" / "organisations" / "meta.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    broken = run_generator("build", "--site-dir", str(tmp_path / "out"), cwd=project)
    assert broken.returncode == 1
    assert "facts/organisations/meta.yaml:1:7: kind: 'nonsense' is not one of" in broken.stderr


def test_the_site_builds_under_properdocs_too(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "pd"
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        assert (out / lang / "index.html").is_file()
    assert (out / "pagefind").is_dir()


def test_the_theme_files_a_build_copies_are_those_mkdocs_would_copy_without_walking_a_dot_folder() -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.mkdocs_plugin import ThemeLoader, _list_theme_files_without_dot_folders

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    own_env = config.theme.get_env()
    _list_theme_files_without_dot_folders(config)
    env = config.theme.get_env()
    assert isinstance(env.loader, ThemeLoader) and env.loader.searchpath == own_env.loader.searchpath
    theirs, ours = Files([]), Files([])
    theirs.add_files_from_theme(own_env, config)
    ours.add_files_from_theme(env, config)
    assert [(f.src_uri, f.abs_src_path) for f in ours] == [(f.src_uri, f.abs_src_path) for f in theirs]
    assert len(ours) > 20  # its stylesheets, scripts and images
    listed, all_listed = env.list_templates(), own_env.list_templates()
    assert len(all_listed) > 10_000 and len(listed) < 1_000  # Material's .icons
    assert listed == [name for name in all_listed if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert env.get_template("main.html").filename == own_env.get_template("main.html").filename


def test_serve_rebuilds_when_a_content_file_is_saved(tmp_path: Path) -> None:
    import signal
    import time
    import urllib.request

    project = project_copy(tmp_path)
    served_in = tmp_path / "tmp"  # mkdocs serve builds into a folder of its own there
    port, proc = mkdocs_serve(project, served_in)
    url = f"http://127.0.0.1:{port}/en/" + urls.url_of(FACTS, "organisations", "apple", "en")

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 60
        while "Apple" not in fetch():
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        path = project / "content" / "organisations" / "apple.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("  en: \"", "  en: \"Freshly edited. ", 1), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "Freshly edited." not in fetch():
            assert time.monotonic() < deadline, "serve did not rebuild after the edit"
            time.sleep(0.3)
        assert "livereload" in fetch()
    finally:
        stop_serve(proc, served_in, signal.SIGINT)  # Ctrl-C, as an editor stops it
    assert list(served_in.iterdir()) == [], "serve left its build behind"


def test_the_methodology_pages_link_to_the_editors_guide(built_site: Path) -> None:
    for lang, page, guide in (("en", "methodology", "../../guide/"), ("fr", "methodologie", "../../fr/guide/")):
        text = page_path(built_site, f"/{lang}/{page}/").read_text(encoding="utf-8")
        assert f'href="{guide}" hreflang="{lang}"' in text
    guide = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in guide and "python -m generator new" in guide
    french = (built_site / "fr" / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and "<h1" in french and "Le guide de l’éditeur\u00a0: d’un article aux faits publiés" in french
