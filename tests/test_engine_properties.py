"""The query engine against a brute-force filter, over stores and queries hypothesis makes up.

Examples cannot cover the ways filters combine (overlapping partial dates, open
periods, aliases, repeated filters); here every generated query must select
exactly the facts a plain Python filter selects that have every search word
some fact of the store has (words no fact has are left out of a search), first
when ranked by relevance, then only facts with at least one of those words; in
an order that keeps the sort key, with --limit a prefix of the whole answer.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcli.errors import UsageError
from factcli.index.build import memory_index
from factcli.index.query import Query, SortKey
from factcli.model import Citation, Entity, Fact, Metric, Period, Source, Topic
from factcli.store.load import ParsedFile, Store
from factcli.store.yamlread import LoadedFile
from factcli.text import dates
from factcli.text.fold import fold

#: Topic names share no stem with WORDS: search also looks in the topic, and here only WORDS are searched.
TOPICS = ["topic-a", "topic-b", "topic-c"]
SOURCES = ["doc-a", "doc-b", "doc-c"]
ENTITIES = {"South Korea": ("ROK", "Republic of Korea"), "United Nations": ("UN",), "Côte d'Ivoire": ()}
TAGS = ["cumulative", "Navy", "on-duty"]
UNITS = ["personnel", "countries"]
WORDS = ["peacekeepers", "treaty", "naval", "escort", "korea", "duty", "côte"]

#: Few dates, so that spans meet at their edges often: where off-by-one mistakes show.
partial_dates = st.sampled_from(
    ["2007", "2007-12", "2007-12-31", "2008", "2008-01", "2008-01-01", "2008-06-15", "2008-12", "2008-12-31", "2009"]
)


@st.composite
def facts(draw: st.DrawFn, n: int) -> Fact:
    quantity = draw(st.booleans())
    value = draw(st.one_of(st.integers(0, 3000), st.floats(0, 3000, allow_nan=False).map(lambda v: round(v, 1))))
    when = draw(st.one_of(partial_dates.map(lambda d: (d, None)), st.tuples(st.none(), _periods())))
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))
    return Fact(
        id=f"fact-{n}",
        claim=f"Claim {n} {text}",
        kind="quantity" if quantity else "event",
        value_text=str(value) if quantity else "then",
        topic=draw(st.sampled_from(TOPICS)),
        citations=tuple(
            Citation(s, "Section", f"Quote {n} {draw(st.sampled_from(WORDS))}")
            for s in draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2, unique=True))
        ),
        value=value if quantity else None,
        unit=draw(st.sampled_from(UNITS)) if quantity else None,
        date=when[0],
        period=when[1],
        metric="m" if quantity and draw(st.booleans()) else None,
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
        entities=tuple(draw(st.lists(st.sampled_from(sorted(ENTITIES)), max_size=2, unique=True))),
    )


def _periods() -> st.SearchStrategy[Period]:
    ends = st.one_of(st.none(), st.sampled_from(["2007", "2008", "2009"]))
    return (
        st.tuples(ends, ends)
        .filter(lambda p: p != (None, None) and (None in p or p[0] <= p[1]))
        .map(lambda p: Period(*p))
    )


@st.composite
def stores(draw: st.DrawFn) -> Store:
    store = Store(Path("/nonexistent"))
    vocab = store.vocab
    vocab.topics = {t: Topic(t, t.title()) for t in TOPICS}
    vocab.sources = {s: Source(s, f"Title {s}", "Office", "white-paper") for s in SOURCES}
    vocab.metrics = {"m": Metric("m", "personnel", "something counted")}
    vocab.entities = {name: Entity(name, "country", aliases) for name, aliases in ENTITIES.items()}
    vocab.aliases = {fold(a): name for name, aliases in ENTITIES.items() for a in (name, *aliases)}
    made = [draw(facts(n)) for n in range(draw(st.integers(0, 25)))]
    store.facts = made
    store.by_id = {f.id: f for f in made}
    store.parsed_files = {
        "facts.yaml": ParsedFile(LoadedFile("facts.yaml"), [((i,), f) for i, f in enumerate(made)], [])
    }
    return store


queries = st.builds(
    Query,
    text=st.lists(st.sampled_from([*WORDS, "claim", "zzz"]), max_size=2),
    topics=st.lists(st.sampled_from(TOPICS), max_size=2),
    tags=st.lists(st.sampled_from(TAGS), max_size=1),
    entities=st.lists(st.sampled_from(["rok", "UN", "cote d'ivoire", "South Korea"]), max_size=1),
    sources=st.lists(st.sampled_from(SOURCES), max_size=2),
    kinds=st.lists(st.sampled_from(["quantity", "event"]), max_size=1),
    units=st.lists(st.sampled_from(UNITS), max_size=1),
    metrics=st.lists(st.just("m"), max_size=1),
    since=st.one_of(st.none(), partial_dates),
    until=st.one_of(st.none(), partial_dates),
    min_value=st.one_of(st.none(), st.integers(0, 3000)),
    max_value=st.one_of(st.none(), st.integers(0, 3000)),
    limit=st.one_of(st.none(), st.integers(0, 5)),
    sort=st.one_of(st.none(), st.sampled_from(list(SortKey))),
    reverse=st.booleans(),
)


def span(fact: Fact) -> tuple[dt.date, dt.date]:
    period = fact.period
    return dates.span_of(fact.date, period.start if period else None, period.end if period else None)


def stem(word: str) -> str:
    """The porter stem, as the index's tokenizer stems."""
    import snowballstemmer

    return str(snowballstemmer.stemmer("porter").stemWord(word))


