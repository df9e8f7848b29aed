"""The index's files on disk: private to the user, written whole or not at all, cleaned up after a crash.

A published index file is never written again. A build, or an update (on a copy), writes a new file under
a temporary name beside it and renames it over the old one: a lookup that opened the old file reads it to
the end unchanged (one snapshot), and a process killed at any instant leaves the old index or the new one,
never half of either, and no journal to recover. Builders of one store take turns under a lock, and the one
holding it removes what killed builders left behind.

Nothing another user could have written is trusted: the directory is the user's own (0700; inside a shared
cache directory, a ``user-UID`` directory of its own), every index file a regular file of the user's with
mode 0600. A file that is not (a FIFO, another user's, an older factcli's 0644) is not read but rebuilt.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

#: Endings of what a builder writes beside the index before renaming it in: a file, a directory of worker files.
TEMP, SCRATCH = ".tmp", ".build"
#: Beside an index written by factcli 0.x in place: its rollback journal (never read here; removed).
_JOURNALS = ("-journal", "-wal", "-shm")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Refused(Exception):
    """A cache directory this user does not own alone: nothing in it is read or written."""


def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def private(st: os.stat_result) -> bool:
    """Owned by this user and closed to everyone else (where the platform has owners)."""
    uid = _uid()
    return uid is None or (st.st_uid == uid and not st.st_mode & 0o077)


def trusted(st: os.stat_result) -> bool:
    """An index file this user may read: a regular file (not a FIFO, a device or a link) of its own, mode 0600."""
    return stat.S_ISREG(st.st_mode) and private(st)


def directory(base: Path, *, create: bool) -> Path:
    """Where the index files go: ``base`` when it is this user's, else (a shared directory such as /tmp) a
    ``user-UID`` directory of its own inside it.

    With ``create`` (a builder), the directory is made, mode 0700, or closed to others when it is the user's
    and is not. Raises OSError when it cannot be used, Refused when someone else holds the user's directory.
    """
    uid = _uid()
    if uid is None:  # pragma: no cover - no owners to check (Windows)
        if create:
            base.mkdir(parents=True, exist_ok=True)
        return base
    try:
        st = os.stat(base)
    except FileNotFoundError:
        if not create:
            return base
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.stat(base)
    if not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(base))
    if st.st_uid == uid:
        if create and st.st_mode & 0o077:
            os.chmod(base, 0o700)  # made by an older factcli, or by hand: the store's facts are not theirs to read
        return base
    own = base / f"user-{uid}"
    try:
        st = os.lstat(own)
    except FileNotFoundError:
        if not create:
            return own
        with contextlib.suppress(FileExistsError):
            os.mkdir(own, 0o700)
        st = os.lstat(own)
    if not stat.S_ISDIR(st.st_mode) or not private(st):
        msg = f"{own} is not a directory of this user's alone"
        raise Refused(msg)
    return own


def uri(path: Path, query: str) -> str:
    """An SQLite URI for ``path`` (%, ? and # escaped, as the URI rules ask)."""
    text = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{text}?{query}"


@contextlib.contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A new empty file (0600) beside ``path`` to write the next index in; removed unless it was published."""
    tmp = path.with_name(f"{path.name}.{os.urandom(6).hex()}{TEMP}")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def publish(tmp: Path, path: Path) -> None:
    """The new index in place of the old, in one step (readers of the old one read on undisturbed)."""
    os.replace(tmp, path)


def copy(path: Path, tmp: Path) -> None:
    """The published index's bytes into ``tmp``, for an update to change the copy."""
    import shutil

    shutil.copyfile(path, tmp)


def scratch(beside: Path) -> str:
    """A new private directory beside ``beside`` for the build's worker files (removed by the caller)."""
    import tempfile

    return tempfile.mkdtemp(prefix=f"{beside.name}.", suffix=SCRATCH, dir=beside.parent)


def sweep(path: Path) -> None:
    """Remove what builders of the index at ``path`` left when they were killed: their temp files, worker
    directories, and an older factcli's journals. Only under the lock: no builder of this store is running."""
    import shutil

    prefix = path.stem + "."
    leftovers = {path.name + ending for ending in _JOURNALS}
    for name in os.listdir(path.parent):
        if not (name in leftovers or (name.startswith(prefix) and name.endswith((TEMP, SCRATCH)))):
            continue
        full = path.parent / name
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISDIR(os.lstat(full).st_mode):
                shutil.rmtree(full, ignore_errors=True)
            else:
                os.unlink(full)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Held by one builder of the index at ``path`` at a time; the others wait for it (then find the index
    current). flock, released by the kernel however the holder ends; filelock where there is no flock
    (its 57 ms of imports would double the cost of a small update)."""
    lock = path.with_name(path.stem + ".lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        import filelock

        with filelock.FileLock(lock):
            yield
        return
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def connect(path: Path) -> tuple[sqlite3.Connection, str | None, tuple[int, int]] | None:
    """The trusted index file at ``path`` opened immutable, with its key and its (device, inode); None when
    there is none, or none to trust."""
    for _ in range(3):  # a builder may rename a new file in meanwhile: each try reads one whole file
        try:
            before = os.lstat(path)
        except FileNotFoundError:
            return None
        if not trusted(before):
            return None
        db = sqlite3.connect(uri(path, "mode=ro&immutable=1"), uri=True, check_same_thread=False)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
            after = os.lstat(path)
        except BaseException:
            db.close()
            raise
        if (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino):
            return db, None if row is None else str(row[0]), (before.st_dev, before.st_ino)
        db.close()
    return None
