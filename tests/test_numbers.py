from __future__ import annotations

import pytest

from factcli import numbers


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
