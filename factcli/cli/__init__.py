"""The command line: each command group in a module of its own, loaded only when it runs.

Typer builds every registered command's parameters on each start (about 25 ms of a
lookup), so a run imports and registers only the module of the command it invokes.
Help, completion and unknown commands get them all, so nothing a user sees changes.
"""

import importlib
import os

from factcli.cli.app import app

#: Each command (or group) and the module that defines it, in the order --help lists them.
COMMANDS = {
    "find": "lookup", "show": "lookup", "sources": "lookup", "topics": "lookup", "entities": "lookup",
    "metrics": "lookup", "thesaurus": "lookup", "series": "checks", "check-draft": "checks", "validate": "checks",
    "schema": "checks", "add": "add", "init": "newstore", "extract": "curate", "export": "publish", "cite": "publish",
    "render": "manuscript", "completion": "shell",
}  # fmt: skip
#: Commands whose group gets subcommands from another module too ("sources add" is curate's).
ALSO = {"sources": "curate", "source": "curate"}
#: Top-level options that take a value, so the command name is found after them.
_VALUE_OPTIONS = ("--store",)

__all__ = ["app", "load_commands"]


def load_commands(argv: list[str]) -> None:
    """Register the command ``argv`` invokes, or every command when it names none we know."""
    name = _invoked(argv)
    if name is None and "--version" in argv and not os.environ.get("_FACTCLI_COMPLETE"):
        app.registered_commands, app.registered_groups = [], []  # the eager option answers before any command
        return
    if (name in COMMANDS or name in ALSO) and not os.environ.get("_FACTCLI_COMPLETE"):
        for module in (COMMANDS.get(name), ALSO.get(name)):
            if module:
                importlib.import_module(f"factcli.cli.{module}")
        app.registered_commands = [c for c in app.registered_commands if _command_name(c) == name]
        app.registered_groups = [g for g in app.registered_groups if g.name == name]
        return
    for module in dict.fromkeys([*COMMANDS.values(), *ALSO.values()]):
        importlib.import_module(f"factcli.cli.{module}")


def _invoked(argv: list[str]) -> str | None:
    args = iter(argv)
    for arg in args:
        if arg in _VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _command_name(info: object) -> str:
    name = getattr(info, "name", None)
    callback = getattr(info, "callback", None)
    return str(name or (callback.__name__.replace("_", "-") if callback else ""))
