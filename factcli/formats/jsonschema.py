"""JSON Schema of the store's files, derived from the field tables in ``store/fields.py``.

Editors (yaml-language-server) and check-jsonschema use it to flag mistakes
while typing; because it is generated from the same tables the loader
checks against, the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from factcli import fieldtable as schema
from factcli.fieldtable import FieldSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _field(spec: FieldSpec) -> dict[str, Any]:
    out: dict[str, Any]
    if spec.type == "text":
        out = {"type": "string", "minLength": 1}
    elif spec.type == "id":
        out = {"type": "string", "pattern": f"^{schema.ID_PATTERN.pattern}$"}
    elif spec.type == "choice":
        out = {"enum": list(spec.choices)}
    elif spec.type == "number":
        out = {"type": "number"}
    elif spec.type == "date":
        out = {
            "anyOf": [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer", "minimum": 1, "maximum": 9999}]
        }
    elif spec.type == "sha256":
        out = {"type": "string", "pattern": f"^{schema.SHA256_PATTERN.pattern}$"}
    elif spec.type == "textlist":
        out = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
    elif spec.type == "period":
        out = {**_object(schema.PERIOD_FIELDS), "minProperties": 1}
    elif spec.type == "citations":
        out = {"type": "array", "minItems": 1, "items": _object(schema.CITATION_FIELDS)}
    elif spec.type == "supersedes":
        out = _object(schema.SUPERSEDES_FIELDS)
    else:  # pragma: no cover - a new field type must be added here
        raise ValueError(spec.type)
    if spec.description:
        out["description"] = spec.description
    return out


def _object(fields: dict[str, FieldSpec]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _field(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def _fact() -> dict[str, Any]:
    fact = _object(schema.FACT_FIELDS)
    fact["allOf"] = [
        {"oneOf": [{"required": ["date"]}, {"required": ["period"]}]},
        {
            "if": {"properties": {"kind": {"const": "quantity"}}},
            "then": {"required": ["value", "unit"]},
            "else": {"not": {"required": ["value"]}},
        },
    ]
    return fact


#: What each kind of store file holds: a YAML list of these records.
RECORDS: dict[str, tuple[str, dict[str, FieldSpec]]] = {
    "facts": ("A factcli fact file: a list of facts", schema.FACT_FIELDS),
    "sources": ("factcli sources.yaml: the documents facts are taken from", schema.SOURCE_FIELDS),
    "entities": ("factcli entities.yaml: canonical names and aliases", schema.ENTITY_FIELDS),
    "topics": ("factcli topics.yaml: the topic vocabulary", schema.TOPIC_FIELDS),
    "metrics": ("factcli metrics.yaml: quantities tracked across documents", schema.METRIC_FIELDS),
    "thesaurus": ("factcli thesaurus.yaml: readers' words for the store's words, for search", schema.THESAURUS_FIELDS),
}


def file_schema(kind: str) -> dict[str, Any]:
    title, record_fields = RECORDS[kind]
    record = _fact() if kind == "facts" else _object(record_fields)
    return {"$schema": DRAFT, "title": title, "type": "array", "items": record}
