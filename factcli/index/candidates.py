"""Candidate facts for a passage of prose: what check-draft weighs each number of a sentence against.

In a store the size of the bundled one, the passage's words go to the
full-text index as one OR query ranked by bm25 (best ``LIMIT`` facts). Ranking
costs time in proportion to the postings of the words asked, so in a large
store the candidates are the facts with the passage's *rare* words (at most
``RARE`` facts each, at most ``LIMIT`` in all, unranked: check-draft's own
binding ranks them); a passage of common words only asks for the facts with
its three rarest words together. Either way the facts whose value is one of
the passage's numbers are added.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from factcli.index import search

#: At most this many facts by words.
LIMIT = 60
#: At most this many facts by value (a small number such as 2 can be the value of thousands).
VALUE_LIMIT = 100
#: A store this small is ranked whole: every word of the passage is asked.
SMALL_STORE = 2_000
#: In a larger store, a word is rare when at most this many facts have it.
RARE = 200

_RANKED = (
    "SELECT f.id FROM (SELECT rowid, rank FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?) s"
    " JOIN facts f ON f.n = s.rowid ORDER BY s.rank"
)
_UNRANKED = "SELECT f.id FROM (SELECT rowid FROM search WHERE search MATCH ? LIMIT ?) s JOIN facts f ON f.n = s.rowid"


def candidate_ids(
    db: sqlite3.Connection, words: Sequence[str], values: Sequence[float], postings: dict[str, int]
) -> list[str]:
    """Fact ids by the passage's words and by its values; ``postings`` caches term counts between passages."""
    terms = search.any_terms(words)
    ids: list[str] = []
    if terms and _facts(db, postings) <= SMALL_STORE:
        ids += [i for (i,) in db.execute(_RANKED, (" OR ".join(terms), LIMIT))]
    elif terms:
        expression = _rare_expression(db, terms, postings)
        if expression:
            ids += [i for (i,) in db.execute(_UNRANKED, (expression, LIMIT))]
    if values:
        marks = ",".join("?" * len(values))
        sql = f"SELECT id FROM facts WHERE value IN ({marks}) ORDER BY n LIMIT ?"
        ids += [i for (i,) in db.execute(sql, [*values, VALUE_LIMIT])]
    return list(dict.fromkeys(ids))


def _facts(db: sqlite3.Connection, postings: dict[str, int]) -> int:
    if "" not in postings:
        postings[""] = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    return postings[""]


def _rare_expression(db: sqlite3.Connection, terms: Sequence[str], postings: dict[str, int]) -> str:
    """The rare terms, rarest first, while their facts fit ``LIMIT``; else the three rarest together."""
    counted = []
    for term in terms:
        if term not in postings:  # counted up to RARE + 1 only: the cost of a count is its postings
            sql = "SELECT count(*) FROM (SELECT rowid FROM search WHERE search MATCH ? LIMIT ?)"
            postings[term] = db.execute(sql, (term, RARE + 1)).fetchone()[0]
        if postings[term]:
            counted.append((postings[term], term))
    counted.sort()
    chosen, total = [], 0
    for count, term in counted:
        if count > RARE or (chosen and total + count > LIMIT * 2):
            break
        chosen.append(term)
        total += count
    if chosen:
        return " OR ".join(chosen)
    return " AND ".join(term for _, term in counted[:3])
