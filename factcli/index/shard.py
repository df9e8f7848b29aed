"""One fact file's rows, made in a worker process of the build: read, checked, sealed, deflated, and
written to a SQLite file of their own for the parent to copy in.

The worker's vocabulary and compression dictionary are set once, when it starts
(``start_worker``); the parent uses the same functions for a file it reads itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.index import bodies, build, search

if TYPE_CHECKING:
    from factcli.store.survey import Facts, Survey
    from factcli.store.vocab import Vocabulary

_SURVEY: Survey | None = None
_VOCAB: Vocabulary | None = None
_ZDICT = b""


@dataclass
class FileRows:
    """One fact file's rows (or, from a worker, the SQLite file they were written to), or ``clean`` False
    when the file holds an error."""

    name: str
    clean: bool
    rows: list[build.Row]
    shard: str | None = None
    #: Each fact's id and what it supersedes (None), for the checks across files.
    ids: list[tuple[str, str | None]] | None = None


_SHARDS: str | None = None
_SHARD_SCHEMA = f"""
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
CREATE TABLE facts(n INTEGER PRIMARY KEY, file, rec, line, col, id, topic, metric, kind, unit, value, first, last,
                   supersedes);
CREATE TABLE bodies(n INTEGER PRIMARY KEY, json, seal);
CREATE TABLE keys(dim, key, n);
CREATE TABLE search(n INTEGER PRIMARY KEY, {", ".join(search.COLUMNS)});
"""


def file_shard(task: tuple[str, int]) -> FileRows:
    """In a worker: one fact file's rows written to a SQLite file of their own, for the parent to copy in C
    (handing the rows back as Python objects cost the parent as much again as writing them)."""
    result = file_rows(task)
    if not result.clean:
        return result
    assert _SHARDS is not None
    shard = os.path.join(_SHARDS, f"{task[1]}.sqlite")
    with contextlib.closing(sqlite3.connect(shard)) as db:
        db.executescript(_SHARD_SCHEMA)
        build.insert_rows(db, result.rows, new=False)  # the shard's search table is a plain one, n its rowid
        db.commit()
    return FileRows(result.name, True, [], shard, ids_of(result.rows))


def ids_of(rows: Sequence[build.Row]) -> list[tuple[str, str | None]]:
    """Each fact's id and what it supersedes, from its facts row."""
    return [(row[0][5], row[0][13]) for row in rows]


def file_rows(task: tuple[str, int]) -> FileRows:
    """Read, check and turn into rows one fact file (in a worker: the survey, the vocabulary and the
    compression dictionary are the process's; without a dictionary the JSON stays text)."""
    assert _SURVEY is not None
    assert _VOCAB is not None
    path, file_no = task
    return rows_of(_SURVEY.facts(Path(path), _VOCAB), Path(path).name, file_no)


def rows_of(facts: Facts | None, name: str, file_no: int) -> FileRows:
    """A fact file's rows from its checked facts (None: it holds an error)."""
    assert _VOCAB is not None
    if facts is None:
        return FileRows(name, False, [])
    rows = []
    for at, (record, fact) in enumerate(facts):
        number = build.number(file_no, at)
        columns, (n, body, check), keys, texts = build.fact_row(_VOCAB, name, number, record[0], fact)
        rows.append((columns, (n, bodies.compress(str(body), _ZDICT) if _ZDICT else body, check), keys, texts))
    return FileRows(name, True, rows)


def start_worker(found: Survey, vocab: Vocabulary, zdict: bytes, shards: str | None = None) -> None:
    global _SURVEY, _VOCAB, _ZDICT, _SHARDS
    _SURVEY, _VOCAB, _ZDICT, _SHARDS = found, vocab, zdict, shards
    gc.disable()  # a worker's objects all live until its file is done: collecting only rescans them
