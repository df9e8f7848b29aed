"""Every rule a store's records must keep, written once for load, ``validate`` and ``add``.

A rule returns ``Violation``s located *within* the record (a path such as
``("citations", 0, "source")``); the caller positions them in its own file,
so the same rule points at the right line whether it judges a file of the
store or a fact about to be appended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcli.reading import numbers
from factcli.text import dates
from factcli.text.suggest import suggest

if TYPE_CHECKING:
    from factcli.model import Fact, Metric
    from factcli.store.vocab import Vocabulary
    from factcli.store.yamlread import LoadedFile, Path_

#: A quote is the sentence or two that states the value; one this long is a passage pasted whole.
MAX_QUOTE_CHARS = 1000
#: How like a known unit a new one must be to be taken for its typo ("personel" 0.94, "countrys" 0.82; "teams"
#: and "years", two units, 0.6).
TYPO_RATIO = 0.8
#: A quote must be a passage, not a bare number: at least this many words.
MIN_QUOTE_WORDS = 3
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9][0-9]|20[0-9][0-9])(?![0-9])")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"])")


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken rule: where in the record, what is wrong, which check, how bad."""

    at: tuple[int | str, ...]
    message: str
    check: str
    level: str = "error"


class Unique:
    """The first place each key was defined, so that a duplicate names both places, each at the key."""

    def __init__(self, what: str, field: str) -> None:
        self.what, self.field = what, field
        self.first: dict[str, tuple[LoadedFile, Path_]] = {}

    def claim(self, key: str, lf: LoadedFile, record: Path_, *, field: str | None = "") -> bool:
        """True for the first record with ``key``; a later one records a problem at both places (at the key's
        field of each record, or at ``record`` itself when ``field`` is None: an item of a list)."""
        here = record if field is None else (*record, field or self.field)
        first = self.first.setdefault(key, (lf, here))
        if first == (lf, here):
            return True
        for (at_lf, at_path), (other_lf, other_path) in (((lf, here), first), (first, (lf, here))):
            line, col = other_lf.pos(other_path)
            message = f"duplicate {self.what} '{key}' (also at {other_lf.path}:{line}:{col})"
            at_lf.problem(at_path, message, check="duplicate-id")
        return False


def taken(by_id: Mapping[str, Fact], fact: Fact) -> list[Violation]:
    """A new fact's id must be free (a store's own duplicates are found by ``Unique`` as it loads)."""
    other = by_id.get(fact.id)
    if other is None:
        return []
    where = f" ({other.location.path}:{other.location.line})" if other.location else ""
    return [Violation(("id",), f"fact id '{fact.id}' is taken{where}", "duplicate-id")]


def statement(fact: Fact) -> tuple[object, ...]:
    """What a fact says, whatever its id and wording: its value (or, for an event, what and who) at its time
    from its quotes. One sentence may state two events (two meetings co-hosted with two countries), so an
    event's topic and entities are part of what it says; a quantity's value and unit say it."""
    quotes = frozenset((c.source, c.quote) for c in fact.citations)
    said = (fact.value, fact.unit) if fact.kind == "quantity" else (fact.topic, frozenset(fact.entities))
    return (fact.kind, *said, fact.date, fact.period, quotes)


def duplicates(facts: Iterable[Fact], fact: Fact, level: str = "error") -> list[Violation]:
    """A fact must not repeat one already in the store under another id (add refuses, validate warns)."""
    says = statement(fact)
    return [
        Violation(
            (), f"'{fact.id}' says what '{other.id}' says (same value, date, source and quote)", "duplicate-fact", level
        )
        for other in facts
        if other.id != fact.id and statement(other) == says
    ]


def references(vocab: Vocabulary, fact: Fact) -> list[Violation]:
    """Every name the fact uses must be in the store's vocabulary."""
    out = []
    if fact.topic not in vocab.topics:
        out.append(
            Violation(("topic",), f"unknown topic '{fact.topic}'{suggest(fact.topic, vocab.topics)}", "reference")
        )
    if fact.metric is not None and fact.metric not in vocab.metrics:
        message = f"unknown metric '{fact.metric}'{suggest(fact.metric, vocab.metrics)}"
        out.append(Violation(("metric",), message, "reference"))
    for i, name in enumerate(fact.entities):
        if name not in vocab.entities:
            canonical = vocab.canonical_entity(name)
            hint = f" (write its canonical name '{canonical}')" if canonical else suggest(name, vocab.entities)
            out.append(Violation(("entities", i), f"unknown entity '{name}'{hint}", "reference"))
    for i, citation in enumerate(fact.citations):
        if citation.source not in vocab.sources:
            message = f"unknown source '{citation.source}'{suggest(citation.source, vocab.sources)}"
            out.append(Violation(("citations", i, "source"), message, "reference"))
    return out


def unit_spelling(others: Iterable[str], fact: Fact) -> list[Violation]:
    """A unit no other fact uses that is one or two letters from one they do ("personel") is most likely a
    typo: a warning, since a new kind of count is new words too."""
    known = set(others) - {fact.unit}
    if fact.unit is None or fact.unit in set(others) or not known:
        return []
    near = suggest(fact.unit, known, cutoff=TYPO_RATIO)
    if not near:
        return []
    message = f"{fact.id}: no other fact counts '{fact.unit}'{near}"
    return [Violation(("unit",), message, "unit-spelling", "warning")]


