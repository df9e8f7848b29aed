"""Where a store's index lives, whether it is current, and opening it (rebuilt when it is not).

One index per store, in the user cache directory; it is current when the
format, the factcli version, the store's path and every file's name, size
and mtime are what they were when it was written. A lookup on a current index
imports nothing of the YAML side, nor json or pickle.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from factcli.index.engine import Index
from factcli.index.keys import fingerprint, index_key

CACHE_ENV = "FACTCLI_CACHE_DIR"


def cache_dir() -> Path:
    """$FACTCLI_CACHE_DIR, else the user cache directory (the XDG spec on Linux, platformdirs elsewhere)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = _linux_cache_dir()
    if xdg is not None:
        return xdg
    import platformdirs  # 5 ms of imports; see _linux_cache_dir

    return Path(platformdirs.user_cache_dir("factcli", appauthor=False))


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


def index_path(root: Path) -> Path:
    # A short name is enough: the meta key holds the full path, so a clash only costs a rebuild.
    digest = f"{zlib.crc32(str(root.resolve()).encode()):08x}"
    return cache_dir() / f"store-{digest}.sqlite"


def open_index(root: Path, progress: Callable[[int, int], None] | None = None) -> Index:
    """The index of the store at ``root``: the cached one when current, else rebuilt from the YAML.

    Raises StoreError when the store is invalid; never fails because of the cache.
    """
    files = fingerprint(root)
    key = index_key(root, files)
    path = index_path(root)
    notes: list[str] = []
    try:
        current = Index.open(path, root, key)
        if current is not None:
            return current
    except sqlite3.Error as exc:
        notes.append(f"warning: ignoring the unreadable index cache {path} ({exc}); reading the YAML")
    from factcli.index import build

    return build.rebuild(root, path, key, files, notes, progress)
