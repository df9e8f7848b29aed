"""Facts that write themselves into a manuscript: ``[@fact:ID]`` becomes the value as the store words it and a
real citation of its source, section as locator, for pandoc's citeproc to format in any CSL style.

Two ways in, one result: ``factcli render`` rewrites the Markdown text (no
pandoc needed to get the numbers in), and ``factcli-pandoc``, a JSON filter
(``pandoc --filter factcli-pandoc --citeproc …``), rewrites pandoc's document
tree. Both add the cited sources to the document's ``references`` metadata as
CSL items, so no bibliography file is needed. An id the store does not know,
or a fact another has superseded, is a problem reported with where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcli.formats.bibfiles import csl_item

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact, Source

#: A fact reference as a writer types it: [@fact:ID] or @fact:ID (pandoc reads both as citations).
REFERENCE = re.compile(r"\[@fact:(?P<bracketed>[a-z0-9][a-z0-9-]*)\]|(?<![\w@])@fact:(?P<bare>[a-z0-9][a-z0-9-]*)")
PREFIX = "fact:"


@dataclass(frozen=True, slots=True)
class Problem:
    """A fact reference that cannot be written in: where, which id, why."""

    line: int
    column: int
    fact_id: str
    message: str


def problems(index: Index, text: str) -> list[Problem]:
    """Every reference in ``text`` to an unknown or superseded fact, with its line and column."""
    out = []
    for m in REFERENCE.finditer(text):
        fact_id = m.group("bracketed") or m.group("bare")
        message = why_not(index, fact_id)
        if message:
            at = m.start() + (text[m.start()] == "[")  # where the '@' stands, as the pandoc filter reports it
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            out.append(Problem(line, column, fact_id, message))
    return out


def why_not(index: Index, fact_id: str) -> str | None:
    """Why a fact cannot be cited (unknown: with the nearest ids; superseded: by which), or None."""
    if index.get(fact_id) is None:
        from factcli.text.suggest import suggest

        return f"unknown fact '{fact_id}'{suggest(fact_id, index.fact_ids())}"
    newer = index.superseded_by(fact_id)
    if newer:
        return f"fact '{fact_id}' is superseded by {', '.join(newer)}: cite that instead"
    return None


def value_words(fact: Fact, *, sentence_start: bool) -> str:
    """The value as the store words it, a number word lower-cased inside a sentence ("Eight" → "eight")."""
    from factcli.reading.numbers import ORDINAL_WORDS, UNITS

    text = fact.value_text
    first = text.split()[0] if text.split() else ""
    if not sentence_start and first.istitle() and first.lower().split("-")[0] in {*UNITS, *ORDINAL_WORDS}:
        return text[0].lower() + text[1:]
    return text


def _starts_sentence(before: str) -> bool:
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?:" or stripped.endswith(("\n\n", "#"))


def citation_text(fact: Fact) -> str:
    """The pandoc citation of a fact's first source, its section as locator: '[@wp2008-ch13, sec. …]'."""
    citation = fact.citations[0]
    return f"[@{citation.source}, sec. {citation.section}]"


def render_markdown(index: Index, text: str) -> tuple[str, list[Source]]:
    """``text`` with each fact reference replaced by 'value_text [@source, sec. Section]', and the sources cited.
    Call ``problems`` first: an unknown id here is left as it stands."""
    cited: dict[str, Source] = {}

    def replace(m: re.Match[str]) -> str:
        fact = index.get(m.group("bracketed") or m.group("bare"))
        if fact is None:
            return m.group()
        source = fact.citations[0].source
        cited.setdefault(source, index.vocab.sources[source])
        value = value_words(fact, sentence_start=_starts_sentence(text[: m.start()]))
        return f"{value} {citation_text(fact)}"

    return REFERENCE.sub(replace, text), list(cited.values())


def references_yaml(sources: Sequence[Source]) -> str:
    """A YAML metadata block with the sources as CSL items (pandoc merges it with the document's own)."""
    import json

    lines = ["---", "references:"]
    for source in sources:
        # JSON is YAML: each item written as one flow mapping, exactly as csl-json has it
        lines.append("- " + json.dumps(csl_item(source), ensure_ascii=False))
    return "\n".join([*lines, "..."]) + "\n"


