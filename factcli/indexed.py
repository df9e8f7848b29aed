"""Answering lookups from the SQLite index that ``index.py`` keeps.

``IndexedStore`` answers what ``Store`` answers, from SQL: filters and orders
become a WHERE clause and sort keys, facts stay pickled until a field besides
the id is read, and each selected fact's JSON is kept so ``--json`` prints
stored text. The vocabularies are unpickled on first use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from factcli import dates
from factcli.store import Store
from factcli.textnorm import fold

if TYPE_CHECKING:
    from factcli.model import Fact
    from factcli.query import Query

#: Store attributes kept as one pickle in the index, unpickled on first use.
VOCABULARY = ("sources", "entities", "topics", "metrics", "aliases", "problems")


class IndexedStore(Store):
    """A store answered from the SQLite index: facts are read only when a query selects them."""

    def __init__(self, root: Path, db: sqlite3.Connection, vocabulary: bytes) -> None:
        super().__init__(root)
        self.db = db
        #: Ready-made JSON of the facts queries returned, by id.
        self.json_text: dict[str, str] = {}
        # `show --json` needs no vocabulary: unpickling it, and importing pickle and the
        # model to do so, would be a tenth of its run. __getattr__ does it on first use.
        for name in VOCABULARY:
            delattr(self, name)
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set: the vocabularies, until first use.
        if name not in VOCABULARY or "_vocabulary" not in self.__dict__:
            raise AttributeError(name)
        import pickle  # noqa: PLC0415

        values = pickle.loads(self.__dict__.pop("_vocabulary"))
        for key, value in zip(VOCABULARY, values, strict=True):
            setattr(self, key, value)
        return getattr(self, name)

    def _facts(self, sql: str, params: Sequence[Any] = ()) -> list[Fact]:
        import pickle  # noqa: PLC0415

        return [pickle.loads(blob) for (blob,) in self.db.execute(sql, params)]

    def _values(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return [row[0] for row in self.db.execute(sql, params)]

    def get(self, fact_id: str) -> Fact | None:
        row = self.db.execute("SELECT n, json FROM facts JOIN bodies USING (n) WHERE id = ?", (fact_id,)).fetchone()
        if row is None:
            return None
        self.json_text[fact_id] = row[1]
        return cast("Fact", _LazyFact(self.db, row[0], fact_id))

    def fact_ids(self) -> list[str]:
        return self._values("SELECT id FROM facts ORDER BY file, rec")

    def all_facts(self) -> list[Fact]:
        return self._facts("SELECT data FROM facts JOIN bodies USING (n) ORDER BY file, rec")

    def tags(self) -> set[str]:
        return set(self._values("SELECT DISTINCT key FROM keys WHERE dim = 'tag'"))

    def units(self) -> set[str]:
        return set(self._values("SELECT DISTINCT unit FROM facts WHERE unit IS NOT NULL"))

    def facts_of_metric(self, metric: str) -> list[Fact]:
        return self._facts(
            "SELECT data FROM facts JOIN bodies USING (n) WHERE metric = ? ORDER BY file, rec", (metric,)
        )

    def superseded_by(self, fact_id: str) -> list[str]:
        return self._values("SELECT id FROM facts WHERE supersedes = ? ORDER BY file, rec", (fact_id,))

    def count_by(self, dim: str) -> dict[str, int]:
        if dim == "topic":
            sql = "SELECT topic, count(*) FROM facts GROUP BY topic"
        else:
            sql = "SELECT key, count(*) FROM keys WHERE dim = ? GROUP BY key"
        return dict(self.db.execute(sql, () if dim == "topic" else (dim,)).fetchall())

    def select(self, query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> list[Fact] | None:
        """The exact, ordered result when no relevance ranking is needed (else None).

        Also keeps each selected fact's ready-made JSON, so ``--json`` prints stored
        text instead of building and encoding every record again.
        """
        where, params = _where(query, entity_names, terms)
        if terms and query.sort in (None, "relevance"):
            return self._ranked(query, where, params, terms)
        keys = _ORDER[query.sort if query.sort not in (None, "relevance") else "date"]
        sql = f"SELECT n, id, json, {', '.join(keys)} FROM facts JOIN bodies USING (n) {where}"
        if query.limit is not None:  # SQLite keeps only the top rows while it sorts
            order = ", ".join(f"{key} DESC" if query.reverse else key for key in keys)
            rows = self.db.execute(f"{sql} ORDER BY {order} LIMIT {int(query.limit)}", params).fetchall()
        else:
            # Sorted here, not by ORDER BY: SQLite's sorter would copy every row's JSON
            # (~1 KB) through a temporary B-tree, a third of a large lookup. Python compares
            # str by code point, as SQLite's BINARY collation does the UTF-8 bytes.
            rows = self.db.execute(sql, params).fetchall()
            rows.sort(key=itemgetter(*range(3, 3 + len(keys))), reverse=query.reverse)
        return self._stand_ins(rows)

    def _stand_ins(self, rows: Iterable[Sequence[Any]]) -> list[Fact]:
        """Lazy facts for rows starting (n, id, json), keeping each one's JSON for --json."""
        db, json_text, facts = self.db, self.json_text, []
        for row in rows:
            json_text[row[1]] = row[2]
            facts.append(cast("Fact", _LazyFact(db, row[0], row[1])))
        return facts

    def _ranked(self, query: Query, where: str, params: list[Any], terms: Sequence[str]) -> list[Fact]:
        """Relevance order, scored in Python on the stored folded fields (query.score, the one scorer)."""
        from factcli.query import HAY_FIELDS, score  # noqa: PLC0415

        columns = ", ".join(f"s.{name}" for name in HAY_FIELDS)
        sql = (
            f"SELECT n, facts.id, json, first, last, {columns} "
            f"FROM facts JOIN search s USING (n) JOIN bodies USING (n) {where}"
        )
        scored = []
        for n, fact_id, text, first, last, *hay in self.db.execute(sql, params):
            scored.append((-score(hay, terms), first, last, fact_id, n, text))
        scored.sort(key=lambda row: row[:4])
        if query.reverse:
            scored.reverse()
        if query.limit is not None:
            scored = scored[: query.limit]
        return self._stand_ins((n, fact_id, text) for *_, fact_id, n, text in scored)

    def prerendered_json(self, fact: Fact) -> str | None:
        return self.json_text.get(fact.id)


