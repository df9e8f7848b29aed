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

import functools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from factcli.checks.context import Sentence
from factcli.checks.entities import Names
from factcli.checks.likeness import (
    GENERIC,
    PLAIN_KINDS,
    SPECIFIC,
    about_another_topic,
    other_of_same_kind,
    overlap,
    restates,
    same_kind,
    same_passage,
    same_time,
)
from factcli.checks.profiles import Profile
from factcli.checks.readings import Reading
from factcli.reading.nouns import counts
from factcli.reading.numbers import ordinals_in
from factcli.reading.words import stem


@dataclass(frozen=True, slots=True)
class Bound:
    """A fact a mention may be about, how strongly, why, and which parts of the binding are certain."""

    profile: Profile
    score: float
    reasons: tuple[str, ...]
    certain: frozenset[str] = frozenset()
    #: The names the number's clause gives that the fact lacks ("Peace-2007" for a fact of another exercise).
    missing: frozenset[str] = frozenset()
    #: What the words the sentence shares with the fact add (binding.words_part).
    shared: float = 0.0
    #: What the number counts (its noun, its label) is what the fact counts, at least in part.
    counts: bool = False
    #: The words of the number's own clause the fact has.
    own_words: frozenset[str] = frozenset()


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
class Weights:
    """Every weight of the binding score, named by the part of the binding it belongs to."""

    # when: a date in the number's clause (else its sentence, context) against the fact's date or period
    same_time_precise: float = 2.5  # the same month or day
    same_time: float = 1.5  # the same year, or the same span
    span_end: float = 1.0  # the start or end of the fact's period: not a moment the figure holds for
    overlapping_time: float = 0.3
    # what: what the number counts against what the fact's value counts
    counts_money: float = 2.5
    counts_head: float = 2.5  # the counted noun is the fact's ("engineering troops" ~ "engineers")
    counts_noun: float = 2.0  # the counted noun is among the words the fact's value is said with
    per_modifier: float = 0.5  # each word before the counted noun that the fact has too
    most_modifiers: float = 1.0
    about_before: float = 1.5  # the clause before the number names what the fact counts
    same_year: float = 0.5  # a date: the fact's event falls in the same year
    # words the clause, the words beside the number, the rest of the sentence and its context share with the fact
    scope_cap: float = 4.0
    near_share: float = 0.5
    near_cap: float = 1.5
    rest_share: float = 0.4
    rest_cap: float = 1.5
    around_share: float = 0.25
    around_cap: float = 1.0
    # who: the entities the clause names against the fact's
    named: float = 2.0
    per_more_named: float = 0.5
    named_cap: float = 3.0
    names_another: float = -2.5  # the clause names another country (mission, …) of the kind the fact names
    elsewhere_share: float = 0.5
    elsewhere_cap: float = 1.0
    named_around: float = 0.5
    # context: the passage and what the draft said before
    another_topic: float = -2.0
    same_passage: float = 1.5
    restates: float = 3.0
    # certainty: a date's event is named when the words beside the date it shares with the fact weigh this much
    event_words: float = 1.5


WEIGHTS = Weights()
#: An ordinal's name is certainly the fact's when it shares this many words with it ("14th ARF Ministerial
#: Meeting" and the fact's "14th ARF Ministerial Meeting": arf, ministerial, meeting).
ORDINAL_NAME_WORDS = 2


