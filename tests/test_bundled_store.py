"""The store that ships with factcli: clean, complete, and true to its documents."""

from __future__ import annotations

import pytest

from factcli.checks import validate as validation
from factcli.store.files import bundled_store
from factcli.store.load import load_store

from .conftest import SEEDS, memory


def test_bundled_store_loads_without_problems() -> None:
    store = load_store(bundled_store())
    assert store.problems == []
    assert len(store.facts) > 150
    assert len(store.by_id) == len(store.facts)


def test_every_reference_resolves_and_every_source_is_used_or_explained() -> None:
    store = load_store(bundled_store())
    cited = {s for f in store.facts for s in f.source_ids}
    for source in store.vocab.sources.values():
        assert source.id in cited or "no facts cite it" in (source.note or ""), source.id
    for fact in store.facts:
        assert fact.topic in store.vocab.topics
        assert all(e in store.vocab.entities for e in fact.entities)


def test_values_agree_with_their_words() -> None:
    assert validation.validate(bundled_store()) == []


def test_aliases_work_on_the_bundled_store() -> None:
    from factcli.index.query import Query

    rok = memory(bundled_store()).find(Query(entities=["ROK"]))
    assert rok
    assert all("South Korea" in f.entities for f in rok)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"archived source texts not found at {SEEDS} (CI has them)")
def test_every_quote_occurs_in_its_archived_document() -> None:
    problems = validation.validate(bundled_store(), SEEDS)
    assert [p.format() for p in problems] == []
