"""Read a store directory's YAML into a ``Store``, and cross-check its files.

``read_store`` collects every problem of every file and never raises for bad
data (``validate`` needs them all); ``load_store`` refuses a store with
errors, so no command answers from bad data. Kept apart from ``store.py``
so that a lookup answered from the index never imports the YAML machinery.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcli import schema
from factcli.errors import Problem, StoreError
from factcli.model import Fact
from factcli.store import VOCABULARIES, Store, display_path, store_files, suggest
from factcli.textnorm import fold
from factcli.yamlread import LoadedFile, Path_, read_yaml_file


@dataclass
class ParsedFile:
    """One fact file as parsed: its facts, its own problems and the positions later checks need.

    Kept apart from cross-file problems (duplicate ids, references) so that the
    index can reuse it unchanged when only other files changed.
    """

    lf: LoadedFile
    facts: list[tuple[Path_, Fact]]
    problems: list[Problem]


#: Fields whose positions cross-file checks point at; the rest are dropped before caching.
_REFERENCE_FIELDS = frozenset({"id", "topic", "metric", "entities", "citations", "supersedes"})


def parse_fact_file(path: Path) -> ParsedFile:
    lf = read_yaml_file(str(path), display_path(path))
    if lf.empty and not lf.problems:
        lf.problems.append(Problem(lf.path, 1, 1, "warning", "file is empty", "empty-file"))
    facts = schema.build_facts(lf)
    lean = LoadedFile(lf.path)
    lean.value_pos = {k: v for k, v in lf.value_pos.items() if len(k) <= 1 or k[1] in _REFERENCE_FIELDS}
    lean.key_pos = {k: v for k, v in lf.key_pos.items() if len(k) <= 1 or k[1] in _REFERENCE_FIELDS}
    return ParsedFile(lean, facts, list(lf.problems))


def load_store(root: Path) -> Store:
    store = read_store(root)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid")
    return store


def read_store(
    root: Path,
    reuse: dict[tuple[str, int, int], ParsedFile] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Store:
    """Read every file of the store; fact files found unchanged in ``reuse`` are not parsed again.

    The garbage collector is paused meanwhile: reading makes millions of objects that all
    live on and almost no garbage, and the collections their allocation sets off rescan
    them over and over (11% of reading 100,000 facts, for the same peak memory).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_store(root, reuse, progress)
    finally:
        if paused:
            gc.enable()


def _read_store(
    root: Path,
    reuse: dict[tuple[str, int, int], ParsedFile] | None,
    progress: Callable[[int, int], None] | None,
) -> Store:
    store = Store(root)
    files = store_files(root)
    vocab: dict[str, list[LoadedFile]] = {name: [] for name in VOCABULARIES}
    fact_files: list[tuple[LoadedFile, ParsedFile]] = []
    for done, path in enumerate(files, 1):
        stem = path.name.rsplit(".", 1)[0].lower()
        if stem in vocab:
            lf = read_yaml_file(str(path), display_path(path))
            if lf.empty and not lf.problems:
                lf.problems.append(Problem(lf.path, 1, 1, "warning", "file is empty", "empty-file"))
            vocab[stem].append(lf)
        else:
            parsed = _reused(path, reuse) or parse_fact_file(path)
            store.parsed_files[path.name] = parsed
            lf = LoadedFile(parsed.lf.path, None, parsed.lf.value_pos, parsed.lf.key_pos)
            lf.problems = list(parsed.problems)
            fact_files.append((lf, parsed))
        store.files.append(lf.path)
        if progress is not None:
            progress(done, len(files))
    _load_vocabularies(store, vocab)
    ids = _Unique("fact id", "id")
    for lf, parsed in fact_files:
        for record_path, fact in parsed.facts:
            _check_fact_references(store, ids, lf, record_path, fact)
    for lf in [*(f for f, _ in fact_files), *(f for files_ in vocab.values() for f in files_)]:
        store.problems.extend(lf.problems)
    if not fact_files:
        msg = "no fact files (*.yaml besides sources, entities, topics, metrics) in the store"
        store.problems.append(Problem(str(root), 1, 1, "error", msg, "store"))
    _check_supersedes(store)
    store.problems.sort()
    return store


def _reused(path: Path, reuse: dict[tuple[str, int, int], ParsedFile] | None) -> ParsedFile | None:
    if not reuse:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return reuse.get((path.name, st.st_size, st.st_mtime_ns))


class _Unique:
    """The first place each key was defined, so that a duplicate names both places, each at the key."""

    def __init__(self, what: str, field: str) -> None:
        self.what, self.field = what, field
        self.first: dict[str, tuple[LoadedFile, Path_]] = {}

    def claim(self, key: str, lf: LoadedFile, record: Path_) -> bool:
        here = (*record, self.field)
        first = self.first.setdefault(key, (lf, here))
        if first == (lf, here):
            return True
        _first_lf, _first_path = first
        for (at_lf, at_path), (other_lf, other_path) in (((lf, here), first), (first, (lf, here))):
            line, col = other_lf.pos(other_path)
            message = f"duplicate {self.what} '{key}' (also at {other_lf.path}:{line}:{col})"
            at_lf.problem(at_path, message, check="duplicate-id")
        return False


def _load_vocabularies(store: Store, vocab: dict[str, list[LoadedFile]]) -> None:
    sources, topics = _Unique("source id", "id"), _Unique("topic key", "key")
    metrics, entities = _Unique("metric key", "key"), _Unique("entity name", "name")
    for lf in vocab["sources"]:
        for path, source in schema.build_sources(lf):
            if sources.claim(source.id, lf, path):
                store.sources[source.id] = source
    for lf in vocab["topics"]:
        for path, topic in schema.build_topics(lf):
            if topics.claim(topic.key, lf, path):
                store.topics[topic.key] = topic
    for lf in vocab["metrics"]:
        for path, metric in schema.build_metrics(lf):
            if metrics.claim(metric.key, lf, path):
                store.metrics[metric.key] = metric
    for lf in vocab["entities"]:
        for path, entity in schema.build_entities(lf):
            if not entities.claim(entity.name, lf, path):
                continue
            store.entities[entity.name] = entity
            for i, name in enumerate((entity.name, *entity.aliases)):
                key = fold(name)
                other = store.aliases.setdefault(key, entity.name)
                if other != entity.name:
                    where = (*path, "name") if i == 0 else (*path, "aliases", i - 1)
                    lf.problem(where, f"alias '{name}' names both '{other}' and '{entity.name}'", check="reference")


def _check_fact_references(store: Store, ids: _Unique, lf: LoadedFile, path: Path_, fact: Fact) -> None:
    ok = ids.claim(fact.id, lf, path)
    if ok:
        store.by_id[fact.id] = fact

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
