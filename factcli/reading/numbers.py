"""Numbers as people write them: numerals, number words, groups ("a score of"), scales, ordinals, and the
qualifier words in front of a figure.

One table serves two readers. ``read_numbers``, ``parse_number`` and ``implied_qualifier`` read a fact's own
words (its value_text: "1,949" → 1949, "20 million" → 20000000, "a score of" → 20, "over 900" → more_than),
which ``validate`` holds the value and qualifier to. ``qualifier_before`` and ``interval`` read a writer's
("nearly 2,000" is every value from 1,900 to 2,000), which check-draft weighs against the facts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from factcli.reading.words import stem

#: Number words a writer counts with.
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
GROUPS = {"a dozen": 12, "dozen": 12, "a score of": 20, "a hundred": 100, "a thousand": 1000, "another one": 1}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Words a document states a count with besides those ("twice", "both": value_text "both sides" is 2).
_STATED = {**UNITS, "hundred": 100, **GROUPS, "single": 1, "once": 1, "twice": 2, "both": 2}


class Qualifier(NamedTuple):
    """What qualifier words mean in a fact's value_text (one of the store's qualifiers) and in a writer's
    sentence (the interval the writer allows: ``below`` is what the store cannot say, "just under")."""

    store: str
    writer: str


#: Qualifier words in front of a number, longest first. "nearly" and "almost" are ``approx`` in a fact (the
#: store's qualifiers have no "just under") but ``below`` in a draft: "nearly 2,000" given 2,050 is wrong.
QUALIFIERS: dict[str, Qualifier] = {
    words: Qualifier(store, writer)
    for words, store, writer in (
        ("no fewer than", "at_least", "at_least"), ("no less than", "at_least", "at_least"),
        ("no more than", "at_most", "at_most"), ("upwards of", "more_than", "more_than"),
        ("upward of", "more_than", "more_than"), ("in excess of", "more_than", "more_than"),
        ("as many as", "at_most", "at_most"), ("close to", "approx", "below"), ("just short of", "approx", "below"),
        ("more or less", "approx", "approx"), ("more than", "more_than", "more_than"),
        ("fewer than", "less_than", "less_than"), ("less than", "less_than", "less_than"),
        ("at least", "at_least", "at_least"), ("at most", "at_most", "at_most"), ("up to", "at_most", "at_most"),
        ("within", "at_most", "at_most"),
        ("just over", "more_than", "more_than"), ("just under", "less_than", "less_than"),
        ("well over", "more_than", "more_than"), ("a score of", "approx", "approx"),
        ("approximately", "approx", "approx"), ("roughly", "approx", "approx"), ("around", "approx", "approx"),
        ("nearly", "approx", "below"), ("almost", "approx", "below"), ("about", "approx", "approx"),
        ("some", "approx", "approx"), ("over", "more_than", "more_than"), ("above", "more_than", "more_than"),
        ("under", "less_than", "less_than"), ("below", "less_than", "less_than"), ("exactly", "exact", "exact"),
        ("precisely", "exact", "exact"), ("only", "exact", "exact"), ("a mere", "exact", "exact"),
    )
}  # fmt: skip

#: Thousands separators writers use: a comma, or (ISO and French style) a no-break, narrow or thin space.
GROUP_SEPARATORS = ",\u00a0\u202f\u2009"
NUM = rf"[0-9]{{1,3}}(?:[{GROUP_SEPARATORS}][0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
WORDNUM = "|".join(sorted(map(re.escape, [*UNITS, *GROUPS]), key=len, reverse=True))
_SEPARATOR = re.compile(f"[{GROUP_SEPARATORS}]")
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in [*_STATED, *ORDINAL_WORDS]), key=len, reverse=True))
_COMPOUND = "|".join(w for w in _STATED if " " not in w and w not in {"single", "once", "twice", "both", "dozen"})
_TOKEN = re.compile(
    rf"(?<![\w-])(?:(?P<num>{NUM})(?P<suffix>st|nd|rd|th)?"
    rf"|(?P<word>{_WORD_NUMBER})(?:[\s-]+(?P<word2>{_COMPOUND}))?)"  # "twenty-five", never "1990 eight"
    rf"(?:\s+(?P<mult>{'|'.join(_MULTIPLIERS)}))?(?![\w])",
    re.IGNORECASE,
)


def read_number(text: str) -> float | None:
    """The value of one numeral or number word ("1,949", "eight", "a dozen"), or None."""
    low = text.lower().strip()
    if low in GROUPS:
        return float(GROUPS[low])
    if low in UNITS:
        return float(UNITS[low])
    try:
        return float(_SEPARATOR.sub("", low))
    except ValueError:
        return None


@dataclass(frozen=True)
class Reading:
    value: float
    text: str
    ordinal: bool = False
    start: int = 0


def read_numbers(text: str) -> list[Reading]:
    """Every number a reader sees in ``text``, in order."""
    out = []
    for m in _TOKEN.finditer(text):
        ordinal = bool(m.group("suffix"))
        if m.group("num"):
            value = float(_SEPARATOR.sub("", m.group("num")))
        else:
            word = m.group("word").lower()
            ordinal = word in ORDINAL_WORDS
            value = float(ORDINAL_WORDS.get(word, _STATED.get(word, 0)))
        if m.group("word2"):  # "twenty-five", "two hundred"
            second = _STATED[m.group("word2").lower()]
            value = value * second if second == 100 else value + second
        if m.group("mult"):
            value *= _MULTIPLIERS[m.group("mult").lower()]
        out.append(Reading(value, m.group(0), ordinal, m.start()))
    return out


def parse_number(text: str) -> int | float | None:
    """The one number ``text`` consists of ("1,949", "two hundred", "3.5"), or None."""
    readings = read_numbers(text.strip())
    if len(readings) != 1 or readings[0].text != text.strip() or readings[0].ordinal:
        return None
    value = readings[0].value
    return int(value) if value.is_integer() else value


def implied_qualifier(text: str) -> str | None:
    """The store's qualifier the words in a fact's value_text imply, or None when they imply none."""
    low = f" {' '.join(text.lower().split())} "
    for words, qualifier in QUALIFIERS.items():
        if f" {words} " in low:
            return qualifier.store
    return None


def same_value(a: float, b: float) -> bool:
    """Equal as a reader means it: 1949 and 1949.0, floats within rounding."""
    return abs(a - b) < 1e-9 * max(1.0, abs(b))


def agrees(value: float, text: str) -> bool:
    """True when some number in ``text`` is ``value``."""
    return any(same_value(r.value, value) for r in read_numbers(text))


#: The qualifier words at the end of a text, a line break or any space between them ("more⏎than 40").
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|\W)(" + "|".join(r"\s+".join(map(re.escape, words.split())) for words in QUALIFIERS) + r")\s+$"
)


_SPREAD = re.compile(r"\b(?:spread|spreads|scattered|distributed|stretched|stretching|spanning|ranging|fanned)\s+$")


def qualifier_before(sentence: str, start: int) -> tuple[str, int]:
    """The writer's qualifier (an interval kind) in the words just before ``start``, and where they begin."""
    lead = sentence[:start].rstrip()
    gap = start - len(lead)  # a wide gap: a cell's or a column's blanked neighbours ("more than⏎   …   650")
    before = (sentence[max(0, start - 24) : start] if gap <= 2 else lead[-24:] + " ").lower()
    m = _QUALIFIER_BEFORE.search(before)
    if m is not None and gap > 2:
        return QUALIFIERS[" ".join(m.group(1).split())].writer, len(lead) - (len(before) - 1 - m.start(1))
    if m is None or (m.group(1) == "over" and _SPREAD.search(before, 0, m.start(1))):
        return "exact", start  # "spread over six regions": where, not how many
    return QUALIFIERS[" ".join(m.group(1).split())].writer, start - (len(before) - m.start(1))


#: A round figure allows at most this share either way: "nearly 100" is no count of 60, whatever its rounding.
ROUND_SLACK = 0.2


def interval(value: float, qualifier: str, written: str) -> tuple[float, float]:
    """The values a writer allows by "about 2,000", "more than 100", "1,949"."""
    if qualifier in ("exact",):
        return value, value
    slack = max(0.05 * value, min(rounding(written, value) / 2, ROUND_SLACK * value))
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


def ordinals_in(words: Iterable[str]) -> set[int]:
    """The ordinals among some words or their stems ("third", "fourth", "14th")."""
    out = set()
    for word in words:
        numeric = re.fullmatch(r"([0-9]+)(?:st|nd|rd|th)", word)
        value = int(numeric.group(1)) if numeric else _ordinal_stems().get(word)
        if value is not None:
            out.add(value)
    return out


@functools.cache
def _ordinal_stems() -> dict[str, int]:
    return {stem(word): value for word, value in ORDINAL_WORDS.items()} | ORDINAL_WORDS
