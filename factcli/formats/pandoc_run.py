"""pandoc itself: the reader that turns a manuscript into the tree facts are written into, and the writer back.

``factcli render`` reads a manuscript with pandoc (``-t json``), writes the facts
into that tree exactly as the filter does, and has pandoc write it back as
Markdown; so a manuscript is only ever understood by pandoc, and the two ways
give one document. Without pandoc, ``render`` says so and stops.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcli.errors import FactcliError
from factcli.formats.manuscript import fact_keys, why_not
from factcli.formats.positions import keys_in_front_matter, keys_in_sourcepos, located

if TYPE_CHECKING:
    from factcli.index.engine import Index

INSTALL = "https://pandoc.org/installing.html"
#: Markdown as render writes it: tables as pipe tables, the form pandoc reads back as it wrote them (its
#: simple, multiline and grid tables come back with other alignments and widths).
MARKDOWN = "markdown-simple_tables-multiline_tables-grid_tables"


class PandocError(FactcliError):
    """pandoc is missing or failed: exit 1, with what pandoc said."""


def find_pandoc() -> str:
    found = shutil.which("pandoc")
    if found is None:
        msg = f"render reads manuscripts with pandoc, which is not installed (or not on PATH): see {INSTALL}"
        raise PandocError(msg)
    return found


def run_pandoc(pandoc: str, args: Sequence[str], stdin: str) -> str:
    return _run(pandoc, args, stdin.encode("utf-8")).decode("utf-8", "replace")


def _run(pandoc: str, args: Sequence[str], stdin: bytes) -> bytes:
    try:
        done = subprocess.run([pandoc, *args], input=stdin, capture_output=True, check=False)
    except OSError as exc:
        msg = f"could not run pandoc ({pandoc}): {exc.strerror or exc}"
        raise PandocError(msg) from exc
    if done.returncode != 0:
        msg = f"pandoc stopped (exit {done.returncode}): {done.stderr.decode('utf-8', 'replace').strip()}"
        raise PandocError(msg)
    return done.stdout


def read_markdown(pandoc: str, markdown: str) -> dict[str, Any]:
    """The manuscript as pandoc's Markdown reader builds it, the reader ``pandoc FILE.md`` uses."""
    import json

    doc: dict[str, Any] = json.loads(run_pandoc(pandoc, ["--from", "markdown", "--to", "json"], markdown))
    return doc


def writer_args(to: str | None, output: Path | None, options: Sequence[str]) -> list[str]:
    """pandoc's arguments to write the tree: the format asked for (by --to, or the output's extension), and
    for Markdown the metadata (references) and the writer's own line breaks kept."""
    if to is None and (output is None or output.suffix.lower() in (".md", ".markdown")):
        to = MARKDOWN  # pandoc's own default, from a tree, would be HTML
    args = ["--to", to] if to else []  # else pandoc takes the format from the output's extension
    if to is not None and to.startswith("markdown"):
        args += ["--standalone", "--wrap=preserve"]
    return [*args, *options]


def write(pandoc: str, doc: dict[str, Any], args: Sequence[str]) -> bytes:
    """What pandoc writes for the tree with ``args`` (to stdout, or to the --output they name)."""
    import json

    return _run(pandoc, ["--from", "json", *args], json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def problems(index: Index, doc: dict[str, Any], pandoc: str | None, inputs: Sequence[tuple[str, str]]) -> list[str]:
    """'FILE:LINE:COL: why' for each place a fact key stands that cannot be written in. ``inputs``: the
    manuscript files pandoc read (name, text), searched for the positions (with pandoc, when there is one)."""
    import json

    messages = {key.key: why for key in dict.fromkeys(fact_keys(doc)) if (why := why_not(index, key))}
    if not messages:
        return []
    found = []
    for name, markdown in inputs:
        found += keys_in_front_matter(markdown, name)
        if pandoc is not None:
            try:
                read = run_pandoc(pandoc, ["--from", "commonmark_x+sourcepos", "--to", "json"], markdown)
            except PandocError:
                continue  # positions are a help: the problems are reported without them
            found += keys_in_sourcepos(json.loads(read), name)
    return located(messages, found, inputs[0][0] if inputs else "<stdin>")
