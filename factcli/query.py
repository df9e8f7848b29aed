"""Filtering, search and ordering of facts: pure functions over a loaded store.

Names the user typed (topic, entity, source …) are resolved against the
store first, so a typo is a usage error with suggestions rather than a
silently empty result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from factcli import dates
from factcli.errors import UsageError
from factcli.store import suggest
from factcli.textnorm import fold, words

if TYPE_CHECKING:
    from factcli.model import Fact
    from factcli.store import Store

SortKey = Literal["relevance", "date", "value", "id", "topic"]
SORT_KEYS: tuple[SortKey, ...] = ("relevance", "date", "value", "id", "topic")


class Query(NamedTuple):
    """Every filter of ``find``; lists mean any-of within a filter, all filters must hold."""

    text: Sequence[str] = ()
    topics: Sequence[str] = ()
    tags: Sequence[str] = ()
    entities: Sequence[str] = ()
    sources: Sequence[str] = ()
    metrics: Sequence[str] = ()
    kinds: Sequence[str] = ()
    units: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    limit: int | None = None
    sort: SortKey | None = None
    reverse: bool = False


def _resolve_names(given: Sequence[str], known: Sequence[str], what: str, flag: str) -> None:
    for name in given:
        if name not in known:
            msg = f"unknown {what} '{name}' for {flag}{suggest(name, list(known))}"
            raise UsageError(msg)


def resolve_entity(store: Store, name: str) -> str:
    """Canonical name for a name or alias typed by the user (case- and accent-insensitive)."""
    canonical = store.aliases.get(fold(name))
    if canonical is None:
        names = list(store.entities) + [a for e in store.entities.values() for a in e.aliases]
        msg = f"unknown entity '{name}' for --entity{suggest(name, names)}"
        raise UsageError(msg)
    return canonical


def _span(text: str | None, flag: str) -> tuple[dt.date, dt.date] | None:
    if text is None:
        return None
    try:
        return dates.parse_span(text)
    except ValueError as exc:
        msg = f"bad date for {flag}: {exc}"
        raise UsageError(msg) from exc


def fact_span(fact: Fact) -> tuple[dt.date, dt.date]:
    period = fact.period
    return dates.span_of(fact.date, period.start if period else None, period.end if period else None)


def find(store: Store, query: Query) -> list[Fact]:
    """Facts matching every filter and every search word, ordered as asked."""
    from factcli.model import KINDS  # noqa: PLC0415 - `show` never needs the model module

    _resolve_names(query.topics, list(store.topics), "topic", "--topic")
    _resolve_names(query.sources, list(store.sources), "source", "--source")
    _resolve_names(query.metrics, list(store.metrics), "metric", "--metric")
    _resolve_names(query.kinds, list(KINDS), "kind", "--kind")
    if query.tags:
        _resolve_names([fold(t) for t in query.tags], sorted(store.tags()), "tag", "--tag")
    if query.units:
        _resolve_names(query.units, sorted(store.units()), "unit", "--unit")
    entity_names = {resolve_entity(store, e) for e in query.entities}
    since, until = _span(query.since, "--since"), _span(query.until, "--until")
    if since and until and since[0] > until[1]:
        msg = f"--since {query.since} is after --until {query.until}"
        raise UsageError(msg)
    terms = [w for t in query.text for w in words(t)]
    exact = store.select(query, entity_names, terms)
    if exact is not None:
        return exact
    tags = {fold(t) for t in query.tags}

    scored: list[tuple[float, Fact]] = []
    for fact in store.all_facts():
        if query.topics and fact.topic not in query.topics:
            continue
        if query.kinds and fact.kind not in query.kinds:
            continue
        if query.units and fact.unit not in query.units:
            continue
        if query.metrics and fact.metric not in query.metrics:
            continue
        if query.sources and not set(fact.source_ids) & set(query.sources):
            continue
        if tags and not tags & {fold(t) for t in fact.tags}:
            continue
        if entity_names and not entity_names & set(fact.entities):
            continue
        if (query.min_value is not None or query.max_value is not None) and not _in_range(fact, query):
            continue
        if since or until:
            first, last = fact_span(fact)
            if (since and last < since[0]) or (until and first > until[1]):
                continue
        score = relevance(store, fact, terms) if terms else 0.0
        if terms and score <= 0:
            continue
        scored.append((score, fact))
    return _order(scored, query, bool(terms))


def _in_range(fact: Fact, query: Query) -> bool:
    if fact.value is None:
        return False
    if query.min_value is not None and fact.value < query.min_value:
        return False
    return not (query.max_value is not None and fact.value > query.max_value)


#: How much a hit in each field counts: the id and claim say what a fact is about.
#: The fields search looks in, and how much a hit in each counts: the id and claim say what a fact is about.
HAY_FIELDS = ("id", "claim", "entities", "tags", "value_text", "quote")
_WEIGHTS = (3.0, 3.0, 2.5, 2.0, 2.0, 1.0)


def haystacks(store: Store, fact: Fact) -> tuple[str, ...]:
    """The folded text of each of HAY_FIELDS, entity aliases included."""
    aliases = [a for name in fact.entities if name in store.entities for a in store.entities[name].aliases]
    return (
        fold(fact.id.replace("-", " ")),
        fold(fact.claim),
        fold(" ".join([*fact.entities, *aliases])),
        fold(" ".join(fact.tags)),
        fold(fact.value_text),
        fold(" ".join(c.quote for c in fact.citations)),
    )


def relevance(store: Store, fact: Fact, terms: Sequence[str]) -> float:
    return score(haystacks(store, fact), terms)


def score(hay: Sequence[str], terms: Sequence[str]) -> float:
    """0 unless every term occurs somewhere; else a weighted count favouring whole-word hits."""
    total = 0.0
    for term in terms:
        best = 0.0
        for text, weight in zip(hay, _WEIGHTS, strict=True):
            if term in text:
                whole = f" {term} " in f" {text} "
                best = max(best, weight * (1.5 if whole else 1.0))
        if best == 0.0:
            return 0.0
        total += best
    return total


def _order(scored: list[tuple[float, Fact]], query: Query, searched: bool) -> list[Fact]:
    sort = query.sort or ("relevance" if searched else "date")
    if sort == "relevance":
        # best first; ties by date so the order is stable and meaningful
        scored.sort(key=lambda sf: (-sf[0], fact_span(sf[1]), sf[1].id))
    elif sort == "date":
        scored.sort(key=lambda sf: (fact_span(sf[1]), sf[1].id))
    elif sort == "value":
        scored.sort(key=lambda sf: (sf[1].value is None, sf[1].value or 0, sf[1].id))
    elif sort == "id":
        scored.sort(key=lambda sf: sf[1].id)
    else:
        scored.sort(key=lambda sf: (sf[1].topic, fact_span(sf[1]), sf[1].id))
    facts = [f for _, f in scored]
    if query.reverse:
        facts.reverse()
    return facts[: query.limit] if query.limit is not None else facts


def get_facts(store: Store, ids: Sequence[str]) -> list[Fact]:
    """Facts by id, in the order given; an unknown id is a usage error with suggestions."""
    out = []
    for fact_id in ids:
        fact = store.get(fact_id)
        if fact is None:
            msg = f"no fact with id '{fact_id}'{suggest(fact_id, store.fact_ids())}"
            raise UsageError(msg)
        out.append(fact)
    return out


def related(store: Store, fact: Fact) -> list[Fact]:
    """Other facts of the same metric, in date order: how the figure moved."""
    if fact.metric is None:
        return []
    others = [f for f in store.facts_of_metric(fact.metric) if f.id != fact.id]
    return sorted(others, key=lambda f: (fact_span(f), f.id))
