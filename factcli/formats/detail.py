"""The `show` view of a fact as plain data: labelled lines, quotes with their references, related facts.

Kept apart from ``formats.table`` (which draws it with rich) so that what a
view says can be tested without a terminal, and rich stays out of this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcli.formats.records import amount
from factcli.formats.reference import reference_text

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact


@dataclass(frozen=True, slots=True)
class Detail:
    """One fact laid out for `show`: label/value lines, quotes with references, related facts."""

    title: str
    subtitle: str
    lines: Sequence[tuple[str, str]]
    quotes: Sequence[tuple[str, str, str]]  # (quote, section, reference)
    related: Sequence[str]


def detail(index: Index, fact: Fact) -> Detail:
    lines: list[tuple[str, str]] = [("Claim", fact.claim)]
    value = amount(fact)
    lines.append(("Value", f"{value}  (“{fact.value_text}”)" if fact.value is not None else value))
    lines.append(("Date", fact.when))
    for label, text in (
        ("Metric", fact.metric or ""),
        ("Entities", "; ".join(fact.entities)),
        ("Tags", "; ".join(fact.tags)),
        ("Note", fact.note or ""),
    ):
        if text:
            lines.append((label, text))
    if fact.supersedes:
        lines.append(("Supersedes", f"{fact.supersedes.id}: {fact.supersedes.reason}"))
    replaced_by = index.superseded_by(fact.id)
    if replaced_by:
        lines.append(("Superseded by", ", ".join(replaced_by)))
    if fact.location:
        lines.append(("Defined in", f"{fact.location.path}:{fact.location.line}"))
    sources = index.vocab.sources
    quotes = [(c.quote, c.section, f"{reference_text(sources[c.source])} [{c.source}]") for c in fact.citations]
    related = [
        f"{amount(other)} in {other.when} ({', '.join(other.source_ids)}) — {other.id}" for other in index.related(fact)
    ]
    return Detail(fact.id, f"{fact.kind}, {fact.topic}", lines, quotes, related)
