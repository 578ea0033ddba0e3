"""The command line: each command parses its options and calls one library function."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .check import check as check_content

CONTENT = click.option("--content", "content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"),
                       show_default=True, help="The folder of facts to read.")


@click.group()
@click.version_option(package_name="factsheet")
def main() -> None:
    """Check the facts in content/ and build the bilingual site from them."""


@main.command()
@CONTENT
def check(content: Path) -> None:
    """Check every record; print each problem as path:line:col: field: message."""
    check_content(content, keep=True)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Where to put the built site.")
def build(site_dir: Path) -> None:
    """Check the content, build the site in both languages, and only then replace site/."""
    from .build import build as build_site

    pages = build_site(Path.cwd(), site_dir)
    click.echo(f"Built {pages} pages into {site_dir}/ (English: {site_dir}/en/, French: {site_dir}/fr/).")
    click.echo("Preview it with: make serve  (then open http://127.0.0.1:8000/)")


@main.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@CONTENT
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=Path("mkdocs.yml"),
              show_default=True, help="The site's configuration: theme, Markdown settings, templates.")
def export(out: Path, content: Path, config_file: Path) -> None:
    """Write both languages' pages as plain Markdown into OUT/<lang>/, each with a mkdocs.yml that
    builds it with MkDocs alone."""
    from .export import export as export_site

    for lang, pages in export_site(config_file, content, out).items():
        click.echo(f"{out}/{lang}/: {pages} pages; build them with: mkdocs build -f {out}/{lang}/mkdocs.yml")


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("schemas"), show_default=True)
def schemas(out: Path) -> None:
    """Write the JSON Schema of each record kind (for YAML-aware editors)."""
    from .schemas import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


def run() -> None:
    """The program: `main`, then an immediate exit. At the benchmark sizes, Python's tearing down
    of every object one by one at exit took half a second; files are closed and output flushed."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)
