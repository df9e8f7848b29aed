"""One field table (factcli/fieldtable.py) for every shape of a fact: the dataclass, its JSON both ways, the
YAML add writes and the builders read back, the output fields, the JSON Schema and the index's key. Each test
fails when a field is added to one of them and not to the table, or to the table and not to it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from factcli import fieldtable
from factcli.formats import jsonschema, records
from factcli.index import keys
from factcli.model import Citation, Fact, Period, Supersedes, fact_data, fact_from_data
from factcli.store import builders, newfact
from factcli.store.yamlread import LoadedFile, parse_text

#: A fact with every field given (none left to its default), so that a field the conversions drop shows.
FULL = Fact(
    id="a-fact",
    claim="A claim with every field.",
    kind="quantity",
    value_text="more than 150",
    topic="military-diplomacy",
    citations=(Citation("doc-a", "Section", "China has relations with more than 150 countries."),),
    value=150,
    qualifier="more_than",
    unit="countries",
    date=None,
    period=Period("2007", "2008"),
    metric="countries-with-military-relations",
    tags=("attaches",),
    entities=("United Nations",),
    note="How it was read.",
    supersedes=Supersedes("an-older-fact", "A later count."),
)


def test_the_dataclass_has_the_tables_fields_and_only_them() -> None:
    attributes = [f.name for f in dataclasses.fields(Fact) if f.name != "location"]
    assert sorted(attributes) == sorted(fieldtable.FACT_FIELDS)


def test_a_required_field_of_the_table_is_one_the_dataclass_cannot_do_without() -> None:
    no_default = {f.name for f in dataclasses.fields(Fact) if f.default is dataclasses.MISSING}
    assert no_default == {key for key, spec in fieldtable.FACT_FIELDS.items() if spec.required}


def test_every_field_is_set_in_the_full_fact() -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(Fact) if f.default is not dataclasses.MISSING}
    left = [key for key in fieldtable.FACT_FIELDS if key in defaults and getattr(FULL, key) == defaults[key]]
    assert left in ([], ["date"])  # a fact has a date or a period; this one has the period


def test_json_has_the_tables_keys_in_its_order_and_comes_back_whole() -> None:
    data = fact_data(FULL)
    assert list(data) == list(fieldtable.FACT_FIELDS)
    assert fact_from_data(json.loads(json.dumps(data))) == FULL


def test_yaml_add_writes_is_built_back_into_the_same_fact() -> None:
    record = fact_data(FULL)
    lf = LoadedFile("new.yaml")
    parse_text(newfact.fact_yaml(record), lf)
    ((_, built),) = builders.build_facts(lf)
    assert dataclasses.replace(built, location=None) == FULL
    assert lf.problems == []


def test_output_fields_and_json_schema_follow_the_table() -> None:
    assert tuple(fieldtable.FACT_FIELDS) == records.FACT_FIELDS
    schema = jsonschema.file_schema("facts")["items"]
    assert list(schema["properties"]) == list(fieldtable.FACT_FIELDS)
    assert sorted(schema["required"]) == sorted(k for k, s in fieldtable.FACT_FIELDS.items() if s.required)


def test_a_field_added_to_the_table_makes_every_index_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    before = (keys.format_key(), keys.index_key(Path("."), []))
    grown = (*fieldtable.LAYOUT, ("confidence", "choice"))
    monkeypatch.setattr(keys, "LAYOUT", grown)
    assert keys.format_key() != before[0]
    assert keys.index_key(Path("."), []) != before[1]


def test_the_sqlite_export_has_a_column_for_every_field() -> None:
    """export writes its own columns (formats/export.py): a field of the table without one fails here."""
    from factcli.formats import export

    spread = {  # fields spread over columns or tables of their own
        "period": {"period_start", "period_end"},
        "supersedes": {"supersedes", "supersedes_reason"},
        "citations": {"quotes"},
        "tags": set(),  # the fact_tags table
        "entities": set(),  # the fact_entities table
    }
    columns = set(export._FACT_COLUMNS)
    for key in fieldtable.FACT_FIELDS:
        assert spread.get(key, {key}) <= columns, key
