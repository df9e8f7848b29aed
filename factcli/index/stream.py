"""The index built file by file, in parallel: what a large store's first lookup waits for.

Each fact file is read, checked and turned into rows in a worker process (one
per processor: the files are independent once the vocabulary is known), and
the rows go into SQLite as they come back, in file order. Nothing holds the
whole store: the parent keeps each fact's id (to find duplicates across files)
and what it supersedes, a worker one file. A file changed since the last build
is re-read alone, its rows replaced, and the checks across files run in SQL.

This road only builds from a valid store. At the first error of any kind it
gives up (returns False) and the caller reads the store the thorough way
(``read_store``), which words every problem of every file, all at once.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.index import bodies, build, place, search, shard, workers
from factcli.index.keys import Fingerprint

if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary

Progress = Callable[[int, int], None]
#: Below this much YAML, worker processes cost more than they save.
PARALLEL_BYTES = 4 * 1024 * 1024


def worker_count(paths: Sequence[Path]) -> int:
    """Processes to read ``paths`` with: one per processor, none (in process) for a small store;
    $FACTCLI_BUILD_WORKERS sets the number (0: always in process)."""
    asked = os.environ.get("FACTCLI_BUILD_WORKERS", "")
    if asked.isdigit():
        return min(int(asked), len(paths))
    size = sum(p.stat().st_size for p in paths)
    if size < PARALLEL_BYTES or len(paths) < 2:
        return 0
    return max(0, min(workers.processors(), len(paths)))


@contextlib.contextmanager
def _reading(
    vocab: Vocabulary, zdict: bytes, tasks: Sequence[tuple[Path, int]], beside: Path
) -> Iterator[Iterator[shard.FileRows]]:
    """Each (file, file number)'s rows, in order, from worker processes (writing their files in a directory
    beside the index being written) or, for a small store, in this one."""
    count = worker_count([path for path, _ in tasks])
    names = [(str(path), file_no) for path, file_no in tasks]
    if count == 0:
        shard.start_worker(vocab, zdict)
        try:
            yield (shard.file_rows(n) for n in names)
        finally:
            gc.enable()
        return
    shards = place.scratch(beside)
    try:
        with workers.Workers(count, shard.start_worker, (vocab, zdict, shards)) as pool:
            yield pool.imap(shard.file_shard, names)
    finally:
        shutil.rmtree(shards, ignore_errors=True)


def build_all(root: Path, path: Path, key: str, files: Fingerprint, progress: Progress | None) -> bool:
    """A whole new index in the new file at ``path`` from a valid store; False at the first error.

    The first facts of the first fact file are read here, and their JSON becomes the dictionary every
    file's JSON is compressed with (see _dictionary)."""
    from factcli.store.load import read_vocabulary

    vocab, problems, paths = read_vocabulary(root)
    if any(p.level == "error" for p in problems) or not paths:
        return False
    return _build_all(vocab, paths, path, key, files, progress)


def _build_all(
    vocab: Vocabulary, paths: Sequence[Path], path: Path, key: str, files: Fingerprint, progress: Progress | None
) -> bool:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + build.SCHEMA)
        build.insert_vocabulary(db, vocab)
        zdict, first = _dictionary(vocab, paths)
        db.execute("INSERT INTO meta VALUES ('zdict', ?)", (zdict,))
        if first is not None:  # the first file was read whole for it: its rows, deflated as the others'
            first.rows = [(c, (n, bodies.compress(str(b), zdict), s), k, t) for c, (n, b, s), k, t in first.rows]
        tasks = [(p, i) for i, p in enumerate(paths) if i or first is None]
        with _reading(vocab, zdict, tasks, path) as rest:
            results = itertools.chain([first] if first is not None else [], rest)
            if not _insert_files(db, results, len(paths), progress, set(), new=True):
                return False
        build.insert_files(db, files)
        build.finish(db, key, new=True)
    return True


#: The first this many facts' JSON makes the compression dictionary.
SAMPLE = 64


def _dictionary(vocab: Vocabulary, paths: Sequence[Path]) -> tuple[bytes, shard.FileRows | None]:
    """The compression dictionary, from the first SAMPLE facts of the first fact file, and that file's rows
    when it had to be read whole for them (else None: the workers read it).

    Where workers read the store, only the start of the file is read here, cut before its SAMPLE+1-th
    item, so that no worker waits for a whole file. Any dictionary is correct (a fact is inflated with the
    one it was deflated with), a good one only smaller; so where the start cannot be read apart (a file of
    fewer facts, an item not at the line's start, an error) the whole file is read, and its errors stop
    the build as any file's do."""
    from factcli.store.load import parse_fact_file, parse_fact_text

    path = paths[0]
    shard.start_worker(vocab, b"")
    try:
        sample = None
        if worker_count(paths):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = _head(path)
                cut = _item_start(text, SAMPLE)
                parsed = parse_fact_text(text[:cut], path.name) if cut is not None else None
                sample = shard.rows_of(parsed, path.name, 0) if parsed and len(parsed.facts) == SAMPLE else None
        first = None
        if sample is None or not sample.clean:
            sample = first = shard.rows_of(parse_fact_file(path, positions=False), path.name, 0)
    finally:
        gc.enable()
    return bodies.zdict_of([str(row[1][1]) for row in sample.rows[:SAMPLE]]), first


#: How much of the first file is read for the sample: 64 facts of ordinary length take a twentieth of it.
HEAD_BYTES = 1 << 20


def _head(path: Path) -> str:
    """The first whole lines of a fact file, at most HEAD_BYTES of them (a FIFO or a device: none)."""
    with open(path, "rb", buffering=0) as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return ""
        raw = fh.read(HEAD_BYTES)
    return raw[: raw.rfind(b"\n") + 1].decode("utf-8-sig")


def _item_start(text: str, n: int) -> int | None:
    """Where the n-th (from 0) item of a top-level YAML list written at the line's start begins."""
    at = 0 if text.startswith("- ") else -1
    count = 0 if at == 0 else -1
    while count < n:
        at = text.find("\n- ", at + 1)
        if at < 0:
            return None
        count += 1
    return at + 1


def update(
    root: Path,
    path: Path,
    key: str,
    files: Fingerprint,
    changed: set[str],
    removed: set[str],
    progress: Progress | None = None,
) -> bool:
    """The index at ``path`` (a copy of the current one, for this update alone) with only the changed fact files
    read again; False at the first error (the copy is then thrown away)."""
    from factcli.store.load import read_vocabulary

    vocab, problems, paths = read_vocabulary(root)
    if any(p.level == "error" for p in problems):
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
        reread = [(p, numbers[p.name] if p.name in numbers else next(spare)) for p in paths if p.name in changed]
        with _reading(vocab, bodies.stored_zdict(db), reread, path) as results:
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