def metric_fit(vocab: Vocabulary, fact: Fact) -> list[Violation]:
    """A metric counts one thing in one unit: a fact whose unit differs cannot be in its series."""
    metric = vocab.metrics.get(fact.metric) if fact.metric else None
    if metric is None or fact.unit is None or fact.unit == metric.unit:
        return []
    message = (
        f"unit '{fact.unit}' is not the unit of metric '{metric.key}' ('{metric.unit}'): "
        "one metric counts one thing in one unit; use another metric or none"
    )
    return [Violation(("unit",), message, "metric-unit")]


def supersedes(known_ids: Mapping[str, object], fact: Fact) -> list[Violation]:
    if fact.supersedes is None:
        return []
    if fact.supersedes.id == fact.id:
        return [Violation(("supersedes",), f"'{fact.id}' supersedes itself", "reference")]
    if fact.supersedes.id not in known_ids:
        message = f"'{fact.id}' supersedes unknown fact '{fact.supersedes.id}'{suggest(fact.supersedes.id, known_ids)}"
        return [Violation(("supersedes",), message, "reference")]
    return []


def metric_described(metric: Metric) -> list[Violation]:
    """A metric says exactly what it counts, so that no fact lands in a series it does not belong to."""
    if metric.description.strip():
        return []
    message = f"metric '{metric.key}' has no description: say exactly what it counts"
    return [Violation(("key",), message, "metric-description", "warning")]


def content(fact: Fact) -> list[Violation]:
    """The fact against its own words: value against value_text, value_text in each quote, quote length."""
    out = []
    for i, citation in enumerate(fact.citations):
        at = ("citations", i, "quote")
        if fact.value_text not in citation.quote:
            message = f"{fact.id}: value_text {fact.value_text!r} does not occur in the quote from {citation.source}"
            out.append(Violation(at, message, "value-text"))
        if len(citation.quote) > MAX_QUOTE_CHARS:
            message = (
                f"{fact.id}: the quote from {citation.source} is {len(citation.quote):,} characters long; "
                "quote only the sentence or two that state the value"
            )
            out.append(Violation(at, message, "quote-length", "warning"))
        elif len(_SENTENCE_END.findall(citation.quote.strip())) >= 2:
            message = f"{fact.id}: the quote from {citation.source} is longer than two sentences"
            out.append(Violation(at, message, "quote-length", "warning"))
        if len(citation.quote.split()) < MIN_QUOTE_WORDS:
            message = (
                f"{fact.id}: the quote from {citation.source} is {citation.quote!r}: quote the passage that "
                "states the value, not the value alone"
            )
            out.append(Violation(at, message, "quote-length"))
    if fact.kind == "quantity" and fact.value is not None:
        out.extend(_value_words(fact, fact.value))
    else:
        out.extend(_event_words(fact))
    return out


def _value_words(fact: Fact, value: float) -> list[Violation]:
    out = []
    if not numbers.agrees(value, fact.value_text):
        readings = ", ".join(f"{r.value:g}" for r in numbers.read_numbers(fact.value_text)) or "no number"
        message = f"{fact.id}: value {value:g} does not agree with value_text {fact.value_text!r} (reads as {readings})"
        out.append(Violation(("value",), message, "value"))
    implied = numbers.implied_qualifier(fact.value_text)
    if implied is not None and implied != fact.qualifier:
        message = f"{fact.id}: value_text {fact.value_text!r} implies qualifier {implied}, not {fact.qualifier}"
        out.append(Violation(("qualifier",), message, "qualifier"))
    elif implied is None and fact.qualifier != "exact":
        message = f"{fact.id}: qualifier {fact.qualifier} but value_text {fact.value_text!r} has no word for it"
        out.append(Violation(("qualifier",), message, "qualifier", "warning"))
    return out


def _event_words(fact: Fact) -> list[Violation]:
    """An event's value_text names its date: the month and year it names must be the fact's."""
    out = []
    for year in _YEAR.findall(fact.value_text):
        if fact.date is not None and not fact.date.startswith(year):
            out.append(Violation(("date",), f"{fact.id}: value_text names {year}, date is {fact.date}", "date"))
        elif fact.period is not None and not _year_in_period(int(year), fact):
            span = f"{fact.period.start or ''} {fact.period.end or ''}".strip()
            out.append(Violation(("period",), f"{fact.id}: value_text names {year}, outside the period {span}", "date"))
    if fact.date is not None and len(fact.date) >= 7:
        low = fact.value_text.lower()
        named = [n for m, n in dates.MONTHS.items() if re.search(rf"\b{m}\b", low)]
        if named and int(fact.date[5:7]) not in named:
            message = f"{fact.id}: value_text names another month than the date {fact.date}"
            out.append(Violation(("date",), message, "date"))
    return out


def _year_in_period(year: int, fact: Fact) -> bool:
    assert fact.period is not None
    start = int(fact.period.start[:4]) if fact.period.start else -(10**9)
    end = int(fact.period.end[:4]) if fact.period.end else 10**9
    return start <= year <= end
