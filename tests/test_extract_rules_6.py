"""How extract reads a speech: the day under its title, the times it counts from that day, counts in flowing
prose and what is no figure (rules learnt on the sixth blind document, #30: remarks at a forum delivered in
Beijing on Thursday 25 October 2018 and posted the next day)."""

from __future__ import annotations

from typing import Any

import pytest

from .test_extract_rules import _records as _records_of
from .test_extract_rules import _when

#: The opening of a speech as a ministry's site posts it: the title, the page's stamp, the day it was given.
OPENING = (
    "Remarks at the Plenary Session of the Forum\n\nSource: Ministry of National Defense | 2018-10-26 09:12:33\n\n"
    "Beijing, 25 October 2018\n\nDistinguished guests,\n\n"
)


def _records(text: str, opening: str = OPENING) -> list[dict[str, Any]]:
    return _records_of(opening + text, published="2018-10-26")  # its as-of time is 2018-10


def dated(text: str, opening: str = OPENING) -> list[tuple[str, object, str]]:
    return sorted(((r["kind"], r.get("value"), _when(r)) for r in _records(text, opening)), key=str)


def _expected(rows: list[tuple[str, object, str]]) -> list[tuple[str, object, str]]:
    return sorted(((k, float(v) if isinstance(v, int) else v, w) for k, v, w in rows), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "last month" is the month before the speech's, not the sentence before's time
            "Three years ago, China pledged a standby force. Last month, ten of its units reached the highest "
            "level of readiness.",
            [("event", None, "2015"), ("event", None, "2018-09"), ("quantity", 10, "2018-09")],
        ),
        (  # "this Monday" is the Monday of the speech's week (25 October 2018 was a Thursday)
            "And just this Monday, a joint maritime exercise opened off Zhanjiang, bringing together eight "
            "warships, three helicopters and more than 1,000 sailors.",
            [
                ("event", None, "2018-10-22"),
                ("quantity", 8, "2018-10-22"),
                ("quantity", 3, "2018-10-22"),
                ("quantity", 1000, "2018-10-22"),
            ],
        ),
        (  # "Last Thursday" said on a Thursday: the week before (from the day it was posted, the day it was given)
            "Last Thursday, at the 5th ADMM-Plus in Singapore, ministers from the 18 member countries met.",
            [("event", None, "2018-10-18"), ("quantity", 5, "2018-10-18"), ("quantity", 18, "2018-10-18")],
        ),
        (  # "This August" and "Last December": the last such month up to the speech's
            "This August, an exercise brought together some 3,000 troops. Last December, a conference in Wuzhen "
            "brought together more than 1,500 participants.",
            [
                ("event", None, "2017-12"),
                ("event", None, "2018-08"),
                ("quantity", 1500, "2017-12"),
                ("quantity", 3000, "2018-08"),
            ],
        ),
        (  # "Earlier this month": the speech's month
            "Earlier this month, the police of China, Laos and Myanmar began their 74th joint patrol on the Mekong.",
            [("event", None, "2018-10"), ("quantity", 74, "2018-10")],
        ),
        (  # "Ten years ago this December": that month ten years back, and "Since then" runs from it
            "Ten years ago this December, the first naval task force set sail. Since then, 30 task forces have "
            "escorted some 6,600 ships.",
            [
                ("event", None, "2008-12"),
                ("quantity", 1, "2008-12"),
                ("quantity", 30, "2008-12/2018-10"),
                ("quantity", 6600, "2008-12/2018-10"),
            ],
        ),
    ],
)
def test_a_speech_dates_its_times_by_the_day_it_was_given(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == _expected(expected)


def test_without_a_day_of_its_own_a_speech_counts_from_its_publication() -> None:
    """No line with the day under the title: "this Monday" is of the week it was posted (26 October, a Friday)."""
    text = "And just this Monday, a joint maritime exercise opened with eight warships."
    assert ("quantity", 8.0, "2018-10-22") in dated(text, opening="Remarks at the Forum\n\n")
    text = "Last month, our Air Force sent three transport aircraft to Indonesia."
    assert ("quantity", 3.0, "2018-09") in dated(text, opening="Remarks at the Forum\n\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the past five years" and "the past decade": calendar years up to the as-of time, as the store reads
            "Over the past five years, China has hosted 21 ARF activities. Over the past decade, the PLA has "
            "taken part in 26 relief operations.",
            [("event", None, "2009/2018-10"), ("quantity", 21, "2014/2018-10"), ("quantity", 26, "2009/2018-10")],
        ),
        (  # "during the same period": the sentence before's
            "Over the past five years, we have received nearly 1,200 delegations. Officers from some 130 "
            "countries have studied at our academies during the same period.",
            [("quantity", 1200, "2014/2018-10"), ("quantity", 130, "2014/2018-10")],
        ),
        (  # a clause after the figure starts what it counts; the opening is dated by it
            "Our training center has trained more than 1,000 peacekeepers since it opened in June 2009.",
            [("event", None, "2009-06"), ("quantity", 1000, "2009-06/2018-10")],
        ),
        (  # a fall "from their peak in 2011" runs from then
            "Pirate attacks have fallen by more than 90 percent from their peak in 2011.",
            [("event", None, "2011"), ("quantity", 90, "2011/2018-10")],
        ),
        (  # a time right after "N of them" is the figure's own
            "Since 2002, the military has held more than 80 joint exercises with over 30 countries, 19 of them "
            "this year alone.",
            [("quantity", 80, "2002/2018-10"), ("quantity", 30, "2002/2018-10"), ("quantity", 19, "2018/2018-10")],
        ),
    ],
)
def test_how_a_speech_dates_what_it_counts(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == _expected(expected)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),  # "within" is at_most, as "up to"; ships escorted are vessels
    [
        ("Our Air Force sent three aircraft to Indonesia within 72 hours.", 72, "hours", "at_most"),
        ("Since 1990, 13 of our comrades have given their lives for peace.", 13, "personnel", "exact"),
        ("Since 2008, the fleets have escorted some 6,600 Chinese and foreign ships.", 6600, "vessels", "approx"),
        ("Since 2008, the navy has sent 31 task forces with 100 ships.", 100, "ships", "exact"),
        ("Since 2008, Peace Ark has visited 43 countries and regions.", 43, "countries-and-regions", "exact"),
        ("Since 2009, we have destroyed more than 60,000 chemical weapons.", 60000, "chemical-weapons", "more_than"),
        ("In 2018, ministers reviewed the work of its seven expert working groups.", 7, "working-groups", "exact"),
    ],
)
def test_what_a_number_counts_in_the_stores_words(text: str, value: int, unit: str, qualifier: str) -> None:
    (record,) = [r for r in _records(text) if r.get("value") == value]
    assert (record["unit"], record.get("qualifier")) == (unit, qualifier)


