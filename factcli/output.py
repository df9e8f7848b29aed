"""Writing to the process's streams: the only module besides the CLI that touches stdout.

Machine formats go to a UTF-8 wrapper over ``sys.stdout.buffer`` so neither
the locale nor PYTHONIOENCODING=ascii can break them; tables go to
``sys.stdout`` with unencodable characters replaced rather than raising.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from factcli import citations, query
from factcli.errors import FactcliError, Problem, UsageError
from factcli.records import Rows, amount
from factcli.render import choose_fields, render
from factcli.store import Store

if TYPE_CHECKING:
    from factcli.model import Fact

#: Exit status after the reader closed the pipe (`| head`): what a process killed by SIGPIPE reports.
EXIT_PIPE_CLOSED = 141


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"


def error(message: str, *, prefix: bool = True) -> None:
    sys.stderr.write(f"Error: {message}\n" if prefix else f"{message}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    sys.stderr.write(message + "\n")


def describe_os_error(exc: OSError) -> str:
    """One line naming what failed and where: 'cannot write to standard output: no space left on the device'."""
    from factcli.text.chars import os_error_text  # noqa: PLC0415 - error path only

    where = f"cannot use {exc.filename}" if exc.filename else "cannot write to standard output"
    return f"{where}: {os_error_text(exc)}"


#: Fewer files than this load too fast for a progress bar to help.
PROGRESS_MIN_FILES = 20


def progress() -> Callable[[int, int], None] | None:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    bar: list[Any] = []

    def update(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        if not bar:
            from factcli import render_table  # noqa: PLC0415 - rich only for people

            bar.append(render_table.ProgressBar("Reading the store", total))
        bar[0].update(done)

    return update


def interactive() -> bool:
    return sys.stdin.isatty()


def read_json_record(name: str) -> dict[str, Any]:
    import json  # noqa: PLC0415 - only add reads JSON

    text = read_text_argument(name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"--from-json: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise UsageError(msg) from exc
    if not isinstance(data, dict):
        msg = "--from-json: expected one JSON object (a fact)"
        raise UsageError(msg)
    return data


def prompt_missing(record: dict[str, Any], root: Any) -> dict[str, Any]:
    """Ask for each missing field on the terminal, completing names from the store with Tab."""
    import typer  # noqa: PLC0415

    from factcli import numbers  # noqa: PLC0415
    from factcli.loader import load_store  # noqa: PLC0415

    store = load_store(root)
    choices = {"topic": sorted(store.topics), "source": sorted(store.sources), "kind": ["quantity", "event"]}

    def ask(label: str, default: str | None = None, options: Sequence[str] = ()) -> str:
        _complete_with(options)
        shown = f"{label} ({', '.join(options)})" if 0 < len(options) <= 12 else label
        answer: str = typer.prompt(shown, default=default or "", show_default=bool(default))
        return answer.strip()

    for key in ("claim", "kind"):
        record[key] = record.get(key) or ask(key, options=choices.get(key, ()))
    if record["kind"] == "quantity":
        while record.get("value") is None:  # ask again until the answer reads as one number
            answer = ask("value (the number, e.g. 1949, 1,949 or two hundred)")
            record["value"] = numbers.parse_number(answer)
            if record["value"] is None:
                note(f"'{answer}' is not one number; type it again")
        record["unit"] = record.get("unit") or ask("unit", options=sorted(store.units()))
    record["value_text"] = record.get("value_text") or ask("value_text (the source's words)")
    if not record.get("date") and not record.get("period"):
        record["date"] = ask("date (YYYY, YYYY-MM or YYYY-MM-DD)")
    record["topic"] = record.get("topic") or ask("topic", options=choices["topic"])
    citation = dict((record.get("citations") or [{}])[0])
    for key, label in (("source", "source"), ("section", "section"), ("quote", "quote (verbatim)")):
        while not citation.get(key):  # every part of a citation is required: never leave one empty
            citation[key] = ask(label, options=choices["source"] if key == "source" else ())
    record["citations"] = [citation, *(record.get("citations") or [])[1:]]
    if not record.get("entities"):
        names = ask("entities (comma-separated, optional)", options=sorted(store.entities))
        record["entities"] = [n.strip() for n in names.split(",") if n.strip()]
    return record


def _complete_with(options: Sequence[str]) -> None:
    try:
        import readline  # noqa: PLC0415 - not on every platform
    except ImportError:  # pragma: no cover
        return

    def complete(text: str, state: int) -> str | None:
        matches = [o for o in options if o.lower().startswith(text.lower())]
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims("\t\n,")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def read_ids(args: Sequence[str]) -> list[str]:
    """Ids from the arguments, with '-' replaced by the whitespace-separated ids on stdin."""
    out: list[str] = []
    for arg in args:
        out.extend(sys.stdin.read().split() if arg == "-" else [arg])
    return out


def read_text_argument(name: str) -> str:
    """A file's text, or stdin's for '-'; unreadable input is a usage error, never a traceback."""
    if name == "-":
        return sys.stdin.read()
    try:
        with open(name, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError as exc:
        from factcli.text.chars import os_error_text  # noqa: PLC0415 - error path only

        msg = f"cannot read {name!r}: {os_error_text(exc)}"
        raise UsageError(msg) from exc


def pipe_closed() -> NoReturn:
    """The reader went away: stop quietly (Python docs, 'Note on SIGPIPE')."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(EXIT_PIPE_CLOSED)


