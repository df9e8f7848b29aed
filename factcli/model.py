"""The store's records as typed, immutable values.

Plain dataclasses rather than a schema library: building them is on every
lookup's path, and a hand-written builder (``schema.py``) can point each
problem at the file, line and column it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["quantity", "event"]
Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than"]

KINDS: tuple[Kind, ...] = ("quantity", "event")
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact",
    "approx",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
)

#: How a qualifier reads in front of a number, for people.
QUALIFIER_SYMBOLS: dict[str, str] = {
    "exact": "",
    "approx": "~",
    "at_least": "≥ ",
    "more_than": "> ",
    "at_most": "≤ ",
    "less_than": "< ",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record starts in the store, so messages and `show` can point at it."""

    path: str
    line: int
    column: int = 1


@dataclass(frozen=True, slots=True)
class Period:
    """A span for cumulative or ranged figures; either end may be open (None)."""

    start: str | None
    end: str | None

    def iso(self) -> str:
        """ISO 8601 interval notation, '..' for an open end (ISO 8601-2)."""
        return f"{self.start or '..'}/{self.end or '..'}"


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    section: str
    quote: str


@dataclass(frozen=True, slots=True)
class Supersedes:
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    claim: str
    kind: Kind
    value_text: str
    topic: str
    citations: tuple[Citation, ...]
    value: int | float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    date: str | None = None
    period: Period | None = None
    metric: str | None = None
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    note: str | None = None
    supersedes: Supersedes | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def when(self) -> str:
        """The date, or the period in interval notation: one sortable, printable string."""
        if self.date is not None:
            return self.date
        return self.period.iso() if self.period else ""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.citations))


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    type: str
    published: str | None = None
    url: str | None = None
    sha256: str | None = None
    accessed: str | None = None
    language: str | None = None
    note: str | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    title: str
    description: str = ""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    unit: str
    description: str
    location: Location | None = field(default=None, compare=False)


def _reduce_positional(self: object) -> tuple[type, tuple[object, ...]]:
    """Pickle as a constructor call with positional fields: 3x faster to load than the
    default for slotted dataclasses, which the index does for every fact it returns."""
    cls = type(self)
    return (cls, tuple(getattr(self, name) for name in cls.__dataclass_fields__))  # type: ignore[attr-defined]


for _cls in (Location, Period, Citation, Supersedes, Fact, Source, Entity, Topic, Metric):
    _cls.__reduce__ = _reduce_positional  # type: ignore[method-assign]
