"""Pandoc's grid tables ("+----+----+" rules, "|" cells that run over several lines): each cell of each row read
alone, the other cells blanked so that offsets stay the file's, and a list item opening a line of a cell as
its own block."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

_GRID_RULE = re.compile(r"^[^\S\n]*\+[-=:+]{3,}\+[^\S\n]*$")


def tables(rows: list[str]) -> dict[int, int]:
    """Grid tables (pandoc's "+----+----+" kind): first line → the line after the last."""
    out: dict[int, int] = {}
    i = 0
    while i < len(rows):
        if _GRID_RULE.match(rows[i].rstrip("\n")):
            j = i + 1
            while j < len(rows) and rows[j].lstrip()[:1] in ("|", "+"):
                j += 1
            if j - i >= 3:
                out[i] = j
            i = j
        else:
            i += 1
    return out


def cells(text: str, prose: str, starts: list[int], first: int, last: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each cell of each row of a grid table, the other cells' characters blanked so that
    offsets stay the file's ("Liberia (UNMIL): 175 engineers, 240 transport,⏎  43 medical" is one cell)."""
    end = starts[last] if last < len(starts) else len(prose)
    rows = prose[starts[first] : end].splitlines(keepends=True)  # markup blanked, offsets the file's
    written = text[starts[first] : end].splitlines(keepends=True)
    rule = written[0]
    group: list[int] = []
    for i, row in enumerate(written[1:], start=1):
        if not _GRID_RULE.match(row.rstrip("\n")):
            group.append(i)
            continue
        if group:
            at = starts[first + group[0]]
            bounds = [k for k, ch in enumerate(rule) if ch == "+"]
            for a, b in itertools.pairwise(bounds):
                for part in _items(written, group, a, b):  # "- Liberia (UNMIL): …" in a cell is an item of its own
                    cell = "".join(
                        "".join(ch if (a < k < b and g in part) or ch == "\n" else " " for k, ch in enumerate(rows[g]))
                        for g in group
                    )
                    if cell.strip():
                        yield at, cell
        rule, group = row, []


def _items(written: list[str], group: list[int], a: int, b: int) -> list[set[int]]:
    """The rows of a cell's column, parted where a line of it opens a list item ("- Liberia (UNMIL): …")."""
    parts: list[set[int]] = [set()]
    for g in group:
        if written[g][a + 1 : b].lstrip().startswith(("- ", "* ", "+ ")) and parts[-1]:
            parts.append(set())
        parts[-1].add(g)
    return parts
