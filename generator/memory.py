"""Pausing Python's cyclic garbage collector while the content is read or pages are prepared.

Both stages build hundreds of thousands of small objects that form no cycles (frozen records,
nodes, views). The collector runs after every few hundred allocations and, as the heap grows,
rescans everything allocated so far: a large share of the time at the benchmark sizes, for
nothing to collect. Reference counting still frees what is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """No collection while the block runs. With `keep`, what is still alive at its end is put out
    of the collector's sight for good (gc.freeze), instead of being scanned by the next collections:
    for the commands whose checked content lives as long as their process. Not under `mkdocs
    serve`, which runs for hours: cyclic garbage frozen along with it would never be freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()
