"""When a statement of a document holds, in the store's notation, and the words that say so.

The store's convention (README, "Dating what a document does not date"): the date or period the sentence
states ("In May 1997", "From May to September 2002", "Since 1990", "Over the past two years"); else the
paragraph's (a list after "Since 2015 …"); else the document's *as-of time*: a present-tense state is
dated to it, an undated activity is a period that ends at it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from factcli.extract.dateline import own_day
from factcli.extract.ranges import MONTH, MONTH_NUMBER, day_ranges, month_lists, ranges, year_pairs, year_ranges
from factcli.extract.times import Span, iso
from factcli.extract.yearless import weak_years, yearless
from factcli.reading.mention import Mention

_PAST_YEARS = re.compile(
    r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>two|three|four|five|six|[2-9])\s+years\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(?:at present|currently|at the moment|as of now|nowadays|now)\b", re.IGNORECASE)
_A_YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
SO_FAR = re.compile(r"\b(?:so far|to date|up to now|thus far)\b", re.IGNORECASE)
_SAME_YEAR = re.compile(rf"\b(?:in\s+)?(?P<month>{MONTH})?\s*(?:of\s+)?the same year\b", re.IGNORECASE)
#: "By the end of December 2010 the task forces had conducted …": a count up to then.
_BY = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
#: "… opened in June 2009, has since trained …": what follows runs since the date before it.
_HAS_SINCE = re.compile(r"\b(?:has|have|had)\s+since\b")
#: "Since its first dispatch of military observers … in 1990, the PLA …": the date of the clause, and a start.
_OPENING = re.compile(r"^(?:Since|After|Following)\b[^,;]{0,160}?,")
#: "Since April 1990, when it sent five military observers …,": the date is the when-clause's, a start after it.
_SINCE_WHEN = re.compile(r"^Since\b[^,;]{0,40},\s+(?P<when>when)\b[^,;]{0,160}?,")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_TITLE_YEAR = re.compile(r"\b(?:in|of|for)\s+((?:19|20)[0-9]{2})\b")
#: "Figures are as of 31 August 2015 unless otherwise indicated": the date a document states its figures are
#: of, in its opening (a fact sheet's or a statistical report's note under the title).
_STATED = re.compile(
    r"\b(?:figures|data|statistics|numbers|information|all\s+figures)\b[^.]{0,60}?\bas\s+(?:of|at)\s+"
    rf"(?:(?P<d1>[0-3]?[0-9])\s+(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+(?P<d2>[0-3]?[0-9]),?)\s+(?P<year>(?:19|20)[0-9]{{2}})\b",
    re.IGNORECASE,
)
#: How far into a document its note on the time of its figures may stand (its opening, before the body).
_OPENING_CHARS = 2000


def reviewed(title: str, as_of: str) -> str | None:
    """The year a document reviews when it speaks from a later time ("… cooperation in 2020", dated January
    2021): what it tells without a date of its own is of that year."""
    m = _TITLE_YEAR.search(title)
    return m.group(1) if m and m.group(1) < as_of[:4] else None


#: A year a comparison measures against: "down 6.3 percent from 2019", "up from 54 in 2014", "than in 2019".
_BASE = re.compile(
    r"(?:\b(?:up|down)\s+(?:by\s+)?(?:[0-9][0-9,.]*\s*(?:percent|per\s+cent|%)\s+)?from"
    r"|\b(?:rose|fell|rising|falling|increased|decreased|dropped|grew|compared)\b(?:[^.;]|\.(?=[0-9])){0,40}?"
    r"\b(?:from|with)|\bthan)\s+(?:[0-9][0-9,.]*\s+(?:[a-z]+\s+){0,2}in\s+|in\s+)?$",
    re.IGNORECASE,
)


def bases(sentence: str, out: list[Span]) -> list[Span]:
    """``out`` with the years comparisons measure against made kind "base": they date the figure right before
    them ("54 in 2014"), no period with the sentence's own time ("in 2020, down 6.3 percent from 2019")."""
    return [
        Span(s.start, s.end, s.text, "base", s.first)
        if s.kind == "point" and _BASE.search(sentence[max(0, s.start - 60) : s.start])
        else s
        for s in out
    ]


