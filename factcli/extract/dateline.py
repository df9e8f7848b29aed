"""Times a news story or a speech dates by its own day, the day of its dateline ("BEIJING, Dec. 26 (Xinhua) --",
a line "Beijing, 25 October 2018" under a speech's title): "on Sunday" is the last Sunday up to that day (the
day itself for its own weekday), "this Monday" the Monday of its week, "ten years ago on Wednesday" that day ten
years before, "Ten years ago this December" that month ten years before; "last month" the month before its
month, "earlier this month" its month, "so far this month" its days up to that day, "This August" and "Last
December" the last such month up to its month (the year before's for its own month said "last"); and times
counted back from the as-of time: "over the past decade" is the ten years up to it, "in the first nine months
of this year" the year's first nine months, "the fourth quarter" and "the end of the year" of the year the
document is about.

They are read after ``when.spans``, and a time they find replaces what those read of the same words.
"""

from __future__ import annotations

import datetime as dt
import re

from factcli.extract.ranges import MONTH, MONTH_NUMBER, year_and_part
from factcli.extract.times import Span

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}  # fmt: skip
_N = r"(?:[0-9]{1,2}|" + "|".join(_COUNT) + ")"
#: "on Sunday", "On Tuesday", "this Monday", "ten years ago on Wednesday", "Exactly a year ago on Monday", "ten
#: years ago", "Ten years ago this December".
_AGO_ON = re.compile(
    rf"\b(?:(?P<n>{_N})\s+years?\s+ago\b(?:\s+(?:on|this|last|in)\s+(?:(?P<wd1>[A-Z][a-z]+day)\b|(?P<month>{MONTH})\b))?"
    rf"|(?:[Oo]n|[Ll]ast|[Tt]his)\s+(?P<wd2>[A-Z][a-z]+day)\b)",
    re.IGNORECASE,
)
#: "last month", "Earlier this month", "this month"; "This August", "Last December" (no year after them).
_MONTH_BACK = re.compile(
    rf"\b(?:(?P<sofar>[Ss]o\s+far\s+)?(?P<which>[Ll]ast|(?:[Ee]arlier\s+)?[Tt]his)\s+month\b"
    rf"|(?P<named>[Tt]his|[Ll]ast)\s+(?P<month>{MONTH})\b(?!\s*[0-9]))"
)
#: A line of its own in a document's opening that is its day: "Beijing, 25 October 2018", "October 25, 2018".
_OWN_DAY = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Za-z .'-]{{1,30}},\s+)?(?:(?P<d1>[0-3]?[0-9])\s+(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+"
    rf"(?P<d2>[0-3]?[0-9]),?)\s+(?P<year>(?:19|20)[0-9]{{2}})[ \t]*$",
    re.MULTILINE,
)
#: A news story's dateline: "BEIJING, Dec. 26 (Xinhua) -- ", "WASHINGTON, March 3, 2015 (AP) — ", "BEIJING, Jan. 14
#: -- ": the place and day it was filed from, frame, not the story's words.
DATELINE = (
    r"[A-Z][A-Z .'-]{1,30}(?:,\s+[A-Z][A-Za-z .'-]{1,30})?,\s+[A-Z][a-z]{2,8}\.?\s+[0-9]{1,2}(?:,\s+[0-9]{4})?"
    r"\s+(?:\([A-Za-z .'-]{2,30}\)\s*)?(?:--|—|–)\s*"
)
_DATELINE_DAY = re.compile(
    rf"^[A-Z][A-Z .'-]{{1,30}}(?:,\s+[A-Z][A-Za-z .'-]{{1,30}})?,\s+(?P<month>{MONTH})\.?\s+(?P<day>[0-9]{{1,2}})"
    rf"(?:,\s+(?P<year>[0-9]{{4}}))?\s+(?:\([A-Za-z .'-]{{2,30}}\)\s*)?(?:--|—|–)",
    re.MULTILINE,
)
#: How far into a document the line with its day may stand (under its title, before the body).
_OPENING_CHARS = 1500


def own_day(text: str, published: str | None) -> str | None:
    """The day a document gives itself in its opening, a line of its own (a speech's "Beijing, 25 October 2018"
    under its title) or a news story's dateline ("BEIJING, Jan. 14 -- "): the day its "last month" and "this
    Monday" are counted from; none after its publication. A dateline's day without a year is the last such day
    on or before the publication (a story filed on 14 January and posted on the 15th is of that January)."""
    m = _OWN_DAY.search(text, 0, _OPENING_CHARS)
    if m is None:
        return _dateline_day(text, published)
    month = MONTH_NUMBER[(m.group("m1") or m.group("m2"))[:3].lower()]
    try:
        day = dt.date(int(m.group("year")), month, int(m.group("d1") or m.group("d2"))).isoformat()
    except ValueError:
        return None
    return None if published and day[: len(published)] > published else day


def own_day_line(text: str) -> tuple[tuple[int, int], ...]:
    """Where the line of a document's opening that is only its place and day stands ("New York, 14 September
    2023" under a statement's title): a page's frame, no heading of the prose under it."""
    m = _OWN_DAY.search(text, 0, _OPENING_CHARS)
    return ((m.start(), m.end()),) if m else ()


def _dateline_day(text: str, published: str | None) -> str | None:
    m = _DATELINE_DAY.search(text, 0, _OPENING_CHARS)
    if m is None:
        return None
    month, day = MONTH_NUMBER[m.group("month")[:3].lower()], int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    elif published and len(published) >= 10:
        year = int(published[:4]) - ((month, day) > (int(published[5:7]), int(published[8:10])))
    else:
        return None
    try:
        found = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return None if published and found[: len(published)] > published else found


