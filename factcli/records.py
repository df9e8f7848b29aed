"""What each command's results look like as records: structured, flat and for people.

Renderers know nothing about facts or sources; they receive ``Rows`` and ask
it for the view their format needs (JSON/YAML take structured records,
CSV/TSV/Markdown flat strings, the table the human strings). The field
names here are the documented output contract.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from factcli.draft import Finding
    from factcli.model import Entity, Fact, Metric, Source
    from factcli.series import SeriesRow
    from factcli.store import Store

Record = dict[str, Any]


class Rows(NamedTuple):
    """Items plus the three views of them; views are computed only for the format chosen."""

    kind: str
    items: Sequence[Any]
    fields: tuple[str, ...]
    table_fields: tuple[str, ...]
    key: str
    structured: Callable[[Any], Record]
    flat: Callable[[Any], dict[str, str]]
    human: Callable[[Any], dict[str, str]]
    #: The structured record already encoded as compact JSON, when the store keeps it.
    prerendered: Callable[[Any], str | None] = lambda item: None


FACT_FIELDS = (
    "id",
    "claim",
    "kind",
    "value",
    "qualifier",
    "unit",
    "value_text",
    "date",
    "period",
    "topic",
    "metric",
    "tags",
    "entities",
    "citations",
    "note",
    "supersedes",
)
FACT_TABLE_FIELDS = ("id", "value", "date", "claim", "citations")


def number_text(value: int | float | None) -> str:
    """A value as a plain machine-readable number: 1949, 2.5 (never 1949.0 for an int)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def amount(fact: Fact) -> str:
    """'> 900 personnel' — value with qualifier and unit, or the date words of an event."""
    from factcli.model import QUALIFIER_SYMBOLS  # noqa: PLC0415 - JSON output never needs the model module

    if fact.value is None:
        return fact.value_text
    number = f"{fact.value:,}" if isinstance(fact.value, int) else f"{fact.value:,.10g}"
    return f"{QUALIFIER_SYMBOLS[fact.qualifier]}{number} {fact.unit or ''}".strip()


def source_record(source: Source) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "type": source.type,
        "url": source.url,
    }


def fact_record(store: Store, fact: Fact) -> Record:
    """The JSON shape of a fact: every key always present, sources embedded so no join is needed."""
    return {
        "id": fact.id,
        "claim": fact.claim,
        "kind": fact.kind,
        "value": fact.value,
        "qualifier": fact.qualifier,
        "unit": fact.unit,
        "value_text": fact.value_text,
        "date": fact.date,
        "period": {"start": fact.period.start, "end": fact.period.end} if fact.period else None,
        "topic": fact.topic,
        "metric": fact.metric,
        "tags": list(fact.tags),
        "entities": list(fact.entities),
        "citations": [
            {"source": source_record(store.sources[c.source]), "section": c.section, "quote": c.quote}
            for c in fact.citations
        ],
        "note": fact.note,
        "supersedes": {"id": fact.supersedes.id, "reason": fact.supersedes.reason} if fact.supersedes else None,
    }


def fact_flat(fact: Fact) -> dict[str, str]:
    """One line per fact for CSV/TSV/Markdown: lists joined by '; ', citations by ' | '."""
    return {
        "id": fact.id,
        "claim": fact.claim,
        "kind": fact.kind,
        "value": number_text(fact.value),
        "qualifier": fact.qualifier,
        "unit": fact.unit or "",
        "value_text": fact.value_text,
        "date": fact.date or "",
        "period": fact.period.iso() if fact.period else "",
        "topic": fact.topic,
        "metric": fact.metric or "",
        "tags": "; ".join(fact.tags),
        "entities": "; ".join(fact.entities),
        "citations": " | ".join(f'{c.source} ({c.section}): "{c.quote}"' for c in fact.citations),
        "note": fact.note or "",
        "supersedes": fact.supersedes.id if fact.supersedes else "",
    }


def fact_human(fact: Fact) -> dict[str, str]:
    row = fact_flat(fact)
    row["value"] = amount(fact)
    row["date"] = fact.when
    row["citations"] = ", ".join(fact.source_ids)
    return row


def fact_rows(store: Store, facts: Sequence[Fact]) -> Rows:
    return Rows(
        kind="facts",
        items=facts,
        fields=FACT_FIELDS,
        table_fields=FACT_TABLE_FIELDS,
        key="id",
        structured=lambda f: fact_record(store, f),
        flat=fact_flat,
        human=fact_human,
        prerendered=store.prerendered_json,
    )


