"""Where a store's index lives, whether it is current, and opening it (rebuilt when it is not).

One index per store, in the user cache directory (see place.py for how its
files are kept); it is current when the format, the factcli version, the
store's path and every file's fingerprint (keys.py) are what they were when it
was written. A lookup on a current index imports nothing of the YAML side, nor
json or pickle, and takes no lock: the file it opens is never written again.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from factcli.index import place
from factcli.index.engine import Index
from factcli.index.keys import fingerprint, index_key
from factcli.store.survey import survey

CACHE_ENV = "FACTCLI_CACHE_DIR"


def cache_dir() -> Path:
    """$FACTCLI_CACHE_DIR, else the user cache directory (the XDG spec on Linux, platformdirs elsewhere; the
    temp directory for a user without a home)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = _linux_cache_dir()
    if xdg is not None:
        return xdg
    import platformdirs  # 5 ms of imports; see _linux_cache_dir

    try:
        path = Path(platformdirs.user_cache_dir("factcli", appauthor=False))
    except RuntimeError:  # platformdirs 4.5 and later: no home directory to be found
        path = Path("~")
    if not path.is_absolute():  # no HOME and no passwd entry (a container's arbitrary uid): older ones keep '~'
        import tempfile

        path = Path(tempfile.gettempdir(), f"factcli-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    return path


def _linux_cache_dir() -> Path | None:
    """The XDG Base Directory answer on Linux, without importing platformdirs.

    Importing platformdirs costs more than an indexed lookup itself. $XDG_CACHE_HOME when it
    is absolute (the spec says a relative one is invalid and ignored), else ~/.cache from an
    absolute $HOME. Anything else (no usable $HOME, Android, other platforms) asks platformdirs.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ:
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg.startswith("/"):
        return Path(xdg, "factcli")
    home = os.environ.get("HOME", "")
    if home.startswith("/"):
        return Path(os.path.expanduser("~/.cache"), "factcli")
    return None


def index_name(root: Path) -> str:
    # A short name is enough: the meta key holds the full path, so a clash only costs a rebuild.
    return f"store-{zlib.crc32(os.fsencode(root.resolve())):08x}.sqlite"


def index_path(root: Path) -> Path:
    """Where the index of the store at ``root`` is (or would be, when the cache directory cannot be used)."""
    base = cache_dir()
    try:
        return place.directory(base, create=False) / index_name(root)
    except (OSError, place.Refused):
        return base / index_name(root)


def open_index(root: Path, progress: Callable[[int, int], None] | None = None) -> Index:
    """The index of the store at ``root``: the cached one when current, else brought up to date from the YAML.

    Raises StoreError when the store is invalid; never fails because of the cache.
    """
    found = survey(root)
    key = index_key(root, fingerprint(found))
    notes: list[str] = []
    path = index_path(root)
    try:
        current = Index.open(path, root, key)
        if current is not None:
            return current
    except sqlite3.Error as exc:
        notes.append(f"warning: ignoring the unreadable index cache {path} ({exc}); reading the YAML")
    except (OSError, UnicodeError, place.Refused):
        pass  # an unsearchable or foreign cache directory: the builder finds out again, and says why
    from factcli.index import refresh

    return refresh.rebuild(found, cache_dir(), index_name(root), notes, progress)
