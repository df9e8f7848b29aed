"""check-draft: one right, one wrong and one unknown number in a small draft."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from factcli.checks import draft
from factcli.cli import app

from .conftest import DATA, GOOD, memory, run_cli

DRAFT = DATA / "drafts" / "one-right-one-wrong-one-unknown.md"
runner = CliRunner()


def test_each_number_is_judged() -> None:
    findings = draft.check(memory(GOOD), DRAFT.read_text())
    assert [(f.line, f.column, f.text, f.status, f.fact.id if f.fact else None) for f in findings] == [
        (3, 35, "over 150", "supported", "md-2008-relations"),
        (3, 57, "2008", "supported", "md-2008-relations"),
        (4, 1, "November 2008", "supported", "pk-2008-deployed"),
        (4, 16, "2,100", "contradicted", "pk-2008-deployed"),
        (4, 71, "44", "not-found", None),
    ]


def test_contradiction_exits_1_and_json_carries_the_citation() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT), "--json"])
    assert result.exit_code == 1
    assert result.stderr == "3 supported, 1 contradicted, 1 not-found\n"
    data = json.loads(result.stdout)
    wrong = next(d for d in data if d["status"] == "contradicted")
    assert wrong["fact"] == "pk-2008-deployed"
    assert wrong["fact_value_text"] == "1,949"
    assert wrong["value"] == 2100
    right = data[0]
    assert right["reference"] == "Office of Tests. 2009. Document A: Peacekeeping. https://example.org/doc-a."
    assert right["quote"] == "China has established military relations with over 150 countries."


def test_a_draft_without_contradictions_exits_0_from_stdin() -> None:
    result = run_cli(
        "--store", str(GOOD), "check-draft", "-", "--format", "tsv", input="Relations with over 150 countries.\n"
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].split("\t")[:4] == ["1", "16", "over 150", "supported"]


def test_table_view_shows_what_the_store_says(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT)])
    assert "the store says 1,949 (2008-11, doc-a, doc-b)" in result.stdout
    assert "9999" not in result.stdout


def test_missing_draft_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", "/nonexistent/draft.md"])
    assert result.exit_code == 2
    assert result.stderr == "Error: cannot read '/nonexistent/draft.md': no such file or directory\n"
