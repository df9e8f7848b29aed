"""Which candidates the store already holds: a fact that says the same of the same passage.

The same is what a reviewer would call the same: the same kind, value and qualifier, the same date or
period, and a quote of one inside the other's (after folding whitespace, typography and line-break
hyphens). A candidate is matched to one fact at most, and a fact to one candidate, the closest quotes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from factcli.checks.quotes import normalise
from factcli.reading.numbers import same_value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.model import Fact


def when_of(record: dict[str, Any] | Fact) -> tuple[str | None, str | None, str | None]:
    """(date, period start, period end) of a record or a fact."""
    if isinstance(record, dict):
        period = record.get("period") or {}
        return record.get("date"), period.get("start"), period.get("end")
    period_ = record.period
    return record.date, period_.start if period_ else None, period_.end if period_ else None


def same_statement(record: dict[str, Any], fact: Fact) -> int:
    """How much quote a candidate record shares with a fact that says the same (0: it says something else)."""
    if record["kind"] != fact.kind or when_of(record) != when_of(fact):
        return 0
    if fact.kind == "quantity":
        value = record.get("value")
        if value is None or fact.value is None or not same_value(float(value), float(fact.value)):
            return 0
        if (record.get("qualifier") or "exact") != fact.qualifier:
            return 0
    ours = normalise(record["citations"][0]["quote"])
    best = 0
    for citation in fact.citations:
        theirs = normalise(citation.quote)
        if ours in theirs or theirs in ours:
            best = max(best, min(len(ours), len(theirs)) * 1000 // max(len(ours), len(theirs), 1) + 1)
    return best


def match(records: Sequence[dict[str, Any]], facts: Sequence[Iterable[Fact]]) -> dict[int, str]:
    """Index of each record the store holds → the id of the fact that holds it, one to one, closest first;
    ``facts[i]`` are the facts record ``i`` may be (its document's, and the store's nearest in words)."""
    pairs = []
    for i, (record, near) in enumerate(zip(records, facts, strict=True)):
        for fact in near:
            score = same_statement(record, fact)
            if score:
                pairs.append((-score, i, fact.id))
    taken: dict[int, str] = {}
    used: set[str] = set()
    for _, i, fact_id in sorted(pairs):
        if i not in taken and fact_id not in used:
            taken[i] = fact_id
            used.add(fact_id)
    return taken
