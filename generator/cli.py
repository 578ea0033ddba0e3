"""The command line: each command parses its options and calls one library function."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from .check import check as check_content
from .description import field_shape
from .model import SINGULAR, Source
from .new import BadValue, check_answers, check_content_folder, check_value, create, scale_levels
from .newtemplates import ALIASES, TEMPLATES, Answers, Field
from .schema import SLUG_RE
from .text import PLACEHOLDER

_CONTENT: dict[str, Any] = {"type": click.Path(path_type=Path, file_okay=False), "default": Path("content"), "show_default": True,
                             "help": "The folder of facts."}
CONTENT = click.option("--content", "content", **_CONTENT)


@click.group()
@click.version_option(package_name="factsheet")
def main() -> None:
    """Check the facts in content/ and build the bilingual site from them."""


@main.command()
@CONTENT
def check(content: Path) -> None:
    """Check every record; print each problem as path:line:col: field: message."""
    check_content(content)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Where to put the built site.")
@click.option("-v", "--verbose", is_flag=True, help="Say how long each phase of the build took (wall and CPU seconds).")
def build(site_dir: Path, verbose: bool) -> None:
    """Check the content, build the site in both languages, and only then replace site/."""
    from .build import build as build_site
    from .timings import Timings

    timings = Timings()
    pages = build_site(Path.cwd(), site_dir, timings)
    click.echo(f"Built {pages} pages into {site_dir}/ (English: {site_dir}/en/, French: {site_dir}/fr/).")
    if verbose:
        for line in timings.lines():
            click.echo("  " + line)
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


# --- new -----------------------------------------------------------------------------------------


class _KindGroup(click.Group):
    """Takes a record kind in the singular or the plural: `new quote` or `new quotes`."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        kind = ALIASES.get(cmd_name)
        return super().get_command(ctx, SINGULAR[kind]) if kind else None


@main.group(cls=_KindGroup)
def new() -> None:
    """Start a record file: `new organisation`, person, instrument, issue, source, quote, claim, stance,
    partnership or event. Give what you know as options; you are asked for the essentials."""


def _new_command(kind: str) -> click.Command:
    template = TEMPLATES[kind]
    params: list[click.Parameter] = [
        click.Option(["--content", "content"], **_CONTENT),
        click.Option(["--id", "record_id"], help="The file name (id) to use instead of the one made from the name."),
        # Every option is taken as often as it is given, so that one given twice which cannot repeat
        # is refused rather than silently reduced to its last value. Each value is read by the
        # check's converter for the field it fills (`check_value`): a word not among the choices
        # gets the check's message, not click's.
        *(click.Option([f"--{f.name}"], multiple=True, help=f.help,
                       metavar=f"[{'|'.join(f.choices)}]" if f.choices else None)
          for f in template.fields)]

    def run(content: Path, record_id: str | None, **given: tuple[str, ...]) -> None:
        check_content_folder(content)
        values: dict[str, tuple[str, ...]] = {}
        for f in template.fields:
            items = given[f.name.replace("-", "_")]
            if len(items) > 1 and not f.many:
                raise click.BadParameter(f"given {len(items)} times: it takes one value", param_hint=f"'--{f.name}'")
            if f.blank_ok:  # an empty answer means none: for our own translation, no published words or sources
                items = tuple(item for item in items if item.strip())
            try:
                values[f.name] = tuple(check_value(f, item, content) for item in items)
            except BadValue as exc:
                raise click.BadParameter(exc.message, param_hint=f"'--{f.name}'") from None
        asked: set[str] = set()
        for f in template.fields:
            follows = not f.after or (f.after in asked and values[f.after])
            if not given[f.name.replace("-", "_")] and not values[f.name] and f.asked(Answers(values)) and follows:
                values[f.name] = _ask(f, values, content)
                asked.add(f.name)
        answers = Answers(values)
        check_answers(kind, answers)
        given_id, typed_id = record_id, None
        while True:  # the id made from the answers, made again if one of them is asked again below
            record_id = given_id or template.make_id(answers) or typed_id or click.prompt(
                "An id for the file (lower-case letters, digits and hyphens, e.g. fr-report-meta-spotify-eu-ai)",
                value_proc=_slug_answer, err=True)
            typed_id = record_id
            try:
                path = create(content, kind, record_id, answers)
                break
            except BadValue as exc:
                if exc.option is None:
                    raise
                if exc.option not in asked:  # given as an option: the editor fixes the command
                    raise click.BadParameter(exc.message, param_hint=f"'--{exc.option}'") from None
                # An answer typed here that the whole file refuses (words not in the archived text,
                # say): the editor is told why and asked that question again, nothing lost.
                click.echo(f"Error: {exc.message}", err=True)
                f = next(f for f in template.fields if f.name == exc.option)
                values[f.name] = _ask(f, values, content)
                answers = Answers(values)
                check_answers(kind, answers)
        _next_steps(content, kind, record_id, path)

    return click.Command(SINGULAR[kind], params=params, callback=run,
                         help=f"Start content/{kind}/<id>.yaml, a new {SINGULAR[kind]}.")


