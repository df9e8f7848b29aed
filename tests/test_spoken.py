"""Numbers said aloud, as a transcript writes them (reading/spoken.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from factcli.reading import mentions, spoken


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        ("eleven thousand and sixty-three", 11063, False),
        ("one thousand four hundred and ninety-nine", 1499, False),
        ("nine hundred and nine", 909, False),
        ("six thousand one hundred and twelve", 6112, False),
        ("nineteen ninety", 1990, True),
        ("twenty sixteen", 2016, True),
        ("nineteen ninety-seven", 1997, True),
        ("two thousand and eight", 2008, True),
        ("twenty two", 22, False),
    ],
)
def test_a_run_of_number_words_is_one_number(text: str, value: int, year: bool) -> None:
    assert spoken.said(text) == spoken.Said(value, year)


@pytest.mark.parametrize("text", ["one two three", "five six", "thousand hundred"])
def test_a_list_of_number_words_is_no_number(text: str) -> None:
    assert spoken.said(text) is None


def test_a_transcripts_figures_and_years() -> None:
    found = mentions.find(
        "Since nineteen ninety we've sent eleven thousand and sixty-three personnel; between December two thousand "
        "and eight and January twenty sixteen, nine hundred and nine missions, and twenty million yuan."
    )
    got = {m.text: (m.kind, m.value, m.span) for m in found}
    assert got["Since nineteen ninety"][2] == (dt.date(1990, 1, 1), dt.date(1990, 12, 31))
    assert got["eleven thousand and sixty-three"][:2] == ("amount", 11063.0)
    assert got["December two thousand and eight"][2] == (dt.date(2008, 12, 1), dt.date(2008, 12, 31))
    assert got["January twenty sixteen"][2] == (dt.date(2016, 1, 1), dt.date(2016, 1, 31))
    assert got["nine hundred and nine"][:2] == ("amount", 909.0)
    assert next(m for m in found if m.text == "twenty million").currency == "yuan"
