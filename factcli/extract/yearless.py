"""Times a document dates by its own date: "this year", "so far this year", "last year", "in February this
year", and days or months written without a year ("on December 11", "from September 5 to 7", "on June 14 and
15", "in March and October respectively"), as a briefing or a statement says them.

They are read against the document's as-of time: "this year" is its year, up to the as-of time when that year
has not ended ("In 2012 …" in a briefing of 27 December 2012 is 2012 to 2012-12: a document vouches for no
later time), a span of kind "year-to-date": what happened in it is counted, it dates no one happening; "last
year" the year before; a month without a year is of the as-of year, or of the year before when it comes after
the as-of month (a January briefing's "in December").
"""

from __future__ import annotations

import datetime as dt
import re

from factcli.extract.ranges import MONTH as _WORD
from factcli.extract.ranges import MONTH_NUMBER
from factcli.extract.times import Span

MONTH = rf"{_WORD}(?![A-Za-z])"

_NO_YEAR = r"(?![0-9]|,?\s*(?:19|20)[0-9]{2}\b|\s+(?:this|last|next)\s+year\b)"
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
#: "from Sept. 12 to 14 last year": the days of the year the words after them say.
_OF_YEAR = r"(?![0-9]|,?\s*(?:19|20)[0-9]{2}\b|\s+next\s+year\b)(?:\s+(?P<which>this|last)\s+year\b)?"
#: "from September 5 to 7", "From August 16 to November 18", "on June 14 and 15": days, month first.
_DAY_RANGE = re.compile(
    rf"\b(?:(?:[Ff]rom|[Bb]etween)\s+(?P<m1>{MONTH})\s+(?P<d1>{_DAY})\s+(?:to|and|until|till|through)"
    rf"|[Oo]n\s+(?P<m3>{MONTH})\s+(?P<d3>{_DAY})\s+and)\s+(?:(?P<m2>{MONTH})\s+)?(?P<d2>{_DAY}){_OF_YEAR}"
)
#: "on December 11", "On October 29", "on the afternoon of December 27", "As of December 20".
_MONTH_DAY = re.compile(
    rf"\b(?:(?:[Oo]n|[Aa]s\s+of|[Bb]y|[Ss]ince|[Uu]ntil)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?)?"
    rf"(?<![“\"‘'])(?P<month>{MONTH})\s+(?P<day>{_DAY}){_NO_YEAR}"  # not the name of "September 11"
)
#: "in May", "In September", "in March and October", "by the end of August": months after a preposition, no year.
_MONTHS = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Bb]y(?:\s+the\s+end\s+of)?|[Uu]ntil|[Dd]uring)\s+(?P<months>{MONTH}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){MONTH})*)"
    rf"(?!\s*[0-9]|\s+(?:this|last|next)\s+year\b)"
)
_ONE_MONTH = re.compile(MONTH)
#: "from March to August", "between June and September": months, no year.
_MONTH_RANGE = re.compile(
    rf"\b(?:[Ff]rom\s+(?P<m1>{MONTH})\s+(?:to|until|till|through)|[Bb]etween\s+(?P<m3>{MONTH})\s+and)\s+"
    rf"(?P<m2>{MONTH}){_NO_YEAR}(?!\s*[0-9])"
)
#: "in February this year", "in May last year".
_MONTH_OF = re.compile(rf"\b(?:(?:[Ii]n|[Bb]y|[Ss]ince)\s+)?(?P<month>{MONTH})\s+(?P<which>this|last)\s+year\b")
#: "So far this year", "This year", "this year's", "of this year", "last year", "earlier this year".
_YEAR = re.compile(
    r"\b(?:(?P<sofar>[Ss]o\s+far|[Ee]arlier)\s+)?(?P<of>of\s+)?(?P<which>[Tt]his|[Ll]ast)\s+year(?P<s>['’]s)?\b"
    r"(?!\s+(?:and|or)\s+(?:next|last|this)\b)"
)

#: "Over the years, nearly 5,500 … have come": all the years up to the as-of time, no start said.
_OVER_THE_YEARS = re.compile(r"\b(?:[Oo]ver|[Tt]hrough(?:out)?)\s+the\s+(?:past\s+)?years\b")


def yearless(sentence: str, out: list[Span], as_of: str) -> list[Span]:
    """``out`` with the times the sentence dates by the document's own date; a span they overlap gives way."""
    dated = [s for s in out if s.kind in ("point", "range", "since", "by")]  # a year written wins
    found = _relative(sentence, as_of)
    found = _days(sentence, as_of, dated, found)
    found = _months(sentence, as_of, dated, found)
    kept = [_to_date(s, as_of) for s in out if not _inside(s.start, s.end, found)]
    return sorted([*kept, *found], key=lambda s: s.start)


