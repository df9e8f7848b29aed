"""The shortest verbatim span that supports a statement: its sentence, or the clause with its value.

A sentence that states several figures is cut where a clause about another one begins (", and …",
", escorting 6,112 …", ", more than 9,000 …"; a semicolon), never inside a list of names ("by China,
Laos, Myanmar and Thailand") nor before the examples of the figure just named (", including Russia, …").
A quote always starts where its sentence (or its semicolon's part) does, so that it carries the sentence's
time; when the time is the sentence before's ("Eight lost their lives on duty."), it starts there.
"""

from __future__ import annotations

import re

from factcli.reading.numbers import NUM, WORDNUM

_QUALIFIED_NUMBER = r"(?:(?:more than|over|some|about|nearly|almost|around|at least|less than|fewer than|up to)\s+)?"
#: Where a clause about something else begins, after a comma.
_CUT = re.compile(
    r",\s+(?:and|but|while|whereas|which|with|as well as|thus|thereby|so that)\b"
    r"|,\s+(?!including\b)[a-z]+ing\b"
    r"|,\s+(?:sent|held|made|won|set|put|led|took|gave|built|met|hosted)\b"
)
#: ", more than 9,000 drug-related cases were solved": another figure with a verb of its own.
_NEXT_FIGURE = re.compile(rf",\s+{_QUALIFIED_NUMBER}(?:{NUM}|(?i:{WORDNUM}))\b")
_FINITE = re.compile(r"\b(?:were|was|is|are|have|has|had|will)\b")
#: The examples of a figure: they belong to the figure just before them.
_EXAMPLES = re.compile(r",\s+(?:including|such as|among them|notably)\b")


def segment(sentence: str, at: int) -> tuple[int, int]:
    """The part of ``sentence`` between semicolons that holds offset ``at`` ("and" at its start left out)."""
    start = sentence.rfind(";", 0, at) + 1
    end = sentence.find(";", at)
    end = len(sentence) if end < 0 else end
    lead = re.match(r"\s*(?:and\s+)?", sentence[start:end])
    return start + (lead.end() if lead else 0), end


def clause_end(sentence: str, at: int, limit: int, figures: list[int]) -> int:
    """Where the clause holding offset ``at`` ends, ``limit`` at the latest; ``figures`` are the offsets of the
    sentence's other figures (a list of examples after one of them is not this figure's)."""
    cuts = [m.start() for m in _CUT.finditer(sentence, at, limit)][:1]
    for m in _NEXT_FIGURE.finditer(sentence, at, limit):
        rest = sentence[m.end() : limit]
        if _FINITE.search(re.split(r"[,;]", rest, maxsplit=1)[0]):
            cuts.append(m.start())  # not "275 engineering troops, 240 transportation troops … for UNMIL"
            break
    if cuts:
        return min(cuts)
    for m in _EXAMPLES.finditer(sentence, at, limit):
        if any(at < f < m.start() for f in figures):
            return m.start()
    return limit


#: An aside with figures of its own, after which the clause goes on: "sent 31 task forces, with some 26,000
#: officers and men, to the Gulf of Aden": where they were sent is the task forces' too.
_IN_ASIDE = r"(?:[^,;]|(?<=[0-9]),(?=[0-9]))"  # "26,000" is one figure
_ASIDE = re.compile(
    rf",\s+(?:with|comprising|including|involving)\b{_IN_ASIDE}*?[0-9]{_IN_ASIDE}*,\s+(?=(?:to|in|at|for|from|into|on)\b)"
)


def resumed(sentence: str, end: int, limit: int) -> tuple[int, int] | None:
    """The rest of a clause that ends at ``end`` where an aside with figures begins, if it goes on after it."""
    m = _ASIDE.match(sentence, end)
    if m is None or m.end() >= limit:
        return None
    stop = re.compile(r"[,;.]").search(sentence, m.end(), limit)
    return m.end(), stop.start() if stop else limit


def text_of(document: str, start: int, end: int) -> str:
    """A span of the document as a quote: line breaks made spaces (a hyphen at a line's end kept, joined), the
    characters otherwise as written; a part of a sentence loses the comma or semicolon it stops at."""
    return one_line(document[start:end]).strip().rstrip(",;:—– ")


def one_line(text: str) -> str:
    """``text`` with its line breaks made spaces, as a quote has them ("March⏎2008" is "March 2008")."""
    body = re.sub(r"-[ \t]*\r?\n[ \t]*", "-", text)
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", body)
