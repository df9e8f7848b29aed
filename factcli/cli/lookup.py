"""Lookup commands: find, show, and the vocabularies (sources, topics, entities, metrics)."""

from typing import Annotated

import typer

from factcli.cli import streams
from factcli.cli.app import BoundaryGroup, app, session
from factcli.cli.completion import kinds, names
from factcli.cli.options import FieldsOpt, FormatOpt, JqOpt, JsonOpt, LongOpt, format_name
from factcli.formats.records import entity_rows, fact_rows, metric_rows, source_rows, thesaurus_rows, topic_rows
from factcli.formats.registry import OutputFormat
from factcli.index.query import Query, SortKey


@app.command()
def find(
    text: Annotated[list[str] | None, typer.Argument(help="Search words; all must occur.", show_default=False)] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="Topic key (repeatable).", autocompletion=names("topics"))
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag (repeatable).", autocompletion=names("tags"))] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option(
            help="Country or organisation, any alias: ROK finds South Korea.", autocompletion=names("entities")
        ),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Source document id.", autocompletion=names("sources"))
    ] = None,
    metric: Annotated[list[str] | None, typer.Option(help="Metric key.", autocompletion=names("metrics"))] = None,
    kind: Annotated[list[str] | None, typer.Option(help="quantity or event.", autocompletion=kinds)] = None,
    unit: Annotated[list[str] | None, typer.Option(help="Unit, e.g. personnel.", autocompletion=names("units"))] = None,
    since: Annotated[str | None, typer.Option(help="On or after: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")] = None,
    until: Annotated[
        str | None, typer.Option(help="On or before: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")
    ] = None,
    min_value: Annotated[float | None, typer.Option("--min", help="Value at least this.")] = None,
    max_value: Annotated[float | None, typer.Option("--max", help="Value at most this.")] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many facts.")] = None,
    sort: Annotated[SortKey | None, typer.Option(help="Order; default relevance with TEXT, else date.")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    as_ids: Annotated[bool, typer.Option("--ids", help="Short for --format ids (pipe into cite -).")] = False,
    fields: FieldsOpt = None,
    jq: JqOpt = None,
    long: LongOpt = False,
    exit_status: Annotated[
        bool, typer.Option("--exit-status", "-e", help="Exit 1 when nothing matches (as jq -e), for scripts.")
    ] = False,
) -> None:
    """Find facts matching every filter and every search word.

    Search is case- and accent-insensitive over claim, quote, value_text,
    entities, tags and id. Dates match by overlap: --since 2008 keeps a
    figure for 1990-2008.

    Examples:

      factcli find peacekeepers

      factcli find --topic peacekeeping --since 2008 --min 100

      factcli find --entity ROK --format csv --fields id,date,claim

      factcli find --topic peacekeeping --json id,value --jq '.[] | select(.value > 1000) | .id'
    """
    query = Query(
        text=text or (),
        topics=topic or (),
        tags=tag or (),
        entities=entity or (),
        sources=source or (),
        metrics=metric or (),
        kinds=kind or (),
        units=unit or (),
        since=since,
        until=until,
        min_value=min_value,
        max_value=max_value,
        limit=limit,
        sort=sort,
        reverse=reverse,
    )
    index = session.index()
    hits = index.find(query)
    name = "ids" if as_ids else format_name(fmt, as_json)
    empty = "No facts match" + (f": {'; '.join(hits.notes)}." if hits.notes else ".")
    if hits or name != "table" or jq is not None:
        for line in hits.notes:  # how the words were read: a typo, a word no fact has
            streams.note(line)
    streams.emit(fact_rows(index, hits), name, fields, empty, long=long, jq=jq)
    if exit_status and not hits:
        raise typer.Exit(1)


@app.command()
def show(
    ids: Annotated[list[str], typer.Argument(help="Fact ids.", autocompletion=names("facts"), metavar="ID...")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    jq: JqOpt = None,
) -> None:
    """Show facts in full: value, date, every quote with its reference, related facts.

    Examples:

      factcli show peacekeeping-2008-military-personnel-deployed

      factcli show peacekeeping-2008-military-personnel-deployed --json

      factcli show peacekeeping-2008-military-personnel-deployed --jq .value
    """
    index = session.index()
    facts = index.require(ids)
    if fmt is OutputFormat.table and not as_json and not fields and jq is None:
        streams.show_details(index, facts)
        return
    # One id gives one JSON object (`| jq .value`), several an array, as DESIGN says.
    streams.emit(fact_rows(index, facts), format_name(fmt, as_json), fields, "", single=len(ids) == 1, jq=jq)


sources_app = typer.Typer(cls=BoundaryGroup, invoke_without_command=True)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources(
    ctx: typer.Context,
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    jq: JqOpt = None,
) -> None:
    """The source documents, with the number of facts each supports.

    Examples:

      factcli sources

      factcli sources show wp2008-ch13
    """
    if ctx.invoked_subcommand is None:
        rows = source_rows(session.index())
        streams.emit(rows, format_name(fmt, as_json), fields, "The store has no sources.", jq=jq)


@sources_app.command("show")
def sources_show(
    source_id: Annotated[str, typer.Argument(help="Source id.", autocompletion=names("sources"), metavar="ID")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    jq: JqOpt = None,
) -> None:
    """List the facts one document supports, in date order.

    Example:

      factcli sources show wp2002-ch6 --format ids
    """
    index = session.index()
    rows = fact_rows(index, index.find(Query(sources=[index.spelled("source", source_id, "")])))
    streams.emit(rows, format_name(fmt, as_json), fields, f"No facts cite {source_id}.", jq=jq)


@app.command()
def topics(
    fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None, jq: JqOpt = None
) -> None:
    """The topic vocabulary, with fact counts.

    Example:

      factcli topics --format csv
    """
    streams.emit(topic_rows(session.index()), format_name(fmt, as_json), fields, "The store has no topics.", jq=jq)


@app.command()
def entities(
    fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None, jq: JqOpt = None
) -> None:
    """Countries, organisations and missions, with aliases and fact counts.

    Example:

      factcli entities --fields name,aliases
    """
    streams.emit(entity_rows(session.index()), format_name(fmt, as_json), fields, "The store has no entities.", jq=jq)


@app.command()
def metrics(
    fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None, jq: JqOpt = None
) -> None:
    """Metrics (one quantity tracked across documents), with counts and date span.

    Example:

      factcli metrics
    """
    streams.emit(metric_rows(session.index()), format_name(fmt, as_json), fields, "The store has no metrics.", jq=jq)


@app.command()
def thesaurus(
    fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None, jq: JqOpt = None
) -> None:
    """Readers' words for the store's words (thesaurus.yaml): what find also looks for.

    A search for one of an entry's words also finds the facts that use its
    meanings ("troops" finds "personnel"). British and American spellings
    fold without an entry; a word no fact has is read as the store's nearest word.

    Example:

      factcli thesaurus --format csv
    """
    streams.emit(
        thesaurus_rows(session.index()), format_name(fmt, as_json), fields, "The store has no thesaurus.", jq=jq
    )
