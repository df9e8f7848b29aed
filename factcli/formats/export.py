"""The whole store as a SQLite database for Datasette (and any SQL client), written by sqlite-utils.

One row per fact, with its citations, entities and tags in their own tables
joined by ids, and full-text search over the facts enabled the standard way
(sqlite-utils' ``enable_fts``: an FTS5 table tied to ``facts`` by rowid, with
triggers), so Datasette shows a search box on the facts table. The file is
written beside the target and moved over it only when complete.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcli.errors import FactcliError

if TYPE_CHECKING:
    from factcli.index.engine import Index

#: Facts per insert batch: large enough to be fast, small enough to keep memory flat.
BATCH = 2000
#: The search index is fed this many new rows at a time while the rows go in.
FEED_ROWS = 20_000
#: Columns of ``facts`` that the search box searches.
SEARCHED = ("id", "claim", "value_text", "quotes")


def to_sqlite(index: Index, target: Path, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write the store to ``target`` (replaced atomically); returns row counts per table.

    Raises FactcliError naming the file when it cannot be written; nothing is left half-written.
    """
    try:
        return _write(index, target, progress)
    except (OSError, sqlite3.Error) as exc:
        from factcli.text.chars import os_error_text

        if not target.parent.is_dir():
            reason = f"no such directory {target.parent}"
        elif isinstance(exc, OSError):
            reason = os_error_text(exc)
        else:
            reason = "the database could not be written"
        msg = f"cannot write {target}: {reason}"
        raise FactcliError(msg) from exc


def _write(index: Index, target: Path, progress: Callable[[int, int], None] | None) -> dict[str, int]:
    import sqlite_utils  # 90 ms of imports: only export needs it

    from factcli.store import atomic

    with atomic.replacing(target) as tmp:
        db = sqlite_utils.Database(tmp)
        db.conn.execute("PRAGMA journal_mode=OFF")  # a file of our own, moved into place only when complete
        db.conn.execute("PRAGMA synchronous=OFF")
        try:
            _fill(db, index, progress)
            counts = {
                name: db[name].count
                for name in ("facts", "sources", "citations", "entities", "fact_entities", "fact_tags")
            }
        finally:
            db.close()
    return counts


