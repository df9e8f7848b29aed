"""Read a store directory's YAML into a ``Store``, checking every rule across its files.

``read_store`` collects every problem of every file and never raises for bad
data (``validate`` needs them all); ``load_store`` refuses a store with
errors, so no command answers from bad data. Lookups never come here while
the index is current: this is the YAML side of the house.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from factcli.errors import StoreError
from factcli.model import Fact, Problem
from factcli.store import builders, rules
from factcli.store.files import VOCABULARIES, store_files, vocabulary_of
from factcli.store.vocab import Vocabulary
from factcli.store.yamlread import LoadedFile, Path_, parse_text, read_yaml_file
from factcli.text.chars import display_path
from factcli.text.fold import fold


class Store:
    """A store as read from its YAML: vocabulary, facts in file order, and every problem found.

    A plain class: it is filled in while the files are read.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.vocab = Vocabulary()
        #: Facts whose every reference resolves, in file order.
        self.facts: list[Fact] = []
        #: Every fact by id, the first of duplicates (its references need not resolve).
        self.by_id: dict[str, Fact] = {}
        self.problems: list[Problem] = []
        self.files: list[str] = []
        #: Each fact file's parse by file name.
        self.parsed_files: dict[str, ParsedFile] = {}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


@dataclass
class ParsedFile:
    """One fact file as parsed: its facts, its own problems and the positions later checks need.

    Kept apart from cross-file problems (duplicate ids, references) so that the
    index can reuse it unchanged when only other files changed.
    """

    lf: LoadedFile
    facts: list[tuple[Path_, Fact]]
    problems: list[Problem]


Progress = Callable[[int, int], None]


def parse_fact_file(path: Path, *, positions: bool = True) -> ParsedFile:
    """One fact file read and built; without ``positions`` only each record's is kept (the index build's
    road: at any problem it reads the store the thorough way, which words every problem in its place)."""
    lf = read_yaml_file(str(path), display_path(path), depth=None if positions else 1)
    _warn_if_empty(lf)
    return _built(lf)


def parse_fact_text(text: str, display: str) -> ParsedFile:
    """Fact-file text read and built as ``parse_fact_file(positions=False)`` reads a file (the index build
    reads the start of a file this way for its compression dictionary)."""
    lf = LoadedFile(display)
    parse_text(text, lf, depth=1)
    return _built(lf)


def _built(lf: LoadedFile) -> ParsedFile:
    return ParsedFile(lf, builders.build_facts(lf), list(lf.problems))


def load_store(root: Path) -> Store:
    store = read_store(root)
    if store.errors:
        raise StoreError(store.problems, f"the store at {root} is invalid")
    return store


