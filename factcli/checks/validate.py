"""``validate``: every check on a store, all problems at once.

Loading (``store.load.read_store``) already applies every rule of the store
(syntax, fields, duplicates, references, metric units). Here, on top: each
fact against its own words (``store.rules.content``) and against its
documents (``store.claims``: nothing after their publication, no name its
quotes lack), one fact per meeting's ordinal, documents that give a metric
different values for one time, thesaurus meanings no fact has, and, given the
archived texts, every quote inside its document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from factcli.checks.quotes import at_fact, check_quotes
from factcli.checks.series import all_conflicts
from factcli.model import Fact, Problem
from factcli.store import claims, rules
from factcli.store.load import Store, read_store
from factcli.text.fold import fold


def validate(root: Path, texts: Path | None = None, *, archived_only: bool = False) -> list[Problem]:
    store = read_store(root)
    problems = list(store.problems)
    placed = _places(store)
    units = Counter(fact.unit for fact in store.facts if fact.unit)
    for fact in store.facts:
        said = [*rules.content(fact), *claims.after_publication(store.vocab.sources, fact)]
        said.extend(claims.unquoted_names(store.vocab, fact))
        if fact.unit and units[fact.unit] == 1:  # others' units: the store's, less this fact's one use
            said.extend(rules.unit_spelling((u for u in units if u != fact.unit), fact))
        problems.extend(placed(fact, v) for v in said)
    problems.extend(check_conflicts(store))
    problems.extend(check_duplicates(store))
    problems.extend(check_near_duplicates(store))
    problems.extend(check_ordinals(store))
    problems.extend(check_thesaurus(store))
    if texts is not None:
        problems.extend(check_quotes(store, texts, archived_only=archived_only))
    return sorted(set(problems))


def _places(store: Store) -> Callable[[Fact, rules.Violation], Problem]:
    """A violation of a fact, placed at the field it is about ("value", "citations", 0, "quote"), where the
    file has it; else where the fact's record starts."""
    records = {id(fact): (parsed.lf, path) for parsed in store.parsed_files.values() for path, fact in parsed.facts}

    def placed(fact: Fact, v: rules.Violation) -> Problem:
        record = records.get(id(fact))
        if record is None:
            return at_fact(fact, v.message, v.check, v.level)
        lf, path = record
        line, column = lf.pos((*path, *v.at))
        return Problem(lf.path, line, column, v.level, v.message, v.check)

    return placed


def check_conflicts(store: Store) -> list[Problem]:
    """Documents that give different values for the same metric and time (a warning: both may be quoted right)."""
    out = []
    for fact, others in all_conflicts(store.facts):
        message = (
            f"{fact.id}: {fact.metric} is {fact.value_text!r} for {fact.when} here but differs in "
            f"{', '.join(others)}; if one replaces the other, say so with 'supersedes'"
        )
        out.append(at_fact(fact, message, "conflict", "warning"))
    return out


def check_duplicates(store: Store) -> list[Problem]:
    """Pairs of facts that say the same thing under two ids (a warning: one of them should go)."""
    seen: dict[tuple[object, ...], Fact] = {}
    out = []
    for fact in store.facts:
        first = seen.setdefault(rules.statement(fact), fact)
        if first is not fact:
            for v in rules.duplicates([first], fact, level="warning"):
                out.append(at_fact(fact, v.message, v.check, v.level))
    return out


def check_near_duplicates(store: Store) -> list[Problem]:
    """Pairs of facts that say the same thing in other words (claims.near_duplicates; a warning here, as add
    refuses the second). Only facts of the same kind, time, value and document can be, so each is weighed
    against those alone: the store is not compared pair by pair."""
    alike: dict[tuple[object, ...], list[Fact]] = {}
    out = []
    for fact in store.facts:
        said = (fact.value, fact.unit) if fact.kind == "quantity" else ()
        earlier: dict[str, Fact] = {}
        for source in dict.fromkeys(fact.source_ids):
            group = alike.setdefault((fact.kind, fact.date, fact.period, *said, source), [])
            earlier.update((other.id, other) for other in group)
            group.append(fact)
        for v in claims.near_duplicates(earlier.values(), fact, level="warning"):
            out.append(at_fact(fact, v.message, v.check, v.level))
    return out


def check_thesaurus(store: Store) -> list[Problem]:
    """A thesaurus meaning that no fact has leads readers' words nowhere (a warning: a typo, or a word the
    store stopped using). Words are compared by their porter stems, as search compares them."""
    import functools
    import re

    import snowballstemmer

    stem = functools.cache(snowballstemmer.stemmer("porter").stemWord)  # a store repeats its words

    def stems(text: str) -> str:
        return " ".join(map(stem, re.findall(r"[^\W_]+", fold(text))))

    vocab = store.vocab
    texts = []
    for fact in store.facts:
        aliases = [a for e in fact.entities if e in vocab.entities for a in vocab.entities[e].aliases]
        metric = vocab.metrics.get(fact.metric) if fact.metric else None
        words = [fact.id, fact.claim, fact.value_text, fact.topic, *fact.tags, *fact.entities, *aliases]
        words += [c.quote for c in fact.citations] + ([metric.key, *metric.aliases] if metric else [])
        texts.append(" " + stems(" ".join(words)) + " ")
    everything = "\n".join(texts)
    out = []
    for entry in dict.fromkeys(vocab.thesaurus.values()):
        for meaning in entry.means:
            if f" {stems(meaning)} " not in everything:
                where = entry.location
                message = (
                    f"thesaurus: no fact has '{meaning}': readers' words for it ({entry.words[0]}, …) find nothing"
                )
                out.append(Problem(where.path if where else "thesaurus.yaml", where.line if where else 1,
                                   where.column if where else 1, "warning", message, "thesaurus"))  # fmt: skip
    return out


def check_ordinals(store: Store) -> list[Problem]:
    """Facts that store the same ordinal of the same named meeting (an error: one fact per meeting's ordinal)."""
    first: dict[tuple[float, str], Fact] = {}
    out = []
    for fact in store.facts:
        earlier = {first.setdefault(key, fact) for key in claims.ordinals(fact)} - {fact}
        for v in claims.same_ordinal(sorted(earlier, key=lambda f: f.id), fact):
            out.append(at_fact(fact, v.message, v.check, v.level))
    return out
