"""Numbers as writers write them: numerals, number words, groups ("a score of"), scales, and the
qualifier words in front that turn a figure into the interval of values the writer allows."""

from __future__ import annotations

import math
import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
GROUPS = {"a dozen": 12, "dozen": 12, "a score of": 20, "a hundred": 100, "a thousand": 1000, "another one": 1}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Qualifier words in front of a number, longest first, and what they do to the interval.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("no more than", "at_most"),
    ("upwards of", "more_than"), ("upward of", "more_than"), ("in excess of", "more_than"),
    ("as many as", "at_most"), ("close to", "below"), ("just short of", "below"), ("more or less", "approx"),
    ("more than", "more_than"), ("fewer than", "less_than"), ("less than", "less_than"),
    ("at least", "at_least"), ("at most", "at_most"), ("up to", "at_most"), ("just over", "more_than"),
    ("just under", "less_than"), ("well over", "more_than"), ("approximately", "approx"), ("roughly", "approx"),
    ("around", "approx"), ("nearly", "below"), ("almost", "below"), ("about", "approx"), ("some", "approx"),
    ("over", "more_than"), ("above", "more_than"), ("under", "less_than"), ("below", "less_than"),
    ("exactly", "exact"), ("precisely", "exact"), ("only", "exact"), ("a mere", "exact"),
)  # fmt: skip

NUM = r"[0-9]{1,3}(?:[,\u00a0\u202f\u2009][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
WORDNUM = "|".join(sorted(map(re.escape, [*UNITS, *GROUPS]), key=len, reverse=True))


def read_number(text: str) -> float | None:
    low = text.lower().strip()
    if low in GROUPS:
        return float(GROUPS[low])
    if low in UNITS:
        return float(UNITS[low])
    try:
        return float(re.sub("[,\u00a0\u202f\u2009]", "", low))
    except ValueError:
        return None


_QUALIFIER_OF = dict(QUALIFIERS)
#: The qualifier words at the end of a text, a line break or any space between them ("more⏎than 40").
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|\W)(" + "|".join(r"\s+".join(map(re.escape, words.split())) for words, _ in QUALIFIERS) + r")\s+$"
)


def qualifier_before(sentence: str, start: int) -> tuple[str, int]:
    """The qualifier words just before ``start`` and where they begin."""
    before = sentence[max(0, start - 24) : start].lower()
    m = _QUALIFIER_BEFORE.search(before)
    if m is None:
        return "exact", start
    return _QUALIFIER_OF[" ".join(m.group(1).split())], start - (len(before) - m.start(1))


def interval(value: float, qualifier: str, written: str) -> tuple[float, float]:
    """The values a writer allows by "about 2,000", "more than 100", "1,949"."""
    if qualifier in ("exact",):
        return value, value
    slack = max(0.05 * value, rounding(written, value) / 2)
    return {
        "approx": (value - slack, value + slack),
        "below": (value - slack, value),
        "more_than": (math.nextafter(value, math.inf), math.inf),
        "at_least": (value, math.inf),
        "less_than": (-math.inf, math.nextafter(value, -math.inf)),
        "at_most": (-math.inf, value),
    }.get(qualifier, (value, value))


def rounding(written: str, value: float) -> float:
    """The step a round number is written to: 2,000 → 1,000; 1,950 → 10; 'a dozen' → 1."""
    digits = re.sub(r"\D", "", written)
    if not digits or "." in written:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10 ** min(zeros, max(0, len(digits) - 1)))