def read_store(root: Path, progress: Progress | None = None) -> Store:
    """Read every file of the store, in this process, finding every problem of every file (validate's road;
    the index has a faster one for a valid store).

    The garbage collector is paused meanwhile: reading makes millions of objects that all
    live on and almost no garbage, and the collections their allocation sets off rescan
    them over and over (11% of reading 100,000 facts, for the same peak memory).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_store(root, progress)
    finally:
        if paused:
            gc.enable()


def _read_store(root: Path, progress: Progress | None) -> Store:
    store = Store(root)
    files = store_files(root)
    vocab_files: dict[str, list[LoadedFile]] = {kind: [] for kind in VOCABULARIES}
    fact_files: list[tuple[LoadedFile, ParsedFile]] = []
    for done, path in enumerate(files, 1):
        kind = vocabulary_of(path.name)
        if kind is not None:
            lf = read_yaml_file(str(path), display_path(path))
            _warn_if_empty(lf)
            vocab_files[kind].append(lf)
        else:
            parsed = parse_fact_file(path)
            store.parsed_files[path.name] = parsed
            lf = LoadedFile(parsed.lf.path, None, parsed.lf.value_pos, parsed.lf.key_pos)
            lf.problems = list(parsed.problems)
            fact_files.append((lf, parsed))
        store.files.append(lf.path)
        if progress is not None:
            progress(done, len(files))
    _load_vocabulary(store.vocab, vocab_files)
    ids = rules.Unique("fact id", "id")
    for lf, parsed in fact_files:
        for record, fact in parsed.facts:
            if ids.claim(fact.id, lf, record):
                store.by_id[fact.id] = fact
            broken = [*rules.references(store.vocab, fact), *rules.metric_fit(store.vocab, fact)]
            for violation in broken:
                lf.problem((*record, *violation.at), violation.message, level=violation.level, check=violation.check)
            if not broken:
                store.facts.append(fact)
    for lf, parsed in fact_files:
        for record, fact in parsed.facts:
            for violation in rules.supersedes(store.by_id, fact):
                lf.problem((*record, *violation.at), violation.message, check=violation.check)
    for lf in [*(f for f, _ in fact_files), *(f for group in vocab_files.values() for f in group)]:
        store.problems.extend(lf.problems)
    if not fact_files:
        message = f"no fact files (*.yaml besides {', '.join(VOCABULARIES)}) in the store"
        store.problems.append(Problem(str(root), 1, 1, "error", message, "store"))
    store.problems.sort()
    return store


def read_vocabulary(paths: Iterable[Path]) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary (sources, entities, topics, metrics, thesaurus) read from the vocabulary files among
    ``paths`` (a store's files), with their problems: what the index build needs before it reads the facts."""
    vocab = Vocabulary()
    files: dict[str, list[LoadedFile]] = {kind: [] for kind in VOCABULARIES}
    for path in paths:
        kind = vocabulary_of(path.name)
        if kind is None:
            continue
        lf = read_yaml_file(str(path), display_path(path))
        _warn_if_empty(lf)
        files[kind].append(lf)
    _load_vocabulary(vocab, files)
    return vocab, [p for group in files.values() for lf in group for p in lf.problems]


def _warn_if_empty(lf: LoadedFile) -> None:
    if lf.empty and not lf.problems:
        lf.problems.append(Problem(lf.path, 1, 1, "warning", "file is empty", "empty-file"))


def _load_vocabulary(vocab: Vocabulary, files: dict[str, list[LoadedFile]]) -> None:
    sources, topics = rules.Unique("source id", "id"), rules.Unique("topic key", "key")
    metrics, entities = rules.Unique("metric key", "key"), rules.Unique("entity name", "name")
    for lf in files["sources"]:
        for path, source in builders.build_sources(lf):
            if sources.claim(source.id, lf, path):
                vocab.sources[source.id] = source
    for lf in files["topics"]:
        for path, topic in builders.build_topics(lf):
            if topics.claim(topic.key, lf, path):
                vocab.topics[topic.key] = topic
    for lf in files["metrics"]:
        for path, metric in builders.build_metrics(lf):
            if metrics.claim(metric.key, lf, path):
                vocab.metrics[metric.key] = metric
            for violation in rules.metric_described(metric):
                lf.problem((*path, *violation.at), violation.message, level=violation.level, check=violation.check)
    for lf in files["entities"]:
        for path, entity in builders.build_entities(lf):
            if not entities.claim(entity.name, lf, path):
                continue
            vocab.entities[entity.name] = entity
            for i, name in enumerate((entity.name, *entity.aliases)):
                other = vocab.aliases.setdefault(fold(name), entity.name)
                if other != entity.name:
                    where = (*path, "name") if i == 0 else (*path, "aliases", i - 1)
                    lf.problem(where, f"alias '{name}' names both '{other}' and '{entity.name}'", check="reference")
    words = rules.Unique("thesaurus word", "words")
    for lf in files["thesaurus"]:
        for path, entry in builders.build_thesaurus(lf):
            for i, word in enumerate(entry.words):
                if words.claim(fold(word), lf, (*path, "words", i), field=None):
                    vocab.thesaurus[fold(word)] = entry
