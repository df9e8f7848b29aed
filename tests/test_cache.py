"""The index as a cache a database engineer would sign off: one snapshot per lookup, an update killed at any
instant leaves the old index or the new one, damage is found (never printed), edits that keep size and mtime
are seen, files private to their user, builders that wait for one another."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from factcli.index import bodies, build, place, refresh, stream
from factcli.index.cache import cache_dir, index_path, open_index
from factcli.index.query import Query

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name not in (path.name, path.stem + ".lock"))


def test_a_lookup_reads_one_snapshot_while_the_index_is_replaced(store_dir: Path) -> None:
    """An open index answers from the file it opened to the end, whatever is renamed in meanwhile (in place,
    an update under a running lookup printed facts twice, missed others, and raised KeyError)."""
    before = open_index(store_dir)
    ids = before.find(Query()).ids
    records = list(before.find(Query()).json_records())
    (store_dir / "peacekeeping.yaml").unlink()
    after = open_index(store_dir)
    assert len(after.find(Query()).ids) == 3
    assert before.find(Query()).ids == ids
    assert list(before.find(Query()).json_records()) == records
    assert before.fact_json("pk-2008-deployed") is not None


def test_an_update_killed_midway_leaves_the_old_index_and_nothing_else(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(store_dir)
    path = index_path(store_dir)
    old = path.stat()
    (store_dir / "peacekeeping.yaml").write_text((store_dir / "peacekeeping.yaml").read_text() + "\n")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # what SIGINT or SIGTERM raises, half-way through the rows

    monkeypatch.setattr(build, "insert_rows", killed)
    with pytest.raises(KeyboardInterrupt):
        open_index(store_dir)
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (old.st_ino, old.st_mtime_ns)
    assert _leftovers(path) == []
    monkeypatch.undo()
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(path.parent))
    healed = open_index(store_dir)
    assert healed.notes == []
    assert len(healed.fact_ids()) == 5


def test_what_killed_builders_left_is_swept_by_the_next(store_dir: Path) -> None:
    open_index(store_dir)
    path = index_path(store_dir)
    (path.parent / f"{path.name}.0a1b2c.tmp").write_bytes(b"half an index")
    (path.parent / f"{path.name}.0a1b2c.tmp.xyz.build").mkdir()
    (path.parent / f"{path.name}.0a1b2c.tmp.xyz.build" / "3.sqlite").write_bytes(b"rows")
    (path.parent / f"{path.stem}.4242.tmp").write_bytes(b"an older factcli's")
    (path.parent / f"{path.name}-journal").write_bytes(b"a hot journal of an older factcli")
    assert open_index(store_dir).notes == []  # a current index is read as it is: no journal is looked at
    (store_dir / "peacekeeping.yaml").write_text((store_dir / "peacekeeping.yaml").read_text() + "\n")
    assert open_index(store_dir).notes == []
    assert _leftovers(path) == []


def _flip(path: Path, old: bytes) -> None:
    """One bit of ``old`` (found once in the file at ``path``) flipped in place."""
    data = path.read_bytes()
    assert data.count(old) == 1, data.count(old)
    at = data.index(old) + len(old) // 2
    path.write_bytes(data[:at] + bytes([data[at] ^ 0x04]) + data[at + 1 :])


def _stored(path: Path, sql: str, *args: str) -> bytes:
    with sqlite3.connect(place.uri(path, "mode=ro"), uri=True) as db:
        value = db.execute(sql, args).fetchone()[0]
    db.close()
    return value.encode() if isinstance(value, str) else bytes(value)


_BODY = "SELECT json FROM bodies JOIN facts USING (n) WHERE id = ?"


def test_a_flipped_bit_in_a_fact_or_its_dictionary_is_damage_never_a_wrong_number(store_dir: Path) -> None:
    """In a fact's deflated JSON (one flipped bit printed 7934 for 3934) or in the dictionary facts are
    inflated with: every fact reads back as written or is refused, and the damaged file is removed."""
    index = open_index(store_dir)
    path = index_path(store_dir)
    ids = index.fact_ids()
    genuine = {fact_id: index.fact_json(fact_id) for fact_id in ids}
    blob = _stored(path, _BODY, "pk-2008-deployed")
    zdict = _stored(path, "SELECT value FROM meta WHERE key = 'zdict'")
    for damaged in (blob, zdict):
        shutil.copy2(path, path.with_name("good"))
        _flip(path, damaged)
        read = open_index(store_dir)
        refused = []
        for fact_id in ids:
            try:
                assert read.fact_json(fact_id) == genuine[fact_id]
            except bodies.Damaged as exc:
                refused.append((fact_id, str(exc)))
        assert all(f"fact {fact_id!r} does not match its checksum" in message for fact_id, message in refused)
        refused_ids = [fact_id for fact_id, _ in refused]
        assert refused_ids if damaged is zdict else refused_ids == ["pk-2008-deployed"]
        assert not path.exists()  # removed: the next lookup builds it anew
        os.replace(path.with_name("good"), path)
    _flip(path, blob)
    with pytest.raises(
        bodies.Damaged, match=r"the index cache .* is damaged .*; it was removed: run the command again"
    ):
        list(open_index(store_dir).find(Query()).json_records())
    assert open_index(store_dir).fact_json("pk-2008-deployed") == genuine["pk-2008-deployed"]  # rebuilt


def test_a_damaged_vocabulary_row_is_damage(store_dir: Path) -> None:
    open_index(store_dir)
    path = index_path(store_dir)
    _flip(path, _stored(path, "SELECT embed FROM vocab WHERE key = 'doc-a'"))
    with pytest.raises(bodies.Damaged, match="the source 'doc-a' does not match its checksum"):
        open_index(store_dir).fact_json("pk-2008-deployed")


def test_an_edit_that_keeps_size_and_mtime_is_seen(store_dir: Path) -> None:
    """tar, cp -p or a build with fixed timestamps put the old mtime back; the inode or ctime still moved."""
    open_index(store_dir)
    path = store_dir / "military-diplomacy.yaml"
    st = path.stat()
    text = path.read_text()
    edited = text.replace("over 150 countries.", "over 150 countrieS.", 1)
    assert len(edited) == len(text)
    path.write_text(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    fact = open_index(store_dir).get("md-2008-relations")
    assert fact is not None
    assert fact.citations[0].quote.endswith("countrieS.")


def test_cache_files_are_private_whatever_the_umask(store_dir: Path) -> None:
    old = os.umask(0)
    try:
        open_index(store_dir)
    finally:
        os.umask(old)
    path = index_path(store_dir)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()} == {0o600}


def test_an_older_factclis_open_directory_and_index_are_closed_and_rebuilt(store_dir: Path) -> None:
    open_index(store_dir)
    path = index_path(store_dir)
    os.chmod(path.parent, 0o755)
    os.chmod(path, 0o644)  # readable by every local user: not an index to trust
    inode = path.stat().st_ino
    assert open_index(store_dir).notes == []
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.stat().st_ino != inode  # rebuilt


@pytest.mark.skipif(not ROOT, reason="making a file another user's needs root")
def test_an_index_of_another_user_is_never_trusted(store_dir: Path) -> None:
    """Planted in a shared cache directory: an index of the store with 1949 made 9999, keyed as current."""
    from factcli.index.keys import fingerprint, index_key
    from factcli.store.survey import survey

    path = index_path(store_dir)
    facts = store_dir / "peacekeeping.yaml"
    genuine = facts.read_text()
    facts.write_text(genuine.replace("1949", "9999").replace("1,949", "9,999"))
    assert '"value": 9999,' in (open_index(store_dir).fact_json("pk-2008-deployed") or "")
    shutil.copyfile(path, path.with_name("planted"))
    facts.write_text(genuine)
    current = index_key(store_dir, fingerprint(survey(store_dir)))
    with sqlite3.connect(path.with_name("planted")) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'key'", (current,))
    db.close()
    os.replace(path.with_name("planted"), path)
    os.chmod(path, 0o600)
    os.chown(path, 4242, 4242)
    assert '"value": 1949,' in (open_index(store_dir).fact_json("pk-2008-deployed") or "")
    assert path.stat().st_uid == os.geteuid()


@pytest.mark.skipif(not ROOT, reason="making a directory another user's needs root")
def test_a_shared_cache_directory_gets_a_private_one_inside(store_dir: Path, tmp_path: Path) -> None:
    shared = Path(os.environ["FACTCLI_CACHE_DIR"])
    shared.mkdir(mode=0o1777)
    os.chmod(shared, 0o1777)
    os.chown(shared, 4242, 4242)
    index = open_index(store_dir)
    assert index.path == shared / f"user-{os.geteuid()}" / index_path(store_dir).name
    assert stat.S_IMODE(index.path.parent.stat().st_mode) == 0o700
    os.chown(index.path.parent, 4242, 4242)  # someone else's 'user-0': refused, answered from memory
    refused = open_index(store_dir)
    assert refused.path is None
    assert refused.notes == [
        f"warning: cannot write the index cache {shared / index.path.name}: {index.path.parent} is not a directory "
        "of this user's alone; lookups will re-read the YAML"
    ]


def test_a_fifo_at_the_index_path_is_replaced_not_read(store_dir: Path) -> None:
    path = index_path(store_dir)
    path.parent.mkdir(mode=0o700)
    os.mkfifo(path, 0o600)
    index = open_index(store_dir)  # opening the FIFO to read it would wait for a writer forever
    assert index.notes == []
    assert stat.S_ISREG(path.stat().st_mode)


def test_concurrent_lookups_after_an_edit_wait_for_one_builder(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(store_dir)
    (store_dir / "peacekeeping.yaml").write_text((store_dir / "peacekeeping.yaml").read_text() + "\n")
    updates = []
    real = stream.update

    def counted(*args: object, **kwargs: object) -> bool:
        updates.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stream, "update", counted)
    start = threading.Barrier(4)
    notes: list[list[str]] = []

    def lookup() -> None:
        start.wait()
        index = open_index(store_dir)
        notes.append(index.notes)
        assert len(index.fact_ids()) == 5

    threads = [threading.Thread(target=lookup) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert updates == [1]
    assert notes == [[], [], [], []]


def test_a_damaged_old_index_makes_the_update_a_build(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(store_dir)
    index = index_path(store_dir)
    _flip(index, _stored(index, _BODY, "pk-2008-deployed"))
    path = store_dir / "peacekeeping.yaml"
    path.write_text(path.read_text() + "\n")  # its facts' old rows are read to be forgotten
    built = []
    real = stream.build_all
    monkeypatch.setattr(stream, "build_all", lambda *a: built.append(1) or real(*a))
    index = open_index(store_dir)
    assert built == [1]
    assert '"value": 1949,' in (index.fact_json("pk-2008-deployed") or "")


def test_without_a_home_the_cache_is_in_the_temp_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A container's uid with no passwd entry and no HOME: platformdirs answers '~/.cache/factcli' as is."""
    import platformdirs

    for name in ("FACTCLI_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: "~/.cache/factcli")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    assert cache_dir() == tmp_path / f"factcli-{os.getuid()}"


def test_the_place_helpers_refuse_what_is_not_a_private_regular_file(tmp_path: Path) -> None:
    regular = tmp_path / "f"
    regular.write_bytes(b"")
    os.chmod(regular, 0o600)
    assert place.trusted(regular.lstat())
    os.chmod(regular, 0o640)
    assert not place.trusted(regular.lstat())
    (tmp_path / "link").symlink_to(regular)
    assert not place.trusted((tmp_path / "link").lstat())
    assert place.uri(Path("/a b/x?y#z%.sqlite"), "mode=ro") == "file:/a b/x%3fy%23z%25.sqlite?mode=ro"
    assert refresh._previous_stats(tmp_path / "missing.sqlite") == {}
