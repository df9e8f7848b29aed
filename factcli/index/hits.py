"""The facts a lookup selected, in order, read from the index only as they are printed.

A result of 20,000 facts is 20,000 rows of numbers and ids; each fact's JSON is
read (and inflated) a batch at a time as the output is written, and a ``Fact``
is built only when a field of it is read. So a large result never holds every
fact's text, let alone every fact, at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, overload

if TYPE_CHECKING:
    from factcli.model import Fact


class FactTexts(Protocol):
    """What a result reads its facts through (the engine's Index): their stored JSON, checked, and facts built
    from it. A protocol, so that hits.py need not import the engine that imports it."""

    def texts(self, rows: Sequence[Sequence[Any]]) -> list[str]: ...

    def build_fact(self, row: Sequence[Any], body: str) -> Fact: ...

    def embed_sources(self, text: str) -> str: ...


#: Facts whose JSON is read in one query (below SQLite's oldest limit of 999 parameters).
_BATCH = 500


class Hits(Sequence["Fact"]):
    """Facts a lookup selected, in order. Each is built from its stored JSON when first read;
    ``json_records`` and ``json_batches`` hand out the output JSON without building any."""

    def __init__(self, engine: FactTexts, rows: Sequence[Sequence[Any]]) -> None:
        self.engine = engine
        self.rows = rows
        self._built: dict[int, Fact] = {}
        #: What the reader should be told about how the search words were read (typos, words no fact has).
        self.notes: list[str] = []

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, i: int) -> Fact: ...
    @overload
    def __getitem__(self, i: slice) -> list[Fact]: ...
    def __getitem__(self, i: int | slice) -> Fact | list[Fact]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self.rows)
        fact = self._built.get(i)
        if fact is None:
            row = self.rows[i]
            fact = self._built[i] = self.engine.build_fact(row, self.engine.texts([row])[0])
        return fact

    def __iter__(self) -> Iterator[Fact]:
        """Facts built a batch at a time and not kept (a whole store's result never sits in memory twice)."""
        for start in range(0, len(self.rows), _BATCH):
            rows = self.rows[start : start + _BATCH]
            texts = self.engine.texts(rows)
            for i, (row, body) in enumerate(zip(rows, texts, strict=True), start):
                yield self._built.get(i) or self.engine.build_fact(row, body)

    @property
    def ids(self) -> list[str]:
        return [row[1] for row in self.rows]

    def json_records(self) -> Iterator[str]:
        """Each fact's JSON record as ``--json`` prints it: stored text, sources spliced in."""
        embed = self.engine.embed_sources
        for start in range(0, len(self.rows), _BATCH):
            yield from map(embed, self.engine.texts(self.rows[start : start + _BATCH]))

    def json_batches(self, separator: str) -> Iterator[str]:
        """The JSON records a batch at a time, joined by ``separator``: the sources are spliced into each
        batch's text at once (a fact's JSON holds no '{"source": "' but at a citation, so joining is safe)."""
        embed = self.engine.embed_sources
        for start in range(0, len(self.rows), _BATCH):
            yield embed(separator.join(self.engine.texts(self.rows[start : start + _BATCH])))
