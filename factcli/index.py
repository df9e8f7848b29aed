"""A per-store SQLite index in the user cache directory, so lookups skip the YAML.

Parsing YAML costs ~0.2 ms a fact (18 s for 100,000). The index keeps, per
store file, its parse result keyed by (name, size, mtime_ns), plus every
fact in query-ready columns and its folded text for search (``indexed.py``
answers lookups from them). A lookup on an unchanged store reads only the
rows its filters select; after a change only the changed files are parsed
again. Anything wrong with the cache (corrupt, unwritable, another version)
means: read the YAML, warn once, carry on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcli import __version__
from factcli.errors import StoreError
from factcli.indexed import VOCABULARY, IndexedStore
from factcli.store import Store, store_files
from factcli.textnorm import fold

if TYPE_CHECKING:
    from factcli.loader import ParsedFile

#: Bump when the tables or the pickled classes change shape.
INDEX_FORMAT = 8
CACHE_ENV = "FACTCLI_CACHE_DIR"
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, parsed BLOB);
CREATE TABLE vocab(id INTEGER PRIMARY KEY, data BLOB);
CREATE TABLE facts(n INTEGER PRIMARY KEY, file TEXT, rec INTEGER, id TEXT, topic TEXT, metric TEXT, kind TEXT,
                   unit TEXT, value REAL, first TEXT, last TEXT, supersedes TEXT);
CREATE TABLE bodies(n INTEGER PRIMARY KEY, json TEXT, data BLOB);
CREATE TABLE keys(n INTEGER, dim TEXT, key TEXT);
CREATE TABLE search(n INTEGER PRIMARY KEY, hay TEXT, id TEXT, claim TEXT, entities TEXT, tags TEXT,
                    value_text TEXT, quote TEXT);
CREATE INDEX facts_id ON facts(id);
CREATE INDEX facts_file ON facts(file, rec);
CREATE INDEX facts_topic ON facts(topic);
CREATE INDEX facts_metric ON facts(metric);
CREATE INDEX facts_value ON facts(value);
CREATE INDEX keys_dim_key ON keys(dim, key);
"""

Fingerprint = list[tuple[str, int, int]]
Progress = Callable[[int, int], None]


def cache_dir() -> Path:
    """$FACTCLI_CACHE_DIR, else the user cache directory as platformdirs defines it."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = _linux_cache_dir()
    if xdg is not None:
        return xdg
    import platformdirs  # noqa: PLC0415 - 5 ms of imports; see _linux_cache_dir

    return Path(platformdirs.user_cache_dir("factcli", appauthor=False))


def _linux_cache_dir() -> Path | None:
    """platformdirs' answer on Linux in the two common cases, without importing it.

    Importing platformdirs costs more than an indexed lookup itself. On Linux it answers
    $XDG_CACHE_HOME/factcli when that is absolute, else ~/.cache/factcli from an absolute
    $HOME. Anything else (no usable $HOME, Android, other platforms) asks platformdirs;
    a test checks that the two agree.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ:
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg.startswith("/"):
        return Path(xdg, "factcli")
    home = os.environ.get("HOME", "")
    if home.startswith("/"):  # a relative $XDG_CACHE_HOME is ignored, as the XDG spec says
        return Path(os.path.expanduser("~/.cache"), "factcli")
    return None


def index_path(root: Path) -> Path:
    # A short name is enough: the meta key holds the full path, so a clash only costs a rebuild.
    digest = f"{zlib.crc32(str(root.resolve()).encode()):08x}"
    return cache_dir() / f"store-{digest}.sqlite"


def fingerprint(root: Path) -> Fingerprint:
    out = []
    for path in store_files(root):
        try:
            st = path.stat()
        except OSError:
            out.append((path.name, -1, -1))
            continue
        out.append((path.name, st.st_size, st.st_mtime_ns))
    return out


def _meta_key(root: Path, files: Fingerprint) -> str:
    payload = repr((INDEX_FORMAT, __version__, str(root.resolve()), files))
    return payload  # compared as text: hashing it would only cost an import


def open_store(root: Path, progress: Progress | None = None) -> Store:
    """The store at ``root`` for lookups: from the index when it is current, else rebuilt.

    Raises StoreError exactly as ``load_store`` does; never fails because of the cache.
    """
    files = fingerprint(root)
    key = _meta_key(root, files)
    path = index_path(root)
    notes: list[str] = []
    try:
        indexed = _open_current(path, root, key)
        if indexed is not None:
            return indexed
    except sqlite3.Error as exc:
        notes.append(f"warning: ignoring the unreadable index cache {path} ({exc}); reading the YAML")
    from factcli.loader import read_store  # noqa: PLC0415 - the YAML machinery only when rebuilding

    previous, stats = _previous(path)
    store = read_store(root, reuse=previous, progress=progress)
    store.notes.extend(notes)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid")
    changed = {name for name, size, mtime in files if stats.get(name) != (size, mtime)}
    removed = set(stats) - {name for name, _, _ in files}
    try:
        if stats and not (changed | removed) & _vocabulary_files(files, stats):
            _update(path, key, store, files, changed, removed)
        else:
            _write(path, key, store, files)
    except (OSError, sqlite3.Error) as exc:
        store.notes.append(f"warning: cannot write the index cache {path} ({exc}); lookups will re-read the YAML")
    return store


def _vocabulary_files(files: Fingerprint, stats: dict[str, tuple[int, int]]) -> set[str]:
    """Names of vocabulary files: a change there touches every fact's JSON, so it rebuilds all."""
    from factcli.store import VOCABULARIES  # noqa: PLC0415

    names = {name for name, _, _ in files} | set(stats)
    return {name for name in names if name.rsplit(".", 1)[0].lower() in VOCABULARIES}


