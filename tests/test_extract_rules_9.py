"""How extract reads a statement at the UN posted on a mission's site (rules learnt on the ninth blind document,
#30): the place-and-day line under the title, the record a document's first starts, and "South Sudan"."""

from __future__ import annotations

from typing import Any

import pytest

from factcli.extract.candidates import extract
from factcli.index.build import memory_index
from factcli.model import Source

from .test_extract_rules import STORE, _when

TITLE = "Statement by Ambassador Li at the Security Council Open Debate on UN Peacekeeping Operations"
OPENING = f"Home > Statements\n\n{TITLE}\n\n2023-09-15 09:20\n\nNew York, 14 September 2023\n\nMr. President,\n\n"
FIRST = (
    "In April 1990, China sent its first five military observers to the region. Since then, the Chinese army has "
    "sent more than 50,000 person-times of military peacekeepers to nearly 30 operations.\n\n"
)


def _records(text: str) -> list[dict[str, Any]]:
    source = Source("wp2017-asia-pacific", TITLE, "A mission", "speech", "2023-09-15")
    return [c.record for c in extract(memory_index(STORE), OPENING + text, source).candidates]


def _one(text: str, value: float) -> dict[str, Any]:
    return next(r for r in _records(text) if r.get("value") == value)


def test_the_place_and_day_under_the_title_heads_nothing() -> None:
    """ "New York, 14 September 2023" is no heading: the figures stand under the title, take the topic it names,
    and the UN that topic's title names, as the store's peacekeeping figures do."""
    record = _one("Today, about 87,000 peacekeepers serve in 12 operations.", 87000)
    assert record["citations"][0]["section"] == TITLE
    assert (record["topic"], record["entities"]) == ("peacekeeping", ["United Nations"])


@pytest.mark.parametrize(
    ("text", "value", "when"),
    [
        # said to run "to date": from the first the document counted from
        ("To date, Chinese engineering units have built and repaired 326 bridges.", 326, "1990-04/2023-09"),
        # no time at all, but counting what the record counts (peacekeepers)
        ("Nineteen Chinese peacekeepers have laid down their lives under the UN flag.", 19, "1990-04/2023-09"),
        # no time, and counting something else: no start is read into it
        ("The army has held consultations with eight countries.", 8, "/2023-09"),
    ],
)
def test_an_open_count_runs_from_the_first_the_document_counted_from(text: str, value: float, when: str) -> None:
    assert _when(_one(FIRST + text, value)) == when


def test_a_dated_first_nothing_counts_from_starts_no_record() -> None:
    """China's first helicopter unit, with no "Since then": a later total does not run from it."""
    text = "In 2017, China's first helicopter unit deployed. To date, Chinese units have built 326 bridges."
    assert _when(_one(text, 326)) == "/2023-09"


@pytest.mark.parametrize(
    ("text", "value", "named"),
    [
        ("In June, 700 Chinese troops took up their duties in South Sudan.", 700, []),
        ("In June, 700 Chinese troops took up their duties in Sudan.", 700, ["Sudan"]),
        ("In June, 700 Chinese troops took up their duties in South Africa.", 700, ["South Africa"]),
    ],
)
def test_a_country_after_a_point_of_the_compass_is_another(text: str, value: float, named: list[str]) -> None:
    """ "South Sudan" is not Sudan (the store has no South Sudan); a name the store has stays."""
    found = _one(text, value)["entities"]
    assert [x for x in found if x != "United Nations"] == named


def test_a_share_for_years_past_the_statement_and_a_month_without_its_year() -> None:
    """ "18.69 percent for 2022 to 2024" runs to the statement's month, no later; "in June" in the same sentence
    is the June before the statement, not of 2024 (a document vouches for no later time)."""
    text = (
        "Our assessed share of the budget is 18.69 percent for 2022 to 2024, and in June we paid our assessment, "
        "some 1.1 billion US dollars, in full."
    )
    assert _when(_one(text, 18.69)) == "2022/2023-09"
    assert _when(_one(text, 1_100_000_000)) == "2023-06"


def test_by_the_end_of_a_month_without_its_year() -> None:
    """ "by the end of August" in a statement of September 2023 is August 2023, not the statement's month."""
    text = "Yet by the end of August, unpaid assessments stood at more than 2.5 billion US dollars."
    assert _when(_one(text, 2_500_000_000)) == "2023-08"


def test_a_name_and_a_document_word_in_lower_case_after_it() -> None:
    """ "launched the Action for Peacekeeping initiative": the initiative's launch is a happening, dated."""
    text = (
        "Five years ago, the Secretary-General launched the Action for Peacekeeping initiative, and two years ago "
        "its implementation strategy, A4P+."
    )
    assert "2018" in [_when(r) for r in _records(text) if r["kind"] == "event"]
