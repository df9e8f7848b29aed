"""The command line through Typer's CliRunner: exit codes, and stdout and stderr apart."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli import __version__
from factcli.cli import app

from .conftest import GOOD, run_cli

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--store", str(GOOD), *args])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"factcli {__version__}\n")


def test_find_json_is_clean_json_on_stdout() -> None:
    code, out, err = invoke("find", "--topic", "peacekeeping", "--json")
    assert (code, err) == (0, "")
    assert [d["id"] for d in json.loads(out)] == ["pk-2008-personnel", "pk-2008-deployed"]


def test_empty_result_is_success() -> None:
    unknown = "no fact mentions “zebra”: try other words, or browse with 'factcli topics'"
    assert invoke("find", "zebra", "--json") == (0, "[]\n", unknown + "\n")
    assert invoke("find", "zebra") == (0, "", f"No facts match: {unknown}.\n")
    assert invoke("find", "zebra", "--format", "jsonl") == (0, "", unknown + "\n")
    assert invoke("find", "--topic", "peacekeeping", "--until", "1980") == (0, "", "No facts match.\n")


def test_find_alias_entity_and_fields_csv() -> None:
    code, out, _ = invoke("find", "--entity", "ROK", "--format", "csv", "--fields", "id,date,value_text")
    assert (code, out) == (0, "id,date,value_text\nmd-2007-rok-hotline,2007-08,August 2007\n")


def test_find_all_filters_together() -> None:
    args = ["find", "relations", "--topic", "military-diplomacy", "--unit", "countries", "--kind", "quantity"]
    args += ["--since", "2000", "--until", "2010", "--min", "100", "--max", "200", "--sort", "value", "--reverse"]
    args += ["--format", "ids", "--limit", "5", "--metric", "countries-with-military-relations", "--source", "doc-a"]
    assert invoke(*args) == (0, "md-2008-relations\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["find", "--topic", "peacekeping"],
            "Error: unknown topic 'peacekeping' for --topic (did you mean 'peacekeeping'?)\n",
        ),
        (["find", "--since", "2008-13"], "Error: bad date for --since: '2008-13' has no month 13\n"),
        (
            ["show", "pk-2008-personel"],
            "Error: no fact with id 'pk-2008-personel' (did you mean 'pk-2008-personnel' or 'pk-2008-deployed'?)\n",
        ),
        (["find", "--fields", "id,nope", "--json"], "Error: unknown field(s): nope; choose from "),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert err.startswith(message)


def test_typer_usage_errors_exit_2() -> None:
    code, _, err = invoke("find", "--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in err
    assert invoke("find", "--nope")[0] == 2


def test_missing_store_is_exit_2() -> None:
    result = runner.invoke(app, ["--store", "/nonexistent/store", "find"])
    assert result.exit_code == 2
    assert result.stderr == "Error: store '/nonexistent/store' (from --store) does not exist\n"


def test_env_store_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCLI_STORE", str(GOOD))
    result = runner.invoke(app, ["find", "--format", "ids", "--limit", "1"])
    assert (result.exit_code, result.stdout) == (0, "pk-2008-personnel\n")


def test_show_table_has_value_quotes_references_and_related() -> None:
    code, out, err = invoke("show", "md-2008-relations")
    assert (code, err) == (0, "")
    for part in (
        "md-2008-relations",
        "> 150 countries",
        "(“over 150”)",
        "China has established military relations with over 150 countries.",
        "Military Exchanges and Cooperation",
        "Office of Tests. 2009. Document A: Peacekeeping. https://example.org/doc-a.",
        "> 100 countries in 2002 (doc-b) — md-2002-relations",
    ):
        assert part in out


def test_show_prints_markup_in_quotes_verbatim() -> None:
    code, out, _ = invoke("show", "pk-2008-personnel")
    assert code == 0
    assert "11,063 [sic] military personnel [/] :warning:" in out.replace("\n", " ").replace("  ", " ")


def test_show_json_is_the_find_shape() -> None:
    code, out, _ = invoke("show", "md-2002-relations", "pk-2008-deployed", "--json")
    assert code == 0
    assert [d["id"] for d in json.loads(out)] == ["md-2002-relations", "pk-2008-deployed"]


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        (["sources"], "id     published   title                     facts"),
        (["topics", "--format", "csv"], "key,title,description,facts"),
        (["entities", "--format", "csv", "--fields", "name,aliases"], "name,aliases"),
        (["metrics", "--format", "tsv"], "key\tunit\tdescription\tfacts\tfirst\tlast"),
    ],
)
def test_vocabulary_commands(command: list[str], first_line: str) -> None:
    code, out, err = invoke(*command)
    assert (code, err) == (0, "")
    assert out.splitlines()[0].rstrip() == first_line.rstrip()


def test_entities_csv_lists_aliases() -> None:
    _, out, _ = invoke("entities", "--format", "csv", "--fields", "name,aliases,facts")
    assert "South Korea,ROK; Republic of Korea,1" in out.splitlines()


def test_metrics_json_has_span() -> None:
    _, out, _ = invoke("metrics", "--json")
    assert json.loads(out) == [
        {
            "key": "countries-with-military-relations",
            "unit": "countries",
            "description": "Countries with which China has military relations.",
            "facts": 2,
            "first": "2002",
            "last": "2008",
        }
    ]


def test_sources_show_lists_a_documents_facts() -> None:
    assert invoke("sources", "show", "doc-b", "--format", "ids") == (0, "md-2002-relations\npk-2008-deployed\n", "")
    code, _, err = invoke("sources", "show", "doc-z")
    assert code == 2
    assert "unknown source 'doc-z'" in err


def test_validate_good_store_and_json_report(tmp_path) -> None:
    assert invoke("validate") == (0, "", "0 error(s), 0 warning(s)\n")
    code, out, _ = invoke("validate", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_validate_with_texts_checks_quotes(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("nothing here")
    code, out, _ = invoke("validate", "--texts", str(tmp_path))
    assert code == 1
    assert "error: source doc-a: no file in" in out
    assert "warning: source doc-b has no sha256: its quotes cannot be checked [quote-text]" in out


def test_every_command_has_help_with_an_example() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    commands = [[name.replace("_", "-")] for name in names] + [["sources"], ["sources", "show"]]
    assert len(commands) >= 14
    for command in commands:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, command
        assert "factcli " in result.stdout, command


def test_internal_errors_are_one_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcli.index.engine import Index

    def boom(*args: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(Index, "find", boom)
    code, out, err = invoke("find")
    assert code == 1
    assert out == ""
    assert err.startswith("Error: internal error: RuntimeError: kaboom\nThis is a bug in factcli")


def test_completion_from_the_store() -> None:
    from factcli.cli import completion

    class Ctx:
        def __init__(self, store: str) -> None:
            self.params = {"store": store}

        def find_root(self) -> Ctx:
            return self

    ctx = Ctx(str(GOOD))
    names = completion.names
    assert names("facts")(ctx, "md-200") == ["md-2002-relations", "md-2007-rok-hotline", "md-2008-relations"]  # type: ignore[arg-type]
    assert names("entities")(ctx, "r") == ["ROK", "Republic of Korea"]  # type: ignore[arg-type]
    assert names("topics")(ctx, "pea") == ["peacekeeping"]  # type: ignore[arg-type]
    assert names("sources")(ctx, "") == ["doc-a", "doc-b"]  # type: ignore[arg-type]
    assert names("metrics")(ctx, "c") == ["countries-with-military-relations"]  # type: ignore[arg-type]
    assert names("tags")(ctx, "") == ["attaches", "cumulative"]  # type: ignore[arg-type]
    assert names("units")(ctx, "p") == ["person-times", "personnel"]  # type: ignore[arg-type]
    assert completion.kinds(ctx, "e") == ["event"]  # type: ignore[arg-type]
    assert names("topics")(Ctx("/nonexistent"), "") == []  # type: ignore[arg-type]


def test_entry_point_runs_commands_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """_entry pauses the garbage collector for the import only; commands run with it on."""
    import gc

    from factcli import _entry, cli

    seen: list[tuple[bool, int]] = []
    monkeypatch.setattr(cli, "app", lambda **_: seen.append((gc.isenabled(), gc.get_freeze_count())))
    monkeypatch.setattr(cli, "load_commands", lambda argv: None)
    monkeypatch.setattr(sys, "argv", ["factcli", "topics"])
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        _entry.main()
    finally:
        gc.unfreeze()
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    assert len(seen) == 1
    assert seen[0][0] is True
    assert seen[0][1] > 0  # what the import made was frozen


def test_version_builds_no_command() -> None:
    """--version answers before any command is built (it is as quick as the quickest lookup)."""
    from factcli.cli import load_commands

    saved = list(app.registered_commands), list(app.registered_groups)
    try:
        load_commands(["--version"])
        assert (app.registered_commands, app.registered_groups) == ([], [])
    finally:
        app.registered_commands, app.registered_groups = saved
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"factcli {__version__}\n")


def test_help_is_printed_as_written_and_usage_errors_are_one_plain_line() -> None:
    render = run_cli("render", "--help", env={"COLUMNS": "200"})
    assert "[@fact:ID]" in render.stdout
    assert "[@fact:a; @fact:b]" in render.stdout
    assert "[check]" in run_cli("validate", "--help", env={"COLUMNS": "200"}).stdout
    bad = run_cli("find", "--bogus")
    assert bad.returncode == 2
    assert "╭" not in bad.stderr
    assert "Error: No such option: --bogus" in bad.stderr


def test_cite_prints_a_bundled_styles_path_for_pandoc() -> None:
    done = run_cli("cite", "--csl-path", "ieee")
    assert done.returncode == 0
    path = done.stdout.strip()
    assert path.endswith("ieee.csl")
    assert "<style" in Path(path).read_text(encoding="utf-8")[:2000]
    unknown = run_cli("cite", "--csl-path", "no-such-style-here")
    assert unknown.returncode == 2


def test_an_interrupt_python_wrapped_is_an_interrupt_not_an_internal_error() -> None:
    """SIGTERM in the middle of a class's creation reached the boundary as a RuntimeError (from __set_name__)."""
    import importlib

    boundary = importlib.import_module("factcli.cli.app")
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'cached_property' instance 'vocab'") from exc
    except RuntimeError as wrapped:
        with pytest.raises(KeyboardInterrupt):
            boundary._internal_error(wrapped)
