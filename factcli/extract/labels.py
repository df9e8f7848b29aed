"""A statement in the store's words: its unit, topic, metric, entities, id and claim.

Units are the store's where it has them ("troops" and "policemen" are `personnel`, "personnel/time" is
`person-times`, "mission areas" is `mission-areas`), else the counted noun as a plural; the topic is the
one the section's heading names, else the one most of the store's facts with the same words have; a
metric only when its unit is the statement's and its own words are the clause's.
"""

from __future__ import annotations

import re
from collections import Counter

from factcli.reading.nouns import DURATIONS, counts
from factcli.reading.numbers import NUM, WORDNUM
from factcli.reading.words import content

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from factcli.model import Metric, Topic

#: Nouns for people, which the store counts as `personnel`.
PERSONS = frozenset(
    "personnel troops troop soldiers soldier observers observer officers officer policemen policeman police "
    "servicemen serviceman men staff students student peacekeepers peacekeeper advisors advisers cadets members "
    "sailors pilots medics engineers guards comrades workers".split()
)
#: Nouns that count countries in a document on states: "the six SCO member states", "nine of its 14 land neighbors".
COUNTRIES = frozenset("countries states nations neighbors neighbours partners".split())
#: Words that make a compound unit with the noun after them: "mission areas", "task forces", "press conferences".
MODIFIERS = frozenset("mission nautical task press person man square port chemical working call".split())
#: Nouns the store counts under another word: "drills" are `exercises`.
SYNONYMS = {"drills": "exercises", "citizens": "people", "nationals": "people", "civilians": "people"}
#: Ships escorted, rescued or freed are `vessels` (the merchant ships of the store's escort metrics); a navy's own
#: ships, sent or exercising, stay `ships`.
_GUARDED = re.compile(
    r"\b(?:escort|rescu|protect|guard|seiz|hijack)(?:ed|ing)\b[^.;:]{0,50}$|\bfreed\b[^.;:]{0,50}$"
    r"|\bescort\s+(?:missions|operations)\s+for\b[^.;:]{0,40}$",
    re.I,
)
#: "43 countries and regions", "67 countries and organizations": one count of a mixed set, one unit.
_AND_OTHERS = re.compile(r"\s+and\s+(?:international\s+|other\s+)?(regions|organizations|territories)\b")
_RATE = re.compile(r"\s+(?:a|per|each)\s+(day|week|month|year)\b")
CURRENCIES = {"A$": "AUD", "AU$": "AUD", "US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "CNY", "RMB": "CNY",
              "yuan": "CNY", "euros": "EUR", "pounds": "GBP", "dollars": "USD"}  # fmt: skip
#: A word of what a figure counts, past a bracket ("(in two batches)") or a quoted name ('nine "Peace Mission" …').
_WORDS = re.compile(r"\s*(?:\([^)]{0,40}\)\s*|[\"“][^\"”]{1,40}[\"”]\s*)?([^\W\d_][\w'’/-]*)")
#: "another one of the 12 international conventions", "10 of the conventions": what follows is what is counted.
_PARTITIVE = re.compile(rf"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:{NUM}|(?i:{WORDNUM}))\s+)?(?=[^\W\d_])")
#: Compound units a document writes as two words: "nine UN mission areas" counts `mission-areas`.
COMPOUNDS = frozenset("mission-areas nautical-miles person-times man-days square-kilometres square-kilometers".split())
#: Words after a number that say people died: what is counted are people.
_DIED = frozenset("lost laid died killed".split())
_BREAK = frozenset(
    "or in to from at with by for on as than that which who while since per of through were was is are be been had "
    "has have will would could can did does do may might must should".split()
)
#: A currency after a dotted abbreviation of its country: "U.S. dollars", "H.K. dollars".
_DOTTED_CURRENCY = re.compile(r"\s+(?:[A-Z]\.){2,}\s+(dollars|pounds|euros|yuan)\b")
_STRONG = re.compile(r"-strong\b")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.;,)]|$)")
#: Words in s that are no noun a figure counts: "nine overseas voyages".
_NO_NOUN = frozenset("overseas various numerous previous".split())
#: "a 100-bed treatment center": a count of the noun after the hyphen.
_HYPHEN_NOUN = re.compile(r"-(bed|seat|room|member|vehicle|ship)\b")
_LOST = re.compile(r"(?:them|these|those|whom)\s+(?:have\s+|had\s+|has\s+)?(?:lost|laid down|died)\b")
_VERBS = frozenset("lost laid were was have had died remain remained are is".split())
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
#: "34 ship-times", "person-times": a count of times, its hyphen kept.
_TIMES = re.compile(r"[a-z]-times?$", re.I)
#: Nouns that are their own plural: "30 aircraft".
_SAME_PLURAL = frozenset("aircraft spacecraft hovercraft equipment sheep deer fish".split())
#: "up to 1,200 of them a day": the rate follows what the figure refers back to.
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b")


