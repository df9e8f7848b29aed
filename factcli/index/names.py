"""Names a user typed, checked against the store's: a typo is a usage error with suggestions, never an
empty result. Any case is accepted; the query goes on with each name as the store spells it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from factcli.errors import UsageError
from factcli.index.query import Query
from factcli.text import dates
from factcli.text.fold import fold


class StoreNames(Protocol):
    """The names a store has (the engine's Index), as a protocol so that names.py need not import the engine."""

    def keys_of(self, kind: str) -> list[str]: ...

    def tags(self) -> set[str]: ...

    def units(self) -> set[str]: ...

    def canonical_entity(self, name: str) -> str: ...


KINDS = ("quantity", "event")


def spelled(values: Sequence[str], kind: str, flag: str, names: Iterable[str]) -> list[str]:
    """Each value as ``names`` spells it; the first unknown one is a usage error naming ``flag`` (if any)."""
    known = {name.casefold(): name for name in names}
    out = []
    for value in values:
        name = known.get(value.casefold())
        if name is None:
            from factcli.text.suggest import suggest

            msg = f"unknown {kind} '{value}'{f' for {flag}' if flag else ''}{suggest(value, list(known.values()))}"
            raise UsageError(msg)
        out.append(name)
    return out


def checked(index: StoreNames, query: Query) -> tuple[Query, set[str]]:
    """The query with every name as the store spells it, and the canonical names of its entities."""

    names = index.keys_of
    query = query._replace(
        topics=spelled(query.topics, "topic", "--topic", names("topic")) if query.topics else (),
        sources=spelled(query.sources, "source", "--source", names("source")) if query.sources else (),
        metrics=spelled(query.metrics, "metric", "--metric", names("metric")) if query.metrics else (),
        kinds=spelled(query.kinds, "kind", "--kind", KINDS) if query.kinds else (),
        tags=spelled([fold(t) for t in query.tags], "tag", "--tag", sorted(index.tags())) if query.tags else (),
        units=spelled(query.units, "unit", "--unit", sorted(index.units())) if query.units else (),
    )
    since, until = _span(query.since, "--since"), _span(query.until, "--until")
    if since and until and since[0] > until[1]:
        msg = f"--since {query.since} is after --until {query.until}"
        raise UsageError(msg)
    return query, {index.canonical_entity(e) for e in query.entities}


def _span(text: str | None, flag: str) -> tuple[Any, Any] | None:
    if text is None:
        return None
    try:
        return dates.parse_span(text)
    except ValueError as exc:
        msg = f"bad date for {flag}: {exc}"
        raise UsageError(msg) from exc
