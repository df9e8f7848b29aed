"""Appending a fact to a store file without losing a byte.

The file's existing bytes stay an exact prefix of the new file (comments,
order and quoting untouched); the record is appended in the store's style
with every string that YAML 1.1 or 1.2 could retype quoted; the result is
re-read and compared before it replaces the original, atomically (temp file
in the same directory, fsync, rename, fsync of the directory), under an
exclusive lock so that concurrent adds all land and an id is taken once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcli.errors import FactcliError, StoreError, UsageError
from factcli.model import Fact, Problem
from factcli.store import atomic, builders, claims, rules
from factcli.store.files import bundled_store, installed_package
from factcli.store.load import read_store
from factcli.store.newfact import fact_yaml
from factcli.store.yamlread import MAX_FILE_BYTES, LoadedFile, parse_text
from factcli.text.chars import os_error_text

LOCK_NAME = ".factcli.lock"


class WriteError(FactcliError):
    """The file could not be written; the original is unchanged (exit 1)."""


class InvalidFactError(FactcliError):
    """The new fact fails the store's checks; every problem is listed (exit 1)."""

    prefixed = False

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.level == "error"]
        lines = [f"error: {p.message} [{p.check}]" for p in errors]
        return "\n".join([*lines, f"the new fact was not added: {len(errors)} error(s)"])


@dataclass(frozen=True)
class Added:
    fact: Fact
    path: Path
    text: str
    notes: tuple[str, ...] = ()
    #: What validate would warn about the new fact (it is added all the same).
    warnings: tuple[str, ...] = ()


def check_record(root: Path, record: Mapping[str, Any]) -> tuple[Fact, tuple[str, ...]]:
    """Build the fact exactly as the loader would, then hold it to every rule of the store; all problems at once.
    The fact and the warnings it gets (``validate``'s for it)."""
    lf = LoadedFile("<new fact>")
    parse_text(fact_yaml(record), lf)
    built = builders.build_facts(lf)
    store = read_store(root)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid; fix it before adding")
    if built:
        path, fact = built[0]
        violations = [
            *rules.taken(store.by_id, fact),
            *rules.duplicates(store.facts, fact),
            *rules.references(store.vocab, fact),
            *rules.metric_fit(store.vocab, fact),
            *rules.unit_spelling((f.unit for f in store.facts if f.unit), fact),
            *rules.supersedes(store.by_id, fact),
            *rules.content(fact),
            *claims.after_publication(store.vocab.sources, fact),
            *claims.same_ordinal(store.facts, fact),
            *claims.near_duplicates(store.facts, fact),
            *claims.unquoted_names(store.vocab, fact),
        ]
        for violation in violations:
            lf.problem((*path, *violation.at), violation.message, level=violation.level, check=violation.check)
    if any(p.level == "error" for p in lf.problems) or not built:
        raise InvalidFactError(lf.problems)
    return built[0][1], tuple(f"{p.message} [{p.check}]" for p in lf.problems if p.level == "warning")


