"""Whose words a number is: the writer's own claim, or someone else's the writer quotes, reports or promises on
their behalf. A false accusation is the worst error a checker can make, and a number in another's words is one
a writer often puts down in order to correct it: such a number is at most unverified."""

from __future__ import annotations

import re

from factcli.reading.mention import Mention

#: Words before a number that make it a promise or an aim ("pledged a stand-by force of 8,000 troops"): what
#: was promised is no count of what was done, so a fact's count cannot refute it. Money pledged is another
#: matter: the pledge is the fact ("pledged US$20 million" against the 20 million Australian dollars given).
_PLEDGE = re.compile(
    r"\b(?:pledg\w*|promis\w*|vow\w*|plans?\s+to|planned|aims?\s+to|aimed\s+to|intends?\s+to)\b[^.;:]*$",
    re.I,
)
#: A fact that is itself a promise ("China will keep participating in consultation between ASEAN and the five
#: nuclear countries"): a writer's figure of what is promised is its to refute.
_PROMISE = re.compile(r"\b(?:will|shall|pledged?|promised?|undertakes?|plans?\s+to|aims?\s+to)\b", re.I)


#: Another text's or person's words, reported ("An article on naval diplomacy said the voyage called at 12
#: countries", "It said that …", "critics claim …"): a writer reports them to correct them as often as not. The
#: sources' own words ("the 2008 paper says …") are no such report: a writer who misquotes them is wrong.
_REPORTED = re.compile(
    r"(?:\b(?:an?|the|our|this|that|one)\s+(?:[\w-]+\s+){0,3}?(?:report|article|story|profile|timeline|piece|column|"
    r"post|tweet|analysis|headline|caption|graphic|chart|commentator|commenter|critic|blogger)s?"
    r"(?:\s+(?:on|in|about)\s+[\w\s-]{1,40}?)?|\bcritics|\bcommenters|\bsomeone)\s+"
    r"(?:said|says|stated|reported|wrote|claimed|claims|described|suggested)\b"
    r"|\b(?:it|we)\s+(?:said|stated|reported|wrote|claimed)\s+that\b",
    re.I,
)


def _quoted(sentence: str, at: int) -> bool:
    """The number stands inside a quotation of three words or more ('posts "China has 2,000 troops in Africa"'):
    someone else's words, which a writer often quotes to correct."""
    before = sentence[:at]
    opened = before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1
    if not opened:
        return False
    start = max(before.rfind("“"), before.rfind('"'))
    end = min((i for i in (sentence.find("”", at), sentence.find('"', at)) if i >= 0), default=len(sentence))
    return len(sentence[start + 1 : end].split()) >= 3


def not_the_writers(mention: Mention, before: str, after: str, claim: str) -> str:
    """Why the number is not the writer's own claim ('' when it is): quoted, reported, or promised (unless the
    fact, ``claim``, is itself a promise)."""
    if _quoted(before + after, len(before)):
        return "in quotation marks: the writer may be quoting it to refute it"
    if _REPORTED.search(before):
        return "what another text said: the writer may be reporting it to correct it"
    promised = _PLEDGE.search(before[-80:])
    if mention.currency is None and promised and not _PROMISE.search(claim):  # a promise is judged by one
        return "a pledge or a plan, not a figure of what was done"
    return ""
