"""Scoring ``extract`` against a store's own facts for a document (used by the tests and by hand).

    python -m tests.extract_score            # the five seed documents, each with the bundled store emptied of it
    python -m tests.extract_score -v         # and every fact missed, every candidate the store does not hold

The issue's measure: a store fact is *proposed* when a candidate has its value, qualifier, date or period, and
a quote that contains the store's or is contained in it (both folded as ``validate --texts`` folds them);
*proposed whole* when also its unit, kind and entities (as a set) are the fact's. Facts and candidates are
paired one to one (a maximum matching), so one candidate never counts for two facts.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcli.checks.quotes import normalise
from factcli.extract.held import when_of
from factcli.model import Fact, fact_data
from factcli.reading.numbers import same_value
from factcli.store.files import bundled_store, store_files, vocabulary_of
from factcli.store.load import load_store
from factcli.store.write import fact_yaml

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@dataclass
class Score:
    source: str
    facts: int = 0
    proposed: int = 0
    whole: int = 0
    candidates: int = 0
    #: Candidates no fact of the store is paired with (omissions of the store, or noise).
    unheld: list[dict[str, Any]] = field(default_factory=list)
    missed: list[Fact] = field(default_factory=list)
    #: Of the facts proposed whole, how many have the fact's metric (or none, as it has), and its topic.
    metrics: int = 0
    topics: int = 0
    partial: list[tuple[Fact, dict[str, Any]]] = field(default_factory=list)

    def line(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {a / b:.1%}" if b else f"{a}/0"

        return (
            f"{self.source:<26} proposed {pct(self.proposed, self.facts):<16} whole {pct(self.whole, self.facts):<16}"
            f" not held {pct(len(self.unheld), self.candidates):<14}"
            f" (whole: metric {self.metrics}, topic {self.topics})"
        )


def emptied_store(source_id: str, into: Path) -> Path:
    """A copy of the bundled store without the facts that cite ``source_id``."""
    store = load_store(bundled_store())
    into.mkdir(parents=True, exist_ok=True)
    for path in store_files(bundled_store()):
        if vocabulary_of(path.name):
            shutil.copy(path, into / path.name)
    kept: dict[str, list[str]] = {}
    for fact in store.facts:
        if source_id not in fact.source_ids:
            kept.setdefault(fact.topic, []).append(fact_yaml(fact_data(fact)))
    for topic, records in kept.items():
        (into / f"{topic}.yaml").write_text("\n".join(records), encoding="utf-8")
    return into


def proposes(candidate: dict[str, Any], fact: Fact, source_id: str) -> bool:
    """The issue's first measure: value, qualifier, date or period, and a quote inside the other."""
    if (candidate.get("value") is None) != (fact.value is None):
        return False
    if fact.value is not None and not same_value(float(candidate["value"]), float(fact.value)):
        return False
    if (candidate.get("qualifier") or "exact") != fact.qualifier or when_of(candidate) != when_of(fact):
        return False
    ours = normalise(candidate["citations"][0]["quote"])
    for citation in fact.citations:
        if citation.source == source_id:
            theirs = normalise(citation.quote)
            if ours in theirs or theirs in ours:
                return True
    return False


def proposes_whole(candidate: dict[str, Any], fact: Fact, source_id: str) -> bool:
    """The second measure: also the same unit, kind and entities."""
    return (
        proposes(candidate, fact, source_id)
        and candidate.get("unit") == fact.unit
        and candidate["kind"] == fact.kind
        and set(candidate.get("entities") or ()) == set(fact.entities)
    )


def matching(
    facts: Sequence[Fact], candidates: Sequence[dict[str, Any]], fits: Callable[[int, int], bool]
) -> dict[int, int]:
    """A maximum one-to-one pairing of facts (by index) with candidates (by index) that ``fits`` allows."""
    edges = {i: [j for j in range(len(candidates)) if fits(i, j)] for i in range(len(facts))}
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(facts)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score(source_id: str, text: str) -> Score:
    """Extract ``text`` with the bundled store emptied of ``source_id``'s facts, and score the candidates."""
    facts = [f for f in load_store(bundled_store()).facts if source_id in f.source_ids]
    with tempfile.TemporaryDirectory() as tmp:
        return score_facts(source_id, text, facts, emptied_store(source_id, Path(tmp) / "store"))


