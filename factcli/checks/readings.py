"""What a number of a draft says, read once from its sentence whatever fact it is then weighed against: its time,
what it counts, the words and names of its clause, the doings it names, and whether it speaks of now."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from factcli.checks.context import Sentence
from factcli.checks.likeness import DOINGS, names
from factcli.reading.mention import Mention
from factcli.reading.names import name_after
from factcli.reading.nouns import noun_after
from factcli.reading.words import STOP, content, counted, stem


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
    #: For a date: the words of the phrase it closes, which name its event.
    phrase: frozenset[str] = frozenset()
    #: The names its clause gives (capitalised words past the sentence's first, "Peace-2007", "Arabian"), and
    #: the kinds of doing it names ("consultations", "exercises"), as stems: a fact that has none of a kind
    #: is not certainly what the number is about.
    names: frozenset[str] = frozenset()
    doings: frozenset[str] = frozenset()
    #: It says what is so now ("today", "currently") and no date says when: the writer's time, not the store's.
    present: bool = False

    @property
    def written_words(self) -> frozenset[str]:
        return _words_of(self.written)


def read(mention: Mention, sentence: Sentence) -> Reading:
    times = tuple(sentence.times(mention)) if mention.kind != "date" else ()
    if mention.kind == "ordinal":
        written = name_after(sentence.text, mention.end - sentence.start) or mention.noun
    else:
        written = mention.noun or noun_after(" " + sentence.column(mention), 0) or sentence.counted_before(mention)
    first, last = sentence.scope(mention)
    scope = content(sentence.plain[first - sentence.start : last - sentence.start] + " " + sentence.column(mention))
    siblings = sentence.siblings_words(mention)
    scope -= siblings
    if mention.kind == "date" and len(scope) < 2:  # "A. July 2002.": the date of what the question asks about
        scope |= sentence.asked_words
    begin, end = sentence.clause(mention)
    clause = sentence.text[begin - sentence.start : end - sentence.start]
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
        frozenset(sentence.words - scope - siblings - sentence.others_words(mention)),
        frozenset(subjects),
        frozenset({name for name, _ in sentence.entities} - subjects),
        frozenset(sentence.phrase(mention)) if mention.kind == "date" else frozenset(),
        frozenset(names(clause)),
        frozenset(_doings(sentence.text[first - sentence.start : last - sentence.start]) & scope),
        bool(_NOW.search(sentence.text)) and not times,
    )


_NOW = re.compile(
    r"\b(?:today|now(?!\s+(?:says?|said|reports?|counts?|puts?|lists?|gives?|records?|claims?|states?)\b)|currently|"
    r"at present|at the moment|these days)\b",
    re.I,
)


def _doings(text: str) -> set[str]:
    """The kinds of doing a clause names in its own words ("consultations", "exercises"), not inside a name (the
    "Nuclear-Weapon-Free Zone Treaty" is no treaty the number counts)."""
    return content(" ".join(re.findall(r"(?<![\w-])[a-z][\w'’-]*", text))) & DOINGS


@functools.lru_cache(maxsize=1024)
def _words_of(written: tuple[str, ...]) -> frozenset[str]:
    return frozenset(content(" ".join(written)))
