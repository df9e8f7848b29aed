"""How a fact's JSON is stored in a large index: deflated with a dictionary of the store's own JSON.

A fact's JSON alone hardly compresses (most of it is keys and names every fact
repeats); primed with a few facts' JSON as the dictionary it shrinks to about a
fifth, which keeps the index under twice the YAML. Raw deflate (no zlib header
or checksum) because a lookup inflates each fact it prints: with the header,
zlib stops to ask for the dictionary, which costs nearly as much as the inflating.
An index of a small store (memory, tests) stores plain text.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

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


def zdict_of(bodies: Sequence[str]) -> bytes:
    """A compression dictionary: the last ZDICT_BYTES of some facts' JSON."""
    return "".join(bodies).encode()[-ZDICT_BYTES:]


def compress(text: str, zdict: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, PACK_WBITS, zdict=zdict)
    return packer.compress(text.encode()) + packer.flush()


def decompress(stored: str | bytes, zdict: bytes) -> str:
    """A stored fact's JSON: text as it is, compressed bytes inflated."""
    if isinstance(stored, str):
        return stored
    return zlib.decompressobj(WBITS, zdict=zdict).decompress(stored).decode()


def stored_zdict(db: sqlite3.Connection) -> bytes:
    """The index's dictionary (empty when its facts' JSON is stored as text)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'zdict'").fetchone()
    return bytes(row[0]) if row else b""
