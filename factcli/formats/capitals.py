"""Where a sentence starts, and a value's first letter as the sentence needs it.

A value written at the start of a sentence (a paragraph, heading, list item,
table cell, or after a full stop) gets a capital: "four" → "Four". Inside a
sentence a value whose first word is a common word loses its capital:
"Ninth" → "ninth", "In May 1997" → "in May 1997", "Since 2015" → "since
2015"; a name keeps it ("January", "ASEAN").
"""

from __future__ import annotations

from factcli.formats.pandoc_text import ABBREVIATIONS, NBSP
from factcli.reading.numbers import ORDINAL_WORDS, UNITS

#: Words a value may begin with that are not names (besides number words and ordinals).
COMMON_WORDS = frozenset(
    "a about above after against almost an approximately around at before below between both by during each "
    "early every few fewer for from half in last late less many more most nearly next no nearly of on once over "
    "past roughly several since some the this these those thrice twice under until up well within".split()
)
#: What may close a sentence's last word after its full stop: quotes and brackets.
_CLOSERS = "\"')]}\u2019\u201d\u00bb"


class Sentence:
    """Whether the next word of a run of text starts a sentence."""

    def __init__(self) -> None:
        self.start = True

    def after(self, word: str) -> None:
        """The run went on with ``word`` (a ``Str``): a full stop ends a sentence, unless it ends an
        abbreviation pandoc knows ("e.g.", "No.", "sec.")."""
        last = word.rsplit(NBSP, 1)[-1]
        self.start = last.rstrip(_CLOSERS).endswith((".", "!", "?")) and last not in ABBREVIATIONS


def value_words(value: str, *, start: bool) -> str:
    """``value`` with the first letter a sentence needs there."""
    if not value:
        return value
    if start:
        return value[0].upper() + value[1:]
    first = value.split()[0]
    root = first.lower().split("-")[0]
    capitalised = first[:1].isupper() and not any(c.isupper() for c in first[1:])  # "Twenty-five", not "ASEAN"
    if capitalised and (root in COMMON_WORDS or root in UNITS or root in ORDINAL_WORDS):
        return value[0].lower() + value[1:]
    return value
