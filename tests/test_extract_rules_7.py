"""How extract reads a year-in-review press release and a white paper's chapter (rules learnt on the seventh and
eighth blind documents, #30): a dateline's day without a year, the year a review is of, comparisons against a
year before, the parts of "the year", lists of bullets, pandoc's tables of two years, and whom the store names
on peacekeeping and escort figures."""

from __future__ import annotations

from typing import Any

import pytest

from factcli.extract.candidates import extract
from factcli.index.build import memory_index
from factcli.model import Source

from .test_extract_rules import STORE, _when
from .test_extract_rules_6 import _expected

#: A ministry's release as its site posts it: a breadcrumb, the title (the year it reviews), the page's stamp,
#: and the dateline that opens the story (the conference of Thursday 14 January 2021, posted the next day).
TITLE = "Ministry reviews international law enforcement cooperation in 2020"
OPENING = f"Home > News\n\n{TITLE}\n\nSource: Ministry | 2021-01-15 10:26:41\n\n"
DATELINE = "BEIJING, Jan. 14 -- "


def _records(text: str, opening: str = OPENING, title: str = TITLE) -> list[dict[str, Any]]:
    source = Source("wp2017-asia-pacific", title, "A ministry", "press-release", "2021-01-15")
    return [c.record for c in extract(memory_index(STORE), opening + text, source).candidates]


