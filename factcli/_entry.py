"""Console-script entry: the process's streams and signals made safe, then the CLI, imported under guard.

Ctrl-C (SIGINT) and SIGTERM (what ``timeout``, CI runners and service managers
send) both unwind the program as an exception, so that every ``finally``
removes what it made (a half-written index, a worker directory), and end it
with one line and the shell's codes, 130 and 143. A second signal while that
runs is ignored rather than cutting the cleanup short; once the program is
done the default handlers come back, so a signal that arrives in the last
instant still ends the process as that signal (never a silent exit 0).

Only what installing the handlers needs is imported before it: a signal that
arrives earlier (while Python itself starts) still gets Python's own answer.

A stream the process was started without (``>&-``, ``<&-``) is given
/dev/null, so that no file opened later lands on its descriptor (an index
file on fd 1 would receive the output), and closed stdout reads as an error
when something is written to it.

The garbage collector is paused while the CLI is imported, and what the import
made is then frozen: Typer, click and our modules leave ~27,000 objects that
live until exit, which ~40 collections scan during the import and a full one
scans again at exit (Python's shutdown collection): 10-15 ms of a 75 ms lookup
to free ~500 objects (benchmarks/startup.py times both). Collection resumes before any command runs, so a command's
own memory use is what it always was.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

#: The signal that is ending the process (empty while none has arrived).
_received: list[int] = []
_ENDINGS = {signal.SIGINT: "Interrupted.", signal.SIGTERM: "Terminated."}


def main() -> None:
    for signum in _ENDINGS:
        signal.signal(signum, _interrupted)
    code: object = 0
    try:
        _fill_closed_streams()
        gc.disable()
        try:
            from factcli.cli import app, load_commands  # the guarded import is the point

            load_commands(sys.argv[1:])
        finally:
            gc.freeze()
            gc.enable()
        app(prog_name="factcli")
    except KeyboardInterrupt:
        code = 130
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:  # stdout full or gone before a command ran: --version, --help
        from factcli.cli.streams import stream_failed

        code = stream_failed(exc)
    _end(code)


def _interrupted(signum: int, frame: object) -> None:
    if _received:
        return  # already ending: let the cleanup finish
    _received.append(signum)
    raise KeyboardInterrupt


def _end(code: object) -> None:
    for ending in _ENDINGS:
        signal.signal(ending, signal.SIG_DFL)
    if _received:
        received = _received[0]
        if sys.stderr is not None:
            try:
                sys.stderr.write(_ENDINGS[signal.Signals(received)] + "\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        code = 128 + received
    if code not in (0, None):
        raise SystemExit(code)


def _fill_closed_streams() -> None:
    """/dev/null on each standard descriptor the process started without; writing to stdout then fails."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        if fd == 1:
            import io

            sys.stdout = io.TextIOWrapper(io.BufferedWriter(_closed()()), encoding="utf-8")
        elif fd == 2:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the process's stream until exit


def _closed() -> type:
    """Standard output the process was started without: writing to it is an error (EBADF), as to a closed fd."""
    import errno
    import io

    class Closed(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            raise OSError(errno.EBADF, "standard output is closed")

    return Closed
