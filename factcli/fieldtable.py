"""The fields of every kind of record: the one table a fact's shapes come from.

The model's JSON (``model.fact_data`` and ``fact_from_data``), the checks and
records of ``store.fields`` and ``store.builders``, the YAML ``add`` writes,
the output fields of listings, the JSON Schema and the index's key all read
these tables; ``tests/test_fieldtable.py`` holds the ``Fact`` dataclass to
them. Adding a field to a fact is a row in ``FACT_FIELDS`` and an attribute of
``model.Fact`` (see the README's Development section). A module of its own,
importing nothing of ours, so that the lowest layer can read it.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["quantity", "event"]
Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than"]
KINDS: tuple[Kind, ...] = ("quantity", "event")
QUALIFIERS: tuple[Qualifier, ...] = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")


class FieldSpec:
    """One field: its type name (``text``, ``id``, ``number``, ``date``, ``list``, …) and whether required.

    A plain class, not a dataclass: every lookup reads the table (the index's key), and the dataclass
    machinery cost 3 ms of start-up."""

    __slots__ = ("choices", "description", "required", "type")

    def __init__(self, type: str, required: bool = False, choices: tuple[str, ...] = (), description: str = "") -> None:
        self.type, self.required, self.choices, self.description = type, required, choices, description

    def __repr__(self) -> str:
        return f"FieldSpec({self.type!r}, {self.required!r}, {self.choices!r}, {self.description!r})"


FACT_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True, description="stable slug, [a-z0-9-]+, unique in the store"),
    "claim": FieldSpec("text", True, description="one sentence, the curator's own words"),
    "kind": FieldSpec("choice", True, KINDS, "quantity or event"),
    "value": FieldSpec("number", description="the number as a reader computes it (quantities)"),
    "qualifier": FieldSpec("choice", False, QUALIFIERS, "how exact the value is; default exact"),
    "unit": FieldSpec("text", description="what is counted (quantities)"),
    "value_text": FieldSpec("text", True, description="the source's own words for the value"),
    "date": FieldSpec("date", description="when the value holds: YYYY, YYYY-MM or YYYY-MM-DD"),
    "period": FieldSpec("period", description="a span {start, end}; either end may be open"),
    "topic": FieldSpec("id", True, description="a key from topics.yaml"),
    "metric": FieldSpec("id", description="a key from metrics.yaml"),
    "tags": FieldSpec("textlist", description="free keywords"),
    "entities": FieldSpec("textlist", description="canonical names from entities.yaml"),
    "citations": FieldSpec("citations", True, description="one {source, section, quote} per document"),
    "note": FieldSpec("text", description="curator's remark"),
    "supersedes": FieldSpec("supersedes", description="{id, reason}: the fact this one replaces"),
}
CITATION_FIELDS: dict[str, FieldSpec] = {
    "source": FieldSpec("id", True, description="a source id from sources.yaml"),
    "section": FieldSpec("text", True, description="the heading in the document"),
    "quote": FieldSpec("text", True, description="shortest verbatim span containing value_text"),
}
SOURCE_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True),
    "title": FieldSpec("text", True),
    "publisher": FieldSpec("text", True),
    "published": FieldSpec("date"),
    "type": FieldSpec("text", True, description="white-paper, policy-paper, web-page, …"),
    "url": FieldSpec("text"),
    "sha256": FieldSpec("sha256", description="of the archived plain text the quotes were checked against"),
    "accessed": FieldSpec("date"),
    "language": FieldSpec("text"),
    "note": FieldSpec("text"),
}
ENTITY_FIELDS: dict[str, FieldSpec] = {
    "name": FieldSpec("text", True),
    "kind": FieldSpec("text"),
    "aliases": FieldSpec("textlist"),
    "note": FieldSpec("text"),
}
TOPIC_FIELDS: dict[str, FieldSpec] = {
    "key": FieldSpec("id", True),
    "title": FieldSpec("text", True),
    "description": FieldSpec("text"),
}
METRIC_FIELDS: dict[str, FieldSpec] = {
    "key": FieldSpec("id", True),
    "unit": FieldSpec("text", True),
    "description": FieldSpec("text", description="exactly what is counted (validate warns when it is missing)"),
    "aliases": FieldSpec("textlist", description="other words readers use for it, for search: 'military ties'"),
}
THESAURUS_FIELDS: dict[str, FieldSpec] = {
    "words": FieldSpec("textlist", True, description="words and phrases readers type: 'troops', 'blue helmets'"),
    "means": FieldSpec("textlist", True, description="the store's words they stand for: 'personnel'"),
    "note": FieldSpec("text"),
}
PERIOD_FIELDS = {"start": FieldSpec("date"), "end": FieldSpec("date")}
SUPERSEDES_FIELDS = {"id": FieldSpec("id", True), "reason": FieldSpec("text", True)}

#: What an index built from facts of these fields holds: a field added or changed makes every index stale.
LAYOUT = tuple((key, spec.type) for key, spec in FACT_FIELDS.items())
