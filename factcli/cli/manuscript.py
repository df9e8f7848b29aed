"""render: fact references in a Markdown manuscript written in, for pandoc's citeproc to cite."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from factcli.cli import streams
from factcli.cli.app import app, session
from factcli.errors import FactcliError


class ManuscriptError(FactcliError):
    """Fact references that cannot be written in, one 'file:line:col: message' line each: exit 1."""

    exit_code = 1
    prefixed = False


@app.command()
def render(
    file: Annotated[str, typer.Argument(help="Markdown manuscript; - reads stdin.", metavar="FILE")],
    pandoc_options: Annotated[
        list[str] | None,
        typer.Argument(help="Options for pandoc, after --: --citeproc --csl FILE …", metavar="[-- PANDOC_OPTIONS]"),
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Only report unknown or superseded fact ids.")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write, its format from its extension (default, or -: stdout)."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", "-t", help="pandoc's output format (default: markdown).")] = None,
) -> None:
    """Write facts into a manuscript: [@fact:ID] becomes the value and a citation pandoc can format.

    pandoc (which must be installed) reads the manuscript; each fact becomes its
    value as the store words it and a citation of each document that states
    it, the section as locator: "1,949 [@wp2008-ch13, sec. Participating in UN
    Peacekeeping Operations]". Every form of pandoc's citation syntax works:
    [@fact:a; @fact:b], [@fact:a; @smith2020], [-@fact:a], [see @fact:a, p. 3],
    and [@fact:ID/SOURCE] cites one of several documents. The documents join
    the metadata's references beside your own. pandoc then writes the result:
    Markdown by default, or any format it knows, with the options given after
    --. It is the document the filter factcli-pandoc gives inside pandoc. An
    unknown or superseded id stops it with FILE:LINE:COL and the nearest ids
    (--check: only that).

    Examples:

      factcli render draft.md -o draft.docx -- --citeproc --csl "$(factcli cite --csl-path apa)"

      factcli render draft.md > rendered.md

      factcli render --check draft.md

      pandoc draft.md --filter factcli-pandoc --citeproc -o draft.pdf
    """
    from factcli.formats import pandoc_run
    from factcli.formats.manuscript import fact_keys, write_facts

    text = streams.read_text_argument(file, "a manuscript")
    name = "<stdin>" if file == "-" else file
    pandoc = pandoc_run.find_pandoc()
    doc = pandoc_run.read_markdown(pandoc, text)
    index = session.index() if fact_keys(doc) else None
    if index is not None:
        found = pandoc_run.problems(index, doc, pandoc, [(name, text)])
        if found:
            raise ManuscriptError("\n".join(found))
    if check:
        streams.note(f"{name}: every fact reference can be written in")
        return
    if index is not None:
        doc = write_facts(index, doc, smart=True)
    if output == Path("-"):
        output = None  # -o -: standard output, as export takes it
    args = pandoc_run.writer_args(to, output, pandoc_options or [])
    if output is None:
        written = pandoc_run.write(pandoc, doc, args)
        sys.stdout.flush()
        sys.stdout.buffer.write(written)
        sys.stdout.buffer.flush()
        return
    _write_through(pandoc, doc, args, output)


def _write_through(pandoc: str, doc: dict[str, Any], args: list[str], path: Path) -> None:
    """pandoc writes ``path`` whole or not at all (store.atomic: a temp file beside it, with the same extension
    so that pandoc takes the same format from it, renamed over it; links written through, modes kept)."""
    from factcli.formats import pandoc_run
    from factcli.store import atomic

    try:
        with atomic.replacing(path, same_suffix=True) as temporary:
            pandoc_run.write(pandoc, doc, [*args, "--output", str(temporary)])
    except OSError as exc:
        from factcli.text.chars import os_error_text  # error path only

        msg = f"cannot write {path}: {os_error_text(exc)}"
        raise FactcliError(msg) from exc
