"""When a statement of a document holds, in the store's notation, and the words that say so.

The store's convention (README, "Dating what a document does not date"): the date or period the sentence
states ("In May 1997", "From May to September 2002", "Since 1990", "Over the past two years"); else the
paragraph's (a list after "Since 2015 …"); else the document's *as-of time*: a present-tense state is
dated to it, an undated activity is a period that ends at it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from factcli.reading.mention import Mention
from factcli.text import dates

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_MONTH_LIST = re.compile(
    rf"(?P<between>\bbetween\s+)?(?P<months>{_MONTH}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_MONTH})+)\s+"
    r"(?P<year>(?:19|20)[0-9]{2})\b"
)
_ONE_MONTH = re.compile(_MONTH)
_PAST_YEARS = re.compile(
    r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>two|three|four|five|six|[2-9])\s+years\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(?:at present|currently|at the moment|as of now|nowadays|now)\b", re.IGNORECASE)
_SO_FAR = re.compile(r"\b(?:so far|to date|up to now|thus far)\b", re.IGNORECASE)
_SAME_YEAR = re.compile(rf"\b(?:in\s+)?(?P<month>{_MONTH})?\s*(?:of\s+)?the same year\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\bon\s+(?P<month>{_MONTH})\s+(?P<day>[0-3]?[0-9])\b(?!,?\s*(?:19|20)[0-9]{{2}})")
#: "From 26 October to 14 November 2010", "from 24 to 26 October 2018", "held on 9 and 10 June 2018": days,
#: the month said once when both are of it, the year said once.
_DAY_RANGE = re.compile(
    rf"\b(?:(?:from|between)\s+(?P<d1>[0-3]?[0-9])(?:\s+(?P<m1>{_MONTH}))?\s+(?:to|and|until|till)"
    rf"|on\s+(?P<on>[0-3]?[0-9])\s+and)\s+"
    rf"(?P<d2>[0-3]?[0-9])\s+(?P<m2>{_MONTH})\s+(?P<year>(?:19|20)[0-9]{{2}})\b",
    re.IGNORECASE,
)
#: "In 2009 and 2010": two years, one span (each its own only with "respectively").
_YEAR_PAIR = re.compile(r"\b(?P<y1>(?:19|20)[0-9]{2})\s+and\s+(?P<y2>(?:19|20)[0-9]{2})\b(?!\s+respectively)")
#: "By the end of December 2010 the task forces had conducted …": a count up to then.
_BY = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
#: "… opened in June 2009, has since trained …": what follows runs since the date before it.
_HAS_SINCE = re.compile(r"\b(?:has|have|had)\s+since\b")
#: "Since its first dispatch of military observers … in 1990, the PLA …": the date of the clause, and a start.
_OPENING = re.compile(r"^(?:Since|After|Following)\b[^,;]{0,160}?,")
_MONTH_NUMBER = {name[:3]: number for name, number in dates.MONTHS.items()}
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_TITLE_YEAR = re.compile(r"\b(?:in|of|for)\s+((?:19|20)[0-9]{2})\b")


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
    #: "point", "range", "since", "past", "present" or "so-far".
    kind: str
    first: str | None = None
    last: str | None = None
    #: For "Since/After <what happened> in 1990, …": where the clause it dates ends (what follows runs since).
    opens_at: int | None = None

    def time(self, as_of: str, source: str = "sentence") -> Time:
        words = self.text
        if self.kind == "point":
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


def spans(sentence: str, found: list[Mention], offset: int, as_of: str, last_year: int | None) -> list[Span]:
    """Every time expression of ``sentence`` in order: the dates of ``found`` (its mentions, at ``offset``),
    month lists ("January and July 2015"), ranges ("from December 2008 to January 2016"), "the past two
    years", "at present", "so far", "the same year" and "on Jan. 11" (the year the document is of)."""
    out: list[Span] = []
    for m in found:
        if m.kind != "date" or m.span is None or m.document:
            continue
        first, last = iso(*m.span)
        start, end = m.start - offset, m.end - offset
        if m.since:
            out.append(Span(start, end, m.text, "since", first))
        elif last is not None:
            out.append(Span(start, end, m.text, "range", first, last))
        else:
            out.append(Span(start, end, m.text, "point", first))
    out = _month_lists(sentence, out)
    out = _ranges(sentence, out)
    out = _day_ranges(sentence, out)
    out = _year_pairs(sentence, out)
    out = _by_since([_by(sentence, s) for s in out])
    year = int(as_of[:4])
    for pattern, kind in ((_PAST_YEARS, "past"), (_PRESENT, "present"), (_SO_FAR, "so-far")):
        for x in pattern.finditer(sentence):
            if kind == "past":
                n = _NUMBERS.get(x.group("n").lower()) or int(x.group("n"))
                out.append(Span(x.start(), x.end(), x.group(), "past", str(year - n + 1), str(year)))
            elif kind == "present":
                out.append(Span(x.start(), x.end(), x.group(), "present", as_of))
            else:
                out.append(Span(x.start(), x.end(), x.group(), "so-far"))
    out.extend(_undated(sentence, as_of, last_year))
    return _since_after(sentence, _opening(sentence, sorted(out, key=lambda s: s.start)))


