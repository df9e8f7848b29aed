"""Search words to ranked facts: every word first, then the facts that match most of what was asked.

Each concept of the search (expand.py) is looked up on its own first. A word
that matches nothing is read as a typo of the store's nearest word (typos.py)
and, failing that, named to the reader ("no fact mentions 'pirates'") and left
out, so one unknown word never empties the list. Facts matching every concept
left come first, by bm25 over the weighted columns plus the year, metric and
value bonuses; then facts matching only some, ranked by how much of the search
they cover, each concept weighing by its rarity (idf), as Meilisearch and
Typesense rank partial matches. A partial match must cover at least ``COVER``
of the search and match a concept that tells facts apart (in at most
``COMMON`` of a large store's facts): "china" alone never makes one.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcli.index import search
from factcli.index.expand import Concept, spellings

#: The share of the search's weight a partial match must cover.
COVER = 0.5
#: A concept in more than this share of the facts cannot carry a partial match on its own,
COMMON = 0.5
#: in a store of at least this many facts (in a few dozen, how often a word occurs says little of what it means).
COMMON_FROM = 50
#: What to do when no word of the search is in any fact.
NOTHING = "try other words, or browse with 'factcli topics'"
#: A result row: n, id, file, line, col (the rows Hits reads), then first, last, relevance, metric, value, topic.
Row = tuple[Any, ...]


@dataclass
class Found:
    """Ranked rows, and what the reader should be told about how the words were read."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: How many of the rows, first, match every word (None: all of them); the rest match some.
    full: int | None = None


def found(
    db: sqlite3.Connection,
    concepts: Sequence[Concept],
    clauses: Sequence[str],
    params: Sequence[Any],
    correct: Callable[[str], str | None],
) -> Found:
    """Facts matching the filters (``clauses``, ``params``) and the concepts, best first.

    ``correct`` gives the store's word for a typo (or None)."""
    live, dead = _readable(db, concepts, correct)
    notes = [c.note for c in live if c.note]
    if not live:
        return Found([], [*notes, f"no fact mentions {_either(dead)}: {NOTHING}"])
    if len(live) == 1 and not dead:  # one word: what a lookup in a large store most often asks
        return Found(_scored(db, live[0].match(), clauses, params, live), notes)
    total = _count(db)
    members = {c.typed: rows for c, rows in _members(db, live)}
    informative = {c.typed for c in live if len(members[c.typed]) <= COMMON * total or total < COMMON_FROM}
    if dead and not informative:  # "china bitcoin": what is left says nothing of what was asked
        common = _either([c.typed for c in live], "and")
        return Found([], [*notes, f"no fact mentions {_either(dead)}, and {common} alone {_is(live)} in most facts"])
    if dead:
        notes.append(f"no fact mentions {_either(dead)}; showing facts matching {', '.join(c.shown for c in live)}")
    full = _scored(db, " AND ".join(c.match() for c in live), clauses, params, live)
    if len(live) == 1:
        return Found(full, notes)
    partial = _partial(db, live, clauses, params, members, informative, total, {row[0] for row in full})
    return Found(full + partial, notes, len(full))


def _partial(
    db: sqlite3.Connection,
    live: Sequence[Concept],
    clauses: Sequence[str],
    params: Sequence[Any],
    members: dict[str, set[int]],
    informative: set[str],
    total: int,
    full: set[int],
) -> list[Row]:
    """The facts with some of the concepts but not all, by the share of the search's weight they cover (each
    concept by its rarity), at least ``COVER`` of it, or the best there are when no fact has every concept."""
    weights = {typed: math.log((total + 1) / max(1, len(rows))) for typed, rows in members.items()}
    everything = sum(weights.values()) or 1.0
    covered: list[tuple[float, Row]] = []
    for row in _scored(db, " OR ".join(c.match() for c in live), clauses, params, live):
        matched = [c.typed for c in live if row[0] in members[c.typed]]
        if row[0] not in full and informative.intersection(matched):
            covered.append((sum(weights[t] for t in matched) / everything, row))
    best = max((cover for cover, _ in covered), default=0.0)
    kept = [(cover, row) for cover, row in covered if cover >= COVER or (not full and cover >= best)]
    kept.sort(key=lambda item: -item[0])  # stable: equal covers keep their relevance order
    return [row for _, row in kept]


def _readable(
    db: sqlite3.Connection, concepts: Sequence[Concept], correct: Callable[[str], str | None]
) -> tuple[list[Concept], list[str]]:
    """The concepts some fact matches (a typo read as the store's word), and the words no fact has."""
    live, dead = [], []
    for concept in concepts:
        if _matches(db, concept):
            live.append(concept)
            continue
        word = correct(concept.typed) if concept.number is None and " " not in concept.typed else None
        if word is not None:
            fixed = Concept(concept.typed, (word, *spellings(word)), corrected=word)
            if _matches(db, fixed):
                live.append(fixed)
                continue
        dead.append(concept.typed)
    return live, dead


def _either(words: Sequence[str], joint: str = "or") -> str:
    return f" {joint} ".join(f"“{w}”" for w in words)


def _is(concepts: Sequence[Concept]) -> str:
    return "is" if len(concepts) == 1 else "are"


def _matches(db: sqlite3.Connection, concept: Concept) -> bool:
    sql = "SELECT 1 FROM search WHERE search MATCH ? LIMIT 1"
    return db.execute(sql, (concept.match(),)).fetchone() is not None


def _count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM facts").fetchone()[0])


def _members(db: sqlite3.Connection, concepts: Sequence[Concept]) -> list[tuple[Concept, set[int]]]:
    sql = "SELECT rowid FROM search WHERE search MATCH ?"
    return [(c, {n for (n,) in db.execute(sql, (c.match(),))}) for c in concepts]


def _scored(
    db: sqlite3.Connection, expression: str, clauses: Sequence[str], params: Sequence[Any], live: Sequence[Concept]
) -> list[Row]:
    """The facts matching ``expression`` and the filters, by relevance: bm25 over the weighted columns, and the
    year, metric and value the search names; ties by date, then id."""
    weights = ", ".join(str(w) for w in search.WEIGHTS)
    sql = (
        "SELECT facts.n, facts.id, facts.file, facts.line, facts.col, facts.first, facts.last, "
        f"bm25(search, {weights}), facts.metric, facts.value, facts.topic FROM search "
        "JOIN facts ON facts.n = search.rowid "
        f"WHERE search MATCH ?{''.join(f' AND {c}' for c in clauses)} "
        "ORDER BY facts.first, facts.last, facts.id"  # the ties' order; the stable sort below keeps it
    )
    numbers = [c.number for c in live if c.number is not None and not c.years]
    years = [int(n) for n in numbers if search.is_year(n)] + [int(y) for c in live for y in c.years]
    words = [w for c in live if c.number is None for w in c.words]
    metric_bonus: dict[str | None, float] = {}  # it depends on the metric alone
    scored = []
    for row in db.execute(sql, [expression, *params]):
        relevance = -row[7]
        if years:
            relevance += search.year_bonus(years, int(row[5][:4]), int(row[6][:4]))
        bonus = metric_bonus.get(row[8])
        if bonus is None:
            bonus = metric_bonus[row[8]] = search.metric_bonus(words, row[8])
        relevance += bonus
        if numbers:
            relevance += search.value_bonus(numbers, row[9])
        scored.append((-relevance, row))
    scored.sort(key=lambda item: item[0])
    return [row for _, row in scored]
