"""Worker processes for the work a large store splits by file (the build, the export): one per processor,
results in the order of the tasks, and no way for an interrupt to hang or litter the terminal.

Each worker has a pipe of its own to the parent, and nothing else shared: a
worker killed at any instant (by the OOM killer, or a SIGTERM to the whole
process group) holds no lock that the parent or the other workers then wait
for, as multiprocessing.Pool's shared queues do (its terminate() then hangs).
Ctrl-C reaches every process of the terminal's process group, so workers
ignore it: the parent, interrupted, kills them itself, and the user reads one
line, not a traceback per worker. SIGINT and SIGTERM are blocked while the
workers are forked, so none arrives before a worker has set this up; a worker
whose parent is gone reads the end of its pipe and stops.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
#: Tasks queued on each worker's pipe at a time: two, so that it starts the next while the parent takes in
#: the last (one at a time, the workers waited for the parent's copying: a 100,000-fact build took 1.4x).
AHEAD = 2
_MASKS = hasattr(signal, "pthread_sigmask")


def processors() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Workers:
    """``count`` worker processes, each set up by ``initializer(*initargs)``; a context manager whose exit
    ends them (at once, on an error or an interrupt)."""

    def __init__(self, count: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()):
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context: Any = multiprocessing.get_context(method)
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if _MASKS else None
        try:
            for _ in range(count):
                ours, theirs = context.Pipe()
                inherited = [*self.conns, ours] if method == "fork" else []  # a forked worker closes the parent's
                proc = context.Process(target=_serve, args=(theirs, inherited, initializer, initargs), daemon=True)
                proc.start()
                theirs.close()
                self.conns.append(ours)
                self.procs.append(proc)
        except BaseException:
            self._kill()
            raise
        finally:
            if previous is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    def imap(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """``function(task)`` for each task, run by the workers, handed back in the tasks' order. Each worker has
        AHEAD tasks queued on its pipe, so that it goes on while the caller uses a result it was handed."""
        queue = list(tasks)
        done: dict[int, Any] = {}
        pending: dict[Connection, deque[int]] = {conn: deque() for conn in self.conns}
        sent = handed = 0
        while handed < len(queue):
            for worker, tasks_of in pending.items():
                while len(tasks_of) < AHEAD and sent < len(queue):
                    worker.send((function, queue[sent]))
                    tasks_of.append(sent)
                    sent += 1
            if handed in done:
                yield done.pop(handed)
                handed += 1
                continue
            for ready in wait([worker for worker, tasks_of in pending.items() if tasks_of]):
                conn: Connection = ready  # type: ignore[assignment]
                try:
                    ok, value = conn.recv()
                except EOFError:
                    msg = "a worker process ended before its work was done"
                    raise ChildProcessError(msg) from None
                index = pending[conn].popleft()
                if not ok:
                    raise value
                done[index] = value

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            for conn in self.conns:
                conn.send(None)  # done: each worker ends on its own
            for proc in self.procs:
                proc.join()
        self._kill()

    def _kill(self) -> None:
        for proc in self.procs:
            if proc.is_alive():
                proc.kill()
        for proc in self.procs:
            proc.join()
        for conn in self.conns:
            conn.close()


def _serve(
    conn: Connection, inherited: list[Connection], initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """A worker: tasks from ``conn`` until the parent says it is done, or is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    for other in inherited:
        other.close()  # else the parent's end stays open here, and its death is never seen
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        function, task = message
        try:
            result = (True, function(task))
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            result = (False, exc)
        conn.send(result)
