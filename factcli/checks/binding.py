"""Which fact a number in a draft is about: a score made of reasons a writer can read.

A number is bound to a fact by *what* and *when*. What: the words right after
the number (what it counts: "engineering troops") against the words that
follow the fact's value in its claim and quote; the entities named in the
number's clause (aliases included) against the fact's; and the words the
clause, the rest of the sentence and its context (heading, sentence before)
share with the fact, each word weighted by how few of the competing facts
have it. When: a date in the clause (else the sentence, else its context)
must overlap the fact's date or period, and a match at the same precision
counts for more. A fact bound in the sentence before counts a little more
again: writers go on about the same thing ("That is nearly 2,000 …").
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from factcli.checks.context import Names, Sentence, name_after
from factcli.checks.mentions import Mention
from factcli.checks.profiles import Profile
from factcli.checks.words import DURATION_UNITS, STOP, content, counted, stem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.model import Fact

_CURRENCY_UNITS = {"aud": "A$", "usd": "US$", "cny": "RMB", "rmb": "RMB", "yuan": "RMB", "eur": "€", "dollars": "$"}


@dataclass(frozen=True, slots=True)
class Bound:
    """A fact a mention may be about, how strongly, and why."""

    profile: Profile
    score: float
    reasons: tuple[str, ...]


def weights(candidates: Iterable[Profile]) -> dict[str, float]:
    """Each word's weight among the competing facts: a word all of them share tells them apart least."""
    counts: Counter[str] = Counter()
    total = 0
    for p in candidates:
        counts.update(p.words)
        total += 1
    top = math.log(total + 1)
    return {w: 0.25 + 0.75 * math.log((total + 1) / n) / top for w, n in counts.items()} if total else {}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a number says, read once, whatever fact it is then weighed against."""

    mention: Mention
    #: The dates that say when it holds, and whether they are nearer than the title's.
    times: tuple[Mention, ...]
    timed: bool
    #: What it counts, as written ("transport troops"), its last word's synonyms, and the words before it.
    written: tuple[str, ...]
    head: frozenset[str]
    modifiers: frozenset[str]
    before: frozenset[str]
    #: The words of its scope, those right beside it, and the rest of its sentence.
    scope: frozenset[str]
    near: frozenset[str]
    rest: frozenset[str]
    #: The entities its clause is about, and those named elsewhere in the sentence.
    subjects: frozenset[str]
    elsewhere: frozenset[str]


def read(mention: Mention, sentence: Sentence) -> Reading:
    times = tuple(sentence.times(mention)) if mention.kind != "date" else ()
    if mention.kind == "ordinal":
        written = name_after(sentence.text, mention.end - sentence.start) or mention.noun
    else:
        written = mention.noun or tuple(sentence.column(mention).lower().split())
    first, last = sentence.scope(mention)
    scope = content(sentence.text[first - sentence.start : last - sentence.start] + " " + sentence.column(mention))
    subjects = sentence.subjects(mention)
    return Reading(
        mention,
        times,
        bool(times) and sentence.title_dates is not sentence.times(mention),
        written,
        counted(stem(written[-1])) if written else frozenset(),
        frozenset({stem(w) for w in written[:-1]} - STOP),
        frozenset(c for w in sentence.words_before(mention) for c in counted(w)),
        frozenset(scope),
        frozenset(sentence.near(mention)),
        frozenset(sentence.words - scope - sentence.others_words(mention)),
        frozenset(subjects),
        frozenset({name for name, _ in sentence.entities} - subjects),
    )


def bind(reading: Reading, sentence: Sentence, p: Profile, weight: dict[str, float], names: Names) -> Bound | None:
    """How clearly ``p`` is what the number is about; None when it cannot be (another kind, another time)."""
    mention = reading.mention
    if not _same_kind(mention, p.fact):
        return None
    score, reasons = 0.0, []
    if mention.kind != "date":
        times = reading.times
        if times and not any(_overlap(t, p.span) for t in times):
            return None
        if reading.timed:  # the title's time only rules facts out
            exact = any(_same_time(t, p) for t in times)
            precise = exact and any(t.span is not None and t.span[0].year == t.span[1].year and
                                    (t.span[1] - t.span[0]).days < 40 for t in times)  # fmt: skip
            if p.fact.period is not None and exact:  # a span's end or start, not a moment the figure holds for
                score += 1.0
            else:
                score += 2.5 if precise else 1.5 if exact else 0.3
            reasons.append("same date" if exact else "overlapping dates")
        modifiers = reading.modifiers & p.nouns
        if mention.currency:
            score += 2.5  # money binds to money only (see _same_kind)
            reasons.append(f"counts money ({p.fact.unit})")
        elif reading.head & p.heads:
            score += 2.5 + min(1.0, 0.5 * len(modifiers))
            reasons.append(f"counts {' '.join(reading.written)}")
        elif reading.head & p.nouns:
            score += 2.0 + min(1.0, 0.5 * len(modifiers))
            reasons.append(f"counts {' '.join(reading.written)}")
        elif reading.before & p.heads:
            score += 1.5
            reasons.append("about " + "/".join(sorted(p.heads)[:2]))
    else:
        assert mention.span is not None
        if mention.span[0].year <= p.span[1].year and p.span[0].year <= mention.span[1].year:
            score += 0.5
            reasons.append("same year")
    shared = reading.scope & p.words
    score += min(4.0, sum(weight.get(w, 0.25) for w in shared))
    score += min(1.5, 0.5 * sum(weight.get(w, 0.25) for w in reading.near & p.words))
    rest = reading.rest & p.words
    score += min(1.5, 0.4 * sum(weight.get(w, 0.25) for w in rest))
    score += min(1.0, 0.25 * sum(weight.get(w, 0.25) for w in sentence.around & p.words))
    if shared or rest:
        reasons.append("shares " + ", ".join(sorted(shared | rest, key=lambda w: (-weight.get(w, 0), w))[:4]))
    named = reading.subjects & p.entities
    if named:
        score += min(3.0, 2.0 + 0.5 * (len(named) - 1))
        reasons.append("names " + ", ".join(sorted(named)))
    elif reading.subjects and p.entities and _other_of_same_kind(reading.subjects, p.entities, names):
        score -= 2.5
        reasons.append("but names " + ", ".join(sorted(reading.subjects)))
    else:
        score += min(1.0, 0.5 * len(reading.elsewhere & p.entities))
        if not reading.subjects and sentence.entities_around & p.entities:
            score += 0.5
    if _about_another_topic(sentence, p, names):
        score -= 2.0
        reasons.append("but the sentence is about " + ", ".join(sorted(sentence.topics)))
    if p.fact.id not in sentence.previous and _same_passage(p.passages, sentence.passages):
        score += 1.5
        reasons.append("same passage as a figure before")
    if p.fact.id in sentence.previous and _restates(mention, p):
        score += 3.0
        reasons.append("restates the figure before")
    return Bound(p, score, tuple(reasons))


def _restates(mention: Mention, p: Profile) -> bool:
    """'That is nearly 2,000' after 1,949; 'More than 11,000 deployments' after 11,063: the same figure, rounded
    (within a tenth of it), and borne out by the fact."""
    if mention.kind == "date" or mention.value is None or p.fact.value is None or not p.fact.value:
        return False
    close = abs(mention.value - float(p.fact.value)) <= 0.1 * abs(float(p.fact.value))
    return close and mention.low <= p.low and p.high <= mention.high


def _about_another_topic(sentence: Sentence, p: Profile, names: Names) -> bool:
    """The sentence names a topic (counter-terrorism) that is not the fact's and that the fact says nothing of."""
    topic = p.fact.topic
    others = sentence.topics - {topic}
    if not others or topic in sentence.topics or sentence.words & names.topic_words.get(topic, set()):
        return False
    return not any(names.topic_words.get(t, set()) <= p.words for t in others)


