"""The published JSON Schema accepts the bundled store and refuses what the loader refuses."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.formats.jsonschema import RECORDS, file_schema
from factcli.store.files import VOCABULARIES, bundled_store
from factcli.store.yamlread import read_yaml_file

from .conftest import GOOD


def kind_of(path: Path) -> str:
    stem = path.stem.lower()
    return stem if stem in VOCABULARIES else "facts"


@pytest.mark.parametrize("store", [bundled_store(), GOOD], ids=["bundled", "good-01"])
def test_every_store_file_is_valid_under_the_published_schema(store: Path) -> None:
    files = sorted(store.glob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        data = read_yaml_file(str(path)).data
        jsonschema.Draft202012Validator(file_schema(kind_of(path))).validate(data)


@pytest.mark.parametrize(
    "record",
    [
        pytest.param({"kind": "quantity", "date": "2008"}, id="quantity-without-value"),
        pytest.param({"kind": "event", "value": 3, "date": "2008"}, id="event-with-value"),
        pytest.param({"kind": "event", "date": "2008", "period": {"start": "2007"}}, id="date-and-period"),
        pytest.param({"kind": "event"}, id="no-date"),
        pytest.param({"kind": "event", "date": "2008", "sorce": "x"}, id="unknown-field"),
        pytest.param({"kind": "event", "date": "08/2008"}, id="bad-date"),
    ],
)
def test_schema_refuses_bad_facts(record: dict[str, object]) -> None:
    fact = {
        "id": "a-1",
        "claim": "c",
        "value_text": "2008",
        "topic": "t",
        "citations": [{"source": "s", "section": "x", "quote": "2008"}],
        **record,
    }
    validator = jsonschema.Draft202012Validator(file_schema("facts"))
    assert validator.is_valid(
        [{**fact, "kind": "event", "date": "2008", "period": None} | {}]
        and [
            {
                k: v
                for k, v in {**fact, "kind": "event", "date": "2008"}.items()
                if k not in ("value", "period", "sorce")
            }
        ]
    )
    assert not validator.is_valid([fact])


def test_schema_command_prints_each_kind() -> None:
    runner = CliRunner()
    for kind in RECORDS:
        result = runner.invoke(app, ["schema", kind])
        assert result.exit_code == 0
        jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))
