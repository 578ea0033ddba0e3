"""The `check` stage: load content/ and validate it as a whole."""

from __future__ import annotations

import gc
from pathlib import Path

from .cache import Cache
from .errors import ContentError
from .load import load
from .loaded import Loaded
from .validate import validate


def check(content: Path) -> Loaded:
    """Load and validate `content`; raise ContentError listing every problem, sorted by place.
    What reading each file gave is kept beside content/ for the next check (see `cache`)."""
    cache = Cache.open(content)
    # Reading builds hundreds of thousands of small objects and no cycles: the cyclic collector
    # would rescan them over and over for nothing (reference counting still frees garbage).
    enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = load(content, cache)
        problems = validate(loaded, cache.matches)
    finally:
        if enabled:
            gc.enable()
    cache.save()
    if problems:
        raise ContentError(problems)
    return loaded
