"""Time expressions of two ends or more: "From 26 October to 14 November 2010", "from 24 to 26 October 2018",
"January and November 2007", "from December 2008 to January 2016", "In 2009 and 2010", "From 2017 to 2020"."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from factcli.extract.times import Span
from factcli.text import dates

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_MONTH_LIST = re.compile(
    rf"(?P<between>\b[Bb]etween\s+)?(?P<months>{MONTH}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){MONTH})+)\s+"
    r"(?P<year>(?:19|20)[0-9]{2})\b"
)
_ONE_MONTH = re.compile(MONTH)
MONTH_NUMBER = {name[:3]: number for name, number in dates.MONTHS.items()}
#: "From 26 October to 14 November 2010", "from 24 to 26 October 2018", "held on 9 and 10 June 2018": days,
#: the month said once when both are of it, the year said once.
_DAY_RANGE = re.compile(
    rf"\b(?:(?:from|between)\s+(?P<d1>[0-3]?[0-9])(?:\s+(?P<m1>{MONTH}))?\s+(?:to|and|until|till)"
    rf"|on\s+(?P<on>[0-3]?[0-9])\s+and)\s+"
    rf"(?P<d2>[0-3]?[0-9])\s+(?P<m2>{MONTH})\s+(?P<year>(?:19|20)[0-9]{{2}})\b",
    re.IGNORECASE,
)
#: "In 2009 and 2010": two years, one span (each its own only with "respectively").
_YEAR_PAIR = re.compile(r"\b(?P<y1>(?:19|20)[0-9]{2})\s+and\s+(?P<y2>(?:19|20)[0-9]{2})\b(?!\s+respectively)")
#: "from 2017 to 2020", "between 2001 and 2003", "a share … for 2022 to 2024", and a period's years in brackets
#: after its name: "During the 13th Five-Year Plan period (2016-2020)".
_YEAR_RANGE = re.compile(
    r"\b(?:from|between|for(?=\s+\S+\s+(?:to|through)\s))\s+(?P<y1>(?:19|20)[0-9]{2})\s+(?:to|until|till|through|and)\s+"
    r"(?P<y2>(?:19|20)[0-9]{2})\b"
    r"|\((?P<b1>(?:19|20)[0-9]{2})\s*[-–]\s*(?P<b2>(?:19|20)[0-9]{2})\)",
    re.IGNORECASE,
)


def day_ranges(sentence: str, out: list[Span]) -> list[Span]:
    """ "From 26 October to 14 November 2010", "from 24 to 26 October 2018": a range of days."""
    for m in _DAY_RANGE.finditer(sentence):
        year = int(m.group("year"))
        month = m.group("m1") or m.group("m2")
        try:
            first = dt.date(year, MONTH_NUMBER[month[:3].lower()], int(m.group("d1") or m.group("on")))
            last = dt.date(year, MONTH_NUMBER[m.group("m2")[:3].lower()], int(m.group("d2")))
        except ValueError:
            continue
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        out.append(Span(m.start(), m.end(), m.group(), "range", first.isoformat(), last.isoformat()))
    return sorted(out, key=lambda s: s.start)


def year_pairs(sentence: str, out: list[Span]) -> list[Span]:
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


def year_ranges(sentence: str, out: list[Span], as_of: str) -> list[Span]:
    """ "From 2017 to 2020 China co-chairs …": a range of years, which ends at the document's as-of time when it
    runs past it (a document vouches for no later time): "From 2017" is then its words."""
    for m in _YEAR_RANGE.finditer(sentence):
        first, last, words = m.group("y1") or m.group("b1"), m.group("y2") or m.group("b2"), m.group()
        if int(last) <= int(first) or any(s.start == m.start() and s.kind == "range" for s in out):
            continue
        if last > as_of:
            last, words = as_of, sentence[m.start() : m.end("y1")]
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        out.append(Span(m.start(), m.end(), words, "range", first, last))
    return sorted(out, key=lambda s: s.start)


def month_lists(sentence: str, out: list[Span]) -> list[Span]:
    """ "January and November 2007": each month of that year; "between October and November 2001" and months one
    after another ("In March and April 2015"): a range."""
    for m in _MONTH_LIST.finditer(sentence):
        months = [(m.start("months") + x.start(), x.group()) for x in _ONE_MONTH.finditer(m.group("months"))]
        year = m.group("year")
        numbers = [MONTH_NUMBER[text[:3].lower()] for _, text in months]
        out = [s for s in out if not (m.start() <= s.start < m.end())]
        following = all(b == a + 1 for a, b in itertools.pairwise(numbers))
        if m.group("between") or (following and "respectively" not in sentence):
            first, last = f"{year}-{numbers[0]:02d}", f"{year}-{numbers[-1]:02d}"
            out.append(Span(m.start(), m.end(), m.group(), "range", first, last))
            continue
        for i, ((at, text), number) in enumerate(zip(months, numbers, strict=True)):
            end = m.end() if i == len(months) - 1 else at + len(text)
            out.append(Span(at, end, sentence[at:end], "point", f"{year}-{number:02d}"))
    return sorted(out, key=lambda s: s.start)


def ranges(sentence: str, out: list[Span]) -> list[Span]:
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


def year_and_part(sentence: str, out: list[Span]) -> list[Span]:
    """ "In 2018 and the first half of 2019": a year and a part of a later year after it make one range, from the
    year to the part's end."""
    merged: list[Span] = []
    for span in out:
        before = merged[-1] if merged else None
        if (
            before is not None
            and before.kind == "point"
            and len(before.first or "") == 4
            and span.kind in ("range", "year-to-date")
            and span.last is not None
            and span.last > (before.first or "")
            and re.fullmatch(r"\s+and\s+", sentence[before.end : span.start])
        ):
            words = sentence[before.start : span.end]
            merged[-1] = Span(before.start, span.end, words, "range", before.first, span.last)
            continue
        merged.append(span)
    return merged
