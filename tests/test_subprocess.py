"""The installed console script as users run it: pipes, signals, terminals, encodings."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CACHE, FACTCLI, GOOD, read_pty, run_cli


def test_console_script_and_module_agree() -> None:
    script = run_cli("--store", str(GOOD), "find", "--format", "ids")
    module = subprocess.run(
        [sys.executable, "-m", "factcli", "--store", str(GOOD), "find", "--format", "ids"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout
    assert len(script.stdout.split()) == 5


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "yaml", "markdown", "ids"])
def test_force_color_never_reaches_machine_formats(fmt: str) -> None:
    env = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "40"}
    result = run_cli("--store", str(GOOD), "find", "--format", fmt, env=env)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert result.stderr == ""
    if fmt == "jsonl":
        assert len(result.stdout.splitlines()) == 5
        assert json.loads(result.stdout.splitlines()[0])["id"] == "pk-2008-personnel"


def test_json_survives_an_ascii_stdout() -> None:
    for fmt in ("json", "table", "csv"):
        result = run_cli("--store", str(GOOD), "find", "--format", fmt, env={"PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_exit_codes_and_streams() -> None:
    ok = run_cli("--store", str(GOOD), "find", "--json")
    assert (ok.returncode, ok.stderr) == (0, "")
    usage = run_cli("--store", str(GOOD), "find", "--topic", "nope")
    assert (usage.returncode, usage.stdout) == (2, "")
    missing = run_cli("--store", "/nonexistent", "find")
    assert (missing.returncode, missing.stdout) == (2, "")
    invalid = run_cli("--store", str(GOOD.parent / "bad-dup-key"), "find")
    assert invalid.returncode == 1
    assert "duplicate key 'value' (first at line 5)" in invalid.stderr
    for result in (ok, usage, missing, invalid):
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["find", "--format", "jsonl"], id="jsonl"),
        pytest.param(["find", "--format", "csv"], id="csv"),
        pytest.param(["find"], id="table"),
        pytest.param(["show", "pk-2008-deployed"], id="show"),
    ],
)
def test_a_closed_pipe_ends_quietly_with_141_whatever_the_format(args: list[str]) -> None:
    """`factcli … | head`: no traceback, no 'Exception ignored', and 141 on every path (set -o pipefail).

    The reader is gone before factcli writes (its end of the pipe closed first), so every write meets
    the closed pipe, whatever the size of the output or the timing of a real `head`.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "COLUMNS": "120", "FACTCLI_CACHE_DIR": str(CACHE)}
    try:
        result = subprocess.run(
            [FACTCLI, "--store", str(GOOD), *args], stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=30,
            check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, b"")


