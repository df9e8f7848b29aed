"""The numbers of a sentence as a writer means them: amounts as intervals, ordinals, and dates.

"1,949", "11 063", "3.4", "2.3 million", "$7 billion", "eight", "twenty-two",
"a dozen", "a score of", "two-thirds", "3 percent", "12th", "15–20", "between
15 and 20", with the words in front ("more than", "about", "fewer than") read
as an interval of values the writer allows. A year or month that says *when*
is a date, read in ``written_dates`` ("1949 military peacekeepers" is an
amount: a noun follows). Numbers that are parts of names or references ("Peace-2007",
"MH370", "No. 5", "Section 3", "September 11", "ASEAN Plus Three") are not
mentions at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from factcli.reading import arithmetic, spoken
from factcli.reading.mention import REFERENCE_BEFORE, Mention
from factcli.reading.nouns import DURATIONS, noun_after
from factcli.reading.numbers import (
    GROUPS,
    NUM,
    ORDINAL_WORDS,
    SCALES,
    UNITS,
    WORDNUM,
    interval,
    qualifier_before,
    read_number,
)
from factcli.reading.written_dates import (
    AFTER_MONTH,
    BARE_MONTH,
    DATE,
    MONTH_NUMBER,
    SHORT_YEAR,
    YEARLESS,
    read_date,
    read_short_year,
    read_yearless,
)
from factcli.text import dates

_AMOUNT = re.compile(
    rf"(?P<cur>US\$|A\$|AU\$|NZ\$|C\$|CA\$|HK\$|S\$|\$|£|€|RMB ?|¥)?"
    rf"(?:(?P<num>{NUM})|(?P<word>(?:{WORDNUM})(?:[- ](?:{'|'.join(UNITS)}))?)(?![a-z]))"
    rf"(?:(?<=hundred)\s+and\s+(?P<rest>(?:{'|'.join(UNITS)})(?:-(?:{'|'.join(UNITS)}))?)\b)?"  # "a hundred and nine"
    rf"(?:\s*(?:[–—-]|to)\s*(?P<num2>{NUM}))?"
    rf"(?P<th>st|nd|rd|th)?"
    rf"(?:\s+(?P<scale>hundred|thousand|million|billion|dozen)\b)?"
    rf"(?:\s*(?P<pct>%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
#: An amount alone, without the range "15–20" may make of it: "from more than 70 to 98" is two figures.
_AMOUNT_ALONE = re.compile(_AMOUNT.pattern.replace(r"(?:\s*(?:[–—-]|to)\s*(?P<num2>", r"(?:(?!)(?P<num2>"), re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:[a-z]+\s+){0,3}$", re.I)
_BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{NUM}|{WORDNUM})\s+and\s+(?P<b>{NUM}|{WORDNUM})\b", re.IGNORECASE)
_ORDINAL_WORD = re.compile(
    rf"\b(?P<w>{'|'.join(ORDINAL_WORDS)})\b(?![- ]century)(?<!-first)(?<!-second)(?<!-third)", re.IGNORECASE
)  # not "the twenty-first century"
_FRACTION = re.compile(
    r"\b(?P<w>(?:one|two|three|four)-(?:thirds?|quarters?|fifths?|halves)|a third|a quarter|half)\b", re.IGNORECASE
)
#: "one of the few", "one of its largest": a kind, not a count.
_ONE_OF_MANY = re.compile(
    r"\s+of\s+(?:the|its|their|china['’]s)\s+(?:few|many|most|main|\w+est|[0-9][0-9,]*|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|dozen)\b",  # "one of the two batches": the count is the second number
    re.I,
)
#: Words before a bare number that make it one the writer rejects ("15 policemen …, not 16"): no claim.
_REJECTED = re.compile(r"\b(?:not|rather than|instead of)\s+$", re.I)
#: A word after a number that makes the number part of a name: "1540 Committee", "Shanghai Five" is caught before.
_NAME_AFTER = re.compile(r"^\s+(?:Committee|Commission|Group|Summit|Forum|Declaration|Agreement|Treaty)\b")
_RANK = re.compile(r"[-\s](?:largest|biggest|highest|greatest|most|leading|top)\b", re.I)
#: A numbered citation in brackets: "[1]", "[2, 3]", "[4–6]".
_CITATION = re.compile(r"\[\s*[0-9]{1,3}(?:\s*[,–-]\s*[0-9]{1,3})*\s*\]")
#: An emoji as chat programs write it (":100:", ":+1:"): no number of the writer's.
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]*[0-9][a-z0-9_+-]*:(?![\w:])")
#: "(World, 12 May)": which edition a report ran in, no claim.
_EDITION = re.compile(r"\([A-Z][\w ]{0,20},\s*$")


def find(sentence: str, offset: int = 0, today: dt.date | None = None) -> list[Mention]:
    """Every mention in ``sentence`` in order; offsets are ``offset`` + position in the sentence. Dates are read
    first, then ranges, fractions, amounts and ordinal words, each where no earlier reading stands. A day without
    a year ("on January 13") is read only when the text's own date ``today`` gives it one."""
    found = _Found(sentence, offset)
    found.taken.extend(m.span() for m in _SHORTCODE.finditer(sentence))  # ":100:" is an emoji, no number
    found.taken.extend(m.span() for m in _CITATION.finditer(sentence))  # "[1][2]", "[3, 4]": citations
    _find_dates(found, today)
    for m in _BETWEEN.finditer(sentence):
        found.add(_between(sentence, m, offset), m.start(), m.end())
    for m in _FRACTION.finditer(sentence):
        found.add(Mention(offset + m.start(), offset + m.end(), m.group(), "fraction", derived=True), *m.span())
    _find_amounts(found)
    _find_ordinal_words(found)
    ordered = sorted((x for x in found.out if x.kind != "name"), key=lambda x: x.start)
    return _converted(sentence, offset, _paired_ordinals(sentence, offset, ordered))


