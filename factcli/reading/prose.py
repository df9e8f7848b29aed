"""A draft read as a document: its prose, sentence by sentence, with true positions.

Markdown is parsed with markdown-it-py: code, HTML, front matter, link
targets, URLs, footnote labels and citation keys are not prose, and are
blanked out (replaced by spaces) rather than removed, so every offset in the
prose is its offset in the file and every finding has its true line:col.
Sentences are found by syntok, which keeps a hard-wrapped sentence whole and
does not end one at "U.N.", "Dec." or "No. 5" (measured against pysbd on the
drafts corpus: pysbd ended sentences at "incl." and at hard wraps).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factcli.reading import answers, grid, titles
from factcli.reading.numbers import QUALIFIERS

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: Inline spans that are not prose, in Markdown: each is blanked where it stands.
_NOT_PROSE = re.compile(
    r"<!--.*?-->"  # HTML comments
    r"|(`+).*?\1"  # inline code
    r"|<[A-Za-z/!][^>\n]*>"  # HTML tags and autolinks
    r"|\]\([^)\n]*\)"  # link and image targets: ](…)
    r"|\]\[[^\]\n]*\]"  # reference links: ][…]
    r"|\[\^[^\]\n]+\]:?"  # footnote markers and labels
    r"|\[[^\[\]\n]*@[^\[\]\n]*\]"  # pandoc citations with locators: [@key, p. 12]
    r"|(?<![\w.])@[\w:.#$%&+?<>~/-]+"  # bare pandoc citation keys
    r"|\b(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+\.[\w.]+"  # e-mail addresses
    r"|\+[0-9]{1,3}(?:[ .-]?[0-9]{2,4}){2,5}",  # telephone numbers: +41 22 555 0187
    re.DOTALL,
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\+[0-9]{1,3}(?:[ .-]?[0-9]{2,4}){2,5}")
_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|\(?[0-9]{1,3}[.)])[ \t]+", re.MULTILINE)
_HEADING_MARKER = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE)
_QUOTE_MARKER = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_MARKUP = re.compile(r"[*_|\\]")
#: A row of a plain-text list aligned in columns: indented, a label, a run of spaces, figures, no full stop
#: ("  Congo (MONUC)      175 engineers, 43 medical").
_ALIGNED = re.compile(r"^[^\S\n]{2,}\S[^\n]*?\S[^\S\n]{3,}[^\n]*[0-9][^\n]*[^.?!\s]$", re.MULTILINE)
#: A line that opens a question or its answer: "Q: …", "A. …", "Question: …".
_QA_LINE = re.compile(r"^[^\S\n]*(?:Q|A|Question|Answer|QUESTION|ANSWER)[^\S\n]*[.:][^\S\n]", re.MULTILINE)
_BOX = re.compile(r"[\u2500-\u257f]")
#: A line of a fact box: a label, a colon and a figure, and nothing after ("Police sent since 2000: 1,379").
_LABELLED = re.compile(r"^[^\S\n]*[^\s:][^\n:]{1,80}:[^\S\n]*[~≈]?[0-9][0-9,.]*(?:[^\S\n]*%)?[^\S\n]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_\\]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of prose: its text (as in the file, markup blanked) and where it starts."""

    start: int
    text: str
    #: The heading the sentence stands under ('' before any heading).
    heading: str
    #: The sentence before it under the same heading (a list item's is the line before), for context.
    before: str
    #: For a table row: each cell's (start, end, column heading), so a number in a cell counts what its column does.
    cells: tuple[tuple[int, int, str], ...] = ()


class Lines:
    """Offset → 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def is_markdown(name: str, text: str) -> bool:
    """By the file's name; stdin and other names by what the text looks like."""
    lowered = name.lower()
    if lowered.endswith((".md", ".markdown", ".mdown", ".qmd", ".rmd")):
        return True
    if lowered.endswith((".txt", ".text")):
        return False
    return bool(re.search(r"^(?:#{1,6} |```|---$)|\]\(|\[@", text, re.MULTILINE))


#: A sentence end the segmenter can miss: terminal punctuation, a closing bracket or quote, a capital.
_MISSED_END = re.compile(
    r"(?<=[.!?][)\]”’\"])\s+(?=[A-Z])"
    # a sentence that starts with its figure, after a full word's full stop: "… to seven mission areas. 208 were
    # serving …" (not "Dec. 2008", "p. 12", "approx. 200 troops": abbreviations)
    r"|(?<=[a-z]{4}\.)(?<!approx\.)(?<!circa\.)(?<!incl\.)(?<!excl\.)\s+(?=[0-9][0-9,]*(?:\.[0-9]+)?\s+[a-z])"
)