#: Words for people that say what they are only by the word before them ("medical staff", "police members").
_PEOPLE = frozenset(stem(w) for w in "staff people members workers crew".split())


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a binding: what it adds to the score, why, and whether it is certain (a contradiction needs
    what, when and who all certain)."""

    score: float = 0.0
    reasons: tuple[str, ...] = ()
    certain: bool = False
    #: For when: the number's own date is the fact's (not only the one time the store has the figure for).
    dated: bool = False


def bind(reading: Reading, sentence: Sentence, p: Profile, weight: dict[str, float], names: Names) -> Bound | None:
    """How clearly ``p`` is what the number is about; None when it cannot be (another kind, another time)."""
    if not same_kind(reading.mention, p.fact):
        return None
    when = when_part(reading, p)
    if when is None:
        return None
    parts = {
        "when": when,
        "what": what_part(reading, p),
        "words": words_part(reading, sentence, p, weight),
        "who": who_part(reading, sentence, p, names),
        "context": context_part(reading, sentence, p, names),
    }
    score = sum(part.score for part in parts.values())
    reasons = tuple(r for part in parts.values() for r in part.reasons)
    if reading.mention.kind == "date" and _another_ordinal(reading.phrase, p.words):
        score += WEIGHTS.names_another  # "the Third Symposium …, held in October–November 2000": not the Fourth's
        reasons = (*reasons, "but its phrase names another ordinal")
    certain = {name for name, part in parts.items() if part.certain}
    if reading.mention.kind == "date" and "words" in certain:
        certain.add("event")  # a date is about the event the words beside it name
    if when.dated:
        certain.add("dated")
    if reading.timed:
        certain.add("timed")  # its time is its own sentence's, not only the title's
    what = parts["what"].score >= WEIGHTS.counts_noun  # its noun or label, not a word before it ("about")
    return Bound(
        p,
        score,
        reasons,
        frozenset(certain),
        reading.names - p.words,
        parts["words"].score,
        what,
        reading.scope & p.words,
    )


@functools.lru_cache(maxsize=4096)
def _ordinals(words: frozenset[str]) -> frozenset[int]:
    return frozenset(ordinals_in(words))


def _another_ordinal(phrase: frozenset[str], fact_words: frozenset[str]) -> bool:
    """The phrase a date closes names a meeting by its ordinal, and the fact names the series by another."""
    if not phrase:
        return False
    ours, theirs = _ordinals(phrase), _ordinals(fact_words)
    return bool(ours and theirs and not ours & theirs)


def when_part(reading: Reading, p: Profile, w: Weights = WEIGHTS) -> Part | None:
    """A number's time must overlap the fact's (None: it cannot be about this fact); the same time counts, the
    more for the same month or day. A date is itself what is judged: its year counts a little."""
    mention = reading.mention
    if mention.kind == "date":
        assert mention.span is not None
        if mention.span[0].year <= p.span[1].year and p.span[0].year <= mention.span[1].year:
            return Part(w.same_year, ("same year",))
        return Part()
    times = reading.times
    if times and not any(overlap(t, p.span) for t in times):
        return None
    # certain when the store has this figure for no other time the number's dates allow (for no other time at
    # all, when it has no date anywhere)
    alone = not any(any(overlap(t, other) for t in times) if times else True for other in p.others)
    if not reading.timed and reading.present:  # "the 2,500 peacekeepers serving today": the writer's now, unknown
        return Part()
    if not reading.timed:  # the title's time rules facts out, and is certain only when it is the fact's
        return Part(certain=alone or any(same_time(t, p) for t in times), dated=any(same_time(t, p) for t in times))
    exact = any(same_time(t, p) for t in times)
    precise = exact and any(t.span is not None and t.span[0].year == t.span[1].year and
                            (t.span[1] - t.span[0]).days < 40 for t in times)  # fmt: skip
    if p.fact.period is not None and exact:  # a span's end or start, not a moment the figure holds for
        score = w.span_end
    else:
        score = w.same_time_precise if precise else w.same_time if exact else w.overlapping_time
    return Part(score, ("same date" if exact else "overlapping dates",), exact or alone, exact)


def what_part(reading: Reading, p: Profile, w: Weights = WEIGHTS) -> Part:
    """What the number counts (the noun after it, a table column's heading) against what the fact's value counts."""
    mention = reading.mention
    if mention.kind == "date":
        return Part()
    modifiers = min(w.most_modifiers, w.per_modifier * len(reading.modifiers & p.nouns))
    if mention.currency:  # money binds to money only (see same_kind); a currency apart is verdicts.py's
        return Part(w.counts_money, (f"counts money ({p.fact.unit})",), True)
    # an ordinal's name must be the fact's by more than its last word: "Meeting" names many meetings
    named = mention.kind != "ordinal" or len(reading.scope & p.words) >= ORDINAL_NAME_WORDS
    if mention.kind == "ordinal" and reading.written and not reading.head & p.heads:
        # "the Third Symposium on International Issues": the fact names it by another of its words
        words = {stem(word) for word in reading.written}
        if words & p.heads:
            return Part(w.counts_head + modifiers, (f"counts {' '.join(reading.written)}",), named)
    # a count of countries is a count of those doing something: the doing the clause names must be the fact's
    named = named and not (reading.head & GENERIC and reading.doings and not reading.doings & p.words)
    # and the kind the fact counts ("engineering officers") must be in the sentence ("officers to study" is not)
    kinds = p.kinds - PLAIN_KINDS
    named = named and (not kinds or bool(kinds & (reading.scope | reading.rest | reading.near)))
    people = reading.head & _PEOPLE and reading.modifiers & (
        p.heads | p.nouns
    )  # "43 medical staff" ~ medical personnel
    if reading.head & p.heads or reading.written_words & p.unit_words or people:  # "11,036 person-times"
        return Part(w.counts_head + modifiers, (f"counts {' '.join(reading.written)}",), named)
    if reading.head & p.nouns:
        return Part(w.counts_noun + modifiers, (f"counts {' '.join(reading.written)}",), named)
    if reading.before & p.heads:  # "Peacekeepers on duty, Nov 2008: 1,949": a label, when nothing follows it
        label = not (mention.noun and counts(mention.noun[-1]))
        score = w.counts_noun if label else w.about_before
        # "Countries China held bilateral consultations with: 8": the label's doing must be the fact's too, and
        # its kind ("ASEAN member states: 10" is no count of nuclear states)
        doing = not (reading.before & p.heads & GENERIC and reading.doings and not reading.doings & p.words)
        return Part(score, ("about " + "/".join(sorted(p.heads)[:2]),), label and doing and named)
    return Part()


def words_part(
    reading: Reading, sentence: Sentence, p: Profile, weight: dict[str, float], w: Weights = WEIGHTS
) -> Part:
    """The words the number's scope, the words right beside it, the rest of its sentence and its context share
    with the fact, each by how few of the competing facts have it."""

    def weigh(words: frozenset[str] | set[str]) -> float:
        return sum(weight.get(word, 0.25) for word in words)

    shared = reading.scope & p.words
    rest = reading.rest & p.words
    score = min(w.scope_cap, weigh(shared))
    score += min(w.near_cap, w.near_share * weigh(reading.near & p.words))
    score += min(w.rest_cap, w.rest_share * weigh(rest))
    score += min(w.around_cap, w.around_share * weigh(sentence.around & p.words))
    said = sorted(shared | rest, key=lambda word: (-weight.get(word, 0), word))[:4]
    # a date's event is certain when the phrase the date closes names it: "the SCO, founded in June 2002"
    event = reading.phrase & p.words - sentence.name_words  # "the Shanghai Cooperation Organization" names no event
    named = bool(event) and bool(reading.subjects & p.entities)
    return Part(score, ("shares " + ", ".join(said),) if said else (), named or weigh(event) >= w.event_words)


def who_part(reading: Reading, sentence: Sentence, p: Profile, names: Names, w: Weights = WEIGHTS) -> Part:
    """The entities the number's clause names against the fact's: the same, another of the same kind (a country
    for a country), or none (then those named elsewhere in the sentence and around it count a little)."""
    named = reading.subjects & p.entities
    others = {e for e in reading.subjects - p.entities if names.kind(e) in SPECIFIC}
    if named:
        score = min(w.named_cap, w.named + w.per_more_named * (len(named) - 1))
        return Part(score, ("names " + ", ".join(sorted(named)),), not others)
    if reading.subjects and p.entities and other_of_same_kind(reading.subjects, p.entities, names):
        return Part(w.names_another, ("but names " + ", ".join(sorted(reading.subjects)),))
    score = min(w.elsewhere_cap, w.elsewhere_share * len(reading.elsewhere & p.entities))
    if not reading.subjects and sentence.entities_around & p.entities:
        score += w.named_around
    return Part(score, (), not others)


def context_part(reading: Reading, sentence: Sentence, p: Profile, names: Names, w: Weights = WEIGHTS) -> Part:
    """The sentence's topic, and what the draft said just before: a figure of the same passage, or the same
    figure again ("That is nearly 2,000 …")."""
    score, reasons = 0.0, []
    if about_another_topic(sentence, p, names, sentence.clause_topics(reading.mention, names)):
        score += w.another_topic
        reasons.append("but the sentence is about " + ", ".join(sorted(sentence.topics)))
    if p.fact.id not in sentence.previous and same_passage(p.passages, sentence.passages):
        score += w.same_passage
        reasons.append("same passage as a figure before")
    if p.fact.id in sentence.previous - sentence.here and restates(reading.mention, p):
        score += w.restates
        reasons.append("restates the figure before")
    return Part(score, tuple(reasons))
