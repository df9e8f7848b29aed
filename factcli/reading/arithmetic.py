"""The writer's own arithmetic: a share of their own figures, a rate, a sum or a total they worked out ("together,
11", "so nine navies in all", "(our sum)"), and "the two sides" that counts nothing. Numbers no fact states, so
check-draft gives them no verdict."""

from __future__ import annotations

import re

#: Words that say a number is a share or ratio the writer worked out, not a fact's figure.
#: "11 a year", "6.7 ships per mission", "two each": a rate the writer worked out.
_RATE = re.compile(
    r"\s*(?:(?:[A-Za-z-]+\s+){0,3}?(?:(?:a|an)\s+(?:year|month|week|day)\b|(?:per|each)\s+[A-Za-z])"
    r"|times\b|-fold\b|fold\b|to\s+one\b|for\s+every\b)",  # "two treaties per partner", "4.4 to one": ratios
    re.I,
)
#: A share of something the draft itself counts ("about 39 percent of China's blue helmets", "of the total"),
#: which the writer worked out; a share of a budget or of GDP is a statistic of its own.
_DERIVED = re.compile(
    r"^\s*(?:%|percent|per cent)?\s*(?:of\s+(?:the\s+|its\s+|their\s+|that\s+|china['’]s\s+)?"
    r"(?:(?:[A-Za-z-]+\s+){0,2}(?:force|forces|contingent|contingents|troops|personnel|peacekeepers|helmets|"
    r"engineers|total|whole|all|these|them|those)\b)"
    r"|per\b|a\b|an\b)",
    re.I,
)
#: Words beside a number that make it the writer's own sum ("together, 11 of them", "11 in all"): arithmetic
#: on the facts, not a fact.
_SUM = r"(?:together|altogether|combined|all told|all in all|if you add (?:them|these|those|it) up)"
#: A change the writer worked out: "a rise of at least 50 percent", "an increase of about half".
_CHANGE_BEFORE = re.compile(r"\b(?:rise|increase|growth|jump|decline|fall|drop|cut)\s+of\s+(?:[a-z]+\s+){0,2}$", re.I)
_SUM_BEFORE = re.compile(
    rf"(?:\b{_SUM}[,:]?\s+(?:the\s+)?|\b(?:come|comes|came|add|adds|added)\s+(?:up\s+)?to\s+)(?:some\s+|about\s+)?$",
    re.I,
)
#: The writer saying a figure is their own working: "(our sum)", "by our arithmetic", "(author's calculation)".
_OURS = re.compile(
    r"\((?:our|my|the author['’]?s?|authors['’]) (?:own )?(?:sum|total|calculation|arithmetic|estimate|count)\)"
    r"|\bby (?:our|my) (?:own )?(?:arithmetic|calculation|count|reckoning)\b",
    re.I,
)
#: A label that makes the figure after it a rate or an average: "Ships per mission, on average: **6.7**".
_RATE_LABEL = re.compile(r"\b(?:per|average|averaged|mean)\b[^:\n]*:\s*[*_]*$", re.I)
_THE_TWO = re.compile(r"\bthe\s+$", re.I)
_PAIR_NOUN = re.compile(
    r"^\s+(?:defen[cs]e\s+)?(?:sides|countries|navies|militaries|armies|ministries|governments|leaders|presidents|"
    r"ministers|nations|parties|capitals|heads)\b",
    re.I,
)
_TOTAL_OF = re.compile(
    r"\b(?:his|her|their|our|my|your|the reader['’]s)\s+(?:own\s+)?(?:total|sum|tally)\s+of\s+$", re.I
)
#: "…, so nine navies in all": the writer adding up, not a figure of the store's.
_SO_BEFORE = re.compile(r"\b(?:so|making|that makes|which makes)\s+$", re.I)
_IN_ALL_AFTER = re.compile(r"^(?:\s+[A-Za-z-]+){0,3}?\s+(?:in all|in total|all told|altogether)\b", re.I)
_SUM_AFTER = re.compile(rf"^(?:\s+[A-Za-z-]+){{0,3}}?,?\s+{_SUM}\b", re.I)


def derived(sentence: str, start: int, end: int, percent: bool) -> bool:
    """The writer's own arithmetic: a share of their own figures, a rate or ratio, a sum ("together, 11")."""
    after = sentence[end:]
    if (percent and _DERIVED.match(after)) or _RATE.match(after) or _SUM_AFTER.match(after):
        return True
    if percent and _CHANGE_BEFORE.search(sentence[max(0, start - 40) : start]):
        return True
    if _OURS.search(sentence[end : end + 80].split(".")[0]):
        return True  # "a full 558 troops across its three units (our sum)", "… by our arithmetic"
    pair = sentence[start:end].lower() == "two" and _THE_TWO.search(sentence[max(0, start - 6) : start])
    if pair and _PAIR_NOUN.match(after):
        return True  # "the two navies' second exchange", "the two sides": the pair just named, no count
    if _TOTAL_OF.search(sentence[max(0, start - 30) : start]):
        return True  # "His total of 1,861 troops in formed units, plus the 88 …": someone's own addition
    if _SO_BEFORE.search(sentence[max(0, start - 12) : start]) and _IN_ALL_AFTER.match(after):
        return True  # "eight other countries plus China, so nine navies in all"
    if _RATE_LABEL.search(sentence[max(0, start - 60) : start]):
        return True  # "Ships per mission, on average: **6.7**"
    return bool(_SUM_BEFORE.search(sentence[max(0, start - 30) : start]))