def noun_phrase(text: str, end: int) -> tuple[str, ...]:
    """The words of what the number ending at ``end`` counts ("engineering", "troops"), up to the first word
    that counts; ("/verb",) when a verb follows the number ("Eight lost their lives": said before)."""
    words: list[str] = []
    pos = end
    if _STRONG.match(text, pos):
        return ("personnel",)  # "an 8,000-strong standby force": a force of so many
    hyphen = _HYPHEN_NOUN.match(text, pos)
    if hyphen:
        return (plural(hyphen.group(1)),)  # "a 100-bed treatment center" counts beds
    partitive = _PARTITIVE.match(text, pos)
    if partitive:
        pos = partitive.end()
    if _LOST.match(text, pos):
        return ("personnel",)  # "13 of them have lost their lives": people died
    dotted = _DOTTED_CURRENCY.match(text, pos)
    if dotted:
        return (dotted.group(1).lower(),)  # "5.4 million U.S. dollars": the abbreviation names the currency
    for m in _WORDS.finditer(text, pos):
        if m.start() != pos:
            break
        pos = m.end()
        raw = m.group(1)
        word = raw.lower() if _TIMES.search(raw) else _INNER_HYPHEN.sub("", raw).lower().rstrip("'’")
        if not words and word in _VERBS:
            return ("personnel",) if word in _DIED else ("/verb",)
        if not words and word.endswith("ed") and _CLAUSE_ENDS.match(text, pos):
            return ("/verb",)  # "… recovered and over 60,000 destroyed.": what the figure before counted
        if raw.endswith(("'", "’")) and word not in DURATIONS:
            words.append(word)
            continue  # "military leaders' delegations": the delegations are counted
        if word == "and":
            if not words:
                break
            continue  # "Chinese and foreign civilian vessels"
        if word in _BREAK:
            break
        words.append(word)
        if word in _NO_NOUN or (word == "arms" and text.startswith(" control", pos)):
            continue  # "nine overseas voyages", "20 multilateral arms control treaties": words before the noun
        if counts(word.split("/")[0]) or word in _SAME_PLURAL or len(words) >= 6:
            break
    if words and words[-1] == "ships" and _GUARDED.search(text, max(0, end - 80), end):
        words[-1] = "vessels"
    others = _AND_OTHERS.match(text, pos) if words and words[-1] in COUNTRIES else None
    return (*words[:-1], f"countries-and-{others.group(1)}") if others else tuple(words)


