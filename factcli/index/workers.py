"""Worker processes for the work a large store splits by file (the build, the export): one per processor,
quiet when the user interrupts.

Ctrl-C reaches every process of the terminal's process group, so each worker
ignores it: the parent, interrupted, ends them itself (its pool's exit sends
SIGTERM, to which a worker dies at once), and the user reads one line, not a
traceback per worker. Both signals are blocked while the workers are forked,
so none arrives before a worker has set this up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_MASKS = hasattr(signal, "pthread_sigmask")


def processors() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pool(count: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> Pool:
    """``count`` worker processes, each set up by ``initializer(*initargs)``; use it as a context manager (its
    exit ends the workers, on an error or an interrupt too)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if _MASKS else None
    try:
        return multiprocessing.get_context(method).Pool(count, _start, (initializer, initargs))
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    if initializer is not None:
        initializer(*initargs)
