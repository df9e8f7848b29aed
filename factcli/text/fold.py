"""Text folding shared by search, alias lookup and quote checking.

Users type "Cote d'Ivoire" for "Côte d’Ivoire"; documents print "Chi-nese"
across a line break. Folding both sides the same way makes them meet.
"""

from __future__ import annotations

import re
import unicodedata

#: Typographic quotes, dashes and no-break spaces as their plain ASCII forms.
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[-']\w+)*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Case-, accent- and typography-insensitive form of ``text`` with single spaces."""
    if not text.isascii():  # the per-character pass is only needed beyond ASCII (and costs 10x)
        text = unicodedata.normalize("NFKD", valid(text).translate(TYPOGRAPHY))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text.casefold()).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``; hyphenated and apostrophe words stay whole."""
    return _WORD.findall(fold(text))


def valid(text: str) -> str:
    """``text`` with what stands for bytes that were not UTF-8 (an argument, a file name: Python keeps them as
    lone surrogates, which no UTF-8 encoder takes) as U+FFFD, the replacement character."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)
