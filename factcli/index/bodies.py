"""How a fact's JSON is stored in a large index, deflated with a dictionary of the store's own JSON, and
sealed with a checksum so that a damaged index is found out, never printed from.

A fact's JSON alone hardly compresses (most of it is keys and names every fact
repeats); primed with a few facts' JSON as the dictionary it shrinks to about a
fifth, which keeps the index under twice the YAML. Raw deflate (no zlib header
or checksum) because a lookup inflates each fact it prints: with the header,
zlib stops to ask for the dictionary, which costs nearly as much as the inflating.
An index of a small store (memory, tests) stores plain text.

The seal is a CRC-32 of the fact's JSON as inflated and of what a printed fact
takes from its row (``SEALED``), so it covers a flipped bit in those, in the
deflated bytes and in the dictionary alike; it is checked for every fact read
(about a microsecond each). The columns that only select facts (topic, value,
dates, the search index) are not sealed: damage there can at worst select a
fact that does not match, never print a wrong number.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcli.errors import FactcliError

if TYPE_CHECKING:
    import sqlite3

#: Raw deflate, the largest window: what inflating uses, so it reads a fact deflated with any window.
WBITS = -15
#: The window facts are deflated with: 8 KiB holds the dictionary and any fact of ordinary length, so the
#: bytes are the same as with the largest (3,000 of 3,000 facts of a generated store), and setting up the
#: smaller window costs a quarter of the time (15 µs a fact against 60 here; a build deflates every fact).
PACK_WBITS = -13
#: A larger dictionary compresses a little better and each fact much slower (zlib reads it for every fact).
ZDICT_BYTES = 4096
#: The columns of ``facts`` a seal covers, in its order: what a printed fact takes from its row rather than its
#: JSON (its place in the store; every value, the number too, is printed from the JSON). A lookup's result rows
#: start with them, so a fact is checked without reading its row again.
SEALED = "facts.n, facts.id, facts.file, facts.line, facts.col"


class Damaged(FactcliError):
    """The index file does not hold what was written to it (a checksum fails): it is not used again."""


def zdict_of(bodies: Sequence[str]) -> bytes:
    """A compression dictionary: the last ZDICT_BYTES of some facts' JSON."""
    return "".join(bodies).encode()[-ZDICT_BYTES:]


def compress(text: str, zdict: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, PACK_WBITS, zdict=zdict)
    return packer.compress(text.encode()) + packer.flush()


def seal(row: Sequence[Any], text: bytes) -> int:
    """The checksum of a fact: its ``SEALED`` columns (number, id, file, line, column) and its JSON's bytes."""
    n, fid, file, line, col = row[:5]
    head = f"{n}\x1f{fid}\x1f{file}\x1f{line}\x1f{col}\x1f".encode("utf-8", "surrogatepass")
    return zlib.crc32(text, zlib.crc32(head))


def opened(row: Sequence[Any], stored: str | bytes, check: int, zdict: bytes) -> str:
    """A stored fact's JSON (text as it is, compressed bytes inflated), its seal checked against ``row`` (which
    starts with its ``SEALED`` columns); raises Damaged when they do not match."""
    try:
        if isinstance(stored, str):
            raw = stored.encode("utf-8", "surrogatepass")
        else:
            raw = zlib.decompressobj(WBITS, zdict=zdict).decompress(stored)
        if seal(row, raw) == check:
            return raw.decode()
    except (zlib.error, UnicodeError, ValueError, TypeError):
        pass
    msg = f"fact {row[1]!r} does not match its checksum"
    raise Damaged(msg)


def vocab_seal(kind: str, key: str, data: str, embed: str | None) -> int:
    """The checksum of a vocabulary row (a source's record is spliced into every fact printed)."""
    return zlib.crc32(f"{kind}\x1f{key}\x1f{data}\x1f{embed}".encode("utf-8", "surrogatepass"))


def stored_zdict(db: sqlite3.Connection) -> bytes:
    """The index's dictionary (empty when its facts' JSON is stored as text)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'zdict'").fetchone()
    return bytes(row[0]) if row else b""
