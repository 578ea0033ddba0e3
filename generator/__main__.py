"""`python -m generator`: the command line, ended without tearing the interpreter down.

Freeing the hundreds of thousands of objects a check leaves costs a third of a second at exit, for
nothing: every file a command writes is closed before it returns, and the forked processes are
waited for. So once click is done, the output is flushed and the process ends at once. (Only here:
tests call the commands in-process, where this would end pytest too; and not under a profiler or
a tracer such as coverage, which write their results at exit.)
"""

from __future__ import annotations

import logging
import os
import sys

from .cli import main


def _exit_code(code: object) -> int:
    """The status `sys.exit(code)` would give, printing a message as it would."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


try:
    main()
except SystemExit as done:
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise
    status = _exit_code(done.code)
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: what the interpreter would report as failing to flush
        status = status or 120
    os._exit(status)