def _find_dates(found: _Found, today: dt.date | None) -> None:
    """Dates as written, with a year, with two digits of one, without one (``today``'s), said aloud, or a bare
    month after a dated one; and numbers said aloud, which may be years."""
    sentence, offset = found.sentence, found.offset
    for m in DATE.finditer(sentence):
        found.add(read_date(sentence, m, offset), m.start(), m.end())
    for m in SHORT_YEAR.finditer(sentence):
        found.add(read_short_year(m, offset), m.start(), m.end())
    for m in YEARLESS.finditer(sentence) if today else ():
        if not _EDITION.search(sentence, 0, m.start()) or not sentence.startswith(")", m.end()):
            found.add(read_yearless(m, offset, today), m.start(), m.end())  # type: ignore[arg-type]
    for run in spoken.RUN.finditer(sentence):  # "eleven thousand and sixty-three", "December two thousand and eight"
        for a, b in spoken.pieces(run.group()):
            mention = spoken.mention(sentence, run.start() + a, run.start() + b, offset)
            if mention is not None:
                found.add(mention, mention.start - offset, mention.end - offset)
    for m in BARE_MONTH.finditer(sentence):  # "… in January 2007 and the China-ASEAN Summit that November"
        found.add(found.bare_month(m), m.start("month"), m.end())


def _find_amounts(found: _Found) -> None:
    """Amounts where no date stands, and both ends of "from 70 to 98"."""
    sentence, offset = found.sentence, found.offset
    for m in _AMOUNT.finditer(sentence):
        if not (m.group("num") or m.group("word")) or not found.free(m.start(), m.end()) or _inside_word(sentence, m):
            continue
        mention = _amount(sentence, m, offset)
        if mention is None:
            continue
        found.add(mention, mention.start - offset, mention.end - offset)
        if m.group("num2") and mention.end - offset < m.end():  # "from 70 to 98"
            second = _amount(sentence, _AMOUNT_ALONE.match(sentence, m.start("num2")), offset)  # type: ignore[arg-type]
            if second is not None:
                found.add(second, second.start - offset, second.end - offset)


def _find_ordinal_words(found: _Found) -> None:
    """Ordinals in words ("the Third Symposium"), but a point of the writer's ("Second, …") or a rank."""
    sentence, offset = found.sentence, found.offset
    for m in _ORDINAL_WORD.finditer(sentence):
        if not sentence[: m.start()].strip(" *_-") and sentence[m.end() : m.end() + 1] == ",":
            continue  # "Second, the armed forces.": a point of the writer's, not an ordinal of anything
        if _RANK.match(sentence, m.end()):
            continue  # "the second-largest funder": a rank among others, no ordinal of a series
        value = ORDINAL_WORDS[m.group("w").lower()]
        noun = noun_after(sentence, m.end())
        ordinal = Mention(offset + m.start(), offset + m.end(), m.group(), "ordinal", value, value, noun=noun)
        found.add(ordinal, *m.span())


