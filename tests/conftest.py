from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from factcli.cli import load_commands

#: Every command registered, as --help sees them (the console script registers only the one it runs).
load_commands([])

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good-01"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
#: The installed console script of the environment running the tests.
FACTCLI = str(Path(sys.executable).parent / "factcli")

#: Variables that change how rich and Python write; pinned so tests see one behaviour.
_PINNED = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "TERM",
           "PYTHONIOENCODING", "FACTCLI_STORE", "FACTCLI_DEBUG", "FACTCLI_CACHE_DIR")  # fmt: skip


#: One index cache for the whole run, never the user's own.
CACHE = Path(tempfile.mkdtemp(prefix="factcli-test-cache-"))
atexit.register(shutil.rmtree, CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _PINNED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(CACHE))


def read_pty(args: list[str], env: dict[str, str], *, stream: str = "stdout", timeout: float = 60) -> bytes:
    """Run the console script with one stream on a pseudo-terminal and return what it wrote there."""
    import pty

    main, secondary = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: secondary}
    with subprocess.Popen([FACTCLI, *args], env=env, **streams) as proc:  # type: ignore[call-overload]
        os.close(secondary)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=timeout)
    os.close(main)
    return b"".join(chunks)


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None,
            cwd: str | Path | None = None, timeout: float = 30) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """The installed console script in a real subprocess, with a pinned environment."""
    base = {k: v for k, v in os.environ.items() if k not in _PINNED}
    base.update({"COLUMNS": "120", "LC_ALL": "C.UTF-8", "FACTCLI_CACHE_DIR": str(CACHE)})
    base.update(env or {})
    return subprocess.run(
        [FACTCLI, *args], capture_output=True, text=True, env=base, input=input, cwd=cwd, timeout=timeout, check=False
    )


def memory(store_dir: Path):  # type: ignore[no-untyped-def]
    """The query engine over ``store_dir``, built in memory (no cache file)."""
    from factcli.index.build import memory_index
    from factcli.store.load import load_store

    return memory_index(load_store(store_dir))


#: A second count of md-2008-relations' metric, from another document (append to a copy of GOOD).
RIVAL = """
- id: md-2008-relations-web
  claim: "A web page says China had military relations with more than 160 countries in 2008."
  kind: quantity
  value: 160
  qualifier: more_than
  unit: countries
  value_text: "more than 160"
  date: "2008-06"
  topic: military-diplomacy
  metric: countries-with-military-relations
  citations:
    - source: doc-b
      section: "Military Exchanges"
      quote: "China has military relations with more than 160 countries."
"""
#: The line that makes RIVAL supersede md-2008-relations.
SUPERSEDES_IT = '  supersedes: {id: md-2008-relations, reason: "later count"}\n'


def store_with(tmp_path: Path, extra: str) -> Path:
    """A copy of GOOD with ``extra`` appended to its military-diplomacy.yaml."""
    target = tmp_path / "store"
    shutil.copytree(GOOD, target)
    with open(target / "military-diplomacy.yaml", "a", encoding="utf-8") as fh:
        fh.write(extra)
    return target


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of GOOD with an index cache of its own."""
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "store"
    shutil.copytree(GOOD, target)
    return target
