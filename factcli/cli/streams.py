"""The process's streams: stdout for results, stderr for messages, stdin for ids and drafts.

Machine formats go to a UTF-8 wrapper over ``sys.stdout.buffer`` so neither
the locale nor PYTHONIOENCODING=ascii can break them; tables go to
``sys.stdout`` with unencodable characters replaced rather than raising.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

# Kept here too for the commands that read them through this module (render).
from factcli.cli.inputs import read_ids as read_ids
from factcli.cli.inputs import read_text_argument as read_text_argument
from factcli.errors import FactcliError, UsageError
from factcli.formats.problems import ProblemFormat
from factcli.formats.records import Rows
from factcli.formats.registry import choose_fields, render

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact, Problem

#: Exit status after the reader closed the pipe (`| head`): what a process killed by SIGPIPE reports.
EXIT_PIPE_CLOSED = 141


def error(message: str, *, prefix: bool = True) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr itself full or gone: nothing left to tell
        sys.stderr.write(f"Error: {message}\n" if prefix else f"{message}\n")
        sys.stderr.flush()


def note(message: str) -> None:
    sys.stderr.write(message + "\n")


def write_lines(lines: Sequence[str]) -> None:
    """Plain lines for programs (quickfix lists): UTF-8, no colour, no wrapping."""
    with machine_stream() as out:
        out.writelines(line + "\n" for line in lines)


def describe_os_error(exc: OSError) -> str:
    """One line naming what failed and where: 'cannot write to standard output: no space left on the device'."""
    from factcli.text.chars import os_error_text  # error path only

    where = f"cannot use {exc.filename}" if exc.filename else "cannot write to standard output"
    return f"{where}: {os_error_text(exc)}"


#: Fewer files than this load too fast for a progress bar to help.
#: A build that has run this long shows a progress bar (FACTCLI_PROGRESS_AFTER overrides, in seconds).
PROGRESS_AFTER = 1.0


def progress(label: str = "Reading the store") -> Callable[[int, int], None] | None:
    """A progress callback drawing a bar on stderr once a build has run a second, or None when stderr is not a
    terminal (a pipe or a log gets no bar)."""
    if not sys.stderr.isatty():
        return None
    import time

    after = float(os.environ.get("FACTCLI_PROGRESS_AFTER", PROGRESS_AFTER))
    start = time.monotonic()
    bar: list[Any] = []

    def update(done: int, total: int) -> None:
        if not bar:
            if time.monotonic() - start < after or done >= total:
                return
            from factcli.formats import table  # rich only for people

            bar.append(table.ProgressBar(label, total))
        bar[0].update(done)

    return update


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def pipe_closed() -> NoReturn:
    """The reader went away: stop quietly (Python docs, 'Note on SIGPIPE')."""
    raise SystemExit(stream_failed(OSError(errno.EPIPE, "")))


def stream_failed(exc: OSError) -> int:
    """An error writing a stream (full disk, closed, the reader gone) as one line on stderr (none for a closed
    pipe) and the exit code; standard output is then pointed at /dev/null, so that what is still buffered is
    not written (and fails) again at exit."""
    if exc.errno != errno.EPIPE:
        error(describe_os_error(exc))
    if exc.filename is None:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.close(devnull)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the process's stream until exit
    return EXIT_PIPE_CLOSED if exc.errno == errno.EPIPE else 1


@contextlib.contextmanager
def machine_stream() -> Iterator[TextIO]:
    """A UTF-8 text stream over stdout's bytes, detached afterwards so stdout stays open."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - stdout replaced by a pure text stream
        yield sys.stdout
        return
    # surrogateescape: a file name of bytes that are not UTF-8 (in a problem, a quickfix line) is written as those
    # bytes, what an editor needs to open the file.
    stream = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape", newline="\n", write_through=False)
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


