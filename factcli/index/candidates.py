"""Candidate facts for a passage of prose: what check-draft weighs each number of a sentence against.

Each word of the draft is looked up in the full-text index once (its postings
are kept for the next sentence that has it); a passage's candidates are the
facts with most of its words, each word counting by its rarity (idf), best
``LIMIT`` first, plus the facts whose value is one of the passage's numbers.
A word in more than ``RARE`` facts of a large store tells candidates apart
least and would cost most, so its postings are not read; a passage of such
words only asks for the facts with its three rarest words together.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence

from factcli.index import search

#: At most this many facts by words.
LIMIT = 40
#: At most this many facts by value (a small number such as 2 can be the value of thousands).
VALUE_LIMIT = 100
#: A store this small has every word's postings read.
SMALL_STORE = 2_000
#: In a larger one, a word in more facts than this is too common to read the postings of.
RARE = 200


class Postings:
    """Per word: how many facts have it, and which (when few enough to be worth reading)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.size: int = db.execute("SELECT count(*) FROM facts").fetchone()[0]
        self.cap = self.size if self.size <= SMALL_STORE else RARE
        self.words: dict[str, tuple[int, tuple[int, ...] | None]] = {}
        self.ids: dict[int, str] = {}

    def of(self, term: str) -> tuple[int, tuple[int, ...] | None]:
        if term not in self.words:
            sql = "SELECT rowid FROM search WHERE search MATCH ? LIMIT ?"
            rows = tuple(n for (n,) in self.db.execute(sql, (term, self.cap + 1)))
            self.words[term] = (len(rows), rows) if len(rows) <= self.cap else (len(rows), None)
        return self.words[term]

    def fact_ids(self, numbers: Sequence[int]) -> list[str]:
        unknown = [n for n in numbers if n not in self.ids]
        if unknown:
            marks = ",".join("?" * len(unknown))
            self.ids.update(self.db.execute(f"SELECT n, id FROM facts WHERE n IN ({marks})", unknown).fetchall())
        return [self.ids[n] for n in numbers]


def candidate_ids(postings: Postings, words: Sequence[str], values: Sequence[float]) -> list[str]:
    """Fact ids by the passage's words (most and rarest shared first) and by its values."""
    scores: dict[int, float] = {}
    common: list[tuple[int, str]] = []
    for term in search.any_terms(words):
        count, rows = postings.of(term)
        if rows is None:
            common.append((count, term))
        elif rows:
            weight = math.log((postings.size + 1) / count)
            for n in rows:
                scores[n] = scores.get(n, 0.0) + weight
    numbers = [n for n, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:LIMIT]]
    if not numbers and len(common) >= 2:  # only common words: the facts with the three rarest together
        expression = " AND ".join(term for _, term in sorted(common)[:3])
        sql = "SELECT rowid FROM search WHERE search MATCH ? LIMIT ?"
        numbers = [n for (n,) in postings.db.execute(sql, (expression, LIMIT))]
    ids = postings.fact_ids(numbers)
    if values:
        marks = ",".join("?" * len(values))
        sql = f"SELECT id FROM facts WHERE value IN ({marks}) ORDER BY n LIMIT ?"
        ids += [i for (i,) in postings.db.execute(sql, [*values, VALUE_LIMIT])]
    return list(dict.fromkeys(ids))
