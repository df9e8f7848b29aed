"""Console-script entry: the import of the CLI itself is guarded.

A Ctrl-C while Typer is still importing would otherwise print a
KeyboardInterrupt traceback; here it ends with the usual 130 and one line.

The garbage collector is paused while the CLI is imported, and what the import
made is then frozen: Typer, click and our modules leave ~27,000 objects that
live until exit, which ~40 collections scan during the import and a full one
scans again at exit (Python's shutdown collection): 10-15 ms of a 75 ms lookup
to free ~500 objects (benchmarks/startup.py times both). Collection resumes before any command runs, so a command's
own memory use is what it always was.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    try:
        gc.disable()
        try:
            from factcli.cli import app, load_commands  # the guarded import is the point

            load_commands(sys.argv[1:])
        finally:
            gc.freeze()
            gc.enable()
        app(prog_name="factcli")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(130) from None
