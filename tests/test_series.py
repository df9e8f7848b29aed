"""series: a metric across documents, disagreements flagged, supersedes honoured."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.checks import series
from factcli.checks import validate as validation
from factcli.cli import app
from factcli.errors import UsageError
from factcli.model import Period
from factcli.store.load import load_store

from .conftest import GOOD, RIVAL, SUPERSEDES_IT, memory, store_with

runner = CliRunner()


def test_series_in_date_order_one_row_per_document() -> None:
    rows = series.series(memory(GOOD), "countries-with-military-relations")
    assert [(r.fact.id, r.source, r.conflicts) for r in rows] == [
        ("md-2002-relations", "doc-b", ()),
        ("md-2008-relations", "doc-a", ()),
    ]


def test_unknown_metric_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match="unknown metric 'countries-with-relations' \\(did you mean 'countries-with-mil"
    ):
        series.series(memory(GOOD), "countries-with-relations")


def test_disagreeing_documents_are_flagged_and_warned(tmp_path: Path) -> None:
    root = store_with(tmp_path, RIVAL)
    rows = series.series(memory(root), "countries-with-military-relations")
    assert {r.fact.id: r.conflicts for r in rows} == {
        "md-2002-relations": (),
        "md-2008-relations": ("md-2008-relations-web",),
        "md-2008-relations-web": ("md-2008-relations",),
    }
    warnings = [p for p in validation.validate(root) if p.check == "conflict"]
    assert [p.message for p in warnings] == [
        "md-2008-relations: countries-with-military-relations is 'over 150' for 2008 here but differs in "
        "md-2008-relations-web; if one replaces the other, say so with 'supersedes'",
        "md-2008-relations-web: countries-with-military-relations is 'more than 160' for 2008-06 here but differs in "
        "md-2008-relations; if one replaces the other, say so with 'supersedes'",
    ]
    assert {p.level for p in warnings} == {"warning"}


def test_supersedes_ends_the_disagreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    root = store_with(tmp_path, RIVAL + SUPERSEDES_IT)
    rows = series.series(memory(root), "countries-with-military-relations")
    by_id = {r.fact.id: r for r in rows}
    assert by_id["md-2008-relations"].conflicts == ()
    assert by_id["md-2008-relations"].superseded_by == ("md-2008-relations-web",)
    assert [p for p in validation.validate(root) if p.check == "conflict"] == []
    result = runner.invoke(app, ["--store", str(root), "series", "countries-with-military-relations"])
    assert "superseded by md-2008-relations-web" in result.stdout
    shown = runner.invoke(app, ["--store", str(root), "show", "md-2008-relations"])
    assert "Superseded by  md-2008-relations-web" in shown.stdout


def test_cumulative_periods_are_a_series_not_a_conflict() -> None:
    a = load_store(GOOD).by_id["pk-2008-personnel"]
    b = dataclasses.replace(a, id="pk-2002", value=5000, period=Period("1990", "2002"))
    assert not series.disagree(a, b)


def test_series_command_json_and_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    root = store_with(tmp_path, RIVAL)
    result = runner.invoke(app, ["--store", str(root), "series", "countries-with-military-relations", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(d["id"], d["value"], d["conflicts"]) for d in data] == [
        ("md-2002-relations", 100, []),
        ("md-2008-relations", 150, ["md-2008-relations-web"]),
        ("md-2008-relations-web", 160, ["md-2008-relations"]),
    ]
    table = runner.invoke(app, ["--store", str(root), "series", "countries-with-military-relations"])
    lines = table.stdout.splitlines()
    bars = [line.count("█") for line in lines[1:]]
    assert bars == [19, 28, 30]  # scaled to the largest value (160)
    assert "disagrees with md-2008-relations-web" in table.stdout


def test_no_bars_are_drawn_across_units() -> None:
    from factcli.checks.series import SeriesRow
    from factcli.formats.checked import series_rows

    plain = load_store(GOOD).by_id
    a, b = plain["md-2002-relations"], plain["md-2008-relations"]
    rows = [SeriesRow(a, "doc-b"), SeriesRow(dataclasses.replace(b, unit="visits"), "doc-a")]
    human = [series_rows("countries-with-military-relations", rows).human(r) for r in rows]
    assert [h["bar"] for h in human] == ["", ""]
    assert human[1]["flags"] == "no bar: the metric's values count different units (visits)"
    same = [series_rows("countries-with-military-relations", [SeriesRow(a, "doc-b"), SeriesRow(b, "doc-a")])]
    assert [same[0].human(r)["bar"].count("█") for r in same[0].items] == [20, 30]