def words_of(fact: Fact) -> set[str]:
    """The stems of every word search reads in ``fact``."""
    hay = " ".join(
        fold(x)
        for x in (
            fact.id.replace("-", " "),
            fact.claim,
            " ".join(fact.entities + tuple(a for e in fact.entities for a in ENTITIES[e])),
            " ".join(fact.tags),
            fact.value_text,
            " ".join(c.quote for c in fact.citations),
            fact.metric or "",
            fact.topic,
        )
    )
    return {stem(t) for t in re.findall(r"[^\W_]+", hay)}


def brute_force(store: Store, query: Query, *, any_word: bool = False) -> set[str]:
    """The facts a plain reading of the filters selects, with every search word some fact has (``any_word``:
    with at least one of them)."""
    entity_names = {store.vocab.aliases[fold(e)] for e in query.entities}
    everywhere = set().union(*(words_of(f) for f in store.facts)) if store.facts else set()
    terms = {stem(fold(w)) for w in query.text} & everywhere
    since = dates.parse_span(query.since)[0] if query.since else None
    until = dates.parse_span(query.until)[1] if query.until else None
    out = set()
    for fact in store.facts:
        first, last = span(fact)
        have = words_of(fact)
        keep = (
            (not query.topics or fact.topic in query.topics)
            and (not query.kinds or fact.kind in query.kinds)
            and (not query.units or fact.unit in query.units)
            and (not query.metrics or fact.metric in query.metrics)
            and (not query.sources or bool(set(fact.source_ids) & set(query.sources)))
            and (not query.tags or bool({fold(t) for t in query.tags} & {fold(t) for t in fact.tags}))
            and (not entity_names or bool(entity_names & set(fact.entities)))
            and (query.min_value is None or (fact.value is not None and fact.value >= query.min_value))
            and (query.max_value is None or (fact.value is not None and fact.value <= query.max_value))
            and (since is None or last >= since)
            and (until is None or first <= until)
            and (bool(terms & have) if any_word else terms <= have)
        )
        if keep:
            out.add(fact.id)
    return out


def sort_key(fact: Fact, sort: str) -> tuple[object, ...]:
    if sort == "value":
        return (fact.value is None, fact.value or 0)
    if sort == "id":
        return (fact.id,)
    if sort == "topic":
        return (fact.topic, span(fact))
    return (span(fact),)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(store=stores(), query=queries)
def test_the_engine_selects_what_a_brute_force_filter_selects(store: Store, query: Query) -> None:
    if query.since and query.until and dates.parse_span(query.since)[0] > dates.parse_span(query.until)[1]:
        query = query._replace(until=None)  # a usage error, tested elsewhere
    index = memory_index(store)
    known_tags = {fold(t) for f in store.facts for t in f.tags}
    known_units = {f.unit for f in store.facts if f.unit}
    if not {fold(t) for t in query.tags} <= known_tags or not set(query.units) <= known_units:
        with pytest.raises(UsageError, match=r"unknown (tag|unit)"):  # a name no fact uses is a typo
            index.find(query)
        return
    whole = index.find(query._replace(limit=None))
    every_word = brute_force(store, query)
    assert len(whole.ids) == len(set(whole.ids))
    known = {stem(fold(w)) for w in query.text} & set().union(set(), *(words_of(f) for f in store.facts))
    if not query.text:
        assert set(whole.ids) == every_word
    elif not known:
        assert whole.ids == []  # no fact has any of the words
    else:  # facts with every word the store has first, then facts with some of them
        assert every_word <= set(whole.ids) <= brute_force(store, query, any_word=True)
        if query.sort in (None, SortKey.relevance):
            assert set(whole.ids[: len(every_word)]) == every_word
    limited = index.find(query)
    if query.limit is not None:
        assert limited.ids == whole.ids[: query.limit]
    sort = query.sort or ("relevance" if query.text else "date")
    if sort != "relevance":
        keys = [sort_key(f, sort) for f in whole]
        ordered = sorted(keys, reverse=query.reverse)
        if sort == "value":  # facts without a value last, whichever way
            ordered = sorted(ordered, key=lambda k: k[0])
        assert keys == ordered
    assert list(whole.json_records()) == [index.fact_json(i) for i in whole.ids]
