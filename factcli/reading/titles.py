"""A draft's title, and whether a heading or title states something: what check-draft reads a draft's time
from and what it judges as a claim."""

from __future__ import annotations

import re

_TITLE_LINE = re.compile(r"^(?:title|subject|re)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_FIRST_HEADING = re.compile(r"^#[ \t]+(.+)$", re.MULTILINE)
_LINES = re.compile(r"^[ \t]*(\S.*)$", re.MULTILINE)


def title(text: str, *, markdown: bool) -> str:
    """The draft's title: front matter's or a memo's 'title:'/'Re:' line, else the first top-level heading
    (in plain text, the first line)."""
    head = text[:2000]
    found = _TITLE_LINE.search(head) or (_FIRST_HEADING.search(head) if markdown else _first_line(head))
    return found.group(1).strip().strip("\"'") if found else ""


def _first_line(head: str) -> re.Match[str] | None:
    """A plain text's first line, past short labels in capitals ("MEMORANDUM", "POLICY BRIEF No. 4/2009")."""
    for found in _LINES.finditer(head):
        letters = [c for c in found.group(1) if c.isalpha()]
        shouted = sum(c.isupper() for c in letters) > 0.8 * len(letters)
        if letters and not (shouted and len(found.group(1).split()) <= 4):
            return found
    return None


#: A heading that states something, not one that names a part: it quotes a claim, or runs to a sentence.
_STATES = re.compile(r"[\"“”]|(?:\S+\s+){9}\S")


def states(heading: str) -> bool:
    """A heading or title that states something (quotes a claim, or runs to a sentence), not one that names."""
    return bool(_STATES.search(heading))


def plain_headings(text: str) -> set[int]:
    """The lines of plain text that are headings: short, alone between blank lines, ending in no punctuation
    ("B.2 Peacekeeping: from observers to engineering battalions", "References")."""
    rows = text.splitlines()
    out = set()
    for i, row in enumerate(rows):
        line = row.strip()
        alone = i > 0 and not rows[i - 1].strip() and (i + 1 == len(rows) or not rows[i + 1].strip())  # no title
        numbered = _PLAIN_HEADING.match(line)
        figures = numbered is not None and any(c.isdigit() for c in line[numbered.end(1) :])
        if alone and 0 < len(line) <= _HEADING_LENGTH and numbered and not figures:  # "SUPER: APRIL 2015" says
            out.add(i)
    return out


#: A heading of plain text: its section number ("B.2", "3.1"), then a capital; no sentence's end, and no figure
#: but its number (a line with a date or a count is a caption that says something).
_PLAIN_HEADING = re.compile(r"((?:[A-Z]?[.0-9]+\s+)?)[A-Z][^\n]*[^.?!:;,\"”’)\]\s]$")
_HEADING_LENGTH = 90
