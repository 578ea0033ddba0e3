"""The problems a check finds, and the one exception that carries them to the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

import click

from .text import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, located as precisely as we can."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return shown(f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}")


class GeneratorError(click.ClickException):
    """Base of every error the generator reports to a user (printed cleanly, exit 1), each line
    with the characters a terminal would act on made visible (`text.shown`)."""

    def format_message(self) -> str:
        return "\n".join(shown(line) for line in self.message.split("\n"))


class ContentError(GeneratorError):
    """The content has problems; all of them are listed, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), file=file, err=True)
        n = len(self.problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found.", file=file, err=True)


class BuildError(GeneratorError):
    """The site could not be built; the previous site/ is untouched."""
