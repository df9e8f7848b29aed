"""The README is a test target: its outputs are real and every command is in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factcli.cli import app

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]


def test_readme_outputs_are_current() -> None:
    """Every block is run; without ../shared/seeds only the one block that reads them is left out (and said so)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    if not SEEDS.is_dir():
        assert result.stderr.count("not run (no ") == 1


def test_readme_shows_no_failures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Error: internal error" not in readme
    assert "Traceback" not in readme


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    names += [g.name or "" for g in app.registered_groups]
    assert len(names) >= 7
    for name in names:
        assert f"factcli {name}" in readme, name


def test_quick_start_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python3 -m venv") and "pytest" in line)
    assert command in ci.splitlines()


def test_ids_in_help_examples_exist_in_the_bundled_store() -> None:
    import re

    from typer.testing import CliRunner

    from factcli.store.files import bundled_store
    from factcli.store.load import load_store

    store = load_store(bundled_store())
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    helps = [CliRunner().invoke(app, [name.replace("_", "-"), "--help"]).stdout for name in names]
    helps.append(CliRunner().invoke(app, ["--help"]).stdout)
    text = "\n".join(helps)
    fact_ids = re.findall(r"factcli (?:show|cite) ([a-z0-9][a-z0-9-]+)", text)
    source_ids = re.findall(r"factcli sources show ([a-z0-9][a-z0-9-]+)", text)
    assert fact_ids
    assert all(i in store.by_id for i in fact_ids), fact_ids
    assert all(i in store.vocab.sources for i in source_ids), source_ids
