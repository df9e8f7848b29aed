"""How a writer's date stands to a fact's: inside it, outside it, overlapping; the start of a period ("since
1990"); a span's both ends ("May to October 2002"); and whether it is the time a figure holds for."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from factcli.checks.profiles import Profile
from factcli.reading.mention import Mention

_SPAN = re.compile(r"\s(?:to|until)\s|[–—/-]")


def date_relation(mention: Mention, p: Profile) -> Literal["supported", "contradicted", "unverified"]:
    assert mention.span is not None
    first, last = mention.span
    fact_first, fact_last = p.span
    if is_span(mention) and p.fact.period is not None:  # "May to October 2002": both ends, as precise as written
        years = first == dt.date(first.year, 1, 1) and last == dt.date(last.year, 12, 31)
        same = (lambda a, b: a.year == b.year) if years else _same_month
        return "supported" if same(first, fact_first) and same(last, fact_last) else "contradicted"
    if mention.since:
        start = p.fact.period.start if p.fact.period else p.fact.date
        return "supported" if start and start[:4] == str(first.year) else "contradicted"
    if first <= fact_first and fact_last <= last:
        return "supported"
    if last < fact_first or fact_last < first:
        return "contradicted"
    return "unverified"


def frames(mention: Mention, p: Profile) -> bool:
    """The date is the time the fact's figure holds for: its date, or its period's start ("since 1990", "from
    December 2008") or end ("to January 2016"), at the date's precision."""
    assert mention.span is not None
    first, last = mention.span
    fact_first, fact_last = p.span
    if mention.since:
        return date_relation(mention, p) == "supported"
    period = p.fact.period
    if period is not None and is_span(mention):  # "from May to October 2002": both ends must be the fact's
        return _same_month(first, fact_first) and _same_month(last, fact_last)
    if period is not None:
        return (period.start is not None and first <= fact_first <= last) or (
            period.end is not None and first <= fact_last <= last
        )
    return first <= fact_first and fact_last <= last


def is_span(mention: Mention) -> bool:
    """A date from one time to another ("May to October 2002", "2007–08"), not one month or year."""
    return mention.kind == "date" and not mention.since and bool(_SPAN.search(mention.text))


def _same_month(a: dt.date, b: dt.date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


def years_apart(mention: Mention, p: Profile) -> int:
    """Years between the nearest ends of the writer's date and the fact's (0: they meet or overlap)."""
    assert mention.span is not None
    first, last = mention.span
    fact_first, fact_last = p.span
    return max(0, fact_first.year - last.year, first.year - fact_last.year)
