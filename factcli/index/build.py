"""The index's tables, a fact's rows in them, and the index of a store read the thorough way.

Parsing YAML costs ~0.2 ms a fact (18 s for 100,000), so lookups read the
index instead: per store file its fingerprint, and per fact its JSON (sealed
by a checksum, see bodies.py), the columns filters need and its folded text
for search. ``stream`` builds and updates it file by file; ``refresh`` decides
which, under the lock, and puts the new file in place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcli.errors import StoreError
from factcli.index import bodies, search
from factcli.index.engine import Index
from factcli.index.keys import Fingerprint, format_key
from factcli.model import fact_data, source_data
from factcli.text import dates
from factcli.text.fold import fold

if TYPE_CHECKING:
    from factcli.model import Fact
    from factcli.store.load import Store
    from factcli.store.survey import Survey
    from factcli.store.vocab import Vocabulary

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER, ctime_ns INTEGER);
CREATE TABLE vocab(kind TEXT, key TEXT, data TEXT, embed TEXT, seal INTEGER, PRIMARY KEY (kind, key));
CREATE TABLE aliases(folded TEXT PRIMARY KEY, name TEXT);
CREATE TABLE facts(n INTEGER PRIMARY KEY, file TEXT, rec INTEGER, line INTEGER, col INTEGER, id TEXT, topic TEXT,
                   metric TEXT, kind TEXT, unit TEXT, value REAL, first TEXT, last TEXT, supersedes TEXT);
CREATE TABLE bodies(n INTEGER PRIMARY KEY, json TEXT, seal INTEGER);
CREATE TABLE keys(dim TEXT, key TEXT, n INTEGER, PRIMARY KEY (dim, key, n)) WITHOUT ROWID;
CREATE TABLE keys_load(dim TEXT, key TEXT, n INTEGER);
CREATE VIRTUAL TABLE search USING fts5({COLUMNS}, tokenize='{tokenizer}', content='');
"""
#: Made once the rows of a new index are in: one sort per index instead of a b-tree insert per row.
INDEXES = """
CREATE INDEX facts_id ON facts(id);
CREATE INDEX facts_file ON facts(file, rec);
CREATE INDEX facts_topic ON facts(topic);
CREATE INDEX facts_metric ON facts(metric);
CREATE INDEX facts_value ON facts(value);
INSERT INTO keys SELECT dim, key, n FROM keys_load ORDER BY dim, key, n;
DROP TABLE keys_load;
"""

SCHEMA = SCHEMA.replace("{COLUMNS}", ", ".join(search.COLUMNS)).replace("{tokenizer}", search.TOKENIZER)

Progress = Callable[[int, int], None]


def thorough(found: Survey, progress: Progress | None) -> Store:
    """The store read file by file in this process, every problem found: refused when it has errors."""
    store = found.read_all(progress)
    if store.errors:
        raise StoreError(store.problems, f"the store at {found.root} is invalid")
    return store