def sentences(text: str, *, markdown: bool) -> Iterator[Sentence]:
    """Every sentence of prose in ``text``, in order."""
    from syntok import segmenter

    heading, before = "", ""
    asked = answers.Asked()
    for kind, start, block in _blocks(text, markdown=markdown):
        if kind == "heading":
            if titles.states(block):  # '## Claim 1: "China's navy visited 12 countries …"': a claim, judged
                yield Sentence(start + len(block) - len(block.lstrip()), block.strip(), heading, before)
            heading, before = " ".join(block.split()), ""
            continue
        if kind == "table":
            yield from _rows(start, block, heading, before)
            continue
        for paragraph in segmenter.analyze(block):
            begin: int | None = None
            paragraph = list(paragraph)
            for tokens in paragraph:
                first, last = tokens[0], tokens[-1]
                begin = first.offset if begin is None else begin
                body = block[begin : last.offset + len(last.value)]
                if len(tokens) <= 4 and tokens is not paragraph[-1]:
                    continue  # a lead-in such as "1990." or "May 1997." belongs to the sentence after it
                if tokens is not paragraph[-1] and _cut_at_a_locator(tokens):
                    continue  # "Information Office 2009, ch." + "8.": one reference, not a sentence "8."
                cut = begin
                for m in _MISSED_END.finditer(body):  # "… says exactly 160 ??.) Military students …"
                    part = block[cut : begin + m.start()]
                    yield Sentence(start + cut, part, heading, asked.before(part, before))
                    before, cut = part, begin + m.end()
                body = block[cut : last.offset + len(last.value)]
                for at, part in pieces(body):  # a "sentence" of thousands of figures, read in pieces
                    yield Sentence(start + cut + at, part, heading, asked.before(part, before))
                    before = part
                begin = None


#: Abbreviations a reference's number follows ("ch. 8", "pp. 77–94", "No. 4"): no sentence ends after them.
_LOCATORS = frozenset("ch chap p pp no nos vol para art fig sec".split())


def _cut_at_a_locator(tokens: list[Any]) -> bool:
    return len(tokens) >= 2 and tokens[-1].value == "." and tokens[-2].value.lower() in _LOCATORS


#: A sentence longer than this is read in pieces cut after a comma or semicolon (a list of figures, a line of
#: megabytes): what reads a sentence looks at every number against every other, so the pieces keep a draft's
#: cost in proportion to its length.
LONGEST_SENTENCE = 1_000
_PIECE_END = re.compile(r"[,;]\s+")


