"""How extract reads what a document dates by its own date, and a transcript's turns, one rule each (rules
learnt on the third blind document, #30: a press conference of 27 December 2012)."""

from __future__ import annotations

from typing import Any

import pytest

from .test_extract_rules import _records as _records_of
from .test_extract_rules import _when


def _records(text: str) -> list[dict[str, Any]]:
    return _records_of(text, published="2012-12-27")  # a briefing's date: its as-of time is 2012-12


def dated(text: str) -> list[tuple[str, object, str]]:
    return [(r["kind"], r.get("value"), _when(r)) for r in _records(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the year to date; "last year" in the figure's own clause
            "So far this year, the PLA has received 126 foreign military delegations, up from 98 delegations "
            "last year.",
            [("quantity", 126, "2012/2012-12"), ("quantity", 98, "2011")],
        ),
        (  # a year the as-of time is inside is read up to it; no event for a count over it
            "In 2012 the PLA held 14 joint exercises with the armed forces of 11 other countries.",
            [("quantity", 14, "2012/2012-12"), ("quantity", 11, "2012/2012-12")],
        ),
        (  # a day without its year; the day of a meeting and its ordinal
            "The 13th China-US Defense Consultative Talks were held in Beijing on December 11.",
            [("event", None, "2012-12-11"), ("quantity", 13, "2012-12-11")],
        ),
        (  # a range of days, month first, no year
            "The fifth China-Australia Defense Strategic Dialogue took place in Canberra from September 5 to 7.",
            [("event", None, "2012-09-05/2012-09-07"), ("quantity", 5, "2012-09-05/2012-09-07")],
        ),
        (  # "respectively": a day each, each ordinal its own
            "The 15th engineering contingent and the 14th transport contingent left for their mission areas on "
            "September 2 and September 19 respectively.",
            [
                ("quantity", 15, "2012-09-02"),
                ("quantity", 14, "2012-09-19"),
                ("event", None, "2012-09-02"),
                ("event", None, "2012-09-19"),
            ],
        ),
        (  # a count up to a day ("had completed"), the state on a day ("were serving")
            "Since December 2008 the Navy has sent 13 escort task forces. As of December 25 they had completed 511 "
            "escort missions. As of December 20, 1,842 peacekeepers were serving in nine mission areas.",
            [
                ("quantity", 13, "2008-12/2012-12"),
                ("quantity", 511, "2008-12/2012-12-25"),
                ("quantity", 1842, "2012-12-20"),
                ("quantity", 9, "2012-12-20"),
            ],
        ),
        (  # "Over the years": up to the as-of time, no start
            "Over the years, nearly 5,500 foreign military personnel have come to China to study.",
            [("quantity", 5500, "/2012-12")],
        ),
        (  # a plan after the document's date is no fact
            "The next regular press conference will be held on January 31, 2013.",
            [],
        ),
    ],
)
def test_how_a_document_dated_by_its_own_date_is_dated(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert sorted(dated(text), key=str) == sorted(
        [(k, float(v) if isinstance(v, int) else v, w) for k, v, w in expected], key=str
    )


def test_a_review_of_the_year_dates_what_its_paragraph_goes_on_to_tell() -> None:
    text = (
        "So far this year, senior PLA delegations have visited 42 countries. "
        "PLA Navy ships paid friendly visits to 14 countries, and foreign naval ships made 17 port calls in China."
    )
    assert [w for _, _, w in dated(text)] == ["2012/2012-12"] * 3


def test_a_transcripts_labels_are_no_part_of_a_quote_and_its_question_names_who_an_answer_is_about() -> None:
    text = (
        "Q: Kyodo News: Has there been any progress on the mechanism between China and Japan?\n\n"
        "A: The two sides held the third round of consultations on the mechanism in Qingdao on June 14 and 15.\n"
    )
    records = _records(text)
    assert sorted(r["kind"] for r in records) == ["event", "quantity"]  # the question states nothing
    for r in records:
        assert r["citations"][0]["quote"].startswith("The two sides held")
        assert "Japan" in r.get("entities", [])
        assert _when(r) == "2012-06-14/2012-06-15"


def test_a_list_item_is_quoted_without_its_bullet_and_a_footers_telephone_is_no_figure() -> None:
    text = (
        "This year the PLA held 23 rounds of consultations with a score of countries. Among them:\n\n"
        "-   The ninth meeting of SCO defense ministers was held in Beijing on June 7.\n\n"
        "For press accreditation, please contact the Information Office, tel. 86-10-6676 8051.\n"
    )
    records = _records(text)
    assert [r.get("value") for r in records if r["kind"] == "quantity"] == [23.0, 20.0, 9.0]
    assert all(not r["citations"][0]["quote"].startswith("-") for r in records)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Since December 2008 the Navy has sent 34 ship-times to the Gulf of Aden.", "ship-times"),
        ("The exercise in April involved 13 aircraft and two submarines.", "aircraft"),
        ("Its medical teams treated up to 1,200 of them a day.", "patients-per-day"),
        ("Foreign naval ships made 17 port calls in China in May.", "port-calls"),
    ],
)
def test_units_as_written(text: str, unit: str) -> None:
    if "of them" in text:
        text = "In May the ship's medical teams treated more than 43,000 patients. " + text
    assert unit in [r.get("unit") for r in _records(text)]
