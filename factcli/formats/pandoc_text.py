"""Text as pandoc's Markdown reader would have made it, in pandoc's JSON document tree.

What factcli writes into a manuscript (a value, a section, a reference's title)
must be the tree pandoc builds when a writer types the same words: otherwise
``factcli render`` (whose Markdown pandoc reads again) and the filter (whose
tree pandoc never reads again) print different documents. The reader splits
words into ``Str`` and ``Space``; with its ``smart`` extension it curls
apostrophes and quotes, makes dashes and ellipses, and ties an abbreviation
("sec.", "e.g.", "Jan.") to the next word with a no-break space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

Inline = dict[str, Any]

#: pandoc's abbreviations data file (identical in 2.17 and 3.x): the reader ties each to the next word.
ABBREVIATIONS = frozenset(
    "aet. aetat. al. Apr. Aug. bk. Bros. c. Capt. cf. ch. chap. chs. Co. col. Corp. cp. d. Dec. Dr. e.g. ed. eds. "
    "esp. f. fasc. Feb. ff. fig. fl. fol. fols. Fr. Gen. Gov. Hon. i.e. ill. Inc. incl. Jan. Jr. Jul. Jun. Ltd. "
    "M.A. M.D. Mar. Mr. Mrs. Ms. n. n.b. nn. No. Nov. Oct. p. Ph.D. pp. Pres. Prof. pt. q.v. Rep. Rev. s.v. s.vv. "
    "saec. sec. Sen. Sep. Sept. Sgt. Sr. St. univ. viz. vol. vs.".split()
)
#: The inline elements of pandoc's tree (pandoc-types 1.22 and 1.23).
INLINE_TYPES = frozenset(
    "Str Emph Underline Strong Strikeout Superscript Subscript SmallCaps Quoted Cite Code Space SoftBreak "
    "LineBreak Math RawInline Link Image Note Span".split()
)
NBSP = "\u00a0"


def inlines(text: str, *, smart: bool) -> list[Inline]:
    """``text`` as the reader's inlines: words, spaces, and (``smart``) typographic punctuation."""
    out: list[Inline] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return normalized(_typographic(_quoted(out)) if smart else out)


def _typographic(run: list[Inline]) -> list[Inline]:
    return [
        {"t": "Str", "c": _typographic_word(node["c"])}
        if node["t"] == "Str"
        else {"t": "Quoted", "c": [node["c"][0], _typographic(node["c"][1])]}
        if node["t"] == "Quoted"
        else node
        for node in run
    ]


def _typographic_word(word: str) -> str:
    word = word.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    return re.sub(r"(?<=\w)'|'(?=\d0s)", "\u2019", word)  # apostrophes: "People's", "the '90s"


def _quoted(words: list[Inline]) -> list[Inline]:
    """Straight quotes around words as pandoc's ``Quoted`` element (the reader's smart quotes)."""
    out: list[Inline] = []
    i = 0
    while i < len(words):
        first = words[i]
        mark = first.get("c", "")[:1]
        if first["t"] == "Str" and mark in "\"'" and len(first["c"]) > 1:
            for j in range(i, len(words)):
                last = words[j].get("c", "")
                if words[j]["t"] == "Str" and last.endswith(mark) and (j > i or len(last) > 2):
                    inner = [*words[i : j + 1]]
                    inner[0] = {"t": "Str", "c": first["c"][1:]}
                    inner[-1] = {"t": "Str", "c": inner[-1]["c"][:-1]}
                    kind = "DoubleQuote" if mark == '"' else "SingleQuote"
                    out.append({"t": "Quoted", "c": [{"t": kind}, [w for w in inner if w.get("c") != ""]]})
                    i = j + 1
                    break
            else:
                out.append(first)
                i += 1
            continue
        out.append(first)
        i += 1
    return out


def normalized(run: Sequence[Inline]) -> list[Inline]:
    """Adjacent words joined as the reader joins them: ``Str`` after ``Str`` merged, an abbreviation tied to
    what follows it on the line, a citation excepted ("sec." Space "Participating" → "sec.\u00a0Participating")."""
    out: list[Inline] = []
    for node in run:
        if (
            node["t"] not in _UNTIED
            and len(out) >= 2
            and out[-1]["t"] == "Space"
            and out[-2]["t"] == "Str"
            and _last_word(out[-2]["c"]) in ABBREVIATIONS
        ):
            out[-2:] = [{"t": "Str", "c": out[-2]["c"] + NBSP}]
        if out and node["t"] == "Str" and out[-1]["t"] == "Str":
            out[-1] = {"t": "Str", "c": out[-1]["c"] + node["c"]}
        else:
            out.append(node)
    return out


#: What pandoc's reader never ties an abbreviation to.
_UNTIED = frozenset({"Space", "SoftBreak", "LineBreak", "Cite"})


def _last_word(text: str) -> str:
    return text.rsplit(NBSP, 1)[-1]


def is_inline_run(node: Any) -> bool:
    """Whether ``node`` is a list of inlines: the text of a paragraph, heading, table cell, caption or title."""
    return (
        isinstance(node, list) and bool(node) and all(isinstance(x, dict) and x.get("t") in INLINE_TYPES for x in node)
    )


def stringify(node: Any) -> str:
    """The text of a part of the tree, as pandoc's own ``stringify`` gives it."""
    if isinstance(node, list):
        return "".join(stringify(x) for x in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c", [])
    if kind == "Str" or kind == "MetaString":
        return str(content)
    if kind in ("Code", "Math"):
        return str(content[1])
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Note", "RawInline"):
        return ""
    if kind == "Quoted":
        marks = "“”" if content[0]["t"] == "DoubleQuote" else "‘’"
        return marks[0] + stringify(content[1]) + marks[1]
    return stringify(content)


def meta_value(value: Any, *, smart: bool) -> dict[str, Any]:
    """A CSL-JSON value as pandoc metadata, as the reader makes a YAML ``references`` entry: strings as
    inlines, dates as their ISO text ("2009-01"), lists and mappings alike."""
    if isinstance(value, dict):
        if "date-parts" in value:
            parts = value["date-parts"][0]
            return _meta_text("-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)), smart=False)
        return {"t": "MetaMap", "c": {key: meta_value(v, smart=smart) for key, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta_value(v, smart=smart) for v in value]}
    return _meta_text(str(value), smart=smart)


def _meta_text(text: str, *, smart: bool) -> dict[str, Any]:
    return {"t": "MetaInlines", "c": inlines(text, smart=smart)}


def meta_ids(items: Iterable[Any]) -> set[str]:
    """The ``id`` of each item of a ``references`` metadata list."""
    return {stringify(item["c"]["id"]) for item in items if item.get("t") == "MetaMap" and "id" in item["c"]}
