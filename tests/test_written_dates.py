"""Years and months as writers write them: which are dates, which days they allow, and which years only name
something (an exercise, a citation, a document, a resolution). Each sentence holds one reading."""

from __future__ import annotations

import datetime as dt

import pytest

from factcli.reading import mentions

YEAR_2007 = (dt.date(2007, 1, 1), dt.date(2007, 12, 31))
YEAR_2008 = (dt.date(2008, 1, 1), dt.date(2008, 12, 31))


def dates(sentence: str) -> list[mentions.Mention]:
    return [m for m in mentions.find(sentence) if m.kind == "date"]


def only_date(sentence: str) -> mentions.Mention:
    found = dates(sentence)
    assert len(found) == 1, [(m.text, m.kind) for m in mentions.find(sentence)]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "span"),
    [
        # a month after a place name is the month, not part of the name
        (
            "The declaration was signed in Phnom Penh, November 2002.",
            "November 2002",
            (dt.date(2002, 11, 1), dt.date(2002, 11, 30)),
        ),
        # a year in brackets with no title before it is a date, not a citation
        ("China sent 315 engineers to Darfur (deployed in 2007).", "2007", YEAR_2007),
        # a capitalised "In" opening a quoted sentence is no name
        ('The paper says: "In 2008 the PLA sent 1,949 peacekeepers."', "2008", YEAR_2008),
        # a capitalised word opening the sentence is no name either
        ("Throughout 2008 the PLA kept 1,949 peacekeepers abroad.", "2008", YEAR_2008),
        # a year with nothing counted after it is a date
        ("The PLA sent engineers to Darfur in 2007.", "2007", YEAR_2007),
        # two four-digit years: the span runs to the end of the second
        ("The budget for 2008–2010 grew.", "2008–2010", (dt.date(2008, 1, 1), dt.date(2010, 12, 31))),
        # a year range before a counted noun is a time, not an amount
        (
            "Chinese 2008–09 contributions to the UN budget rose.",
            "2008–09",
            (dt.date(2008, 1, 1), dt.date(2009, 12, 31)),
        ),
    ],
)
def test_years_and_months_that_are_dates(sentence: str, text: str, span: tuple[dt.date, dt.date]) -> None:
    mention = only_date(sentence)
    assert (mention.text, mention.span, mention.since, mention.document) == (text, span, False, False)


@pytest.mark.parametrize(
    ("sentence", "month"),
    [
        ("The first contingent arrived in March, 2008.", (dt.date(2008, 3, 1), dt.date(2008, 3, 31))),
        ("It was issued in 2008-08.", (dt.date(2008, 8, 1), dt.date(2008, 8, 31))),
    ],
)
def test_a_month_and_year_written_unusually_is_a_date_that_covers_the_month(
    sentence: str, month: tuple[dt.date, dt.date]
) -> None:
    """ "March, 2008" and ISO "2008-08" may be read as the whole year, never as no date."""
    span = only_date(sentence).span
    assert span is not None
    assert span[0] <= month[0]
    assert month[1] <= span[1]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("It has sent observers since 1990.", "since 1990"),
        ("Since 2002 the Chinese armed forces have sent 1,000 engineers.", "Since 2002"),
    ],
)
def test_since_opens_the_end_and_is_part_of_the_date(sentence: str, text: str) -> None:
    mention = dates(sentence)[0]
    assert (mention.text, mention.kind, mention.since) == (text, "date", True)
    assert mention.span is not None
    assert mention.span[0].year == int(text[-4:])


@pytest.mark.parametrize(
    "sentence",
    [
        "China and Pakistan held the naval exercise AMAN-2007 off Karachi.",
        "Security Council resolution 2098 created the Force Intervention Brigade.",
        "Resolution 2098 created the Force Intervention Brigade.",
    ],
)
def test_years_in_names_and_references_are_no_mentions(sentence: str) -> None:
    assert mentions.find(sentence) == []


def test_a_number_before_a_year_is_no_day_of_it() -> None:
    first = mentions.find("Of the 12 2008 graduates, three were women.")[0]
    assert (first.text, first.kind, first.low, first.high) == ("12", "amount", 12, 12)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2002 white paper counts them.",
        "The 2002 and 2008 defence white papers both count peacekeepers.",
        "China's white papers of 2002, 2008 and 2017 count its peacekeepers.",
        "Reports of 2002 and 2008 give different totals.",
    ],
)
def test_a_year_naming_a_document_covers_the_years_it_reports_on(sentence: str) -> None:
    """A biennial paper of 2002 reports on 2001 and 2002: the figures near it may hold for either."""
    found = dates(sentence)
    assert found[0].text == "2002"
    assert [(m.document, m.span) for m in found if m.text == "2002"] == [
        (True, (dt.date(2001, 1, 1), dt.date(2002, 12, 31)))
    ]
    assert all(m.document for m in found)
