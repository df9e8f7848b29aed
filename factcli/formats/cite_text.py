"""citeproc-py's formatted output as pandoc prints it: plain text (or Markdown), quotes and authors as the
style asks.

citeproc-py writes HTML; pandoc's plain-text writer prints superscripts as "¹", small caps as capitals and
drops italics. Punctuation after a closing quote goes inside it where the style's locale says so
(``punctuation-in-quote``: en-US does, en-GB and most others do not), as pandoc's citeproc moves it, and a
mark already ending the quotation is not doubled. CSL's subsequent-author-substitute ("———." in MLA), which
citeproc-py does not implement, is applied here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
#: What pandoc moves inside a closing quote (Citeproc.Pandoc: punctuationInsideQuotes), and what already ends one.
_MOVABLE = ".,!?"
_ENDING = ".,;:!?"


def printed(formatted: str, csl: Any, *, markdown: bool = False) -> str:
    """citeproc-py's HTML as pandoc prints it with the style ``csl`` (a citeproc-py CitationStylesStyle)."""
    text = _text(formatted, markdown=markdown)
    root = csl.root
    if str(root.get_locale_option("punctuation-in-quote")).lower() == "true":
        for name in ("close-quote", "close-inner-quote"):
            text = _inside(text, html.unescape(str(root.get_single_term(name=name))))
    return text.rstrip()


def _inside(text: str, close: str) -> str:
    if not close:
        return text

    def move(m: re.Match[str]) -> str:
        before, mark = m.group(1), m.group(2)
        return before + close if before in _ENDING else before + mark + close

    pattern = re.compile(rf"(.){re.escape(close)}([{re.escape(_MOVABLE)}])")
    while True:  # ',".' moves its comma in, then loses its period
        moved = pattern.sub(move, text)
        if moved == text:
            return text
        text = moved


def _text(formatted: str, *, markdown: bool = False) -> str:
    """citeproc-py's HTML as pandoc prints it in plain text (superscripts as ¹, small caps as capitals) or in
    Markdown (italics and bold kept)."""
    text = re.sub(r"<sup>(.*?)</sup>", lambda m: m.group(1).translate(_SUPERSCRIPT), formatted, flags=re.S)
    text = re.sub(r"<sub>(.*?)</sub>", lambda m: m.group(1).translate(_SUBSCRIPT), text, flags=re.S)
    text = re.sub(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>', lambda m: m.group(1).upper(), text)
    italic, bold = ("*", "**") if markdown else ("", "")
    text = re.sub(r"</?(?:i|em)>", italic, text)
    text = re.sub(r"</?(?:b|strong)>", bold, text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def substitute_repeated_authors(style: Path, authors: Sequence[str], entries: list[str]) -> list[str]:
    """An author repeated from the entry before replaced by the style's substitute ("———"), whatever case the
    style prints names in (small capitals come out as capitals)."""
    match = re.search(r'subsequent-author-substitute="([^"]*)"', style.read_text("utf-8"))
    if match is None:
        return entries
    substitute = html.unescape(match.group(1))  # the attribute is XML: "&#8212;" is "—"
    out = list(entries)
    for i in range(1, len(out)):
        name = authors[i]
        if name == authors[i - 1] and out[i][: len(name)].casefold() == name.casefold():
            out[i] = substitute + out[i][len(name) :]
    return out
