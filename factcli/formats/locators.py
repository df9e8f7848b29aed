"""The section of a document as a citation's locator, written so that pandoc's citeproc reads it as meant.

pandoc reads a locator at the start of a citation's suffix: a label it knows
("sec.", "p.", "chap."…) and a value with a digit or a roman numeral. A
section named "6. Cooperation in Non-Proliferation and Disarmament" therefore
becomes the locator "6" and the suffix ". Cooperation in …", which numbered
styles print after the bracket, breaking the sentence: "ninth [1, Sec. 6].
Cooperation in …". Put in braces, every section of several words becomes
plural ("secs."). So a numbered section is cited by its number ("sec. 6": one
locator, formatted by the style), and any other by its name after "sec.",
which pandoc keeps as the suffix; a name whose first word pandoc would take
for a locator value ("1990s", "Mix") is quoted.
"""

from __future__ import annotations

import re
from typing import Any

from factcli.formats.pandoc_text import inlines, stringify

_ROMAN = r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBERED = re.compile(rf"(\d+(?:\.\d+)*|{_ROMAN})\.?")
#: The locator labels of CSL's en-US locale (long, short and symbol forms), as pandoc matches them.
_LABELS = frozenset(
    "book books bk. bks. chapter chapters chap. chaps. column columns col. cols. figure figures fig. figs. "
    "folio folios fol. fols. number numbers no. nos. line lines l. ll. note notes n. nn. opus opera op. opp. "
    "page pages p. pp. paragraph paragraphs para. paras. ¶ ¶¶ part parts pt. pts. section sections sec. secs. "
    "§ §§ verse verses v. vv. volume volumes vol. vols. s.v. s.vv.".split()
)


def section_suffix(section: str, *, smart: bool) -> list[Any]:
    """', sec. 6' for a numbered section, ', sec. Participating in UN Peacekeeping Operations' otherwise."""
    words = section.split()
    first = words[0] if words else ""
    numbered = _NUMBERED.fullmatch(first)
    if numbered and numbered.group(1):
        written = f"sec. {numbered.group(1)}"
    elif _reads_as_value(first):
        written = f'sec. "{section}"'
    else:
        written = f"sec. {section}"
    return [{"t": "Str", "c": ","}, {"t": "Space"}, *inlines(written, smart=smart)]


def _reads_as_value(word: str) -> bool:
    return any(c.isdigit() for c in word) or bool(word and re.fullmatch(_ROMAN, word.upper()))


def has_locator(suffix: list[Any]) -> bool:
    """Whether a writer's suffix starts with a locator pandoc reads (", p. 3", ", 45", ", {ii, A}", ", chap. iv"),
    which then replaces the section."""
    words = stringify(suffix).replace("\u00a0", " ").lstrip(" ,").split()
    if not words:
        return False
    if words[0].startswith("{") or any(c.isdigit() for c in words[0]):
        return True
    label = words[0].lower()
    return label in _LABELS and len(words) > 1 and _reads_as_value(words[1].strip("()[],;"))