def spans(sentence: str, found: list[Mention], offset: int, as_of: str, last_year: int | None) -> list[Span]:
    """Every time expression of ``sentence`` in order: the dates of ``found`` (its mentions, at ``offset``),
    month lists ("January and July 2015"), ranges ("from December 2008 to January 2016"), "the past two
    years", "at present", "so far", "the same year", and what the document dates by its own date ("this
    year", "on Jan. 11": ``yearless``)."""
    out: list[Span] = []
    for m in found:
        if m.kind != "date" or m.span is None or m.document:
            continue
        first, last = iso(*m.span)
        if last is None and first > as_of and not _A_YEAR.search(m.text):
            continue  # "in June" after "for 2022 to 2024": not of the later year, the document's (``yearless``)
        start, end = m.start - offset, m.end - offset
        if m.since:
            out.append(Span(start, end, m.text, "since", first))
        elif last is not None:  # "for 2013–2015" in a document as of August 2015: up to then, no later
            out.append(Span(start, end, m.text, "range", first, _no_later(last, as_of)))
        else:
            out.append(Span(start, end, m.text, "point", first))
    out = month_lists(sentence, out)
    out = ranges(sentence, out)
    out = day_ranges(sentence, out)
    out = year_pairs(sentence, out)
    out = year_ranges(sentence, out, as_of)
    out = _by_since([_by(sentence, s) for s in out])
    year = int(as_of[:4])
    for pattern, kind in ((_PAST_YEARS, "past"), (_PRESENT, "present"), (SO_FAR, "so-far")):
        for x in pattern.finditer(sentence):
            if kind == "past":
                n = _NUMBERS.get(x.group("n").lower()) or int(x.group("n"))
                out.append(Span(x.start(), x.end(), x.group(), "past", str(year - n + 1), as_of[:7]))
            elif kind == "present":
                out.append(Span(x.start(), x.end(), x.group(), "present", as_of))
            else:
                out.append(Span(x.start(), x.end(), x.group(), "so-far"))
    out.extend(_same_year(sentence, last_year))
    out = weak_years(yearless(sentence, sorted(out, key=lambda s: s.start), as_of))
    return _since_after(sentence, _opening(sentence, _by_since(out)))


#: A clause after a figure whose date starts what the figure counts: "… has trained 1,000 peacekeepers since it
#: opened in June 2009", "… have fallen by 90 percent from their peak in 2011".
_STARTS_AFTER = re.compile(
    r"\b(?:since\s+(?:it|they|its|their|the\s+[a-z]+)\b[^,;.]{0,40}?|from\s+(?:its|their|the)\s+[a-z]+\s+)(?:in|on)\s+$"
)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?[a-z]+(?:ed|en|n|t)\b")


def starts_after(sentence: str, times: list[Span], at: int) -> Span | None:
    """The date a clause after the figure at ``at`` gives as the start of what a perfect counts ("… has trained
    1,000 peacekeepers since it opened in June 2009"): the figure runs from it, the opening is dated by it."""
    for s in times:
        if (
            s.kind == "point"
            and s.start > at
            and _PERFECT.search(sentence, 0, at)
            and _STARTS_AFTER.search(sentence[max(at, s.start - 60) : s.start])
        ):
            return s
    return None


def _no_later(last: str, as_of: str) -> str:
    """The end of a range of years, or the as-of time when that year holds it: a document vouches for no later
    time."""
    return as_of if len(last) == 4 and len(as_of) > 4 and last == as_of[:4] else last


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


def _same_year(sentence: str, last_year: int | None) -> list[Span]:
    """ "In October the same year": the year of the sentence before."""
    out = []
    if last_year is not None:
        for m in _SAME_YEAR.finditer(sentence):
            month = m.group("month")
            first = f"{last_year}-{MONTH_NUMBER[month[:3].lower()]:02d}" if month else str(last_year)
            out.append(Span(m.start(), m.end(), m.group().strip(), "point", first))
    return out


def _opening(sentence: str, out: list[Span]) -> list[Span]:
    """ "Since its first dispatch … in 1990, the PLA has …": 1990 dates the dispatch; what follows runs since. So
    in "Since April 1990, when it sent five military observers …, the PLA has sent …"."""
    when = _SINCE_WHEN.match(sentence)
    since = [s for s in out if s.kind == "since" and s.start == 0]
    if when and since and since[0].end <= when.start("when"):
        s = since[0]
        opened = Span(s.start, s.end, s.text, "point", s.first, opens_at=when.end())
        return [opened if x is s else x for x in out]
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
    publication month, else when it was read, else the latest year it names. A date its opening states its
    figures are of ("Figures are as of 31 August 2015 unless otherwise indicated") comes first: the document
    says it itself; and a document dated by a day of its own after the year its title names (a year-in-review
    release datelined "BEIJING, Jan. 14") speaks from that day's month: its "last year" is the year reviewed."""
    stated = _STATED.search(text, 0, _OPENING_CHARS)
    if stated:
        month = MONTH_NUMBER[(stated.group("m1") or stated.group("m2"))[:3].lower()]
        day = int(stated.group("d1") or stated.group("d2"))
        words = " ".join(stated.group().split())
        with contextlib.suppress(ValueError):  # "as of 31 June 2015" is no day
            day_of = dt.date(int(stated.group("year")), month, day).isoformat()
            return day_of, f"the date it says its figures are of: '{words}'"
    m = _TITLE_YEAR.search(title)
    dated = own_day(text, published)
    if m and dated and dated[:4] > m.group(1):  # "… reviews … cooperation in 2020", datelined "BEIJING, Jan. 14"
        return dated[:7], f"the day it is dated, {dated} (it reviews {m.group(1)}, the year its title names)"
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
