"""Numbers said aloud, as a transcript writes them: "eleven thousand and sixty-three", "one thousand four hundred
and ninety-nine", "nine hundred and nine", and the years a speaker says ("nineteen ninety", "twenty sixteen",
"two thousand and eight"). A single number word ("eight", "twenty-two") is numbers.py's to read; this reads the
runs of several."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from factcli.reading import arithmetic
from factcli.reading.mention import Mention
from factcli.reading.nouns import DURATIONS, noun_after
from factcli.reading.numbers import UNITS, interval, qualifier_before
from factcli.reading.written_dates import MONTH_NUMBER
from factcli.text import dates

_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_PART = rf"(?:{_WORD})(?:-(?:{_WORD}))?|hundred|thousand|million|billion"
#: Two number words or more, joined by spaces, hyphens or "and" ("two thousand and eight").
RUN = re.compile(rf"(?<![\w-])(?:{_PART})(?:(?:\s+and\s+|\s+|-)(?:{_PART}))+(?![\w-])", re.IGNORECASE)
#: One number word and a scale ("twenty million", "a hundred"): numbers.py reads these, currency and all.
SIMPLE = re.compile(rf"(?:{_WORD})(?:-(?:{_WORD}))?\s+(?:hundred|thousand|million|billion)", re.IGNORECASE)
_TEENS = {w for w, v in UNITS.items() if 10 <= v <= 19 or w == "twenty"}
_TENS = {w for w, v in UNITS.items() if v >= 20 and v % 10 == 0}


class Said(NamedTuple):
    """A run of number words: its value, and whether it is said the way a year is ("nineteen ninety")."""

    value: int
    year: bool


def said(text: str) -> Said | None:
    """The value of a run of number words, or None when the run is no one number ("one two three")."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    year = _as_a_year(words)
    if year is not None:
        return Said(year, True)
    total = current = 0
    last_scale = 10**12
    for word in words:
        if word in _SCALE:
            scale = _SCALE[word]
            if current == 0 or (scale >= 1000 and scale >= last_scale):
                return None
            if scale == 100:
                current *= 100
            else:
                total, current, last_scale = total + current * scale, 0, scale
        else:
            value = UNITS[word]
            if current % 100 and (value >= 10 or current % 10):  # "two three", "twenty thirty": a list
                return None
            current += value
    value = total + current
    return Said(value, 1900 <= value <= 2099 and "thousand" in words)


def _as_a_year(words: list[str]) -> int | None:
    """ "nineteen ninety", "twenty sixteen", "nineteen ninety-seven": a century's two digits, then its year's."""
    if len(words) not in (2, 3) or words[0] not in {"nineteen", "twenty"}:
        return None
    century = UNITS[words[0]] * 100
    rest = words[1:]
    if len(rest) == 1 and (rest[0] in _TEENS or rest[0] in _TENS) and rest[0] != "twenty":
        return century + UNITS[rest[0]]
    if len(rest) == 2 and rest[0] in _TENS and rest[0] != "twenty" and UNITS.get(rest[1], 10) < 10:
        return century + UNITS[rest[0]] + UNITS[rest[1]]
    return None


def pieces(text: str) -> list[tuple[int, int]]:
    """Where the numbers of a run of number words stand: the whole run when it is one number, else its parts
    between "and"s that each are ("two thousand seven and two thousand eight"); none when no split reads."""
    if said(text) is not None:
        return [(0, len(text))]
    for m in _AND.finditer(text):
        left, right = text[: m.start()], text[m.end() :]
        if said(left) is not None:
            rest = pieces(right)
            if rest:
                return [(0, m.start()), *((m.end() + a, m.end() + b) for a, b in rest)]
    return []


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


_MONTH_BEFORE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+$"
)
_YEAR_WORDS_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|of|to|and|year)\s+$", re.I)


def mention(sentence: str, start: int, end: int, offset: int) -> Mention | None:
    """A number said aloud: a year when it is said as one and a month or "in", "since" … comes before it
    ("December two thousand and eight", "since nineteen ninety"), else an amount."""
    reading = said(sentence[start:end])
    if reading is None:
        return None
    before = sentence[max(0, start - 16) : start]
    month = _MONTH_BEFORE.search(before)
    a_year = reading.year and bool(month or _YEAR_WORDS_BEFORE.search(before))
    if not a_year and SIMPLE.fullmatch(sentence[start:end]):
        return None  # "twenty million yuan": a number word and its scale, read with its currency as any amount
    if a_year:
        number = MONTH_NUMBER[month.group("month")[:3].lower()] if month else None
        first = dt.date(reading.value, number or 1, 1)
        last = dates.parse_span(f"{reading.value}-{number:02d}")[1] if number else dt.date(reading.value, 12, 31)
        since_word = re.search(r"\bsince\s+$", before, re.I)
        lead = month or since_word
        begin = start - (len(before) - lead.start()) if lead is not None else start
        since = bool(since_word)
        return Mention(offset + begin, offset + end, sentence[begin:end], "date", span=(first, last), since=since)
    qualifier, qstart = qualifier_before(sentence, start)
    noun = noun_after(sentence, end)
    low, high = interval(float(reading.value), qualifier, str(reading.value))
    kind = "duration" if noun and noun[-1] in DURATIONS else "amount"
    return Mention(offset + qstart, offset + end, sentence[qstart:end], kind, low, high, qualifier, noun,
                   derived=arithmetic.derived(sentence, start, end, False), value=float(reading.value))  # fmt: skip
