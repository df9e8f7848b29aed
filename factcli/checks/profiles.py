"""What each candidate fact is about, read once: its words, what its value counts, its entities and time."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcli.checks.context import Sentence
from factcli.checks.entities import Names
from factcli.reading.mention import Mention
from factcli.reading.names import name_after
from factcli.reading.nouns import counts, noun_after
from factcli.reading.words import STOP, content, counted, stem
from factcli.text import dates

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact


@dataclass(frozen=True, slots=True)
class Profile:
    """What a fact is about, read once: its words, what its value counts, its entities and time."""

    fact: Fact
    words: frozenset[str]
    nouns: frozenset[str]
    #: What the value counts, by its last word: {"policemen", "police", …} for "15 policemen".
    heads: frozenset[str]
    #: The passages it is quoted from: facts from one passage are about one event.
    passages: frozenset[str]
    entities: frozenset[str]
    span: tuple[dt.date, dt.date]
    low: float
    high: float
    #: The kinds of what it counts: the words before the counted noun ("engineering" officers and men).
    kinds: frozenset[str] = frozenset()
    #: When the other facts of its metric hold (the same figure for other times): a number is certainly about
    #: this fact's time when none of them overlaps the number's.
    others: tuple[tuple[dt.date, dt.date], ...] = ()
    #: The words of what the fact's unit counts ("person-times" → person).
    unit_words: frozenset[str] = frozenset()

    @property
    def latest(self) -> bool:
        """No other fact of its metric ends later: what "since 1990" means when it reaches to the present."""
        return all(last <= self.span[1] for _, last in self.others)

    @property
    def is_event(self) -> bool:
        return self.fact.kind == "event"


class Profiles:
    """Candidate facts for each sentence, asked of the index, and profiled once each."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.names = Names(index.vocab)
        self.cache: dict[str, Profile] = {}
        self.series: dict[str, list[tuple[str, tuple[dt.date, dt.date]]]] = {}

    def for_sentence(self, sentence: Sentence, found: Sequence[Mention]) -> list[Profile]:
        """The facts sharing most words with the sentence, those with its values, and those bound before it."""
        values = {m.value for m in found if m.value is not None} | {m.low for m in found if m.kind == "ordinal"}
        words = [
            *sentence.written,
            *sentence.around_written,
            *(w for name, _ in sentence.entities for w in name.split()),
        ]
        ids = self.index.candidates(words, sorted(v for v in values if math.isfinite(v)))
        return [self.by_id(fact_id) for fact_id in dict.fromkeys([*ids, *sorted(sentence.previous)])]

    def by_id(self, fact_id: str) -> Profile:
        """A fact's profile, built from the index the first time only."""
        cached = self.cache.get(fact_id)
        if cached is not None:
            return cached
        fact = self.index.get(fact_id)
        assert fact is not None, fact_id
        return self.profile(fact)

    def profile(self, fact: Fact) -> Profile:
        cached = self.cache.get(fact.id)
        if cached is not None:
            return cached
        vocab = self.index.vocab
        metric = vocab.metrics.get(fact.metric) if fact.metric else None
        aliases = [a for e in fact.entities if e in vocab.entities for a in vocab.entities[e].aliases]
        about = " ".join([fact.claim, *fact.tags, *fact.entities, *aliases, fact.id.replace("-", " ")])
        words = content(about)
        nouns = content(fact.unit or "")
        heads: set[str] = set()
        kinds: set[str] = set()
        if metric is not None:
            words |= content(" ".join([metric.key.replace("-", " "), *metric.aliases]))
        claimed = content(fact.claim)
        for text in (fact.claim, *(_joined(c.quote, claimed) for c in fact.citations)):
            at = text.find(fact.value_text)
            if at >= 0 and fact.unit == "ordinal":  # "the 14th ARF Ministerial Meeting": a name, by its last word
                name = name_after(text, at + len(fact.value_text))
                nouns |= content(" ".join(name))
                heads |= {stem(name[-1])} if name else set()
            elif at >= 0:
                what = noun_after(text, at + len(fact.value_text))
                nouns |= content(" ".join(what))
                heads |= counted(stem(what[-1])) if what else set()
                possessive = any(word in ("their", "its", "his", "her") for word in what)  # "lost their lives"
                kinds |= content(" ".join(what[:-1])) if what and counts(what[-1]) and not possessive else set()
        period = fact.period
        span = dates.span_of(fact.date, period.start if period else None, period.end if period else None)
        low, high = interval(fact)
        passages = frozenset(f"{c.source}:{c.quote}" for c in fact.citations)
        profile = Profile(
            fact, frozenset(words), frozenset(nouns - STOP), frozenset(heads - STOP), passages,
            frozenset(fact.entities), span, low, high, frozenset(kinds - heads - STOP), self._others(fact),
            frozenset(content(fact.unit or "")),
        )  # fmt: skip
        self.cache[fact.id] = profile
        return profile

    def _others(self, fact: Fact) -> tuple[tuple[dt.date, dt.date], ...]:
        """The spans of the other facts of ``fact``'s metric (none for a fact of no metric)."""
        if fact.metric is None:
            return ()
        if fact.metric not in self.series:
            self.series[fact.metric] = [
                (i, (dt.date.fromisoformat(a), dt.date.fromisoformat(b)))
                for i, a, b in self.index.metric_spans(fact.metric)
            ]
        return tuple(span for i, span in self.series[fact.metric] if i != fact.id)


def interval(fact: Fact) -> tuple[float, float]:
    """The values a fact allows: 'over 900' is every value above 900; 'some 4,000' within 5 %."""
    if fact.value is None:
        return -math.inf, math.inf
    v = float(fact.value)
    return {
        "exact": (v, v),
        "approx": (v * 0.95, v * 1.05),
        "more_than": (math.nextafter(v, math.inf), math.inf),
        "at_least": (v, math.inf),
        "less_than": (-math.inf, math.nextafter(v, -math.inf)),
        "at_most": (-math.inf, v),
    }[fact.qualifier]


_HYPHENATED = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")


def _joined(quote: str, claimed: set[str]) -> str:
    """The quote with a line break's hyphens undone where the claim has the whole word ("mili-tary observers",
    "peace-keeping operations"): the pieces are no kinds of what the fact counts."""

    def join(m: re.Match[str]) -> str:
        whole = m.group(1) + m.group(2)
        return whole if content(whole) <= claimed else m.group()

    return _HYPHENATED.sub(join, quote)
