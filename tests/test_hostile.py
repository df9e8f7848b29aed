"""Hostile input never hurts: each case gives its exact messages, the right exit code, no traceback,
bounded memory, and the same result with libyaml and with the pure-Python parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcli.cli import app
from factcli.store import yamlread

from .conftest import CACHE, DATA, FACTCLI, GOOD

HOSTILE = DATA / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
#: Memory a validate run may use, whatever the input (the interpreter alone is ~25 MB).
MAX_RSS_MB = 100


#: Runs its arguments as its only child and reports that child's peak RSS on a last stderr line.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "sys.stderr.write('MAXRSS=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def run_measured(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """Run the installed script; return (exit code, stdout, stderr, peak RSS in MB)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCLI_STORE", "FORCE_COLOR")}
    env["FACTCLI_CACHE_DIR"] = str(CACHE)
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, FACTCLI, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False,  # a hang guard, not a timing test
    )  # fmt: skip
    err, _, last = result.stderr.rstrip("\n").rpartition("\n")
    if not last.startswith("MAXRSS="):
        err, last = result.stderr, "MAXRSS=0"
    return result.returncode, result.stdout, err + ("\n" if err else ""), int(last[7:]) / 1024


def test_there_are_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_hostile_store(case: str) -> None:
    expected = (HOSTILE / case / "EXPECTED").read_text(encoding="utf-8")
    expected_code = int((HOSTILE / case / "EXIT").read_text())
    code, out, err, _ = run_measured(["--store", case, "validate"], HOSTILE)
    assert (code, out) == (expected_code, expected)
    assert "Traceback" not in err
    assert expected or expected_code == 0  # a failing case always says why


@pytest.mark.parametrize("case", CASES)
def test_same_result_with_the_pure_python_parser(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    monkeypatch.chdir(HOSTILE)
    result = CliRunner().invoke(app, ["--store", case, "validate"])
    assert result.stdout == (HOSTILE / case / "EXPECTED").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["billion-laughs", "deep-nesting"])
def test_lookups_refuse_hostile_stores(case: str) -> None:
    code, out, err, _ = run_measured(["--store", case, "find", "--json"], HOSTILE)
    assert (code, out) == (1, "")
    assert "Traceback" not in err


def test_memory_stays_bounded_on_a_bomb_and_deep_nesting() -> None:
    for case in ("billion-laughs", "deep-nesting"):
        code, _, _, rss = run_measured(["--store", case, "validate"], HOSTILE)
        assert code == 1
        assert 0 < rss < MAX_RSS_MB, f"{case}: {rss:.0f} MB"


def _store_with(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    store.mkdir()
    for f in GOOD.iterdir():
        (store / f.name).write_bytes(f.read_bytes())
    return store


def test_special_files_where_a_file_should_be(tmp_path: Path) -> None:
    store = _store_with(tmp_path)
    (store / "dir.yaml").mkdir()
    os.mkfifo(store / "fifo.yaml")
    (store / "broken.yaml").symlink_to(store / "missing.yaml")
    (store / "loop.yaml").symlink_to(store / "loop.yaml")
    code, out, err, _ = run_measured(["--store", "store", "validate"], tmp_path)
    assert code == 1
    assert out == (
        "store/broken.yaml:1:1: error: cannot read: broken symbolic link [io]\n"
        "store/dir.yaml:1:1: error: cannot read: a directory [io]\n"
        "store/fifo.yaml:1:1: error: cannot read: not a regular file [io]\n"
        "store/loop.yaml:1:1: error: cannot read: symbolic link loop [io]\n"
    )
    assert "Traceback" not in err


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    store = _store_with(tmp_path)
    with open(store / "huge.yaml", "wb") as fh:
        fh.truncate(50 * 2**20)  # sparse: no disk used, but stat says 50 MiB
    code, out, err, rss = run_measured(["--store", "store", "validate"], tmp_path)
    assert code == 1
    assert out == (
        "store/huge.yaml:1:1: error: file is 50.0 MiB, over the 16 MiB limit for one store file; split it [io]\n"
    )
    assert 0 < rss < MAX_RSS_MB
    assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 files, so the case cannot be made")
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    store = _store_with(tmp_path)
    (store / "secret.yaml").write_text("- a: 1\n")
    (store / "secret.yaml").chmod(0)
    code, out, _, _ = run_measured(["--store", "store", "validate"], tmp_path)
    assert code == 1
    assert "store/secret.yaml:1:1: error: cannot read: permission denied [io]" in out


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    run_measured(["--store", str(HOSTILE / "python-tag"), "validate"], tmp_path)
    assert not (tmp_path / "factcli-pwned.txt").exists()


def test_a_lookup_refuses_a_huge_first_fact_file_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build read the first fact file whole for its compression dictionary before any size check (a 2 GiB
    file: 4.2 GB of memory, or MemoryError); now only its first MiB, and the size check refuses it."""
    store = _store_with(tmp_path)
    with open(store / "a-huge.yaml", "wb") as fh:
        fh.truncate(200 * 2**20)  # sparse: no disk used, but stat says 200 MiB
    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")  # the road that samples the first file
    code, out, err, rss = run_measured(["--store", "store", "find", "--json"], tmp_path)
    assert (code, out) == (1, "")
    assert err.startswith(
        "store/a-huge.yaml:1:1: error: file is 200.0 MiB, over the 16 MiB limit for one store file; split it [io]\n"
    )
    assert 0 < rss < MAX_RSS_MB
