"""Dates as a writer writes them: "20 August 2007", "Oct–Nov 2001", "2007-08", "since 1990", and the years
that are no dates ("Peace-2007", "the 2002 white paper" names a document, "1949 peacekeepers" is an amount).
"""

from __future__ import annotations

import datetime as dt
import re

from factcli.reading.mention import REFERENCE_BEFORE, Mention
from factcli.reading.nouns import counts, noun_after
from factcli.reading.numbers import UNITS
from factcli.text import dates

MONTHS = "|".join([*dates.MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
MONTH_NUMBER = {name[:3]: number for name, number in dates.MONTHS.items()}
#: Dates: "20 August 2007", "August 2007", "Oct–Nov 2001", "Dec. 2008", "2008–09", "2007-08", "1990".
DATE = re.compile(
    rf"(?:(?P<day>[0-9]{{1,2}})\s+)?"
    rf"(?:(?P<month>{MONTHS})\.?(?:\s+(?P<mday>[0-9]{{1,2}}),?)?(?:\s*(?:[–—-]|to)\s*(?P<month2>{MONTHS})\.?)?\s+)?"
    r"(?P<year>(?:19|20)[0-9]{2})(?:[–—/-](?P<year2>(?:19|20)?[0-9]{2})(?![0-9]|st|nd|rd|th)"
    r"|\s*[–—-]\s*(?P<year4>(?:19|20)[0-9]{2}))?(?![0-9])",  # "2007–08", "2007 – 2008"; not "2007 — 14th"
    re.IGNORECASE,
)
AFTER_MONTH = re.compile(rf"\b(?:{MONTHS})\.?\s+$", re.IGNORECASE)
BARE_MONTH = re.compile(
    r"\b(?:that|the same|the following|in|by|last|next)\s+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s*[0-9])"
)

_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
#: A day without a year ("was issued on January 13", "on 13 January", "JAN. 11"): its year is the draft's own.
YEARLESS = re.compile(
    rf"(?<![\w-])(?:(?P<day>[0-9]{{1,2}})\s+(?P<month>{_NAMES})"
    rf"|(?P<month2>{_NAMES}|{_NAMES.upper()}|(?:{_SHORT}|{_SHORT.upper()})\.?)\s+(?P<mday>[0-9]{{1,2}})(?:st|nd|rd|th)?)"
    r"(?![\w-])(?!,?\s*(?:19|20)[0-9]{2})"
)


#: A month and a year of two digits after an apostrophe: "Mar '02", "Apr. ’02".
SHORT_YEAR = re.compile(
    rf"(?<![\w-])(?P<month>{_NAMES}|{_SHORT}|{_SHORT.upper()})\.?\s+['’](?P<yy>[0-9]{{2}})(?![\w'’])"
)


def read_short_year(m: re.Match[str], offset: int) -> Mention:
    year = int(m.group("yy"))
    year += 2000 if year < 50 else 1900
    month = MONTH_NUMBER[m.group("month")[:3].lower()]
    first = dt.date(year, month, 1)
    return Mention(
        offset + m.start(),
        offset + m.end(),
        m.group(),
        "date",
        span=(first, dates.parse_span(f"{year}-{month:02d}")[1]),
    )


def read_yearless(m: re.Match[str], offset: int, today: dt.date) -> Mention | None:
    """A day and month, in the year of the draft's own date ``today`` (the year before, when the day would fall
    after it): a spokesperson's "issued on January 13" at a briefing of January 16, 2017."""
    month = MONTH_NUMBER[(m.group("month") or m.group("month2"))[:3].lower()]
    try:
        day = dt.date(today.year, month, int(m.group("day") or m.group("mday")))
        if day > today:
            day = day.replace(year=today.year - 1)
    except ValueError:
        return None
    return Mention(offset + m.start(), offset + m.end(), m.group(), "date", span=(day, day))


#: The years before its own that a dated document (a biennial white paper) reports on.
REPORTS_BACK = 1
#: "its white papers of 2002, 2008 and 2017": years naming documents after the documents.
_DOCUMENTS_OF = re.compile(
    r"\b(?:white\s+papers?|papers?|reports?|editions?)\s+of\s+(?:(?:19|20)[0-9]{2}(?:,\s*|\s+and\s+))*$", re.I
)
_PAIRED_YEAR = re.compile(r"(?:,?\s+(?:and|or|&)\s+|\s*,\s*)(?:19|20)[0-9]{2}")
_DOCUMENT_AFTER = re.compile(
    r"(?:\s+[A-Za-z-]+){0,2}?\s+(?:white\s+papers?|papers?|reports?|documents?|editions?|yearbooks?|numbers|"
    r"figures|data|statistics)\b",
    re.I,
)
_NOT_NAME_WORDS = frozenset(
    "in since by from until till during before after over of for to at on between and through around about circa "
    "as early late mid end start the fiscal".split()
)


#: "resolutions 1846 (2008)": a document's number and its year.
_SERIAL_BEFORE = re.compile(r"(?<![0-9,.])[0-9]{4}\s*\(\s*$")
_FIGURE_BEFORE = re.compile(r"[0-9](?:\s+[A-Za-z-]+){0,2}[\"”’']?\s*\(\s*$")


def _year_in_name(sentence: str, m: re.Match[str]) -> bool:
    """'Peace-2007', 'Cooperation for Law Enforcement 2015', '(2017)' after a title, '2002 and 2008 … papers'."""
    if m.group("month") or m.group("day"):
        return False
    before = sentence[: m.start()]
    if re.search(r"[A-Za-z]-$", before):
        return True
    if re.search(r"\(\s*$", before) and re.match(r"\s*\)", sentence[m.end() :]):
        # a citation's year: "… Security Cooperation (2017)"; not the time of a figure: "over 60 (2001–02)"
        return not _FIGURE_BEFORE.search(before) or bool(_SERIAL_BEFORE.search(before))
    word = re.search(r"([A-Za-z]+)\W{0,2}\s+$", before)
    if (
        word
        and word.group(1)[0].isupper()
        and not word.group(1).isupper()
        and word.group(1).lower() not in _NOT_NAME_WORDS
    ):
        return (
            not re.search(rf"(?:^|[.!?:]\s+){word.group(1)}\W{{0,2}}\s+$", before)
            and word.group(1).lower()[:3] not in MONTH_NUMBER
        )
    return False


def read_date(sentence: str, m: re.Match[str], offset: int) -> Mention | None:
    if re.search(r"[0-9][/.]$", sentence[: m.start()]):
        return None  # "No. 4/2009", "1.2008": a serial number, not a date
    if _year_in_name(sentence, m):
        return Mention(offset + m.start(), offset + m.end(), m.group(), "name")
    if _bare_year_is_no_date(sentence, m):
        return None
    span = _date_span(m)
    if span is None:
        return None
    first, last = span
    before = sentence[max(0, m.start() - 12) : m.start()].lower()
    since_word = re.search(r"\bsince\s+$", before)
    document = _names_document(sentence, m)
    if document and not m.group("month"):  # a paper of 2008 reports on 2007 and 2008: the years it looks back on
        first = dt.date(first.year - REPORTS_BACK, 1, 1)
    start = m.start() - (len(before) - since_word.start()) if since_word else m.start()  # "since 1990" as written
    return Mention(offset + start, offset + m.end(), sentence[start : m.end()], "date", span=(first, last),
                   since=bool(since_word),
                   document=document)  # fmt: skip


#: Words that start a noun phrase of their own: after a year, they make it a date, never a count.
_DETERMINERS = frozenset("the a an its their his her this these those our".split())


def _bare_year_is_no_date(sentence: str, m: re.Match[str]) -> bool:
    """A year with no month or second year that is an amount ("1949 military peacekeepers") or a reference."""
    if m.group("month") or m.group("year2") or m.group("year4"):
        return False
    noun = noun_after(sentence, m.end())
    named = re.search(
        r"(?:\b(?:the|its|their|this|that|a|an|in|by|since|until|till|before|after|during|from)|['’]s"
        r"|(?:19|20)[0-9]{2},?\s+(?:and|or))\s+$",  # "Since 2002 the Chinese armed forces have …": a date
        sentence[max(0, m.start() - 12) : m.start()],
        re.I,
    )
    if noun and (noun[0] in _DETERMINERS or noun[0] in UNITS or noun[0][:1].isdigit()):
        return False  # "In 1990 the PLA sends …", "By 2008 eight peacekeepers …": no count is followed by these
    if noun and counts(noun[-1]) and not named:
        return True  # a noun follows, so it is an amount
    return bool(REFERENCE_BEFORE.search(sentence[max(0, m.start() - 16) : m.start()]))


def _date_span(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date as written covers, or None when it is no calendar date."""
    if (m.group("day") or m.group("mday")) and not m.group("month"):
        return None
    year = int(m.group("year"))
    second = m.group("year2") or m.group("year4")
    first_month = MONTH_NUMBER.get((m.group("month") or "")[:3].lower())
    last_month = MONTH_NUMBER.get((m.group("month2") or "")[:3].lower()) or first_month
    last_year = year
    if second:
        last_year = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
        if last_year < year:
            return None
    try:
        if not first_month:
            return dt.date(year, 1, 1), dt.date(last_year, 12, 31)
        day = int(m.group("day") or m.group("mday") or 0) or None
        first = dt.date(year, first_month, day or 1)
        last = dates.parse_span(f"{last_year}-{last_month:02d}")[1] if not day else first
    except ValueError:
        return None
    return first, last


def _names_document(sentence: str, m: re.Match[str]) -> bool:
    """The year names a document: "the 2002 white paper", "the 2002 and 2008 defence white papers"."""
    if _DOCUMENT_AFTER.match(sentence, m.end()) or _DOCUMENTS_OF.search(sentence[max(0, m.start() - 40) : m.start()]):
        return True
    paired = _PAIRED_YEAR.match(sentence, m.end())
    return bool(paired and _DOCUMENT_AFTER.match(sentence, paired.end()))
