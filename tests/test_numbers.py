from __future__ import annotations

import pytest

from factcli.reading import numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,949", 1949),
        ("11,063", 11063),
        ("20 million", 20_000_000),
        ("a score of", 20),
        ("Eight", 8),
        ("Eighth", 8),
        ("14th", 14),
        ("twenty-five", 25),
        ("two hundred", 200),
        ("over 900", 900),
        ("some 4,000", 4000),
        ("2.5", 2.5),
        ("First", 1),
        ("11\u00a0063", 11063),  # a no-break space as thousands separator (ISO and French style)
        ("11\u202f063", 11063),  # a narrow no-break space
        ("1\u2009949", 1949),  # a thin space
    ],
)
def test_reads_numbers_like_a_reader(text: str, value: float) -> None:
    assert numbers.agrees(value, text)


def test_a_numeral_never_joins_the_number_word_after_it() -> None:
    assert [r.value for r in numbers.read_numbers("Since 1990 eight peacekeepers")] == [1990, 8]


def test_does_not_read_numbers_inside_words() -> None:
    assert numbers.read_numbers("Peace-2007") == []
    assert not numbers.agrees(1, "someone")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 130", "more_than"),
        ("over 900", "more_than"),
        ("some 4,000", "approx"),
        ("nearly 100", "approx"),
        ("at least 5", "at_least"),
        ("no more than 3", "at_most"),
        ("fewer than 10", "less_than"),
        ("1,949", None),
    ],
)
def test_implied_qualifier(text: str, qualifier: str | None) -> None:
    assert numbers.implied_qualifier(text) == qualifier


def test_a_space_separated_number_is_one_number_not_two() -> None:
    assert [r.value for r in numbers.read_numbers("11\u00a0063 person-times")] == [11063]


@pytest.mark.parametrize(
    ("text", "value"), [("1,949", 1949), ("two hundred", 200), ("3.5", 3.5), ("11\u00a0063", 11063)]
)
def test_parse_number_reads_what_people_type(text: str, value: float) -> None:
    assert numbers.parse_number(text) == value


@pytest.mark.parametrize("text", ["", "x", "12th", "1949 and 2008", "about 5"])
def test_parse_number_refuses_anything_but_one_number(text: str) -> None:
    assert numbers.parse_number(text) is None


def test_a_score_of_is_a_round_number() -> None:
    assert numbers.implied_qualifier("a score of") == "approx"