def holdout_store(directory: Path, into: Path) -> Path:
    """A copy of the bundled store with the sources of ``directory``/sources.yaml registered (by hand, as a
    curator who wrote them there would have)."""
    shutil.copytree(bundled_store(), into)
    registered = (directory / "sources.yaml").read_text(encoding="utf-8")
    with (into / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n" + registered)
    return into


def key_facts(path: Path) -> list[Fact]:
    """An answer key's facts, built as the store builds them (their references are not checked)."""
    from factcli.store.builders import build_facts
    from factcli.store.yamlread import read_yaml_file

    return [fact for _, fact in build_facts(read_yaml_file(str(path)))]


def score_holdout(directory: Path) -> Score:
    """Extract a held-out document (``document.txt``, ``sources.yaml``, ``key.yaml``) against the bundled store
    with its source registered, and score the candidates against the key."""
    facts = key_facts(directory / "key.yaml")
    source_id = facts[0].citations[0].source
    text = (directory / "document.txt").read_bytes().decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        return score_facts(source_id, text, facts, holdout_store(directory, Path(tmp) / "store"))


def score_facts(source_id: str, text: str, facts: list[Fact], store_dir: Path) -> Score:
    """Extract ``text`` (the document ``source_id``) against the store ``store_dir``; score it against ``facts``."""
    from factcli.extract.candidates import extract
    from factcli.index.build import memory_index

    store = load_store(store_dir)
    result = extract(memory_index(store), text, store.vocab.sources[source_id])
    candidates = [c.record for c in result.candidates]
    out = Score(source_id, len(facts), candidates=len(candidates))
    first = matching(facts, candidates, lambda i, j: proposes(candidates[j], facts[i], source_id))
    whole = matching(facts, candidates, lambda i, j: proposes_whole(candidates[j], facts[i], source_id))
    out.proposed, out.whole = len(first), len(whole)
    out.metrics = sum(candidates[j].get("metric") == facts[i].metric for i, j in whole.items())
    out.topics = sum(candidates[j]["topic"] == facts[i].topic for i, j in whole.items())
    out.missed = [f for i, f in enumerate(facts) if i not in first]
    out.partial = [(facts[i], candidates[j]) for i, j in first.items() if i not in whole]
    paired = set(first.values())
    out.unheld = [c for j, c in enumerate(candidates) if j not in paired]
    return out


def seeds() -> dict[str, str]:
    """Source id → text of the seed documents the bundled store cites, by their sha256."""
    import hashlib

    store = load_store(bundled_store())
    by_sha = {s.sha256: s.id for s in store.vocab.sources.values() if s.sha256}
    out = {}
    for path in sorted(SEEDS.iterdir()):
        raw = path.read_bytes()
        source = by_sha.get(hashlib.sha256(raw).hexdigest())
        if source:
            out[source] = raw.decode("utf-8")
    return out


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    totals = Score("all five")
    holdouts = [Path(a) for a in argv if a != "-v"]
    runs = [(d.name, lambda d=d: score_holdout(d)) for d in holdouts] or [
        (source_id, lambda s=source_id, t=text: score(s, t)) for source_id, text in seeds().items()
    ]
    for _, run in runs:
        s = run()
        print(s.line())
        totals.facts += s.facts
        totals.proposed += s.proposed
        totals.whole += s.whole
        totals.candidates += s.candidates
        totals.unheld += s.unheld
        totals.metrics += s.metrics
        totals.topics += s.topics
        if verbose:
            for fact in s.missed:
                quote = next(c.quote for c in fact.citations if c.source == s.source)
                print(f"   MISSED {fact.id} {fact.value} {fact.when} :: {quote[:110]}")
            for fact, cand in s.partial:
                print(
                    f"   PART {fact.id}: unit {fact.unit}/{cand.get('unit')} kind {fact.kind}/{cand['kind']}"
                    f" ents {sorted(fact.entities)}/{sorted(cand.get('entities') or [])}"
                )
            for cand in s.unheld:
                when = cand.get("date") or cand.get("period")
                quote = cand["citations"][0]["quote"]
                print(f"   UNHELD {cand['kind']} {cand.get('value')} {cand.get('unit')} {when} :: {quote[:110]}")
    print(totals.line())


if __name__ == "__main__":
    main(sys.argv[1:])
