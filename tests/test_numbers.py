from __future__ import annotations

import math

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


def test_groups_ordinals_and_positions_are_read() -> None:
    assert numbers.read_number("a dozen") == 12.0
    assert numbers.read_number("A score of") == 20.0
    eighth, eight = numbers.read_numbers("the Eighth meeting of eight states")
    assert (eighth.value, eighth.ordinal, eighth.start) == (8.0, True, 4)
    assert (eight.value, eight.ordinal, eight.start) == (8.0, False, 22)


def test_a_whole_number_parses_as_an_int() -> None:
    whole, part = numbers.parse_number("1,949"), numbers.parse_number("2.5")
    assert (whole, type(whole)) == (1949, int)
    assert (part, type(part)) == (2.5, float)


def test_a_qualifier_at_the_very_start_of_a_sentence() -> None:
    assert numbers.qualifier_before("about 2,000 troops", 6) == ("approx", 0)
    assert numbers.qualifier_before("nearly 2,000 troops", 7) == ("below", 0)
    assert numbers.qualifier_before("2,000 troops", 0) == ("exact", 0)


@pytest.mark.parametrize(
    ("value", "qualifier", "written", "low", "high"),
    [
        (1949, "exact", "1,949", 1949, 1949),
        (100, "at_least", "100", 100, math.inf),
        (100, "at_most", "100", -math.inf, 100),
        (2000, "approx", "2,000", 1600, 2400),  # written to the thousand, but a fifth either way at most
        (2000, "below", "2,000", 1600, 2000),
        (100, "below", "100", 80, 100),  # "nearly 100" is no count of 60, whatever its rounding
        (12, "approx", "a dozen", 11.4, 12.6),  # no digits: 5 %
    ],
)
def test_a_writers_interval(value: float, qualifier: str, written: str, low: float, high: float) -> None:
    assert numbers.interval(value, qualifier, written) == pytest.approx((low, high))


def test_open_intervals_leave_out_their_end() -> None:
    low, high = numbers.interval(900, "less_than", "900")
    assert (low, high < 900) == (-math.inf, True)
    low, high = numbers.interval(900, "more_than", "900")
    assert (low > 900, high) == (True, math.inf)


@pytest.mark.parametrize(
    ("written", "step"),
    [("2,000", 1000.0), ("1,950", 10.0), ("12", 1.0), ("10", 10.0), ("3.5", 0.0), ("a dozen", 0.0), ("7", 1.0)],
)
def test_the_step_a_round_number_is_written_to(written: str, step: float) -> None:
    assert numbers.rounding(written, 0) == step
