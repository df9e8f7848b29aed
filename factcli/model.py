"""The store's records as frozen, slotted dataclasses, and the JSON shape each one has.

Dataclasses rather than named tuples: a Topic never equals a Metric with the same fields,
and a record cannot be changed once built. The JSON shape lives here, beside the record,
because both the index (which stores it) and the output formats (which print it) need it
and neither may own the other. A lookup that prints stored JSON never imports this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcli.fieldtable import FACT_FIELDS, KINDS, QUALIFIERS, Kind, Qualifier

__all__ = ["KINDS", "QUALIFIERS", "Kind", "Qualifier"]  # the model's names for them; fieldtable defines them

#: How a qualifier reads in front of a number, for people.
QUALIFIER_SYMBOLS: dict[str, str] = {
    "exact": "",
    "approx": "~",
    "at_least": "≥ ",
    "more_than": "> ",
    "at_most": "≤ ",
    "less_than": "< ",
}


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding about a store file, positioned for editors (1-based line/column).

    Sorts by path, line, column, level, message: the order validate prints.
    """

    path: str
    line: int
    column: int
    level: str  # "error" | "warning"
    message: str
    check: str = "schema"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message} [{self.check}]"


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
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    title: str
    description: str = ""
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    unit: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Words readers type ("troops", "blue helmets") and the store's words they mean ("personnel",
    "peacekeepers"): search looks for either. A store about another subject brings its own."""

    words: tuple[str, ...]
    means: tuple[str, ...]
    note: str | None = None
    location: Location | None = None


def _period_data(period: Period) -> dict[str, Any]:
    return {"start": period.start, "end": period.end}


def _citations_data(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{"source": c.source, "section": c.section, "quote": c.quote} for c in citations]


def _supersedes_data(supersedes: Supersedes) -> dict[str, Any]:
    return {"id": supersedes.id, "reason": supersedes.reason}


def _citations(data: list[dict[str, Any]]) -> tuple[Citation, ...]:
    """A citation's source may be an id or an embedded source record."""
    return tuple(
        Citation(c["source"]["id"] if isinstance(c["source"], dict) else c["source"], c["section"], c["quote"])
        for c in data
    )


#: By a field's type in the table: its JSON from its attribute, and its attribute from its JSON (None for
#: neither: the value as it is). A field of a new type needs a pair here.
_TO_DATA: dict[str, Callable[[Any], Any]] = {
    "period": _period_data, "citations": _citations_data, "supersedes": _supersedes_data, "textlist": list,
}  # fmt: skip
_FROM_DATA: dict[str, Callable[[Any], Any]] = {
    "period": lambda p: Period(p.get("start"), p.get("end")),
    "citations": _citations,
    "supersedes": lambda s: Supersedes(s["id"], s["reason"]),
    "textlist": tuple,
}
_FACT_TO_DATA = tuple((key, _TO_DATA.get(spec.type)) for key, spec in FACT_FIELDS.items())
_FACT_FROM_DATA = tuple((key, _FROM_DATA.get(spec.type)) for key, spec in FACT_FIELDS.items())


def fact_data(fact: Fact) -> dict[str, Any]:
    """A fact's JSON record, its keys in the table's order, with each citation's source as its id (output
    embeds the source itself). A field without a value is null (an empty list for a list)."""
    out = {}
    for key, convert in _FACT_TO_DATA:
        value = getattr(fact, key)
        out[key] = value if convert is None or (value is None and convert is not list) else convert(value)
    return out


def fact_from_data(data: dict[str, Any], location: Location | None = None) -> Fact:
    """The inverse of ``fact_data``: a field missing or null takes the Fact's default."""
    given = {}
    for key, convert in _FACT_FROM_DATA:
        value = data.get(key)
        if value is not None:
            given[key] = value if convert is None else convert(value)
    return Fact(**given, location=location)


def source_data(source: Source) -> dict[str, Any]:
    """A source as it is embedded in a fact's JSON record."""
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "type": source.type,
        "url": source.url,
    }
