"""What ``find`` asks for, and how the index answers it: WHERE clause, sort keys and relevance.

The filters become SQL; relevance is scored in Python on the folded text the
index keeps for each fact. There is one engine: an index built in memory
answers tests and tiny stores with this same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from factcli.text import dates
from factcli.text.fold import fold


class SortKey(StrEnum):
    """The orders ``find`` knows (the --sort choices)."""

    relevance = "relevance"
    date = "date"
    value = "value"
    id = "id"
    topic = "topic"


class Query(NamedTuple):
    """Every filter of ``find``; lists mean any-of within a filter, all filters must hold.

    A named tuple, not a dataclass: it is built on every lookup, and needs no type identity.
    """

    text: Sequence[str] = ()
    topics: Sequence[str] = ()
    tags: Sequence[str] = ()
    entities: Sequence[str] = ()
    sources: Sequence[str] = ()
    metrics: Sequence[str] = ()
    kinds: Sequence[str] = ()
    units: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    limit: int | None = None
    sort: SortKey | None = None
    reverse: bool = False


#: The fields search looks in, and how much a hit in each counts: the id and claim say what a fact is about.
HAY_FIELDS = ("id", "claim", "entities", "tags", "value_text", "quote")
_WEIGHTS = (3.0, 3.0, 2.5, 2.0, 2.0, 1.0)

#: SQL for each sort key; spans as ISO days sort as dates, facts without a value go last whichever way.
ORDER = {
    "date": ("first", "last", "id"),
    "value": ("value IS NULL", "COALESCE(value, 0)", "id"),
    "id": ("id",),
    "topic": ("topic", "first", "last", "id"),
}


def score(hay: Sequence[str], terms: Sequence[str]) -> float:
    """0 unless every term occurs somewhere; else a weighted count favouring whole-word hits."""
    total = 0.0
    for term in terms:
        best = 0.0
        for text, weight in zip(hay, _WEIGHTS, strict=True):
            if term in text:
                whole = f" {term} " in f" {text} "
                best = max(best, weight * (1.5 if whole else 1.0))
        if best == 0.0:
            return 0.0
        total += best
    return total


def where(query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> tuple[str, list[Any]]:
    """The WHERE clause for every filter of ``query`` (names already resolved and checked)."""
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: Sequence[str]) -> None:
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)

    def keyed(dim: str, values: Iterable[str]) -> None:
        values = list(values)
        if values:
            marks = ",".join("?" * len(values))
            clauses.append(f"n IN (SELECT n FROM keys WHERE dim = ? AND key IN ({marks}))")
            params.extend([dim, *values])

    any_of("topic", list(query.topics))
    any_of("kind", list(query.kinds))
    any_of("unit", list(query.units))
    any_of("metric", list(query.metrics))
    keyed("source", query.sources)
    keyed("entity", entity_names)
    keyed("tag", [fold(t) for t in query.tags])
    if query.min_value is not None:
        clauses.append("value >= ?")
        params.append(query.min_value)
    if query.max_value is not None:
        clauses.append("value <= ?")
        params.append(query.max_value)
    if query.since:
        clauses.append("last >= ?")
        params.append(dates.parse_span(query.since)[0].isoformat())
    if query.until:
        clauses.append("first <= ?")
        params.append(dates.parse_span(query.until)[1].isoformat())
    for term in terms:  # every word must occur: the same substring test as `score`, on the same folded text
        clauses.append("n IN (SELECT n FROM search WHERE instr(hay, ?) > 0)")
        params.append(term)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
