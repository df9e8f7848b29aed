"""Partial ISO 8601 dates ("2008", "2008-11", "2008-11-30") as the spans they denote.

A fact dated "2008" holds for the whole year, so filters compare spans
(overlap), never the first day alone.
"""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only: never "２００８"

#: Month names as they are written in English prose, with their numbers.
MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}

MIN_DAY = dt.date.min
MAX_DAY = dt.date.max


def parse_span(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a partial ISO date; ValueError with a readable reason."""
    m = _PARTIAL.fullmatch(text)
    if not m:
        msg = f"'{text}' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD"
        raise ValueError(msg)
    year = int(m.group(1))
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        msg = f"'{text}' has no month {month}"
        raise ValueError(msg)
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    if m.group(3) is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    day = int(m.group(3))
    if not 1 <= day <= last:
        msg = f"'{text}' has no day {day} ({m.group(1)}-{m.group(2)} has {last} days)"
        raise ValueError(msg)
    day_date = dt.date(year, month, day)
    return day_date, day_date


def is_valid(text: str) -> bool:
    try:
        parse_span(text)
    except ValueError:
        return False
    return True


def span_of(date: str | None, start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    """The span a fact covers: its date, or its period with open ends unbounded."""
    if date is not None:
        return parse_span(date)
    first = parse_span(start)[0] if start else MIN_DAY
    last = parse_span(end)[1] if end else MAX_DAY
    return first, last
