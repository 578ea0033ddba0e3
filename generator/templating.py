"""The Jinja side of rendering: the environment, the interface strings, and errors that name
the template file and line."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .errors import GeneratorError
from .htmlblocks import htmlblock

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|~^=<>&:\"'$%@]")


def md_text(value: Any) -> Markup:
    """Text made inert in a Markdown line: every character Markdown or HTML could read as syntax
    becomes a numeric character reference, which Markdown passes through as the character itself."""
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", str(value)))


class TemplateError(GeneratorError):
    """A page template is broken; the message names the template and its line."""


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template, turning Jinja's errors into a message naming the file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"templates/pages/{exc.name or name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc, name)
        raise TemplateError(f"templates/pages/{name}:{line}: {exc.message}") from None


def _template_line(exc: BaseException, name: str) -> int:
    """The line of the template being rendered when `exc` was raised (Jinja keeps it in the traceback)."""
    tb, line = exc.__traceback__, 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def load_strings(templates: Path = TEMPLATES) -> dict[str, dict[str, str]]:
    """The interface text in both languages, from templates/strings.yaml (read again only when it changes)."""
    data = (templates / "strings.yaml").read_bytes()
    if _STRINGS.get(templates, (None,))[0] != data:
        _STRINGS[templates] = (data, yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return copy.deepcopy(_STRINGS[templates][1])


_STRINGS: dict[Path, tuple[bytes, Any]] = {}


def make_env(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, bytecode_cache=BYTECODE)
    env.filters["md"] = md_text
    env.filters["htmlblock"] = htmlblock  # marks a raw HTML block Markdown need not read (see `htmlblocks`)
    return env


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, by template file, source
    and the settings of the environment compiling it: a build has three MkDocs environments
    (the hub and each language) compiling the same Material templates, and `mkdocs serve` a
    new set on every rebuild; compiling them was most of a rebuild of the seed content."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> jinja2.bccache.Bucket:
        settings = (environment.block_start_string, environment.block_end_string, environment.variable_start_string,
                    environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
                    environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
                    environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
                    environment.optimized, environment.is_async, repr(environment.autoescape), sorted(environment.extensions),
                    sorted(environment.filters), sorted(environment.tests))
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(f"{settings!r}|{name}", filename),
                                       self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


BYTECODE = _MemoryBytecodeCache()
