"""The Jinja side of rendering: the environment, the interface strings, and errors that name
the template file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .errors import GeneratorError

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
    with open(templates / "strings.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def make_env(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["md"] = md_text
    return env
