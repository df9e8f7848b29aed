"""The index built file by file, in parallel: what a large store's first lookup waits for.

Each fact file is read, checked and turned into rows in a worker process (one
per processor: the files are independent once the vocabulary is known), and
the rows go into SQLite as they come back, in file order. Nothing holds the
whole store: the parent keeps each fact's id (to find duplicates across files)
and what it supersedes, a worker one file. A file changed since the last build
is re-read alone, its rows replaced, and the checks across files run in SQL.

This road only builds from a valid store. At the first error of any kind it
gives up (returns False) and the caller reads the store the thorough way
(``Survey.read_all``), which words every problem of every file, all at once.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.index import bodies, build, place, search, shard, workers
from factcli.index.keys import Fingerprint

if TYPE_CHECKING:
    from factcli.store.survey import StoreFile, Survey
    from factcli.store.vocab import Vocabulary

Progress = Callable[[int, int], None]
#: Below this much YAML, worker processes cost more than they save.
PARALLEL_BYTES = 4 * 1024 * 1024


def worker_count(files: Sequence[StoreFile]) -> int:
    """Processes to read ``files`` with: one per processor, none (in process) for a small store;
    $FACTCLI_BUILD_WORKERS sets the number (0: always in process)."""
    asked = os.environ.get("FACTCLI_BUILD_WORKERS", "")
    if asked.isdigit():
        return min(int(asked), len(files))
    size = sum(file.size for file in files)
    if size < PARALLEL_BYTES or len(files) < 2:
        return 0
    return max(0, min(workers.processors(), len(files)))


@contextlib.contextmanager
def _reading(
    found: Survey, vocab: Vocabulary, zdict: bytes, tasks: Sequence[tuple[StoreFile, int]], beside: Path
) -> Iterator[Iterator[shard.FileRows]]:
    """Each (file, file number)'s rows, in order, from worker processes (writing their files in a directory
    beside the index being written) or, for a small store, in this one."""
    count = worker_count([file for file, _ in tasks])
    names = [(str(file.path), file_no) for file, file_no in tasks]
    if count == 0:
        shard.start_worker(found, vocab, zdict)
        try:
            yield (shard.file_rows(n) for n in names)
        finally:
            gc.enable()
        return
    shards = place.scratch(beside)
    try:
        with workers.Workers(count, shard.start_worker, (found, vocab, zdict, shards)) as pool:
            yield pool.imap(shard.file_shard, names)
    finally:
        shutil.rmtree(shards, ignore_errors=True)


def build_all(found: Survey, path: Path, key: str, files: Fingerprint, progress: Progress | None) -> bool:
    """A whole new index in the new file at ``path`` from a valid store; False at the first error.

    The first facts of the first fact file are read here, and their JSON becomes the dictionary every
    file's JSON is compressed with (see _dictionary)."""
    vocab = found.vocabulary()
    if vocab is None or not found.fact_files:
        return False
    return _build_all(found, vocab, path, key, files, progress)


def _build_all(
    found: Survey, vocab: Vocabulary, path: Path, key: str, files: Fingerprint, progress: Progress | None
) -> bool:
    facts = found.fact_files
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + build.SCHEMA)
        build.insert_vocabulary(db, vocab)
        zdict, first = _dictionary(found, vocab, facts)
        db.execute("INSERT INTO meta VALUES ('zdict', ?)", (zdict,))
        if first is not None:  # the first file was read whole for it: its rows, deflated as the others'
            first.rows = [(c, (n, bodies.compress(str(b), zdict), s), k, t) for c, (n, b, s), k, t in first.rows]
        tasks = [(f, i) for i, f in enumerate(facts) if i or first is None]
        with _reading(found, vocab, zdict, tasks, path) as rest:
            results = itertools.chain([first] if first is not None else [], rest)
            if not _insert_files(db, results, len(facts), progress, set(), new=True):
                return False
        build.insert_files(db, files)
        build.finish(db, key, new=True)
    return True


#: The first this many facts' JSON makes the compression dictionary.
SAMPLE = 64


