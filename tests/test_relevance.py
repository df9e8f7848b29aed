"""Search finds the fact a reader means: recall@3 over queries written from the documents (tests/data/relevance.yaml).

The set was written from the seed texts and the store, without the search code; each query lists the facts a
reader expects among the first three results. The test fails below 0.9 and names the queries that miss.
"""

from __future__ import annotations

import shlex

import pytest
import yaml

from factcli.index.engine import Index
from factcli.index.query import Query
from factcli.store.files import bundled_store

from .conftest import DATA, memory

CASES = yaml.safe_load((DATA / "relevance.yaml").read_text(encoding="utf-8"))
#: The share of expected facts that must come back in the top 3, over all queries.
MIN_RECALL = 0.9


@pytest.fixture(scope="module")
def index() -> Index:
    return memory(bundled_store())


def test_the_set_is_big_enough_and_names_real_facts(index: Index) -> None:
    assert len(CASES) >= 30
    known = set(index.fact_ids())
    assert [i for case in CASES for i in case["expect"] if i not in known] == []


def test_recall_at_three(index: Index) -> None:
    scores, misses = [], []
    for case in CASES:
        top = index.find(Query(text=shlex.split(case["query"]), limit=3)).ids
        expected = case["expect"]
        found = [i for i in expected if i in top]
        scores.append(len(found) / len(expected))
        if len(found) < len(expected):
            misses.append(f"{case['query']!r}: got {top}, missing {sorted(set(expected) - set(found))}")
    recall = sum(scores) / len(scores)
    assert recall >= MIN_RECALL, f"recall@3 {recall:.3f} < {MIN_RECALL}\n" + "\n".join(misses)
