"""The words a sentence and a fact are compared by: Snowball stems, with the few synonyms writers swap.

Stems make "engineers" meet "engineering" and "transport" meet "transportation";
the synonym lists say what a writer's "soldiers" or "partners" count in the
store's words. Months and years are not words here: a date is compared as a date.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from factcli.text.fold import fold

STOP = frozenset(
    "a about above after again all also an and any are as at be been before being between both but by can did do "
    "does during each for from had has have having he her here his how if in into is it its just more most no nor "
    "not now of off on once only or other our out over own same she should so some such than that the their them "
    "then there these they this those through to too under until up very was we were what when where which while "
    "who whom why will with would you your since end per year years total number nearly almost around roughly least "
    "fewer less china chinese china's paper white figure figures says said say put gives give time times "
    # months are when, not what: a date is compared as a date, never as a shared word
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
DURATION_UNITS = frozenset("year years month months week weeks day days decade decades".split())


@functools.cache
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: 'engineers' meets 'engineering', 'transport' meets 'transportation'
    ('officers' stays apart from 'offices', which the stemmer makes one)."""
    word = word.lower().strip("'’")
    return _KEPT.get(word) or str(_stemmer().stemWord(word))


#: Words the stemmer would merge with another that means something else.
_KEPT = {"officer": "officer", "officers": "officer"}


@functools.cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


#: Words for the same counted thing: a writer's "soldiers" are the paper's "troops", "policemen" its "police".
_SAME_COUNT = (
    "personnel troop soldier servicemen men peacekeep officer",
    "polic policemen policeman",
    "countri nation state partner navi neighbour neighbor",
    "medic medical",
    "ship vessel",
    "engin engineer",
    "transport transportation",
    "voyag navig cruis",
    "institution academy school college university",
)


@functools.cache
def counted(word: str) -> frozenset[str]:
    """``word`` and the stems of the words that count the same thing."""
    for group in _SAME_COUNT:
        stems = {stem(w) for w in group.split()}
        if word in stems:
            return frozenset(stems)
    return frozenset({word})


#: Words that say the same of an event or a force, by their stems: "began" is "started", "naval" is "navy".
_SAME_WORD = {
    "began": "start", "begin": "start", "begun": "start", "launch": "start", "commenc": "start", "open": "start",
    "naval": "navi", "set": "establish", "creat": "establish", "met": "meet",
    "troop": "personnel", "soldier": "personnel",
    # a writer's abbreviations: "Intl Code of Conduct for Info Security", "govt", "dept"
    "intl": "internat", "int'l": "internat", "info": "inform", "govt": "govern", "dept": "depart", "natl": "nation",
    "defenc": "defens", "organis": "organ", "programm": "program",  # British and American spellings
}  # fmt: skip


_IN_CHINA = re.compile(r"\b(?:in|to|into)\s+(?:china|beijing)\b")


def content(text: str) -> set[str]:
    """The stems of the words that say what a text is about ('MH370' is a word; '2007' is not)."""
    folded = _IN_CHINA.sub(" inchina ", fold(text))  # "attachés in Beijing" are "in China", not abroad
    words = re.findall(r"[^\W_]*[^\W\d_][^\W_]*", folded)
    stems = (stem(w) for w in words if w not in STOP and len(w) > 1)
    return {_SAME_WORD.get(s, s) for s in stems}
