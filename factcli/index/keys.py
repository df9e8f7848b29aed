"""What an index was built from: the store's files by name, size, mtime, inode and ctime, and the layout.

An index is current when its key (layout, factcli version, the store's path and
every file's fingerprint) is the key of the store as it is now. Size and mtime
alone miss an edit that keeps the size and puts the old mtime back (tar, ``cp
-p``, a build with fixed timestamps); the inode changes when a file is replaced
and the ctime at any write, and neither can be set back. Hashing the contents
would notice more but cost a read of the whole store at every lookup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from factcli import __version__
from factcli.fieldtable import LAYOUT

if TYPE_CHECKING:
    from factcli.store.survey import Survey

#: Bump when the tables change shape (a fact's fields are in the key already: fieldtable.LAYOUT).
INDEX_FORMAT = 15

#: Per file: name, size, mtime_ns, inode, ctime_ns (-1 each for a file that cannot be read).
Fingerprint = list[tuple[str, int, int, int, int]]


def fingerprint(found: Survey) -> Fingerprint:
    """Each surveyed file's fingerprint, from the stats the survey took."""
    out = []
    for file in found.files:
        st = file.stat
        if st is None:
            out.append((file.name, -1, -1, -1, -1))
        else:
            out.append((file.name, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
    return out


def index_key(root: Path, files: Fingerprint) -> str:
    """Compared as text: hashing it would only cost an import."""
    return repr((INDEX_FORMAT, LAYOUT, __version__, str(root.resolve()), files))


def format_key() -> str:
    """What an index's layout must be for its rows to be reused at all."""
    return repr((INDEX_FORMAT, LAYOUT, __version__))