class _LazyFact:
    """Stands in for a Fact until a field besides its id is read: `--json` never reads one,
    and reading and unpickling every row is most of the cost of a large result."""

    __slots__ = ("_db", "_fact", "_n", "id")

    def __init__(self, db: sqlite3.Connection, n: int, fact_id: str) -> None:
        self.id = fact_id
        self._db = db
        self._n = n
        self._fact: Fact | None = None

    def _resolve(self) -> Fact:
        if self._fact is None:
            import pickle  # noqa: PLC0415

            (blob,) = self._db.execute("SELECT data FROM bodies WHERE n = ?", (self._n,)).fetchone()
            self._fact = pickle.loads(blob)
        return self._fact

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resolve(), name)

    # Special methods bypass __getattr__: these make the stand-in compare, hash and print as its Fact.
    def __eq__(self, other: object) -> bool:
        return self._resolve() == (other._resolve() if isinstance(other, _LazyFact) else other)

    def __hash__(self) -> int:
        return hash(self._resolve())

    def __repr__(self) -> str:
        return repr(self._resolve())


#: SQL for each sort key, matching query._order (spans as ISO days sort as dates).
_ORDER = {
    "date": ("first", "last", "id"),
    "value": ("value IS NULL", "COALESCE(value, 0)", "id"),
    "id": ("id",),
    "topic": ("topic", "first", "last", "id"),
}


def _where(query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> tuple[str, list[Any]]:
    """WHERE clause for every filter of ``query``: the SQL twin of the checks in query.find."""
    where: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: Sequence[str]) -> None:
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)

    def keyed(dim: str, values: Iterable[str]) -> None:
        values = list(values)
        if values:
            marks = ",".join("?" * len(values))
            where.append(f"n IN (SELECT n FROM keys WHERE dim = ? AND key IN ({marks}))")
            params.extend([dim, *values])

    any_of("topic", list(query.topics))
    any_of("kind", list(query.kinds))
    any_of("unit", list(query.units))
    any_of("metric", list(query.metrics))
    keyed("source", query.sources)
    keyed("entity", entity_names)
    keyed("tag", [fold(t) for t in query.tags])
    if query.min_value is not None:
        where.append("value >= ?")
        params.append(query.min_value)
    if query.max_value is not None:
        where.append("value <= ?")
        params.append(query.max_value)
    if query.since:
        where.append("last >= ?")
        params.append(dates.parse_span(query.since)[0].isoformat())
    if query.until:
        where.append("first <= ?")
        params.append(dates.parse_span(query.until)[1].isoformat())
    for term in terms:  # the same substring test as query.relevance, on the same folded text
        where.append("n IN (SELECT n FROM search WHERE instr(hay, ?) > 0)")
        params.append(term)
    return ("WHERE " + " AND ".join(where) if where else ""), params
