"""Facts that write themselves into a manuscript, on pandoc's own document tree.

A writer cites a fact as pandoc cites anything: ``[@fact:ID]``, in a group
with other facts and with the writer's own works (``[@fact:a; @smith2020,
p. 4]``), with a prefix, a suffix or a locator, with the author suppressed
(``[-@fact:ID]``), anywhere pandoc reads citations (text, notes, tables,
headings, lists, the title and abstract), never in code. ``[@fact:ID/SOURCE]``
cites one of the documents stating the fact; by default it cites them all.

Each fact becomes its value as the store words it, then a pandoc citation of
each document that states it with the section as locator; the writer's own
citations of the group join the citation of the fact before them. The
documents go into the tree's ``references`` beside the writer's own, so that
pandoc's citeproc formats everything in any CSL style. ``factcli render`` and
the ``factcli-pandoc`` filter both run ``write_facts`` on the tree pandoc read,
so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcli.formats import pandoc_text as text
from factcli.formats.bibfiles import csl_item
from factcli.formats.capitals import Sentence, value_words
from factcli.formats.locators import has_locator, section_suffix

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Citation, Source

PREFIX = "fact:"
_KEY = re.compile(r"fact:(?P<fact>[^/@]+)(?:[/@](?P<source>.+))?")
#: Inlines that hold inlines, and where: (the index of their list of inlines in "c", or None if "c" is it).
_CONTAINERS = {
    **dict.fromkeys(("Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"), None),
    "Quoted": 1, "Span": 1, "Link": 1, "Image": 1,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FactKey:
    """A citation key naming a fact, and the document the writer chose, if any: 'fact:ID' or 'fact:ID/SOURCE'."""

    key: str
    fact_id: str
    source: str | None


def parse_key(citation_id: str) -> FactKey | None:
    match = _KEY.fullmatch(citation_id)
    return FactKey(citation_id, match["fact"], match["source"]) if match else None


def fact_keys(doc: dict[str, Any]) -> list[FactKey]:
    """Every fact cited in a document, in order (metadata first, as pandoc reads it), code never."""
    meta = {k: v for k, v in doc.get("meta", {}).items() if k != "references"}
    return [key for node in (meta, doc["blocks"]) for key in _keys_in(node)]


def _keys_in(node: Any) -> Iterator[FactKey]:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            yield from (k for c in node["c"][0] if (k := parse_key(c["citationId"])))
        for value in node.values():
            yield from _keys_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keys_in(value)


def why_not(index: Index, key: FactKey) -> str | None:
    """Why a fact key cannot be written in (unknown: with the nearest ids; superseded: by which; a document
    that does not state it), or None."""
    fact = index.get(key.fact_id)
    if fact is None:
        from factcli.text.suggest import suggest

        return f"unknown fact '{key.fact_id}'{suggest(key.fact_id, index.fact_ids())}"
    newer = index.superseded_by(key.fact_id)
    if newer:
        return f"fact '{key.fact_id}' is superseded by {', '.join(newer)}: cite that instead"
    sources = list(dict.fromkeys(c.source for c in fact.citations))
    if key.source is not None and key.source not in sources:
        return f"fact '{key.fact_id}' is not stated by source '{key.source}' (it cites {', '.join(sources)})"
    return None


def write_facts(index: Index, doc: dict[str, Any], *, smart: bool = True) -> dict[str, Any]:
    """The document with each fact written in and its documents cited and added to ``references``. Every key
    must be citable (check ``why_not`` first). ``smart``: the reader's smart typography is on."""
    writer = _Writer(index, smart)
    meta = doc.setdefault("meta", {})
    for name in list(meta):
        if name == "nocite":
            meta[name] = writer.nocite(meta[name])
        elif name != "references":
            meta[name] = writer.node(meta[name])
    doc["blocks"] = writer.node(doc["blocks"])
    if writer.cited:
        existing = meta.get("references")
        items = list(existing["c"]) if isinstance(existing, dict) and existing.get("t") == "MetaList" else []
        known = text.meta_ids(items)
        items += [text.meta_value(csl_item(s), smart=smart) for s in writer.cited.values() if s.id not in known]
        meta["references"] = {"t": "MetaList", "c": items}
    return doc