def _day_ranges(sentence: str, out: list[Span]) -> list[Span]:
    """ "From 26 October to 14 November 2010", "from 24 to 26 October 2018": a range of days."""
    for m in _DAY_RANGE.finditer(sentence):
        year = int(m.group("year"))
        month = m.group("m1") or m.group("m2")
        try:
            first = dt.date(year, _MONTH_NUMBER[month[:3].lower()], int(m.group("d1") or m.group("on")))
            last = dt.date(year, _MONTH_NUMBER[m.group("m2")[:3].lower()], int(m.group("d2")))
        except ValueError:
            continue
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        out.append(Span(m.start(), m.end(), m.group(), "range", first.isoformat(), last.isoformat()))
    return sorted(out, key=lambda s: s.start)


def _year_pairs(sentence: str, out: list[Span]) -> list[Span]:
    """ "In 2009 and 2010": the two years as one span, unless "respectively" pairs each with its own."""
    if "respectively" in sentence:
        return out
    for m in _YEAR_PAIR.finditer(sentence):
        first, last = m.group("y1"), m.group("y2")
        if int(last) <= int(first):
            continue
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        out.append(Span(m.start(), m.end(), m.group(), "range", first, last))
    return sorted(out, key=lambda s: s.start)


def _by(sentence: str, span: Span) -> Span:
    """ "By the end of December 2010": up to then, from a start the sentence before may give (kind "by")."""
    if span.kind != "point" or not _BY.search(sentence[max(0, span.start - 20) : span.start]):
        return span
    start = sentence.lower().rfind("by", 0, span.start)
    return Span(start, span.end, sentence[start : span.end], "by", None, span.first)


def _by_since(out: list[Span]) -> list[Span]:
    """ "By the end of February 2019 … had conducted 79 joint patrols … since December 2011": one period, from
    the "since" to the "by"."""
    by = [s for s in out if s.kind == "by" and s.first is None]
    since = [s for s in out if s.kind == "since"]
    if len(by) != 1 or len(since) != 1 or since[0].start < by[0].end:
        return out
    merged = Span(by[0].start, by[0].end, by[0].text, "by", since[0].first, by[0].last)
    return [merged if s is by[0] else s for s in out if s is not since[0]]


def _since_after(sentence: str, out: list[Span]) -> list[Span]:
    """ "The … Center, opened in June 2009, has since trained nearly 1,600 …": the date opens what follows."""
    m = _HAS_SINCE.search(sentence)
    points = [s for s in out if s.kind == "point" and s.end <= (m.start() if m else 0)]
    if m is None or len(points) != 1 or any(s.opens_at is not None for s in out):
        return out
    point = points[0]
    opened = Span(point.start, point.end, point.text, "point", point.first, opens_at=m.start())
    return [opened if s is point else s for s in out]


