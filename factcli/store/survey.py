"""The store as its index reads it: one look at its files, and everything the index asks of them.

The index is a cache of the store's files, and asks the store once: ``survey(root)``.
The answer lists every file with its stats (the index's key is made of them) and
whether it holds a vocabulary or facts; from it the index reads the vocabulary,
each fact file's facts checked against it (in the build's workers), the start of
the first fact file, and, where the store has any error, the whole store the
thorough way, which words every problem. Listing and stats read no YAML: a lookup
on a current index makes its survey and asks nothing more.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.store.files import store_files, vocabulary_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from factcli.model import Fact
    from factcli.store.load import ParsedFile, Store
    from factcli.store.vocab import Vocabulary
    from factcli.store.yamlread import Path_

    #: A fact file's facts, each with where its record is in the file.
    Facts = list[tuple[Path_, Fact]]


class StoreFile:
    """One YAML file of a store: where it is, the vocabulary it holds (None: facts) and its stats when it was
    surveyed (None: it could not be read)."""

    __slots__ = ("name", "path", "stat", "vocabulary")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.vocabulary = vocabulary_of(path.name)
        try:
            self.stat: os.stat_result | None = path.stat()
        except OSError:
            self.stat = None

    @property
    def size(self) -> int:
        return self.stat.st_size if self.stat is not None else 0


class Survey:
    """A store's files as they were when it was surveyed, and the readers the index uses on them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        #: Every YAML file of the store, sorted by name (store_files).
        self.files = [StoreFile(path) for path in store_files(root)]

    def again(self) -> Survey:
        """The store's files as they are now (they may have changed since)."""
        return Survey(self.root)

    @property
    def fact_files(self) -> list[StoreFile]:
        return [file for file in self.files if file.vocabulary is None]

    @staticmethod
    def holds_vocabulary(name: str) -> bool:
        """Whether a file of this name, surveyed or gone, is one of the vocabulary's."""
        return vocabulary_of(name) is not None

    def vocabulary(self) -> Vocabulary | None:
        """The vocabulary read from its files; None when they have an error."""
        from factcli.store.load import read_vocabulary

        vocab, problems = read_vocabulary(file.path for file in self.files)
        return None if any(p.level == "error" for p in problems) else vocab

    def facts(self, path: Path, vocab: Vocabulary) -> Facts | None:
        """A fact file's facts, read and checked against ``vocab``; None at any error of the file or of a
        fact's references (the index then reads the store the thorough way, ``read_all``)."""
        from factcli.store.load import parse_fact_file

        return _checked(parse_fact_file(path, positions=False), vocab)

    def first_facts(self, path: Path, count: int, vocab: Vocabulary) -> Facts | None:
        """The first ``count`` facts of a fact file, read from its start alone (at most HEAD_BYTES), checked as
        ``facts`` checks them; None where the start cannot be read apart (a file of fewer facts, an item not at
        the line's start, a FIFO) or holds an error."""
        from factcli.store.load import parse_fact_text

        try:
            text = _head(path)
        except (OSError, UnicodeDecodeError):
            return None
        cut = _item_start(text, count)
        return None if cut is None else _checked(parse_fact_text(text[:cut], path.name), vocab)

    def read_all(self, progress: Callable[[int, int], None] | None = None) -> Store:
        """The whole store read in this process, every problem of every file found (see load.read_store)."""
        from factcli.store.load import read_store

        return read_store(self.root, progress=progress)


def survey(root: Path) -> Survey:
    """The store at ``root`` as its index reads it: the one question the index asks the store."""
    return Survey(root)


def _checked(parsed: ParsedFile, vocab: Vocabulary) -> Facts | None:
    from factcli.store import rules

    if any(p.level == "error" for p in parsed.problems):
        return None
    for _, fact in parsed.facts:
        broken = [*rules.references(vocab, fact), *rules.metric_fit(vocab, fact)]
        if any(v.level == "error" for v in broken):
            return None
    return parsed.facts


#: How much of a fact file ``first_facts`` reads: 64 facts of ordinary length take a twentieth of it.
HEAD_BYTES = 1 << 20


def _head(path: Path) -> str:
    """The first whole lines of a fact file, at most HEAD_BYTES of them (a FIFO or a device: none). Opened
    without blocking: opening a FIFO to read it would wait for a writer forever."""
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb", buffering=0) as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return ""
        raw = fh.read(HEAD_BYTES)
    return raw[: raw.rfind(b"\n") + 1].decode("utf-8-sig")


def _item_start(text: str, n: int) -> int | None:
    """Where the n-th (from 0) item of a top-level YAML list written at the line's start begins."""
    at = 0 if text.startswith("- ") else -1
    count = 0 if at == 0 else -1
    while count < n:
        at = text.find("\n- ", at + 1)
        if at < 0:
            return None
        count += 1
    return at + 1