def test_shell_pipe_to_head() -> None:
    result = subprocess.run(
        f"{FACTCLI} find --json | head -c 10; echo \" rc=${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.stderr == ""
    assert result.stdout.startswith('[\n{"id"')


def _wait_until_reading_stdin(pid: int) -> None:
    """Block until the process sits in read(0, …): our code is running, the interpreter's start is over.

    A signal sent after a fixed sleep could land while Python itself is still starting (site,
    the console script's own imports), where no program can catch it: that made this test flaky.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/syscall").read_text().startswith("0 0x0 "):
                return
        time.sleep(0.01)
    pytest.fail("the process never read its stdin")


@pytest.mark.skipif(not Path("/proc/self/syscall").exists(), reason="needs Linux /proc/PID/syscall")
def test_ctrl_c_exits_130_without_traceback() -> None:
    with subprocess.Popen(
        [FACTCLI, "cite", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as proc:
        _wait_until_reading_stdin(proc.pid)
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
        err = proc.stderr.read().decode() if proc.stderr else ""
    assert code == 130
    assert err == "Interrupted.\n"  # one line, never a traceback (issue 26: one line for SIGINT and SIGTERM)


#: What `show --format json` on a current index must not import: each was measured on the path
#: once (rich 25 ms; pickle with the model classes 4 ms; platformdirs 5 ms; json, csv, the YAML
#: loader, dataclasses, importlib.resources), and this keeps them off it.
NOT_ON_THE_LOOKUP_PATH = (
    "rich",
    "pickle",
    "factcli.model",
    "platformdirs",
    "json",
    "csv",
    "yaml",
    "dataclasses",
    "importlib.resources",
    "sqlite_utils",
    "filelock",
    "citeproc",
    "factcli.store.load",
    "factcli.store.yamlread",
    "factcli.index.build",
    "factcli.formats.table",
    "factcli.cli.checks",
    "factcli.cli.publish",
    "factcli.cli.add",
)


def test_json_lookup_imports_nothing_it_does_not_need() -> None:
    code = (
        "import sys; from factcli._entry import main\n"
        "sys.argv = ['factcli', 'show', sys.argv[1], '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    fact_id = run_cli("find", "--format", "ids", "--limit", "1").stdout.strip()  # also builds the index
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(CACHE)}
    result = subprocess.run([sys.executable, "-c", code, fact_id], capture_output=True, text=True, check=False, env=env)
    loaded = set(result.stderr.split("\n")[-2].split())
    assert "factcli.index.engine" in loaded  # the run really was a lookup through the index
    assert [name for name in NOT_ON_THE_LOOKUP_PATH if name in loaded] == []
    assert json.loads(result.stdout)["id"] == fact_id  # one id: one object


def _modules_of(*args: str) -> set[str]:
    code = (
        "import sys; from factcli._entry import main\n"
        "sys.argv = ['factcli', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(CACHE)}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env)
    return set(result.stderr.strip().split("\n")[-1].split())


def test_a_search_that_matches_as_typed_loads_no_speller() -> None:
    """rapidfuzz and the stemmer cost nothing while the words match: only a word no fact has loads them."""
    run_cli("find", "--format", "ids", "--limit", "1")  # builds the index
    as_typed = _modules_of("find", "treaty", "--format", "ids")
    assert "factcli.index.ranking" in as_typed  # it really searched
    assert [m for m in ("rapidfuzz", "snowballstemmer", "factcli.index.typos") if m in as_typed] == []
    assert "rapidfuzz" in _modules_of("find", "peacekeapers", "--format", "ids")


def _pty_run(args: list[str], env: dict[str, str]) -> bytes:
    """Run with stdout on a pseudo-terminal, as a person's terminal would be."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM")}
    full_env.update(env)
    full_env["FACTCLI_CACHE_DIR"] = str(CACHE)
    return read_pty(args, full_env)


def test_terminal_table_is_coloured_but_not_with_no_color() -> None:
    args = ["--store", str(GOOD), "find"]
    plain = _pty_run(args, {"NO_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "120"})
    for colour in (b"\x1b[3", b"\x1b[9", b"\x1b[38"):
        assert colour not in plain
    dumb = _pty_run(args, {"TERM": "dumb", "COLUMNS": "120"})
    assert b"\x1b" not in dumb
    assert b"pk-2008-personnel" in dumb


def test_narrow_terminal_keeps_ids_and_values_whole() -> None:
    out = _pty_run(["--store", str(GOOD), "find"], {"TERM": "dumb", "COLUMNS": "20"}).decode()
    for fact_id in ("pk-2008-personnel", "md-2007-rok-hotline", "md-2002-relations"):
        assert fact_id in out
    assert "11,063 person-times" in out


@pytest.mark.parametrize("command", [["show"], ["find"], ["sources", "show"], ["check-draft"], ["cite"]])
def test_help_is_the_same_when_only_the_invoked_command_is_built(command: list[str]) -> None:
    from typer.testing import CliRunner

    from factcli.cli import app

    env = {"TERM": "dumb", "NO_COLOR": "1"}
    full = CliRunner().invoke(app, [*command, "--help"], env=env, prog_name="factcli")  # click forces 80 columns
    pruned = run_cli(*command, "--help", env={**env, "COLUMNS": "82"})  # a terminal of 82 gives click's 80
    assert pruned.returncode == full.exit_code == 0
    assert pruned.stdout == full.stdout


def test_top_level_help_and_unknown_commands_keep_the_full_app() -> None:
    top = run_cli("--help", env={"TERM": "dumb"})
    for name in ("find", "show", "series", "check-draft", "cite", "add", "export", "validate", "schema", "sources"):
        assert name in top.stdout
    unknown = run_cli("--store", str(GOOD), "nope")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "Error: unknown command 'nope'; see 'factcli --help'\n"
    typo = run_cli("--store", str(GOOD), "fnd")
    assert typo.stderr == "Error: unknown command 'fnd' (did you mean 'find'?); see 'factcli --help'\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["export", "--format", "sqlite", "-o", "/nonexistent/dir/x.db"],
            "Error: cannot write /nonexistent/dir/x.db: no such directory /nonexistent/dir\n",
            id="export-to-missing-directory",
        ),
        pytest.param(
            ["export", "--format", "csv", "-o", "/nonexistent/dir/x.csv"],
            "Error: cannot write /nonexistent/dir/x.csv: no such file or directory\n",
            id="csv-to-missing-directory",
        ),
    ],
)
def test_a_fault_of_the_environment_is_one_line_naming_the_path(args: list[str], message: str) -> None:
    result = run_cli("--store", str(GOOD), *args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_a_full_disk_is_reported_not_a_bug(fmt: str) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("FACTCLI_STORE", "NO_COLOR", "FORCE_COLOR")}
    base.update({"FACTCLI_CACHE_DIR": str(CACHE), "COLUMNS": "120"})
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [FACTCLI, "--store", str(GOOD), "find", "--format", fmt], stdout=full, stderr=subprocess.PIPE,
            text=True, env=base, timeout=30, check=False,
        )  # fmt: skip
    assert (result.returncode, result.stderr) == (
        1,
        "Error: cannot write to standard output: no space left on the device\n",
    )
