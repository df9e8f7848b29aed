"""Options that several commands share, declared once."""

from typing import Annotated

import typer

from factcli.formats.registry import OutputFormat

FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format; all but table are for programs.", show_default=True),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", help="Comma-separated fields to print; an unknown one lists them all.", metavar="A,B"),
]


def format_name(fmt: OutputFormat, as_json: bool) -> str:
    return "json" if as_json else fmt.value


JqOpt = Annotated[
    str | None,
    typer.Option("--jq", "-q", help="Filter the JSON output with a jq expression, as gh does (strings print raw).",
                 metavar="EXPR"),
]  # fmt: skip
LongOpt = Annotated[bool, typer.Option("--long", "-l", help="Every record as a block of whole fields, nothing cut.")]
