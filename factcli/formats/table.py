"""The human formats, and the only module that imports rich.

One row per item, fitted to the terminal as norwegianblue and gh print them:
ids, values and dates are never cut (an id cut short cites the wrong fact);
text columns (claim, description) take the room that is left and are cut
with "…", or left out when too little room is left for them to be read;
``--long`` and ``show`` give the whole text as labelled blocks. Lines carry
no trailing spaces.

Store text is data, never markup: every piece is a ``rich.text.Text`` built
from the raw string (so ``[sic]`` and ``[/]`` print as written) with control
and bidi characters made visible, and the console runs with markup, emoji and
highlighting off; rich only decides colour and width (NO_COLOR, TERM=dumb, COLUMNS).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from factcli.formats.detail import Detail
from factcli.formats.records import Rows

#: Columns that must be read whole.
NEVER_CUT = frozenset({"id", "key", "value", "date", "when", "bar", "name", "published", "facts", "where", "fact"})
#: Right-aligned columns (counts).
NUMERIC = frozenset({"facts"})
#: A text column given fewer cells than this is left out rather than cut to a stub.
MIN_CUT_WIDTH = 16
GAP = "  "
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def safe(text: str) -> str:
    """Show control and bidi characters as escapes so data cannot drive the terminal."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Console(Console):
    """rich's console, but a closed pipe is the CLI's to end (exit 141 like the other formats), not rich's (exit 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


def make_console(out: TextIO) -> Console:
    return _Console(file=out, markup=False, emoji=False, highlight=False, soft_wrap=True)


def table(rows: Rows, fields: Sequence[str], out: TextIO, *, long: bool = False) -> None:
    console = make_console(out)
    records = [{name: safe(value) for name, value in rows.human(item).items()} for item in rows.items]
    if long:
        blocks(console, records, fields)
        return
    shown = fit(fields, records, console.width)
    if shown is None:  # not even the columns that are never cut fit: one block per record
        blocks(console, records, fields)
        return
    names = list(shown)
    header = Text()
    for i, name in enumerate(names):
        header.append(_cell(name, shown[name], name in NUMERIC, last=i == len(names) - 1), style="bold")
    _print(console, header)
    for record in records:
        line = Text()
        for i, name in enumerate(names):
            last = i == len(names) - 1
            if name in NEVER_CUT and cell_len(record[name]) > shown[name]:
                line.append(record[name] + ("" if last else GAP))  # never cut: this row runs longer
            else:
                line.append(_cell(record[name], shown[name], name in NUMERIC, last=last))
        _print(console, line)


def fit(fields: Sequence[str], records: Sequence[dict[str, str]], width: int) -> dict[str, int] | None:
    """Each column shown and its width, or None when not even the first two fit.

    Text columns share what the others leave and are cut with "…"; when the room is
    too small, columns are left out from the right, text columns first, then whole
    columns other than the first two (the key and, for facts, the value).
    """
    natural = {name: max([cell_len(name), *(cell_len(r[name]) for r in records)]) for name in fields}
    for name in fields:  # an outlier (a 126-character treaty name) overflows its own row, not every row
        if name in NEVER_CUT and natural[name] > width // 2:
            natural[name] = max([cell_len(name), *(n for r in records if (n := cell_len(r[name])) <= width // 2)])
    # A short text column (kind, unit, type) is shown whole: cutting it would save nothing.
    fixed = [name for name in fields if name in NEVER_CUT or natural[name] <= MIN_CUT_WIDTH]
    text = [name for name in fields if name not in fixed]
    keep = set(fields[:2])
    while True:
        used = sum(natural[name] for name in fixed) + len(GAP) * (len(fixed) + len(text) - 1)
        room = width - used
        if text and room < MIN_CUT_WIDTH * len(text):
            text.pop()  # too little room: leave the rightmost text column out
        elif room < 0 and not text and [name for name in fixed if name not in keep]:
            fixed.remove([name for name in fixed if name not in keep][-1])
        else:
            break
    if room < 0:
        return None
    widths = dict.fromkeys(fields, 0)
    for name in fixed:
        widths[name] = natural[name]
    wanted = sum(natural[name] for name in text)
    for name in text:
        widths[name] = natural[name] if wanted <= room else max(MIN_CUT_WIDTH, room * natural[name] // wanted)
    return {name: widths[name] for name in fields if name in fixed or name in text}


def _cell(value: str, width: int, numeric: bool, *, last: bool) -> str:
    if cell_len(value) > width:
        cut = Text(value)
        cut.truncate(width, overflow="ellipsis")
        value = cut.plain
    pad = " " * (width - cell_len(value))
    if numeric:
        return pad + value + ("" if last else GAP)
    return value + ("" if last else pad + GAP)


def _print(console: Console, line: Text) -> None:
    line.rstrip()
    plain = line.plain
    if console.color_system is None and "\t" not in plain:
        # Nothing to colour (a pipe, a file, NO_COLOR): the characters rich would write, written without its
        # rendering, which was a tenth of a check-draft piped to a file. Tabs are left to rich to expand.
        console.file.write(plain + "\n")
    else:
        console.print(line, soft_wrap=True)


def blocks(console: Console, records: Sequence[dict[str, str]], fields: Sequence[str]) -> None:
    """One label/value block per record, the text folded under its label: nothing is cut.

    Ids and values stay on one line (the terminal may wrap them, but a copy of
    the line is still the whole id).
    """
    label_width = max(len(name) for name in fields)
    for i, record in enumerate(records):
        if i:
            console.print()
        for name in fields:
            _labelled(console, name, record[name], label_width, fold=name not in NEVER_CUT)


def _labelled(console: Console, label: str, value: str | Text, label_width: int, *, fold: bool = True) -> None:
    """'label  value', the value folded to the width with its later lines under its first."""
    text = value if isinstance(value, Text) else Text(value)
    indent = label_width + len(GAP)
    room = console.width - indent
    pieces = text.split("\n") if not fold or room < MIN_CUT_WIDTH else text.wrap(console, room)
    for n, piece in enumerate(pieces):
        line = Text(f"{label:<{label_width}}{GAP}" if n == 0 else " " * indent, style="bold" if n == 0 else "")
        line.append_text(piece)
        _print(console, line)


class ProgressBar:
    """A transient bar on stderr for long loads; gone once complete."""

    def __init__(self, description: str, total: int) -> None:
        from rich.progress import Progress  # rarely needed

        self.progress = Progress(console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task(description, total=total)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)
        if done >= (self.progress.tasks[0].total or 0):
            self.progress.stop()


def detail(items: Sequence[Detail], out: TextIO) -> None:
    """`show`: a heading, then every line, quote and related fact labelled, folded to the width."""
    console = make_console(out)
    labels = [label for item in items for label, _ in item.lines] + ["Source [9]", "Same metric"]
    label_width = max(len(label) for label in labels)
    for n, item in enumerate(items):
        if n:
            console.print()
        heading = Text(safe(item.title), style="bold")
        heading.append(f"  ({safe(item.subtitle)})", style="dim")
        _print(console, heading)
        for label, value in item.lines:
            _labelled(console, label, safe(value), label_width)
        for i, (quote, section, reference) in enumerate(item.quotes, 1):
            block = Text(f"“{safe(quote)}”")
            block.append(f"\n{safe(section)}", style="italic")
            block.append(f"\n{safe(reference)}")
            _labelled_lines(console, f"Source [{i}]", block, label_width)
        if item.related:
            _labelled_lines(console, "Same metric", Text("\n".join(safe(line) for line in item.related)), label_width)


def _labelled_lines(console: Console, label: str, text: Text, label_width: int) -> None:
    """A labelled value of several lines, each folded on its own."""
    for n, part in enumerate(text.split("\n")):
        _labelled(console, label if n == 0 else "", part, label_width)
