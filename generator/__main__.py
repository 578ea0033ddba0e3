"""`python -m generator`: the command line (see `cli`)."""

from __future__ import annotations

from .cli import main

main()