class _Writer:
    """One pass over a document: every run of text read in order, with where its sentences start."""

    def __init__(self, index: Index, smart: bool) -> None:
        self.index = index
        self.smart = smart
        self.cited: dict[str, Source] = {}

    def node(self, node: Any) -> Any:
        """Any part of the tree: each list of inlines met is a new run of text (paragraph, heading, cell…)."""
        if text.is_inline_run(node):
            return self.inlines(node, Sentence())
        if isinstance(node, list):
            return [self.node(value) for value in node]
        if isinstance(node, dict):
            if node.get("t") in ("CodeBlock", "RawBlock"):
                return node
            return {key: self.node(value) for key, value in node.items()}
        return node

    def inlines(self, run: list[Any], sentence: Sentence) -> list[Any]:
        out: list[Any] = []
        wrote = False
        for node in run:
            kind = node["t"]
            keys = [parse_key(c["citationId"]) for c in node["c"][0]] if kind == "Cite" else []
            if any(keys):
                out += self.cite(node["c"][0], keys, start=sentence.start)
                wrote = True
                sentence.start = False
            elif kind == "Str":
                out.append(node)
                sentence.after(node["c"])
            elif kind == "Note":
                out.append({"t": "Note", "c": self.node(node["c"])})
            elif kind in _CONTAINERS:
                out.append(self._container(node, sentence))
            else:
                out.append(node)
                if kind not in ("Space", "SoftBreak", "LineBreak"):
                    sentence.start = False  # code, maths, the writer's own citations: words of the sentence
        return text.normalized(out) if wrote else out

    def _container(self, node: dict[str, Any], sentence: Sentence) -> dict[str, Any]:
        at = _CONTAINERS[node["t"]]
        if at is None:
            return {"t": node["t"], "c": self.inlines(node["c"], sentence)}
        content = list(node["c"])
        content[at] = self.inlines(content[at], sentence)
        return {"t": node["t"], "c": content}

    def cite(self, citations: list[Any], keys: list[FactKey | None], *, start: bool) -> list[Any]:
        """A citation group as values and citations: each fact's value, then one citation of its documents and
        of the writer's own works that follow it (those before the first fact join the first)."""
        groups: list[tuple[FactKey, list[Any]]] = []
        pending: list[Any] = []
        for citation, key in zip(citations, keys, strict=True):
            if key is None:
                (groups[-1][1] if groups else pending).append(citation)
            else:
                groups.append((key, [*pending, *self._documents(key, citation)]))
                pending = []
        out: list[Any] = []
        for key, group in groups:
            if out:
                out += [{"t": "Str", "c": ","}, {"t": "Space"}]
            fact = self.index.get(key.fact_id)
            assert fact is not None  # checked by why_not
            out += text.inlines(value_words(fact.value_text, start=start and not out), smart=self.smart)
            out += [{"t": "Space"}, {"t": "Cite", "c": [group, _as_typed(group)]}]
        return out

    def _documents(self, key: FactKey, citation: dict[str, Any]) -> list[Any]:
        """The citations of the documents stating a fact, the section as locator; the writer's prefix before the
        first, the writer's suffix after the last (a locator of the writer's replaces its section)."""
        chosen = self._stated_in(key)
        mode = "SuppressAuthor" if citation["citationMode"]["t"] == "SuppressAuthor" else "NormalCitation"
        suffix = citation["citationSuffix"]
        out = []
        for i, ref in enumerate(chosen):
            self.cited.setdefault(ref.source, self.index.vocab.sources[ref.source])
            last = i == len(chosen) - 1
            locator = [] if last and has_locator(suffix) else section_suffix(ref.section, smart=self.smart)
            out.append({
                "citationId": ref.source,
                "citationPrefix": citation["citationPrefix"] if i == 0 else [],
                "citationSuffix": text.normalized([*locator, *suffix]) if last else locator,
                "citationMode": {"t": mode},
                "citationNoteNum": citation.get("citationNoteNum", 0),
                "citationHash": citation.get("citationHash", 0),
            })  # fmt: skip
        return out

    def _stated_in(self, key: FactKey) -> list[Citation]:
        fact = self.index.get(key.fact_id)
        assert fact is not None
        by_source = {c.source: c for c in reversed(fact.citations)}  # a document's first section
        return [by_source[s] for s in dict.fromkeys(c.source for c in fact.citations) if key.source in (None, s)]

    def nocite(self, node: Any) -> Any:
        """``nocite``: a fact listed there puts its documents in the bibliography (no value to write)."""
        if isinstance(node, list):
            return [self.nocite(value) for value in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Cite":
            citations = []
            for citation in node["c"][0]:
                key = parse_key(citation["citationId"])
                if key is None:
                    citations.append(citation)
                    continue
                for ref in self._stated_in(key):
                    self.cited.setdefault(ref.source, self.index.vocab.sources[ref.source])
                    citations.append({**citation, "citationId": ref.source})
            return {"t": "Cite", "c": [citations, node["c"][1]]}
        return {key: self.nocite(value) for key, value in node.items()}


def _as_typed(citations: list[Any]) -> list[Any]:
    """What a Cite shows when no citeproc runs: the citation as a writer would type it."""
    parts = []
    for c in citations:
        mark = "-@" if c["citationMode"]["t"] == "SuppressAuthor" else "@"
        prefix = text.stringify(c["citationPrefix"])
        parts.append(f"{prefix} {mark}{c['citationId']}".strip() + text.stringify(c["citationSuffix"]))
    out: list[Any] = []
    for word in ("[" + "; ".join(parts) + "]").replace(text.NBSP, " ").split():
        out += [{"t": "Space"}, {"t": "Str", "c": word}] if out else [{"t": "Str", "c": word}]
    return out
