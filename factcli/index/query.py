"""What ``find`` asks for, and the SQL that answers it: the WHERE clause and the sort keys.

There is one engine: an index built in memory answers tests and tiny stores
with this same code. Search words are ``search``'s.
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


#: SQL for each sort key; spans as ISO days sort as dates, facts without a value go last whichever way.
ORDER = {
    "date": ("first", "last", "id"),
    "value": ("value IS NULL", "COALESCE(value, 0)", "id"),
    "id": ("id",),
    "topic": ("topic", "first", "last", "id"),
}


def where(query: Query, entity_names: Iterable[str]) -> tuple[list[str], list[Any]]:
    """The conditions for every filter of ``query`` (names already resolved and checked), to be AND-ed; the
    search words are ranking.py's."""
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
            clauses.append(f"facts.n IN (SELECT n FROM keys WHERE dim = ? AND key IN ({marks}))")
            params.extend([dim, *values])

    any_of("facts.topic", list(query.topics))
    any_of("facts.kind", list(query.kinds))
    any_of("facts.unit", list(query.units))
    any_of("facts.metric", list(query.metrics))
    keyed("source", query.sources)
    keyed("entity", entity_names)
    keyed("tag", [fold(t) for t in query.tags])
    if query.min_value is not None:
        clauses.append("facts.value >= ?")
        params.append(query.min_value)
    if query.max_value is not None:
        clauses.append("facts.value <= ?")
        params.append(query.max_value)
    if query.since:
        clauses.append("facts.last >= ?")
        params.append(dates.parse_span(query.since)[0].isoformat())
    if query.until:
        clauses.append("facts.first <= ?")
        params.append(dates.parse_span(query.until)[1].isoformat())
    return clauses, params


#: Where each sort key's columns stand in a ranked row (ranking.Row): n, id, file, line, col, first, last, …
_RANKED_COLUMN = {"id": 1, "first": 5, "last": 6, "value": 9, "topic": 10}


def sorted_rows(rows: Sequence[tuple[Any, ...]], sort: str, *, reverse: bool) -> list[tuple[Any, ...]]:
    """Ranked rows in a sort key's order, as ORDER sorts them in SQL (facts without a value last either way):
    for search words with --sort."""
    if sort == "value":
        valued = sorted((r for r in rows if r[9] is not None), key=lambda r: (r[9], r[1]), reverse=reverse)
        return valued + sorted((r for r in rows if r[9] is None), key=lambda r: r[1], reverse=reverse)
    columns = [_RANKED_COLUMN[key] for key in ORDER[sort]]
    return sorted(rows, key=lambda r: tuple(r[c] for c in columns), reverse=reverse)
