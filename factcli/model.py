"""The store's records as typed, immutable values.

Named tuples rather than a schema library or dataclasses: this module is on
every lookup's path, and a NamedTuple class costs a tenth of a frozen
dataclass to create (9 of them were 9 ms of each start-up), builds and
unpickles as fast as a tuple, and is immutable without any generated code.
A hand-written builder (``schema.py``) can point each problem at the file,
line and column it came from.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

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


class Location(NamedTuple):
    """Where a record starts in the store, so messages and `show` can point at it."""

    path: str
    line: int
    column: int = 1


class Period(NamedTuple):
    """A span for cumulative or ranged figures; either end may be open (None)."""

    start: str | None
    end: str | None

    def iso(self) -> str:
        """ISO 8601 interval notation, '..' for an open end (ISO 8601-2)."""
        return f"{self.start or '..'}/{self.end or '..'}"


class Citation(NamedTuple):
    source: str
    section: str
    quote: str


class Supersedes(NamedTuple):
    id: str
    reason: str


class Fact(NamedTuple):
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
    location: Location | None = None

    @property
    def when(self) -> str:
        """The date, or the period in interval notation: one sortable, printable string."""
        if self.date is not None:
            return self.date
        return self.period.iso() if self.period else ""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.citations))


class Source(NamedTuple):
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
    location: Location | None = None


class Entity(NamedTuple):
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = None


class Topic(NamedTuple):
    key: str
    title: str
    description: str = ""
    location: Location | None = None


class Metric(NamedTuple):
    key: str
    unit: str
    description: str
    location: Location | None = None
