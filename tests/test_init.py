"""factcli init: a store of one's own, valid from the start, never over anything."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli


def test_init_makes_a_valid_empty_store(tmp_path: Path) -> None:
    store = tmp_path / "mine"
    done = run_cli("init", str(store))
    assert done.returncode == 0
    assert done.stdout.startswith(f"Created a store in {store}: sources.yaml, topics.yaml")
    assert sorted(p.name for p in store.iterdir()) == [
        "entities.yaml", "facts.yaml", "metrics.yaml", "sources.yaml", "thesaurus.yaml", "topics.yaml"
    ]  # fmt: skip
    check = run_cli("--store", str(store), "validate", "--strict")
    assert check.returncode == 0, check.stdout
    assert run_cli("--store", str(store), "find", "--json").stdout == "[]\n"


def test_init_never_writes_over_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = run_cli("init", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == f"Error: {str(tmp_path)!r} is not empty: give a new or empty directory for the store\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "notes.txt"
    assert run_cli("init", str(a_file)).returncode == 2
