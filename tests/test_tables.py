"""Every listing fits the terminal from 40 to 120 columns (issue #28): no line wider than the terminal, one row
an item, every column starting where its heading does, ids cut only with "…", values and verdicts whole."""

from __future__ import annotations

import json

import pytest

from factcli.store.files import bundled_store

from .conftest import DATA, run_cli

LISTINGS = [
    ["find", "--topic", "peacekeeping"],
    ["find", "treaty"],
    ["metrics"],
    ["entities"],
    ["topics"],
    ["sources"],
    ["thesaurus"],
    ["series", "un-peacekeepers-deployed"],
]
WIDTHS = [40, 60, 80, 100, 120]


def table(args: list[str], width: int) -> list[str]:
    done = run_cli("--store", str(bundled_store()), *args, env={"COLUMNS": str(width), "TERM": "dumb"})
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def starts(header: str) -> list[int]:
    """Where each column starts: after two spaces, a non-space."""
    return [0] + [i for i in range(2, len(header)) if header[i - 2 : i] == "  " and header[i] != " "]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_a_listing_fits_and_aligns(args: list[str], width: int) -> None:
    lines = table(args, width)
    items = json.loads(run_cli("--store", str(bundled_store()), *args, "--json").stdout)
    assert [line for line in lines if len(line) > width] == []
    assert len(lines) == len(items) + 1  # a header, then one row an item
    columns = starts(lines[0])
    for line in lines[1:]:
        for at in columns[1:]:
            assert at >= len(line) or line[at - 2 : at] == "  " or line[at - 1] == " ", (line, at)


@pytest.mark.parametrize("width", WIDTHS)
def test_ids_are_whole_or_visibly_cut(width: int) -> None:
    lines = table(["find", "--topic", "peacekeeping"], width)
    ids = run_cli("--store", str(bundled_store()), "find", "--topic", "peacekeeping", "--ids").stdout.split()
    shown = [line.split()[0] for line in lines[1:]]
    for cell, fact_id in zip(shown, ids, strict=True):
        assert cell == fact_id or (cell.endswith("…") and fact_id.startswith(cell[:-1]))


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_check_draft_shows_the_verdict_and_the_fix_before_the_fact(width: int) -> None:
    draft = DATA.parent.parent / "examples" / "draft.md"
    done = run_cli("--store", str(bundled_store()), "check-draft", str(draft), env={"COLUMNS": str(width)})
    lines = done.stdout.splitlines()
    assert lines[0].split()[:4] == ["where", "text", "verdict", "detail"]
    wrong = next(line for line in lines if " contradicted " in line)
    assert "write “nine”" in wrong
    assert max(len(line) for line in lines) <= width
