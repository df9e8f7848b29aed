"""The Typer app, its global options and its one error boundary.

Errors from the core are typed (``errors.py``); ``BoundaryGroup.invoke`` is the one
place that turns them into a message on stderr and an exit code: 1 for a bad
store or data and faults of the environment, 2 for usage, never a traceback.
The commands live in the modules beside this one and register on ``app``.

No ``from __future__ import annotations`` in this package: Typer reads these
annotations at every start, and resolving them from strings costs twice as much.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from factcli import __version__
from factcli.cli import streams
from factcli.errors import FactcliError, UsageError, reraise_interrupt
from factcli.store.files import STORE_ENV, resolve_store_path

if TYPE_CHECKING:
    from factcli.index.engine import Index


class BoundaryGroup(TyperGroup):
    """Maps core errors to exit codes; anything unexpected is an internal error, never a traceback."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            from factcli.text.suggest import suggest

            msg = f"unknown command '{name}'{suggest(name, self.list_commands(ctx))}; see '{ctx.command_path} --help'"
            raise UsageError(msg)
        return super().resolve_command(ctx, [*args[:1], *_gh_style(ctx, args[1:])])

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FactcliError as exc:
            streams.error(str(exc), prefix=exc.prefixed)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            # A fault of the environment (full disk, missing directory, no permission, the reader gone), not a bug.
            raise typer.Exit(streams.stream_failed(exc)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("click", "typer")):
                raise
            _internal_error(exc)


def _gh_style(ctx: Any, args: list[str]) -> list[str]:
    """The command's arguments as gh users write them.

    ``--store PATH`` after the command is taken as the global option; ``--json a,b``
    (or a single field name: ``--json id``) selects fields, as ``--fields a,b`` does.
    Runs before the global options reach the app's callback, which reads ``store``.
    """
    out: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            out += [arg, *rest]
            break
        if arg == "--store" or arg.startswith("--store="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, None)
            if value is None:
                msg = "--store needs a PATH"
                raise UsageError(msg)
            ctx.find_root().params["store"] = value
        elif arg.startswith("--json="):
            out += ["--json", "--fields", arg.partition("=")[2]]
        elif arg == "--json":
            following = next(rest, None)
            if following is not None and _field_list(following):
                out += ["--json", "--fields", following]
            else:
                out += [arg] if following is None else [arg, following]
        else:
            out.append(arg)
    return out


def _field_list(arg: str) -> bool:
    """'id,value' or a known field name: what follows --json when the user selects fields."""
    names = arg.split(",")
    if not all(n.replace("_", "").isalnum() for n in names):
        return False
    if "," in arg:
        return True
    from factcli.formats.checked import FINDING_FIELDS, SERIES_FIELDS
    from factcli.formats.records import ALL_FIELDS

    return arg in {*ALL_FIELDS, *FINDING_FIELDS, *SERIES_FIELDS}


def _internal_error(exc: BaseException) -> NoReturn:
    reraise_interrupt(exc)
    if os.environ.get("FACTCLI_DEBUG"):
        raise exc
    streams.error(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in factcli; please report it (set FACTCLI_DEBUG=1 to see the traceback)."
    )
    raise typer.Exit(1)


app = typer.Typer(
    cls=BoundaryGroup,
    epilog="Exit codes: 0 success (an empty result too), 1 invalid store or data, 2 usage error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # help printed as written ("[@fact:ID]" is no markup) and usage errors one plain "Error:" line like the others
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Session:
    """What this run works on: the store the user named, and its index once a command asks for it."""

    def __init__(self) -> None:
        self.store_option: str | None = None
        self._index: Index | None = None

    def root(self) -> Path:
        return resolve_store_path(self.store_option)

    def named(self) -> bool:
        """The user named the store (--store or $FACTCLI_STORE) rather than taking the bundled one."""
        return bool(self.store_option or os.environ.get(STORE_ENV))

    def index(self) -> "Index":
        if self._index is None:
            from factcli.index.cache import open_index

            self._index = open_index(self.root(), streams.progress())
            for note in self._index.notes:
                streams.note(note)
        return self._index


session = Session()


def _version(value: bool) -> None:
    if value:
        try:
            sys.stdout.write(f"factcli {__version__}\n")
            sys.stdout.flush()
        except OSError as exc:  # here, before any command's error boundary
            raise typer.Exit(streams.stream_failed(exc)) from None
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
    session.store_option = store
    session._index = None
