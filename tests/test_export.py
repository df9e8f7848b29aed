"""export: SQLite ready for Datasette, and CSV/JSON/JSONL of every fact."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import GOOD

runner = CliRunner()


def test_sqlite_has_every_table_and_a_full_text_index(tmp_path: Path) -> None:
    db_path = tmp_path / "facts.db"
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "sqlite", "-o", str(db_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"wrote {db_path}: 5 facts, 2 sources, 6 citations, 3 entities, 4 fact_entities, 2 fact_tags\n"
    )
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (5,)
        row = db.execute("SELECT value, period_start, period_end FROM facts WHERE id = 'pk-2008-personnel'")
        assert row.fetchone() == (11063, "1990", "2008-11")
        hits = db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'hotline' ORDER BY rank").fetchall()
        assert hits == [("md-2007-rok-hotline",)]
        accents = db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'sic'").fetchall()
        assert accents == [("pk-2008-personnel",)]
        joined = db.execute(
            "SELECT s.title FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.fact_id = 'pk-2008-deployed'"
            " ORDER BY c.position"
        ).fetchall()
        assert joined == [("Document A: Peacekeeping",), ("Document B",)]


def test_sqlite_needs_an_output_file() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "sqlite"])
    assert (result.exit_code, result.stderr) == (2, "Error: --format sqlite needs --output FILE\n")


def test_csv_one_row_per_fact_and_json_to_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "csv"])
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [r["id"] for r in rows] == ["md-2002-relations", "md-2008-relations", "md-2007-rok-hotline",
                                       "pk-2008-personnel", "pk-2008-deployed"]  # fmt: skip
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [r["id"] for r in rows]


def test_datasette_sees_the_full_text_search_of_the_facts_table(tmp_path: Path) -> None:
    """Datasette shows a search box on a table whose FTS table sqlite-utils can detect; search it the same way."""
    import sqlite_utils

    from factcli.store.files import bundled_store

    db_path = tmp_path / "facts.db"
    result = runner.invoke(app, ["--store", str(bundled_store()), "export", "--format", "sqlite", "-o", str(db_path)])
    assert result.exit_code == 0, result.stderr
    db = sqlite_utils.Database(db_path)
    assert db["facts"].detect_fts() == "facts_fts"
    found = [row["id"] for row in db["facts"].search("peacekeepers")]
    assert "peacekeeping-2008-military-personnel-deployed" in found
    assert [row["id"] for row in db["facts"].search("treaties")] == [row["id"] for row in db["facts"].search("treaty")]


@pytest.mark.parametrize("feed_rows", [20_000, 7])
def test_the_search_index_is_whole_and_kept_current_by_its_triggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feed_rows: int
) -> None:
    """The search index, fed as the rows go in (at the end, or here every 7 rows too), is the one a rebuild
    makes; its triggers (set aside meanwhile) are back, so a row added or removed later is found or forgotten."""
    from factcli.formats import export
    from factcli.store.files import bundled_store

    monkeypatch.setattr(export, "FEED_ROWS", feed_rows)
    monkeypatch.setattr(export, "BATCH", 10)

    db_path = tmp_path / "facts.db"
    result = runner.invoke(app, ["--store", str(bundled_store()), "export", "--format", "sqlite", "-o", str(db_path)])
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db_path) as db:
        db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('integrity-check')")
        query = "SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rank, rowid"
        words = ("peacekeepers", "treaty", "police", "exercise", "2008")
        fed = {w: db.execute(query, (w,)).fetchall() for w in words}
        db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
        assert {w: db.execute(query, (w,)).fetchall() for w in words} == fed
        assert all(fed.values())
        triggers = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"facts_ai", "facts_ad", "facts_au"}
        db.execute("INSERT INTO facts (id, claim) VALUES ('added', 'a zanzibari figure')")
        assert db.execute(query, ("zanzibari",)).fetchall() != []
        db.execute("DELETE FROM facts WHERE id = 'added'")
        assert db.execute(query, ("zanzibari",)).fetchall() == []


def test_worker_processes_write_the_same_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The parallel road (forced here on the bundled store) writes what the one-process road writes."""
    from factcli.formats import export
    from factcli.index.build import memory_index
    from factcli.index.cache import open_index
    from factcli.store.files import bundled_store
    from factcli.store.load import load_store

    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    cached = open_index(bundled_store())
    assert cached.path is not None
    monkeypatch.setattr(export, "PARALLEL_FACTS", 0)
    parallel, single = tmp_path / "parallel.db", tmp_path / "single.db"
    assert export.to_sqlite(cached, parallel) == export.to_sqlite(memory_index(load_store(bundled_store())), single)

    def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(path) as db:
            names = [
                n
                for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
            ]
            return {n: db.execute(f"SELECT rowid, * FROM {n} ORDER BY rowid").fetchall() for n in names}

    assert tables(parallel) == tables(single)


def test_an_export_is_of_one_version_when_the_index_is_replaced_meanwhile(
    store_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A worker that finds another index file in place of the parent's leaves its file to the parent, which
    reads its own: the export holds the store as the parent's index does, never a mix of two versions."""
    from factcli.formats import export
    from factcli.index.cache import open_index

    before = open_index(store_dir)
    assert before.path is not None
    path = store_dir / "peacekeeping.yaml"
    path.write_text(path.read_text().replace("1,949 Chinese peacekeepers were on duty", "1,949 peacekeepers served"))
    assert open_index(store_dir).path == before.path  # a new file renamed over the one ``before`` reads
    low, high = before.db.execute("SELECT min(n), max(n) FROM facts").fetchone()
    assert export._shard((str(before.path), before.inode, low, high, str(tmp_path / "x.sqlite"))) == ""
    monkeypatch.setattr(export, "PARALLEL_FACTS", 0)
    export.to_sqlite(before, tmp_path / "export.db")
    with sqlite3.connect(tmp_path / "export.db") as db:
        claims = [c for (c,) in db.execute("SELECT claim FROM facts")]
    assert any("1,949 Chinese peacekeepers were on duty" in c for c in claims)
    assert not any("peacekeepers served" in c for c in claims)
