"""Commands that check: validate, schema, series and check-draft."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcli.cli import inputs, streams
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


class DraftInput(StrEnum):
    """How to read a draft: by its name (.md, .txt) or by what it looks like."""

    auto = "auto"
    markdown = "markdown"
    text = "text"


class Verdict(StrEnum):
    supported = "supported"
    contradicted = "contradicted"
    unverified = "unverified"
    not_found = "not-found"


@app.command("check-draft")
def check_draft(
    file: Annotated[str, typer.Argument(help="Markdown or text file; - reads stdin.", metavar="FILE")],
    only: Annotated[
        list[Verdict] | None,
        typer.Option("--only", help="Show only these verdicts (repeat the option for several).", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on unverified numbers too.")] = False,
    quickfix: Annotated[
        bool, typer.Option("--quickfix", help="Print file:line:col: verdict: … lines, for editors and CI.")
    ] = False,
    read_as: Annotated[
        DraftInput, typer.Option("--input", help="Read the draft as Markdown or plain text (auto: by name).")
    ] = DraftInput.auto,
    fmt: FormatOpt = OutputFormat.table,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Check every number in a draft against the store: supported, contradicted, unverified or not found.

    Only prose is read: in Markdown, code, HTML, front matter, URLs, link
    targets, footnote labels and citation keys and locators are skipped, and
    a table cell counts what its column heading names. Each number ("1,949",
    "11 063", "more than 650", "about 2.3 million", "a dozen", "12th", "15-20",
    "August 2007") is bound to the fact its sentence is about (what it counts,
    the entities named beside it, the words and the time of its sentence and
    heading); the score and the reasons are in the output. Qualifiers are
    ranges of values: "nearly 2,000" is supported by 1,949, "fewer than 900"
    contradicted by "over 900", "exactly 160" unverified by "more than 150".
    Section numbers, years that only say when, shares the writer worked out
    and numbers inside names get no verdict.

    Exits 1 when a number is contradicted (--strict: or unverified), so a CI
    job can stop a draft.

    Examples:

      factcli check-draft article.md

      factcli check-draft article.md --only contradicted --quickfix

      pandoc -t plain article.docx | factcli check-draft - --json
    """
    from factcli.checks import draft
    from factcli.formats.checked import finding_rows, quickfix_lines
    from factcli.reading import prose

    text = inputs.read_text_argument(file)
    markdown = read_as is DraftInput.markdown or (read_as is DraftInput.auto and prose.is_markdown(file, text))
    index = session.index()
    findings = draft.check(index, text, markdown=markdown)
    shown = [f for f in findings if not only or f.verdict in only]
    if quickfix:
        streams.write_lines(quickfix_lines("<stdin>" if file == "-" else file, shown))
    else:
        streams.emit(finding_rows(index, shown), format_name(fmt, as_json), fields, "No numbers to check in the draft.")
    counts = {v: sum(f.verdict == v for f in findings) for v in draft.VERDICTS}
    streams.note(", ".join(f"{n} {v.replace('-', ' ')}" for v, n in counts.items()))
    if counts["contradicted"] or (strict and counts["unverified"]):
        raise typer.Exit(1)


@app.command()
def validate(
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Directory of the documents' plain texts: check every quote occurs in its document. "
            "Each source names its text by sha256, so any copy with those bytes, under any name, will do. "
            "Default: the store's texts/ folder, where 'sources add' keeps them (the documents kept there).",
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
    from factcli.store.register import texts_dir

    root = session.root()
    kept = texts_dir(root) if texts is None else None  # the store's own texts/: only the documents kept there
    problems = validate_store(root, texts or kept, archived_only=kept is not None)
    failed = streams.report_problems(problems, fmt, strict=strict)
    if failed:
        raise typer.Exit(1)


class SchemaKind(StrEnum):
    facts = "facts"
    sources = "sources"
    entities = "entities"
    topics = "topics"
    metrics = "metrics"
    thesaurus = "thesaurus"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")] = SchemaKind.facts,
) -> None:
    """Print the JSON Schema of a store file, for editors and check-jsonschema.

    Examples:

      factcli schema > fact.schema.json

      factcli schema sources > sources.schema.json

      check-jsonschema --schemafile fact.schema.json factcli/facts/peacekeeping.yaml
    """
    import json

    from factcli.formats.jsonschema import file_schema

    with streams.machine_stream() as out:
        out.write(json.dumps(file_schema(kind.value), indent=2, ensure_ascii=False) + "\n")
