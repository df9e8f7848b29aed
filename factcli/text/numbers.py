"""Reading numbers the way a person reads them in prose.

"1,949" → 1949, "20 million" → 20000000, "a score of" → 20, "Eighth" → 8,
"over 900" → 900 with the qualifier more_than. ``validate`` uses this to
catch a value typed wrong against the source's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a score of": 20, "a hundred": 100, "a thousand": 1000,
    "single": 1, "once": 1, "twice": 2, "both": 2,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Qualifier words, longest first so "more than" wins over "more".
QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("no more than", "at_most"),
    ("more than", "more_than"),
    ("fewer than", "less_than"),
    ("less than", "less_than"),
    ("at least", "at_least"),
    ("at most", "at_most"),
    ("up to", "at_most"),
    ("a score of", "approx"),  # a round twenty
    ("approximately", "approx"),
    ("roughly", "approx"),
    ("around", "approx"),
    ("nearly", "approx"),
    ("almost", "approx"),
    ("about", "approx"),
    ("some", "approx"),
    ("over", "more_than"),
    ("above", "more_than"),
    ("under", "less_than"),
)

#: Thousands separators writers use: a comma, or (ISO and French style) a no-break, narrow or thin space.
GROUP_SEPARATORS = ",\u00a0\u202f\u2009"
_NUMERAL = rf"[0-9]{{1,3}}(?:[{GROUP_SEPARATORS}][0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_SEPARATOR = re.compile(f"[{GROUP_SEPARATORS}]")
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in [*_UNITS, *_ORDINALS]), key=len, reverse=True))
_COMPOUND = "|".join(w for w in _UNITS if " " not in w and w not in {"single", "once", "twice", "both", "dozen"})
_TOKEN = re.compile(
    rf"(?<![\w-])(?:(?P<num>{_NUMERAL})(?P<suffix>st|nd|rd|th)?"
    rf"|(?P<word>{_WORD_NUMBER})(?:[\s-]+(?P<word2>{_COMPOUND}))?)"  # "twenty-five", never "1990 eight"
    rf"(?:\s+(?P<mult>{'|'.join(_MULTIPLIERS)}))?(?![\w])",
    re.IGNORECASE,
)


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
            ordinal = word in _ORDINALS
            value = float(_ORDINALS.get(word, _UNITS.get(word, 0)))
        if m.group("word2"):  # "twenty-five", "two hundred"
            second = _UNITS[m.group("word2").lower()]
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
    """The qualifier the words in front of the number imply, or None when they imply none."""
    low = f" {text.lower()} "
    for words, qualifier in QUALIFIER_WORDS:
        if f" {words} " in low:
            return qualifier
    return None


def same_value(a: float, b: float) -> bool:
    """Equal as a reader means it: 1949 and 1949.0, floats within rounding."""
    return abs(a - b) < 1e-9 * max(1.0, abs(b))


def agrees(value: float, text: str) -> bool:
    """True when some number in ``text`` is ``value``."""
    return any(same_value(r.value, value) for r in read_numbers(text))