@contextlib.contextmanager
def machine_stream() -> Iterator[TextIO]:
    """A UTF-8 text stream over stdout's bytes, detached afterwards so stdout stays open."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - stdout replaced by a pure text stream
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n", write_through=False)
    try:
        yield stream
        stream.flush()
    finally:
        with contextlib.suppress(ValueError):
            stream.detach()


def human_stream() -> TextIO:
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    return sys.stdout


def emit(rows: Rows, format_name: str, fields: str | None, empty_message: str) -> None:
    human = format_name == "table"
    chosen = choose_fields(rows, fields, human=human)
    if human:
        if not rows.items:
            if empty_message:
                note(empty_message)
            return
        stream = human_stream()
        render(rows, format_name, chosen, stream)
        stream.flush()  # here, not at exit: a full disk or closed pipe is reported like any other
        return
    with machine_stream() as out:
        render(rows, format_name, chosen, out)


def write_file(path: Any, rows: Rows, format_name: str) -> None:
    """A machine format to a file, UTF-8, every field."""
    from factcli.text.chars import os_error_text  # noqa: PLC0415 - error path only

    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            render(rows, format_name, list(rows.fields), fh)
    except OSError as exc:
        msg = f"cannot write {path}: {os_error_text(exc)}"
        raise FactcliError(msg) from exc


def show_details(store: Store, facts: Sequence[Fact]) -> None:
    from factcli import render_table  # noqa: PLC0415 - rich only for people

    items = [render_table.Detail(**_detail(store, fact)) for fact in facts]
    render_table.detail(items, human_stream())


def _detail(store: Store, fact: Fact) -> dict[str, Any]:
    """The parts of a `show` view; plain data so that rich stays out of this module."""
    lines: list[tuple[str, str]] = [("Claim", fact.claim)]
    value = amount(fact)
    lines.append(("Value", f"{value}  (“{fact.value_text}”)" if fact.value is not None else value))
    lines.append(("Date", fact.when))
    for label, text in (
        ("Metric", fact.metric or ""),
        ("Entities", "; ".join(fact.entities)),
        ("Tags", "; ".join(fact.tags)),
        ("Note", fact.note or ""),
    ):
        if text:
            lines.append((label, text))
    if fact.supersedes:
        lines.append(("Supersedes", f"{fact.supersedes.id}: {fact.supersedes.reason}"))
    replaced_by = store.superseded_by(fact.id)
    if replaced_by:
        lines.append(("Superseded by", ", ".join(replaced_by)))
    quotes = [
        (c.quote, c.section, citations.reference_text(store.sources[c.source]) + f" [{c.source}]")
        for c in fact.citations
    ]
    related = [
        f"{amount(other)} in {other.when} ({', '.join(other.source_ids)}) — {other.id}"
        for other in query.related(store, fact)
    ]
    if fact.location:
        lines.append(("Defined in", f"{fact.location.path}:{fact.location.line}"))
    title = fact.id
    subtitle = f"{fact.kind}, {fact.topic}"
    return {"title": title, "subtitle": subtitle, "lines": lines, "quotes": quotes, "related": related}


def report_problems(problems: Sequence[Problem], fmt: ProblemFormat, *, strict: bool) -> bool:
    """Print problems (stdout: they are the command's output); True when the run should fail."""
    import json  # noqa: PLC0415 - lookups never encode here

    failing = [p for p in problems if p.level == "error" or strict]
    with machine_stream() as out:
        if fmt is ProblemFormat.json:
            records = [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "level": "error" if strict else p.level,
                    "message": p.message,
                    "check": p.check,
                }
                for p in problems
            ]
            out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        else:
            for p in problems:
                out.write(p.format() + "\n")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt is ProblemFormat.text:
        note(
            f"{errors} error(s), {warnings} warning(s)"
            + (" (warnings count as errors: --strict)" if strict and warnings else "")
        )
    return bool(failing)
