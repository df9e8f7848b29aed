"""What each command's results look like as records: structured, flat and for people.

Renderers know nothing about facts or sources; they receive ``Rows`` and ask
it for the view their format needs (JSON/YAML take structured records,
CSV/TSV/Markdown flat strings, the table the human strings). The field
names here are the documented output contract.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from factcli import fieldtable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from factcli.index.engine import Index
    from factcli.index.hits import Hits
    from factcli.model import Entity, Fact, Metric

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
    #: The items' structured records as compact JSON, batches of them joined by the separator given, when the
    #: index keeps them ready (all fields only).
    json_batches: Callable[[str], Iterable[str]] | None = None


#: The keys of a fact's JSON record, in order: the documented output contract (the field table's).
FACT_FIELDS = tuple(fieldtable.FACT_FIELDS)
FACT_TABLE_FIELDS = ("id", "value", "date", "claim")
#: Every field name a listing prints (facts and the vocabularies): how `--json id` is told from `--json WORD`.
ALL_FIELDS = frozenset(
    {*FACT_FIELDS, "title", "publisher", "published", "type", "url", "sha256", "facts", "key", "description", "name",
     "aliases", "first", "last"}
)  # fmt: skip


def number_text(value: int | float | None) -> str:
    """A value as a plain machine-readable number: 1949, 2.5 (never 1949.0 for an int)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def amount(fact: Fact) -> str:
    """'> 900 personnel' — value with qualifier and unit, or the date words of an event."""
    from factcli.model import QUALIFIER_SYMBOLS  # JSON output never needs the model module

    if fact.value is None:
        return fact.value_text
    number = f"{fact.value:,}" if isinstance(fact.value, int) else f"{fact.value:,.10g}"
    return f"{QUALIFIER_SYMBOLS[fact.qualifier]}{number} {fact.unit or ''}".strip()


def fact_record(index: Index, fact: Fact) -> Record:
    """The JSON shape of a fact: every key always present, sources embedded so no join is needed."""
    from factcli.model import fact_data, source_data

    record = fact_data(fact)
    sources = index.vocab.sources
    for citation in record["citations"]:
        citation["source"] = source_data(sources[citation["source"]])
    return record


#: By a field's type in the table: its text in a flat row (CSV, TSV, Markdown); others print as they are.
_FLAT: dict[str, Callable[[Any], str]] = {
    "number": number_text,
    "period": lambda p: p.iso(),
    "textlist": "; ".join,
    "citations": lambda cs: " | ".join(f'{c.source} ({c.section}): "{c.quote}"' for c in cs),
    "supersedes": lambda s: s.id,
}


def fact_flat(fact: Fact) -> dict[str, str]:
    """One line per fact for CSV/TSV/Markdown: lists joined by '; ', citations by ' | ', nothing as ''."""
    row = {}
    for key, spec in fieldtable.FACT_FIELDS.items():
        value = getattr(fact, key)
        row[key] = "" if value is None else _FLAT.get(spec.type, str)(value)
    return row


def fact_human(fact: Fact) -> dict[str, str]:
    row = fact_flat(fact)
    row["value"] = amount(fact)
    row["date"] = fact.when
    row["citations"] = ", ".join(fact.source_ids)
    return row


def fact_rows(index: Index, facts: Hits | Sequence[Fact]) -> Rows:
    from factcli.index.hits import Hits

    return Rows(
        kind="facts",
        items=facts,
        fields=FACT_FIELDS,
        table_fields=FACT_TABLE_FIELDS,
        key="id",
        structured=lambda f: fact_record(index, f),
        flat=fact_flat,
        human=fact_human,
        json_batches=facts.json_batches if isinstance(facts, Hits) else None,
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


def source_rows(index: Index) -> Rows:
    from factcli.model import source_data

    counts = index.count_by("source")
    recs = [
        {**source_data(s), "sha256": s.sha256, "facts": counts.get(s.id, 0)}
        for s in sorted(index.vocab.sources.values(), key=lambda s: (s.published or "", s.id))
    ]
    return _simple_rows("sources", recs, ("id", "published", "title", "facts"), "id")


def thesaurus_rows(index: Index) -> Rows:
    """One row per thesaurus entry (each is stored once per reader's word), in the file's order."""
    entries = list(dict.fromkeys(index.vocab.thesaurus.values()))
    recs = [{"words": list(e.words), "means": list(e.means), "note": e.note} for e in entries]
    return _simple_rows("thesaurus", recs, ("words", "means"), "words")


def topic_rows(index: Index) -> Rows:
    counts = index.count_by("topic")
    recs = [
        {"key": t.key, "title": t.title, "description": t.description, "facts": counts.get(t.key, 0)}
        for t in sorted(index.vocab.topics.values(), key=lambda t: t.key)
    ]
    return _simple_rows("topics", recs, ("key", "title", "facts", "description"), "key")


def entity_rows(index: Index) -> Rows:
    counts = index.count_by("entity")
    recs = [
        {"name": e.name, "kind": e.kind, "aliases": list(e.aliases), "facts": counts.get(e.name, 0)}
        for e in sorted(index.vocab.entities.values(), key=_entity_order)
    ]
    return _simple_rows("entities", recs, ("name", "kind", "aliases", "facts"), "name")


def _entity_order(entity: Entity) -> tuple[str, str]:
    return (entity.kind, entity.name.casefold())


def metric_rows(index: Index) -> Rows:
    recs = []
    for metric in sorted(index.vocab.metrics.values(), key=_metric_order):
        facts = index.facts_of_metric(metric.key)
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
