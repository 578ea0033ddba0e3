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

import shutil
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .cards import CardStore, card_images
from .check import check
from .errors import GeneratorError
from .facts import FactSet, build_factset
from .model import LANGS
from .feeds import FEED_NAME, feed
from .history import content_history
from .render import renderer
from .site import language_raw

MARKER = "# Written by `python -m generator export`: a plain MkDocs site of one language."


def export(config_file: Path, content: Path, out: Path) -> dict[str, int]:
    """Write `out/<lang>/` for each language from the hub `config_file` and `content`; returns
    the number of pages of each."""
    from mkdocs.config import load_config

    from .mkdocs_plugin import factsheet_plugin

    hub = load_config(config_file=str(config_file))
    templates = Path(hub.config_file_path).parent / factsheet_plugin(hub).config.templates
    facts = build_factset(check(content))
    history = content_history(content)
    counts = {}
    for lang in LANGS:
        raw = language_raw(hub, lang)
        folder = _fresh(out / lang)
        _copy_docs(Path(hub.docs_dir), folder / "docs")
        r = renderer(facts, lang, templates, site_url=raw.get("site_url"), history=history)
        pages = r.pages()
        for page in pages:
            path = folder / "docs" / page.src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
        (folder / "docs" / FEED_NAME).write_text(feed(r, history), encoding="utf-8")
        for src, png in card_images(pages, CardStore.beside(content, templates)).items():
            path = folder / "docs" / src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
        custom_dir = raw.get("theme", {}).get("custom_dir")
        if custom_dir:
            shutil.copytree(Path(hub.config_file_path).parent / custom_dir, folder / "overrides")
        text = yaml.dump(plain_config(raw, facts, lang, has_overrides=bool(custom_dir)), Dumper=_Dumper,
                         allow_unicode=True, sort_keys=False, width=120)
        (folder / "mkdocs.yml").write_text(f"{MARKER}\n{text}", encoding="utf-8")
        counts[lang] = len(pages)
    return counts


def plain_config(raw: dict[str, Any], facts: FactSet, lang: str, has_overrides: bool) -> dict[str, Any]:
    """The language site's configuration without our plugin: what the plugin sets is written out."""
    title, tagline = facts.site.title[lang], facts.site.tagline[lang]
    # As the plugin does: Material writes site_name into the page unescaped.
    config = {"site_name": str(escape(title)), "site_description": str(escape(tagline)),
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


def _fresh(folder: Path) -> Path:
    """An empty `folder`, replacing an earlier export there but nothing else."""
    if folder.exists():
        config = folder / "mkdocs.yml"
        if not config.is_file() or not config.read_text(encoding="utf-8").startswith(MARKER):
            raise GeneratorError(f"{folder} exists and is not an earlier export: choose another folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _copy_docs(source: Path, docs: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, docs)
    else:
        docs.mkdir()
