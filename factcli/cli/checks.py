"""Commands that check: validate, schema, series and check-draft."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcli.cli import streams
from factcli.cli.app import app, session
from factcli.cli.completion import names
from factcli.cli.options import FieldsOpt, FormatOpt, JsonOpt, format_name
from factcli.formats.problems import ProblemFormat
from factcli.formats.registry import OutputFormat


@app.command()
def series(
    metric: Annotated[str, typer.Argument(help="Metric key.", autocompletion=names("metrics"), metavar="METRIC")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """One metric across documents and years, with a bar chart; flags documents that disagree.

    One row per document and date. Two documents disagree when they give
    different values for the same date or period (unless one supersedes the
    other).

    Examples:

      factcli series countries-with-military-relations

      factcli series un-peacekeepers-deployed --format csv
    """
    from factcli.checks.series import series as series_of
    from factcli.formats.checked import series_rows

    rows = series_of(session.index(), metric)
    streams.emit(series_rows(metric, rows), format_name(fmt, as_json), fields, f"No facts for metric {metric}.")


@app.command("check-draft")
def check_draft(
    file: Annotated[str, typer.Argument(help="Markdown or text file; - reads stdin.", metavar="FILE")],
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Check every number in a draft against the store: supported, contradicted or not found.

    Numbers are numerals ("1,949"), number words ("eight"), qualified ("more
    than 650"), years and months ("August 2007"). Each is matched to facts by
    value and by the words its sentence shares with them. Exits 1 when a number
    is contradicted, so a CI job can stop a draft.

    Examples:

      factcli check-draft article.md

      pandoc -t plain article.docx | factcli check-draft - --json
    """
    from factcli.checks import draft
    from factcli.formats.checked import finding_rows

    text = streams.read_text_argument(file)
    index = session.index()
    findings = draft.check(index, text)
    streams.emit(finding_rows(index, findings), format_name(fmt, as_json), fields, "No numbers found in the draft.")
    contradicted = sum(f.status == "contradicted" for f in findings)
    counts = {s: sum(f.status == s for f in findings) for s in ("supported", "contradicted", "not-found")}
    streams.note(", ".join(f"{n} {s}" for s, n in counts.items()))
    if contradicted:
        raise typer.Exit(1)


@app.command()
def validate(
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Directory of the documents' plain texts: check every quote occurs in its document. "
            "Each source names its text by sha256, so any copy with those bytes, under any name, will do.",
            metavar="DIR",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="text (file:line:col) or json.")
    ] = ProblemFormat.text,
) -> None:
    """Check the store: schema, ids, references, values against their words, quotes.

    Prints file:line:col: level: message [check], exits 1 on any error.

    Without --texts every check runs but one: each value against its words,
    value_text inside each quote, each quote a passage (not a bare number).
    With --texts DIR, every quote is also looked up in its document's text:
    the file in DIR whose sha256 the source records (sources.yaml). The
    bundled store's texts are ../shared/seeds in the project's repository;
    they do not ship in the wheel.

    Examples:

      factcli validate

      factcli validate --texts ../shared/seeds --strict
    """
    from factcli.checks.validate import validate as validate_store

    problems = validate_store(session.root(), texts)
    failed = streams.report_problems(problems, fmt, strict=strict)
    if failed:
        raise typer.Exit(1)


class SchemaKind(StrEnum):
    facts = "facts"
    sources = "sources"
    entities = "entities"
    topics = "topics"
    metrics = "metrics"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")] = SchemaKind.facts,
) -> None:
    """Print the JSON Schema of a store file, for editors and check-jsonschema.

    Examples:

      factcli schema > fact.schema.json

      factcli schema sources > sources.schema.json

      check-jsonschema --schemafile fact.schema.json facts/peacekeeping.yaml
    """
    import json

    from factcli.formats.jsonschema import file_schema

    with streams.machine_stream() as out:
        out.write(json.dumps(file_schema(kind.value), indent=2, ensure_ascii=False) + "\n")
