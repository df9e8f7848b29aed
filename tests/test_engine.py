"""The query engine: filters, search and ordering, called directly on an index built in memory."""

from __future__ import annotations

import pytest

from factcli.errors import UsageError
from factcli.index.engine import Index
from factcli.index.query import Query
from factcli.text import dates

from .conftest import GOOD, memory


@pytest.fixture(scope="module")
def store() -> Index:
    return memory(GOOD)


def ids(store: Index, **kwargs: object) -> list[str]:
    return store.find(Query(**kwargs)).ids  # type: ignore[arg-type]


def test_no_filter_is_every_fact_by_date(store: Index) -> None:
    assert ids(store) == [
        "pk-2008-personnel",
        "md-2002-relations",
        "md-2007-rok-hotline",
        "md-2008-relations",  # "2008" starts before "2008-11": spans sort by start, then end
        "pk-2008-deployed",
    ]


def test_entity_alias_is_case_insensitive(store: Index) -> None:
    assert ids(store, entities=["rok"]) == ["md-2007-rok-hotline"]
    assert ids(store, entities=["Republic of Korea"]) == ["md-2007-rok-hotline"]


def test_entity_is_accent_insensitive(store: Index) -> None:
    assert ids(store, entities=["cote d'ivoire"]) == ["pk-2008-deployed"]


def test_search_folds_accents_and_puts_facts_with_every_word_first(store: Index) -> None:
    assert ids(store, text=["COTE"]) == ["pk-2008-deployed"]
    assert ids(store, text=["peacekeepers", "duty"])[0] == "pk-2008-deployed"
    assert "pk-2008-deployed" in ids(store, text=["peacekeepers"])


def test_a_word_no_fact_has_is_named_and_left_out(store: Index) -> None:
    hits = store.find(Query(text=["peacekeepers", "zebra"]))
    assert hits.ids == store.find(Query(text=["peacekeepers"])).ids
    assert hits.notes == ["no fact mentions “zebra”; showing facts matching peacekeepers"]
    nothing = store.find(Query(text=["zebra"]))
    assert nothing.ids == []
    assert nothing.notes == ["no fact mentions “zebra”: try other words, or browse with 'factcli topics'"]


def test_search_ranks_claim_hits_above_quote_hits(store: Index) -> None:
    # 'relations' is in both claims of md-*, 'military' in many quotes: claims rank first
    assert set(ids(store, text=["relations"])[:2]) == {"md-2002-relations", "md-2008-relations"}


def test_since_until_overlap_partial_dates_and_periods(store: Index) -> None:
    assert ids(store, since="2008-11") == ["pk-2008-personnel", "md-2008-relations", "pk-2008-deployed"]
    assert ids(store, until="2002") == ["pk-2008-personnel", "md-2002-relations"]
    assert ids(store, since="2007-08-15", until="2007-08-15") == ["pk-2008-personnel", "md-2007-rok-hotline"]


