"""A time in the store's notation (``Time``) and a time expression of a sentence (``Span``), as ``when`` reads
them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from factcli.text import dates


@dataclass(frozen=True, slots=True)
class Time:
    """A date or a period (either end open) in the store's notation, the words that give it, and why."""

    date: str | None = None
    start: str | None = None
    end: str | None = None
    words: str = ""
    #: Where it was read: the statement's own "sentence", its "paragraph", or the "document"'s as-of time.
    source: str = "sentence"
    why: str = ""

    def record(self) -> dict[str, Any]:
        """The fields of a fact: ``date``, or ``period``."""
        if self.date is not None:
            return {"date": self.date}
        return {"period": {"start": self.start, "end": self.end}}

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        return self.date, self.start, self.end

    @property
    def first(self) -> str | None:
        return self.date or self.start


@dataclass(frozen=True, slots=True)
class Span:
    """A time expression in a sentence (offsets in the sentence)."""

    start: int
    end: int
    text: str
    #: "point", "base" (a year a comparison measures against: "down 6.3 percent from 2019"), "range", "since",
    #: "past", "present", "so-far", "by", or "year-to-date" (the as-of year up to the as-of time: "this year",
    #: "In 2012" in a briefing of December 2012; a part of a year a report tallies).
    kind: str
    first: str | None = None
    last: str | None = None
    #: For "Since/After <what happened> in 1990, …": where the clause it dates ends (what follows runs since).
    opens_at: int | None = None

    def time(self, as_of: str, source: str = "sentence") -> Time:
        words = self.text
        if self.kind in ("point", "base"):
            return Time(date=self.first, words=words, source=source)
        if self.kind in ("since", "so-far"):
            return Time(start=self.first, end=as_of, words=words, source=source)
        if self.kind == "by":
            return Time(start=self.first, end=self.last, words=words, source=source)
        if self.kind == "present":
            return Time(date=as_of, words=words, source=source)
        return Time(start=self.first, end=self.last, words=words, source=source)


def iso(first: dt.date, last: dt.date) -> tuple[str, str | None]:
    """A span of days as the store writes it, precision kept: ('2008', None), ('2002-05', '2002-09')."""
    if first == last:
        return first.isoformat(), None
    month_end = dates.parse_span(f"{last.year:04d}-{last.month:02d}")[1]
    if first.day != 1 or last != month_end:
        return first.isoformat(), last.isoformat()
    if first.month == 1 and last.month == 12:
        return (str(first.year), None) if first.year == last.year else (str(first.year), str(last.year))
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%Y-%m}", None
    return f"{first:%Y-%m}", f"{last:%Y-%m}"
