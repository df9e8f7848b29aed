"""Find, read and cross-check a store directory.

``read_store`` collects every problem of every file and never raises for bad
data (``validate`` needs them all); ``load_store`` is the lookup commands'
entry and refuses a store with errors, so no command answers from bad data.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from factcli import schema
from factcli.errors import Problem, StoreError, UsageError
from factcli.model import Entity, Fact, Metric, Source, Topic
from factcli.textnorm import fold
from factcli.yamlread import LoadedFile, Path_, read_yaml_file

STORE_ENV = "FACTCLI_STORE"
VOCABULARIES = ("sources", "entities", "topics", "metrics")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Store:
    """A loaded store: facts in file order, vocabularies by key, and every problem found."""

    root: Path
    facts: list[Fact] = field(default_factory=list)
    by_id: dict[str, Fact] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    #: folded name or alias → canonical entity name
    aliases: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def bundled_store() -> Path:
    """The store shipped inside the package (and the wheel)."""
    return Path(str(resources.files("factcli") / "facts"))


def resolve_store_path(option: str | None) -> Path:
    """--store, else $FACTCLI_STORE, else the bundled store; a missing directory is a usage error."""
    env = os.environ.get(STORE_ENV) or None
    chosen, origin = (option, "--store") if option else (env, STORE_ENV) if env else (None, "")
    if chosen is None:
        return bundled_store()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a directory"
        msg = f"store {chosen!r} (from {origin}) {what}"
        raise UsageError(msg)
    return path


def store_files(root: Path) -> list[Path]:
    """YAML files directly in ``root`` (no recursion: a store is flat), sorted; dotfiles and backups skipped."""
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        msg = f"cannot list store {str(root)!r}: {exc.strerror}"
        raise UsageError(msg) from exc
    return [
        root / name
        for name in names
        if name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".") and not name.endswith("~")
    ]


def load_store(root: Path) -> Store:
    store = read_store(root)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid")
    return store


def read_store(root: Path) -> Store:
    store = Store(root)
    files = store_files(root)
    vocab: dict[str, list[LoadedFile]] = {name: [] for name in VOCABULARIES}
    fact_files: list[LoadedFile] = []
    for path in files:
        lf = read_yaml_file(str(path), _display(path))
        store.files.append(lf.path)
        stem = path.name.rsplit(".", 1)[0].lower()
        vocab.get(stem, fact_files).append(lf)
        if lf.empty and not lf.problems:
            lf.problems.append(Problem(lf.path, 1, 1, "warning", "file is empty", "empty-file"))
    _load_vocabularies(store, vocab)
    for lf in fact_files:
        for record_path, fact in schema.build_facts(lf):
            _check_fact_references(store, lf, record_path, fact)
    for lf in [*fact_files, *(f for files_ in vocab.values() for f in files_)]:
        store.problems.extend(lf.problems)
    if not fact_files:
        msg = "no fact files (*.yaml besides sources, entities, topics, metrics) in the store"
        store.problems.append(Problem(str(root), 1, 1, "error", msg, "store"))
    _check_supersedes(store)
    store.problems.sort()
    return store


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _load_vocabularies(store: Store, vocab: dict[str, list[LoadedFile]]) -> None:
    for lf in vocab["sources"]:
        for source in schema.build_sources(lf):
            _put_unique(lf, store.sources, source.id, source, "source id")
    for lf in vocab["topics"]:
        for topic in schema.build_topics(lf):
            _put_unique(lf, store.topics, topic.key, topic, "topic key")
    for lf in vocab["metrics"]:
        for metric in schema.build_metrics(lf):
            _put_unique(lf, store.metrics, metric.key, metric, "metric key")
    for lf in vocab["entities"]:
        for entity in schema.build_entities(lf):
            if not _put_unique(lf, store.entities, entity.name, entity, "entity name"):
                continue
            for name in (entity.name, *entity.aliases):
                key = fold(name)
                other = store.aliases.setdefault(key, entity.name)
                if other != entity.name:
                    line = entity.location.line if entity.location else 1
                    msg = f"alias '{name}' names both '{other}' and '{entity.name}'"
                    lf.problems.append(Problem(lf.path, line, 1, "error", msg, "reference"))


def _put_unique(lf: LoadedFile, table: dict[str, Any], key: str, value: Any, what: str) -> bool:
    location = getattr(value, "location", None)
    if key in table:
        first = getattr(table[key], "location", None)
        where = f" (first at {first.path}:{first.line})" if first else ""
        line = location.line if location else 1
        lf.problems.append(Problem(lf.path, line, 1, "error", f"duplicate {what} '{key}'{where}", "duplicate-id"))
        return False
    table[key] = value
    return True


def suggest(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or '' — the one phrasing every unknown-name message uses."""
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def _check_fact_references(store: Store, lf: LoadedFile, path: Path_, fact: Fact) -> None:
    ok = _put_unique(lf, store.by_id, fact.id, fact, "fact id")

    def missing(sub: Path_, message: str) -> None:
        nonlocal ok
        ok = False
        lf.problem((*path, *sub), message, check="reference")

    if fact.topic not in store.topics:
        missing(("topic",), f"unknown topic '{fact.topic}'{suggest(fact.topic, store.topics)}")
    if fact.metric is not None and fact.metric not in store.metrics:
        missing(("metric",), f"unknown metric '{fact.metric}'{suggest(fact.metric, store.metrics)}")
    for i, name in enumerate(fact.entities):
        if name not in store.entities:
            canonical = store.aliases.get(fold(name))
            hint = f" (write its canonical name '{canonical}')" if canonical else suggest(name, store.entities)
            missing(("entities", i), f"unknown entity '{name}'{hint}")
    for i, citation in enumerate(fact.citations):
        if citation.source not in store.sources:
            missing(
                ("citations", i, "source"),
                f"unknown source '{citation.source}'{suggest(citation.source, store.sources)}",
            )
    if ok:
        store.facts.append(fact)


def _check_supersedes(store: Store) -> None:
    for fact in store.facts:
        if fact.supersedes is None or fact.location is None:
            continue
        if fact.supersedes.id not in store.by_id:
            hint = suggest(fact.supersedes.id, store.by_id)
            msg = f"'{fact.id}' supersedes unknown fact '{fact.supersedes.id}'{hint}"
            store.problems.append(Problem(fact.location.path, fact.location.line, 1, "error", msg, "reference"))
        elif fact.supersedes.id == fact.id:
            msg = f"'{fact.id}' supersedes itself"
            store.problems.append(Problem(fact.location.path, fact.location.line, 1, "error", msg, "reference"))