def _previous(path: Path) -> tuple[dict[tuple[str, int, int], ParsedFile], dict[str, tuple[int, int]]]:
    """The last index's per-file parses (for reuse) and file stats (to find what changed)."""
    import pickle  # noqa: PLC0415 - lookups on a current index may never unpickle anything

    parses: dict[tuple[str, int, int], ParsedFile] = {}
    stats: dict[str, tuple[int, int]] = {}
    if not path.exists():
        return parses, stats
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (_format(),):
                return parses, stats  # another layout or version: nothing in it can be trusted
            for name, size, mtime_ns, blob in db.execute("SELECT name, size, mtime_ns, parsed FROM files"):
                stats[name] = (size, mtime_ns)
                if blob is not None:
                    parses[(name, size, mtime_ns)] = pickle.loads(blob)
    except Exception:  # noqa: BLE001 - an unusable cache only means parsing everything
        return {}, {}
    return parses, stats


def _write(path: Path, key: str, store: Store, files: Fingerprint) -> None:
    """Write a whole new index beside the old one and swap it in (readers never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            _insert_files(db, store, files, {name for name, _, _ in files})
            _insert_facts(db, store, list(store.parsed_files))
            _finish(db, key, store)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _update(path: Path, key: str, store: Store, files: Fingerprint, changed: set[str], removed: set[str]) -> None:
    """Replace only the rows of changed and removed fact files, in one transaction."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        gone = [(name,) for name in changed | removed]
        db.execute("CREATE TEMP TABLE gone(n INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO gone SELECT n FROM facts WHERE file = ?", gone)
        for table in ("facts", "bodies", "keys", "search"):
            db.execute(f"DELETE FROM {table} WHERE n IN (SELECT n FROM gone)")
        db.executemany("DELETE FROM files WHERE name = ?", gone)
        _insert_files(db, store, files, changed)
        _insert_facts(db, store, [name for name in store.parsed_files if name in changed])
        db.execute("DELETE FROM vocab")
        db.execute("DELETE FROM meta")
        _finish(db, key, store)


def _insert_files(db: sqlite3.Connection, store: Store, files: Fingerprint, names: set[str]) -> None:
    import pickle  # noqa: PLC0415

    parsed = store.parsed_files
    rows = []
    for name, size, mtime in files:
        if name in names:
            blob = pickle.dumps(parsed[name], protocol=5) if name in parsed else None
            rows.append((name, size, mtime, blob))
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", rows)


def _insert_facts(db: sqlite3.Connection, store: Store, names: Sequence[str]) -> None:
    """Rows for the facts of the named files, numbered after any already in the index."""
    import json  # noqa: PLC0415 - only a rebuild needs these
    import pickle  # noqa: PLC0415

    from factcli.query import fact_span, haystacks  # noqa: PLC0415
    from factcli.records import fact_record  # noqa: PLC0415

    (top,) = db.execute("SELECT coalesce(max(n), -1) FROM facts").fetchone()
    facts, bodies, keys, search = [], [], [], []
    for name in names:
        for record_path, fact in store.parsed_files[name].facts:
            top += 1
            first_day, last_day = fact_span(fact)
            supersedes = fact.supersedes.id if fact.supersedes else None
            record = json.dumps(fact_record(store, fact), ensure_ascii=False)  # what --json prints, ready-made
            facts.append(
                (top, name, record_path[0], fact.id, fact.topic, fact.metric, fact.kind, fact.unit, fact.value,
                 first_day.isoformat(), last_day.isoformat(), supersedes)
            )  # fmt: skip
            bodies.append((top, record, pickle.dumps(fact, protocol=5)))
            keys += [(top, "source", source) for source in fact.source_ids]
            keys += [(top, "entity", entity) for entity in fact.entities]
            keys += [(top, "tag", tag) for tag in {fold(t) for t in fact.tags}]
            hay = haystacks(store, fact)
            search.append((top, " | ".join(hay), *hay))
    db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * 12)})", facts)
    db.executemany("INSERT INTO bodies VALUES (?, ?, ?)", bodies)
    db.executemany("INSERT INTO keys VALUES (?, ?, ?)", keys)
    db.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?, ?, ?, ?)", search)


def _finish(db: sqlite3.Connection, key: str, store: Store) -> None:
    import pickle  # noqa: PLC0415

    blob = pickle.dumps(tuple(getattr(store, name) for name in VOCABULARY), protocol=5)
    db.execute("INSERT INTO vocab VALUES (1, ?)", (blob,))
    meta = [("key", key), ("format", _format()), ("vocab_crc", str(zlib.crc32(blob)))]
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
    db.commit()


def _format() -> str:
    return f"{INDEX_FORMAT}:{__version__}"


def _open_current(path: Path, root: Path, key: str) -> IndexedStore | None:
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        if row is None or row[0] != key:
            db.close()
            return None
        vocab = db.execute("SELECT data FROM vocab WHERE id = 1").fetchone()
        crc = db.execute("SELECT value FROM meta WHERE key = 'vocab_crc'").fetchone()
        if vocab is None or crc is None or str(zlib.crc32(vocab[0])) != crc[0]:
            # Checked now, while a damaged cache can still mean reading the YAML instead.
            msg = "the vocabularies' checksum does not match"
            raise sqlite3.DatabaseError(msg)
    except BaseException:
        db.close()
        raise
    return IndexedStore(root, db, vocab[0])
