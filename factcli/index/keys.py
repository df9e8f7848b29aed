"""What an index was built from: the store's files by name, size and mtime, and the layout.

An index is current when its key (layout, factcli version, the store's path and
every file's fingerprint) is the key of the store as it is now.
"""

from __future__ import annotations

from pathlib import Path

from factcli import __version__
from factcli.store.files import store_files

#: Bump when the tables change shape.
INDEX_FORMAT = 13

Fingerprint = list[tuple[str, int, int]]


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


def index_key(root: Path, files: Fingerprint) -> str:
    """Compared as text: hashing it would only cost an import."""
    return repr((INDEX_FORMAT, __version__, str(root.resolve()), files))


def format_key() -> str:
    """What an index's layout must be for its rows to be reused at all."""
    return f"{INDEX_FORMAT}:{__version__}"
