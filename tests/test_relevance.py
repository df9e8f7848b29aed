"""Search finds the fact a reader means: recall@3 over queries written from the documents.

Two sets, each written from the seed texts and the store without the search code: tests/data/relevance.yaml and
tests/data/queries-r3.yaml (readers' own words: synonyms, typos, questions, British spellings, filters; its
first-run score is in the README). Each query lists the facts a reader expects among the first three results;
a query the store cannot answer expects nothing. The test fails below 0.9 and names the queries that miss.
"""

from __future__ import annotations

import pytest
import yaml

from factcli.index.engine import Index
from factcli.index.query import Query
from factcli.store.files import bundled_store

from .conftest import DATA, memory

CASES = yaml.safe_load((DATA / "relevance.yaml").read_text(encoding="utf-8"))
READERS = yaml.safe_load((DATA / "queries-r3.yaml").read_text(encoding="utf-8"))
#: Written after the search in readers' words was built, by someone who saw none of it (first run in the README).
LATER = yaml.safe_load((DATA / "queries-r4.yaml").read_text(encoding="utf-8"))
#: The filters the sets use, as Query fields.
FILTERS = {"--topic": "topics", "--entity": "entities", "--since": "since", "--until": "until", "--source": "sources"}
#: The share of expected facts that must come back in the top 3, over all queries.
MIN_RECALL = 0.9


@pytest.fixture(scope="module")
def index() -> Index:
    return memory(bundled_store())


def test_the_set_is_big_enough_and_names_real_facts(index: Index) -> None:
    assert len(CASES) >= 30
    known = set(index.fact_ids())
    assert [i for case in CASES for i in case["expect"] if i not in known] == []


def query(case: dict) -> Query:  # type: ignore[type-arg]
    args = [str(a) for a in case.get("args") or []]
    fields: dict[str, object] = {}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        name = FILTERS[flag]
        fields[name] = [value] if name.endswith("s") else value
    return Query(text=case["query"].split(), limit=3, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("cases", [CASES, READERS, LATER], ids=["relevance", "queries-r3", "queries-r4"])
def test_recall_at_three(index: Index, cases: list[dict]) -> None:  # type: ignore[type-arg]
    scores, misses = [], []
    for case in cases:
        top = index.find(query(case)).ids
        expected = case["expect"]
        if not expected:
            if top:
                misses.append(f"{case['query']!r}: the store cannot answer it, got {top}")
            continue
        found = [i for i in expected if i in top]
        scores.append(len(found) / len(expected))
        if len(found) < len(expected):
            misses.append(f"{case['query']!r}: got {top}, missing {sorted(set(expected) - set(found))}")
    recall = sum(scores) / len(scores)
    assert recall >= MIN_RECALL, f"recall@3 {recall:.3f} < {MIN_RECALL}\n" + "\n".join(misses)
    assert not [m for m in misses if "cannot answer" in m], misses


@pytest.mark.parametrize("cases", [READERS, LATER], ids=["queries-r3", "queries-r4"])
def test_the_reader_sets_are_big_enough_and_name_real_facts(index: Index, cases: list[dict]) -> None:  # type: ignore[type-arg]
    assert len(cases) >= 40
    assert len([c for c in cases if not c["expect"]]) >= 3
    known = set(index.fact_ids())
    assert [i for case in cases for i in case["expect"] if i not in known] == []
