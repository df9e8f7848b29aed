"""Check the numbers in a draft against the store.

Every number in the text (numerals, number words, "more than 650", years,
"August 2007") is matched to the store's facts by its value plus the words
its sentence shares with a fact's claim, entities and tags. A number is
*supported* when a fact about the same thing has that value (or date),
*contradicted* when a fact about the same thing says otherwise, and *not
found* otherwise. This is a reader's aid, not a proof: it points at the fact
to check, and the verdict names it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factcli.model import Fact
from factcli.text import dates, numbers
from factcli.text.fold import words

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.store.vocab import Vocabulary

Status = Literal["supported", "contradicted", "not-found"]

_STOP = frozenset(
    "a about above after again against all also am an and any are as at be been before being between both but by "
    "can could did do does during each few for from further had has have having he her here hers him his how i if "
    "in into is it its itself just me more most my no nor not now of off on once only or other our out over own "
    "same she should so some such than that the their them then there these they this those through to too under "
    "until up very was we were what when where which while who whom why will with would you your since end per "
    "year years total number nearly almost around roughly least fewer less".split()
)
_SUFFIXES = ("ings", "ing", "ers", "er", "es", "ed", "s")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(dates.MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?!\d)|\n|$)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
#: Shared content words that make a fact "about the same thing" as a sentence.
SUPPORT_OVERLAP = 2
CONTRADICT_OVERLAP = 3


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    text: str
    value: float | None
    date: str | None
    status: Status
    sentence: str
    fact: Fact | None = None


def _content(text: str) -> set[str]:
    """Stems of the words that say what a sentence is about ('peacekeepers', 'peacekeeping' → 'peacekeep')."""
    return {_stem(w) for w in words(text) if w not in _STOP and not any(ch.isdigit() for ch in w)}


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _fact_words(vocab: Vocabulary, fact: Fact) -> set[str]:
    aliases = [a for e in fact.entities if e in vocab.entities for a in vocab.entities[e].aliases]
    text = " ".join([fact.claim, *fact.entities, *aliases, *fact.tags, fact.unit or "", fact.metric or ""])
    return _content(text.replace("-", " "))


def check(index: Index, text: str) -> list[Finding]:
    """Findings for every number in ``text``, in reading order."""
    vocab = [(fact, _fact_words(index.vocab, fact)) for fact in index.all()]
    text = _FENCE.sub(lambda m: " " * len(m.group()), text)  # code blocks are not prose
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out: list[Finding] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not sentence.strip():
            continue
        content = _content(sentence)
        for start, shown, value, date in _numbers_in(sentence):
            offset = m.start() + start
            line = max(i for i, s in enumerate(line_starts) if s <= offset)
            status, fact = _judge(vocab, content, value, date)
            out.append(
                Finding(line + 1, offset - line_starts[line] + 1, shown, value, date, status, sentence.strip(), fact)
            )
    return out


def _numbers_in(sentence: str) -> list[tuple[int, str, float | None, str | None]]:
    """(offset, text as written, value or None, date or None) for each number; dates win over bare years."""
    found: list[tuple[int, str, float | None, str | None]] = []
    taken: set[int] = set()
    for m in _MONTH_YEAR.finditer(sentence):
        date = f"{m.group(2)}-{dates.MONTHS[m.group(1).lower()]:02d}"
        found.append((m.start(), m.group(), None, date))
        taken.update(range(m.start(), m.end()))
    for reading in numbers.read_numbers(sentence):
        if reading.start in taken:
            continue
        raw = reading.text
        if raw.isdigit() and len(raw) == 4 and 1900 <= reading.value <= 2100:
            found.append((reading.start, raw, None, raw))
            continue
        before = sentence[max(0, reading.start - 16) : reading.start]
        qualifier = next((w for w, _ in numbers.QUALIFIER_WORDS if before.lower().endswith(w + " ")), None)
        shown = f"{before[before.lower().rfind(qualifier) :]}{raw}" if qualifier else raw
        start = reading.start - (len(shown) - len(raw))
        value = int(reading.value) if reading.value.is_integer() else reading.value
        found.append((start, shown, value, None))
    return sorted(found, key=lambda item: item[0])


def _judge(
    vocab: Sequence[tuple[Fact, set[str]]], content: set[str], value: float | None, date: str | None
) -> tuple[Status, Fact | None]:
    ranked = sorted(((len(content & fw), f) for f, fw in vocab), key=lambda sf: (-sf[0], sf[1].id))
    for overlap, fact in ranked:
        if overlap < SUPPORT_OVERLAP:
            break
        if _matches(fact, value, date):
            return "supported", fact
    rivals = [
        (overlap, fact)
        for overlap, fact in ranked
        if overlap >= CONTRADICT_OVERLAP
        and (
            (value is not None and fact.value is not None and fact.unit != "ordinal")
            or (date is not None and fact.kind == "event" and fact.date is not None)
        )
    ]
    if not rivals:
        return "not-found", None
    # Among the facts about the same thing, the nearest in size is the one the writer got wrong.
    best = max(rivals, key=lambda of: (of[0] - _distance(of[1], value), of[1].id))
    return "contradicted", best[1]


def _distance(fact: Fact, value: float | None) -> float:
    if value is None or fact.value is None or value <= 0 or fact.value <= 0:
        return 0.0
    return abs(math.log10(value / fact.value))


def _matches(fact: Fact, value: float | None, date: str | None) -> bool:
    if value is not None:
        return fact.value is not None and numbers.same_value(fact.value, value)
    assert date is not None
    if fact.date is not None:
        return fact.date.startswith(date) or date.startswith(fact.date)
    if fact.period is not None:
        ends = [e for e in (fact.period.start, fact.period.end) if e]
        return any(e.startswith(date) or date.startswith(e) for e in ends)
    return False  # pragma: no cover - a fact has a date or a period
