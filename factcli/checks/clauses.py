"""Where a sentence parts: its clauses, the phrase a date closes, the items of a list, two counts joined by "and",
an answer to a question, a sentence that goes on from the one before. Patterns only: context.py reads a sentence
with them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from factcli.reading import prose
from factcli.reading.answers import ANSWER, QUESTION
from factcli.reading.mention import Mention
from factcli.reading.words import stem

#: Where one clause of a sentence ends and another, about something else, may begin.
CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\s(?:while|whereas)\b|\s[–—]\s")
#: "… a mine clearance exercise in January 2002 and a Japanese submarine rescue exercise in April 2002":
#: two things, each with its own number, inside one clause.
COORDINATED = re.compile(r"\sand\s+(?=(?:a|an|the)\s)")


#: A dash or colon after a date that opens its line: what follows is what happened then.
LEADS = re.compile(r"\s*[–—:-]\s*")
#: Words that say only that something happened ("…'s Third Symposium on International Issues, held in …"): the
#: phrase that names what goes on before them.
HAPPENED = frozenset(stem(w) for w in "held hold took place happened occurred convened staged".split())
#: A sentence that tells of the past, and one that says what is so now.
PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{3,}ed)\b")
PRESENT = re.compile(r"\b(?:is|are|has|have|now|today|currently|still|remains?)\b", re.I)
OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
#: A passive predicate whose subject stands before the comma: '…, "China's Policies …", was issued on'.
PREDICATE = re.compile(r"[\s\"”’']*(?:was|were|is|are|has been|had been|have been)\s+\w+\s+(?:in|on|at)?\s*$", re.I)
#: A change from one figure to another: the time before it is the first figure's.
CHANGE = re.compile(r"\b(?:became|become|rose|grew|increased|climbed|fell|dropped|declined)\b", re.I)
#: Where the phrase a date closes begins: "…, according to the white paper Beijing published in January 2017"
#: (not at a colon: "The declaration is what needs changing: it came out in November 2001").
PHRASE_END = re.compile(r"[,;()]")
#: What parts the items of a list: "Malaysia in January 2015, Myanmar in August 2015 and Sri Lanka in May 2016".
LIST_CUT = re.compile(r"[,;]|\s(?:and|or)\s")


def answers(text: str, before: str) -> bool:
    """The sentence answers the one before: it starts with an answer's label, and the one before is a question."""
    return bool(ANSWER.match(text)) and (bool(QUESTION.match(before)) or before.rstrip().endswith("?"))


#: A sentence that goes on about the one before, and so takes its time: "That is nearly 2,000 …", "Of these, 88 …".
FOLLOWS_ON = re.compile(
    r"(?:that|this|these|those|it|they|its|their|of these|of them|then|by then|at that (?:point|time)|at the time|"
    r"the same|there|another|the rest|still|also|and|but)\b",
    re.IGNORECASE,
)


def joined_counts(sentence: prose.Sentence, found: Sequence[Mention]) -> list[tuple[Mention, int, Mention]]:
    """Two counts in a row joined by "and" or a comma right after the first one's noun ("275 engineers, 100
    transport troops, 100 medical staff"), and where the join stands."""
    counts = sorted((m for m in found if m.kind in ("amount", "percent") and m.noun), key=lambda m: m.start)
    pairs = []
    for one, two in itertools.pairwise(counts):
        between = sentence.text[one.end - sentence.start : two.start - sentence.start]
        joined = re.match(r"\s*" + r"\s+".join(map(re.escape, one.noun)) + r"(\s+and\s|,\s*(?:and\s+)?)", between)
        if joined:  # the first count's noun, then "and": not "123 judicial assistance and extradition treaties"
            pairs.append((one, one.end - sentence.start + joined.start(1), two))
    return pairs


def clauses(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]
