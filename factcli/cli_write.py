"""Commands that write or publish: add, export and cite."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcli import completion, output, query
from factcli.cli import app, state
from factcli.errors import UsageError as FactcliUsageError
from factcli.records import fact_rows
from factcli.store import resolve_store_path


@app.command()
def add(
    from_json: Annotated[
        str | None,
        typer.Option("--from-json", help="Read the fact as JSON from a file, or - for stdin.", metavar="FILE"),
    ] = None,
    fact_id: Annotated[str | None, typer.Option("--id", help="Fact id (default: proposed from the claim).")] = None,
    claim: Annotated[str | None, typer.Option(help="One sentence in your words.")] = None,
    kind: Annotated[str | None, typer.Option(help="quantity or event.", autocompletion=completion.kinds)] = None,
    value: Annotated[float | None, typer.Option(help="The number (quantities).")] = None,
    qualifier: Annotated[str | None, typer.Option(help="approx, more_than, at_least, less_than, at_most.")] = None,
    unit: Annotated[str | None, typer.Option(help="What is counted.", autocompletion=completion.units)] = None,
    value_text: Annotated[str | None, typer.Option(help="The source's words for the value.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")] = None,
    period_start: Annotated[str | None, typer.Option(help="Start of a period.", metavar="DATE")] = None,
    period_end: Annotated[str | None, typer.Option(help="End of a period.", metavar="DATE")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic key.", autocompletion=completion.topics)] = None,
    metric: Annotated[str | None, typer.Option(help="Metric key.", autocompletion=completion.metrics)] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Keyword (repeatable).")] = None,
    entity: Annotated[
        list[str] | None, typer.Option(help="Canonical entity name (repeatable).", autocompletion=completion.entities)
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source id.", autocompletion=completion.sources)] = None,
    section: Annotated[str | None, typer.Option(help="Heading of the quote in the document.")] = None,
    quote: Annotated[str | None, typer.Option(help="Verbatim span containing value_text.")] = None,
    note: Annotated[str | None, typer.Option(help="How an ambiguous value was read.")] = None,
    file: Annotated[Path | None, typer.Option(help="Store file to append to (default: <topic>.yaml).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the YAML that would be appended.")] = False,
) -> None:
    """Append a new fact, validated first, without changing a byte already in the file.

    Give the fact as flags, as JSON (--from-json -), or answer prompts on a
    terminal. The write is atomic and locked: concurrent adds all land.

    Examples:

      factcli add --topic peacekeeping --source wp2008-ch13   (prompts for the rest)

      factcli add --kind event --claim "…" --value-text "May 2008" --date 2008-05 --topic … --source … --quote …

      factcli add --from-json fact.json --dry-run
    """
    from factcli import writer  # noqa: PLC0415 - only this command writes

    root = resolve_store_path(state.store_option)
    if from_json is not None:
        record = output.read_json_record(from_json)
    else:
        record = {
            "id": fact_id, "claim": claim, "kind": kind, "value": _int_if_whole(value), "qualifier": qualifier,
            "unit": unit, "value_text": value_text, "date": date, "topic": topic, "metric": metric,
            "tags": tag or [], "entities": entity or [], "note": note,
            "period": {"start": period_start, "end": period_end} if period_start or period_end else None,
            "citations": [{"source": source, "section": section, "quote": quote}] if source or quote else None,
        }  # fmt: skip
        if output.interactive():
            record = output.prompt_missing(record, root)
    if not record.get("id") and record.get("claim"):
        when = record.get("date") or (record.get("period") or {}).get("end")
        record["id"] = writer.propose_id(str(record["claim"]), when, set(state.store().fact_ids()))
    added = writer.append(root, record, file, dry_run=dry_run)
    if dry_run:
        with output.machine_stream() as out:
            out.write(added.text)
        return
    for line in added.notes:
        output.note(f"note: {line}")
    output.note(f"added {added.fact.id} to {added.path}")


def _int_if_whole(value: float | None) -> int | float | None:
    return int(value) if value is not None and value.is_integer() else value


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="sqlite (for Datasette), csv, json, jsonl.")],
    out_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (sqlite needs one; else stdout).")
    ] = None,
) -> None:
    """The whole store as SQLite (for Datasette), CSV (one row per fact), JSON or JSON Lines.

    Examples:

      factcli export --format sqlite -o facts.db && datasette facts.db

      factcli export --format csv -o facts.csv
    """
    store = state.store()
    if fmt is ExportFormat.sqlite:
        from factcli.export import to_sqlite  # noqa: PLC0415 - only this command needs it

        if out_path is None:
            msg = "--format sqlite needs --output FILE"
            raise FactcliUsageError(msg)
        counts = to_sqlite(store, out_path, output.progress())
        output.note(f"wrote {out_path}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        return
    rows = fact_rows(store, store.all_facts())
    if out_path is None:
        output.emit(rows, fmt.value, None, "")
        return
    output.write_file(out_path, rows, fmt.value)
    output.note(f"wrote {out_path}: {len(rows.items)} facts")


class CiteFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command()
def cite(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Fact ids; - reads them from stdin.", autocompletion=completion.fact_ids, metavar="ID..."),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style", "-s", help="Any CSL style name, or bibtex, csl-json, ris.", autocompletion=completion.styles
        ),
    ] = "chicago-author-date",
    with_quote: Annotated[
        bool, typer.Option("--with-quote", help="Add each fact's quote with an in-text citation (section as locator).")
    ] = False,
    fmt: Annotated[
        CiteFormat, typer.Option("--format", "-f", help="text, or markdown: a footnote per fact.")
    ] = CiteFormat.text,
    list_styles: Annotated[
        bool, typer.Option("--list-styles", help="List style names (containing the words given instead of ids).")
    ] = False,
) -> None:
    """References for the documents behind facts, deduplicated, in the style's order.

    Examples:

      factcli cite peacekeeping-2008-military-personnel-deployed --style apa

      factcli find --topic peacekeeping --ids | factcli cite - --style bibtex

      factcli cite ID --with-quote --format markdown

      factcli cite --list-styles harvard
    """
    from factcli import cite as cite_mod  # noqa: PLC0415 - citeproc costs 35 ms; only this command needs it

    if list_styles:
        with output.machine_stream() as out:
            out.writelines(name + "\n" for name in cite_mod.find_styles(" ".join(ids or []) or None))
        return
    wanted = output.read_ids(ids or [])
    if not wanted:
        msg = "give fact ids, or - to read them from stdin"
        raise FactcliUsageError(msg)
    cite_mod.check_style(style)
    store = state.store()
    facts = query.get_facts(store, wanted)
    text = cite_mod.render(store, facts, style, with_quote=with_quote, markdown=fmt is CiteFormat.markdown)
    with output.machine_stream() as out:
        out.write(text)
