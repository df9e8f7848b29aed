"""A number as the writer states it (a mention), and the words before a number that make it none.

Its own module because both readers, of amounts (``mentions``) and of dates
(``written_dates``), build mentions and refuse references alike.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

#: Words before a number that make it a reference, not an amount: "Section 3", "No. 5", "p. 12".
REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:section|sections|chapter|chapters|ch|chap|aim|aims|objective|hypothesis|task|milestone|part|table|figure|fig|no|nos|number|resolution|resolutions|article|"
    r"paragraph|para|item|page|pages|p|pp|version|draft|draw|vol|volume|issue|annex|appendix|step|phase|"
    r"flight|code|room|tier|level|category|grade|class|route|highway|parts|session|week|lecture|seminar|unit|"
    r"module|course|file|ref|memo|question|claim|episode|ep|day|instalment|installment|candidate|berth|seat|object|exhibit|"
    r"gate|platform|slide|entry|marks?)\.?\s*(?:[0-9]+\s*(?:,|and|or|to|of|&)\s*)?|#|(?-i:\bPlus\s)"
    r"|(?-i:\b[A-Z]{2,5}\s))$",  # "parts 2 and 3", "Section 3 of 5", "POLS 2204"
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number the writer states: where, as written, and what it allows."""

    start: int
    end: int
    text: str
    kind: str  # "amount", "duration", "ordinal", "date", "percent", "fraction"
    low: float = -math.inf
    high: float = math.inf
    qualifier: str = "exact"
    #: The words after the number: what it counts ("engineering troops").
    noun: tuple[str, ...] = ()
    currency: str | None = None
    #: For dates: the first and last day the writer's words allow.
    span: tuple[dt.date, dt.date] | None = None
    #: For dates: "since 1990" opens the end.
    since: bool = False
    #: For dates: the year names a document ("the 2002 white paper"): a time for the figures near it, no claim.
    document: bool = False
    derived: bool = False
    value: float | None = field(default=None)
