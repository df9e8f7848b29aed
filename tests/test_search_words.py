"""Search in the reader's own words: the thesaurus, British and American spellings, typos, partial matches."""

from __future__ import annotations

import pytest

from factcli.index import expand, typos
from factcli.index.engine import Index
from factcli.index.query import Query
from factcli.store.files import bundled_store

from .conftest import DATA, memory, run_cli


def run(*args: str) -> tuple[int, str, str]:
    done = run_cli(*args, cwd=DATA)
    return done.returncode, done.stdout, done.stderr


THESAURUS = {"troops": ("personnel",), "blue helmets": ("peacekeepers",), "horn of africa": ("gulf of aden",)}


@pytest.fixture(scope="module")
def bundled() -> Index:
    return memory(bundled_store())


def test_a_word_or_phrase_of_the_thesaurus_stands_for_the_stores_words() -> None:
    found = expand.concepts(["Chinese", "troops", "and", "blue", "helmets"], THESAURUS)
    assert [c.typed for c in found] == ["chinese", "troops", "blue helmets"]
    assert found[1].alternatives == ("troops", "personnel")
    assert found[2].alternatives == ("blue helmets", "peacekeepers")
    assert expand.concepts(["troop"], THESAURUS)[0].alternatives == ("troop", "personnel")  # plural or not


def test_a_phrase_with_a_small_word_inside_is_one_concept() -> None:
    (found,) = expand.concepts(["Horn", "of", "Africa"], THESAURUS)
    assert (found.typed, found.match()) == ("horn of africa", '("horn of africa" OR "gulf of aden")')


def test_question_words_never_decide_a_search_unless_nothing_else_is_left() -> None:
    asked = expand.concepts("how many navies did China hold drills with among them".split(), {})
    assert [c.typed for c in asked] == ["navies", "china", "drills"]
    assert [c.typed for c in expand.concepts(["how", "many"], {})] == ["how", "many"]


def test_numbers_and_years_are_looked_for_among_the_numbers_a_fact_states() -> None:
    concepts = expand.concepts(["11,063", "peacekeepers", "2008"], {})
    assert [c.match() for c in concepts[:2]] == ['numbers:"11063"', '(numbers:"2008" OR years:"2008")']


@pytest.mark.parametrize(
    ("word", "others"),
    [
        ("defence", ["defense"]),
        ("defense", ["defence"]),
        ("organisation", ["organization"]),
        ("organization", ["organisation"]),
        ("labour", ["labor"]),
        ("centre", ["center"]),
        ("programme", ["program"]),
        ("four", []),  # never "for"
    ],
)
def test_british_and_american_spellings_fold(word: str, others: list[str]) -> None:
    assert set(others) <= set(expand.spellings(word))
    assert "for" not in expand.spellings(word)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("peacekeapers", "peacekeep"),
        ("engeneers", "engineer"),
        ("kyrgyzstn", "kyrgyzstan"),
        ("earthqake", "earthquake"),
    ],
)
def test_a_typo_is_read_as_the_stores_nearest_word(bundled: Index, typed: str, meant: str) -> None:
    fixed = bundled.correct(typed)
    assert fixed is not None
    assert fixed.startswith(meant)


@pytest.mark.parametrize("typed", ["missing", "hypersonic", "zoo", "xpeacekeepers"])
def test_no_guess_for_a_short_word_a_far_one_or_another_first_letter(bundled: Index, typed: str) -> None:
    assert bundled.correct(typed) is None


def test_allowed_edits_grow_with_the_word() -> None:
    assert [typos.allowed_edits("x" * n) for n in (3, 4, 5, 8, 9, 12)] == [0, 0, 1, 1, 2, 2]


def test_one_unknown_word_no_longer_empties_the_list(bundled: Index) -> None:
    hits = bundled.find(Query(text=["navy", "escort", "somali", "zorbles"]))
    assert hits.ids[0].startswith("maritime-security-2008")
    assert hits.notes == ["no fact mentions “zorbles”; showing facts matching navy, escort, somali"]


def test_facts_with_every_word_come_before_partial_matches(bundled: Index) -> None:
    every = bundled.find(Query(text=["engineers", "liberia"])).ids
    both = [i for i in every if "unmil" in i and "engineer" in i]
    assert both
    assert every[0] in both
    assert len(every) > len(both)  # then facts with the rarer of the two words