def _fill(db: Any, index: Index, progress: Callable[[int, int], None] | None) -> None:
    vocab = index.vocab
    # Each table made first, so that one with no rows (a store without metrics.yaml) exists all the same.
    db["sources"].create(dict.fromkeys(_SOURCE_COLUMNS, str), pk="id")
    db["sources"].insert_all({key: getattr(s, key) for key in _SOURCE_COLUMNS} for s in vocab.sources.values())
    db["topics"].create({"key": str, "title": str, "description": str}, pk="key")
    db["topics"].insert_all(
        {"key": t.key, "title": t.title, "description": t.description} for t in vocab.topics.values()
    )
    db["metrics"].create({"key": str, "unit": str, "description": str}, pk="key")
    db["metrics"].insert_all(
        {"key": m.key, "unit": m.unit, "description": m.description} for m in vocab.metrics.values()
    )
    db["entities"].create({"name": str, "kind": str, "aliases": str}, pk="name")
    db["entities"].insert_all(
        {"name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in vocab.entities.values()
    )
    total = index.count()
    db["facts"].create(_FACT_COLUMNS, pk="id", foreign_keys=[("topic", "topics", "key"), ("metric", "metrics", "key")])
    db["citations"].create(
        {"fact_id": str, "source_id": str, "section": str, "quote": str, "position": int},
        foreign_keys=[("fact_id", "facts", "id"), ("source_id", "sources", "id")],
    )
    db["fact_entities"].create(
        {"fact_id": str, "entity": str}, foreign_keys=[("fact_id", "facts", "id"), ("entity", "entities", "name")]
    )
    db["fact_tags"].create({"fact_id": str, "tag": str}, foreign_keys=[("fact_id", "facts", "id")])
    conn = db.conn
    # Full-text search the standard way, made while the table is empty: its triggers are set aside while the
    # rows go in, and the search index is fed the new rows in bulk every FEED_ROWS (as enable_fts feeds it
    # all at once), while the worker processes make the next batches. Fed at every batch, it made 1.07x the
    # work (each commit writes a segment that must be merged); every 20,000 rows, about what one bulk feed does.
    db["facts"].enable_fts(SEARCHED, tokenize="porter", create_triggers=True)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'facts'")
    set_aside = triggers.fetchall()
    for name, _ in set_aside:
        conn.execute(f"DROP TRIGGER [{name}]")
    searched = ", ".join(f"[{c}]" for c in SEARCHED)
    feed = f"INSERT INTO facts_fts (rowid, {searched}) SELECT rowid, {searched} FROM facts WHERE rowid > ?"
    done = fed = 0
    for batch in _batches(index):
        if isinstance(batch, str):  # a worker's rows in a SQLite file of their own: copied by SQLite
            conn.execute("ATTACH DATABASE ? AS shard", (batch,))
            for table in ("facts", "citations", "fact_entities", "fact_tags"):
                conn.execute(f"INSERT INTO main.{table} SELECT * FROM shard.{table}")
            conn.commit()
            (count,) = conn.execute("SELECT count(*) FROM shard.facts").fetchone()
            conn.execute("DETACH DATABASE shard")
            os.unlink(batch)
        else:
            _insert(conn, batch)
            count = len(batch[0])
        done += count
        if done - fed >= FEED_ROWS:
            fed = _feed(conn, feed, fed)
        if progress is not None:
            progress(done, total)
    _feed(conn, feed, fed)
    for _, sql in set_aside:
        conn.execute(sql)
    conn.commit()
    db["facts"].create_index(["topic"])
    db["facts"].create_index(["metric"])
    db["citations"].create_index(["fact_id"])
    db["fact_entities"].create_index(["entity"])


def _feed(conn: sqlite3.Connection, feed: str, fed: int) -> int:
    """The search index fed the rows after rowid ``fed``; the last rowid now fed."""
    (last,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM facts").fetchone()
    conn.execute(feed, (fed,))
    conn.commit()
    return int(last)


_SOURCE_COLUMNS = ("id", "title", "publisher", "published", "type", "url", "sha256", "accessed", "language", "note")
_FACT_COLUMNS: dict[str, Any] = {
    "id": str, "claim": str, "kind": str, "value": float, "qualifier": str, "unit": str, "value_text": str,
    "date": str, "period_start": str, "period_end": str, "topic": str, "metric": str, "quotes": str, "note": str,
    "supersedes": str, "supersedes_reason": str,
}  # fmt: skip


Batch = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]
#: From this many facts on, worker processes decode the stored JSON (one per processor, a file each).
PARALLEL_FACTS = 20_000


def _batches(index: Index) -> Iterator[Batch | str]:
    """The rows of every fact, in file order: batches made here, or (for a large cached index) the paths of
    SQLite files that worker processes wrote them to, one per store file. A worker that finds another index
    file in place of this process's (the store changed meanwhile) leaves its file to this process, which reads
    its own: the export is of one version of the store."""
    import tempfile

    from factcli.index import workers

    count = workers.processors()
    files = index.db.execute("SELECT file, min(n), max(n), count(*) FROM facts GROUP BY file ORDER BY file").fetchall()
    if index.path is None or index.inode is None or count < 2 or sum(f[3] for f in files) < PARALLEL_FACTS:
        # Straight from the index's stored JSON, a batch at a time: no Fact objects, no whole store in memory.
        yield from (_rows(batch) for batch in index.records(BATCH))
        return
    with tempfile.TemporaryDirectory(prefix="factcli-export-") as shards, workers.Workers(count) as pool:
        tasks = [(str(index.path), index.inode, low, high, os.path.join(shards, f"{i}.sqlite"))
                 for i, (_, low, high, _) in enumerate(files)]  # fmt: skip
        for (_, _, low, high, _), shard in zip(tasks, pool.imap(_shard, tasks), strict=True):
            yield shard if shard else _rows([r for batch in index.records(BATCH, low, high) for r in batch])


def _shard(task: tuple[str, tuple[int, int], int, int, str]) -> str:
    """In a worker: one store file's facts decoded from the index and written as export rows to ``shard``;
    '' when the index file is no longer the parent's."""
    import contextlib

    from factcli.index.engine import Index

    index_path, inode, low, high, shard = task
    index = Index.reopen(Path(index_path), inode)
    if index is None:
        return ""
    with contextlib.closing(index.db):
        records = [r for batch in index.records(BATCH, low, high) for r in batch]
    with contextlib.closing(sqlite3.connect(shard)) as out:
        out.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            f"CREATE TABLE facts({', '.join(_FACT_COLUMNS)}); CREATE TABLE citations(a, b, c, d, e);"
            "CREATE TABLE fact_entities(a, b); CREATE TABLE fact_tags(a, b);"
        )
        _insert(out, _rows(records))
        out.commit()
    return shard


def _insert(conn: sqlite3.Connection, batch: Batch) -> None:
    """A batch's rows into the four tables (the export's, or a worker's of the same columns)."""
    facts, citations, entities, tags = batch
    conn.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * len(_FACT_COLUMNS))})", facts)
    conn.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?)", citations)
    conn.executemany("INSERT INTO fact_entities VALUES (?, ?)", entities)
    conn.executemany("INSERT INTO fact_tags VALUES (?, ?)", tags)


def _rows(batch: list[dict[str, Any]]) -> Batch:
    """A batch of facts' records as the rows of the four tables."""
    citations = [
        (r["id"], c["source"], c["section"], c["quote"], i) for r in batch for i, c in enumerate(r["citations"])
    ]
    entities = [(r["id"], e) for r in batch for e in r["entities"]]
    return [_fact_row(r) for r in batch], citations, entities, [(r["id"], t) for r in batch for t in r["tags"]]


def _fact_row(r: dict[str, Any]) -> tuple[Any, ...]:
    """A fact's JSON record as one flat row (the order of _FACT_COLUMNS): period and supersedes spread over two
    columns each, the quotes joined."""
    period, supersedes = r["period"] or {}, r["supersedes"] or {}
    quotes = "\n".join(c["quote"] for c in r["citations"])
    return (r["id"], r["claim"], r["kind"], r["value"], r["qualifier"], r["unit"], r["value_text"], r["date"],
            period.get("start"), period.get("end"), r["topic"], r["metric"], quotes, r["note"],
            supersedes.get("id"), supersedes.get("reason"))  # fmt: skip
