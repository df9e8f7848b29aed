"""The benchmarks still run: a tiny store and two runs each, checking the report, never the timings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="the large-store baseline is a libyaml parse")
def test_run_py_prints_every_tracked_ratio() -> None:
    tiny = ["--runs", "1", "--large-runs", "1", "--draft-runs", "1", "--facts", "60", "--files", "2"]
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), *tiny],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 = a target missed: expected on a tiny store
    table = result.stdout.split("\n\n")[-1]
    rows = [line.split("  ")[1] for line in table.splitlines()[1:]]
    jq = shutil.which("jq") is not None

    def store_rows(label: str) -> list[str]:
        return [
            f"{label}: first build",
            f"{label}: peak RSS of the build",
            f"{label}: index size",
            *([f"{label}: find --topic peacekeeping --min 1000"] if jq else []),
            f"{label}: peak RSS of find --topic peacekeeping --min 1000",
            *([f"{label}: find treaty"] if jq else []),
            f"{label}: peak RSS of find treaty",
            f"{label}: first lookup after a change",
            f"{label}: peak RSS after a change",
            f"{label}: export --format sqlite",
            f"{label}: peak RSS of export",
        ]

    expected = [
        "show --format json",
        "show --format json",
        "--version",
        *store_rows("bundled store"),
        *store_rows("60 facts"),
        "check-draft 50 KB, bundled store",
        "check-draft 50 KB, bundled store, absolute",
        "check-draft 50 KB, bundled store, table",
        "check-draft 50 KB, bundled store, table, absolute",
        "check-draft 50 KB, 60 facts",
        "check-draft 50 KB, 60 facts, absolute",
    ]
    assert rows == expected
    assert "60 facts: 2 fact files and 4 vocabulary files" in result.stdout
    assert "(shown)" in table  # the bundled store's ratios carry no target


@pytest.mark.skipif(not (BENCHMARKS.parent.parent / "shared" / "seeds").is_dir(), reason="its document is the seeds'")
def test_extract_py_prints_its_ratios() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "extract.py"), "--runs", "1", "--size", "20000"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    size = int(result.stdout.split()[3].replace(",", "").removesuffix("-byte"))
    assert size >= 20_000
    rows = [line.split("  ")[1] for line in result.stdout.splitlines()[3:]]
    assert rows == [f"extract {round(size / 1000)} KB", f"extract {round(size / 1000)} KB, absolute"]
