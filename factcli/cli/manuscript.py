"""render: fact references in a Markdown manuscript written in, for pandoc's citeproc to cite."""

from pathlib import Path
from typing import Annotated

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
    check: Annotated[bool, typer.Option("--check", help="Only report unknown or superseded fact ids.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write facts into a manuscript: [@fact:ID] becomes the value and a citation pandoc can format.

    Each [@fact:ID] (or @fact:ID) becomes the value as the store words it and a
    pandoc citation of its source with the section as locator: "1,949
    [@wp2008-ch13, sec. Participating in UN Peacekeeping Operations]". The
    sources go into a YAML metadata block at the end, so that pandoc --citeproc
    needs no bibliography file. An unknown or superseded id stops it with
    FILE:LINE:COL and the nearest ids (--check: only that). Inside pandoc, the
    filter factcli-pandoc does the same.

    Examples:

      factcli render draft.md | pandoc --citeproc --csl apa.csl -o draft.docx

      factcli render --check draft.md

      pandoc draft.md --filter factcli-pandoc --citeproc -o draft.pdf
    """
    from factcli.formats import manuscript

    text = streams.read_text_argument(file)
    index = session.index()
    name = "<stdin>" if file == "-" else file
    found = manuscript.problems(index, text)
    if found:
        lines = [f"{name}:{p.line}:{p.column}: {p.message}" for p in found]
        raise ManuscriptError("\n".join(lines))
    if check:
        streams.note(f"{name}: every fact reference can be written in")
        return
    rendered, sources = manuscript.render_markdown(index, text)
    if sources:
        rendered = rendered.rstrip("\n") + "\n\n" + manuscript.references_yaml(sources)
    if output is None:
        with streams.machine_stream() as out:
            out.write(rendered)
    else:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise FactcliError(streams.describe_os_error(exc)) from exc