def _stringify(record: Record) -> dict[str, str]:
    out = {}
    for key, value in record.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, list):
            out[key] = "; ".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def _simple_rows(kind: str, records: list[Record], table_fields: tuple[str, ...], key: str) -> Rows:
    fields = tuple(records[0]) if records else table_fields
    return Rows(kind, records, fields, table_fields, key, dict, _stringify, _stringify)


def source_rows(store: Store) -> Rows:
    counts = store.count_by("source")
    recs = [
        {**source_record(s), "sha256": s.sha256, "facts": counts.get(s.id, 0)}
        for s in sorted(store.sources.values(), key=lambda s: (s.published or "", s.id))
    ]
    return _simple_rows("sources", recs, ("id", "published", "title", "facts"), "id")


def topic_rows(store: Store) -> Rows:
    counts = store.count_by("topic")
    recs = [
        {"key": t.key, "title": t.title, "description": t.description, "facts": counts.get(t.key, 0)}
        for t in sorted(store.topics.values(), key=lambda t: t.key)
    ]
    return _simple_rows("topics", recs, ("key", "title", "facts", "description"), "key")


def entity_rows(store: Store) -> Rows:
    counts = store.count_by("entity")
    recs = [
        {"name": e.name, "kind": e.kind, "aliases": list(e.aliases), "facts": counts.get(e.name, 0)}
        for e in sorted(store.entities.values(), key=_entity_order)
    ]
    return _simple_rows("entities", recs, ("name", "kind", "aliases", "facts"), "name")


def _entity_order(entity: Entity) -> tuple[str, str]:
    return (entity.kind, entity.name.casefold())


def metric_rows(store: Store) -> Rows:
    recs = []
    for metric in sorted(store.metrics.values(), key=_metric_order):
        facts = store.facts_of_metric(metric.key)
        whens = sorted(f.date or (f.period.end or f.period.start or "" if f.period else "") for f in facts)
        recs.append(
            {
                "key": metric.key,
                "unit": metric.unit,
                "description": metric.description,
                "facts": len(facts),
                "first": whens[0] if whens else None,
                "last": whens[-1] if whens else None,
            }
        )
    return _simple_rows("metrics", recs, ("key", "unit", "facts", "first", "last", "description"), "key")


def _metric_order(metric: Metric) -> str:
    return metric.key


SERIES_FIELDS = (
    "metric", "id", "source", "date", "period", "value", "qualifier", "unit", "value_text",
    "conflicts", "superseded_by",
)  # fmt: skip
SERIES_TABLE_FIELDS = ("when", "value", "bar", "source", "id", "flags")
#: Width of the longest bar in the terminal chart.
BAR_WIDTH = 30


def series_rows(metric: str, rows: Sequence[SeriesRow]) -> Rows:
    top = max((abs(r.fact.value) for r in rows if r.fact.value is not None), default=0) or 1

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
        length = round(BAR_WIDTH * abs(f.value) / top) if f.value is not None else 0
        return {
            **flat(row),
            "when": f.when,
            "value": amount(f),
            "bar": "█" * max(length, 1 if f.value else 0),
            "source": row.source,
            "id": f.id,
            "flags": "; ".join(flags),
        }

    return Rows("series", rows, SERIES_FIELDS, SERIES_TABLE_FIELDS, "id", structured, flat, human)


FINDING_FIELDS = (
    "line", "column", "text", "status", "value", "date", "fact", "fact_value_text", "reference", "quote", "sentence",
)  # fmt: skip
FINDING_TABLE_FIELDS = ("where", "text", "status", "fact", "detail")


def finding_rows(store: Store, findings: Sequence[Finding]) -> Rows:
    from factcli.citations import reference_text  # noqa: PLC0415

    def structured(item: Finding) -> Record:
        fact = item.fact
        citation = fact.citations[0] if fact else None
        return {
            "line": item.line,
            "column": item.column,
            "text": item.text,
            "status": item.status,
            "value": item.value,
            "date": item.date,
            "fact": fact.id if fact else None,
            "fact_value_text": fact.value_text if fact else None,
            "reference": reference_text(store.sources[citation.source]) if citation else None,
            "quote": citation.quote if citation else None,
            "sentence": item.sentence,
        }

    def human(item: Finding) -> dict[str, str]:
        row = _stringify(structured(item))
        fact = item.fact
        detail = ""
        if fact is not None and item.status == "supported":
            detail = f"{', '.join(fact.source_ids)}: “{fact.citations[0].quote}”"
        elif fact is not None:
            detail = f"the store says {fact.value_text} ({fact.when}, {', '.join(fact.source_ids)})"
        return {**row, "where": f"{item.line}:{item.column}", "detail": detail}

    return Rows(
        "findings", findings, FINDING_FIELDS, FINDING_TABLE_FIELDS, "text", structured,
        lambda item: _stringify(structured(item)), human,
    )  # fmt: skip