def dated(text: str, opening: str = OPENING) -> list[tuple[str, object, str]]:
    return sorted(((r["kind"], r.get("value"), _when(r)) for r in _records(text, opening)), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a dateline without an agency is the story's day, in the January the release was posted: "last
            # year" is 2020 (not 2019), "on Thursday" 14 January 2021
            f"{DATELINE}Police handled 23 cases last year. The ministry said so at a press conference on Thursday.",
            [("quantity", 23, "2020"), ("event", None, "2021-01-14")],
        ),
        (  # what a review of 2020 tells without a date is of 2020, not a span up to January 2021
            f"{DATELINE}Police kept working.\n\nPolice recovered 2.94 billion yuan in illicit funds.",
            [("quantity", 2940000000, "2020")],
        ),
        (  # the year a comparison measures against dates no period with the sentence's own year, and no event
            f"{DATELINE}Police handled 4,862 cases in 2020, down 6.3 percent from 2019.",
            [("quantity", 4862, "2020"), ("quantity", 6.3, "2020")],
        ),
        (  # "up from 54 in 2014": the year dates only the figure right before it; "now" is the release's month
            f"{DATELINE}China now has 96 police liaison officers, up from 54 in 2014.",
            [("quantity", 54, "2014"), ("quantity", 96, "2021-01")],
        ),
        (  # dates one inside another each date their clause; "By then" is the last time named
            f"{DATELINE}The ministry signed 23 documents last year, bringing the total to more than 400 by the end "
            "of the year. By then, China had also concluded 171 treaties.",
            [("quantity", 23, "2020"), ("quantity", 400, "2020-12"), ("quantity", 171, "2020-12")],
        ),
        (  # "the first 10 months" and "the fourth quarter" are of the year reviewed, tallies with no event
            f"{DATELINE}In the first 10 months alone, officers handled more than 2,600 requests for help. Losses "
            "fell 15.2 percent year on year in the fourth quarter.",
            [("quantity", 2600, "2020-01/2020-10"), ("quantity", 15.2, "2020-10/2020-12")],
        ),
        (  # months without a year make a range, in the year of the last
            f"{DATELINE}The joint operation, from March to August, cracked 5,780 drug cases.",
            [("event", None, "2020-03/2020-08"), ("quantity", 5780, "2020-03/2020-08")],
        ),
        (  # a period's years in brackets after its name
            f"{DATELINE}During the 13th Five-Year Plan period (2016-2020), the ministry trained more than 21,000 "
            "foreign police officers.",
            [("quantity", 13, "2016/2020"), ("quantity", 21000, "2016/2020")],
        ),
        (  # "So far this month": the month's days up to the dateline's, a tally with no event
            f"{DATELINE}Police kept working.\n\nSo far this month, another 19 fugitives have been brought back.",
            [("quantity", 19, "2021-01/2021-01-14")],
        ),
        (  # each item of a list starts afresh: no time from the item before
            f"{DATELINE}Police kept working.\n\n-   In September, police raided six call centres.\n-   Police "
            "froze 1.37 billion yuan in fraud proceeds.",
            [("event", None, "2020-09"), ("quantity", 6, "2020-09"), ("quantity", 1370000000, "2020")],
        ),
    ],
)
def test_a_year_in_review_is_dated_from_its_dateline(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == _expected(expected)


def test_a_sentence_dated_by_the_year_reviewed_counts_and_tells_no_happening() -> None:
    found = dated(
        f"{DATELINE}Police kept working.\n\nChinese police exchanged intelligence with 31 countries last year."
    )
    assert found == _expected([("quantity", 31, "2020")])


TABLE = (
    "Key figures, 2019-2020\n\n"
    "  Item                                        2019    2020\n"
    "  ------------------------------------------- ------- -------\n"
    "  Cases of international police cooperation   5,189   4,862\n"
    "  Training sessions for foreign police        98      46\n"
    "  Foreign officers trained                    3,380   1,620\n"
)


def test_a_table_of_two_years_dates_each_column_by_its_year() -> None:
    """pandoc's simple table: its rule of dashes kept with it, each column of its year, what a row counts from
    its noun; a cell the prose states of the same time is left to the prose."""
    records = _records(f"{DATELINE}Police handled 4,862 cases last year.\n\n{TABLE}")
    found = sorted((r.get("value"), _when(r), r.get("unit")) for r in records)
    assert found == sorted(
        [
            (4862, "2020", "cases"),
            (5189, "2019", "cases"),
            (98, "2019", "sessions"),
            (46, "2020", "sessions"),
            (3380, "2019", "personnel"),
            (1620, "2020", "personnel"),
        ]
    )


def test_units_are_spelt_as_the_store_spells_them() -> None:
    records = _records(f"{DATELINE}Police seized 26.8 tonnes of drugs and patrolled 58,000 kilometres last year.")
    assert sorted(r["unit"] for r in records) == ["kilometers", "tons"]


def test_a_peacekeeping_figure_takes_the_mission_its_sentence_names() -> None:
    """The store names the mission (and its country) where a sentence names one, not the UN."""
    text = (
        "1. Fully Supporting UN Peacekeeping Operations\n\nIn May 2019 the 18th Chinese peacekeeping contingent "
        "to Lebanon, 410 officers and men, took over in the sector of the UN Interim Force in Lebanon (UNIFIL).\n"
    )
    records = _records(text, opening="", title="China's National Defense in the New Era")
    strength = next(r for r in records if r.get("value") == 410)
    assert sorted(strength["entities"]) == ["Lebanon", "UN Interim Force in Lebanon"]


def test_an_escort_figure_takes_the_country_of_the_waters_its_paragraph_named() -> None:
    text = (
        "In December 2008 the Chinese Navy sent its first escort task force to the Gulf of Aden and the waters "
        "off Somalia. By the end of June 2019 it had sent 32 escort task forces.\n"
    )
    records = _records(text, opening="", title="China's National Defense in the New Era")
    forces = next(r for r in records if r.get("value") == 32)
    assert forces["entities"] == ["Somalia"]


#: A chapter of a white paper as gov.cn posts it, issued in July 2019: its as-of time is 2019-07.
PAPER = Source("wp2017-asia-pacific", "China's National Defense in the New Era", "SCIO", "white-paper", "2019-07-16")


def in_paper(text: str) -> list[tuple[str, object, str]]:
    """(kind, value, date or period) of each candidate of ``text`` read as a paragraph of a 2019 white paper."""
    records = [c.record for c in extract(memory_index(STORE), text, PAPER).candidates]
    return sorted(((r["kind"], r.get("value"), _when(r)) for r in records), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a perfect joined by ", and" after "Since 2012" is still of it (the subject said once)
            "The PLA takes part in disaster relief. Since 2012 it has joined 25 relief operations, and has "
            "delivered relief materials worth more than 1.2 billion yuan.",
            [("quantity", 25, "2012/2019-07"), ("quantity", 1200000000, "2012/2019-07")],
        ),
        (  # "So far" of what the sentence before set up runs from its date
            "In September 2017 China completed the registration of an 8,000-strong standby force. So far 13 of its "
            "units have been upgraded to Level Two.",
            [("event", None, "2017-09"), ("quantity", 13, "2017-09/2019-07"), ("quantity", 8000, "2017-09")],
        ),
        (  # "so far" of a state with a subject of its own: it holds now, as "China has concluded 123 treaties"
            "Since December 2011 police have conducted 85 joint patrols on the Mekong River. China has so far "
            "concluded 170 judicial assistance and extradition treaties with 78 countries.",
            [("quantity", 170, "2019-07"), ("quantity", 78, "2019-07"), ("quantity", 85, "2011-12/2019-07")],
        ),
        (  # a perfect whose subject the sentence before told of counts on from that one's start, up to now
            "In December 2008 the navy sent its first escort task force. By the end of June 2019 it had sent 32 "
            "escort task forces. The task forces have also rescued over 70 ships in distress.",
            [
                ("event", None, "2008-12"),
                ("quantity", 1, "2008-12"),
                ("quantity", 32, "2008-12/2019-06"),
                ("quantity", 70, "2008-12/2019-07"),
            ],
        ),
    ],
)
def test_a_white_paper_dates_what_runs_to_now(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert in_paper(text) == _expected(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # months one after another are one span, months apart each their own; a month's act on people is a
            # happening of its own
            "Floods hit Myanmar in January and July 2015. In March and April 2015 the ships of the 19th escort task "
            "force evacuated 621 Chinese citizens.",
            [
                ("event", None, "2015-01"),
                ("event", None, "2015-07"),
                ("event", None, "2015-03/2015-04"),
                ("quantity", 19, "2015-03/2015-04"),
                ("quantity", 621, "2015-03/2015-04"),
            ],
        ),
        (  # a month's delivery of things is one happening too; a month's count of happenings and a year's tallies
            # tell none
            "In October 2018 two transport aircraft delivered 30 tons of tents to Indonesia. In May 2019 the navy "
            "held 12 exercises. In 2018 the PLA sent 500 medical workers to Liberia.",
            [
                ("event", None, "2018-10"),
                ("quantity", 2, "2018-10"),
                ("quantity", 30, "2018-10"),
                ("quantity", 12, "2019-05"),
                ("quantity", 500, "2018"),
            ],
        ),
    ],
)
def test_a_month_s_act_is_a_happening(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert in_paper(text) == _expected(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "Since April 1990, when …,": the when-clause is of that month (a happening), what follows runs since;
            # those who lost their lives are counted since too
            "China supports peacekeeping. Since April 1990, when it sent five military observers to the UN Truce "
            "Supervision Organization, the PLA has sent more than 40,000 peacekeepers. Fourteen servicemen have "
            "laid down their lives.",
            [
                ("event", None, "1990-04"),
                ("quantity", 5, "1990-04"),
                ("quantity", 40000, "1990-04/2019-07"),
                ("quantity", 14, "1990-04/2019-07"),
            ],
        ),
        (  # "After … on 25 April 2015," in the simple past is of that day; "the first of them" numbers no meeting;
            # an earthquake's magnitude is no count
            "The PLA takes part in relief. After the 8.1-magnitude earthquake that struck Nepal on 25 April 2015, "
            "the PLA sent 1,088 rescue personnel to the country, the first of them arriving within 24 hours.",
            [("event", None, "2015-04-25"), ("quantity", 1088, "2015-04-25"), ("quantity", 24, "2015-04-25")],
        ),
        (  # a year and a part of the next: one range; a count of happenings said in words tells no happening
            "China and ASEAN are working on a code. In 2018 and the first half of 2019 they held five rounds of "
            "consultations on the code.",
            [("quantity", 5, "2018/2019-06")],
        ),
        (  # a meeting's ordinal dated after the document was issued is a plan, as its event is
            "In October 2019 China will host the Ninth Beijing Xiangshan Forum.",
            [],
        ),
    ],
)
def test_how_a_white_paper_tells_a_happening(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert in_paper(text) == _expected(expected)


def _units(text: str) -> list[tuple[object, str | None]]:
    records = [c.record for c in extract(memory_index(STORE), text, PAPER).candidates]
    return sorted(((r.get("value"), r.get("unit")) for r in records if r["kind"] == "quantity"), key=str)


def test_units_follow_the_store_and_the_keys_that_agree() -> None:
    """Citizens and nationals are `people`, medical workers `personnel`, ships an escort mission is for `vessels`;
    adjectives in s ("overseas", "arms control") are no noun; a hyphen's noun, a quoted name skipped."""
    text = (
        "By the end of June 2019 the task forces had conducted some 1,200 escort missions for more than 6,600 "
        "ships. In March and April 2015 they evacuated 621 Chinese citizens and 279 foreign nationals. The PLA "
        "sent more than 500 medical workers to Liberia and built a 100-bed treatment center. The hospital ship has "
        "made nine overseas voyages. It has set up mechanisms with 41 countries and international organizations. "
        'It has signed more than 20 multilateral arms control treaties. The SCO has held nine "Peace Mission" '
        "joint exercises."
    )
    assert _units(text) == sorted(
        [
            (1200, "missions"),
            (6600, "vessels"),
            (621, "people"),
            (279, "people"),
            (500, "personnel"),
            (100, "beds"),
            (9, "voyages"),
            (41, "countries-and-organizations"),
            (20, "treaties"),
            (9, "exercises"),
        ],
        key=str,
    )


def test_them_of_the_sentence_before_and_the_two_armed_forces() -> None:
    """ "About 90,000 of them" counts what the sentence before names, and takes who it names; "over 60,000
    destroyed" counts the same; "the two armed forces" are the countries the sentence before names."""
    text = (
        "China works with Japan to dispose of the chemical weapons abandoned by Japan in China. By the end of May "
        "2019 about 90,000 of them had been recovered and over 60,000 destroyed.\n\nChina-Russia military relations "
        "have reached a higher level. In 2018 the general staffs of the two armed forces held their 22nd round of "
        "strategic consultations."
    )
    records = [c.record for c in extract(memory_index(STORE), text, PAPER).candidates]
    found = sorted(((r.get("value"), r.get("unit"), tuple(r.get("entities") or ())) for r in records), key=str)
    assert found == sorted(
        [
            (90000, "chemical-weapons", ("Japan",)),
            (60000, "chemical-weapons", ("Japan",)),
            (22, "ordinal", ("Russia",)),
            (None, None, ("Russia",)),
        ],
        key=str,
    )


def test_a_series_named_after_its_count_is_no_happening() -> None:
    assert in_paper('Since 2005 the SCO member states have held nine "Peace Mission" joint exercises.') == _expected(
        [("quantity", 9, "2005/2019-07")]
    )


def test_what_a_part_or_a_total_counts_is_what_the_figure_before_counted() -> None:
    """ "Of those, 3,105 … and 1,757 …" count what the sentence before's first figure counted; "bringing the total
    to more than 400" what the clause's figure did; "call centres" are one unit."""
    text = (
        f"{DATELINE}Police handled 4,862 cases in 2020. Of those, 3,105 went through INTERPOL channels and 1,757 "
        "through bilateral police liaison mechanisms. The ministry signed 23 cooperation documents last year, "
        "bringing the total to more than 400. Malaysian police raided six call centres."
    )
    found = sorted((r.get("value"), r.get("unit")) for r in _records(text))
    assert found == sorted(
        [(4862, "cases"), (3105, "cases"), (1757, "cases"), (23, "documents"), (400, "documents"), (6, "call-centers")]
    )
