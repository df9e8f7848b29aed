"""``add``: append a new fact to the store, from flags, JSON or prompts."""

from pathlib import Path
from typing import Annotated, Any

import typer

from factcli.cli import inputs, streams
from factcli.cli.app import app, session
from factcli.cli.completion import kinds, names
from factcli.errors import FactcliError, UsageError


@app.command()
def add(
    from_json: Annotated[
        str | None,
        typer.Option("--from-json", help="Read the fact as JSON from a file, or - for stdin.", metavar="FILE"),
    ] = None,
    fact_id: Annotated[str | None, typer.Option("--id", help="Fact id (default: proposed from the claim).")] = None,
    claim: Annotated[str | None, typer.Option(help="One sentence in your words.")] = None,
    kind: Annotated[str | None, typer.Option(help="quantity or event.", autocompletion=kinds)] = None,
    value: Annotated[str | None, typer.Option(help="The number (quantities): 1949, 1,949 or two hundred.")] = None,
    qualifier: Annotated[str | None, typer.Option(help="approx, more_than, at_least, less_than, at_most.")] = None,
    unit: Annotated[str | None, typer.Option(help="What is counted.", autocompletion=names("units"))] = None,
    value_text: Annotated[str | None, typer.Option(help="The source's words for the value.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")] = None,
    period_start: Annotated[str | None, typer.Option(help="Start of a period.", metavar="DATE")] = None,
    period_end: Annotated[str | None, typer.Option(help="End of a period.", metavar="DATE")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic key.", autocompletion=names("topics"))] = None,
    metric: Annotated[str | None, typer.Option(help="Metric key.", autocompletion=names("metrics"))] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Keyword (repeatable).")] = None,
    entity: Annotated[
        list[str] | None, typer.Option(help="Canonical entity name (repeatable).", autocompletion=names("entities"))
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source id.", autocompletion=names("sources"))] = None,
    section: Annotated[str | None, typer.Option(help="Heading of the quote in the document.")] = None,
    quote: Annotated[str | None, typer.Option(help="Verbatim span containing value_text.")] = None,
    note: Annotated[str | None, typer.Option(help="How an ambiguous value was read.")] = None,
    file: Annotated[Path | None, typer.Option(help="Store file to append to (default: <topic>.yaml).")] = None,
    texts: Annotated[
        Path | None,
        typer.Option(help="Check the quote against its document's plain text in DIR, as validate --texts does."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the YAML that would be appended.")] = False,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file",
            help="Add every fact of a review file (extract's, edited); the refused are kept.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Append a new fact, validated first, without changing a byte already in the file.

    Give the fact as flags, as JSON (--from-json -), or answer prompts on a
    terminal. The write is atomic and locked: concurrent adds all land.

    Examples:

      factcli add --topic peacekeeping --source wp2008-ch13   (prompts for the rest)

      factcli add --kind event --claim "…" --value-text "May 2008" --date 2008-05 --topic … --source … --quote …

      factcli add --from-json fact.json --dry-run

      factcli add --from-file wp2010.review.yaml
    """
    from factcli.store import newfact, write

    if from_file is not None:
        from factcli.cli.curate import add_reviewed

        add_reviewed(from_file, dry_run=dry_run)
        return
    root = session.root()
    if not dry_run:
        write.writable(root, named=session.named())  # before anything is typed
    if from_json is not None:
        record = _from_json(from_json)
    else:
        record = _asked(root, {
            "id": fact_id, "claim": claim, "kind": kind, "value": _number(value), "qualifier": qualifier,
            "unit": unit, "value_text": value_text, "date": date, "topic": topic, "metric": metric,
            "tags": tag or [], "entities": entity or [], "note": note,
            "period": {"start": period_start, "end": period_end} if period_start or period_end else None,
            "citations": [{"source": source, "section": section, "quote": quote}] if source or quote else None,
        })  # fmt: skip
    implied = newfact.implied_qualifier(record)
    if implied:
        record["qualifier"] = implied
        streams.note(f"qualifier: {implied} (from {record['value_text']!r})")
    try:
        if not record.get("id") and record.get("claim"):
            when = record.get("date") or (record.get("period") or {}).get("end")
            record["id"] = newfact.propose_id(str(record["claim"]), when, set(session.index().fact_ids()))
        if texts is not None:
            _check_quote(root, record, file, texts)
        added = write.append(root, record, file, dry_run=dry_run)
    except FactcliError as exc:
        if from_json is None and not dry_run:  # nothing typed is lost: the answers, ready for --from-json
            streams.error(str(exc), prefix=exc.prefixed)
            streams.keep_for_later(record)
            raise typer.Exit(exc.exit_code) from None
        raise
    for line in added.warnings:
        streams.note(f"warning: {line}")
    if dry_run:
        with streams.machine_stream() as out:
            out.write(added.text)
        return
    for line in added.notes:
        streams.note(f"note: {line}")
    streams.note(f"added {added.fact.id} to {added.path}")


def _from_json(name: str) -> dict[str, Any]:
    from factcli.store import jsonfact

    return jsonfact.record_from_json(jsonfact.parsed(inputs.read_text_argument(name, "a fact as JSON", 2**20)))


def _asked(root: Path, record: dict[str, Any]) -> dict[str, Any]:
    """The fact from the options, what they miss asked for on a terminal; never a prompt without one."""
    from factcli.store import newfact

    gaps = newfact.missing(record)
    if gaps and not streams.interactive():
        flags = ", ".join(_FLAGS.get(key, f"--{key}") for key in gaps)
        msg = f"missing {flags}: give them as options, as JSON (--from-json FILE), or answer prompts on a terminal"
        raise UsageError(msg)
    return _prompted(record, root) if gaps else record


#: The option that gives each field.
_FLAGS = {"id": "--id (or --claim)", "value_text": "--value-text", "date": "--date (or --period-start/--period-end)"}


def _prompted(record: dict[str, Any], root: Path) -> dict[str, Any]:
    """The prompts' answers; interrupted (Ctrl-C) or ended (Ctrl-D), what was typed is saved first."""
    from factcli.cli.prompts import prompt_missing

    try:
        return prompt_missing(record, root)
    except (KeyboardInterrupt, typer.Abort) as exc:  # the prompt turns Ctrl-C and Ctrl-D into Abort
        streams.keep_for_later(record)
        if isinstance(exc, KeyboardInterrupt) or isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None  # the boundary ends it: "Interrupted.", exit 130
        msg = "no answer (the input ended); nothing was added"
        raise FactcliError(msg) from None


def _check_quote(root: Path, record: dict[str, Any], file: Path | None, texts: Path) -> None:
    """The new fact's quotes against their documents' texts (add --texts): a quote not in its document is an
    error, as validate --texts makes it."""
    from factcli.checks.quotes import check_quotes
    from factcli.store import write
    from factcli.store.load import load_store
    from factcli.store.write import InvalidFactError

    fact = write.append(root, record, file, dry_run=True).fact
    found = check_quotes(load_store(root), texts, [fact])
    if any(p.level == "error" for p in found):
        raise InvalidFactError(found)


def _number(value: str | None) -> int | float | None:
    """--value as people type it; a value that is not one number is a usage error."""
    if value is None:
        return None
    from factcli.reading.numbers import parse_number

    number = parse_number(value)
    if number is None:
        msg = f"--value {value!r} is not one number: write it as 1949, 1,949 or two hundred"
        raise UsageError(msg)
    return number
