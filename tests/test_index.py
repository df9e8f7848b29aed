"""The SQLite index: same answers as the YAML, never stale, never a reason to fail."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from factcli import index, query
from factcli.index import index_path, open_store
from factcli.indexed import IndexedStore
from factcli.loader import load_store
from factcli.query import Query
from factcli.records import fact_record
from factcli.store import bundled_store

from .conftest import GOOD


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "store"
    shutil.copytree(GOOD, target)
    return target


def test_second_open_is_served_from_the_index(store_dir: Path) -> None:
    first = open_store(store_dir)
    assert not isinstance(first, IndexedStore)
    assert index_path(store_dir).exists()
    second = open_store(store_dir)
    assert isinstance(second, IndexedStore)
    assert second.notes == []


QUERIES = [
    Query(),
    Query(topics=["peacekeeping"]),
    Query(entities=["ROK"]),
    Query(text=["peacekeepers"]),
    Query(text=["relations", "150"]),
    Query(text=["cote"]),
    Query(min_value=100, max_value=2000),
    Query(since="2008", until="2008-11"),
    Query(sort="value", reverse=True),
    Query(sort="topic", limit=2),
    Query(sort="id", reverse=True, limit=3),
    Query(tags=["Cumulative"]),
    Query(sources=["doc-b"], kinds=["quantity"], units=["countries"]),
    Query(metrics=["countries-with-military-relations"], sort="value"),
    Query(reverse=True),
    Query(sort="topic"),
    Query(sort="value"),
    Query(sort="date", reverse=True, limit=2),
]


@pytest.mark.parametrize("q", QUERIES, ids=[repr(q)[6:60] for q in QUERIES])
def test_index_answers_exactly_as_the_yaml_does(store_dir: Path, q: Query) -> None:
    plain = load_store(store_dir)
    open_store(store_dir)
    indexed = open_store(store_dir)
    assert isinstance(indexed, IndexedStore)
    expected = query.find(plain, q)
    got = query.find(indexed, q)
    assert [f.id for f in got] == [f.id for f in expected]
    assert [fact_record(indexed, f) for f in got] == [fact_record(plain, f) for f in expected]


def test_bundled_store_answers_are_identical_through_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    plain = load_store(bundled_store())
    open_store(bundled_store())
    indexed = open_store(bundled_store())
    assert isinstance(indexed, IndexedStore)
    orders = [Query(sort=key, reverse=rev, limit=lim) for key in query.SORT_KEYS for rev in (False, True)
              for lim in (None, 7)]  # fmt: skip
    for q in (
        Query(),
        Query(text=["peacekeepers"]),
        Query(entities=["ROK"]),
        Query(since="2015", sort="value"),
        *orders,
    ):
        assert [f.id for f in query.find(indexed, q)] == [f.id for f in query.find(plain, q)], q
    assert indexed.count_by("topic") == plain.count_by("topic")
    assert indexed.count_by("entity") == plain.count_by("entity")
    assert indexed.tags() == plain.tags()
    assert indexed.units() == plain.units()
    assert sorted(indexed.fact_ids()) == sorted(plain.fact_ids())
    some = plain.facts[0]
    assert indexed.get(some.id) == some
    assert indexed.get("no-such-id") is None


def test_prerendered_json_is_what_the_record_encodes_to(store_dir: Path) -> None:
    import json

    open_store(store_dir)
    indexed = open_store(store_dir)
    for fact in query.find(indexed, Query()):
        text = indexed.prerendered_json(fact)
        assert text is not None
        assert json.loads(text) == fact_record(indexed, fact)


def test_an_edit_of_the_same_size_is_seen(store_dir: Path) -> None:
    open_store(store_dir)
    path = store_dir / "military-diplomacy.yaml"
    text = path.read_text()
    edited = text.replace("over 150 countries.", "over 150 countrieS.", 1)
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    store = open_store(store_dir)
    assert not isinstance(store, IndexedStore)  # rebuilt, not served stale
    fact = store.get("md-2008-relations")
    assert fact is not None
    assert fact.citations[0].quote.endswith("countrieS.")


def test_only_changed_files_are_parsed_again(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcli import loader

    open_store(store_dir)
    path = store_dir / "peacekeeping.yaml"
    path.write_text(path.read_text() + "\n")
    parsed: list[str] = []
    real = loader.parse_fact_file

    def spy(p: Path) -> loader.ParsedFile:
        parsed.append(p.name)
        return real(p)

    monkeypatch.setattr(loader, "parse_fact_file", spy)
    open_store(store_dir)
    assert parsed == ["peacekeeping.yaml"]


def test_corrupt_cache_falls_back_with_a_warning(store_dir: Path) -> None:
    open_store(store_dir)
    index_path(store_dir).write_bytes(b"this is not a database" * 100)
    store = open_store(store_dir)
    assert len(store.facts) == 5
    assert len(store.notes) == 1
    assert store.notes[0].startswith("warning: ignoring the unreadable index cache")
    assert isinstance(open_store(store_dir), IndexedStore)  # rewritten


def test_damaged_vocabulary_in_a_sound_database_falls_back_too(store_dir: Path) -> None:
    """The vocabularies are unpickled only on first use, so their checksum is what catches damage."""
    open_store(store_dir)
    with sqlite3.connect(index_path(store_dir)) as db:
        (blob,) = db.execute("SELECT data FROM vocab").fetchone()
        db.execute("UPDATE vocab SET data = ?", (blob[:-8] + b"garbage!",))
    store = open_store(store_dir)
    assert not isinstance(store, IndexedStore)
    assert len(store.facts) == 5
    assert "checksum does not match" in store.notes[0]
    assert isinstance(open_store(store_dir), IndexedStore)  # rewritten


def test_vocabularies_and_facts_from_the_index_are_the_yaml_ones(store_dir: Path) -> None:
    plain = load_store(store_dir)
    open_store(store_dir)
    indexed = open_store(store_dir)
    assert isinstance(indexed, IndexedStore)
    assert "_vocabulary" in indexed.__dict__  # nothing unpickled yet
    assert indexed.topics == plain.topics
    assert "_vocabulary" not in indexed.__dict__
    assert (indexed.sources, indexed.entities, indexed.metrics) == (plain.sources, plain.entities, plain.metrics)
    assert (indexed.aliases, indexed.problems) == (plain.aliases, plain.problems)
    fact = plain.facts[0]
    lazy = indexed.get(fact.id)
    assert lazy == fact
    assert hash(lazy) == hash(fact)
    assert repr(lazy) == repr(fact)
    assert lazy is not None
    assert (lazy.claim, lazy.value) == (fact.claim, fact.value)
    with pytest.raises(AttributeError):
        _ = indexed.no_such_attribute


def test_unwritable_cache_falls_back_with_a_warning(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(blocker / "cache"))  # a directory cannot be made inside a file
    store = open_store(store_dir)
    assert len(store.facts) == 5
    assert store.notes[0].startswith("warning: cannot write the index cache")


def test_invalid_store_is_refused_and_not_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcli.errors import StoreError

    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    bad = GOOD.parent / "bad-dup-key"
    with pytest.raises(StoreError):
        open_store(bad)
    assert not index_path(bad).exists()


def test_index_of_another_version_is_rebuilt(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(store_dir)
    monkeypatch.setattr(index, "INDEX_FORMAT", index.INDEX_FORMAT + 1)
    assert not isinstance(open_store(store_dir), IndexedStore)
    with sqlite3.connect(index_path(store_dir)) as db:
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (5,)


def test_incremental_update_replaces_only_the_changed_rows(store_dir: Path) -> None:
    open_store(store_dir)
    path = store_dir / "military-diplomacy.yaml"
    path.write_text(path.read_text().replace("over 150 countries.", "over 150 nations.", 1))
    (store_dir / "peacekeeping.yaml").unlink()
    open_store(store_dir)  # updates the index in place
    indexed = open_store(store_dir)
    assert isinstance(indexed, IndexedStore)
    assert sorted(indexed.fact_ids()) == ["md-2002-relations", "md-2007-rok-hotline", "md-2008-relations"]
    fact = indexed.get("md-2008-relations")
    assert fact is not None
    assert fact.citations[0].quote.endswith("over 150 nations.")
    assert [f.id for f in query.find(indexed, Query(text=["nations"]))] == ["md-2008-relations"]
    assert indexed.count_by("topic") == {"military-diplomacy": 3}


def test_a_vocabulary_change_rebuilds_every_record(store_dir: Path) -> None:
    import json

    open_store(store_dir)
    sources = store_dir / "sources.yaml"
    sources.write_text(sources.read_text().replace("Document A: Peacekeeping", "Document A, retitled"))
    open_store(store_dir)
    indexed = open_store(store_dir)
    assert isinstance(indexed, IndexedStore)
    fact = indexed.get("pk-2008-deployed")
    assert fact is not None
    text = indexed.prerendered_json(fact)
    assert text is not None
    assert json.loads(text)["citations"][0]["source"]["title"] == "Document A, retitled"


def test_progress_bar_only_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    import subprocess

    from .conftest import FACTCLI, read_pty

    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    text = (store / "peacekeeping.yaml").read_text()
    for i in range(25):
        (store / f"part-{i:02d}.yaml").write_text(text.replace("pk-2008-", f"pk{i}-2008-"))
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm"}
    piped = subprocess.run([FACTCLI, "--store", str(store), "find", "--format", "ids"], env=env,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert piped.stderr == ""
    (store / "part-00.yaml").write_text(text.replace("pk-2008-", "pkx-2008-"))  # force a re-read
    written = read_pty(["--store", str(store), "find", "--format", "ids"], env, stream="stderr")
    assert b"Reading the store" in written


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rules are for Linux")
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"HOME": "/home/ann"}, "/home/ann/.cache/factcli"),
        ({"HOME": "/home/ann/"}, "/home/ann/.cache/factcli"),
        ({"HOME": "/"}, "/.cache/factcli"),
        ({"HOME": "/home/ann", "XDG_CACHE_HOME": "/var/tmp/xdg"}, "/var/tmp/xdg/factcli"),
        # The XDG Base Directory spec: a relative path in $XDG_CACHE_HOME is invalid and ignored.
        ({"HOME": "/home/ann", "XDG_CACHE_HOME": "relative/xdg"}, "/home/ann/.cache/factcli"),
        ({"HOME": "/home/ann", "XDG_CACHE_HOME": ""}, "/home/ann/.cache/factcli"),
    ],
)
def test_cache_dir_follows_the_xdg_spec(env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (index.CACHE_ENV, "XDG_CACHE_HOME", "HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert index.cache_dir() == Path(expected)


@pytest.mark.parametrize("home", ["relative-home", ""])
def test_cache_dir_without_a_usable_home_asks_platformdirs(home: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    for name in (index.CACHE_ENV, "XDG_CACHE_HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", home)
    assert index.cache_dir() == Path(platformdirs.user_cache_dir("factcli", appauthor=False))