def test_a_common_word_alone_never_makes_a_partial_match(bundled: Index) -> None:
    """'china' is in most facts: a search whose other words no fact has lists nothing."""
    hits = bundled.find(Query(text=["china", "bitcoin", "reserves"]))
    assert hits.ids == []
    assert hits.notes == ["no fact mentions “bitcoin” or “reserves”, and “china” alone is in most facts"]
    assert len(bundled.find(Query(text=["china"]))) > 100  # asked alone, it is what was asked


def test_missing_is_not_mission(bundled: Index) -> None:
    assert bundled.find(Query(text=["missing"])).ids == []


def test_the_correction_is_shown_and_searched(bundled: Index) -> None:
    hits = bundled.find(Query(text=["peacekeapers", "2008"], limit=1))
    assert hits.ids == ["peacekeeping-2008-military-personnel-deployed"]
    assert hits.notes[0].startswith("no fact mentions “peacekeapers”: searched for “peacekeep")


def test_search_words_with_another_sort_keep_the_same_facts(bundled: Index) -> None:
    ranked = bundled.find(Query(text=["engineers", "liberia"]))
    by_date = bundled.find(Query(text=["engineers", "liberia"], sort="date"))  # type: ignore[arg-type]
    assert sorted(ranked.ids) == sorted(by_date.ids)
    spans = [(f.date or "", f.id) for f in by_date]
    assert len(spans) == len(ranked.ids)


def test_the_cli_says_how_it_read_the_words_on_stderr() -> None:
    code, out, err = run("find", "navy", "escort", "somali", "zorbles", "--format", "ids", "--limit", "1")
    assert (code, out[:36]) == (0, "maritime-security-2008-2016-gulf-of-")
    assert err == "no fact mentions “zorbles”; showing facts matching navy, escort, somali\n"


def test_nonsense_says_no_fact_matches_and_fails_with_exit_status() -> None:
    code, out, err = run("find", "hypersonic", "zorbles", "-e")
    assert (code, out) == (1, "")
    assert err.startswith("No facts match: no fact mentions “hypersonic” or “zorbles”: try other words")


def test_the_thesaurus_command_lists_the_entries() -> None:
    code, out, _ = run("thesaurus", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "words,means,note"
    assert any(line.startswith("pirates; piracy") for line in out.splitlines())


def test_a_broken_thesaurus_is_reported_where_it_is_wrong() -> None:
    code, out, _ = run("--store", "bad-thesaurus", "validate")
    assert code == 1
    assert out == (DATA / "bad-thesaurus" / "EXPECTED").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("weight", "words", "first"),
    [
        ("VALUE_WEIGHT", ["1949"], "peacekeeping-2008-military-personnel-deployed"),  # the value, not a quote citing it
        ("YEAR_WEIGHT", ["countries", "2007"], "peace-2007-exercise-other-countries"),  # the year alone, not a span
        ("METRIC_WEIGHT", ["peacekeepers", "2008"], "peacekeeping-2008-military-personnel-deployed"),  # the metric
    ],
)
def test_each_rank_bonus_decides_a_search(
    bundled: Index, monkeypatch: pytest.MonkeyPatch, weight: str, words: list[str], first: str
) -> None:
    """Each bonus of the ranking is what puts the fact a reader means first: without it another comes first."""
    from factcli.index import search

    assert bundled.find(Query(text=words, limit=1)).ids == [first]
    monkeypatch.setattr(search, weight, 0.0)
    assert bundled.find(Query(text=words, limit=1)).ids != [first]


def test_reverse_never_puts_a_partial_match_before_a_full_one(bundled: Index) -> None:
    """--reverse on a search: least relevant first among the facts with every word, then among the rest
    (found by hypothesis on the lowest versions: two words, one fact with both, one with one)."""
    words = ["exercise", "navy"]
    ahead = bundled.find(Query(text=words)).ids
    back = bundled.find(Query(text=words, reverse=True)).ids
    full = [i for i in ahead if i in set(bundled.find(Query(text=["exercise"])).ids)
            and i in set(bundled.find(Query(text=["navy"])).ids)]  # fmt: skip
    assert 0 < len(full) < len(ahead)
    assert back[: len(full)] == full[::-1]
    assert back[len(full) :] == ahead[len(full) :][::-1]
