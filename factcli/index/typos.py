"""A word no fact contains, read as a typo of the store's nearest word: 'peacekeapers' → 'peacekeepers'.

The store's own words are the full-text index's vocabulary (SQLite's fts5vocab
over the search table, porter stems, as the index holds them), so a store about
another subject corrects to its own words. A word is compared by its stem,
within one edit from five letters and two from nine (Meilisearch's and
Typesense's defaults: a short word has too many neighbours to guess), and never
across its first letter (Meilisearch counts a first-letter typo twice): a reader
mistypes the middle of a word, not its start. rapidfuzz
measures the distances; it is imported only here, when a word matched nothing.
The correction is shown as the store writes it: a word of a fact that has the stem.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable

from factcli.text.fold import fold

#: Edits allowed by the length of the word as typed: (from this many letters, this many edits).
TYPOS = ((9, 2), (5, 1))


def allowed_edits(word: str) -> int:
    """How many edits a word of this length may be away from the store's word (0: none, too short)."""
    return next((edits for letters, edits in TYPOS if len(word) >= letters), 0)


class Speller:
    """Corrects words against one index's vocabulary (read once, on the first word that needs it)."""

    def __init__(self, db: sqlite3.Connection, fact_text: Callable[[int], str | None]) -> None:
        self.db = db
        #: A fact's stored JSON by its number (checked against its seal), to see how a stem is written.
        self.fact_text = fact_text
        self._terms: dict[str, int] | None = None

    def correct(self, word: str) -> str | None:
        """The store's word ``word`` is most likely a typo of, or None when none is near enough."""
        if not word.isalpha():
            return None
        stem = _porter(word)
        edits = allowed_edits(stem)
        if not edits:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        terms = [t for t in self.terms() if t[0] == stem[0]]
        near = process.extract(stem, terms, scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
        if not near:
            return None
        near = [hit for hit in near if not stem.startswith(hit[0])]  # "milit" is no typo of "mili" cut short
        if not near:
            return None
        counts = self.terms()
        term = min(near, key=lambda hit: (hit[1], -counts[hit[0]], hit[0]))[0]
        return self._surface(term) or term

    def terms(self) -> dict[str, int]:
        """Each word stem of the index and how many facts have it (numbers aside)."""
        if self._terms is None:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search, row)")
            rows = self.db.execute("SELECT term, doc FROM temp.search_terms")
            self._terms = {term: doc for term, doc in rows if term.isalpha() and len(term) > 1}
        return self._terms

    def _surface(self, term: str) -> str | None:
        """A word of a fact whose stem is ``term``, as the fact writes it (folded)."""
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, search, instance)"
        )
        row = self.db.execute("SELECT doc FROM temp.search_instances WHERE term = ? LIMIT 1", (term,)).fetchone()
        if row is None:
            return None
        text = self.fact_text(row[0])
        words = re.findall(r"[^\W\d_]+", fold(text)) if text else []
        same = [w for w in words if _porter(w) == term]
        return max(set(same), key=lambda w: (same.count(w), -len(w), w)) if same else None


@functools.cache
def _porter(word: str) -> str:
    """The stem SQLite's porter tokenizer gives: Snowball's 'porter' is the same algorithm."""
    return str(_stemmer().stemWord(word))


@functools.cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("porter")
