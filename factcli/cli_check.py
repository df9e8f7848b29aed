"""Commands that check: validate, schema, series and check-draft."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcli import completion, output
from factcli.cli import FieldsOpt, FormatOpt, JsonOpt, OutputFormat, _emit, app, state
from factcli.store import resolve_store_path


@app.command()
def series(
    metric: Annotated[str, typer.Argument(help="Metric key.", autocompletion=completion.metrics, metavar="METRIC")],
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
    from factcli import series as series_mod  # noqa: PLC0415 - only this command needs it
    from factcli.records import series_rows  # noqa: PLC0415

    store = state.store()
    rows = series_mod.series(store, metric)
    _emit(series_rows(metric, rows), fmt, as_json, fields, f"No facts for metric {metric}.")


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
    from factcli import draft  # noqa: PLC0415 - only this command needs it
    from factcli.records import finding_rows  # noqa: PLC0415

    text = output.read_text_argument(file)
    store = state.store()
    findings = draft.check(store, text)
    _emit(finding_rows(store, findings), fmt, as_json, fields, "No numbers found in the draft.")
    contradicted = sum(f.status == "contradicted" for f in findings)
    counts = {s: sum(f.status == s for f in findings) for s in ("supported", "contradicted", "not-found")}
    output.note(", ".join(f"{n} {s}" for s, n in counts.items()))
    if contradicted:
        raise typer.Exit(1)


@app.command()
def validate(
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Directory of archived source texts: check every quote occurs in its document.",
            metavar="DIR",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[
        output.ProblemFormat, typer.Option("--format", "-f", help="text (file:line:col) or json.")
    ] = output.ProblemFormat.text,
) -> None:
    """Check the store: schema, ids, references, values against their words, quotes.

    Prints file:line:col: level: message [check], exits 1 on any error.

    Examples:

      factcli validate

      factcli validate --texts ../shared/seeds --strict
    """
    from factcli import validation  # noqa: PLC0415 - only this command needs the checks

    root = resolve_store_path(state.store_option)
    problems = validation.validate(root, texts)
    failed = output.report_problems(problems, fmt, strict=strict)
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
    import json  # noqa: PLC0415 - only this command needs them

    from factcli.schema_json import file_schema  # noqa: PLC0415

    with output.machine_stream() as out:
        out.write(json.dumps(file_schema(kind.value), indent=2, ensure_ascii=False) + "\n")
