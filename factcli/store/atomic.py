"""Writing a file whole or not at all: what ``add`` writes to a store file and ``export -o``/``render -o`` to
theirs.

The new content goes to a temp file beside the file it replaces, is flushed to
the disk, and renamed over it: a reader, a crash or a full disk sees the old
file or the new one, never half. A symbolic link is written through (its
target is replaced, the link stays), a file that exists keeps its mode and a
new one gets what the umask gives, and what is not a regular file (a device
such as /dev/full, a FIFO, a directory) is never replaced by one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from factcli.errors import UsageError


def destination(path: Path) -> Path:
    """The regular file ``path`` names or will name, links followed; anything else is a usage error."""
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(st.st_mode):
        what = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        msg = f"{str(path)!r} is {what}: write to standard output (-o -) and redirect it instead"
        raise UsageError(msg)
    return real


@contextlib.contextmanager
def replacing(path: Path, *, same_suffix: bool = False) -> Iterator[Path]:
    """A new empty temp file beside the file ``path`` names, for the caller to fill; once the block ends
    without an error, it takes that file's place (mode kept, or the umask's for a new one). Raises UsageError
    for a destination that is not a regular file, OSError when it cannot be written. ``same_suffix``: the temp
    file ends as ``path`` does, for a writer that takes the format from the name (pandoc)."""
    real = destination(path)
    suffix = real.suffix if same_suffix and real.suffix else ".tmp"
    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=suffix, dir=real.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _settle(tmp, real)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def replace_bytes(path: Path, data: bytes) -> None:
    """``path`` holding ``data``, whole or not at all."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def _settle(tmp: Path, real: Path) -> None:
    """The temp file on the disk, with the mode ``real`` has (or would get), renamed over ``real``."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    os.replace(tmp, real)
    with contextlib.suppress(OSError):  # the rename itself on the disk (not every platform opens directories)
        dir_fd = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