def _same_passage(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """One quote inside the other (same source): 'Since 1990 … 18 UN peacekeeping operations.' and the
    same with '… Eight lost their lives on duty.' are one passage."""
    split = [(a.split(":", 1), b.split(":", 1)) for a in ours for b in theirs]
    return any(a[0] == b[0] and (a[1] in b[1] or b[1] in a[1]) for a, b in split)


def _same_kind(mention: Mention, fact: Fact) -> bool:
    if mention.kind == "date":
        return fact.kind == "event"
    if fact.kind != "quantity" or fact.value is None:
        return False
    if (mention.kind == "ordinal") != (fact.unit == "ordinal"):
        return False
    if (mention.kind == "percent") != (fact.unit in ("percent", "%")):
        return False
    if (mention.kind == "duration") != ((fact.unit or "").lower() in DURATION_UNITS):
        return False
    money = (fact.unit or "").lower() in _CURRENCY_UNITS
    return bool(mention.currency) == money


def currency_mismatch(mention: Mention, fact: Fact) -> bool:
    """'US$20 million' against a figure in Australian dollars (a bare '$' names no country)."""
    if mention.currency is None or fact.unit is None:
        return False
    theirs = _CURRENCY_UNITS.get(fact.unit.lower())
    ours = mention.currency.upper().replace("AU$", "A$")
    if ours == "$" or theirs == "$":
        return False
    if ours in ("DOLLARS",):
        return False
    return theirs is not None and ours != theirs


def _other_of_same_kind(named: frozenset[str], entities: frozenset[str], names: Names) -> bool:
    """The clause names a country (mission, …) and the fact is about other countries (missions, …)."""
    kinds = {names.kind(e) for e in entities}
    return any(names.kind(n) in kinds for n in named)


def _overlap(writer: Mention, fact: tuple[dt.date, dt.date]) -> bool:
    assert writer.span is not None
    first, last = writer.span
    if writer.since:
        last = dt.date.max
    return first <= fact[1] and fact[0] <= last


def _same_time(writer: Mention, p: Profile) -> bool:
    """The writer's date is the fact's, at the precision either gives ('since 1990' and a period from 1990)."""
    assert writer.span is not None
    if writer.since:
        period = p.fact.period
        return bool(period and period.start and period.start[:4] == str(writer.span[0].year))
    first, last = writer.span
    if writer.document:  # "the 2002 white paper": its own year, though it looks back on the year before
        first = dt.date(last.year, 1, 1)
    return (first, last) == p.span or (first.year == p.span[1].year == last.year)
