"""The human formats, and the only module that imports rich.

One row per item, one line per row, fitted to the terminal as norwegianblue
and gh print them, from 40 columns up: every cell keeps to its column, so rows
align and no line is wider than the terminal. What gives way, in order: text
columns (claim, description, detail) are cut with "…" down to a readable
width; columns right of the most useful text are left out; an id or key is cut
with "…" (``--long``, ``show`` and every machine format have it whole); values,
dates and verdicts are never cut. Too narrow even for that, the records are
printed as labelled blocks. ``--long`` and ``show`` give the whole text as
labelled blocks, folded at word boundaries. Lines carry no trailing spaces.

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

#: Columns read whole: a cut value or date would be a wrong one.
NEVER_CUT = frozenset(
    {"value", "date", "when", "bar", "published", "facts", "where", "verdict", "unit", "first", "last", "text"}
)
#: Keys (ids, names): cut with "…" only when the terminal leaves no room, never below KEY_WIDTH.
KEYS = frozenset({"id", "key", "name", "fact", "source"})
#: Columns never left out: what an item is and says (a value, a verdict, the number as the writer wrote it).
ESSENTIAL = frozenset({"value", "verdict", "text"})
KEY_WIDTH = 24
SHORTEST_KEY = 12
#: Right-aligned columns (counts).
NUMERIC = frozenset({"facts"})
#: A text column given fewer cells than this is left out rather than cut to a stub.
MIN_CUT_WIDTH = 16
#: The most useful text column (a claim) keeps this much before a key is cut to make room.
MAIN_WIDTH = 28
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
    if shown is None:  # not even the keys and values fit: one block per record
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
            line.append(_cell(record[name], shown[name], name in NUMERIC, last=i == len(names) - 1))
        _print(console, line)


def fit(fields: Sequence[str], records: Sequence[dict[str, str]], width: int) -> dict[str, int] | None:
    """Each column shown and its width, every line within ``width``; None when not even the first column and
    the values fit (print blocks then).

    Text columns (any not in NEVER_CUT or KEYS, and wider than MIN_CUT_WIDTH) share what the others leave; the
    first of them is the most useful (a fact's claim, a finding's detail). Too little room, in this order:
    text columns are cut to MIN_CUT_WIDTH; the other text columns are left out, right to left; keys are cut
    down to KEY_WIDTH; columns but the first, the values, verdicts and numbers as written are left out, right
    to left, keys last; keys are cut down to SHORTEST_KEY; and last of all the most useful text (the columns
    it cost are then shown again if they fit).
    """
    layout = _Layout(fields, records, width)
    if layout.used() > width:
        layout.give_way()
    return layout.columns()


class _Layout:
    """The columns of a table and their widths, as they give way to a narrow terminal."""

    def __init__(self, fields: Sequence[str], records: Sequence[dict[str, str]], width: int) -> None:
        self.fields, self.width = list(fields), width
        self.natural = {name: max([cell_len(name), *(cell_len(r[name]) for r in records)]) for name in fields}
        self.text = [n for n in fields if n not in NEVER_CUT and n not in KEYS and self.natural[n] > MIN_CUT_WIDTH]
        self.main = self.text[0] if self.text else None
        self.shown = list(fields)
        self.widths = dict(self.natural)

    def used(self, columns: Sequence[str] | None = None) -> int:
        columns = self.shown if columns is None else columns
        return sum(self.widths[n] for n in columns) + len(GAP) * (len(columns) - 1)

    def over(self) -> int:
        return max(0, self.used() - self.width)

    def give_way(self) -> None:
        for n in self.text:  # text first, down to a readable width
            self.widths[n] = min(self.natural[n], MIN_CUT_WIDTH)
        for n in reversed(self.text[1:]):  # then the less useful text, right to left
            if self.over():
                self.shown.remove(n)
        if self.main in self.shown:  # before a key is cut, the most useful text is given room to be read
            self.widths[self.main] = min(self.natural[self.main], max(self.widths[self.main], MAIN_WIDTH))
        self.cut_keys(KEY_WIDTH)
        if self.main in self.shown and self.over():
            self.widths[self.main] = max(
                min(self.natural[self.main], MIN_CUT_WIDTH), self.widths[self.main] - self.over()
            )
        dropped = self.drop_spare()
        self.cut_keys(SHORTEST_KEY)
        if self.over() and self.main in self.shown:  # the most useful text last, and what it cost back if it fits
            self.shown.remove(self.main)
            for n in reversed(dropped):
                if self.used([*self.shown, n]) <= self.width:
                    self.shown.append(n)
            self.shown.sort(key=self.fields.index)

    def cut_keys(self, shortest: int) -> None:
        for n in (n for n in self.shown if n in KEYS):  # cut with "…"
            self.widths[n] = max(min(self.natural[n], shortest), self.widths[n] - self.over())

    def drop_spare(self) -> list[str]:
        """Columns but the first, the main text and the essential ones, right to left, keys last."""
        essential = {self.shown[0], self.main, *ESSENTIAL}
        spare = [n for n in reversed(self.shown) if n not in essential and n not in KEYS]
        spare += [n for n in reversed(self.shown) if n not in essential and n in KEYS]
        dropped = []
        while self.over() and spare:
            dropped.append(spare.pop(0))
            self.shown.remove(dropped[-1])
        return dropped

    def columns(self) -> dict[str, int] | None:
        if self.over():
            return None
        if self.main in self.shown:  # the most useful text takes what is left
            self.widths[self.main] = min(self.natural[self.main], self.widths[self.main] + self.width - self.used())
        return {n: self.widths[n] for n in self.shown}


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


def _words(text: str, room: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, room, break_long_words=False, break_on_hyphens=False) or [""]


def _styled(whole: Text, line: str) -> Text:
    """A line of a wrapped text in the whole text's style (each part of a block is in one style)."""
    spans = [span for span in whole.spans if span.start == 0 and span.end >= len(whole.plain)]
    return Text(line, style=spans[0].style if spans else whole.style)


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
            _labelled(console, name, record[name], label_width, fold=name not in NEVER_CUT and name not in KEYS)


def _labelled(console: Console, label: str, value: str | Text, label_width: int, *, fold: bool = True) -> None:
    """'label  value', the value folded to the width with its later lines under its first."""
    text = value if isinstance(value, Text) else Text(value)
    indent = label_width + len(GAP)
    room = console.width - indent
    if not fold or room < MIN_CUT_WIDTH:
        pieces = list(text.split("\n"))
    else:  # at word boundaries only: an id or a path longer than the room keeps its line whole
        pieces = [_styled(text, line) for part in text.plain.split("\n") for line in _words(part, room)]
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
