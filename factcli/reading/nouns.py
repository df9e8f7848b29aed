"""What a number counts: the noun after it, read the same way in a draft and in a fact's claim and quote."""

from __future__ import annotations

import re

from factcli.reading.numbers import NUM, WORDNUM

_NOUN = re.compile(r"\s*(?:[-–]\s*)?([A-Za-z][A-Za-z'’-]*)")

#: Words between a number and what it counts: "88 were military observers", "10 of the conventions".
#: Words after a number before what it counts: "10 of the 12 conventions", "the 351-strong engineering unit".
_LEAD = frozenset("of were was are is had have more further other additional strong".split())
DURATIONS = frozenset("years months weeks days decades hours minutes year month week day decade hour minute".split())
_DETERMINERS = frozenset("the its their these those them".split())
_BREAK = frozenset(
    "and or in to from at with by for on as than that which who while since per "
    "had has have was were is are be been will would could can did does do may might must should".split()
)


_PARTITIVE = re.compile(rf"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:{NUM}|{WORDNUM})\b", re.IGNORECASE)


def noun_after(sentence: str, end: int) -> tuple[str, ...]:
    """What a number counts: the words after it up to the first that counts ('military peacekeepers',
    '20 million Australian dollars', '43 medical staff'), else the first word after it."""
    words: list[str] = []
    partitive = _PARTITIVE.match(sentence, end)  # "10 of the 12 conventions"
    pos = partitive.end() if partitive else end
    after_of = bool(partitive)
    while len(words) < 4:
        m = _NOUN.match(sentence, pos)
        if m is None or (words and sentence[pos : m.start(1)].strip().strip("-–")):
            break
        word = m.group(1).lower()
        if not words and (word in _LEAD or (word in _DETERMINERS and after_of)):
            after_of = word == "of"
            pos = m.end()
            continue
        if word in _BREAK:
            break
        words.append(word)
        pos = m.end()
        if counts(word):
            return tuple(words)
    return tuple(words[:1])


_VERBS = frozenset("gives says shows marks lists puts counts sets makes takes brings notes has was is".split())


def counts(word: str) -> bool:
    """A noun that counts something: 'peacekeepers', 'countries', 'personnel' (not 'gives', not 'paper's')."""
    if word in {"personnel", "police", "staff", "people", "troops", "officers"} or word.endswith("men"):
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and word not in _VERBS
