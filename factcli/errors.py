"""Typed errors of the core, each carrying the exit code the CLI turns it into.

The core never prints; it raises one of these and the CLI's single error
boundary writes the message to stderr and exits with ``exit_code``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcli.model import Problem


class FactcliError(Exception):
    """Base class: something the user should read, not a traceback."""

    exit_code = 1
    #: Whether the message reads as one sentence after "Error: " (a list of problems does not).
    prefixed = True


class UsageError(FactcliError):
    """Bad input on the command line: unknown topic, bad date, unknown id (exit 2)."""

    exit_code = 2


class StoreError(FactcliError):
    """The store cannot be used as it is: every problem found, all at once (exit 1)."""

    prefixed = False

    def __init__(self, problems: list[Problem] | None = None, summary: str = "the store is invalid") -> None:
        super().__init__(summary)
        self.problems = problems if problems is not None else []
        self.summary = summary

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.level == "error"]
        lines = [p.format() for p in sorted(errors)]
        lines.append(f"{self.summary}: {len(errors)} error(s); run 'factcli validate' for details")
        return "\n".join(lines)


def reraise_interrupt(exc: BaseException) -> None:
    """Raise the interrupt (SIGINT, SIGTERM) behind ``exc``, if there is one: an error raised while an interrupt
    unwound the program (a cleanup's own failure; Python wraps one raised in a class's creation) is the
    interrupt's, not a fault to report."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            raise cause
        cause = cause.__cause__ or cause.__context__