def _month_lists(sentence: str, out: list[Span]) -> list[Span]:
    """ "January and November 2007": each month of that year; "between October and November 2001": a range."""
    for m in _MONTH_LIST.finditer(sentence):
        months = [(m.start("months") + x.start(), x.group()) for x in _ONE_MONTH.finditer(m.group("months"))]
        year = m.group("year")
        numbers = [_MONTH_NUMBER[text[:3].lower()] for _, text in months]
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        if m.group("between"):
            first, last = f"{year}-{numbers[0]:02d}", f"{year}-{numbers[-1]:02d}"
            out.append(Span(m.start(), m.end(), m.group(), "range", first, last))
            continue
        for i, ((at, text), number) in enumerate(zip(months, numbers, strict=True)):
            end = m.end() if i == len(months) - 1 else at + len(text)
            out.append(Span(at, end, sentence[at:end], "point", f"{year}-{number:02d}"))
    return sorted(out, key=lambda s: s.start)


def _ranges(sentence: str, out: list[Span]) -> list[Span]:
    """ "from December 2008 to January 2016", "between 2001 and 2003": two points make one range."""
    merged: list[Span] = []
    for span in out:
        before = merged[-1] if merged else None
        if before is not None and before.kind == span.kind == "point":
            between = sentence[before.end : span.start]
            opener = sentence[max(0, before.start - 8) : before.start].lower()
            if (re.fullmatch(r"\s+(?:to|until|till|through)\s+", between) and "from" in opener) or (
                re.fullmatch(r"\s+and\s+", between) and "between" in opener
            ):
                start = before.start - (len(opener) - opener.rfind("from" if "from" in opener else "between"))
                merged[-1] = Span(start, span.end, sentence[start : span.end], "range", before.first, span.first)
                continue
        merged.append(span)
    return merged


def _undated(sentence: str, as_of: str, last_year: int | None) -> list[Span]:
    """ "In October the same year" (the year of the sentence before) and "on Jan. 11" (the document's year)."""
    out = []
    if last_year is not None:
        for m in _SAME_YEAR.finditer(sentence):
            month = m.group("month")
            first = f"{last_year}-{_MONTH_NUMBER[month[:3].lower()]:02d}" if month else str(last_year)
            out.append(Span(m.start(), m.end(), m.group().strip(), "point", first))
    for m in _MONTH_DAY.finditer(sentence):
        month, day = _MONTH_NUMBER[m.group("month")[:3].lower()], int(m.group("day"))
        try:
            out.append(Span(m.start(), m.end(), m.group(), "point", dt.date(int(as_of[:4]), month, day).isoformat()))
        except ValueError:
            continue
    return out


def _opening(sentence: str, out: list[Span]) -> list[Span]:
    """ "Since its first dispatch … in 1990, the PLA has …": 1990 dates the dispatch; what follows runs since."""
    m = _OPENING.match(sentence)
    if m is None:
        return out
    inside = [s for s in out if s.end <= m.end() and s.kind == "point"]
    if len(inside) != 1 or sentence[: inside[0].start].rstrip().lower() in ("since", "after", "following"):
        return out
    point = inside[0]
    opened = Span(point.start, point.end, point.text, "point", point.first, opens_at=m.end())
    return [opened if s is point else s for s in out]


def as_of(title: str, published: str | None, accessed: str | None, text: str) -> tuple[str, str]:
    """The time a document speaks from, and why: the year its title reports on ("… in 2008"), else its
    publication month, else when it was read, else the latest year it names."""
    m = _TITLE_YEAR.search(title)
    if m:
        return m.group(1), f"the year its title reports on: '{m.group()}'"
    if published:
        return published[:7], f"when it was published: {published}"
    if accessed:
        return accessed[:7], f"when it was read: {accessed}"
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return str(max(years)), "the latest year it names (it gives no date of its own)"
    return str(dt.date.today().year), "this year (it names none)"
