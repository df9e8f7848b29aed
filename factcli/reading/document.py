"""A document read as a curator reads it: paragraphs of sentences under headings, positions kept.

A draft (prose.py) is Markdown a writer made; a document is what a curator has: plain text from a web
page, ``pandoc -t plain`` of a DOCX or ``pdftotext`` of a PDF, or Markdown. Its headings are lines
shaped like headings ("Regional Security Cooperation", "1. Disaster Relief", "VI. International
Security Cooperation"), often with no blank line before the paragraph under them; its paragraphs may be
hard-wrapped; and around them stand lines that are no prose (a site's menu, "Updated: 2008-11-06",
page numbers). Each sentence knows its paragraph, because the time a paragraph's first sentence gives
("Since 2015 …") is the time of what follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcli.reading.prose import pieces
from factcli.text.dates import MONTHS

_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
#: A heading's numbering: "1.", "VI.", "(3)", "4.2".
_NUMBERING = re.compile(r"^(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]|[IVXLC]{1,6}\.|\([a-z0-9]{1,3}\))\s+")
#: Small words a heading does not end with ("… in the" is a line of a wrapped paragraph).
_OPEN_END = frozenset("a an the of in on at to for and or but with by from as that which".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Lines of a site's frame, never a heading: menus ("Home > White Papers"), page stamps, pagers.
_FRAME = re.compile(r"[>|<@]|\bUpdated\b|https?://|www\.")


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a document: its text as in the file, where it starts, its heading and paragraph."""

    start: int
    text: str
    #: The nearest heading above it ('' before any).
    heading: str
    #: Its paragraph's number in the document, from 0; sentences of one paragraph share it.
    paragraph: int
    #: Its place in the paragraph, from 0.
    position: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    text: str


def passages(text: str, *, markdown: bool = False) -> list[Passage]:
    """Every sentence of prose in ``text`` with its heading and paragraph, in order."""
    from syntok import segmenter

    out: list[Passage] = []
    heading = ""
    for number, (kind, start, block) in enumerate(_blocks(text, markdown=markdown)):
        if kind == "heading":
            heading = " ".join(block.split())
            continue
        position = 0
        for paragraph in segmenter.analyze(block):
            sentences = list(paragraph)
            begin: int | None = None
            for tokens in sentences:
                first, last = tokens[0], tokens[-1]
                begin = first.offset if begin is None else begin
                if len(tokens) <= 3 and tokens is not sentences[-1]:
                    continue  # "Jan." or "No." cut off by the segmenter belongs to the sentence after it
                body = block[begin : last.offset + len(last.value)]
                for at, part in pieces(body):  # a "sentence" of thousands of figures, read in pieces
                    out.append(Passage(start + begin + at, part, heading, number, position))
                    position += 1
                begin = None
    return out


def _blocks(text: str, *, markdown: bool) -> Iterator[tuple[str, int, str]]:
    """(kind, start, text) of each heading and paragraph; frame lines (menus, stamps, pagers) left out."""
    lines = _lines(text)
    paragraph: list[_Line] = []
    fenced = False

    def flush() -> Iterator[tuple[str, int, str]]:
        if paragraph and _is_prose(paragraph):
            first, last = paragraph[0], paragraph[-1]
            yield "prose", first.start, text[first.start : last.start + len(last.text)]
        paragraph.clear()

    for i, line in enumerate(lines):
        if markdown and _FENCE.match(line.text):
            fenced = not fenced
            yield from flush()
            continue
        if fenced:
            continue
        stripped = line.text.strip()
        if not stripped or _frame(stripped) or _label(stripped):
            yield from flush()  # a frame line or a label ("Diplomacy") stands apart from the prose
            continue
        found = _MARKDOWN_HEADING.match(line.text) if markdown else None
        after = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        ends_sentence = not paragraph or paragraph[-1].text.rstrip().endswith((".", "!", "?", ":", '"', "”"))
        if found or (ends_sentence and _heading_shaped(stripped, after)):
            yield from flush()
            yield "heading", line.start, found.group(1) if found else stripped
            continue
        paragraph.append(line)
    yield from flush()


def _lines(text: str) -> list[_Line]:
    out, start = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(_Line(start, body))
        start += len(raw)
    return out


def _heading_shaped(line: str, after: str) -> bool:
    """A line a heading: short, no sentence's end, capitalised, its words mostly capitalised or few; never a
    site's frame. The line after it must not go on with the same sentence (a lower-case start)."""
    if _FRAME.search(line) or line[-1] in ".,;:!?-" or (after and (after[0].islower() or after[0].isdigit())):
        return False  # the line after goes on with the same sentence: a wrapped line, not a heading
    body = _NUMBERING.sub("", line)
    if re.search(r"[a-z][.!?]\s", body):
        return False  # a sentence ends inside it
    words = _WORD.findall(body)
    if len(words) < 2 or len(words) > 14 or len(line) > 120 or not body[:1].isupper():
        return False
    if words[-1].lower() in _OPEN_END:
        return False
    small = sum(w.lower() in _OPEN_END for w in words)
    # the first word and month names are capitalised in any line: "In September 2010 the armed forces of the
    # Shanghai" is a wrapped line of prose, "Regional Security Cooperation" a heading
    capitals = sum(w[0].isupper() and w.lower() not in MONTHS for w in words[1:])
    return bool(capitals >= (len(words) - small - 1) / 2)


def _frame(line: str) -> bool:
    """A line of a site's frame: a menu ("Home > White Papers >"), a stamp ("Updated: 2008-11-06"), a pager."""
    return len(line.split()) <= 12 and not line.endswith((".", "!", "?")) and _FRAME.search(line) is not None


def _label(line: str) -> bool:
    """A word or two alone on a line, no sentence: a site's channel label ("Diplomacy"), a page number."""
    return len(line.split()) < 2 and line[-1] not in ".!?"


def _is_prose(lines: list[_Line]) -> bool:
    """A paragraph of prose, not a frame line: it ends a sentence (or leads in a list: "… Among them:") or runs
    over lines, and says something in words (a pager "< 1 2 3 >" or "Updated: 2008-11-06 09:13" does not)."""
    joined = " ".join(line.text.strip() for line in lines)
    words = [w for w in _WORD.findall(joined) if w[0].islower() and len(w) > 2]
    if len(words) < 2:
        return False
    return len(lines) > 1 or joined.rstrip("\"”’') ").endswith((".", "!", "?", ":"))  # ":" leads in a list