def test_min_max_keep_only_quantities(store: Index) -> None:
    assert ids(store, min_value=1000) == ["pk-2008-personnel", "pk-2008-deployed"]
    assert ids(store, max_value=100) == ["md-2002-relations"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"topics": ["peacekeeping"]}, ["pk-2008-personnel", "pk-2008-deployed"]),
        ({"tags": ["Cumulative"]}, ["pk-2008-personnel"]),
        ({"sources": ["doc-b"]}, ["md-2002-relations", "pk-2008-deployed"]),
        ({"metrics": ["countries-with-military-relations"]}, ["md-2002-relations", "md-2008-relations"]),
        ({"kinds": ["event"]}, ["md-2007-rok-hotline"]),
        ({"units": ["countries"]}, ["md-2002-relations", "md-2008-relations"]),
        (
            {"sort": "value"},
            ["md-2002-relations", "md-2008-relations", "pk-2008-deployed", "pk-2008-personnel", "md-2007-rok-hotline"],
        ),
        ({"sort": "id", "limit": 2}, ["md-2002-relations", "md-2007-rok-hotline"]),
        ({"sort": "id", "reverse": True, "limit": 1}, ["pk-2008-personnel"]),
        ({"sort": "topic", "limit": 1}, ["md-2002-relations"]),
    ],
)
def test_filters_and_sorts(store: Index, kwargs: dict[str, object], expected: list[str]) -> None:
    assert ids(store, **kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"topics": ["peacekeping"]}, "unknown topic 'peacekeping' for --topic (did you mean 'peacekeeping'?)"),
        ({"entities": ["Korea Rep"]}, "unknown entity 'Korea Rep' for --entity"),
        ({"sources": ["doc-c"]}, "unknown source 'doc-c' for --source (did you mean 'doc-b' or 'doc-a'?)"),
        ({"since": "2008-13"}, "bad date for --since: '2008-13' has no month 13"),
        ({"until": "08/2008"}, "bad date for --until: '08/2008' is not an ISO date"),
        ({"since": "2009", "until": "2008"}, "--since 2009 is after --until 2008"),
        ({"kinds": ["number"]}, "unknown kind 'number' for --kind"),
        ({"tags": ["nope"]}, "unknown tag 'nope' for --tag"),
    ],
)
def test_unknown_names_are_usage_errors(store: Index, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as info:
        ids(store, **kwargs)
    assert str(info.value).startswith(message)


def test_require_suggests_close_ids(store: Index) -> None:
    with pytest.raises(UsageError, match=r"no fact with id 'pk-2008-personel' \(did you mean 'pk-2008-personnel'"):
        store.require(["pk-2008-personel"])


def test_related_facts_share_the_metric(store: Index) -> None:
    fact = store.get("md-2008-relations")
    assert fact is not None
    assert [f.id for f in store.related(fact)] == ["md-2002-relations"]
    deployed = store.get("pk-2008-deployed")
    assert deployed is not None
    assert store.related(deployed) == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2008", "2008-01-01", "2008-12-31"),
        ("2008-02", "2008-02-01", "2008-02-29"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2009-11", "2009-11-01", "2009-11-30"),
        ("2009-12", "2009-12-01", "2009-12-31"),
        ("2009-12-05", "2009-12-05", "2009-12-05"),
        ("9999-12", "9999-12-01", "9999-12-31"),
    ],
)
def test_partial_dates_are_the_spans_they_denote(text: str, first: str, last: str) -> None:
    assert [d.isoformat() for d in dates.parse_span(text)] == [first, last]


@pytest.mark.parametrize("text", ["2008-13", "2008-00", "2008-02-30", "08", "2008/11", "２００８", "2008-1１"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=text.replace("/", ".")):
        dates.parse_span(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["1949"], ["pk-2008-deployed"]),  # the value, as typed
        (["1,949"], ["pk-2008-deployed"]),
        (["1 949"], ["pk-2008-deployed"]),
        (["11\u00a0063"], ["pk-2008-personnel"]),
        (["peacekeeper"], ["pk-2008-personnel", "pk-2008-deployed"]),  # stemmed: the facts say "peacekeepers"
        (["korea"], ["md-2007-rok-hotline"]),  # an alias of the entity South Korea
        (["number", "of", "peacekeepers"], ["pk-2008-personnel", "pk-2008-deployed"]),  # question words dropped
    ],
)
def test_search_understands_words_and_numbers(store: Index, words: list[str], expected: list[str]) -> None:
    assert sorted(ids(store, text=words)) == sorted(expected)


def test_a_year_in_the_search_favours_what_held_that_year(store: Index) -> None:
    # both mention 2008; the deployed figure is about 2008 alone, the personnel total about 1990-2008
    assert ids(store, text=["peacekeepers", "2008"]) == ["pk-2008-deployed", "pk-2008-personnel"]
