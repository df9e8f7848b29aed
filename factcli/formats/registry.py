"""Output formats: one function per format, all in one registry.

Machine formats are written with the standard library straight to a UTF-8
stream: never through rich, which wraps at 80 columns in a pipe (newlines
inside JSON strings) and lets FORCE_COLOR put escape codes into the data.
Only the ``table`` format imports rich, lazily, from ``formats.table``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from itertools import islice
from typing import TextIO

from factcli.errors import UsageError
from factcli.formats.records import Rows

Renderer = Callable[[Rows, Sequence[str], TextIO], None]


class OutputFormat(StrEnum):
    """The --format choices; each has its renderer below (a test checks every one is registered)."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"
    ids = "ids"


FORMATS: dict[str, Renderer] = {}


def register(name: OutputFormat) -> Callable[[Renderer], Renderer]:
    def wrap(func: Renderer) -> Renderer:
        FORMATS[name.value] = func
        return func

    return wrap


def choose_fields(rows: Rows, fields: str | None, *, human: bool) -> list[str]:
    """Fields to print: --fields as given (validated), else all fields, or the table's short list."""
    if not fields:
        return list(rows.table_fields if human else rows.fields)
    chosen = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in rows.fields]
    if unknown or not chosen:
        given = ", ".join(unknown) or "(none given)"
        msg = f"unknown field(s): {given}; choose from {', '.join(rows.fields)}"
        raise UsageError(msg)
    return chosen


def render(rows: Rows, format_name: str, fields: Sequence[str], out: TextIO) -> None:
    FORMATS[format_name](rows, fields, out)


@register(OutputFormat.table)
def _table(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """Aligned columns for people (default on a terminal)."""
    from factcli.formats import table  # rich costs start-up; only tables need it

    table.table(rows, fields, out)


@register(OutputFormat.json)
def _json(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """A JSON array of records, one record per line."""
    # One compact record per line: readable with `less`, diffable, and written by the C encoder
    # (json.dumps with indent= falls back to a pure-Python encoder, 5x slower on large results).
    # A few large writes, never one copy of everything.
    first = True
    for text in _json_batches(rows, fields, ",\n"):
        out.write(("[\n" if first else ",\n") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


#: Records per write: large enough that per-call cost vanishes, small enough to keep memory flat.
_CHUNK = 512


@register(OutputFormat.jsonl)
def _jsonl(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """One JSON record per line (JSON Lines)."""
    for text in _json_batches(rows, fields, "\n"):
        out.write(text + "\n")


def _json_batches(rows: Rows, fields: Sequence[str], separator: str) -> Iterator[str]:
    """Batches of the items as compact JSON, joined by ``separator``: the index's ready text where it has
    it, else encoded here."""
    if rows.json_batches is not None and tuple(fields) == tuple(rows.fields):
        yield from rows.json_batches(separator)
        return
    import json  # stored JSON (the usual case) needs no encoder

    records = (json.dumps({f: r[f] for f in fields}, ensure_ascii=False) for r in map(rows.structured, rows.items))
    while chunk := list(islice(records, _CHUNK)):
        yield separator.join(chunk)


def _delimited(rows: Rows, fields: Sequence[str], out: TextIO, delimiter: str) -> None:
    import csv  # each format imports only what it needs

    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(fields)
    for item in rows.items:
        flat = rows.flat(item)
        writer.writerow([flat[f] for f in fields])


@register(OutputFormat.csv)
def _csv(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """Comma-separated values with a header row."""
    _delimited(rows, fields, out, ",")


@register(OutputFormat.tsv)
def _tsv(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """Tab-separated values with a header row."""
    _delimited(rows, fields, out, "\t")


@register(OutputFormat.yaml)
def _yaml(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """A YAML list of records."""
    import yaml  # only this format needs the emitter

    records = [{f: rows.structured(item)[f] for f in fields} for item in rows.items]
    yaml.safe_dump(records, out, sort_keys=False, allow_unicode=True, width=2**31 - 1, default_flow_style=False)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


@register(OutputFormat.markdown)
def _markdown(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """A Markdown (GitHub) table."""
    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for item in rows.items:
        flat = rows.flat(item)
        out.write("| " + " | ".join(_md_cell(flat[f]) for f in fields) + " |\n")


@register(OutputFormat.ids)
def _ids(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    """Only the key of each record, one per line (for xargs and cite -)."""
    for item in rows.items:
        out.write(rows.flat(item)[rows.key] + "\n")