def emit(
    rows: Rows,
    format_name: str,
    fields: str | None,
    empty_message: str,
    *,
    long: bool = False,
    single: bool = False,
    jq: str | None = None,
) -> None:
    """Print ``rows`` in a format; ``single``: JSON of one record is that object, not a one-element array."""
    if jq is not None:
        run_jq(rows, fields, jq, single=single)
        return
    human = format_name == "table"
    chosen = choose_fields(rows, fields, human=human)
    if human:
        if not rows.items:
            if empty_message:
                note(empty_message)
            return
        stream = human_stream()
        if long:
            from factcli.formats import table

            table.table(rows, chosen, stream, long=True)
        else:
            render(rows, format_name, chosen, stream)
        stream.flush()  # here, not at exit: a full disk or closed pipe is reported like any other
        return
    with machine_stream() as out:
        if single and format_name == "json" and len(rows.items) == 1:
            render(rows, "jsonl", chosen, out)  # the one record, on its own line
        else:
            render(rows, format_name, chosen, out)


def write_file(path: Path, rows: Rows, format_name: str) -> None:
    """A machine format to a file, UTF-8, every field: written whole or not at all (store.atomic)."""
    from factcli.store import atomic

    try:
        with atomic.replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            render(rows, format_name, list(rows.fields), fh)
    except OSError as exc:
        from factcli.text.chars import os_error_text  # error path only

        msg = f"cannot write {path}: {os_error_text(exc)}"
        raise FactcliError(msg) from exc


def show_details(index: Index, facts: Sequence[Fact]) -> None:
    from factcli.formats import table
    from factcli.formats.detail import detail

    stream = human_stream()
    table.detail([detail(index, fact) for fact in facts], stream)
    stream.flush()


def report_problems(problems: Sequence[Problem], fmt: ProblemFormat, *, strict: bool) -> bool:
    """Print problems (stdout: they are the command's output, a summary on stderr); True when the run fails."""
    from factcli.formats.problems import failed, render_problems, summary

    with machine_stream() as out:
        out.write(render_problems(problems, fmt, strict=strict))
    if fmt is ProblemFormat.text:
        note(summary(problems, strict=strict))
    return failed(problems, strict=strict)


def run_jq(rows: Rows, fields: str | None, expression: str, *, single: bool) -> None:
    """The JSON output filtered by a jq program (the jq library, imported only here): gh's --jq."""
    import json

    import jq

    chosen = choose_fields(rows, fields, human=False)
    records = [{name: record[name] for name in chosen} for record in map(rows.structured, rows.items)]
    data: object = records[0] if single and len(records) == 1 else records
    try:
        program = jq.compile(expression)
    except ValueError as exc:
        msg = f"--jq: {str(exc).splitlines()[0]}"
        raise UsageError(msg) from exc
    try:
        results = program.input_value(data).all()
    except ValueError as exc:
        msg = f"--jq: {str(exc).splitlines()[0]}"
        raise FactcliError(msg) from exc
    with machine_stream() as out:
        for result in results:
            out.write((result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)) + "\n")


def keep_for_later(record: dict[str, Any]) -> None:
    """A fact that could not be added, saved so that what was typed is not lost: print where, and how to resume.
    Each is a file of its own (two refused in one second never share a name), readable by the user alone, as
    the store's facts are; the fields not given are left out."""
    import json
    import tempfile
    import time

    from factcli.index import place
    from factcli.index.cache import cache_dir

    given = {key: value for key, value in record.items() if value not in (None, "", [], {})}
    text = json.dumps(given, ensure_ascii=False, indent=2)
    try:
        directory = place.directory(cache_dir(), create=True)
        prefix = f"unsaved-fact-{time.strftime('%Y%m%d-%H%M%S')}-"
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".json", dir=directory)  # O_EXCL, mode 0600
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        where = f"saved in {name}; fix it and run: factcli add --from-json {name}"
    except (OSError, place.Refused):
        where = "fix it and run: factcli add --from-json FILE"
    note(f"your fact, {where}\n{text}")
