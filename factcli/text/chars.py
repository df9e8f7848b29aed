"""Naming characters, operating-system errors and paths in factcli's own words.

Messages must read the same whatever C library or Unicode database is
installed: a character is named by its code point and its Unicode name
(controls, which have none, by the names of the C0/C1 standards), and an
OS error by what it means for the user, never by the platform's strerror.
"""

from __future__ import annotations

import errno
import os
import unicodedata

_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
    0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
    0x85: "NEXT LINE",
}  # fmt: skip
#: What a character is called where its Unicode name would mislead (U+FEFF mid-file is a stray BOM).
_PLAIN_NAMES = {0xFEFF: "BYTE ORDER MARK"}

_OS_ERRORS = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symbolic link loop",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "read-only file system",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large",
    errno.EIO: "input/output error",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files",
    errno.ENAMETOOLONG: "file name too long",
    errno.EEXIST: "already exists",
    errno.EBUSY: "busy",
    errno.EPIPE: "the reader closed the pipe",
    errno.ENXIO: "no such device",
    errno.EBADF: "it is closed",
}


def char_name(ch: str) -> str:
    """'U+00A0 NO-BREAK SPACE': the code point and the name a reader can look up."""
    code = ord(ch)
    name = _PLAIN_NAMES.get(code) or _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        name = "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
    return f"U+{code:04X} {name}"


def shown(text: str) -> str:
    """``text`` as a message quotes it, each character a reader cannot see (controls, format characters such
    as U+200B, spaces other than U+0020) named in brackets: 'ok[U+200B ZERO WIDTH SPACE]-1'."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch if ch == " " or ch.isprintable() else f"[{char_name(ch)}]" for ch in text)


def os_error_text(exc: OSError) -> str:
    """An OS error as a short lower-case phrase: 'permission denied', 'no space left on the device'."""
    known = _OS_ERRORS.get(exc.errno or -1)
    if known:
        return known
    code = errno.errorcode.get(exc.errno or -1, "")
    return f"operating system error {code or exc.errno}".strip()


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as messages show it: relative to where the user stands (a store's problems and the facts of
    its index name their files alike)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
