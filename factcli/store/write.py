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
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcli.errors import FactcliError, StoreError, UsageError
from factcli.model import Fact, Problem
from factcli.store import builders, claims, fields, rules
from factcli.store.load import read_store
from factcli.store.yamlread import LoadedFile, parse_text
from factcli.text.chars import os_error_text

LOCK_NAME = ".factcli.lock"
_PLAIN_SAFE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


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


def scalar(value: Any) -> str:
    """A YAML scalar that every reader (1.1 or 1.2) reads back as exactly ``value``."""
    if isinstance(value, bool) or value is None:
        msg = f"cannot write {value!r}"
        raise TypeError(msg)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:  # YAML 1.1 reads "1e+20" as text: it wants "1.0e+20"
            mantissa += ".0"
        return f"{mantissa}e{exponent}" if exponent else mantissa
    text = str(value)
    # Plain only for words YAML cannot mistake for anything else (no yes/no/on/off, null, numbers, dates …).
    if _PLAIN_SAFE.fullmatch(text) and text not in {"y", "n", "yes", "no", "on", "off", "null", "true", "false"}:
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid YAML double-quoted escapes


def fact_yaml(record: Mapping[str, Any], newline: str = "\n") -> str:
    """One fact as a YAML list item, fields in the schema's order."""
    lines: list[str] = []
    for key in fields.FACT_FIELDS:
        value = record.get(key)
        if value is None or value == [] or (key == "qualifier" and value == "exact"):
            continue
        prefix = "- " if not lines else "  "
        if key in ("tags", "entities"):
            lines.append(f"{prefix}{key}: [{', '.join(scalar(v) for v in value)}]")
        elif key in ("period", "supersedes"):
            inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items() if v is not None)
            lines.append(f"{prefix}{key}: {{{inner}}}")
        elif key == "citations":
            lines.append(f"{prefix}citations:")
            for citation in value:
                lines.append(f"    - source: {scalar(citation['source'])}")
                lines.append(f"      section: {scalar(citation['section'])}")
                lines.append(f"      quote: {scalar(citation['quote'])}")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")
    return newline.join(lines) + newline


def record_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """A fact given as JSON, in the store's shape or as ``show --json`` prints it (sources embedded, nulls)."""
    record = {key: value for key, value in data.items() if value is not None and value != []}
    citations = record.get("citations")
    if isinstance(citations, list):
        record["citations"] = [
            {**c, "source": c["source"].get("id")} if isinstance(c, dict) and isinstance(c.get("source"), dict) else c
            for c in citations
        ]
    if record.get("qualifier") == "exact":
        del record["qualifier"]
    return record


def propose_id(claim: str, when: str | None, taken: set[str]) -> str:
    """A readable unique slug from the claim's first words and the year."""
    words = [w for w in re.findall(r"[a-z0-9]+", claim.lower()) if w not in {"the", "a", "an", "of", "in", "and"}]
    base = "-".join(words[:6] + ([when[:4]] if when else [])) or "fact"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


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
            *rules.supersedes(store.by_id, fact),
            *rules.content(fact),
            *claims.after_publication(store.vocab.sources, fact),
            *claims.same_ordinal(store.facts, fact),
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


def append(root: Path, record: Mapping[str, Any], target: Path | None = None, *, dry_run: bool = False) -> Added:
    """Validate ``record`` against the store and append it to ``target`` (default: ``<topic>.yaml``)."""
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
        old = path.read_bytes() if path.exists() else b""
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
    """Atomic replace: readers see the old file or the new one, never half."""
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        msg = f"cannot write {path}: {os_error_text(exc)}; the store is unchanged"
        raise WriteError(msg) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        msg = f"cannot write {path}: {os_error_text(exc)}; the original is unchanged"
        raise WriteError(msg) from exc


def replace_atomically(path: Path, data: bytes) -> None:
    """The atomic replace ``add`` writes with, for the other files curators' commands append to (sources.yaml)."""
    _replace(path, data)
