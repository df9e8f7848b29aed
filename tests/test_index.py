"""The index cache: built once, current or rebuilt, updated file by file, never a reason to fail."""

from __future__ import annotations

import dataclasses
import gc
import io
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from factcli.formats.records import fact_record
from factcli.index import cache as index
from factcli.index import keys
from factcli.index.cache import index_path, open_index
from factcli.index.query import Query, SortKey
from factcli.store import load as loader
from factcli.store.files import bundled_store
from factcli.store.load import load_store

from .conftest import GOOD, memory


def reads_of_the_yaml(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each fact file parsed (on either road to an index: in this process or in workers forked after)."""
    reads: list[str] = []
    real = loader.parse_fact_file

    def spy(path: Path, **kwargs: bool) -> loader.ParsedFile:
        reads.append(path.name)
        return real(path, **kwargs)

    monkeypatch.setattr(loader, "parse_fact_file", spy)
    return reads


def test_second_open_is_served_from_the_index_file(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = reads_of_the_yaml(monkeypatch)
    first = open_index(store_dir)
    assert index_path(store_dir).exists()
    second = open_index(store_dir)
    assert reads == ["military-diplomacy.yaml", "peacekeeping.yaml"]  # read once, for the first open
    assert first.notes == second.notes == []
    assert second.fact_ids() == first.fact_ids()


def test_the_cached_index_answers_as_the_one_built_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    in_memory = memory(bundled_store())
    open_index(bundled_store())
    cached = open_index(bundled_store())
    orders = [Query(sort=key, reverse=rev, limit=lim) for key in SortKey for rev in (False, True) for lim in (None, 7)]
    for q in (
        Query(),
        Query(text=["peacekeepers"]),
        Query(entities=["ROK"]),
        Query(since="2015", sort="value"),
        *orders,
    ):
        assert cached.find(q).ids == in_memory.find(q).ids, q
    for dim in ("topic", "entity", "source"):
        assert cached.count_by(dim) == in_memory.count_by(dim)
    assert (cached.tags(), cached.units()) == (in_memory.tags(), in_memory.units())
    assert cached.get("no-such-id") is None


def test_json_records_are_what_the_record_encodes_to(store_dir: Path) -> None:
    index = open_index(store_dir)
    hits = index.find(Query())
    assert [json.loads(text) for text in hits.json_records()] == [fact_record(index, f) for f in hits]


def test_vocabulary_and_facts_from_the_index_are_the_yaml_ones(store_dir: Path) -> None:
    plain = load_store(store_dir)
    open_index(store_dir)
    index = open_index(store_dir)

    def unplaced(table: dict[str, object]) -> dict[str, object]:
        return {key: dataclasses.replace(record, location=None) for key, record in table.items()}  # type: ignore[type-var]

    for name in ("sources", "entities", "topics", "metrics"):
        assert unplaced(getattr(index.vocab, name)) == unplaced(getattr(plain.vocab, name)), name
    assert index.vocab.aliases == plain.vocab.aliases
    for fact in plain.facts:
        assert index.get(fact.id) == fact  # every field, its location included


def test_an_edit_of_the_same_size_is_seen(store_dir: Path) -> None:
    open_index(store_dir)
    path = store_dir / "military-diplomacy.yaml"
    text = path.read_text()
    edited = text.replace("over 150 countries.", "over 150 countrieS.", 1)
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fact = open_index(store_dir).get("md-2008-relations")
    assert fact is not None
    assert fact.citations[0].quote.endswith("countrieS.")


def test_only_changed_files_are_parsed_again(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(store_dir)
    path = store_dir / "peacekeeping.yaml"
    path.write_text(path.read_text() + "\n")
    parsed = reads_of_the_yaml(monkeypatch)
    open_index(store_dir)
    assert parsed == ["peacekeeping.yaml"]


def test_corrupt_cache_falls_back_with_a_warning(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(store_dir)
    index_path(store_dir).write_bytes(b"this is not a database" * 100)
    index = open_index(store_dir)
    assert len(index.fact_ids()) == 5
    assert len(index.notes) == 1
    assert index.notes[0].startswith("warning: ignoring the unreadable index cache")
    reads = reads_of_the_yaml(monkeypatch)
    assert open_index(store_dir).notes == []  # rewritten
    assert reads == []


def test_unwritable_cache_falls_back_with_a_warning(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(blocker / "cache"))  # a directory cannot be made inside a file
    index = open_index(store_dir)
    assert len(index.fact_ids()) == 5  # answered from an index in memory
    path = index_path(store_dir)
    assert index.notes == [
        f"warning: cannot write the index cache {path}: a part of the path is not a directory; "
        "lookups will re-read the YAML"
    ]


def test_invalid_store_is_refused_and_not_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcli.errors import StoreError

    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    bad = GOOD.parent / "bad-dup-key"
    with pytest.raises(StoreError):
        open_index(bad)
    assert not index_path(bad).exists()


def test_index_of_another_version_is_rebuilt(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(store_dir)
    monkeypatch.setattr(keys, "INDEX_FORMAT", keys.INDEX_FORMAT + 1)
    reads = reads_of_the_yaml(monkeypatch)
    open_index(store_dir)
    assert reads == ["military-diplomacy.yaml", "peacekeeping.yaml"]
    with sqlite3.connect(index_path(store_dir)) as db:
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (5,)


def test_incremental_update_replaces_only_the_changed_rows(store_dir: Path) -> None:
    open_index(store_dir)
    path = store_dir / "military-diplomacy.yaml"
    path.write_text(path.read_text().replace("over 150 countries.", "over 150 nations.", 1))
    (store_dir / "peacekeeping.yaml").unlink()
    open_index(store_dir)  # updates the index in place
    indexed = open_index(store_dir)
    assert sorted(indexed.fact_ids()) == ["md-2002-relations", "md-2007-rok-hotline", "md-2008-relations"]
    fact = indexed.get("md-2008-relations")
    assert fact is not None
    assert fact.citations[0].quote.endswith("over 150 nations.")
    assert indexed.find(Query(text=["nations"])).ids == ["md-2008-relations"]
    assert indexed.find(Query(text=["countries."])).ids != ["md-2008-relations"]
    assert indexed.count_by("topic") == {"military-diplomacy": 3}
    # the removed file's keys went with it: no source, entity or tag still points at its facts
    with sqlite3.connect(index_path(store_dir)) as db:
        assert db.execute("SELECT count(*) FROM keys WHERE n NOT IN (SELECT n FROM facts)").fetchone() == (0,)
    assert indexed.count_by("source") == in_memory_counts(store_dir)


def in_memory_counts(store_dir: Path) -> dict[str, int]:
    return memory(store_dir).count_by("source")


def test_a_vocabulary_change_reaches_every_record(store_dir: Path) -> None:
    open_index(store_dir)
    sources = store_dir / "sources.yaml"
    sources.write_text(sources.read_text().replace("Document A: Peacekeeping", "Document A, retitled"))
    open_index(store_dir)
    text = open_index(store_dir).fact_json("pk-2008-deployed")
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
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm", "FACTCLI_PROGRESS_AFTER": "0"}
    piped = subprocess.run([FACTCLI, "--store", str(store), "find", "--format", "ids"], env=env,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert piped.stderr == ""
    shutil.rmtree(tmp_path / "cache")  # build again, this time on a terminal
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
    """platformdirs' answer, unless it has none or a relative one (some releases keep a relative HOME): then the
    temp directory's factcli-UID, never a directory relative to wherever the lookup runs."""
    import tempfile

    import platformdirs

    for name in (index.CACHE_ENV, "XDG_CACHE_HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", home)
    try:
        expected = Path(platformdirs.user_cache_dir("factcli", appauthor=False))
    except RuntimeError:
        expected = Path("~")
    if not expected.is_absolute():
        expected = Path(tempfile.gettempdir(), f"factcli-{os.getuid()}")
    assert index.cache_dir() == expected


def test_worker_processes_build_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parallel road (forced here on a small store) answers as the index built in memory."""
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")
    in_memory = memory(bundled_store())
    built = open_index(bundled_store())
    assert built.notes == []
    for q in (Query(), Query(text=["peacekeepers"]), Query(entities=["ROK"]), Query(sort=SortKey.value)):
        assert built.find(q).ids == in_memory.find(q).ids, q
    assert [json.loads(t) for t in built.find(Query()).json_records()] == [
        json.loads(t) for t in in_memory.find(Query()).json_records()
    ]
    for dim in ("topic", "entity", "source"):
        assert built.count_by(dim) == in_memory.count_by(dim)
    with sqlite3.connect(index_path(bundled_store())) as db:
        assert db.execute("SELECT typeof(json) FROM bodies LIMIT 1").fetchone() == ("blob",)  # compressed


def test_worker_processes_refuse_an_invalid_store_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcli.errors import StoreError

    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")
    bad = tmp_path / "bad"
    shutil.copytree(GOOD.parent / "bad-dup-id", bad)
    with pytest.raises(StoreError) as caught:
        open_index(bad)
    expected = loader.read_store(bad).problems
    assert caught.value.problems == expected
    assert not index_path(bad).exists()


def test_facts_are_read_a_batch_at_a_time_in_their_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A result's JSON is read a batch of facts at a time (never the whole result at once); batches as small as
    two give every output the same text, order and facts as one batch does."""
    from factcli.formats.records import fact_rows
    from factcli.formats.registry import render
    from factcli.index import hits as batches

    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")  # the compressed bodies of a large store
    index = open_index(bundled_store())
    queries = (Query(), Query(text=["peacekeepers"]), Query(sort=SortKey.value, reverse=True), Query(limit=3))

    def outputs() -> list[object]:
        out = []
        for q in queries:
            hits = index.find(q)
            for name in ("json", "jsonl"):
                buffer = io.StringIO()
                render(fact_rows(index, hits), name, fact_rows(index, hits).fields, buffer)
                out.append(buffer.getvalue())
            out.append([f.id for f in hits])
            out.append(hits[len(hits) - 1].id if hits else None)
        return out

    whole = outputs()
    monkeypatch.setattr(batches, "_BATCH", 2)
    assert outputs() == whole
    assert json.loads(whole[0]) == [json.loads(t) for t in index.find(Query()).json_records()]
    assert len(json.loads(whole[0])) > 2


def _copied_with_first_file_of(tmp_path: Path, count: int) -> Path:
    """A copy of the bundled store whose first fact file holds ``count`` facts (copies of its first one)."""
    store = tmp_path / "store"
    shutil.copytree(bundled_store(), store)
    first = sorted(p for p in store.glob("*.yaml") if p.stem not in ("sources", "entities", "topics", "metrics"))[0]
    text = first.read_text(encoding="utf-8")
    item = text[text.index("- id: ") :].split("\n\n- id: ")[0].rstrip("\n") + "\n"
    fact_id = item.split("\n", 1)[0].removeprefix("- id: ")
    copies = "".join("\n" + item.replace(fact_id, f"{fact_id}-copy-{i}", 1) for i in range(count))
    first.write_text(text.rstrip("\n") + "\n" + copies, encoding="utf-8")
    return store


def test_the_dictionary_is_read_from_the_first_files_start_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With workers, the compression dictionary comes from the first SAMPLE facts read apart (the start of
    the first file); the index is the one the in-process road builds, dictionary and answers alike."""
    from factcli.index import bodies, shard, stream
    from factcli.store.survey import survey

    store = _copied_with_first_file_of(tmp_path, 80)
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")
    read_whole: list[Path] = []
    whole = loader.parse_fact_file
    monkeypatch.setattr(loader, "parse_fact_file", lambda path, **kw: read_whole.append(path) or whole(path, **kw))
    found = survey(store)
    vocab = found.vocabulary()
    assert vocab is not None
    first_file = found.fact_files[0]
    zdict, first = stream._dictionary(found, vocab, found.fact_files)
    assert first is None
    assert read_whole == []
    shard.start_worker(found, vocab, b"")  # as the whole first file read in process gives it (plain JSON)
    try:
        rows = shard.rows_of(whole(first_file.path, positions=False).facts, first_file.name, 0).rows
    finally:
        gc.enable()
    assert len(rows) > stream.SAMPLE
    assert zdict == bodies.zdict_of([str(body) for _, (_, body, _), _, _ in rows[: stream.SAMPLE]])
    built = open_index(store)
    in_memory = memory(store)
    assert built.path is not None
    assert built.notes == []
    for q in (Query(), Query(text=["npt"]), Query(sort=SortKey.value)):
        assert built.find(q).ids == in_memory.find(q).ids, q
    assert list(built.find(Query()).json_records()) == list(in_memory.find(Query()).json_records())


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("- a\n- b\n- c\n", 1, 4),
        ("# head\n\n- a\n- b\n", 0, 8),
        ("# head\n\n- a\n- b\n", 1, 12),
        ("- a\n- b\n", 2, None),
        ("  - a\n  - b\n", 1, None),  # an indented list is read whole
    ],
)
def test_item_start_finds_the_nth_top_level_item(text: str, n: int, expected: int | None) -> None:
    from factcli.store.survey import _item_start

    assert _item_start(text, n) == expected


def test_a_fact_longer_than_the_deflate_window_comes_back_whole() -> None:
    from factcli.index import bodies

    zdict = bodies.zdict_of(['{"id": "x", "claim": "a claim"}'] * 200)
    long = json.dumps({"quote": "".join(chr(0x4E00 + i % 500) + str(i) for i in range(6000))}, ensure_ascii=False)
    assert len(long.encode()) > 2**-bodies.PACK_WBITS
    row = (1, "x", "a.yaml", 1, 1)
    check = bodies.seal(row, long.encode())
    assert bodies.opened(row, bodies.compress(long, zdict), check, zdict) == long


@pytest.mark.parametrize("reverse", [False, True])
def test_facts_without_a_value_stay_last_when_sorting_by_value(reverse: bool) -> None:
    """Events have no value: by value, up or down, they come after every fact that has one."""
    idx = memory(bundled_store())
    ids = idx.find(Query(sort=SortKey.value, reverse=reverse)).ids
    valued = {f.id for f in load_store(bundled_store()).facts if f.value is not None}
    assert 0 < len(valued) < len(ids)
    assert set(ids[: len(valued)]) == valued
