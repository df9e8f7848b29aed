"""What ``find`` asks for, and the SQL that answers it: the WHERE clause and the sort keys.

There is one engine: an index built in memory answers tests and tiny stores
with this same code. Search words are ``search``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from factcli.index import search
from factcli.index.search import Terms
from factcli.text import dates
from factcli.text.fold import fold

if TYPE_CHECKING:
    import sqlite3


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


def where(query: Query, entity_names: Iterable[str], terms: Terms | None) -> tuple[list[str], list[Any]]:
    """The conditions for every filter of ``query`` (names already resolved and checked), to be AND-ed.

    ``terms`` None leaves the search words out, for a caller that matches them itself (to rank by them).
    """
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
    if terms:  # every word must occur (search.Terms.match)
        clauses.append("facts.n IN (SELECT rowid FROM search WHERE search MATCH ?)")
        params.append(terms.match())
    return clauses, params


def ranked(
    db: sqlite3.Connection, columns: str, query: Query, entity_names: set[str], terms: search.Terms
) -> list[tuple[Any, ...]]:
    """The facts matching ``terms`` and the filters as rows of ``columns`` (those a result needs), in relevance
    order, best first (bm25 over weighted columns, and a year asked for); ties by date, then id."""
    clauses, params = where(query, entity_names, None)
    weights = ", ".join(str(w) for w in search.WEIGHTS)
    sql = (
        f"SELECT {columns}, facts.first, facts.last, bm25(search, {weights}), facts.metric, facts.value FROM search "
        "JOIN facts ON facts.n = search.rowid "
        f"WHERE search MATCH ?{''.join(f' AND {c}' for c in clauses)} "
        "ORDER BY facts.first, facts.last, facts.id"  # the ties' order; the stable sort below keeps it
    )
    years, numbers = terms.years, terms.numbers
    metric_bonus: dict[str | None, float] = {}  # it depends on the metric alone
    scored = []
    for row in db.execute(sql, [terms.match(), *params]):
        relevance = -row[7]
        if years:
            relevance += search.year_bonus(years, int(row[5][:4]), int(row[6][:4]))
        bonus = metric_bonus.get(row[8])
        if bonus is None:
            bonus = metric_bonus[row[8]] = search.metric_bonus(terms.words, row[8])
        relevance += bonus
        if numbers:
            relevance += search.value_bonus(numbers, row[9])
        scored.append((-relevance, row[:5]))
    scored.sort(key=itemgetter(0))  # float keys: Python's fastest comparison
    if query.reverse:
        scored.reverse()
    if query.limit is not None:
        scored = scored[: query.limit]
    return [entry[1] for entry in scored]
