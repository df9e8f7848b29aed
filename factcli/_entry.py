"""Console-script entry: the import of the CLI itself is guarded.

A Ctrl-C while Typer is still importing would otherwise print a
KeyboardInterrupt traceback; here it ends with the usual 130 and one line.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from factcli.cli import app, keep_only_invoked_command  # noqa: PLC0415 - the guarded import is the point

        keep_only_invoked_command(sys.argv[1:])
        app(prog_name="factcli")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(130) from None
