"""Commands that publish: cite (references in any style) and export (SQLite, CSV, JSON)."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcli.cli import inputs, streams
from factcli.cli.app import app, session
from factcli.cli.completion import names, style_names
from factcli.errors import UsageError
from factcli.formats.records import fact_rows


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="sqlite (for Datasette), csv, json, jsonl.")],
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write, replaced whole when done (sqlite needs one); - for stdout."
        ),
    ] = None,
) -> None:
    """The whole store as SQLite (for Datasette), CSV (one row per fact), JSON or JSON Lines.

    Examples:

      factcli export --format sqlite -o facts.db && datasette facts.db

      factcli export --format csv -o facts.csv
    """
    if out_path is not None and str(out_path) == "-":
        out_path = None
    index = session.index()
    if fmt is ExportFormat.sqlite:
        from factcli.formats.export import to_sqlite

        if out_path is None:
            msg = "--format sqlite needs --output FILE"
            raise UsageError(msg)
        counts = to_sqlite(index, out_path, streams.progress())
        streams.note(f"wrote {out_path}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        return
    rows = fact_rows(index, index.all())
    if out_path is None:
        streams.emit(rows, fmt.value, None, "")
        return
    streams.write_file(out_path, rows, fmt.value)
    streams.note(f"wrote {out_path}: {len(rows.items)} facts")


class CiteFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command()
def cite(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Fact ids; - reads them from stdin.", autocompletion=names("facts"), metavar="ID..."),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            help="A CSL style name or alias (apa, mla, vancouver, …), a .csl file, or bibtex, csl-json, ris.",
            autocompletion=style_names,
        ),
    ] = "chicago-author-date",
    with_quote: Annotated[
        bool, typer.Option("--with-quote", help="Add each fact's quote with an in-text citation (section as locator).")
    ] = False,
    fmt: Annotated[
        CiteFormat, typer.Option("--format", "-f", help="text, or markdown: a footnote per fact.")
    ] = CiteFormat.text,
    markers: Annotated[
        bool,
        typer.Option("--markers", help="With --format markdown: each value with its footnote marker, to paste."),
    ] = False,
    join_hyphens: Annotated[
        bool,
        typer.Option("--join-hyphens", help="Print quotes with the archived text's line-break hyphens joined."),
    ] = False,
    list_styles: Annotated[
        bool, typer.Option("--list-styles", help="List style names (containing the words given instead of ids).")
    ] = False,
    csl_path: Annotated[
        str | None,
        typer.Option(
            "--csl-path",
            help="Print the path of a bundled style's .csl file (for pandoc's --csl) and exit.",
            autocompletion=style_names,
            metavar="STYLE",
        ),
    ] = None,
) -> None:
    """References for the documents behind facts, deduplicated, in the style's order.

    Examples:

      factcli cite peacekeeping-2008-military-personnel-deployed --style apa

      factcli find --topic peacekeeping --ids | factcli cite - --style bibtex

      factcli cite peacekeeping-2008-police-deployed --with-quote --format markdown

      factcli cite peacekeeping-2008-police-deployed --format markdown --markers

      factcli cite sco-2001-founding-date --style vancouver

      factcli cite sco-2001-founding-date --style "$(factcli cite --csl-path ieee)"

      factcli cite --list-styles harvard

      pandoc draft.md --citeproc --csl "$(factcli cite --csl-path apa)" -o draft.docx
    """
    from factcli.formats import cite as citing  # citeproc costs 35 ms; only this command needs it
    from factcli.formats import styles

    if csl_path is not None:  # a bundled style's file, for pandoc's --csl
        path = styles.path_of(styles.resolve(csl_path))
        if not path.is_file():
            msg = f"'{csl_path}' is no CSL style of the bundle (an output format such as bibtex has no file)"
            raise UsageError(msg)
        with streams.machine_stream() as out:
            out.write(f"{path}\n")
        return
    if list_styles:
        with streams.machine_stream() as out:
            out.writelines(name + "\n" for name in styles.find_styles(" ".join(ids or []) or None))
        return
    wanted = inputs.read_ids(ids or [])
    if not wanted:
        msg = "give fact ids, or - to read them from stdin"
        raise UsageError(msg)
    style = styles.resolve(style)
    index = session.index()
    facts = index.require(wanted)
    markdown = fmt is CiteFormat.markdown
    if markers and not markdown:
        msg = "--markers goes with --format markdown"
        raise UsageError(msg)
    text = citing.render(
        index, facts, style, with_quote=with_quote, markdown=markdown, markers=markers, join_hyphens=join_hyphens
    )
    with streams.machine_stream() as out:
        out.write(text)
