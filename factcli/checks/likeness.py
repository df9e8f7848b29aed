"""Whether a writer's number and a fact are alike: of the same kind (an ordinal, a percentage, money in the
same currency), of the same time, from the same passage, about the same names and topic.

These are the yes-or-no tests ``binding`` weighs its parts with and ``verdicts`` judges currencies by.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from factcli.checks.context import Sentence
from factcli.checks.entities import Names
from factcli.checks.profiles import Profile
from factcli.reading.mention import Mention
from factcli.reading.words import DURATION_UNITS, stem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.model import Fact

_CURRENCY_UNITS = {
    "aud": "A$", "usd": "US$", "cny": "RMB", "rmb": "RMB", "yuan": "RMB", "¥": "RMB", "eur": "€", "dollars": "$",
}  # fmt: skip


#: What a count of countries (partners, states) is a count of: the doing that makes them counted.
DOINGS = frozenset(
    stem(w)
    for w in "consultations exercises drills dialogues talks visits delegations treaties agreements conventions "
    "offices attaches students operations missions escorts symposiums seminars workshops courses meetings "
    "summits relations ties exchanges projects training".split()
)
#: Capitalised words that name nothing a fact must share: the writer's subject and the calendar.
_NOT_NAMES = frozenset(
    "china chinese pla beijing un united nations the a an in on at of and but while as by for this that these "
    "those it its their white paper papers january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_COUNTING = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth one two three four five six seven eight nine "
    "ten".split()
)
#: A name: a word with digits ("Peace-2007"), or two capitalised words in a row ("Arabian Sea"), not opening
#: the clause, a sentence or a table cell.
_NAME = re.compile(r"(?<![.!?:|]\s)\b([A-Z][a-z]+-[0-9]+|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)")


def names(clause: str) -> set[str]:
    """The stems of the words of the names a clause gives ("Peace-2007", "Arabian Sea"), but at its start."""
    text = clause.lstrip()
    words = [w for m in _NAME.finditer(text) if m.start() > 0 for w in re.split(r"[\s-]+", m.group(1))]
    return {stem(w) for w in words if w.lower() not in _NOT_NAMES and not w.isdigit() and w.lower() not in _COUNTING}


#: Words before a counted noun that name no kind of it in this subject ("military personnel", "Chinese troops").
PLAIN_KINDS = frozenset(stem(w) for w in "military chinese china un pla total peacekeeping".split())
#: Generic counted things: what they count is said by the doing around them.
GENERIC = frozenset(stem(w) for w in "countries nations states partners navies".split())
#: Entities that tell one figure from another's: a clause naming one the fact does not name is about another.
SPECIFIC = frozenset({"country", "mission"})


def restates(mention: Mention, p: Profile) -> bool:
    """'That is nearly 2,000' after 1,949; 'More than 11,000 deployments' after 11,063; 'fourteen countries, so
    more than a dozen': the same figure, rounded (within a tenth of it) or bounded, and borne out by the fact."""
    if mention.kind == "date" or mention.value is None or p.fact.value is None or not p.fact.value:
        return False
    gap = abs(mention.value - float(p.fact.value))
    close = gap <= 0.1 * abs(float(p.fact.value))
    bounded = mention.qualifier != "exact" and gap <= _BOUND_GAP * abs(float(p.fact.value))
    return (close or bounded) and mention.low <= p.low and p.high <= mention.high


#: A bound restates a figure when it is this near it ("more than a dozen" after fourteen), not any figure it
#: allows ("more than 60 medical personnel" after 275 engineers is another figure).
_BOUND_GAP = 0.25


def about_another_topic(sentence: Sentence, p: Profile, names: Names, topics: set[str] | None = None) -> bool:
    """The sentence (or the number's own clause: ``topics``) names a topic (counter-terrorism) that is not the
    fact's and that the fact says nothing of."""
    topic = p.fact.topic
    topics = sentence.topics if topics is None else topics
    others = topics - {topic}
    if not others or topic in sentence.topics or sentence.words & names.topic_words.get(topic, set()):
        return False
    return not any(names.topic_words.get(t, set()) <= p.words for t in others)


def same_passage(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """One quote inside the other (same source): 'Since 1990 … 18 UN peacekeeping operations.' and the
    same with '… Eight lost their lives on duty.' are one passage."""
    split = [(a.split(":", 1), b.split(":", 1)) for a in ours for b in theirs]
    return any(a[0] == b[0] and (a[1] in b[1] or b[1] in a[1]) for a, b in split)


def same_kind(mention: Mention, fact: Fact) -> bool:
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


def currency_of(fact: Fact) -> str | None:
    """The currency a fact's unit names ('AUD' → 'A$'); '$' for bare dollars; None for no money."""
    return _CURRENCY_UNITS.get((fact.unit or "").lower())


def writers_currency(mention: Mention) -> str | None:
    """The currency the writer names ('AU$' is 'A$'; a bare '$' or 'dollars' names no country)."""
    if mention.currency is None:
        return None
    ours = mention.currency.upper().replace("AU$", "A$")
    return "$" if ours in ("$", "DOLLARS") else _CURRENCY_UNITS.get(ours.lower(), ours)


def other_of_same_kind(named: frozenset[str], entities: frozenset[str], names: Names) -> bool:
    """The clause names a country (mission, …) and the fact is about other countries (missions, …)."""
    kinds = {names.kind(e) for e in entities}
    return any(names.kind(n) in kinds for n in named)


def overlap(writer: Mention, fact: tuple[dt.date, dt.date]) -> bool:
    assert writer.span is not None
    first, last = writer.span
    if writer.since:
        last = dt.date.max
    return first <= fact[1] and fact[0] <= last


def same_time(writer: Mention, p: Profile) -> bool:
    """The writer's date is the fact's, at the precision either gives ('since 1990' and a period from 1990)."""
    assert writer.span is not None
    if writer.since:  # "since 1990": the period from then to the latest the store has
        period = p.fact.period
        return bool(period and period.start and period.start[:4] == str(writer.span[0].year)) and p.latest
    first, last = writer.span
    if writer.document:  # "the 2002 white paper": its own year, though it looks back on the year before
        first = dt.date(last.year, 1, 1)
    return (first, last) == p.span or (first.year == p.span[1].year == last.year)
