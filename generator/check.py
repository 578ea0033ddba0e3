"""The `check` stage: load content/ and validate it as a whole."""

from __future__ import annotations

from pathlib import Path

from .cache import Cache
from .errors import ContentError
from .load import Loaded, load
from .memory import gc_paused
from .validate import validate


def check(content: Path, keep: bool = False) -> Loaded:
    """Load and validate `content`; raise ContentError listing every problem, sorted by place.
    What earlier checks found is reused (see `cache`), and kept for the next. `keep`: the result
    lives as long as the process (see `memory.gc_paused`)."""
    with gc_paused(keep):
        cache = Cache.open(content)
        loaded = load(content, cache)
        problems = validate(loaded, cache)
    cache.save()
    if problems:
        raise ContentError(problems)
    return loaded
