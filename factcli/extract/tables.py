"""A table laid out in columns (as ``pdftotext -layout`` renders one), read cell by cell: each figure is of its
row's heading ("UNMISS  South Sudan") and its column's ("Police"), counts what the caption counts ("Table 1.
Chinese peacekeepers by mission, 31 August 2015") and is dated by the caption, else by the document's as-of time.

A table is three lines or more in a row, each of three fields or more set apart by runs of spaces, under a
header of words alone or over columns of years ("Item  2019  2020", each column's figures of its year), pandoc's
rule of dashes under it kept with it. A figure the row already gave (a total equal to its only part) or the
prose states of the same time says nothing new, and is left to the one said first.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from factcli.extract.labels import unit_of
from factcli.extract.layout import lines_of
from factcli.extract.state import Statement
from factcli.extract.times import Time
from factcli.reading import mentions
from factcli.reading.document import Passage
from factcli.reading.numbers import NUM

_FIELD = re.compile(r"\S+(?: \S+)*")
_FIGURE = re.compile(rf"^(?:{NUM})$")
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_CAPTION = re.compile(r"^\s*Table\s+[0-9A-Z]{1,3}[.:]?\s+(?P<what>.+)$")
#: The counted noun of a caption: "Chinese peacekeepers by mission, …" counts peacekeepers.
_COUNTED = re.compile(r"(?P<noun>[A-Za-z-]+)\s+(?:by|per|in|at|on|as of)\b|(?P<last>[A-Za-z-]+)\s*(?:,|$)")


@dataclass(frozen=True, slots=True)
class Table:
    """A column table: where it stands in the document, and its caption's span."""

    start: int
    end: int
    caption: tuple[int, int] | None


def find(text: str) -> list[Table]:
    """Every column table of ``text``."""
    lines = lines_of(text)
    out: list[Table] = []
    run: list[int] = []
    for i, (_, line) in enumerate([*lines, (0, "")]):
        if _columns(line):
            run.append(i)
            continue
        if len(run) >= 3 and _header(_fields(lines[run[0]][1])):
            above = [j for j in range(run[0] - 1, max(run[0] - 3, -1), -1) if lines[j][1].strip()]
            caption = None
            if above and _CAPTION.match(lines[above[0]][1]):
                start, line = lines[above[0]]
                caption = (start, start + len(line))
            last = lines[run[-1]]
            out.append(Table(lines[run[0]][0], last[0] + len(last[1]), caption))
        run = []
    return out


def statements(text: str, table: Table, heading: str, as_of: str) -> list[Statement]:
    """One statement for each figure of ``table``, of its row and its column."""
    rows = [(a, line) for a, line in lines_of(text[: table.end]) if a >= table.start]
    header = [(rows[0][1][a:b], b) for a, b in _spans(rows[0][1])]
    time, counts = _caption(text, table, as_of)
    out: list[Statement] = []
    for start, line in rows[1:]:
        spans = _spans(line)
        label = [(a, b) for a, b in spans if not _FIGURE.match(line[a:b])]
        said: set[float] = set()
        passage = Passage(start, line, heading, -1, 0)
        for a, b in spans:
            cell = line[a:b]
            value = _value(cell)
            if value is None or value in said or not label:
                continue
            said.add(value)
            column = _column(header, b)
            when = time
            if _YEAR.match(column):  # a column of a year ("Item  2019  2020"): its figures are of that year
                when = Time(date=column, words=column, source="paragraph", why="the year its table column heads")
            who = tuple((start + x, start + y) for x, y in label)
            what = counts or _row_counts(line[label[0][0] : label[0][1]])
            claim = " ".join([*(line[x:y] for x, y in label), f"{column}:" if column else ":", cell, *what])
            end = start + len(line.rstrip())
            figure = Statement("quantity", start + label[0][0], end, value, "exact", cell, when, passage)
            out.append(dataclasses.replace(figure, counts=what, who=who, claim=claim))
    return out