class _Found:
    """The mentions of a sentence read so far, and the spans they take."""

    def __init__(self, sentence: str, offset: int) -> None:
        self.sentence, self.offset = sentence, offset
        self.taken: list[tuple[int, int]] = []
        self.out: list[Mention] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def add(self, mention: Mention | None, start: int, end: int) -> None:
        if mention is not None and self.free(start, end):
            self.taken.append((start, end))
            self.out.append(mention)

    def bare_month(self, m: re.Match[str]) -> Mention | None:
        """A month without a year takes the year of the date before it in the sentence."""
        years = [x.span[0].year for x in self.out if x.kind == "date" and x.span and x.end - self.offset <= m.start()]
        if not years:
            return None
        month = MONTH_NUMBER[m.group("month")[:3].lower()]
        first = dt.date(years[-1], month, 1)
        last = dates.parse_span(f"{years[-1]}-{month:02d}")[1]
        start = self.offset + m.start("month")
        return Mention(start, self.offset + m.end(), m.group("month"), "date", span=(first, last))


def _between(sentence: str, m: re.Match[str], offset: int) -> Mention | None:
    """ "between 15 and 20": a range."""
    a, b = read_number(m.group("a")), read_number(m.group("b"))
    if a is None or b is None:
        return None
    noun = noun_after(sentence, m.end())
    return Mention(offset + m.start(), offset + m.end(), m.group(), "amount", a, b, "range", noun)


def _converted(sentence: str, offset: int, out: list[Mention]) -> list[Mention]:
    """Money in brackets after money in another currency is the writer's conversion: "20 million Australian
    dollars (about US$14 million)"."""
    for i, mention in enumerate(out[1:], 1):
        before = out[i - 1]
        between = sentence[before.end - offset : mention.start - offset]
        if mention.currency and before.currency and mention.currency != before.currency and "(" in between:
            out[i] = dataclasses.replace(mention, derived=True)
    return out


def _paired_ordinals(sentence: str, offset: int, out: list[Mention]) -> list[Mention]:
    """ "the seventh and eighth rounds": both count rounds."""
    for i, mention in enumerate(out[:-1]):
        later = out[i + 1]
        between = sentence[mention.end - offset : later.start - offset]
        if (
            mention.kind == later.kind == "ordinal"
            and not mention.noun
            and re.fullmatch(r"\s+(?:and|or|to|&)\s+", between)
        ):
            out[i] = dataclasses.replace(mention, noun=later.noun)
    return out


def _inside_word(sentence: str, m: re.Match[str]) -> bool:
    """'MH370', 'Peace-2007', 'G20', 'No.5': digits glued to a word are part of a name."""
    before = sentence[m.start() - 1 : m.start()]
    after = sentence[m.end() : m.end() + 1]
    if before == "+" or "/" in (before, after) or (after == "+" and sentence[m.end() + 1 : m.end() + 2].isalnum()):
        return True  # "10+3", "ASEAN+3": a name; "No. 4/2009", "RSF/09-04", "24/7": a serial number or a fraction
    if _THOUSANDS.match(sentence, m.end()) and m.group("num"):
        return False  # "11k+ personnel": a thousand-fold figure as a slide writes it
    if (before == ":" and sentence[m.start() - 2 : m.start() - 1].isdigit()) or (
        after == ":" and sentence[m.end() + 1 : m.end() + 2].isdigit()
    ):
        return True  # "11:42 GMT": a time of day
    if before.isalpha() or (before == "-" and sentence[m.start() - 2 : m.start() - 1].isalpha()):
        return not m.group("cur")
    return after.isalpha() and not m.group("th") and not m.group("word")


def _amount(sentence: str, m: re.Match[str], offset: int) -> Mention | None:
    """An amount as the writer means it: its value or range, qualifier, what it counts, currency, and whether
    it is the writer's own arithmetic; None where the number is no amount (a reference, a day, a name)."""
    start, end = m.start(), m.end()
    if _no_amount(sentence, m):
        return None
    value = _value(m)
    if value is None:
        return None
    if m.group("th"):
        return Mention(offset + start, offset + end, m.group(), "ordinal", value, value, noun=noun_after(sentence, end))
    high = value
    joined_by_to = m.group("num2") and " to " in f" {sentence[start : m.start('num2')]} "
    if joined_by_to and _FROM_BEFORE.search(sentence[max(0, start - 40) : start]):
        return _amount(sentence, _AMOUNT_ALONE.match(sentence, start), offset)  # type: ignore[arg-type]
    if m.group("num2"):
        second = read_number(m.group("num2"))
        if second is None:
            return None
        high = second * (SCALES[m.group("scale").lower()] if m.group("scale") else 1)
    qualifier, qstart = qualifier_before(sentence, start)
    if m.group("num") and not m.group("num2"):
        value, end, qualifier, qstart = _as_on_a_slide(sentence, start, end, value, qualifier, qstart)
        high = value
    noun = noun_after(sentence, end)
    word = m.group("word")
    if word and word.lower() in ("a score of", "a dozen", "dozen") and qualifier == "exact":
        qualifier = "approx"  # "a score of countries" is about twenty, as the store reads it
    low, top = (value, high) if m.group("num2") else interval(value, qualifier, m.group("num") or word)
    percent = bool(m.group("pct"))
    kind = "percent" if percent else "duration" if noun and noun[-1] in DURATIONS and not m.group("cur") else "amount"
    return Mention(offset + qstart, offset + end, sentence[qstart:end], kind, low, top,
                   qualifier if not m.group("num2") else "range", noun, _currency(m, noun),
                   derived=arithmetic.derived(sentence, start, end, percent), value=value)  # fmt: skip


