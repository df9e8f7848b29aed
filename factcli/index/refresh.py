"""Bringing a store's cached index up to date: one builder at a time, into a new file, renamed into place.

A lookup that finds the index stale comes here. It takes the store's lock (a
builder already at work is waited for, and has then most likely made the
index current), removes what killed builders left, and writes the next index
beside the old one: a copy of it with only the changed fact files read again,
or (after a vocabulary change, or with no usable old index) a whole new one.
Anything wrong with the cache (unwritable, someone else's) means: read the
YAML, answer from an index in memory, warn once, carry on.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.errors import reraise_interrupt
from factcli.index import bodies, build, place
from factcli.index.engine import Index
from factcli.index.keys import Fingerprint, fingerprint, format_key, index_key

if TYPE_CHECKING:
    from factcli.store.survey import Survey

Progress = Callable[[int, int], None]


def rebuild(found: Survey, base: Path, name: str, notes: list[str], progress: Progress | None = None) -> Index:
    """The index of the store ``found`` surveyed in the cache directory ``base``, brought up to date and opened
    (an index in memory when the cache cannot be used); an invalid store is read the thorough way and refused."""
    path = base / name
    try:
        path = place.directory(base, create=True) / name
        with place.exclusive(path):
            found = found.again()  # afresh: the store may have changed while another builder held the lock
            files = fingerprint(found)
            key = index_key(found.root, files)
            current = _current(path, found.root, key)
            if current is None:
                place.sweep(path)
                _refresh(found, path, key, files, progress)
                current = Index.open(path, found.root, key)
    except (OSError, sqlite3.Error, UnicodeError, place.Refused) as exc:
        reraise_interrupt(exc)
        notes.append(f"warning: cannot write the index cache {path}: {_reason(exc)}; lookups will re-read the YAML")
        current = None
    if current is None:
        return build.memory_index(build.thorough(found, progress), notes)
    current.notes.extend(notes)
    return current


def _current(path: Path, root: Path, key: str) -> Index | None:
    """The index at ``path`` if it is current (a damaged one is not)."""
    try:
        return Index.open(path, root, key)
    except sqlite3.DatabaseError:
        return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        from factcli.text.chars import os_error_text

        return os_error_text(exc)
    if isinstance(exc, UnicodeError):
        return "its path is not valid UTF-8"
    return str(exc)


def _refresh(found: Survey, path: Path, key: str, files: Fingerprint, progress: Progress | None) -> None:
    """Write the index of the store as it is now and put it in place of the one at ``path``: an update of a copy
    when only fact files changed, else a whole new build; the thorough road when either finds an error."""
    from factcli.index import stream

    stats = _previous_stats(path)
    changed = {name for name, *stat in files if stats.get(name) != tuple(stat)}
    removed = set(stats) - {name for name, *_ in files}
    if stats and not any(found.holds_vocabulary(name) for name in changed | removed):
        try:
            with place.staged(path) as tmp:
                place.copy(path, tmp)
                if stream.update(found, tmp, key, files, changed, removed, progress):
                    place.publish(tmp, path)
                    return
            updated = False  # an error in a changed file, most likely: the thorough road words it
        except (sqlite3.DatabaseError, bodies.Damaged):
            updated = None  # the old index is damaged: build anew
        if updated is False:
            _thoroughly(found, path, key, files, progress)
            return
    with place.staged(path) as tmp:
        if stream.build_all(found, tmp, key, files, progress):
            place.publish(tmp, path)
            return
    _thoroughly(found, path, key, files, progress)


def _thoroughly(found: Survey, path: Path, key: str, files: Fingerprint, progress: Progress | None) -> None:
    """The store read the thorough way (refused with every problem when invalid), and its index written."""
    store = build.thorough(found, progress)
    with place.staged(path) as tmp:
        build.write(tmp, key, store, files)
        place.publish(tmp, path)


def _previous_stats(path: Path) -> dict[str, tuple[int, ...]]:
    """The last index's file stats (to find what changed); empty when there is none it can be trusted with."""
    stats: dict[str, tuple[int, ...]] = {}
    try:
        if not place.trusted(path.lstat()):
            return stats
        with contextlib.closing(sqlite3.connect(place.uri(path, "mode=ro&immutable=1"), uri=True)) as db:
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (format_key(),):
                return stats  # another layout or version: nothing in it can be trusted
            for name, *stat in db.execute("SELECT name, size, mtime_ns, ino, ctime_ns FROM files"):
                stats[name] = tuple(stat)
    except Exception:  # noqa: BLE001 - an unusable cache only means reading everything
        return {}
    return stats