def _ask(f: Field, values: dict[str, tuple[str, ...]], content: Path) -> tuple[str, ...]:
    question = f.question
    choices = f.choices or (scale_levels(content) if f.ref == "scale" else ())
    if choices:
        question += f" ({', '.join(choices)})"
    default = values[f.same_as][0] if f.same_as and values.get(f.same_as) else f.default

    def answer(text: str) -> tuple[str, ...]:
        listed = f.listed  # ids, separated by commas or spaces
        parts = [p for p in re.split(r"[,\s]+", text) if p] if listed else [text] if text.strip() else []
        try:
            return tuple(check_value(f, part, content) for part in parts)
        except BadValue as exc:
            raise click.UsageError(exc.message) from None

    if f.blank_ok:
        return click.prompt(question, default="", show_default=False, value_proc=answer, err=True)
    return click.prompt(question, default=default, value_proc=answer, err=True)


def _slug_answer(text: str) -> str:
    if not SLUG_RE.match(text.strip()):
        raise click.UsageError(f"'{text.strip()}' is not a valid id: use lower-case letters, digits and single hyphens")
    return text.strip()


def _next_steps(content: Path, kind: str, record_id: str, path: Path) -> None:
    click.echo(f"Wrote {content.name}/{kind}/{record_id}.yaml.")
    if kind == "sources":
        click.echo(f"Save the source's text, exactly as you received it, as {content.name}/archive/{record_id}.txt "
                   "(UTF-8 plain text).")
    if PLACEHOLDER in path.read_text(encoding="utf-8"):
        click.echo("Next: open the file, replace every TODO, then run: make check")
    else:
        click.echo("Next: run make check")


for _kind in TEMPLATES:
    new.add_command(_new_command(_kind))


# --- source add ----------------------------------------------------------------------------------


@main.group()
def source() -> None:
    """Sources as editors get them: `source add ADDRESS-OR-FILE`."""


@source.command("add")
@click.argument("target", metavar="ADDRESS-OR-FILE")
@CONTENT
@click.option("--id", "record_id", help="The file name (id) to use instead of the one made from the title.")
@click.option("--kind", type=click.Choice(field_shape(Source, "kind").choices),
              help="What kind of source it is (asked on a terminal; else news-report for a page that calls itself a news article, other otherwise).")
@click.option("--language", type=click.Choice(field_shape(Source, "language").choices),
              help="The language it is written in, when the source does not say.")
@click.option("--description-en", help="Our one-line description of it, for readers, in English.")
@click.option("--description-fr", help="Our one-line description of it, for readers, in French.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for the server, and for the whole download.")
def source_add(target: str, content: Path, record_id: str | None, kind: str | None, language: str | None,
               description_en: str | None, description_fr: str | None, timeout: float) -> None:
    """Capture a source from a web address (http or https) or a saved .html, .pdf or .txt file:
    writes content/sources/<id>.yaml (its metadata and how the copy was made) and
    content/archive/<id>.txt (its text). Asks for what the source does not say only on a terminal;
    never overwrites a file."""
    import sys

    from .addsource import Choices, add
    from .report import FULL_TEXT_WORDS

    ask = _ask_source if sys.stdin.isatty() else None
    added = add(content, target, Choices(record_id, kind, language, description_en, description_fr), ask, timeout)
    x = added.extracted
    where = added.received.final_address or added.received.file
    click.echo(f"Wrote {content.name}/sources/{added.record_id}.yaml and {content.name}/archive/{added.record_id}.txt "
               f"({added.words} words, from {where}).")
    for name in ("title", "outlet", "author", "date"):
        value = getattr(x, name)
        click.echo(f"  {name}: {value}" + (" (the source does not say: write it if you find it elsewhere)" if value == "unknown" else ""))
    if added.words < FULL_TEXT_WORDS:
        click.echo(f"  only {added.words} words: if that is not the whole text (a paywall, a page cut short), "
                   "see \"I have only part of the text\" in EDITING.md")
    if added.received.redirects[1:]:
        click.echo(f"  redirected: {' -> '.join(added.received.redirects)}")
    if PLACEHOLDER in added.record.read_text(encoding="utf-8"):
        click.echo("Next: open the file, write our description in both languages (the TODO lines), then run: make check")
    else:
        click.echo("Next: run make check")


def _ask_source(question: str, default: str | None, choices: tuple[str, ...]) -> str:
    if choices:
        return click.prompt(f"{question} ({', '.join(choices)})", default=default, type=click.Choice(choices),
                            show_choices=False, err=True)
    return click.prompt(question, default="", show_default=False, err=True).strip()


@main.command()
@CONTENT
def report(content: Path) -> None:
    """List what is left to do: texts marked TODO or missing, undated records, sources without URL or
    archive, stances resting on one source, quotes published in one language only. Always exits 0."""
    from .load import load
    from .report import format_report, make_report

    click.echo(format_report(make_report(load(content))), nl=False)


@main.command()
@click.argument("ref")
@CONTENT
def diff(ref: str, content: Path) -> None:
    """What the changes since REF (a branch, tag or commit, e.g. main) add, alter or remove: the
    records, the fields, and the pages they show on in each language. Reads REF from git; touches nothing."""
    from .diff import diff as diff_content
    from .diff import format_diff

    click.echo(format_diff(diff_content(content, ref)), nl=False)