def memory_index(store: Store, notes: Sequence[str] = ()) -> Index:
    """An index of ``store`` in memory: for tests, tiny stores and an unwritable cache."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(SCHEMA)
    insert_vocabulary(db, store.vocab)
    _insert_facts(db, store, list(store.parsed_files))
    db.executescript(INDEXES)
    db.commit()
    return Index(store.root, db, notes)


def write(path: Path, key: str, store: Store, files: Fingerprint) -> None:
    """A whole index of ``store`` into the new file at ``path`` (the thorough road's)."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        insert_files(db, files)
        insert_vocabulary(db, store.vocab)
        _insert_facts(db, store, list(store.parsed_files))
        finish(db, key, new=True)


def insert_files(db: sqlite3.Connection, files: Fingerprint) -> None:
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", list(files))


def insert_vocabulary(db: sqlite3.Connection, vocab: Vocabulary) -> None:
    rows: list[tuple[str, str, str, str | None, int]] = []
    for kind, table in (
        ("source", vocab.sources),
        ("entity", vocab.entities),
        ("topic", vocab.topics),
        ("metric", vocab.metrics),
        ("thesaurus", vocab.thesaurus),
    ):
        for key, record in table.items():
            data = {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "location"}
            embed = json.dumps(source_data(record), ensure_ascii=False) if kind == "source" else None  # type: ignore[arg-type]
            text = json.dumps(data, ensure_ascii=False)
            rows.append((kind, key, text, embed, bodies.vocab_seal(kind, key, text, embed)))
    db.executemany("INSERT INTO vocab VALUES (?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO aliases VALUES (?, ?)", vocab.aliases.items())


def _insert_facts(db: sqlite3.Connection, store: Store, names: Sequence[str]) -> None:
    """Rows for the facts of the named files, each file numbered by its place among them."""
    for file_no, name in enumerate(names):
        facts = store.parsed_files[name].facts
        insert_rows(db, [fact_row(store.vocab, name, number(file_no, i), r[0], f) for i, (r, f) in enumerate(facts)])


#: A fact's number is its file's number, shifted, and its place in the file: no file holds a million facts.
FILE_SHIFT = 20


def number(file_no: int, place: int) -> int:
    return (file_no << FILE_SHIFT) | place


#: One fact as the index stores it: its facts row, its bodies row (n, JSON, seal), its keys rows and its
#: search row.
Row = tuple[tuple[Any, ...], tuple[int, str | bytes, int], list[tuple[str, str, int]], tuple[Any, ...]]


def fact_row(vocab: Vocabulary, name: str, n: int, rec: int | str, fact: Fact) -> Row:
    first_day, last_day = _span(fact)
    line, col = (fact.location.line, fact.location.column) if fact.location else (1, 1)
    supersedes = fact.supersedes.id if fact.supersedes else None
    columns = (n, name, rec, line, col, fact.id, fact.topic, fact.metric, fact.kind, fact.unit, fact.value,
               first_day.isoformat(), last_day.isoformat(), supersedes)  # fmt: skip
    body = json.dumps(fact_data(fact), ensure_ascii=False)
    check = bodies.seal(sealed(columns), body.encode("utf-8", "surrogatepass"))
    keys = [(dim, key, n) for dim, key in fact_keys(fact)]
    return columns, (n, body, check), keys, (n, *search.columns(vocab, fact, *_years(fact)))


def sealed(columns: Sequence[Any]) -> tuple[Any, ...]:
    """A facts row's columns that its seal covers, in bodies.SEALED's order."""
    return columns[0], columns[5], columns[1], columns[3], columns[4]


def insert_rows(db: sqlite3.Connection, rows: Sequence[Row], *, new: bool = True) -> None:
    """Insert facts' rows (``new``: a new index, whose keys wait to be sorted in)."""
    db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * 14)})", [r[0] for r in rows])
    db.executemany("INSERT INTO bodies VALUES (?, ?, ?)", [r[1] for r in rows])
    db.executemany(f"INSERT INTO {'keys_load' if new else 'keys'} VALUES (?, ?, ?)", [k for r in rows for k in r[2]])
    marks = ", ".join("?" * len(search.COLUMNS))
    db.executemany(f"INSERT INTO search(rowid, {', '.join(search.COLUMNS)}) VALUES (?, {marks})", [r[3] for r in rows])


def fact_keys(fact: Fact) -> list[tuple[str, str]]:
    """The (dimension, key) pairs filters look a fact up by: its sources, entities and tags."""
    keys = [("source", source) for source in fact.source_ids]
    keys += [("entity", entity) for entity in fact.entities]
    return keys + [("tag", tag) for tag in sorted({fold(t) for t in fact.tags})]


def _span(fact: Fact) -> tuple[Any, Any]:
    period = fact.period
    return dates.span_of(fact.date, period.start if period else None, period.end if period else None)


def _years(fact: Fact) -> tuple[int, int]:
    """The first and last year a fact is about; an open end takes the other end's year."""
    if fact.date is not None:
        return int(fact.date[:4]), int(fact.date[:4])
    assert fact.period is not None
    start, end = fact.period.start, fact.period.end
    first = int(start[:4]) if start else int(end[:4])  # type: ignore[index]
    return first, int(end[:4]) if end else first


def forget(db: sqlite3.Connection, vocab: Vocabulary) -> None:
    """Take the facts numbered in the temp table ``gone`` out of the full-text index and the keys.

    The full-text index keeps no copy of the text (contentless), so FTS5 is told the text it indexed,
    and the keys are found by their primary key: both rebuilt from each fact's stored JSON with the
    same vocabulary (a vocabulary change rebuilds all)."""
    from factcli.model import fact_from_data

    columns = ", ".join(search.COLUMNS)
    marks = ", ".join("?" * len(search.COLUMNS))
    sql = f"SELECT {bodies.SEALED}, json, seal FROM facts JOIN bodies USING (n) WHERE n IN (SELECT n FROM gone)"
    rows = db.execute(sql).fetchall()
    zdict = bodies.stored_zdict(db)
    for *row, stored, check in rows:
        n = row[0]
        fact = fact_from_data(json.loads(bodies.opened(row, stored, check, zdict)))
        db.execute(
            f"INSERT INTO search(search, rowid, {columns}) VALUES ('delete', ?, {marks})",
            (n, *search.columns(vocab, fact, *_years(fact))),
        )
        db.executemany("DELETE FROM keys WHERE dim = ? AND key = ? AND n = ?", [(*k, n) for k in fact_keys(fact)])


def finish(db: sqlite3.Connection, key: str, *, new: bool = False) -> None:
    """Mark the index current (``new``: make its indexes first, now that its rows are in)."""
    if new:
        db.executescript(INDEXES)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("key", key), ("format", format_key())])
    db.commit()