#: After a number, what makes it a day, a time or a page: "26 February", "9 a.m.", "11:42 GMT", "312 pp.".
_DAY_OR_TIME_AFTER = re.compile(
    r"^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|hrs|h)\b|pp\.)",
    re.I,
)


_THOUSANDS = re.compile(r"[kK](?![A-Za-z])")


def _as_on_a_slide(
    sentence: str, start: int, end: int, value: float, qualifier: str, qstart: int
) -> tuple[float, int, str, int]:
    """A figure in the short hand of slides and posts: "650+" (that many or more), "~4,000" (about), "11k"
    (thousands): its value, where it ends, its qualifier and where that begins."""
    if _THOUSANDS.match(sentence, end):
        value, end = value * 1000, end + 1
    if sentence.startswith("+", end) and not sentence[end + 1 : end + 2].isalnum():
        return value, end + 1, "at_least", qstart
    if start > 0 and sentence[start - 1] in "~≈" and qualifier == "exact":
        return value, end, "approx", start - 1
    return value, end, qualifier, qstart


def _no_amount(sentence: str, m: re.Match[str]) -> bool:
    """A reference ("Section 3"), part of a name ("1540 Committee", "Shanghai Five"), a day of a month
    ("September 11"), a figure the writer rejects ("not 16"), or "one" as a pronoun ("one of", "one of the
    few", "one of the two batches")."""
    start, end, word = m.start(), m.end(), m.group("word")
    if REFERENCE_BEFORE.search(sentence[max(0, start - 24) : start]) or _NAME_AFTER.match(sentence[end:]):
        return True
    if m.group("num") and AFTER_MONTH.search(sentence[max(0, start - 12) : start]):
        return True
    if m.group("num") and not m.group("cur") and _DAY_OR_TIME_AFTER.match(sentence[end:]):
        return True
    if word and word[0].isupper() and start > 0 and not sentence[:start].rstrip().endswith((".", ":", "(")):
        return True
    if m.group().strip()[:1].isdigit() and _REJECTED.search(sentence[max(0, start - 16) : start]):
        return True  # "in January 2000, not 16"
    if word and word.lower() == "one":
        if re.search(r"\bas\s+$", sentence[max(0, start - 4) : start], re.I):
            return True  # "as one speaker put it": someone, not a count
        noun = noun_after(sentence, end)
        return not (noun and noun[0] not in {"s", "another"}) or bool(_ONE_OF_MANY.match(sentence, end))
    return False


def _value(m: re.Match[str]) -> float | None:
    """The number's value, scale included ("2.3 million", "twenty-two", "a dozen")."""
    word = m.group("word")
    if word and word.lower() in GROUPS:
        value: float | None = GROUPS[word.lower()]
    elif word:
        value = read_number(word.split("-")[0].split(" ")[0])
        parts = re.split(r"[- ]", word.lower())
        if value is not None and len(parts) == 2 and parts[1] in UNITS and parts[0] in UNITS:
            value = UNITS[parts[0]] + UNITS[parts[1]]
    else:
        value = read_number(m.group("num"))
    if value is not None and m.group("scale"):
        value *= SCALES[m.group("scale").lower()]
    if value is not None and m.group("rest"):  # "a hundred and fifty", "a hundred and twenty-three"
        parts = m.group("rest").lower().split("-")
        value += sum(UNITS[part] for part in parts)
    return value


#: Currencies a writer names by a word after the figure ("20 million ringgit").
_MONEY_WORDS = frozenset("dollars yuan renminbi euros pounds ringgit yen rupees rupiah baht won roubles rubles".split())


def _currency(m: re.Match[str], noun: tuple[str, ...]) -> str | None:
    """The currency a sign or the noun after names: "US$", "20 million Australian dollars"."""
    if m.group("cur"):
        return m.group("cur").strip()
    if noun and noun[-1] in _MONEY_WORDS:
        return "A$" if "australian" in noun else "US$" if noun[0] in ("us", "american") else noun[-1]
    return None