def unit_of(words: tuple[str, ...], currency: str | None, known: set[str]) -> str | None:
    """The store's unit for what a figure counts."""
    if currency:
        return CURRENCIES.get(currency.strip(), currency.strip())
    if not words:
        return None
    if any(w.endswith("/time") or w.endswith("/times") for w in words):
        return "person-times"
    if words and words[-1].startswith("/per-"):  # a rate: "40 major operations a day"
        unit = unit_of(words[:-1], currency, known)
        return f"{unit}-{words[-1][1:]}" if unit else None
    if words == ("percent",):
        return "percent"
    if words == ("dollars",):
        return CURRENCIES["dollars"]
    i = max((k for k, w in enumerate(words) if counts(w.split("/")[0])), default=len(words) - 1)
    head = _american(words[i].split("/")[0])
    if i > 0 and (f"{words[i - 1]}-{head}" in known | COMPOUNDS or words[i - 1] in MODIFIERS):
        return f"{words[i - 1]}-{plural(head)}"
    if head in PERSONS or head.rstrip("s") in PERSONS:
        return "personnel"
    if head in COUNTRIES:
        return "countries"
    return SYNONYMS.get(head, plural(head))


def rate_of(text: str, end: int, words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` (what the number ending at ``end`` counts) with "/per-day" after them when what follows makes
    the figure a rate ("40 major operations a day")."""
    if not words:
        return words
    them = _OF_THEM.match(text, end)
    at = text.lower().find(words[-1], end)
    if them:
        m = _RATE.match(text, them.end())
    else:
        m = _RATE.match(text, at + len(words[-1])) if 0 <= at - end < 60 else None
    return (*words, f"/per-{m.group(1)}") if m else words


#: The store spells its units the American way: "tonnes" are `tons`, "kilometres" `kilometers`, "centres" `centers`.
_BRITISH = re.compile(r"(?<=[a-z]{3})tre(?=s?$)")


def _american(word: str) -> str:
    return "tons" if word in ("tonnes", "tonne") else _BRITISH.sub("ter", word)


def plural(word: str) -> str:
    if counts(word) or word.endswith("s") or word in _SAME_PLURAL:
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("ch", "sh", "x")) else "s")


def topic_of(said: str, neighbours: list[str], topics: Mapping[str, Topic]) -> str:
    """The topic most of the store's nearest facts have, else the one whose key and title share most words with
    what is ``said`` (the heading and the quote), else the first."""
    votes = Counter(neighbours[:12])
    if votes:
        return votes.most_common(1)[0][0]
    words = content(said)
    scored = sorted(topics, key=lambda key: -len(words & content(f"{key.replace('-', ' ')} {topics[key].title}")))
    return scored[0] if scored else "general"


def topic_named(heading: str, topics: Mapping[str, Topic]) -> str:
    """The topic two words of ``heading`` name that no other topic's key or title has ("Cooperation in Combating
    Transnational Crimes": law-enforcement, "Law enforcement and transnational crime"), else ''."""
    words = {key: content(f"{key.replace('-', ' ')} {topic.title}") for key, topic in topics.items()}
    seen = Counter(w for ws in words.values() for w in ws)
    said = content(heading)
    scores = {key: len({w for w in ws & said if seen[w] == 1}) for key, ws in words.items()}
    best = sorted(scores.items(), key=lambda item: -item[1])
    if best and best[0][1] >= 2 and (len(best) == 1 or best[1][1] < best[0][1]):
        return best[0][0]
    return ""


def metric_of(unit: str | None, clause: str, metrics: list[Metric]) -> str | None:
    """The metric of the same unit whose own words (key and aliases, the unit's aside) the clause has most of:
    two at least, and more than any other metric's; else none (a wrong metric puts a figure in the wrong
    series, a missing one the curator adds)."""
    if unit is None:
        return None
    words = content(clause) - content(unit.replace("-", " "))
    scores = []
    for metric in metrics:
        if metric.unit == unit:
            key = len(words & content(metric.key.replace("-", " ")))
            aliases = len(words & content(" ".join(metric.aliases)))
            if key >= 2:
                scores.append((2 * key + aliases, metric.key))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def slug(words: str, limit: int = 6) -> str:
    """Lower-case words joined by hyphens, small words left out."""
    small = {"the", "a", "an", "of", "in", "and", "on", "for", "to", "by", "with", "at"}
    parts = [w for w in re.findall(r"[a-z0-9]+", _INNER_HYPHEN.sub("", words.lower())) if w not in small]
    return "-".join(parts[:limit])
