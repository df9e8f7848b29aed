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

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            _fill(db, index, progress)
            counts = {
                name: db[name].count
                for name in ("facts", "sources", "citations", "entities", "fact_entities", "fact_tags")
            }
        finally:
            db.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


def _fill(db: Any, index: Index, progress: Callable[[int, int], None] | None) -> None:
    vocab = index.vocab
    db["sources"].insert_all(
        ({key: getattr(s, key) for key in _SOURCE_COLUMNS} for s in vocab.sources.values()), pk="id"
    )
    db["topics"].insert_all(
        ({"key": t.key, "title": t.title, "description": t.description} for t in vocab.topics.values()), pk="key"
    )
    db["metrics"].insert_all(
        ({"key": m.key, "unit": m.unit, "description": m.description} for m in vocab.metrics.values()), pk="key"
    )
    db["entities"].insert_all(
        ({"name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in vocab.entities.values()), pk="name"
    )
    facts = index.all()
    total = len(facts)
    db["facts"].create(_FACT_COLUMNS, pk="id", foreign_keys=[("topic", "topics", "key"), ("metric", "metrics", "key")])
    db["citations"].create(
        {"fact_id": str, "source_id": str, "section": str, "quote": str, "position": int},
        foreign_keys=[("fact_id", "facts", "id"), ("source_id", "sources", "id")],
    )
    db["fact_entities"].create(
        {"fact_id": str, "entity": str}, foreign_keys=[("fact_id", "facts", "id"), ("entity", "entities", "name")]
    )
    db["fact_tags"].create({"fact_id": str, "tag": str}, foreign_keys=[("fact_id", "facts", "id")])
    for start in range(0, total, BATCH):
        batch = facts[start : start + BATCH]
        db["facts"].insert_all(_fact_rows(batch), batch_size=BATCH)
        db["citations"].insert_all(
            (
                {"fact_id": f.id, "source_id": c.source, "section": c.section, "quote": c.quote, "position": i}
                for f in batch
                for i, c in enumerate(f.citations)
            ),
            batch_size=BATCH,
        )
        db["fact_entities"].insert_all(
            ({"fact_id": f.id, "entity": e} for f in batch for e in f.entities), batch_size=BATCH
        )
        db["fact_tags"].insert_all(({"fact_id": f.id, "tag": t} for f in batch for t in f.tags), batch_size=BATCH)
        if progress is not None:
            progress(min(start + BATCH, total), total)
    db["facts"].create_index(["topic"])
    db["facts"].create_index(["metric"])
    db["citations"].create_index(["fact_id"])
    db["fact_entities"].create_index(["entity"])
    db["facts"].enable_fts(SEARCHED, tokenize="porter", create_triggers=True)


_SOURCE_COLUMNS = ("id", "title", "publisher", "published", "type", "url", "sha256", "accessed", "language", "note")
_FACT_COLUMNS: dict[str, Any] = {
    "id": str, "claim": str, "kind": str, "value": float, "qualifier": str, "unit": str, "value_text": str,
    "date": str, "period_start": str, "period_end": str, "topic": str, "metric": str, "quotes": str, "note": str,
    "supersedes": str, "supersedes_reason": str,
}  # fmt: skip


def _fact_rows(facts: Any) -> Iterator[dict[str, Any]]:
    """Each fact as one flat row: its JSON record with period and supersedes spread over two columns."""
    from factcli.model import fact_data

    for fact in facts:
        row = fact_data(fact)
        period, supersedes, citations = row.pop("period") or {}, row.pop("supersedes") or {}, row.pop("citations")
        for key in ("tags", "entities"):
            del row[key]  # their own tables
        row.update(
            period_start=period.get("start"),
            period_end=period.get("end"),
            quotes="\n".join(c["quote"] for c in citations),
            supersedes=supersedes.get("id"),
            supersedes_reason=supersedes.get("reason"),
        )
        yield row
