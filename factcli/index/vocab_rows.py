"""The vocabulary table of an index: sources, entities, topics, metrics and the thesaurus as records, each
row checked against its seal (bodies.vocab_seal) as it is read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcli.index import bodies

if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary

_COLUMNS = "kind, key, data, embed, seal"


def vocabulary(db: sqlite3.Connection) -> Vocabulary:
    """Every record of the vocabulary, and the aliases of entities."""
    import json

    from factcli.model import Entity, Metric, Source, Synonyms, Topic
    from factcli.store.vocab import Vocabulary

    vocab = Vocabulary()
    rows = _checked(db.execute(f"SELECT {_COLUMNS} FROM vocab ORDER BY rowid").fetchall())
    tables: dict[str, dict[str, Any]] = {
        "source": vocab.sources,
        "entity": vocab.entities,
        "topic": vocab.topics,
        "metric": vocab.metrics,
        "thesaurus": vocab.thesaurus,
    }
    kinds: dict[str, type] = {
        "source": Source, "entity": Entity, "topic": Topic, "metric": Metric, "thesaurus": Synonyms,
    }  # fmt: skip
    for kind, key, data, _, _ in rows:
        record = json.loads(data)
        for listed in ("aliases", "words", "means"):
            if listed in record:
                record[listed] = tuple(record[listed])
        tables[kind][key] = kinds[kind](**record)
    vocab.aliases = dict(db.execute("SELECT folded, name FROM aliases").fetchall())
    return vocab


def embedded_sources(db: sqlite3.Connection) -> dict[str, str]:
    """Each source's record as the JSON a fact's citation embeds."""
    rows = _checked(db.execute(f"SELECT {_COLUMNS} FROM vocab WHERE kind = 'source'").fetchall())
    return {key: embed for _, key, _, embed, _ in rows}


def thesaurus(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Each reader's word of the thesaurus (folded) and the store's words it stands for."""
    import json

    rows = _checked(db.execute(f"SELECT {_COLUMNS} FROM vocab WHERE kind = 'thesaurus'").fetchall())
    return {key: tuple(json.loads(data)["means"]) for _, key, data, _, _ in rows}


def _checked(rows: Sequence[tuple[Any, ...]]) -> Sequence[tuple[Any, ...]]:
    for kind, key, data, embed, check in rows:
        if bodies.vocab_seal(kind, key, data, embed) != check:
            msg = f"the {kind} {key!r} does not match its checksum"
            raise bodies.Damaged(msg)
    return rows
