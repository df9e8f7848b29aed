"""The one query engine: every lookup of every command is answered from the SQLite index.

A fact is stored once, as the JSON of its record (``model.fact_data``), with
the columns that filters and sort keys need beside it. ``--json`` output is
that text with each citation's source spliced in as text, so printing a
lookup needs neither the JSON encoder nor the model; a ``Fact`` is built
from the text only when a field of it is read.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from factcli.errors import UsageError
from factcli.index import bodies, names, place, vocab_rows
from factcli.index.hits import Hits
from factcli.index.query import ORDER, Query, SortKey, sorted_rows, where
from factcli.text.fold import fold, valid

T = TypeVar("T")

if TYPE_CHECKING:
    from factcli.index.candidates import Postings
    from factcli.index.typos import Speller
    from factcli.model import Fact
    from factcli.store.vocab import Vocabulary

#: A citation's source id in stored JSON. A key: inside a JSON string every '"' is escaped.
_SOURCE_ID = re.compile(r'\{"source": "([^"\\]+)"')
#: Columns of a result row: number, id, file, line, column (those its seal covers, bodies.SEALED). A fact's JSON
#: is read only for the rows printed (``hits.Hits``).
_ROW = bodies.SEALED


class Index:
    """A store's facts and vocabulary as the index holds them (a file in the cache, or in memory)."""

    def __init__(self, root: Path, db: sqlite3.Connection, notes: Sequence[str] = ()) -> None:
        self.root = root
        self.db = db
        #: Postings per search term, counted once per process (check-draft picks the rarer terms).
        self._postings: Postings | None = None
        #: Messages for the user about how the store was read (cache warnings); the CLI prints them.
        self.notes = list(notes)
        self._zdict: bytes | None = None
        #: The index file (None for an index in memory), for a process that reads it too (export's workers),
        #: and its (device, inode): the file this connection reads, whatever is at ``path`` later.
        self.path: Path | None = None
        self.inode: tuple[int, int] | None = None
        self._spell: Speller | None = None

    @classmethod
    def open(cls, path: Path, root: Path, key: str) -> Index | None:
        """The index file at ``path`` when it can be trusted (place.trusted) and holds ``key`` (it is current),
        else None. Opened immutable: published index files are never written (place.py), so SQLite takes no
        lock and reads no journal, and every query of this connection reads the one file it opened."""
        opened = place.connect(path)
        if opened is None:
            return None
        db, stored_key, inode = opened
        if stored_key != key:
            db.close()
            return None
        index = cls(root, db)
        index.path, index.inode = path, inode
        return index

    @classmethod
    def reopen(cls, path: Path, inode: tuple[int, int]) -> Index | None:
        """The index file another process opened (``inode``), opened again here (a worker of that process);
        None when ``path`` holds another file now."""
        opened = place.connect(path)
        if opened is None or opened[2] != inode:
            if opened is not None:
                opened[0].close()
            return None
        index = cls(path.parent, opened[0])
        index.path, index.inode = path, inode
        return index

    def discard(self) -> None:
        """Remove this index file (it is damaged), unless a builder has put another in its place since."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            st = os.lstat(self.path)
            if (st.st_dev, st.st_ino) == self.inode:
                os.unlink(self.path)

    def damaged(self, what: str) -> bodies.Damaged:
        """The error for a damaged index, which is removed: the next run builds it anew."""
        self.discard()
        where = f"the index cache {self.path}" if self.path else "the index"
        return bodies.Damaged(f"{where} is damaged ({what}); it was removed: run the command again to rebuild it")

    # -- the vocabulary ---------------------------------------------------------------------------------------

    @cached_property
    def vocab(self) -> Vocabulary:
        """The vocabulary as records: read and built on first use (`show --json` never needs it)."""
        return self._sealed(vocab_rows.vocabulary)

    @cached_property
    def _embedded_sources(self) -> dict[str, str]:
        return self._sealed(vocab_rows.embedded_sources)

    def thesaurus(self) -> dict[str, tuple[str, ...]]:
        """Each reader's word of the store's thesaurus (folded) and the store's words it stands for."""
        return self._sealed(vocab_rows.thesaurus)

    def _sealed(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """What ``read`` takes from the vocabulary table; a row that fails its seal is a damaged index."""
        try:
            return read(self.db)
        except bodies.Damaged as exc:
            raise self.damaged(str(exc)) from None

    def keys_of(self, kind: str) -> list[str]:
        """The keys of one vocabulary (topic, source, metric), sorted."""
        return [key for (key,) in self.db.execute("SELECT key FROM vocab WHERE kind = ? ORDER BY key", (kind,))]

    def spelled(self, kind: str, value: str, flag: str) -> str:
        """A topic, source or metric key as the store spells it, typed in any case; unknown is a usage error."""
        return names.spelled([value], kind, flag, self.keys_of(kind))[0]

    def canonical_entity(self, name: str) -> str:
        """The canonical name for a name or alias typed by the user; unknown is a usage error."""
        row = self.db.execute("SELECT name FROM aliases WHERE folded = ?", (fold(name),)).fetchone()
        if row is None:
            from factcli.text.suggest import suggest

            msg = f"unknown entity '{name}' for --entity{suggest(name, self.vocab.entity_names())}"
            raise UsageError(msg)
        return str(row[0])

    # -- single facts -----------------------------------------------------------------------------------------

    def fact_json(self, fact_id: str) -> str | None:
        """A fact's JSON record as ``--json`` prints it (sources embedded), or None."""
        row = self.db.execute(f"SELECT {_ROW} FROM facts WHERE id = ?", (fact_id,)).fetchone()
        return None if row is None else self.embed_sources(self.texts([row])[0])

    def get(self, fact_id: str) -> Fact | None:
        rows = self._rows(f"SELECT {_ROW} FROM facts WHERE id = ?", (fact_id,))
        return Hits(self, rows)[0] if rows else None

    def require(self, ids: Sequence[str]) -> Hits:
        """Facts by id, in the order given; an unknown id is a usage error with suggestions."""
        rows = []
        for typed in ids:
            fact_id = valid(typed.strip().lower())  # ids are lowercase: 'PEACEKEEPING-…' is the same fact
            found = self._rows(f"SELECT {_ROW} FROM facts WHERE id = ?", (fact_id,))
            if not found:
                from factcli.text.suggest import suggest

                msg = f"no fact with id '{typed}'{suggest(fact_id, self.fact_ids())}"
                raise UsageError(msg)
            rows.extend(found)
        return Hits(self, rows)

    def count(self) -> int:
        """How many facts the store holds (counted by SQLite: a large store's ids are not fetched for it)."""
        return int(self.db.execute("SELECT count(*) FROM facts").fetchone()[0])

    def fact_ids(self) -> list[str]:
        return [fact_id for (fact_id,) in self.db.execute("SELECT id FROM facts ORDER BY file, rec")]

    def all(self) -> Hits:
        """Every fact, in file order."""
        return Hits(self, self._rows(f"SELECT {_ROW} FROM facts ORDER BY file, rec"))

    def records(self, batch: int, low: int = 0, high: int = -1) -> Iterator[list[dict[str, Any]]]:
        """Every fact's stored JSON record (sources as ids), parsed, in file order, ``batch`` at a time (only the
        facts numbered ``low`` to ``high``, when given)."""
        import json

        span = "" if high < 0 else f"WHERE n BETWEEN {int(low)} AND {int(high)} "
        cursor = self.db.execute(f"SELECT {_ROW} FROM facts {span}ORDER BY file, rec")
        while rows := cursor.fetchmany(batch):
            yield [json.loads(text) for text in self.texts(rows)]

    def facts_of_metric(self, metric: str) -> Hits:
        sql = f"SELECT {_ROW} FROM facts WHERE metric = ? ORDER BY first, last, id"
        return Hits(self, self._rows(sql, (metric,)))

    def metric_spans(self, metric: str) -> list[tuple[str, str, str]]:
        """(id, first day, last day) of each fact of ``metric``, ISO dates: when each figure holds."""
        return self._rows("SELECT id, first, last FROM facts WHERE metric = ? ORDER BY first", (metric,))

    def related(self, fact: Fact) -> list[Fact]:
        """Other facts of the same metric, in date order: how the figure moved."""
        if fact.metric is None:
            return []
        return [f for f in self.facts_of_metric(fact.metric) if f.id != fact.id]

    def superseded_by(self, fact_id: str) -> list[str]:
        sql = "SELECT id FROM facts WHERE supersedes = ? ORDER BY file, rec"
        return [other for (other,) in self.db.execute(sql, (fact_id,))]

    def candidates(self, words: Sequence[str], values: Sequence[float]) -> list[str]:
        """Ids of the facts a passage of prose may be about (see candidates.py): check-draft asks this for each
        sentence, so it reads a few dozen facts, never the whole store."""
        from factcli.index.candidates import Postings, candidate_ids

        if self._postings is None:
            self._postings = Postings(self.db)
        return candidate_ids(self._postings, words, values)

    # -- counts and lists -------------------------------------------------------------------------------------

    def count_by(self, dim: str) -> dict[str, int]:
        """Facts per topic, source or entity."""
        if dim == "topic":
            return dict(self.db.execute("SELECT topic, count(*) FROM facts GROUP BY topic").fetchall())
        return dict(self.db.execute("SELECT key, count(*) FROM keys WHERE dim = ? GROUP BY key", (dim,)).fetchall())

    def tags(self) -> set[str]:
        return {tag for (tag,) in self.db.execute("SELECT DISTINCT key FROM keys WHERE dim = 'tag'")}

    def units(self) -> set[str]:
        return {unit for (unit,) in self.db.execute("SELECT DISTINCT unit FROM facts WHERE unit IS NOT NULL")}

    # -- find -------------------------------------------------------------------------------------------------

    def find(self, query: Query) -> Hits:
        """Facts matching every filter, and the search words as ranking.py reads them, ordered as asked."""
        query, entity_names = names.checked(self, query)
        clauses, params = where(query, entity_names)
        if query.text:
            from factcli.index import expand, ranking

            concepts = expand.concepts(query.text, self.thesaurus())
            if concepts:
                found = ranking.found(self.db, concepts, clauses, params, self.correct)
                rows = found.rows
                if query.sort not in (None, SortKey.relevance):
                    rows = sorted_rows(rows, str(query.sort), reverse=query.reverse)
                elif query.reverse:  # least relevant first, but never a partial match before a full one
                    full = len(rows) if found.full is None else found.full
                    rows = rows[:full][::-1] + rows[full:][::-1]
                hits = Hits(self, rows[: query.limit] if query.limit is not None else rows)
                hits.notes = found.notes
                return hits
        clause = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sort = query.sort if query.sort not in (None, SortKey.relevance) else SortKey.date
        keys = ORDER[str(sort)]
        order = ", ".join(self._direction(key, query.reverse) for key in keys)
        limit = "" if query.limit is None else f" LIMIT {int(query.limit)}"  # SQLite keeps only the top rows
        return Hits(self, self._rows(f"SELECT {_ROW} FROM facts {clause} ORDER BY {order}{limit}", params))

    def correct(self, word: str) -> str | None:
        """The store's word a typo stands for (typos.py, loaded only when a word matched nothing)."""
        from factcli.index.typos import Speller

        if self._spell is None:
            self._spell = Speller(self.db, self._fact_text)
        return self._spell.correct(word)

    def _fact_text(self, n: int) -> str | None:
        rows = self._rows(f"SELECT {_ROW} FROM facts WHERE n = ?", (n,))
        return self.texts(rows)[0] if rows else None

    @staticmethod
    def _direction(key: str, reverse: bool) -> str:
        if key == "value IS NULL":  # facts without a value stay last either way
            return key
        return f"{key} DESC" if reverse else key

    # -- rows to facts ----------------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def embed_sources(self, text: str) -> str:
        """A stored fact's JSON with each citation's source id replaced by the source's record."""
        embedded = self._embedded_sources
        return _SOURCE_ID.sub(lambda m: '{"source": ' + embedded[m.group(1)], text)

    def texts(self, rows: Sequence[Sequence[Any]]) -> list[str]:
        """The stored JSON of the facts of ``rows`` (at most ``_BATCH``; each row starts with the fact's
        bodies.SEALED columns, as a result's rows do), in their order, every one checked against its seal: a
        damaged index raises Damaged, never answers."""
        if self._zdict is None:
            self._zdict = bodies.stored_zdict(self.db)
        numbers = [row[0] for row in rows]
        marks = ",".join("?" * len(numbers))
        stored = {n: (text, check) for n, text, check in self.db.execute(
            f"SELECT n, json, seal FROM bodies WHERE n IN ({marks})", numbers)}  # fmt: skip
        try:
            return [bodies.opened(row, *stored[row[0]], self._zdict) for row in rows]
        except bodies.Damaged as exc:
            raise self.damaged(str(exc)) from None
        except KeyError:
            what = "a fact's JSON is missing"
            raise self.damaged(what) from None

    def build_fact(self, row: Sequence[Any], body: str) -> Fact:
        """A Fact from a result row (n, id, file, line, column) and its stored JSON."""
        import json

        from factcli.model import Location, fact_from_data
        from factcli.text.chars import display_path

        return fact_from_data(json.loads(body), Location(display_path(self.root / row[2]), row[3], row[4]))
