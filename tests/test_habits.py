"""The habits users bring from gh, jq and ripgrep work here, and the lookup finds what a reader means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.store.files import bundled_store

from .conftest import GOOD

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_readme_first_command_shows_the_headline_figure() -> None:
    code, out, _ = run("find", "peacekeepers", "--since", "2008", "--format", "ids", "--limit", "1")
    assert (code, out) == (0, "peacekeeping-2008-military-personnel-deployed\n")


def test_json_with_fields_selects_them_as_gh_does() -> None:
    code, out, _ = run("--store", str(GOOD), "find", "--topic", "peacekeeping", "--json", "id,value")
    assert code == 0
    assert json.loads(out) == [{"id": "pk-2008-personnel", "value": 11063}, {"id": "pk-2008-deployed", "value": 1949}]
    _, one, _ = run("--store", str(GOOD), "find", "--topic", "peacekeeping", "--json", "id")
    assert json.loads(one) == [{"id": "pk-2008-personnel"}, {"id": "pk-2008-deployed"}]
    _, bare, _ = run("--store", str(GOOD), "find", "--json", "hotline")  # a word that is no field: a search word
    assert [r["id"] for r in json.loads(bare)] == ["md-2007-rok-hotline"]
    assert len(json.loads(bare)[0]) == 16  # bare --json: every field


def test_an_unknown_json_field_exits_2_listing_the_fields() -> None:
    code, out, err = run("--store", str(GOOD), "find", "--json", "id,valu")
    assert (code, out) == (2, "")
    assert err.startswith("Error: unknown field(s): valu; choose from id, claim, kind, value,")


def test_show_json_of_one_id_is_an_object_and_of_two_an_array() -> None:
    _, one, _ = run("--store", str(GOOD), "show", "pk-2008-deployed", "--json")
    assert json.loads(one)["value"] == 1949
    _, two, _ = run("--store", str(GOOD), "show", "pk-2008-deployed", "md-2002-relations", "--json")
    assert [r["id"] for r in json.loads(two)] == ["pk-2008-deployed", "md-2002-relations"]


def test_global_options_work_after_the_command() -> None:
    assert (
        run("find", "--ids", "--store", str(GOOD))[1].split() == run("--store", str(GOOD), "find", "--ids")[1].split()
    )
    code, out, err = run("sources", "show", "doc-b", "--format", "ids", f"--store={GOOD}")
    assert (code, out.split()) == (0, ["md-2002-relations", "pk-2008-deployed"]), err


@pytest.mark.parametrize(
    "args",
    [
        ["find", "--topic", "Peacekeeping", "--ids"],
        ["find", "--kind", "QUANTITY", "--source", "DOC-B", "--ids"],
        ["find", "--metric", "Countries-With-Military-Relations", "--ids"],
        ["series", "COUNTRIES-WITH-MILITARY-RELATIONS", "--format", "ids"],
        ["show", "PK-2008-DEPLOYED", "--format", "ids"],
    ],
)
def test_names_are_case_insensitive_everywhere(args: list[str]) -> None:
    code, out, err = run("--store", str(GOOD), *args)
    assert code == 0, err
    assert out.strip()


def test_exit_status_is_1_on_no_match_only_when_asked() -> None:
    assert run("--store", str(GOOD), "find", "zebra", "--json")[:2] == (0, "[]\n")
    assert run("--store", str(GOOD), "find", "zebra", "--json", "--exit-status")[:2] == (1, "[]\n")
    assert run("--store", str(GOOD), "find", "hotline", "--ids", "-e")[0] == 0


def test_jq_filters_the_json_as_gh_does() -> None:
    code, out, _ = run("--store", str(GOOD), "find", "--jq", ".[] | select(.value > 1000) | .id")
    assert (code, out) == (0, "pk-2008-personnel\npk-2008-deployed\n")
    assert run("--store", str(GOOD), "show", "pk-2008-deployed", "--jq", ".value")[1] == "1949\n"
    code, out, err = run("--store", str(GOOD), "find", "--jq", ".[")
    assert (code, out) == (2, "")
    assert err.startswith("Error: --jq: ")


def test_sort_by_value_keeps_facts_without_a_value_last_either_way() -> None:
    up = run("--store", str(GOOD), "find", "--sort", "value", "--ids")[1].split()
    down = run("--store", str(GOOD), "find", "--sort", "value", "--reverse", "--ids")[1].split()
    assert up[-1] == down[-1] == "md-2007-rok-hotline"
    assert down[:4] == list(reversed(up[:4]))


def test_cite_reads_ids_from_a_csv_with_its_header() -> None:
    csv_text = "id,value\npk-2008-deployed,1949\nmd-2002-relations,100\n"
    result = runner.invoke(app, ["--store", str(GOOD), "cite", "-", "--style", "csl-json"], input=csv_text)
    assert result.exit_code == 0, result.stderr
    assert sorted(item["id"] for item in json.loads(result.stdout)) == ["doc-a", "doc-b"]


def test_the_default_table_fits_80_columns_one_row_a_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run("--store", str(bundled_store()), "find", "--topic", "peacekeeping")
    facts = run("--store", str(bundled_store()), "find", "--topic", "peacekeeping", "--ids")[1].split()
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == len(facts) + 1  # a header, then one row a fact
    assert [line for line in lines if line != line.rstrip()] == []  # no trailing spaces
    shown = [line.split()[0] for line in lines[1:]]  # every id whole, or cut with "…" where 80 columns are few
    wrong = [i for i, f in zip(shown, facts, strict=True) if i != f and not (i.endswith("…") and f.startswith(i[:-1]))]
    assert wrong == []
    assert max(len(line) for line in lines) <= 80
    for listing in (["entities"], ["metrics"], ["topics"], ["sources"], ["series", "un-peacekeepers-deployed"]):
        text = run("--store", str(bundled_store()), *listing)[1]
        items = json.loads(run("--store", str(bundled_store()), *listing, "--json")[1])
        assert [line for line in text.splitlines() if line != line.rstrip()] == [], listing
        assert len(text.splitlines()) == len(items) + 1, listing  # a header, then one row an item


def test_texts_that_are_no_directory_say_what_to_give(tmp_path: Path) -> None:
    code, _, err = run("--store", str(GOOD), "validate", "--texts", str(tmp_path / "seeds"))
    assert code == 2
    expected = f"--texts {str(tmp_path / 'seeds')!r} is not a directory: give the directory of the documents' "
    assert expected + "plain texts (see factcli validate --help)" in " ".join(err.split())


def test_long_gives_every_field_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run("--store", str(GOOD), "find", "hotline", "--long")[1]
    assert out.splitlines()[0] == "id     md-2007-rok-hotline"
    assert "China and South Korea opened a defense hotline in August 2007." in out.replace("\n       ", " ")


def test_quotes_are_checked_for_passages_even_without_the_texts(tmp_path: Path) -> None:
    record = {
        "id": "md-2009-bare", "claim": "Talks were held.", "kind": "event", "value_text": "2009", "date": "2009",
        "topic": "military-diplomacy", "citations": [{"source": "doc-a", "section": "S", "quote": "2009"}],
    }  # fmt: skip
    result = runner.invoke(
        app, ["--store", str(GOOD), "add", "--from-json", "-", "--dry-run"], input=json.dumps(record)
    )
    assert result.exit_code == 1
    assert "the quote from doc-a is '2009': quote the passage that states the value" in result.stderr
