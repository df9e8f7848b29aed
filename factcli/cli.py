"""The command line: parse arguments, call the core, hand results to a renderer.

Errors from the core are typed (``errors.py``); ``_Group.invoke`` is the one
place that turns them into a message on stderr and an exit code.

No ``from __future__ import annotations`` here: Typer reads these annotations
at every start, and resolving them from strings costs twice as much.
"""

import errno
import os
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from factcli import __version__, completion, output, query
from factcli.errors import FactcliError
from factcli.records import Rows, entity_rows, fact_rows, metric_rows, source_rows, topic_rows
from factcli.store import Store, resolve_store_path


class _Group(TyperGroup):
    """Maps core errors to exit codes; anything unexpected is an internal error, never a traceback."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            from factcli.errors import UsageError  # noqa: PLC0415 - error path only
            from factcli.store import suggest  # noqa: PLC0415

            msg = f"unknown command '{name}'{suggest(name, self.list_commands(ctx))}; see '{ctx.command_path} --help'"
            raise UsageError(msg)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FactcliError as exc:
            output.error(str(exc), prefix=exc.prefixed)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            # A fault of the environment (full disk, missing directory, no permission), not a bug.
            if exc.errno == errno.EPIPE:
                output.pipe_closed()
            output.error(output.describe_os_error(exc))
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("click", "typer")):
                raise
            _internal_error(exc)


def _internal_error(exc: BaseException) -> NoReturn:
    if os.environ.get("FACTCLI_DEBUG"):
        raise exc
    output.error(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in factcli; please report it (set FACTCLI_DEBUG=1 to see the traceback)."
    )
    raise typer.Exit(1)


app = typer.Typer(
    cls=_Group,
    epilog="Exit codes: 0 success (an empty result too), 1 invalid store or data, 2 usage error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    """The formats of ``render.FORMATS`` (a test keeps the two equal)."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"
    ids = "ids"


class SortKey(StrEnum):
    relevance = "relevance"
    date = "date"
    value = "value"
    id = "id"
    topic = "topic"


FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format; all but table are for programs.", show_default=True),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    str | None, typer.Option("--fields", help="Comma-separated fields to print, e.g. id,value,date.", metavar="A,B")
]


class _State:
    store_option: str | None = None
    _store: Store | None = None

    def store(self) -> Store:
        if self._store is None:
            from factcli.index import open_store  # noqa: PLC0415 - not needed by validate or schema

            self._store = open_store(resolve_store_path(self.store_option), output.progress())
            for note in self._store.notes:
                output.note(note)
        return self._store


state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcli {__version__}")
        raise typer.Exit


