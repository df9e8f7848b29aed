"""Numbers read the way writers write them, and the numbers that are not claims."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from factcli.reading import mentions


def only(sentence: str) -> mentions.Mention:
    found = mentions.find(sentence)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("China had 1,949 peacekeepers.", "1,949", 1949, 1949),
        ("China had 11\u00a0063 peacekeepers.", "11\u00a0063", 11063, 11063),
        ("It grew by 3.4 points.", "3.4", 3.4, 3.4),
        ("The PLA had about 2.3 million personnel.", "about 2.3 million", 2_185_000, 2_415_000),
        ("It sent eight observers.", "eight", 8, 8),
        ("It sent twenty-two observers.", "twenty-two", 22, 22),
        ("It signed a dozen conventions.", "a dozen", 11.4, 12.6),
        ("It drilled with a score of countries.", "a score of", 19, 21),
        ("It sent more than 650 observers.", "more than 650", math.nextafter(650, math.inf), math.inf),
        ("It sent fewer than 900 students.", "fewer than 900", -math.inf, math.nextafter(900, -math.inf)),
        ("It sent nearly 2,000 troops.", "nearly 2,000", 1600, 2000),
        ("It trained officers from 15–20 countries.", "15–20", 15, 20),
        ("It trained officers from between 15 and 20 countries.", "between 15 and 20", 15, 20),
    ],
)
def test_amounts_are_intervals(sentence: str, text: str, low: float, high: float) -> None:
    mention = only(sentence)
    assert (mention.text, mention.kind) == (text, "amount")
    assert mention.low == pytest.approx(low)
    assert mention.high == pytest.approx(high)


def test_money_percent_ordinal_and_counted_noun() -> None:
    money = only("It paid roughly $7 billion for peacekeeping.")
    assert (money.currency, money.low < 7e9 < money.high) == ("$", True)
    assert only("It gave 20 million Australian dollars.").currency == "A$"
    assert only("It paid 3 percent of the budget for UN missions.").kind == "percent"
    rank = only("China ranked 12th among contributors.")
    assert (rank.kind, rank.low) == ("ordinal", 12)
    assert only("It sent 240 transport troops.").noun == ("transport", "troops")
    assert only("Of these, 88 were military observers.").noun == ("military", "observers")
    assert mentions.find("It acceded to 10 of the 12 conventions.")[0].noun == ("conventions",)


@pytest.mark.parametrize(
    ("sentence", "first", "last", "since"),
    [
        ("It was held in November 2008.", dt.date(2008, 11, 1), dt.date(2008, 11, 30), False),
        ("The budget for 2008–09 grew.", dt.date(2008, 1, 1), dt.date(2009, 12, 31), False),
        ("Since 1990 it has sent observers.", dt.date(1990, 1, 1), dt.date(1990, 12, 31), True),
        ("It was issued on Jan. 11, 2017.", dt.date(2017, 1, 11), dt.date(2017, 1, 11), False),
        ("From May to September 2002 it sailed.", dt.date(2002, 5, 1), dt.date(2002, 9, 30), False),
    ],
)
def test_dates_are_spans(sentence: str, first: dt.date, last: dt.date, since: bool) -> None:
    mention = only(sentence)
    assert (mention.kind, mention.span, mention.since) == ("date", (first, last), since)


def test_a_count_that_looks_like_a_year_is_a_count() -> None:
    mention = only("China had 1949 military peacekeepers.")
    assert (mention.kind, mention.low) == ("amount", 1949)


@pytest.mark.parametrize(
    "sentence",
    [
        "See Section 3 and No. 5 of Resolution No. 1373.",
        "The Peace-2007 exercise and flight MH370.",
        "ASEAN Plus Three met the Shanghai Five.",
        "The 1540 Committee met after the September 11 attacks.",
        "Reading: Asia-Pacific Security Cooperation (2017).",
        "The Cooperation for Law Enforcement 2015 exercise.",
    ],
)
def test_numbers_inside_names_and_references_are_not_mentions(sentence: str) -> None:
    assert mentions.find(sentence) == []


def test_shares_rates_and_durations_are_marked() -> None:
    assert only("That is about 4.5 percent of the total.").derived
    assert only("That is about 6.7 ships per mission.").derived
    assert only("In the past two years it grew.").kind == "duration"
    assert only("It was the 2002 white paper.").document
    assert only("Engineers made up two-thirds of the contingent.").kind == "fraction"


def test_a_month_alone_takes_the_year_before_it() -> None:
    found = mentions.find("The summit in January 2007 and the forum that November.")
    assert [(m.text, m.span) for m in found][1] == ("November", (dt.date(2007, 11, 1), dt.date(2007, 11, 30)))