def test_the_four_countries_are_those_the_sentence_before_names() -> None:
    text = (
        "Earlier this month, the police of China, Laos, Myanmar and Thailand began their 74th joint patrol. The "
        "four countries launched these patrols seven years ago."
    )
    (record,) = [r for r in _records(text) if r.get("value") == 4]
    assert record["entities"] == ["Laos", "Myanmar", "Thailand"]


def test_the_two_sides_the_sentence_names_are_its_own() -> None:
    text = (
        "China has hosted 21 ARF activities. In June, China and the United States held their second security "
        "dialogue, and the two sides agreed to use their hotline."
    )
    (record,) = [r for r in _records(text) if r.get("value") == 2]
    assert record["entities"] == ["United States"]


@pytest.mark.parametrize(
    "text",
    [
        "This year marks the 40th anniversary of China’s reform and opening-up.",
        "Six hundred years ago, Admiral Zheng He led the largest fleet of his time to the Western Seas.",
        "That is why China advocates win-win cooperation instead of zero-sum games.",
        "I am confident that the next forty years will be even better than the last.",
        "Next year, China will co-host the ARF Inter-Sessional Meeting on Disaster Relief, and we look forward to "
        "welcoming you back to the 9th Xiangshan Forum.",
    ],
)
def test_no_figure_in_a_speechs_times_anniversaries_and_plans(text: str) -> None:
    assert _records(text) == []
