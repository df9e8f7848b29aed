"""A page laid out as ``pdftotext -layout`` renders it, read as prose: the page's frame set aside and wrapped
paragraphs joined, the text's length and offsets kept (so every quote is still the document's own words).

Around a PDF's prose stand lines that are no part of it: a running header on every page ("China and United
Nations Peacekeeping: Fact Sheet"), a footer with the page's number ("— 2 —"), footnotes below their rule
("____"), a masthead's street address ("350 East 35th Street, New York, NY 10016"), and footnote markers glued
to the words ("(person-times)[1]"). A numbered paragraph is wrapped with a hanging indent: its lines go on
under its first word, and a line that breaks before a capital ("… the UN Department of Peacekeeping⏎
Operations, the third …") is no heading. Column tables are read cell by cell (``tables``) and set aside here.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

#: A page's number as a footer prints it: "— 2 —", "- 2 -", "Page 2", "2 of 14", "2".
_PAGE_NUMBER = re.compile(r"^[—–-]?\s*(?:page\s+)?[0-9ivx]{1,4}(?:\s+of\s+[0-9]{1,4})?\s*[—–-]?$", re.IGNORECASE)
#: A street address or a postal code: "350 East 35th Street, New York, NY 10016", "P.O. Box 12".
_ADDRESS = re.compile(
    r"^[0-9]{1,5}(?:-[0-9]{1,5})?\s+(?:[A-Z0-9][\w.'-]*\s+){1,4}"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Place|Square|Plaza|Way)\b"
    r"|\b[A-Z]{2}\s+[0-9]{5}(?:-[0-9]{4})?$|^P\.?\s?O\.?\s+Box\b"
)
#: A footnote's marker, glued to what it annotates or opening the note: "(person-times)[1]", "[3] General …".
_MARKER = re.compile(r"(?<=[\w).,;:”\"’%])\[[0-9]{1,2}\]|^\s*\[[0-9]{1,2}\](?=\s)", re.MULTILINE)
#: The rule above a page's footnotes: "________________________".
_RULE = re.compile(r"^\s*_{8,}\s*$")
#: A footnote's first line: "[1] Person-times count …", "1 See …", "* Estimate".
_NOTE = re.compile(r"^\s*(?:\[[0-9]{1,2}\]|[0-9]{1,2}\s|\*)")
#: A numbered or bulleted paragraph's first line: "17.  From 11 to 29 May …", "(a) …", "•  built …".
_HANGING = re.compile(r"^(\s*(?:[0-9]{1,3}\.|\([0-9a-z]{1,3}\)|[•*-])\s+)\S")


def reading_copy(text: str, blank: tuple[tuple[int, int], ...] = ()) -> str:
    """``text`` as prose is read: its frame and the spans ``blank`` (tables) made spaces, hanging-indented lines
    joined (their line breaks made spaces); of the same length as ``text``."""
    chars = list(text)
    for a, b in [*_frame(text), *blank]:
        for i in range(a, b):
            if chars[i] not in "\n\f":
                chars[i] = " "
    for m in _MARKER.finditer(text):
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    for at in _wrapped(text):
        chars[at] = " "
    return "".join(chars)


def lines_of(text: str) -> list[tuple[int, str]]:
    """(start, text) of each line, without its line break or form feed."""
    out, start = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((start, raw.rstrip("\r\n\f")))
        start += len(raw)
    return out


def _frame(text: str) -> list[tuple[int, int]]:
    """Spans of the page frame: a line that opens two pages or more (a running header), a page's last line that
    is its number or closes two pages or more (a footer), and a street address."""
    pages: list[list[tuple[int, str]]] = [[]]
    for start, line in lines_of(text):
        if line.strip():
            pages[-1].append((start, line))
        if text.find("\f", start, start + len(line) + 2) >= 0:
            pages.append([])
    pages = [p for p in pages if p]
    out = []
    if len(pages) > 1:
        firsts = Counter(p[0][1].strip() for p in pages)
        lasts = Counter(re.sub(r"[0-9]+", "#", p[-1][1].strip()) for p in pages)
        for p in pages:
            (a, first), (b, last) = p[0], p[-1]
            if firsts[first.strip()] > 1:
                out.append((a, a + len(first)))
            if _PAGE_NUMBER.match(last.strip()) or lasts[re.sub(r"[0-9]+", "#", last.strip())] > 1:
                out.append((b, b + len(last)))
    for p in pages:
        rule = next((i for i, (_, line) in enumerate(p) if _RULE.match(line)), None)
        # the page's footnotes, below their rule: notes on the prose, not its statements
        if rule is not None and rule + 1 < len(p) and _NOTE.match(p[rule + 1][1]):
            out.append((p[rule][0], p[-1][0] + len(p[-1][1])))
    for start, line in lines_of(text):
        if len(line.split()) <= 12 and _ADDRESS.search(line.strip()):
            out.append((start, start + len(line)))
    return [*out, *_page_parts(text)]


#: A web page's parts around its story, each a line: a copyright ("Copyright © 2000-2018 …"), a line all in
#: brackets (an image's alt text "[GULF OF ADEN-CHINA-NAVY-ESCORT (CN) 1200x800]", "[Editor: …]"), a short line
#: with a link ("Xinhua URL: http://…").
_PAGE_PART = re.compile(r"^\s*(?:(?:Copyright|©)\b.*|\[[^\]]*\]|(?:\S+\s+){0,3}\S*https?://\S+)\s*$", re.IGNORECASE)
#: A label that leads in links to other pages: "Related:", "Related stories:", "See also:", "Read more:".
_LINKS = re.compile(r"^\s*(?:related(?:\s+[a-z]+)?|see\s+also|read\s+more|more\s+on\s+this)\s*:\s*$", re.IGNORECASE)
_LIST_LINE = re.compile(r"^\s*(?:[-*•]|[0-9]{1,2}\.)\s+\S")


def _page_parts(text: str) -> list[tuple[int, int]]:
    """A web page's parts around its story (``_PAGE_PART``), and the list of links after a label that leads them
    in ("Related:" then "-   Chinese naval fleet escorts 6,000th ship …"): other stories' headlines, not this
    one's statements."""
    out = []
    links = False
    for start, line in lines_of(text):
        if _PAGE_PART.match(line) or _LINKS.match(line):
            out.append((start, start + len(line)))
            links = links or bool(_LINKS.match(line))
        elif links and _LIST_LINE.match(line):
            out.append((start, start + len(line)))
        elif line.strip():
            links = False
    return out


def _wrapped(text: str) -> list[int]:
    """Where a numbered or bulleted paragraph's line break is followed by its next line, hanging under its first
    word: the line breaks to join."""
    out: list[int] = []
    lines = lines_of(text)
    indent = 0
    for (start, line), (_, after) in itertools.pairwise(lines):
        m = _HANGING.match(line)
        if m:
            indent = len(m.group(1))
        elif not line.strip():
            indent = 0
        hangs = indent > 0 and after.strip() and len(after) - len(after.lstrip(" ")) == indent
        if hangs and not _HANGING.match(after) and text[start + len(line)] == "\n":
            out.append(start + len(line))
    return out
