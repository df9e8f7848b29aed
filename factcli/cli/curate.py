"""Bringing a document in: ``sources add`` registers it, ``extract`` proposes its facts for review, and
``add --from-file`` (add.py's option, this module's work) appends what the curator kept."""

import re
from pathlib import Path
from typing import Annotated

import typer

from factcli.cli import streams
from factcli.cli.app import app, session
from factcli.cli.completion import names
from factcli.cli.lookup import sources_app
from factcli.errors import UsageError

app.add_typer(sources_app, name="source", hidden=True)  # DESIGN.md's spelling: "factcli source add FILE"

DateOpt = Annotated[str | None, typer.Option(help="ISO date: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE")]


@sources_app.command("add")
def sources_add(
    file: Annotated[Path, typer.Argument(help="The document as plain UTF-8 text (or Markdown).", metavar="FILE")],
    title: Annotated[str, typer.Option(help="The document's title.")],
    publisher: Annotated[str, typer.Option(help="Who issued it.")],
    kind: Annotated[str, typer.Option("--type", help="white-paper, policy-paper, web-page, report, …")],
    source_id: Annotated[str | None, typer.Option("--id", help="Source id (default: from the file's name).")] = None,
    published: DateOpt = None,
    url: Annotated[str | None, typer.Option(help="Where it is published.")] = None,
    accessed: DateOpt = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. en.")] = None,
    note: Annotated[str | None, typer.Option(help="A remark: its as-of time, how the text was made.")] = None,
) -> None:
    """Register a document in your store: pinned by the sha256 of its text, the text kept in texts/.

    The text is what quotes are checked against (validate) and what extract
    reads: plain UTF-8 text or Markdown; convert a DOCX or HTML page with
    'pandoc -t plain', a PDF with 'pdftotext'. Never into the bundled store.

    Examples:

      factcli sources add wp2010.txt --id wp2010 --title "China's National Defense in 2010"
      --publisher "State Council Information Office" --type white-paper --published 2011-03

      factcli --store ~/factstore extract wp2010
    """
    from factcli.store.register import register

    record = {
        "id": source_id or _slug(file.stem), "title": title, "publisher": publisher, "published": published,
        "type": kind, "url": url, "accessed": accessed, "language": language, "note": note,
    }  # fmt: skip
    done = register(session.root(), file, record, named=session.named())
    source = done.source
    streams.note(
        f"registered {source.id} in {done.sources_path}, its text kept as {done.text_path} "
        f"(sha256 {source.sha256})\nnext: factcli extract {source.id}"
    )


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "document"


@app.command()
def extract(
    source: Annotated[
        str,
        typer.Argument(
            help="A source id (its text found by sha256 in the store's texts/ or --texts DIR), or the document's FILE.",
            autocompletion=names("sources"),
            metavar="SOURCE",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="The review file (default: SOURCE-ID.review.yaml); - for stdout.", metavar="FILE"
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(help="Directory of the documents' texts (default: the store's texts/).", metavar="DIR"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every candidate as JSON on stdout, for scripts.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The time the document speaks from (default: its title's year or its "
            "publication): what it does not date is dated from it.",
            metavar="DATE",
        ),
    ] = None,
) -> None:
    """Propose a document's facts for review: every figure and dated happening, in the store's YAML.

    Each candidate has its verbatim quote, section, value and qualifier as
    written, unit, date or period (its note says where that came from),
    kind, entities, topic, metric and a proposed id. Candidates the store
    holds already are listed by the id that holds them, not repeated. The
    review file is yours to edit; nothing goes into the store until
    'factcli add --from-file FILE'.

    Examples:

      factcli --store ~/factstore extract wp2010

      factcli extract wp2008-ch13 --texts ../shared/seeds -o - | less

      factcli extract wp2017-asia-pacific --texts ../shared/seeds --json | jq '.[] | select(.held == null) | .fact.id'
    """
    from factcli.extract.candidates import extract as run
    from factcli.formats.review import review_json, review_yaml
    from factcli.reading.prose import is_markdown
    from factcli.store.register import document
    from factcli.text import dates

    if as_of is not None and not dates.is_valid(as_of):
        msg = f"--as-of {as_of!r} is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD"
        raise UsageError(msg)
    index = session.index()
    found, text, path = document(session.root(), index.vocab.sources, source, texts)
    extraction = run(index, text, found, as_of=as_of, markdown=is_markdown(path.name, text),
                     progress=streams.progress(f"Reading {path.name}"))  # fmt: skip
    held = sum(1 for c in extraction.candidates if c.held)
    if as_json:
        with streams.machine_stream() as out:
            out.write(review_json(extraction))
        return
    target = output or f"{found.id}.review.yaml"
    body = review_yaml(extraction, str(path), target if target != "-" else f"{found.id}.review.yaml")
    if target == "-":
        with streams.machine_stream() as out:
            out.write(body)
    else:
        _write_new(Path(target), body)
    where = "" if target == "-" else f" in {target}"
    streams.note(
        f"{len(extraction.new)} candidate facts{where}, {held} more the store holds already"
        + ("" if target == "-" else f"; review them, then: factcli add --from-file {target}")
    )


def _write_new(path: Path, body: str) -> None:
    """A new review file; an existing one is never written over (it may hold a curator's edits)."""
    from factcli.text.chars import os_error_text

    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(body)
    except FileExistsError:
        msg = f"{path} exists (it may hold your edits): give another -o FILE, or remove it"
        raise UsageError(msg) from None
    except OSError as exc:
        msg = f"cannot write {path}: {os_error_text(exc)}"
        raise UsageError(msg) from exc


def add_reviewed(review: Path, *, dry_run: bool) -> None:
    """``add --from-file``: every fact of a review file that passes the store's rules, the rest kept aside."""
    from collections import Counter

    from factcli.store import review as reviewing

    result = reviewing.apply(session.root(), review, dry_run=dry_run)
    for added in result.added:
        for line in added.warnings:
            streams.note(f"warning: {added.fact.id}: {line}")
    for refused in result.refused:
        for message in refused.messages:
            streams.note(f"{review}:{refused.line}: error: {message}")
    files = Counter(added.path.name for added in result.added)
    where = f" ({', '.join(f'{name} {n}' for name, n in sorted(files.items()))})" if files else ""
    summary = f"{len(result.added)} {'to add' if dry_run else 'added'}{where}, {len(result.refused)} refused"
    if result.leftover is not None:
        summary += (
            f"; the refused are kept in {result.leftover}: fix them, then: factcli add --from-file {result.leftover}"
        )
    streams.note(summary)
    if result.refused:
        raise typer.Exit(1)
