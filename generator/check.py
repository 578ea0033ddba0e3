"""The `check` stage: load content/ and validate it as a whole."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .load import Loaded, load
from .validate import validate


def check(content: Path) -> Loaded:
    """Load and validate `content`; raise ContentError listing every problem, sorted by place."""
    loaded = load(content)
    problems = validate(loaded)
    if problems:
        raise ContentError(problems)
    return loaded
