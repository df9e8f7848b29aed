"""The store: where it is, which files it has, and the ``Store`` that lookups query.

Reading the YAML lives in ``loader.py`` and the SQLite index in ``index.py``;
both produce a ``Store`` (the index a subclass answering from SQL).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.errors import UsageError
from factcli.textnorm import fold

if TYPE_CHECKING:
    from factcli.errors import Problem
    from factcli.loader import ParsedFile
    from factcli.model import Entity, Fact, Metric, Source, Topic
    from factcli.query import Query

STORE_ENV = "FACTCLI_STORE"
VOCABULARIES = ("sources", "entities", "topics", "metrics")
YAML_SUFFIXES = (".yaml", ".yml")


class Store:
    """A loaded store: facts in file order, vocabularies by key, and every problem found.

    A plain class, not a dataclass: every lookup imports this module, and generating a
    dataclass's methods costs about a millisecond, as much as a query of the index.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.facts: list[Fact] = []
        self.by_id: dict[str, Fact] = {}
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.topics: dict[str, Topic] = {}
        self.metrics: dict[str, Metric] = {}
        #: folded name or alias → canonical entity name
        self.aliases: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.files: list[str] = []
        #: Messages for the user about how the store was read (cache warnings); the CLI prints them.
        self.notes: list[str] = []
        #: Each fact file's parse result by file name, for the index to reuse next time.
        self.parsed_files: dict[str, ParsedFile] = {}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    # What lookups ask of a store. ``indexed.IndexedStore`` answers the same from SQLite.

    def get(self, fact_id: str) -> Fact | None:
        return self.by_id.get(fact_id)

    def fact_ids(self) -> list[str]:
        return list(self.by_id)

    def all_facts(self) -> list[Fact]:
        return self.facts

    def tags(self) -> set[str]:
        return {fold(t) for f in self.facts for t in f.tags}

    def units(self) -> set[str]:
        return {f.unit for f in self.facts if f.unit}

    def facts_of_metric(self, metric: str) -> list[Fact]:
        return [f for f in self.facts if f.metric == metric]

    def superseded_by(self, fact_id: str) -> list[str]:
        return [f.id for f in self.facts if f.supersedes and f.supersedes.id == fact_id]

    def count_by(self, dim: str) -> dict[str, int]:
        """Facts per topic, source or entity."""
        counts: dict[str, int] = {}
        for fact in self.facts:
            keys = {"topic": (fact.topic,), "source": fact.source_ids, "entity": fact.entities}[dim]
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def select(self, query: Query, entity_names: Iterable[str], terms: Sequence[str]) -> list[Fact] | None:
        """The exact ordered result if this store can compute it directly; None means: filter in Python."""
        return None

    def prerendered_json(self, fact: Fact) -> str | None:
        """The fact's JSON record as ready-made text, when the store keeps one."""
        return None


def bundled_store() -> Path:
    """The store shipped inside the package (and the wheel), beside this module.

    Not importlib.resources: a store must be a real directory (the index keys it by
    file stats), and importing the resources machinery cost 4 ms of every start-up.
    """
    return Path(__file__).parent / "facts"


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
        from factcli.text.chars import os_error_text  # noqa: PLC0415 - error path only

        msg = f"cannot list store {str(root)!r}: {os_error_text(exc)}"
        raise UsageError(msg) from exc
    return [
        root / name
        for name in names
        if name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".") and not name.endswith("~")
    ]


def suggest(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or '' — the one phrasing every unknown-name message uses."""
    import difflib  # noqa: PLC0415 - only error paths need it

    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
