"""``validate``: every check on a store, all problems at once.

Loading (``store.load.read_store``) already applies every rule of the store
(syntax, fields, duplicates, references, metric units). Here, on top: each
fact against its own words (``store.rules.content``) and against its
documents (``store.claims``: nothing after their publication, no name its
quotes lack), one fact per meeting's ordinal, documents that give a metric
different values for one time, and, given the archived texts, every quote
inside its document.
"""

from __future__ import annotations

from pathlib import Path

from factcli.checks.quotes import at_fact, check_quotes
from factcli.checks.series import all_conflicts
from factcli.model import Fact, Problem
from factcli.store import claims, rules
from factcli.store.load import Store, read_store


def validate(root: Path, texts: Path | None = None) -> list[Problem]:
    store = read_store(root)
    problems = list(store.problems)
    for fact in store.facts:
        said = [*rules.content(fact), *claims.after_publication(store.vocab.sources, fact)]
        said.extend(claims.unquoted_names(store.vocab, fact))
        problems.extend(at_fact(fact, v.message, v.check, v.level) for v in said)
    problems.extend(check_conflicts(store))
    problems.extend(check_duplicates(store))
    problems.extend(check_ordinals(store))
    if texts is not None:
        problems.extend(check_quotes(store, texts))
    return sorted(set(problems))


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


def check_ordinals(store: Store) -> list[Problem]:
    """Facts that store the same ordinal of the same named meeting (an error: one fact per meeting's ordinal)."""
    first: dict[tuple[float, str], Fact] = {}
    out = []
    for fact in store.facts:
        earlier = {first.setdefault(key, fact) for key in claims.ordinals(fact)} - {fact}
        for v in claims.same_ordinal(sorted(earlier, key=lambda f: f.id), fact):
            out.append(at_fact(fact, v.message, v.check, v.level))
    return out
