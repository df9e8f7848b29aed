"""Where a record the document keeps starts: "In April 1990, China sent its first five military observers … Since
then, … has sent more than 50,000 …". A count the document then gives with no start ("To date, Chinese engineering
units have built …", "Nineteen Chinese peacekeepers … have laid down their lives") is of that record: it runs from
the first, as the store dates a country's totals from its first participation, not from nowhere.

A first starts a record when a period of the document runs from its date (the counts "Since then" of the sentence
after it, or of its own sentence: "Since the first … mission was deployed … in 1948, …"); a dated first nothing
counts from ("Six years ago, China's first peacekeeping helicopter unit …") starts none. The latest record started
before an open count is the one it belongs to.
"""

from __future__ import annotations

import dataclasses
import re

from factcli.extract.state import Statement
from factcli.extract.times import Time
from factcli.extract.when import SO_FAR


def from_the_first(statements: list[Statement]) -> list[Statement]:
    """``statements`` (in the document's order) with each count that has no start dated from the record its
    document started before it: said so ("To date", "so far"), or with no time at all where its sentence counts
    what the record's sentences count ("Nineteen Chinese peacekeepers … have laid down their lives" after "…
    has sent more than 50,000 person-times of military peacekeepers")."""
    firsts = {s.time.date: s for s in statements if s.ordinal and s.value == 1 and s.time.date}
    out: list[Statement] = []
    record: Statement | None = None
    words: set[str] = set()
    for s in statements:
        t = s.time
        if t.start in firsts and t.end and firsts[t.start].start <= s.start:
            if record is not firsts[t.start]:
                record = firsts[t.start]
                words = set(_words(record.passage.text))
            words |= set(_words(s.passage.text))
        elif record is not None and s.kind == "quantity" and not s.ordinal and t.start is None and t.end:
            said = t.source == "sentence" and SO_FAR.search(t.words)
            if said or (t.source == "document" and words & _counted(s, statements)):
                why = f"{t.why + ', ' if t.why else ''}counted from the first the document dates ({record.time.date})"
                s = dataclasses.replace(s, time=Time(None, record.time.date, t.end, t.words, t.source, why))
        out.append(s)
    return out


def _words(text: str) -> list[str]:
    """The lower-case words of ``text`` (a name's capitalised words are who, not what is counted)."""
    return re.findall(r"\b[a-z][a-z-]{3,}\b", text)


def _counted(s: Statement, statements: list[Statement]) -> set[str]:
    """What the figures of ``s``'s sentence count, in lower-case words."""
    return {w for x in statements if x.passage is s.passage for c in x.counts for w in _words(c)} & set(
        _words(s.passage.text)
    )
