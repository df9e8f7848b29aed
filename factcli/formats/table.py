"""The human formats, and the only module that imports rich.

Store text is data, never markup: every cell is a ``rich.text.Text`` built
from the raw string (so ``[sic]`` and ``[/]`` print as written) with control
and bidi characters made visible, and the console runs with markup, emoji
and highlighting off. Ids and values never wrap or truncate: below a usable
width the table turns into one block per record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcli.formats.detail import Detail
from factcli.formats.records import Rows

#: Under this many columns a table is unreadable; records are printed one block each instead.
MIN_TABLE_WIDTH = 40
#: Columns whose longest cell is this short never wrap (units, kinds, counts).
SHORT_COLUMN = 24
#: A wrapping column (claim, description) narrower than this reads one word a line: use blocks instead.
MIN_WRAP_WIDTH = 30
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: Columns that must be read whole: an id cut short cites the wrong fact.
_NEVER_CUT = frozenset({"id", "key", "value", "date", "when", "bar", "name", "published", "facts", "where", "fact"})


def safe(text: str) -> str:
    """Show control and bidi characters as escapes so data cannot drive the terminal."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def make_console(out: TextIO) -> Console:
    return Console(file=out, markup=False, emoji=False, highlight=False, soft_wrap=False)


def table(rows: Rows, fields: Sequence[str], out: TextIO) -> None:
    console = make_console(out)
    records = [rows.human(item) for item in rows.items]
    widths = {name: max([len(name), *(len(r[name]) for r in records)]) for name in fields}
    whole = [name for name in fields if name in _NEVER_CUT or widths[name] <= SHORT_COLUMN]
    wrapping = len(fields) - len(whole)
    fixed = sum(widths[name] for name in whole) + 2 * (len(fields) - 1)
    room = console.width - fixed
    if console.width < MIN_TABLE_WIDTH or room < (MIN_WRAP_WIDTH * wrapping if wrapping else 0):
        _blocks(console, records, fields)
        return
    grid = Table(show_header=True, header_style="bold", show_edge=False, pad_edge=False, box=None)
    for name in fields:
        numeric = name == "facts"
        grid.add_column(name, no_wrap=name in whole, overflow="fold", justify="right" if numeric else "left")
    for record in records:
        grid.add_row(*(Text(safe(record[name])) for name in fields))
    console.print(grid)


def _blocks(console: Console, records: Sequence[dict[str, str]], fields: Sequence[str]) -> None:
    """One label/value block per record: what a narrow terminal can show without cutting anything.

    Ids and values are printed unwrapped (the terminal may wrap them, but a
    copy of the line is still the whole id); other text folds under its label.
    """
    width = max(len(name) for name in fields)
    for i, record in enumerate(records):
        if i:
            console.print()
        for name in fields:
            label = Text(f"{name:<{width}}  ", style="bold")
            if name in _NEVER_CUT:
                console.print(label + Text(safe(record[name])), soft_wrap=True)
                continue
            grid = Table.grid()
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            grid.add_row(label, Text(safe(record[name])))
            console.print(grid)


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
    console = make_console(out)
    for n, item in enumerate(items):
        if n:
            console.print()
        heading = Text(safe(item.title), style="bold")
        heading.append(f"  ({safe(item.subtitle)})", style="dim")
        console.print(heading, soft_wrap=True)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in item.lines:
            grid.add_row(Text(label), Text(safe(value)))
        for i, (quote, section, reference) in enumerate(item.quotes, 1):
            block = Text(f"“{safe(quote)}”")
            block.append(f"\n{safe(section)}", style="italic")
            block.append(f"\n{safe(reference)}")
            grid.add_row(Text(f"Source [{i}]"), block)
        if item.related:
            grid.add_row(Text("Same metric"), Text("\n".join(safe(line) for line in item.related)))
        console.print(grid)
