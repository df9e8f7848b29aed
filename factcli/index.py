"""A per-store SQLite index in the user cache directory, so lookups skip the YAML.

Parsing YAML costs ~0.2 ms a fact (18 s for 100,000). The index keeps, per
store file, its parse result keyed by (name, size, mtime_ns), plus every
fact in query-ready columns with a trigram full-text table. A lookup on an
unchanged store reads only the rows its filters select; after a change only
the changed files are parsed again. Anything wrong with the cache (corrupt,
unwritable, another version) means: read the YAML, warn once, carry on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from factcli import __version__, dates
from factcli.errors import StoreError
from factcli.store import Store, store_files
from factcli.textnorm import fold

if TYPE_CHECKING:
    from factcli.loader import ParsedFile
    from factcli.model import Fact
    from factcli.query import Query

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

    blob = pickle.dumps(tuple(getattr(store, name) for name in _VOCABULARY), protocol=5)
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


#: Store attributes kept as one pickle in the index, unpickled on first use.
_VOCABULARY = ("sources", "entities", "topics", "metrics", "aliases", "problems")


class IndexedStore(Store):
    """A store answered from the SQLite index: facts are read only when a query selects them."""

    def __init__(self, root: Path, db: sqlite3.Connection, vocabulary: bytes) -> None:
        super().__init__(root)
        self.db: sqlite3.Connection | None = db
        #: Ready-made JSON of the facts queries returned, by id.
        self.json_text: dict[str, str] = {}
        # `show --json` needs no vocabulary: unpickling it, and importing pickle and the
        # model to do so, would be a tenth of its run. __getattr__ does it on first use.
        for name in _VOCABULARY:
            delattr(self, name)
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set: the vocabularies, until first use.
        if name not in _VOCABULARY or "_vocabulary" not in self.__dict__:
            raise AttributeError(name)
        import pickle  # noqa: PLC0415

        values = pickle.loads(self.__dict__.pop("_vocabulary"))
        for key, value in zip(_VOCABULARY, values, strict=True):
            setattr(self, key, value)
        return getattr(self, name)

    def _facts(self, sql: str, params: Sequence[Any] = ()) -> list[Fact]:
        import pickle  # noqa: PLC0415

        assert self.db is not None
        return [pickle.loads(blob) for (blob,) in self.db.execute(sql, params)]

    def _values(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        assert self.db is not None
        return [row[0] for row in self.db.execute(sql, params)]

    def get(self, fact_id: str) -> Fact | None:
        assert self.db is not None
        row = self.db.execute("SELECT n, json FROM facts JOIN bodies USING (n) WHERE id = ?", (fact_id,)).fetchone()
        if row is None:
            return None
        self.json_text[fact_id] = row[1]
        return cast("Fact", _LazyFact(self.db, row[0], fact_id))

    def fact_ids(self) -> list[str]:
        return self._values("SELECT id FROM facts ORDER BY file, rec")

    def all_facts(self) -> list[Fact]:
        return self._facts("SELECT data FROM facts JOIN bodies USING (n) ORDER BY file, rec")

    def tags(self) -> set[str]:
        return set(self._values("SELECT DISTINCT key FROM keys WHERE dim = 'tag'"))

    def units(self) -> set[str]:
        return set(self._values("SELECT DISTINCT unit FROM facts WHERE unit IS NOT NULL"))

    def facts_of_metric(self, metric: str) -> list[Fact]:
        return self._facts(
            "SELECT data FROM facts JOIN bodies USING (n) WHERE metric = ? ORDER BY file, rec", (metric,)
        )

    def superseded_by(self, fact_id: str) -> list[str]:
        return self._values("SELECT id FROM facts WHERE supersedes = ? ORDER BY file, rec", (fact_id,))

    def count_by(self, dim: str) -> dict[str, int]:
        if dim == "topic":
            sql = "SELECT topic, count(*) FROM facts GROUP BY topic"
        else:
            sql = "SELECT key, count(*) FROM keys WHERE dim = ? GROUP BY key"
        assert self.db is not None
        return dict(self.db.execute(sql, () if dim == "topic" else (dim,)).fetchall())

    def select(self, query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> list[Fact] | None:
        """The exact, ordered result when no relevance ranking is needed (else None).

        Also keeps each selected fact's ready-made JSON, so ``--json`` prints stored
        text instead of building and encoding every record again.
        """
        where, params = _where(query, entity_names, terms)
        assert self.db is not None
        if terms and query.sort in (None, "relevance"):
            return self._ranked(query, where, params, terms)
        keys = _ORDER[query.sort if query.sort not in (None, "relevance") else "date"]
        sql = f"SELECT n, id, json, {', '.join(keys)} FROM facts JOIN bodies USING (n) {where}"
        if query.limit is not None:  # SQLite keeps only the top rows while it sorts
            order = ", ".join(f"{key} DESC" if query.reverse else key for key in keys)
            rows = self.db.execute(f"{sql} ORDER BY {order} LIMIT {int(query.limit)}", params).fetchall()
        else:
            # Sorted here, not by ORDER BY: SQLite's sorter would copy every row's JSON
            # (~1 KB) through a temporary B-tree, a third of a large lookup. Python compares
            # str by code point, as SQLite's BINARY collation does the UTF-8 bytes.
            rows = self.db.execute(sql, params).fetchall()
            rows.sort(key=itemgetter(*range(3, 3 + len(keys))), reverse=query.reverse)
        return self._stand_ins(rows)

    def _stand_ins(self, rows: Iterable[Sequence[Any]]) -> list[Fact]:
        """Lazy facts for rows starting (n, id, json), keeping each one's JSON for --json."""
        assert self.db is not None
        db, json_text, facts = self.db, self.json_text, []
        for row in rows:
            json_text[row[1]] = row[2]
            facts.append(cast("Fact", _LazyFact(db, row[0], row[1])))
        return facts

    def _ranked(self, query: Query, where: str, params: list[Any], terms: Sequence[str]) -> list[Fact]:
        """Relevance order, scored in Python on the stored folded fields (query.score, the one scorer)."""
        from factcli.query import HAY_FIELDS, score  # noqa: PLC0415

        assert self.db is not None
        columns = ", ".join(f"s.{name}" for name in HAY_FIELDS)
        sql = (
            f"SELECT n, facts.id, json, first, last, {columns} "
            f"FROM facts JOIN search s USING (n) JOIN bodies USING (n) {where}"
        )
        scored = []
        for n, fact_id, text, first, last, *hay in self.db.execute(sql, params):
            scored.append((-score(hay, terms), first, last, fact_id, n, text))
        scored.sort(key=lambda row: row[:4])
        if query.reverse:
            scored.reverse()
        if query.limit is not None:
            scored = scored[: query.limit]
        return self._stand_ins((n, fact_id, text) for *_, fact_id, n, text in scored)

    def prerendered_json(self, fact: Fact) -> str | None:
        return self.json_text.get(fact.id)