@app.callback()
def main(
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Store directory (default: $FACTCLI_STORE, else the bundled store).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Look up sourced facts on China's international security cooperation.

    Every fact carries its value, date, verbatim quote and source document.

    Examples:

      factcli find peacekeepers --since 2008

      factcli find --topic peacekeeping --json | jq '.[].value'

      factcli show peacekeeping-2008-military-personnel-deployed
    """
    state.store_option = store
    state._store = None


def _emit(rows: Rows, fmt: OutputFormat, as_json: bool, fields: str | None, empty_message: str) -> None:
    name = "json" if as_json else fmt.value
    output.emit(rows, name, fields, empty_message)


@app.command()
def find(
    text: Annotated[list[str] | None, typer.Argument(help="Search words; all must occur.", show_default=False)] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="Topic key (repeatable).", autocompletion=completion.topics)
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag (repeatable).", autocompletion=completion.tags)] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option(
            help="Country or organisation, any alias: ROK finds South Korea.", autocompletion=completion.entities
        ),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Source document id.", autocompletion=completion.sources)
    ] = None,
    metric: Annotated[list[str] | None, typer.Option(help="Metric key.", autocompletion=completion.metrics)] = None,
    kind: Annotated[list[str] | None, typer.Option(help="quantity or event.", autocompletion=completion.kinds)] = None,
    unit: Annotated[
        list[str] | None, typer.Option(help="Unit, e.g. personnel.", autocompletion=completion.units)
    ] = None,
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
) -> None:
    """Find facts matching every filter and every search word.

    Search is case- and accent-insensitive over claim, quote, value_text,
    entities, tags and id. Dates match by overlap: --since 2008 keeps a
    figure for 1990-2008.

    Examples:

      factcli find peacekeepers

      factcli find --topic peacekeeping --since 2008 --min 100

      factcli find --entity ROK --format csv --fields id,date,claim
    """
    q = query.Query(
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
        sort=sort.value if sort else None,
        reverse=reverse,
    )
    store = state.store()
    facts = query.find(store, q)
    _emit(fact_rows(store, facts), OutputFormat.ids if as_ids else fmt, as_json, fields, "No facts match.")


@app.command()
def show(
    ids: Annotated[list[str], typer.Argument(help="Fact ids.", autocompletion=completion.fact_ids, metavar="ID...")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Show facts in full: value, date, every quote with its reference, related facts.

    Examples:

      factcli show peacekeeping-2008-military-personnel-deployed

      factcli show peacekeeping-2008-military-personnel-deployed --json
    """
    store = state.store()
    facts = query.get_facts(store, ids)
    if fmt is OutputFormat.table and not as_json and not fields:
        output.show_details(store, facts)
        return
    _emit(fact_rows(store, facts), fmt, as_json, fields, "")


sources_app = typer.Typer(cls=_Group, invoke_without_command=True)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources(
    ctx: typer.Context, fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None
) -> None:
    """The source documents, with the number of facts each supports.

    Examples:

      factcli sources

      factcli sources show wp2008-ch13
    """
    if ctx.invoked_subcommand is None:
        _emit(source_rows(state.store()), fmt, as_json, fields, "The store has no sources.")


@sources_app.command("show")
def sources_show(
    source_id: Annotated[str, typer.Argument(help="Source id.", autocompletion=completion.sources, metavar="ID")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """List the facts one document supports, in date order.

    Example:

      factcli sources show wp2002-ch6 --format ids
    """
    store = state.store()
    facts = query.find(store, query.Query(sources=[source_id]))
    _emit(fact_rows(store, facts), fmt, as_json, fields, f"No facts cite {source_id}.")


@app.command()
def topics(fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None) -> None:
    """The topic vocabulary, with fact counts.

    Example:

      factcli topics --format csv
    """
    _emit(topic_rows(state.store()), fmt, as_json, fields, "The store has no topics.")


@app.command()
def entities(fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None) -> None:
    """Countries, organisations and missions, with aliases and fact counts.

    Example:

      factcli entities --fields name,aliases
    """
    _emit(entity_rows(state.store()), fmt, as_json, fields, "The store has no entities.")


@app.command()
def metrics(fmt: FormatOpt = OutputFormat.table, as_json: JsonOpt = False, fields: FieldsOpt = None) -> None:
    """Metrics (one quantity tracked across documents), with counts and date span.

    Example:

      factcli metrics
    """
    _emit(metric_rows(state.store()), fmt, as_json, fields, "The store has no metrics.")


# The other commands live beside this module and register themselves on `app`.
from factcli import cli_check, cli_write  # noqa: E402, F401

#: Top-level options that take a value, so the command name is found after them.
_VALUE_OPTIONS = ("--store",)


def keep_only_invoked_command(argv: list[str]) -> None:
    """Register only the command this run invokes: Typer builds every registered command's
    parameters on each start (about 25 ms of a 140 ms lookup). Help, completion and unknown
    commands keep the full app, so nothing a user sees changes."""
    if os.environ.get("_FACTCLI_COMPLETE"):
        return
    args = iter(argv)
    name = None
    for arg in args:
        if arg in _VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            name = arg
            break
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.replace("_", "-"))
