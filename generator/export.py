"""The `export` command: both languages' pages as plain Markdown, each language with a
`mkdocs.yml` that builds it with MkDocs and Material alone, without this generator.

It is the baseline the benchmarks compare our build with, and a way out should the site ever
have to move to another engine. Each `<out>/<lang>/` holds `docs/` (the generated pages and the
stylesheet, scripts and icons of templates/docs), `overrides/` (our Material overrides) and a
`mkdocs.yml` with the language site's settings: theme, Markdown extensions, navigation, and the
values our plugin would set (site name and description, `extra.factsheet`). The language-choice
page and the search index are not part of it: they are the hub's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .check import check
from .errors import GeneratorError
from .facts import FactSet, build_factset
from .model import LANGS
from .site import language_raw
from .sitefiles import language_site
from .targets import check_target, protected_folders

MARKER = "# Written by `python -m generator export`: a plain MkDocs site of one language."
WORK_MARKER = ".factsheet-export-in-progress"


def export(config_file: Path, content: Path, out: Path) -> dict[str, int]:
    """Write `out/<lang>/` for each language from the hub `config_file` and `content`; returns
    the number of pages of each."""
    from mkdocs.config import load_config

    from .mkdocs_plugin import factsheet_plugin

    hub = load_config(config_file=str(config_file))
    root = Path(hub.config_file_path).parent
    templates = root / factsheet_plugin(hub).config.templates
    out = check_target(out, protected_folders(root, content, templates), "export", "export")
    for lang in LANGS:
        _check_replaceable(out / lang)
    facts = build_factset(check(content))
    counts = {}
    out.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    for lang in LANGS:
        with _fresh(out, lang) as folder:
            counts[lang] = _write_language(hub, lang, facts, content, templates, folder)
    return counts


def _write_language(hub: Any, lang: str, facts: FactSet, content: Path, templates: Path, folder: Path) -> int:
    """Write one language's plain MkDocs site into `folder`; returns its number of pages."""
    raw = language_raw(hub, lang)
    _copy_docs(Path(hub.docs_dir), folder / "docs")
    site = language_site(facts, lang, Path(hub.config_file_path).parent, content, templates, raw.get("site_url"))
    for src, data in site.files.items():
        path = folder / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data.read_bytes() if isinstance(data, Path) else data)
    custom_dir = raw.get("theme", {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(Path(hub.config_file_path).parent / custom_dir, folder / "overrides")
    text = yaml.dump(plain_config(raw, facts, lang, has_overrides=bool(custom_dir)), Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False, width=120)
    (folder / "mkdocs.yml").write_text(f"{MARKER}\n{text}", encoding="utf-8")
    return len(site.pages)


def plain_config(raw: dict[str, Any], facts: FactSet, lang: str, has_overrides: bool) -> dict[str, Any]:
    """The language site's configuration without our plugin: what the plugin sets is written out."""
    title, tagline = facts.site.title[lang], facts.site.tagline[lang]
    # As the plugin does: Material writes site_name into the page unescaped.
    config: dict[str, Any] = {"site_name": str(escape(title)), "site_description": str(escape(tagline)),
                              "docs_dir": "docs", "site_dir": "site"}
    config.update((key, value) for key, value in raw.items()
                  if key not in ("site_name", "site_description", "docs_dir", "site_dir", "strict", "watch", "plugins"))
    config["theme"] = {**raw["theme"], **({"custom_dir": "overrides"} if has_overrides else {})}
    config["extra"] = {**(raw.get("extra") or {}), "factsheet": {"site_title": title, "lang": lang}}
    config["plugins"] = []
    return config


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a YAML block, as a person would."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _check_replaceable(folder: Path) -> None:
    """GeneratorError unless `folder` is absent or an earlier export (which is replaced)."""
    if not folder.exists() and not folder.is_symlink():
        return
    config = folder / "mkdocs.yml"
    try:
        earlier = folder.is_dir() and not folder.is_symlink() and config.is_file() \
            and config.read_bytes()[:len(MARKER)] == MARKER.encode()
    except OSError:
        earlier = False
    if not earlier:
        raise GeneratorError(f"{folder} exists and is not an earlier export (its mkdocs.yml does not begin with the "
                             "export's mark), and exporting would replace it; choose another folder, or move it away yourself")


@contextmanager
def _fresh(out: Path, lang: str) -> Iterator[Path]:
    """A new folder to write `out/<lang>` into, beside it; put in its place (replacing an earlier
    export) only once written whole, removed if the writing fails: a killed or failed export
    leaves the earlier one as it was, and at worst a marked work folder the next export removes."""
    work = Path(tempfile.mkdtemp(prefix=f".export-{lang}-", dir=out))
    try:
        (work / WORK_MARKER).write_text("A half-written export: the next export removes it.\n", encoding="utf-8")
        folder = work / lang
        folder.mkdir()
        yield folder
        target = out / lang
        if target.exists():
            os.rename(target, work / "earlier")
        os.rename(folder, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_leftovers(out: Path) -> None:
    """Remove the work folders an export killed before it ended left in `out` (they are marked)."""
    for entry in os.scandir(out):
        if entry.name.startswith(".export-") and entry.is_dir(follow_symlinks=False) \
                and os.path.isfile(os.path.join(entry.path, WORK_MARKER)):
            shutil.rmtree(entry.path, ignore_errors=True)


def _copy_docs(source: Path, docs: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, docs)
    else:
        docs.mkdir()