#: "over the past decade", "in the last two decades": decades up to the as-of time.
_DECADES = re.compile(rf"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:(?P<n>{_N})\s+)?decades?\b", re.I)
#: "In the first nine months of this year", "in the first half of 2018", "in the fourth quarter", "In the first
#: 10 months" and "in the first half of the year" (of the year the document is about).
_FIRST_MONTHS = re.compile(
    rf"\b(?:[Ii]n\s+|[Dd]uring\s+)?the\s+(?:first\s+(?:(?P<n>{_N})\s+months|(?P<half>half))"
    r"|(?P<q>first|second|third|fourth|last)\s+quarter)(?:\s+of\s+"
    r"(?:(?P<which>this|last)\s+year|(?P<the>the\s+year)|(?P<year>(?:19|20)[0-9]{2})))?\b",
    re.IGNORECASE,
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
#: "by the end of the year": the last month of the year the document is about.
_YEAR_END = re.compile(r"\b(?:by\s+)?the\s+end\s+of\s+the\s+year\b", re.IGNORECASE)


def dateline_times(
    sentence: str, out: list[Span], day: str | None, as_of: str, the_year: str | None = None
) -> list[Span]:
    """``out`` with the times the sentence dates by the document's day (``day``, ISO, if known) or counts back
    from its as-of time; a span they overlap gives way. ``the_year`` is the year "the year" means (the year a
    review is of, else the last one named): "the first half of the year", "by the end of the year"."""
    found = [
        *_back_in_time(sentence, day), *_decades(sentence, as_of), *_first_months(sentence, as_of, the_year),
        *_year_end(sentence, the_year),
    ]  # fmt: skip
    found += [
        m for m in _months_back(sentence, day or as_of) if not any(m.start < f.end and f.start < m.end for f in found)
    ]
    if not found:
        return out
    kept = [s for s in out if not any(s.start < f.end and f.start < s.end for f in found)]
    return year_and_part(sentence, sorted([*kept, *found], key=lambda s: s.start))


def _count(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _COUNT[word.lower()]


def _back_in_time(sentence: str, day: str | None) -> list[Span]:
    if day is None or len(day) < 10:
        return []
    own = dt.date.fromisoformat(day[:10])
    out = []
    for m in _AGO_ON.finditer(sentence):
        weekday = (m.group("wd1") or m.group("wd2") or "").lower()
        if weekday and weekday not in _WEEKDAYS:
            continue
        when = own
        if weekday:
            back = (own.weekday() - _WEEKDAYS.index(weekday)) % 7
            if m.group().lower().startswith("this") and back > own.weekday():
                back -= 7  # "this Friday" said on a Thursday: the day after
            when = own - dt.timedelta(days=back or 7 * m.group().lower().startswith("last"))
        if m.group("month"):
            first = f"{when.year - _count(m.group('n'))}-{MONTH_NUMBER[m.group('month')[:3].lower()]:02d}"
        elif m.group("n"):
            years = when.year - _count(m.group("n"))
            first = _same_day(when, years) if weekday else str(years)
        else:
            first = when.isoformat()
        out.append(Span(m.start(), m.end(), m.group(), "point", first))
    return out


def _months_back(sentence: str, day: str) -> list[Span]:
    """ "last month", "earlier this month", "This August", "Last December": months counted from the document's."""
    if len(day) < 7:
        return []
    year, month = int(day[:4]), int(day[5:7])
    out = []
    for m in _MONTH_BACK.finditer(sentence):
        if m.group("which"):
            back = int(m.group("which").lower() == "last")
        else:
            named = MONTH_NUMBER[m.group("month")[:3].lower()]
            back = (month - named) % 12 or 12 * (m.group("named").lower() == "last")
        y, mo = divmod(year * 12 + month - 1 - back, 12)
        if m.group("sofar") and len(day) >= 10:  # "So far this month": its days up to the document's, a tally
            out.append(Span(m.start(), m.end(), m.group(), "year-to-date", day[:7], day[:10]))
            continue
        out.append(Span(m.start(), m.end(), m.group(), "point", f"{y}-{mo + 1:02d}"))
    return out


def _same_day(day: dt.date, year: int) -> str:
    try:
        return day.replace(year=year).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=year, day=28).isoformat()


def _decades(sentence: str, as_of: str) -> list[Span]:
    out = []
    for m in _DECADES.finditer(sentence):
        years = 10 * _count(m.group("n"))
        first = str(int(as_of[:4]) - years + 1)
        out.append(Span(m.start(), m.end(), m.group(), "range", first, as_of[:7]))
    return out


def _first_months(sentence: str, as_of: str, the_year: str | None) -> list[Span]:
    out = []
    for m in _FIRST_MONTHS.finditer(sentence):
        if m.group("year") or m.group("which"):
            year = int(m.group("year") or int(as_of[:4]) - ((m.group("which") or "").lower() == "last"))
        elif the_year:  # "In the first 10 months alone", "in the fourth quarter": of the year it is about
            year = int(the_year)
        else:
            continue
        if m.group("q"):
            first, months = 3 * _QUARTERS[m.group("q").lower()] - 2, 3
        else:
            first, months = 1, 6 if m.group("half") else _count(m.group("n"))
        if not 1 <= months <= 12:
            continue
        last = f"{year}-{first + months - 1:02d}" if months > 1 else None
        # a part of a year a report tallies ("In the first half of the year, … brought back 287"): no happening
        kind = "year-to-date" if last else "point"
        out.append(Span(m.start(), m.end(), m.group(), kind, f"{year}-{first:02d}", last))
    return out


def _year_end(sentence: str, the_year: str | None) -> list[Span]:
    if the_year is None:
        return []
    return [Span(m.start(), m.end(), m.group(), "point", f"{the_year}-12") for m in _YEAR_END.finditer(sentence)]
