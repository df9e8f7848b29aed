"""What a command reads from a file or stdin (a draft, a manuscript, a fact as JSON, a list of ids): bounded,
and decoded as its byte order mark says.

Every stream has a size limit, checked as it is read (``/dev/zero`` or a log
piped by mistake is refused at once, never read for ever), and text in UTF-16
or UTF-32 with a byte order mark is decoded rather than read as UTF-8, where
it would look empty of numbers and let a contradiction pass check-draft's gate.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Sequence

from factcli.errors import UsageError


def read_ids(args: Sequence[str]) -> list[str]:
    """Ids from the arguments, with '-' replaced by the ids on stdin: one or more a line (--format ids),
    or the first column of CSV/TSV (its header line 'id' skipped)."""
    out: list[str] = []
    for arg in args:
        if arg != "-":
            out.append(arg)
            continue
        for line in read_text_argument("-", "a list of ids", MAX_IDS_BYTES).splitlines():
            first = line.split(",")[0].split("\t")[0].strip().strip('"') if "," in line or "\t" in line else None
            for word in [first] if first is not None else line.split():
                if word and word != "id":
                    out.append(word)
    return out


#: The most a draft or manuscript may hold (a long book is 2 MB of text); more is refused, never read whole.
MAX_TEXT_BYTES = 8 * 2**20
#: The most a list of ids on stdin may hold (100,000 ids take 4 MB).
MAX_IDS_BYTES = 64 * 2**20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def read_text_argument(name: str, what: str = "a draft", limit: int = MAX_TEXT_BYTES) -> str:
    """The text of a file, or of stdin for '-': at most ``limit`` bytes (more is a usage error as soon as it is
    seen: /dev/zero is not read for ever), decoded as its byte order mark says (UTF-8, UTF-16 or UTF-32), else
    as UTF-8. Text that holds NUL bytes is refused: it is UTF-16 or UTF-32 without a mark, or not text at all,
    and read as UTF-8 it would look empty of numbers. Unreadable input is a usage error, never a traceback."""
    where = "standard input" if name == "-" else repr(name)
    data = _read_bounded(name, where, limit)
    if len(data) > limit:
        msg = f"{where} is larger than {limit // 2**20} MiB, the most {what} may be"
        raise UsageError(msg)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                msg = f"{where} starts with a {label} byte order mark but is not valid {label} (byte {exc.start})"
                raise UsageError(msg) from exc
    if b"\0" in data:
        msg = f"{where} holds NUL bytes, so it is not UTF-8 text (UTF-16 or UTF-32 without a byte order mark?)"
        raise UsageError(msg)
    return data.decode("utf-8", errors="replace")


def _read_bounded(name: str, where: str, limit: int) -> bytes:
    if name == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            msg = "standard input is closed"
            raise UsageError(msg)
        try:
            return bytes(stdin.read(limit + 1))
        except OSError as exc:
            msg = f"cannot read standard input: {_os_error_text(exc)}"
            raise UsageError(msg) from exc
    try:
        with open(name, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as exc:
        msg = f"cannot read {where}: {_os_error_text(exc)}"
        raise UsageError(msg) from exc


def _os_error_text(exc: OSError) -> str:
    from factcli.text.chars import os_error_text  # error path only

    return os_error_text(exc)
