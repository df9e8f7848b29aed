"""Quotes with the archived texts' line-break hyphens joined ("mili-tary" → "military"), for printing only.

A stored quote stays verbatim: validate compares it with the archived text, and
a hyphen there may be the writer's ("peace-keeping", "stand-by"). Which hyphens
the line breaks made is read from the store itself: a word split by a hyphen
is joined when the store writes it whole where no line ever breaks (a claim, a
section heading, a title) and never hyphenated there. "ex-change" is joined
(claims say "exchange"); "peace-keeping" is kept (a section heading has it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from factcli.model import Fact

_SPLIT = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")


def joiner(facts: Iterable[Fact], titles: Iterable[str] = ()) -> Callable[[str], str]:
    """A function joining the line-break hyphens of a quote, learnt from ``facts`` (and source ``titles``)."""
    facts = list(facts)
    unbroken = " ".join([*(f.claim for f in facts), *(c.section for f in facts for c in f.citations), *titles])
    unbroken = unbroken.lower()
    whole = set(re.findall(r"[a-z]+", unbroken))
    hyphenated = set(re.findall(r"[a-z]+(?:-[a-z]+)+", unbroken))

    def join(quote: str) -> str:
        def one(m: re.Match[str]) -> str:
            word = (m.group(1) + m.group(2)).lower()
            return m.group(1) + m.group(2) if word in whole and m.group().lower() not in hyphenated else m.group()

        return _SPLIT.sub(one, quote)

    return join
