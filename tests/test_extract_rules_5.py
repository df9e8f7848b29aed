"""How extract reads a news story's times and frame, one rule each (rules learnt on the fifth blind document,
#30: a news agency feature datelined 26 December 2018, a Wednesday; and on the fourth, "respectively")."""

from __future__ import annotations

from typing import Any

import pytest

from .test_extract_rules import _records as _records_of
from .test_extract_rules import _when


def _records(text: str) -> list[dict[str, Any]]:
    return _records_of(text, published="2018-12-26")  # its as-of time is 2018-12, its day a Wednesday


def dated(text: str) -> list[tuple[str, object, str]]:
    return sorted(((r["kind"], r.get("value"), _when(r)) for r in _records(text)), key=str)


def _expected(rows: list[tuple[str, object, str]]) -> list[tuple[str, object, str]]:
    return sorted(((k, float(v) if isinstance(v, int) else v, w) for k, v, w in rows), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the dateline is frame; "ten years ago on Wednesday" is the story's day ten years before
            "BEIJING, Dec. 26 (Xinhua) -- Exactly ten years ago on Wednesday, three Chinese warships sailed out "
            "of Sanya.",
            [("quantity", 3, "2008-12-26"), ("event", None, "2008-12-26")],
        ),
        (  # a weekday is the last one up to the story's day
            "The 31st task force, with about 700 officers and men on board, took over from the 30th task force "
            "on Sunday.",
            [
                ("quantity", 31, "2018-12-23"),
                ("quantity", 700, "2018-12-23"),
                ("quantity", 30, "2018-12-23"),
                ("event", None, "2018-12-23"),
            ],
        ),
        (  # the first months of the year: a part of a year a report tallies, no happening (the fifth key has none)
            "In the first nine months of this year, 57 attacks were reported in the Gulf of Guinea.",
            [("quantity", 57, "2018-01/2018-09")],
        ),
        (  # "Since then": since the date the document last gave a sentence; a paragraph in the perfect goes on
            "Ten years ago on Wednesday, three warships sailed out of Sanya.\n\nSince then, the navy has sent 31 "
            "escort task forces to the region.\n\nThe fleets have escorted 6,595 merchant vessels.",
            [
                ("quantity", 3, "2008-12-26"),
                ("event", None, "2008-12-26"),
                ("quantity", 31, "2008-12-26/2018-12"),
                ("quantity", 6595, "2008-12-26/2018-12"),
            ],
        ),
        (  # days "last year"
            "It hosted the group's 20th plenary session in Beijing from Sept. 12 to 14 last year.",
            [("quantity", 20, "2017-09-12/2017-09-14"), ("event", None, "2017-09-12/2017-09-14")],
        ),
        (  # "respectively" pairs each amount with its year, and the years date no happening
            "Piracy peaked in 2010 and 2011, when pirates attacked 219 and 237 ships respectively.",
            [("quantity", 219, "2010"), ("quantity", 237, "2011")],
        ),
    ],
)
def test_how_a_news_story_is_dated(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == _expected(expected)


def test_the_past_decade_is_the_ten_calendar_years_up_to_the_as_of_time() -> None:
    """As the store reads "over the past two years" (2009 to 2010 in the 2010 paper): the sixth blind document's
    key reads its decade so; the fifth's read it from the month ten years back (2008-12)."""
    text = "Chinese escort ships have driven off more than 3,000 suspicious boats over the past decade."
    assert [d for d in dated(text) if d[0] == "quantity"] == [("quantity", 3000.0, "2009/2018-12")]


def test_a_dateline_is_no_part_of_a_quote() -> None:
    (record, *_) = _records("BEIJING, Dec. 26 (Xinhua) -- The navy has sent 31 escort task forces to the region.")
    assert record["citations"][0]["quote"].startswith("The navy has sent 31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a list's items go on from the sentence that leads them in, in its perfect
            "Since 1990, Chinese peacekeeping units have:\n\n-   built at least 12,500 kilometres of roads;\n"
            "-   treated about 149,000 patients.",
            [("quantity", 12500, "1990/2018-12"), ("quantity", 149000, "1990/2018-12")],
        ),
        (  # "has since" after a dated sentence
            "The Peacekeeping Center opened in June 2009. It has since trained more than 6,800 peacekeepers.",
            [("event", None, "2009-06"), ("quantity", 6800, "2009-06/2018-12")],
        ),
        (  # a resolution's number and year are no figures; "first" before a verb is no ordinal
            "China first sent an escort task force in December 2008 under resolutions 1846 (2008) and 1851 (2008).",
            [("event", None, "2008-12")],
        ),
        (  # the time right after a figure is its own
            "China's share rose from 3.94 per cent for 2010–2012 to 6.64 per cent for 2013–2015.",
            [("quantity", 3.94, "2010/2012"), ("quantity", 6.64, "2013/2015")],
        ),
        (  # a semicolon bounds what a time dates
            "The 31st has 32 female sailors aboard; the 11th task force sailed in March 2012.",
            [
                ("quantity", 31, "2018-12"),
                ("quantity", 32, "2018-12"),
                ("quantity", 11, "2012-03"),
                ("event", None, "2012-03"),
            ],
        ),
        (  # a perfect clause joined after a dated one is not dated by it; "U.S. dollars" are USD
            "It hosted the 20th plenary session in Beijing from Sept. 12 to 14 last year and has contributed 2 "
            "million U.S. dollars to the fund.",
            [
                ("quantity", 20, "2017-09-12/2017-09-14"),
                ("event", None, "2017-09-12/2017-09-14"),
                ("quantity", 2000000, "/2018-12"),
            ],
        ),
    ],
)
def test_how_lists_and_clauses_are_dated(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == _expected(expected)


def test_a_hyphened_participle_is_no_verb() -> None:
    text = "April 9, 2017: Sailors of the 25th task force help free the Tuvalu-flagged freighter OS 35 and its crew."
    assert ("event", None, "2017-04-09") in dated(text)


def test_a_number_in_a_name_is_no_count() -> None:
    text = "In February last year, two ships joined the Aman-17 multinational exercise hosted by Pakistan."
    assert ("event", None, "2017-02") in dated(text)


def test_a_dollar_amount_after_a_dotted_abbreviation_counts_usd() -> None:
    (record,) = [r for r in _records("Shipowners paid about 5.4 million U.S. dollars per ship in 2010.")
                 if r["kind"] == "quantity"]  # fmt: skip
    assert record["unit"] == "USD"


def test_a_web_pages_parts_are_no_prose() -> None:
    text = (
        "[NAVY-ESCORT (CN) 1200x800]\n\nThe navy has sent 31 escort task forces.\n\nRelated:\n\n"
        "-   Chinese naval fleet escorts 6,000th ship\n-   10 years of escorts\n\n[Editor: Mu Xuequan]\n\n"
        "Xinhua URL: http://www.xinhuanet.com/english/2018-12/26/c_137699412.htm\n\n"
        "Copyright © 2000-2018 XINHUANET.com All rights reserved."
    )
    assert [r.get("value") for r in _records(text)] == [31.0]