def _dictionary(found: Survey, vocab: Vocabulary, facts: Sequence[StoreFile]) -> tuple[bytes, shard.FileRows | None]:
    """The compression dictionary, from the first SAMPLE facts of the first fact file, and that file's rows
    when it had to be read whole for them (else None: the workers read it).

    Where workers read the store, only the start of the file is read here (``Survey.first_facts``), so that
    no worker waits for a whole file. Any dictionary is correct (a fact is inflated with the one it was
    deflated with), a good one only smaller; so where the start cannot be read apart (a file of fewer
    facts, an item not at the line's start, an error) the whole file is read, and its errors stop the
    build as any file's do."""
    file = facts[0]
    shard.start_worker(found, vocab, b"")
    try:
        sample = None
        if worker_count(facts):
            head = found.first_facts(file.path, SAMPLE, vocab)
            sample = shard.rows_of(head, file.name, 0) if head is not None and len(head) == SAMPLE else None
        first = None
        if sample is None:
            sample = first = shard.rows_of(found.facts(file.path, vocab), file.name, 0)
    finally:
        gc.enable()
    return bodies.zdict_of([str(row[1][1]) for row in sample.rows[:SAMPLE]]), first


def update(
    found: Survey,
    path: Path,
    key: str,
    files: Fingerprint,
    changed: set[str],
    removed: set[str],
    progress: Progress | None = None,
) -> bool:
    """The index at ``path`` (a copy of the current one, for this update alone) with only the changed fact files
    read again; False at the first error (the copy is then thrown away)."""
    vocab = found.vocabulary()
    if vocab is None:
        return False
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        gone = [(name,) for name in changed | removed]
        numbers = dict(db.execute(f"SELECT file, min(n) >> {build.FILE_SHIFT} FROM facts GROUP BY file").fetchall())
        db.execute("CREATE TEMP TABLE gone(n INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO gone SELECT n FROM facts WHERE file = ?", gone)
        build.forget(db, vocab)
        for table in ("facts", "bodies"):
            db.execute(f"DELETE FROM {table} WHERE n IN (SELECT n FROM gone)")
        db.execute("DELETE FROM files")
        kept = {row[0] for row in db.execute("SELECT DISTINCT id FROM facts")}
        spare = itertools.count(max(numbers.values(), default=-1) + 1)
        reread = [
            (f, numbers[f.name] if f.name in numbers else next(spare)) for f in found.fact_files if f.name in changed
        ]
        with _reading(found, vocab, bodies.stored_zdict(db), reread, path) as results:
            inserted = _insert_files(db, results, len(reread), progress, kept, new=False)
        if not inserted or not _supersedes_resolve(db):
            return False
        build.insert_files(db, files)
        db.execute("DELETE FROM meta WHERE key != 'zdict'")
        build.finish(db, key)
    return True


def _insert_files(
    db: sqlite3.Connection,
    results: Iterable[shard.FileRows],
    total: int,
    progress: Progress | None,
    ids: set[str],
    *,
    new: bool,
) -> bool:
    """Each file's rows in order, the ids unique across them and ``ids``; False at the first error."""
    supersedes: list[tuple[str, str]] = []
    for done, result in enumerate(results, 1):
        if not result.clean:
            return False
        for fact_id, target in result.ids if result.ids is not None else shard.ids_of(result.rows):
            if fact_id in ids:
                return False
            ids.add(fact_id)
            if target is not None:
                supersedes.append((fact_id, target))
        if result.shard is not None:
            _copy_shard(db, result.shard, new=new)
        else:
            build.insert_rows(db, result.rows, new=new)
        if progress is not None:
            progress(done, total)
    return all(target != fact_id and target in ids for fact_id, target in supersedes)


def _copy_shard(db: sqlite3.Connection, written: str, *, new: bool) -> None:
    """A worker's rows (the SQLite file it ``written``) into the index: copied by SQLite, the full-text index fed
    as they go."""
    db.execute("ATTACH DATABASE ? AS shard", (written,))
    try:
        db.execute("INSERT INTO facts SELECT * FROM shard.facts")
        db.execute("INSERT INTO bodies SELECT * FROM shard.bodies")
        db.execute(f"INSERT INTO {'keys_load' if new else 'keys'} SELECT * FROM shard.keys")
        columns = ", ".join(search.COLUMNS)
        db.execute(f"INSERT INTO search(rowid, {columns}) SELECT n, {columns} FROM shard.search")
        db.commit()
    finally:
        with contextlib.suppress(sqlite3.Error):  # interrupted mid-copy: a statement is still open on it
            db.execute("DETACH DATABASE shard")
    os.unlink(written)


def _supersedes_resolve(db: sqlite3.Connection) -> bool:
    """After an update: every 'supersedes' names another fact still in the store."""
    sql = (
        "SELECT 1 FROM facts f WHERE f.supersedes IS NOT NULL AND (f.supersedes = f.id"
        " OR NOT EXISTS (SELECT 1 FROM facts g WHERE g.id = f.supersedes)) LIMIT 1"
    )
    return db.execute(sql).fetchone() is None