def pieces(body: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of the pieces of a sentence: the whole when short, else pieces of at most about
    LONGEST_SENTENCE characters each, cut after a comma or semicolon where there is one."""
    at = 0
    while len(body) - at > LONGEST_SENTENCE:
        cuts = [m.end() for m in _PIECE_END.finditer(body, at + LONGEST_SENTENCE // 2, at + LONGEST_SENTENCE)]
        end = cuts[-1] if cuts else at + LONGEST_SENTENCE
        if not cuts:  # no comma: cut at a space, else anywhere
            space = body.rfind(" ", at + LONGEST_SENTENCE // 2, end)
            end = space + 1 if space > at else end
        yield at, body[at:end]
        at = end
    yield at, body[at:]


def _masked(text: str, *, markdown: bool) -> tuple[str, Lines, set[int], set[int], dict[int, int]]:
    """The text with what is no prose blanked (offsets kept), and its headings, the lines where a block starts
    (list items, table rows, fact-box lines, questions and answers) and its pipe tables (first line → the line
    after the last)."""
    masked = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if masked[i] != "\n":
                masked[i] = " "

    front = _FRONT_MATTER.match(text)
    if front:
        blank(0, front.end())
    lines = Lines(text)
    headings: set[int] = set()
    breaks: set[int] = set()  # lines where a new block starts (list items, table rows)
    tables: dict[int, int] = {}  # first line → line after the last
    if markdown:
        for kind, first, last in _markdown_blocks(text):
            begin, end = lines.starts[first], lines.starts[last] if last < len(lines.starts) else len(text)
            if kind in ("fence", "code_block", "html_block", "hr"):
                blank(begin, end)
            elif kind == "heading":
                headings.add(first)
            elif kind == "table":
                tables[first] = last
            elif kind in ("list_item", "tr"):
                breaks.add(first)
        for pattern in (_NOT_PROSE, _LIST_MARKER, _HEADING_MARKER, _QUOTE_MARKER, _TABLE_RULE, _MARKUP):
            for m in pattern.finditer("".join(masked)):
                blank(m.start(), m.end())
    else:
        for m in _URL.finditer(text):
            blank(m.start(), m.end())
        for m in _QUOTE_MARKER.finditer(text):  # an email's quoted reply: "> than 130 countries"
            blank(m.start(), m.end())
        for m in _LIST_MARKER.finditer(text):
            blank(m.start(), m.end())
            breaks.add(lines.at(m.start())[0] - 1)
        headings |= titles.plain_headings(text)
    for m in _BOX.finditer(text):  # "║ Peacekeepers on duty: 1,949 ║": the frame of a fact box
        blank(m.start(), m.end())
    prose = "".join(masked)
    for m in _ALIGNED.finditer(prose) if not markdown else ():  # "  Liberia (UNMIL)    275 engineers, …": a row
        row = lines.at(m.start())[0] - 1
        breaks.update((row, row + 1))
    for m in _QA_LINE.finditer(prose):  # "Q: Peace-2007, Arabian Sea?⏎A: Mar 2007, China + 7 others": each a turn
        breaks.add(lines.at(m.start())[0] - 1)
    for m in _LABELLED.finditer(prose):  # each "label: figure" line of a fact box says one thing
        row = lines.at(m.start())[0] - 1
        breaks.update((row, row + 1))
    return prose, lines, headings, breaks, tables


def _blocks(text: str, *, markdown: bool) -> Iterator[tuple[str, int, str]]:
    """(kind, start, text) for each heading and block of prose, non-prose blanked, offsets kept."""
    prose, lines, headings, breaks, tables = _masked(text, markdown=markdown)
    grids = grid.tables(text.splitlines(keepends=True))
    block_start = None
    skip_to = 0
    for number, start in enumerate(lines.starts):
        if number < skip_to:
            continue
        if number in grids:  # a grid table: each cell of each row is a block of its own
            if block_start is not None:
                yield "prose", block_start, prose[block_start:start]
                block_start = None
            skip_to = grids[number]
            for at, cell in grid.cells(text, prose, lines.starts, number, skip_to):
                yield "prose", at, cell
            continue
        if number in tables:
            if block_start is not None:
                yield "prose", block_start, prose[block_start:start]
                block_start = None
            skip_to = tables[number]
            end = lines.starts[skip_to] if skip_to < len(lines.starts) else len(prose)
            yield "table", start, text[start:end]
            continue
        end = lines.starts[number + 1] if number + 1 < len(lines.starts) else len(prose)
        line = prose[start:end]
        if not line.strip() or number in headings or number in breaks:
            if block_start is not None:
                yield "prose", block_start, prose[block_start:start]
            block_start = None
        if number in headings:
            yield "heading", start, line
            continue
        if line.strip() and block_start is None:
            block_start = start
    if block_start is not None:
        yield "prose", block_start, prose[block_start:]


def _rows(start: int, table: str, heading: str, before: str) -> Iterator[Sentence]:
    """Each body row of a pipe table as a sentence whose cells know their column headings."""
    offset = start
    headers: list[str] = []
    for number, line in enumerate(table.splitlines(keepends=True)):
        cells = _cells(line)
        clean = _joined(_blank(line, _NOT_PROSE, _EMPHASIS), cells)  # pipes kept: no number runs across cells
        if number == 0:
            headers = [" ".join(clean[a:b].split()) for a, b in cells]
        elif line.strip() and not _TABLE_RULE.match(line):
            named = tuple(
                (offset + a, offset + b, headers[i] if i < len(headers) else "") for i, (a, b) in enumerate(cells)
            )
            yield Sentence(offset, clean.rstrip("\n"), heading, before, named)
        offset += len(line)


def _joined(line: str, cells: list[tuple[int, int]]) -> str:
    """A row whose qualifier stands in a cell of its own ("| more than | 70 |") with the pipe after that cell
    blanked, so the qualifier reads with its number (offsets kept)."""
    row = list(line)
    for a, b in cells:
        if " ".join(line[a:b].split()).lower() in QUALIFIERS and b < len(row) and row[b] == "|":
            row[b] = " "
    return "".join(row)


def _blank(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with every match of ``patterns`` replaced by spaces (offsets kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a pipe-table line, empty ones too, outer pipes aside."""
    body = line.rstrip("\n")
    edges = [-1, *(m.start() for m in re.finditer(r"(?<!\\)\|", body)), len(body)]
    cells = [(a + 1, b) for a, b in itertools.pairwise(edges)]
    if len(cells) > 1 and body.lstrip().startswith("|"):
        cells = cells[1:]
    if len(cells) > 1 and body.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _markdown_blocks(text: str) -> Iterator[tuple[str, int, int]]:
    """(token kind, first line, line after the last) of markdown-it's block tokens."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    for token in md.parse(text):
        if token.map is None:
            continue
        kind = token.type.removesuffix("_open")
        yield kind, token.map[0], token.map[1]
