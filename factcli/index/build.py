"""Building the index from the store's YAML, in full or for the files that changed.

Parsing YAML costs ~0.2 ms a fact (18 s for 100,000), so lookups read the
index instead: per store file its parse, keyed by (name, size, mtime_ns), and
per fact its JSON, the columns filters need and its folded text for search.
After a change only the changed fact files are parsed again. Anything wrong
with the cache (corrupt, unwritable, another version) means: read the YAML,
answer from an index in memory, warn once, carry on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcli.errors import StoreError
from factcli.index import bodies, search
from factcli.index.engine import Index
from factcli.index.keys import Fingerprint, format_key
from factcli.model import fact_data, source_data
from factcli.store.files import vocabulary_of
from factcli.text import dates
from factcli.text.fold import fold

if TYPE_CHECKING:
    from factcli.model import Fact
    from factcli.store.load import Store
    from factcli.store.vocab import Vocabulary

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER);
CREATE TABLE vocab(kind TEXT, key TEXT, data TEXT, embed TEXT, PRIMARY KEY (kind, key));
CREATE TABLE aliases(folded TEXT PRIMARY KEY, name TEXT);
CREATE TABLE facts(n INTEGER PRIMARY KEY, file TEXT, rec INTEGER, line INTEGER, col INTEGER, id TEXT, topic TEXT,
                   metric TEXT, kind TEXT, unit TEXT, value REAL, first TEXT, last TEXT, supersedes TEXT);
CREATE TABLE bodies(n INTEGER PRIMARY KEY, json TEXT);
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


def rebuild(
    root: Path, path: Path, key: str, files: Fingerprint, notes: list[str], progress: Progress | None = None
) -> Index:
    """Bring the cached index up to date and open it: only the changed fact files are read again (all of
    them after a vocabulary change), in parallel; an invalid store is read the thorough way and refused."""
    from factcli.index import stream

    stats = _previous_stats(path)
    changed = {name for name, size, mtime in files if stats.get(name) != (size, mtime)}
    removed = set(stats) - {name for name, _, _ in files}
    try:
        if stats and not any(vocabulary_of(name) for name in changed | removed):
            built = stream.update(root, path, key, files, changed, removed, progress)
        else:
            built = stream.build_all(root, path, key, files, progress)
        if not built:
            store = _thorough(root, progress)
            _write(path, key, store, files)
        current = Index.open(path, root, key)
    except (OSError, sqlite3.Error) as exc:
        from factcli.text.chars import os_error_text

        reason = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
        notes.append(f"warning: cannot write the index cache {path}: {reason}; lookups will re-read the YAML")
        current = None
    if current is None:
        return memory_index(_thorough(root, progress), notes)
    current.notes.extend(notes)
    return current


def _thorough(root: Path, progress: Progress | None) -> Store:
    """The store read file by file in this process, every problem found: refused when it has errors."""
    from factcli.store.load import read_store

    store = read_store(root, progress=progress)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid")
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


def _previous_stats(path: Path) -> dict[str, tuple[int, int]]:
    """The last index's file stats (to find what changed); empty when there is none it can be trusted with."""
    stats: dict[str, tuple[int, int]] = {}
    if not path.exists():
        return stats
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (format_key(),):
                return stats  # another layout or version: nothing in it can be trusted
            for name, size, mtime_ns in db.execute("SELECT name, size, mtime_ns FROM files"):
                stats[name] = (size, mtime_ns)
    except Exception:  # noqa: BLE001 - an unusable cache only means reading everything
        return {}
    return stats


def _write(path: Path, key: str, store: Store, files: Fingerprint) -> None:
    """Write a whole new index beside the old one and swap it in (readers never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            _insert_files(db, files)
            insert_vocabulary(db, store.vocab)
            _insert_facts(db, store, list(store.parsed_files))
            finish(db, key, new=True)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _insert_files(db: sqlite3.Connection, files: Fingerprint) -> None:
    db.executemany("INSERT INTO files VALUES (?, ?, ?)", list(files))


def insert_vocabulary(db: sqlite3.Connection, vocab: Vocabulary) -> None:
    rows: list[tuple[str, str, str, str | None]] = []
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
            rows.append((kind, key, json.dumps(data, ensure_ascii=False), embed))
    db.executemany("INSERT INTO vocab VALUES (?, ?, ?, ?)", rows)
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


#: One fact as the index stores it: its facts row, its bodies row, its keys rows and its search row.
Row = tuple[tuple[Any, ...], tuple[int, str | bytes], list[tuple[str, str, int]], tuple[Any, ...]]


def fact_row(vocab: Vocabulary, name: str, n: int, rec: int | str, fact: Fact) -> Row:
    first_day, last_day = _span(fact)
    line, col = (fact.location.line, fact.location.column) if fact.location else (1, 1)
    supersedes = fact.supersedes.id if fact.supersedes else None
    columns = (n, name, rec, line, col, fact.id, fact.topic, fact.metric, fact.kind, fact.unit, fact.value,
               first_day.isoformat(), last_day.isoformat(), supersedes)  # fmt: skip
    body = json.dumps(fact_data(fact), ensure_ascii=False)
    keys = [(dim, key, n) for dim, key in fact_keys(fact)]
    return columns, (n, body), keys, (n, *search.columns(vocab, fact, *_years(fact)))


def insert_rows(db: sqlite3.Connection, rows: Sequence[Row], *, new: bool = True) -> None:
    """Insert facts' rows (``new``: a new index, whose keys wait to be sorted in)."""
    db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * 14)})", [r[0] for r in rows])
    db.executemany("INSERT INTO bodies VALUES (?, ?)", [r[1] for r in rows])
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
    rows = db.execute("SELECT n, json FROM bodies WHERE n IN (SELECT n FROM gone)").fetchall()
    zdict = bodies.stored_zdict(db)
    for n, stored in rows:
        fact = fact_from_data(json.loads(bodies.decompress(stored, zdict)))
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
