"""Write record files by hand, line by line, in the style of content/: block style, double-quoted
text, ids and fixed words unquoted, both languages, and notes in comments. The counterpart of
`yamlread`: what it writes reads back exactly as typed."""

from __future__ import annotations

from collections.abc import Mapping

import yaml
from yaml.resolver import Resolver

from .model import LANGS, NO_POSITION, UNKNOWN
from .schema import LANG_NAMES
from .text import PLACEHOLDER

_RESOLVER = Resolver()


def quote(text: str) -> str:
    """`text` as a double-quoted YAML string, read back exactly as typed."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 32 or ord(ch) == 127 or ch in "\u0085\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plain(value: str) -> str:
    """`value` unquoted if YAML reads it as text, else quoted."""
    return value if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str" else quote(value)


def todo(doc: str, lang: str | None = None) -> str:
    """The placeholder for a text still to write; the check refuses it."""
    return f"{PLACEHOLDER} ({LANG_NAMES[lang]}): {doc}" if lang else f"{PLACEHOLDER}: {doc}"


class RecordFile:
    """The lines of one record file, in block style."""

    def __init__(self, kind: str) -> None:
        self.lines = [f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"]

    def line(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + text)

    def plain(self, key: str, value: str, indent: int = 0) -> None:
        """A value of a fixed vocabulary, or an id: unquoted as in the rest of content/, unless YAML
        would read it as something else than text (an id such as `2024` or `no`)."""
        self.line(f"{key}: {plain(value)}", indent)

    def text(self, key: str, value: str | None, placeholder: str, indent: int = 0) -> None:
        """Quoted text: `value`, or the `placeholder` when there is none."""
        self.line(f"{key}: {quote(value or placeholder)}", indent)

    def localized(self, key: str, values: Mapping[str, str | None], help: str, indent: int = 0) -> None:
        """A text in English and French; a language not given is a TODO placeholder saying `help`."""
        self.line(f"{key}:", indent)
        for lang in LANGS:
            self.text(lang, values.get(lang), todo(help, lang), indent + 2)

    def optional_localized(self, key: str, values: Mapping[str, str | None], help: str, indent: int = 0) -> None:
        if any(values.values()):
            self.localized(key, values, help, indent)
        else:
            self.line(f'# {key}: {{en: "…", fr: "…"}}   optional: {help}', indent)

    def date(self, key: str, value: str | None, indent: int = 0) -> None:
        value = value or UNKNOWN
        self.line(f"{key}: {value if value == UNKNOWN else quote(value)}", indent)

    def ids(self, key: str, ids: tuple[str, ...], help: str, required: bool, indent: int = 0) -> None:
        """A list of ids; none: a TODO note if the list is required (the check refuses it empty), else
        a commented-out example."""
        if ids:
            self.line(f"{key}:", indent)
            for rid in ids:
                self.line(f"- {plain(rid)}", indent + 2)
        elif required:
            self.line(f"{key}:", indent)
            self.line(f"# {PLACEHOLDER}: {help} One id per line, like this:  - the-id", indent + 2)
        else:
            self.line(f"# {key}: [the-id, …]   optional: {help}", indent)

    def evidence(self, items: list[tuple[str, str, str | None]], help: str, required: bool = True) -> None:
        """The evidence items as (kind, id, excerpt or None); none: a note showing how to list them."""
        if items:
            self.line("evidence:")
            for kind, rid, excerpt in items:
                self.line(f"- {kind}: {plain(rid)}", 2)
                if excerpt is not None:
                    self.text("excerpt", excerpt, "", 4)
            return
        if not required:
            self.line(f"# evidence: optional with {NO_POSITION}; list it as below if there is any")
            return
        self.line("evidence:")
        self.line(f"# {PLACEHOLDER}: {help} One item per line, like these:", 2)
        for kind in ("quote", "claim", "event", "source"):
            self.line(f"# - {kind}: the-{kind}-id", 2)
        self.line('#   excerpt: "with source: the passage, copied exactly from its archived text"', 2)

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"
