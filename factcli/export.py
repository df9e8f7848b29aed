"""The whole store as a SQLite database for Datasette (and any SQL client).

One row per fact, with its sources, citations, entities and tags in their
own tables joined by ids, and an FTS5 full-text index over claims and quotes
(Datasette's search box uses it). CSV and JSON exports go through the same
renderers as ``find``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from factcli.errors import FactcliError
from factcli.store import Store

_SCHEMA = """
CREATE TABLE sources(id TEXT PRIMARY KEY, title TEXT, publisher TEXT, published TEXT, type TEXT, url TEXT,
                     sha256 TEXT, accessed TEXT, language TEXT, note TEXT);
CREATE TABLE topics(key TEXT PRIMARY KEY, title TEXT, description TEXT);
CREATE TABLE metrics(key TEXT PRIMARY KEY, unit TEXT, description TEXT);
CREATE TABLE entities(name TEXT PRIMARY KEY, kind TEXT, aliases TEXT);
CREATE TABLE facts(id TEXT PRIMARY KEY, claim TEXT, kind TEXT, value REAL, qualifier TEXT, unit TEXT,
                   value_text TEXT, date TEXT, period_start TEXT, period_end TEXT,
                   topic TEXT REFERENCES topics(key), metric TEXT REFERENCES metrics(key), note TEXT,
                   supersedes TEXT REFERENCES facts(id), supersedes_reason TEXT);
CREATE TABLE citations(fact_id TEXT REFERENCES facts(id), source_id TEXT REFERENCES sources(id),
                       section TEXT, quote TEXT, position INTEGER);
CREATE TABLE fact_entities(fact_id TEXT REFERENCES facts(id), entity TEXT REFERENCES entities(name));
CREATE TABLE fact_tags(fact_id TEXT REFERENCES facts(id), tag TEXT);
CREATE VIRTUAL TABLE facts_fts USING fts5(id UNINDEXED, claim, quotes, tokenize='unicode61 remove_diacritics 2');
CREATE INDEX facts_topic ON facts(topic);
CREATE INDEX facts_metric ON facts(metric);
CREATE INDEX citations_fact ON citations(fact_id);
CREATE INDEX fact_entities_entity ON fact_entities(entity);
"""


def to_sqlite(store: Store, target: Path, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write the store to ``target`` (replaced atomically); returns row counts per table.

    Raises FactcliError naming the file when it cannot be written; nothing is left half-written.
    """
    try:
        return _write_sqlite(store, target, progress)
    except (OSError, sqlite3.Error) as exc:
        from factcli.text.chars import os_error_text  # noqa: PLC0415 - error path only

        if not target.parent.is_dir():
            reason = f"no such directory {target.parent}"
        elif isinstance(exc, OSError):
            reason = os_error_text(exc)
        else:
            reason = "the database could not be written"
        msg = f"cannot write {target}: {reason}"
        raise FactcliError(msg) from exc


def _write_sqlite(store: Store, target: Path, progress: Callable[[int, int], None] | None) -> dict[str, int]:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    facts = store.all_facts()
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript(_SCHEMA)
            db.executemany(
                "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (s.id, s.title, s.publisher, s.published, s.type, s.url, s.sha256, s.accessed, s.language, s.note)
                    for s in store.sources.values()
                ],
            )
            topics = [(t.key, t.title, t.description) for t in store.topics.values()]
            db.executemany("INSERT INTO topics VALUES (?,?,?)", topics)
            metrics = [(m.key, m.unit, m.description) for m in store.metrics.values()]
            db.executemany("INSERT INTO metrics VALUES (?,?,?)", metrics)
            db.executemany(
                "INSERT INTO entities VALUES (?,?,?)",
                [(e.name, e.kind, json.dumps(list(e.aliases), ensure_ascii=False)) for e in store.entities.values()],
            )
            for done, fact in enumerate(facts, 1):
                period = fact.period
                db.execute(
                    "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (fact.id, fact.claim, fact.kind, fact.value, fact.qualifier, fact.unit, fact.value_text, fact.date,
                     period.start if period else None, period.end if period else None, fact.topic, fact.metric,
                     fact.note, fact.supersedes.id if fact.supersedes else None,
                     fact.supersedes.reason if fact.supersedes else None),
                )  # fmt: skip
                db.executemany(
                    "INSERT INTO citations VALUES (?,?,?,?,?)",
                    [(fact.id, c.source, c.section, c.quote, i) for i, c in enumerate(fact.citations)],
                )
                db.executemany("INSERT INTO fact_entities VALUES (?,?)", [(fact.id, e) for e in fact.entities])
                db.executemany("INSERT INTO fact_tags VALUES (?,?)", [(fact.id, t) for t in fact.tags])
                quotes = "\n".join(c.quote for c in fact.citations)
                db.execute("INSERT INTO facts_fts VALUES (?,?,?)", (fact.id, fact.claim, quotes))
                if progress is not None and done % 1000 == 0:
                    progress(done, len(facts))
            db.commit()
            counts = {
                table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("facts", "sources", "citations", "entities", "fact_entities", "fact_tags")
            }
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    if progress is not None:
        progress(len(facts), len(facts))
    return counts