def _relative(sentence: str, as_of: str) -> list[Span]:
    """ "in February this year", "so far this year", "last year", "Over the years"."""
    found: list[Span] = []
    for m in _MONTH_OF.finditer(sentence):
        year = int(as_of[:4]) - (m.group("which") == "last")
        found.append(Span(m.start(), m.end(), m.group(), "point", f"{year}-{_number(m.group('month')):02d}"))
    for m in _YEAR.finditer(sentence):
        if _inside(m.start(), m.end(), found):
            continue
        if m.group("which").lower() == "last":
            found.append(Span(m.start(), m.end(), m.group(), "point", str(int(as_of[:4]) - 1)))
            continue
        # "the last press conference of this year", "this year's exercises": of a noun, weaker than a date
        kind = "of-year" if m.group("of") or m.group("s") else "year-to-date"
        found.append(Span(m.start(), m.end(), m.group(), kind, as_of[:4], _to(as_of)))
    for m in _OVER_THE_YEARS.finditer(sentence):
        found.append(Span(m.start(), m.end(), m.group(), "by", None, _to(as_of)))
    return found


def _days(sentence: str, as_of: str, dated: list[Span], found: list[Span]) -> list[Span]:
    """ "from September 5 to 7", "on June 14 and 15", "on December 11", "As of December 25"."""
    for m in _DAY_RANGE.finditer(sentence):
        if m.group("m3") and "respectively" in sentence:
            continue  # "left … on September 2 and September 19 respectively": a day each
        year_of = _year_of(as_of, m.group("which"))
        first = _day(year_of, m.group("m1") or m.group("m3"), m.group("d1") or m.group("d3"))
        last = _day(year_of, m.group("m2") or m.group("m1") or m.group("m3"), m.group("d2"))
        if m.group("which"):  # the year's words are the range's: "last year" dates nothing else
            found = [s for s in found if not _inside(s.start, s.end, [Span(m.start(), m.end(), "", "")])]
        if first and last and first < last and not _inside(m.start(), m.end(), [*dated, *found]):
            found = [*found, Span(m.start(), m.end(), m.group(), "range", first, last)]
    for m in _MONTH_DAY.finditer(sentence):
        day = _day(as_of, m.group("month"), m.group("day"))
        if day and not _inside(m.start(), m.end(), [*dated, *found]):
            found = [*found, _until(sentence, m, day)]
    return found


def _months(sentence: str, as_of: str, dated: list[Span], found: list[Span]) -> list[Span]:
    """ "in May", "in March and October": each month of the as-of year (or the year before); "from March to
    August": a range of them, in the year of its last month."""
    for m in _MONTH_RANGE.finditer(sentence):
        last = _year(as_of, _number(m.group("m2")))
        first_month = _number(m.group("m1") or m.group("m3"))
        year = int(last[:4]) - (first_month > int(last[5:]))
        if not _inside(m.start(), m.end(), [*dated, *found]):
            found = [*found, Span(m.start(), m.end(), m.group(), "range", f"{year}-{first_month:02d}", last)]
    for m in _MONTHS.finditer(sentence):
        for x in _ONE_MONTH.finditer(m.group("months")):
            start = m.start("months") + x.start()
            at, end = (m.start() if x.start() == 0 else start), start + len(x.group())
            if not _inside(at, end, [*dated, *found]):
                found = [*found, Span(at, end, sentence[at:end], "point", _year(as_of, _number(x.group())))]
    return found


#: "As of December 25 they had completed …": a count up to then, not a state on that day.
_PERFECT = re.compile(r"\b(?:had|have|has)\s+(?:been\s+)?[a-z]+ed\b")


def _until(sentence: str, m: re.Match[str], day: str) -> Span:
    """ "By December 25 …", "As of December 25 they had completed …": up to that day (kind "by"); else the day."""
    opener = m.group().split()[0].lower()
    if opener == "by" or (opener == "as" and _PERFECT.search(sentence, m.end())):
        return Span(m.start(), m.end(), m.group(), "by", None, day)
    return Span(m.start(), m.end(), m.group(), "point", day)


def weak_years(out: list[Span]) -> list[Span]:
    """ "Of this year" and "this year's" date what they follow only when the sentence has no other time."""
    strong = [s for s in out if s.kind != "of-year"]
    if strong:
        return strong
    return [Span(s.start, s.end, s.text, "year-to-date", s.first, s.last) for s in out]


def _to_date(span: Span, as_of: str) -> Span:
    """ "In 2012 …" in a document of December 2012: the year up to the as-of time, as "this year" is."""
    if span.kind == "point" and span.first == as_of[:4] and len(as_of) > 4:
        return Span(span.start, span.end, span.text, "year-to-date", span.first, _to(as_of))
    return span


def _to(as_of: str) -> str:
    return as_of[:7]


def _inside(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def _number(month: str) -> int:
    return MONTH_NUMBER[month[:3].lower()]


def _year(as_of: str, month: int) -> str:
    """The month of the as-of year, or of the year before when it comes after the as-of month."""
    year = int(as_of[:4])
    if len(as_of) >= 7 and month > int(as_of[5:7]):
        year -= 1
    return f"{year}-{month:02d}"


def _year_of(as_of: str, which: str | None) -> str:
    """The as-of time to read a day by: the as-of year's last day for "this year", the year before's for "last
    year", else the as-of time itself (a month after it is of the year before)."""
    if which is None:
        return as_of
    return f"{int(as_of[:4]) - (which == 'last')}-12"


def _day(as_of: str, month: str, day: str) -> str | None:
    month_year = _year(as_of, _number(month))
    try:
        return dt.date(int(month_year[:4]), int(month_year[5:]), int(re.sub(r"\D", "", day))).isoformat()
    except ValueError:
        return None