def _caption(text: str, table: Table, as_of: str) -> tuple[Time, tuple[str, ...]]:
    """The time of a table's figures (its caption's date, else the as-of time) and what they count."""
    time = Time(date=as_of, source="document", why="a table's figure, at the document's as-of time")
    if table.caption is None:
        return time, ()
    caption = text[table.caption[0] : table.caption[1]]
    what = _CAPTION.match(caption)
    noun = _COUNTED.search(what.group("what")) if what else None
    counts = (noun.group("noun") or noun.group("last"),) if noun else ()
    dates = [m.span for m in mentions.find(caption) if m.kind == "date" and m.span is not None]
    if len(dates) == 1 and dates[0] is not None and dates[0][0] == dates[0][1]:
        words = " ".join(caption.split())
        time = Time(date=dates[0][0].isoformat(), words=words, source="paragraph", why="the table's caption")
    return time, counts


#: A row's words up to what qualifies its noun: "Cases| of …", "Fugitives| brought back (Fox Hunt)", "Training
#: sessions| for foreign police".
_ROW_NOUN = re.compile(r"[A-Za-z -]+?(?=\s+(?:of|for|by|from|in|on|to|at|brought|[a-z]+ed)\b|\s*\(|\s*$)")


def _row_counts(label: str) -> tuple[str, ...]:
    """What a row counts when the caption names nothing: its noun, the last word before what qualifies it."""
    m = _ROW_NOUN.match(label)
    word = m.group().split()[-1].lower() if m and m.group().strip() else ""
    return (word,) if word.endswith("s") else ()


def _header(fields: list[str]) -> bool:
    """A table's header row: words, or words over columns of years ("Item  2019  2020"), no other figure."""
    return not any(_FIGURE.match(f) and not _YEAR.match(f) for f in fields) and not all(_YEAR.match(f) for f in fields)


def _fields(line: str) -> list[str]:
    return [line[a:b] for a, b in _spans(line)]


def _spans(line: str) -> list[tuple[int, int]]:
    """The fields of a laid-out line: runs of words set apart by two spaces or more."""
    return [(m.start(), m.end()) for m in _FIELD.finditer(line)]


#: The rule under a header of the tables pandoc writes: "------- ------- -------" (a column's width each).
_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")


def _columns(line: str) -> bool:
    return len(_spans(line)) >= 3 or bool(_RULE.match(line))


def _column(header: list[tuple[str, int]], end: int) -> str:
    """The heading of the column a right-aligned figure ending at ``end`` stands under (the nearest right edge)."""
    return min(header, key=lambda h: abs(h[1] - end))[0]


def _value(cell: str) -> float | None:
    """A cell's figure ("1,063"); none for a dash ("–") or words."""
    if not _FIGURE.match(cell):
        return None
    return float(re.sub(r"[^0-9.]", "", cell))


def read(text: str, prose: list[Statement], headings: list[tuple[int, str]], as_of: str) -> list[Statement]:
    """The figures of every table of ``text`` (its frame set aside) that the prose (``prose``) does not state of
    the same time; each under the heading last before it (``headings``: (start, heading) in order)."""
    stated = {_said(s) for s in prose if s.kind == "quantity" and not s.ordinal}
    stated |= {(value, time, None) for value, time, _ in stated}
    out = []
    for table in find(text):
        heading = next((h for at, h in reversed(headings) if at < table.start), "")
        cells = statements(text, table, heading, as_of)
        out += [s for s in cells if (_said(s) if table.caption else (s.value, s.time.key, None)) not in stated]
    return out


def _said(s: Statement) -> tuple[float | None, tuple[str | None, str | None, str | None], str | None]:
    """What a figure says: its value, its time, and what it counts (none for a table whose caption names no
    noun: a row's words and the prose's seldom name it alike)."""
    return s.value, s.time.key, unit_of(s.counts, s.currency, set())
