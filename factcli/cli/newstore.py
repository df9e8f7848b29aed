"""init: start one's own store."""

from pathlib import Path
from typing import Annotated

import typer

from factcli.cli import streams
from factcli.cli.app import app


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="A new or empty directory for the store.", metavar="DIR")],
) -> None:
    """Start a store of your own: the files a store is made of, each saying what goes in it.

    The bundled store is read-only (it lives inside the installed package, and
    an upgrade replaces it); your facts go into a store of your own, which is
    valid from the start. Name it with --store DIR, or with FACTCLI_STORE.

    Examples:

      factcli init ~/factstore

      export FACTCLI_STORE=~/factstore

      factcli --store ~/factstore validate
    """
    from factcli.store.create import create_store

    written = create_store(directory.expanduser())
    lines = [f"Created a store in {directory}: {', '.join(path.name for path in written)}.", "Next:"]
    steps = [
        (f"export FACTCLI_STORE={directory}", f"or --store {directory} on each command"),
        ("edit sources.yaml and topics.yaml", "the documents and the topics of your facts"),
        ("factcli add", "a fact, checked before it is written"),
        ("factcli validate --texts DIR", "every quote against its document's plain text"),
    ]
    width = max(len(step) for step, _ in steps)
    lines += [f"  {step:<{width}}  # {why}" for step, why in steps]
    streams.write_lines(lines)