class _LazyFact:
    """Stands in for a Fact until a field besides its id is read: `--json` never reads one,
    and reading and unpickling every row is most of the cost of a large result."""

    __slots__ = ("_db", "_fact", "_n", "id")

    def __init__(self, db: sqlite3.Connection, n: int, fact_id: str) -> None:
        self.id = fact_id
        self._db = db
        self._n = n
        self._fact: Fact | None = None

    def _resolve(self) -> Fact:
        if self._fact is None:
            import pickle  # noqa: PLC0415

            (blob,) = self._db.execute("SELECT data FROM bodies WHERE n = ?", (self._n,)).fetchone()
            self._fact = pickle.loads(blob)
        return self._fact

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resolve(), name)

    # Special methods bypass __getattr__: these make the stand-in compare, hash and print as its Fact.
    def __eq__(self, other: object) -> bool:
        return self._resolve() == (other._resolve() if isinstance(other, _LazyFact) else other)

    def __hash__(self) -> int:
        return hash(self._resolve())

    def __repr__(self) -> str:
        return repr(self._resolve())


#: SQL for each sort key, matching query._order (spans as ISO days sort as dates).
_ORDER = {
    "date": ("first", "last", "id"),
    "value": ("value IS NULL", "COALESCE(value, 0)", "id"),
    "id": ("id",),
    "topic": ("topic", "first", "last", "id"),
}


def _where(query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> tuple[str, list[Any]]:
    """WHERE clause for every filter of ``query``: the SQL twin of the checks in query.find."""
    where: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: Sequence[str]) -> None:
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)

    def keyed(dim: str, values: Iterable[str]) -> None:
        values = list(values)
        if values:
            marks = ",".join("?" * len(values))
            where.append(f"n IN (SELECT n FROM keys WHERE dim = ? AND key IN ({marks}))")
            params.extend([dim, *values])

    any_of("topic", list(query.topics))
    any_of("kind", list(query.kinds))
    any_of("unit", list(query.units))
    any_of("metric", list(query.metrics))
    keyed("source", query.sources)
    keyed("entity", entity_names)
    keyed("tag", [fold(t) for t in query.tags])
    if query.min_value is not None:
        where.append("value >= ?")
        params.append(query.min_value)
    if query.max_value is not None:
        where.append("value <= ?")
        params.append(query.max_value)
    if query.since:
        where.append("last >= ?")
        params.append(dates.parse_span(query.since)[0].isoformat())
    if query.until:
        where.append("first <= ?")
        params.append(dates.parse_span(query.until)[1].isoformat())
    for term in terms:  # the same substring test as query.relevance, on the same folded text
        where.append("n IN (SELECT n FROM search WHERE instr(hay, ?) > 0)")
        params.append(term)
    return ("WHERE " + " AND ".join(where) if where else ""), params
