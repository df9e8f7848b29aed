"""What the checks found, as records: one metric's series, and the numbers of a draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcli.formats.records import Record, Rows, _stringify, amount, number_text

if TYPE_CHECKING:
    from factcli.checks.draft import Finding
    from factcli.checks.series import SeriesRow
    from factcli.index.engine import Index


SERIES_FIELDS = (
    "metric", "id", "source", "date", "period", "value", "qualifier", "unit", "value_text",
    "conflicts", "superseded_by",
)  # fmt: skip
SERIES_TABLE_FIELDS = ("when", "value", "bar", "source", "id", "flags")
#: Width of the longest bar in the terminal chart.
BAR_WIDTH = 30


def series_rows(metric: str, rows: Sequence[SeriesRow]) -> Rows:
    """The rows of one metric; bars only when every value counts the same unit (one bar chart, one measure)."""
    top = max((abs(r.fact.value) for r in rows if r.fact.value is not None), default=0) or 1
    one_unit = len({r.fact.unit for r in rows if r.fact.value is not None}) <= 1

    def structured(row: SeriesRow) -> Record:
        f = row.fact
        return {
            "metric": metric,
            "id": f.id,
            "source": row.source,
            "date": f.date,
            "period": {"start": f.period.start, "end": f.period.end} if f.period else None,
            "value": f.value,
            "qualifier": f.qualifier,
            "unit": f.unit,
            "value_text": f.value_text,
            "conflicts": list(row.conflicts),
            "superseded_by": list(row.superseded_by),
        }

    def flat(row: SeriesRow) -> dict[str, str]:
        out = _stringify(structured(row))
        out["period"] = row.fact.period.iso() if row.fact.period else ""
        out["value"] = number_text(row.fact.value)
        return out

    def human(row: SeriesRow) -> dict[str, str]:
        f = row.fact
        flags = [f"disagrees with {', '.join(row.conflicts)}"] if row.conflicts else []
        flags += [f"superseded by {', '.join(row.superseded_by)}"] if row.superseded_by else []
        flags += [] if one_unit else [f"no bar: the metric's values count different units ({f.unit})"]
        length = round(BAR_WIDTH * abs(f.value) / top) if f.value is not None and one_unit else 0
        return {
            **flat(row),
            "when": f.when,
            "value": amount(f),
            "bar": "█" * max(length, 1 if f.value and one_unit else 0),
            "source": row.source,
            "id": f.id,
            "flags": "; ".join(flags),
        }

    return Rows("series", rows, SERIES_FIELDS, SERIES_TABLE_FIELDS, "id", structured, flat, human)


FINDING_FIELDS = (
    "line", "column", "text", "verdict", "fact", "fact_value_text", "fact_date", "source", "section", "quote",
    "reference", "suggestion", "reason", "score", "sentence",
)  # fmt: skip
FINDING_TABLE_FIELDS = ("where", "text", "verdict", "detail", "fact")


def finding_rows(index: Index, findings: Sequence[Finding]) -> Rows:
    """The numbers of a draft with their verdicts; each bound one with the fact, its citation and why."""
    from factcli.formats.reference import reference_text

    def structured(item: Finding) -> Record:
        fact = item.fact
        citation = fact.citations[0] if fact else None
        return {
            "line": item.line,
            "column": item.column,
            "text": item.text,
            "verdict": item.verdict,
            "fact": fact.id if fact else None,
            "fact_value_text": fact.value_text if fact else None,
            "fact_date": fact.when if fact else None,
            "source": citation.source if citation else None,
            "section": citation.section if citation else None,
            "quote": citation.quote if citation else None,
            "reference": reference_text(index.vocab.sources[citation.source]) if citation else None,
            "suggestion": item.suggestion,
            "reason": item.reason,
            "score": round(item.score, 2),
            "sentence": item.sentence,
        }

    def human(item: Finding) -> dict[str, str]:
        return {**_stringify(structured(item)), "where": f"{item.line}:{item.column}", "detail": detail(item)}

    return Rows(
        "findings", findings, FINDING_FIELDS, FINDING_TABLE_FIELDS, "text", structured,
        lambda item: _stringify(structured(item)), human,
    )  # fmt: skip


def detail(item: Finding) -> str:
    """One line a writer can act on: what the store says, where, and for a contradiction what to write."""
    fact = item.fact
    if fact is None:
        return item.reason
    citation = fact.citations[0]
    where = f"{citation.source}, “{citation.section}”"
    if item.verdict == "contradicted":
        return f"write “{fact.value_text}” ({fact.when}; {where}); bound by {item.reason}"
    if item.verdict == "unverified":
        return f"the store says “{fact.value_text}” ({fact.when}; {where}): neither implies nor refutes it"
    return f"the store says “{fact.value_text}” ({fact.when}; {where})"


def quickfix_lines(name: str, findings: Sequence[Finding]) -> list[str]:
    """'file:line:col: verdict: …', the form editors' quickfix lists and CI annotations read."""
    return [f"{name}:{f.line}:{f.column}: {f.verdict}: {f.text}: {detail(f)}" for f in findings]
