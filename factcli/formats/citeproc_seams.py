"""Where two pieces of a reference meet, the punctuation pandoc's citeproc leaves there; citeproc-py's own rule
(a doubled mark and a double space dropped) is narrower, and it prints the affixes of an empty element.

pandoc's citeproc (Citeproc.Types: ``renderOutput``, ``addDelimiters``, ``fixPunct``, ``addFormatting``):

- an element that renders nothing has no prefix or suffix either ("Available at: ." becomes nothing);
- the pieces a delimiter joins skip the empty ones, and no delimiter goes before a piece that starts with
  ",", ";" or "." ("China, . 2008" is "China. 2008");
- where one piece ends and the next starts, a pair of marks is reduced by a fixed table: ":." keeps ":",
  ";." keeps ";", ":!" keeps "!", a space before " ", "," or "." goes, … (``_KEEP_FIRST``, ``_KEEP_SECOND``);
- a prefix and a suffix meet their element by the same table (" " before ", 2002" goes).

Applied by citeproc_fixes.apply(); each piece is compared by its text without the formatter's HTML tags.
"""

from __future__ import annotations

import re
from typing import Any

#: (end of the first piece, start of the next): the next piece loses its leading run of that mark.
_KEEP_FIRST = frozenset({
    (":", ":"), (";", ":"), ("!", ":"), ("?", ":"), (":", "."), (".", "."), (";", "."), ("!", "."), ("?", "."),
    (";", ";"), (",", ";"), (",", ","),
})  # fmt: skip
#: (end of the first piece, start of the next): the first piece loses its trailing run of that mark.
_KEEP_SECOND = frozenset({
    (":", "!"), (";", "!"), ("!", "!"), (":", "?"), (";", "?"), ("?", "?"), (" ", " "), (" ", ","), (" ", "."),
})  # fmt: skip
_TAG = re.compile(r"<[^>]+>")


def apply(model: Any) -> None:
    from citeproc import string

    def wrap(self: Any, text: Any) -> Any:
        if text is None or visible(text) == "":
            return None
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        return seamed([piece for piece in (prefix, text, suffix) if piece != ""])

    def join(items: Any, delimiter: Any = "") -> Any:
        pieces = [item for item in items if item is not None and visible(item) != ""]
        if not pieces:
            return string.String("")
        spaced = [pieces[0]]
        for piece in pieces[1:]:
            if delimiter and visible(piece)[:1] not in (",", ";", "."):
                spaced.append(delimiter)
            spaced.append(piece)
        return seamed(spaced)

    model.Affixed.wrap = wrap
    model.join = join
    string.join = join


def visible(text: Any) -> str:
    """The text a reader sees: without the HTML tags of citeproc-py's formatter."""
    return _TAG.sub("", str(text))


def seamed(pieces: list[Any]) -> Any:
    """The pieces concatenated, each seam reduced as pandoc's ``fixPunct`` reduces it."""
    out = pieces[0]
    for piece in pieces[1:]:
        while str(piece) != "":  # a mark dropped at the end of the first piece: the new end meets it again
            last, first = visible(out)[-1:], visible(piece)[:1]
            if (last, first) in _KEEP_FIRST and str(piece).startswith(first):
                piece = trimmed(piece, first, end=False)
            elif (last, first) in _KEEP_SECOND and str(out).endswith(last):
                out = trimmed(out, last, end=True)
                continue
            break
        if str(piece) != "":
            out = out + piece
    return out


def trimmed(text: Any, mark: str, *, end: bool) -> Any:
    """``text`` without its leading (or, ``end``, trailing) run of ``mark``, in citeproc-py's string classes."""
    from citeproc.string import MixedString

    def trim(segment: Any) -> Any:
        raw = str(segment)
        cut = raw.rstrip(mark) if end else raw.lstrip(mark)
        return cut if type(segment) is str else type(segment)(cut)

    if not isinstance(text, MixedString):
        return trim(text)
    segments = list(text)
    at = -1 if end else 0
    segments[at] = trim(segments[at])
    return MixedString([segment for segment in segments if str(segment) != ""])
