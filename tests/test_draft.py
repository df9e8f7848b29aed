"""check-draft on a small store: verdicts, what each finding carries, options and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcli.checks import draft
from factcli.cli import app

from .conftest import DATA, GOOD, memory, run_cli

DRAFT = DATA / "drafts" / "one-right-one-wrong-one-unknown.md"
runner = CliRunner()


def verdicts(text: str, *, markdown: bool = True, dates: bool = False) -> list[tuple[str, str, str | None]]:
    """(text, verdict, fact) of each finding; the dates that frame a figure only with ``dates``."""
    return [
        (f.text, f.verdict, f.fact.id if f.fact else None)
        for f in draft.check(memory(GOOD), text, markdown=markdown)
        if dates or "the time of the figure it frames" not in f.reason
    ]


def test_each_claim_is_judged_and_dates_that_frame_a_figure_by_its_fact() -> None:
    findings = draft.check(memory(GOOD), DRAFT.read_text())
    assert [(f.line, f.column, f.text, f.verdict, f.fact.id if f.fact else None) for f in findings] == [
        (3, 35, "over 150", "supported", "md-2008-relations"),
        (3, 57, "2008", "supported", "md-2008-relations"),
        (4, 1, "November 2008", "supported", "pk-2008-deployed"),
        (4, 16, "2,100", "contradicted", "pk-2008-deployed"),
        (4, 71, "44", "not-found", None),
    ]
    wrong = findings[3]
    assert wrong.suggestion == "1,949"
    assert "counts chinese peacekeepers" in wrong.reason


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("China had more than 1,000 peacekeepers at the end of November 2008.", "supported"),
        ("China had nearly 2,000 peacekeepers at the end of November 2008.", "supported"),
        ("China had about 1,950 peacekeepers at the end of November 2008.", "supported"),
        ("China had 1949 military peacekeepers at the end of November 2008.", "supported"),
        ("China had 1\u00a0949 peacekeepers at the end of November 2008.", "supported"),
        ("China had 1,950 peacekeepers at the end of November 2008.", "contradicted"),
        ("China had fewer than 1,900 peacekeepers at the end of November 2008.", "contradicted"),
        ("China had military relations with fewer than 140 countries in 2008.", "contradicted"),
        ("China had military relations with exactly 160 countries in 2008.", "unverified"),
        ("China had military relations with 200 countries in 2008.", "unverified"),
    ],
)
def test_qualifiers_on_both_sides_are_ranges(sentence: str, verdict: str) -> None:
    assert [v for _, v, _ in verdicts(sentence)] == [verdict]


def test_the_year_binds_the_figure_to_its_fact() -> None:
    """In 2002 the store says 'more than 100': that bears out 'more than 100', leaves 'over 150' open and refutes 90."""
    assert verdicts("In 2002 China had military relations with more than 100 countries.") == [
        ("more than 100", "supported", "md-2002-relations")
    ]
    assert verdicts("In 2002 China had military relations with over 150 countries.") == [
        ("over 150", "unverified", "md-2002-relations")
    ]
    assert verdicts("In 2002 China had military relations with 90 countries.") == [
        ("90", "contradicted", "md-2002-relations")
    ]


def test_an_event_date_is_a_claim() -> None:
    assert verdicts("China and South Korea opened a defense hotline in August 2007.") == [
        ("August 2007", "supported", "md-2007-rok-hotline")
    ]
    assert verdicts("The ROK and China opened a defense hotline in May 2007.") == [
        ("May 2007", "contradicted", "md-2007-rok-hotline")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "See section 3 of chapter 2, item 12, and No. 5.\n",
        "Engineers made up roughly two-thirds of the total, about 4.5 percent of the whole.\n",
        "The `1,949` figure and <!-- 2,100 --> and https://example.org/2100 are not prose.\n",
        "---\ndate: 2026-11-01\nwords: 2100\n---\n\nA draft with front matter only.\n",
        "As cited [@doc-a, p. 12] and in a note.[^1]\n\n[^1]: p. 12.\n",
    ],
)
def test_what_is_not_a_claim_gets_no_verdict(text: str) -> None:
    assert verdicts(text) == []


def test_plain_text_is_read_without_markdown() -> None:
    text = "China had 2,100 peacekeepers at the end of November 2008 (see `notes`).\n"
    assert verdicts(text, markdown=False) == [("2,100", "contradicted", "pk-2008-deployed")]


def test_json_carries_the_fact_its_citation_and_the_fix() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT), "--json"])
    assert result.exit_code == 1
    assert result.stderr == "3 supported, 1 contradicted, 0 unverified, 1 not found\n"
    data = json.loads(result.stdout)
    wrong = next(d for d in data if d["verdict"] == "contradicted")
    assert wrong["fact"] == "pk-2008-deployed"
    assert wrong["fact_value_text"] == wrong["suggestion"] == "1,949"
    assert wrong["fact_date"] == "2008-11"
    assert wrong["source"] == "doc-a"
    assert wrong["section"]
    assert wrong["score"] > 0
    right = data[0]
    assert right["reference"] == "Office of Tests. 2009. Document A: Peacekeeping. https://example.org/doc-a."
    assert right["quote"] == "China has established military relations with over 150 countries."


def test_quickfix_lines_name_file_line_column_and_verdict() -> None:
    result = runner.invoke(
        app, ["--store", str(GOOD), "check-draft", str(DRAFT), "--quickfix", "--only", "contradicted"]
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{DRAFT}:4:16: contradicted: 2,100: write “1,949” (2008-11; doc-a, ")


def test_only_filters_the_output_not_the_exit_code() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT), "--only", "not-found", "--json"])
    assert [d["text"] for d in json.loads(result.stdout)] == ["44"]
    assert result.exit_code == 1


def test_strict_fails_on_unverified() -> None:
    text = "China had military relations with exactly 160 countries in 2008.\n"
    assert run_cli("--store", str(GOOD), "check-draft", "-", input=text).returncode == 0
    assert run_cli("--store", str(GOOD), "check-draft", "-", "--strict", input=text).returncode == 1


def test_a_draft_without_contradictions_exits_0_from_stdin() -> None:
    result = run_cli(
        "--store",
        str(GOOD),
        "check-draft",
        "-",
        "--format",
        "tsv",
        input="China has military relations with over 150 countries.\n",
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].split("\t")[:4] == ["1", "35", "over 150", "supported"]


def test_table_view_says_what_to_write_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT)])
    assert "write “1,949” (2008-11; doc-a" in result.stdout
    assert "9999" not in result.stdout


def test_missing_draft_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", "/nonexistent/draft.md"])
    assert result.exit_code == 2
    assert result.stderr == "Error: cannot read '/nonexistent/draft.md': no such file or directory\n"


def test_json_takes_a_single_field_name_as_gh_does() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "check-draft", str(DRAFT), "--json", "verdict"])
    assert json.loads(result.stdout) == [
        {"verdict": "supported"},
        {"verdict": "supported"},
        {"verdict": "supported"},
        {"verdict": "contradicted"},
        {"verdict": "not-found"},
    ]
