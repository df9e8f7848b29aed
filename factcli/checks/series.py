"""One metric across documents and years, and where documents disagree.

Two facts of a metric disagree when they hold for the same time — the same
period, or dates of which one contains the other ("2008" and "2008-11") —
and give different values or qualifiers, unless one declares that it
supersedes the other. Cumulative figures with different periods (1990–2002
and 1990–2008) are a series, not a disagreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcli.model import Fact
from factcli.text import dates

if TYPE_CHECKING:
    from factcli.index.engine import Index


@dataclass(frozen=True)
class SeriesRow:
    """One document's statement of the metric at one time."""

    fact: Fact
    source: str
    conflicts: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = field(default=())


def same_time(a: Fact, b: Fact) -> bool:
    if a.period is not None or b.period is not None:
        return a.period == b.period and a.date == b.date
    a_date, b_date = a.date or "", b.date or ""  # both set: a fact has a date or a period
    return a_date.startswith(b_date) or b_date.startswith(a_date)


def disagree(a: Fact, b: Fact) -> bool:
    if a.id == b.id or not same_time(a, b):
        return False
    if (a.supersedes and a.supersedes.id == b.id) or (b.supersedes and b.supersedes.id == a.id):
        return False
    return (a.value, a.qualifier) != (b.value, b.qualifier)


def conflicts_in(facts: list[Fact]) -> dict[str, tuple[str, ...]]:
    """Fact id → ids of the facts of the same metric that disagree with it."""
    out: dict[str, tuple[str, ...]] = {}
    for fact in facts:
        others = tuple(o.id for o in facts if disagree(fact, o))
        if others:
            out[fact.id] = others
    return out


def fact_span(fact: Fact) -> tuple[dt.date, dt.date]:
    period = fact.period
    return dates.span_of(fact.date, period.start if period else None, period.end if period else None)


def series(index: Index, metric: str) -> list[SeriesRow]:
    metric = index.spelled("metric", metric, "")
    facts = sorted(index.facts_of_metric(metric), key=lambda f: (fact_span(f), f.id))
    conflicts = conflicts_in(facts)
    rows = []
    for fact in facts:
        replaced = tuple(index.superseded_by(fact.id))
        for source in fact.source_ids:
            rows.append(SeriesRow(fact, source, conflicts.get(fact.id, ()), replaced))
    return rows


def all_conflicts(facts: Iterable[Fact]) -> list[tuple[Fact, tuple[str, ...]]]:
    """Every fact that disagrees with another of its metric (for validate)."""
    by_metric: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.metric is not None:
            by_metric.setdefault(fact.metric, []).append(fact)
    out = []
    for metric in sorted(by_metric):
        group = by_metric[metric]
        found = conflicts_in(group)
        out += [(f, found[f.id]) for f in group if f.id in found]
    return out