# -- pandoc's document tree ------------------------------------------------------------------------------------


def fact_ids_in(node: Any) -> Iterator[str]:
    """The fact ids cited anywhere in a pandoc JSON document (or part of one)."""
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            for citation in node["c"][0]:
                if citation["citationId"].startswith(PREFIX):
                    yield citation["citationId"][len(PREFIX) :]
        for value in node.values():
            yield from fact_ids_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from fact_ids_in(value)


def filter_document(index: Index, doc: dict[str, Any]) -> dict[str, Any]:
    """The document with each fact citation replaced by its value and its source's citation, and the sources
    cited added to its ``references``. Every id must be citable (check ``why_not`` first)."""
    cited: dict[str, Source] = {}
    doc["blocks"] = _walk(index, doc["blocks"], cited)
    if cited:
        meta = doc.setdefault("meta", {})
        existing = meta.get("references", {"t": "MetaList", "c": []})
        known = {_meta_id(item) for item in existing["c"]}
        existing["c"] += [_meta(csl_item(s)) for s in cited.values() if s.id not in known]
        meta["references"] = existing
    return doc


def _walk(index: Index, node: Any, cited: dict[str, Source]) -> Any:
    if isinstance(node, list):
        out: list[Any] = []
        for value in node:
            if isinstance(value, dict) and value.get("t") == "Cite" and _cites_facts(value):
                previous = out[-2] if len(out) >= 2 and out[-1].get("t") in ("Space", "SoftBreak") else None
                start = previous is None or (previous.get("t") == "Str" and previous["c"][-1:] in (".", "!", "?", ":"))
                out += _fact_inlines(index, value, cited, sentence_start=start)
            else:
                out.append(_walk(index, value, cited))
        return out
    if isinstance(node, dict):
        return {key: _walk(index, value, cited) for key, value in node.items()}
    return node


def _cites_facts(cite: dict[str, Any]) -> bool:
    return all(c["citationId"].startswith(PREFIX) for c in cite["c"][0])


def _fact_inlines(index: Index, cite: dict[str, Any], cited: dict[str, Source], *, sentence_start: bool) -> list[Any]:
    """'1,949 [@wp2008-ch13, sec. …]' as pandoc inlines, for each fact the citation names."""
    out: list[Any] = []
    for citation in cite["c"][0]:
        fact = index.get(citation["citationId"][len(PREFIX) :])
        assert fact is not None
        reference = fact.citations[0]
        cited.setdefault(reference.source, index.vocab.sources[reference.source])
        if out:
            out += [{"t": "Str", "c": ","}, {"t": "Space"}]
        out += [*_words(value_words(fact, sentence_start=sentence_start and not out)), {"t": "Space"}]
        source_citation = {
            **citation,
            "citationId": reference.source,
            "citationMode": {"t": "NormalCitation"},
            "citationSuffix": [{"t": "Str", "c": ","}, {"t": "Space"}, *_words(f"sec. {reference.section}")],
        }
        out.append({"t": "Cite", "c": [[source_citation], _words(citation_text(fact))]})
    return out


def _words(text: str) -> list[Any]:
    out: list[Any] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _meta(value: Any) -> Any:
    """A CSL-JSON value as pandoc metadata (strings for numbers and dates, as pandoc reads CSL YAML)."""
    if isinstance(value, dict):
        if "date-parts" in value:
            return {
                "t": "MetaString",
                "c": "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(value["date-parts"][0])),
            }
        return {"t": "MetaMap", "c": {key: _meta(v) for key, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [_meta(v) for v in value]}
    return {"t": "MetaString", "c": str(value)}


def _meta_id(item: Any) -> str | None:
    value = item.get("c", {}).get("id") if isinstance(item, dict) and item.get("t") == "MetaMap" else None
    if isinstance(value, dict) and value.get("t") == "MetaString":
        return str(value["c"])
    if isinstance(value, dict) and value.get("t") == "MetaInlines":
        return "".join(part.get("c", "") for part in value["c"] if isinstance(part.get("c"), str))
    return None