@contextlib.contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on the store, held across the id check and the write (filelock: any platform)."""
    import filelock  # 50 ms of imports: only add writes

    lock = filelock.FileLock(root / LOCK_NAME)
    try:
        lock.acquire()
    except OSError as exc:
        msg = f"cannot write to the store {root}: {os_error_text(exc)}"
        raise WriteError(msg) from exc
    try:
        yield
    finally:
        lock.release()


def writable(root: Path, *, named: bool = True, what: str = "a fact") -> None:
    """Refuse a store that the user's own writing must not go into, before anything is typed: one inside an
    installed package (the next install or upgrade replaces it, with whatever was added), and the bundled
    store when the user did not name it (``named``: --store or FACTCLI_STORE), so that nobody adds to it by
    leaving the option out."""
    if installed_package(root):
        msg = (
            f"the store {root} is part of the installed factcli and an upgrade replaces it: start a store of "
            "your own (factcli init DIR) and add to it with --store DIR or FACTCLI_STORE=DIR"
        )
        raise UsageError(msg)
    if not named and root.resolve() == bundled_store().resolve():
        msg = (
            f"no store named, and {what} goes into a store of your own, not the bundled one: start one with "
            "'factcli init DIR' and name it with --store DIR or FACTCLI_STORE (to curate the bundled store in a "
            "checkout of factcli, name it: --store factcli/facts)"
        )
        raise UsageError(msg)


def append(root: Path, record: Mapping[str, Any], target: Path | None = None, *, dry_run: bool = False) -> Added:
    """Validate ``record`` against the store and append it to ``target`` (default: ``<topic>.yaml``); a dry run
    only checks it, so it may check against any store."""
    if not dry_run:
        writable(root)
    topic = record.get("topic")
    path = target or root / f"{topic}.yaml"
    if path.parent.resolve() != root.resolve():
        msg = f"{path} is not a file of the store {root}"
        raise UsageError(msg)
    if dry_run:
        fact, warnings = check_record(root, record)
        return Added(fact, path, fact_yaml(record), warnings=warnings)
    with store_lock(root):
        fact, warnings = check_record(root, record)  # under the lock: nobody takes the id between check and write
        old = _old_bytes(path)
        newline = "\r\n" if b"\r\n" in old else "\n"
        notes = []
        sep = b""
        if old and not old.endswith(b"\n"):
            sep = newline.encode()
            notes.append(f"{path.name} had no newline at its end; one was added before the new fact")
        if old.strip():
            sep += newline.encode()
        text = fact_yaml(record, newline)
        new = old + sep + text.encode("utf-8")
        _verify(path, old, new, fact)
        _replace(path, new)
    return Added(fact, path, text, tuple(notes), warnings)


def _verify(path: Path, old: bytes, new: bytes, fact: Fact) -> None:
    """Re-read the new content: the old facts unchanged, plus exactly the new one."""
    before, after = LoadedFile(path.name), LoadedFile(path.name)
    parse_text(old.decode("utf-8"), before)
    parse_text(new.decode("utf-8"), after)
    old_facts = [f for _, f in builders.build_facts(before)]
    new_facts = [f for _, f in builders.build_facts(after)]
    errors_before = [p for p in before.problems if p.level == "error"]
    errors_after = [p for p in after.problems if p.level == "error"]
    # Old facts must come back identical, positions included; the new one is compared without its position.
    unchanged = new_facts[:-1] == old_facts and len(new_facts) == len(old_facts) + 1
    if (
        errors_after != errors_before
        or not unchanged
        or dataclasses.replace(new_facts[-1], location=None) != dataclasses.replace(fact, location=None)
    ):
        msg = f"appending to {path} would change what it holds; nothing was written"
        raise WriteError(msg)


def _replace(path: Path, data: bytes) -> None:
    """Atomic replace (store.atomic): readers see the old file or the new one, never half; a symbolic link to
    the file stays one, and its target is what changes."""
    try:
        atomic.replace_bytes(path, data)
    except OSError as exc:
        msg = f"cannot write {path}: {os_error_text(exc)}; the original is unchanged"
        raise WriteError(msg) from exc


def _old_bytes(path: Path) -> bytes:
    """The store file's bytes as they are (none for a new file); one too large to read, or that is not a
    regular file, is refused as validate refuses it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        msg = f"cannot read {path}: {os_error_text(exc)}"
        raise WriteError(msg) from exc
    if not stat.S_ISREG(st.st_mode):
        msg = f"{path} is not a regular file; nothing was written"
        raise WriteError(msg)
    if st.st_size > MAX_FILE_BYTES:
        msg = f"{path} is over the {MAX_FILE_BYTES // 2**20} MiB limit for one store file; add to another file"
        raise WriteError(msg)
    return path.read_bytes()


def replace_atomically(path: Path, data: bytes) -> None:
    """The atomic replace ``add`` writes with, for the other files curators' commands append to (sources.yaml)."""
    _replace(path, data)
