"""extract's parts, each on the sentences that made it what it is: times, quotes, happenings, entities, units,
and a document's paragraphs and headings."""

from __future__ import annotations

import pytest

from factcli.extract import quotes
from factcli.extract.candidates import extract
from factcli.extract.labels import metric_of, noun_phrase, topic_named, unit_of
from factcli.extract.names import Entities, happenings
from factcli.extract.verbs import holds_now
from factcli.extract.when import as_of, spans
from factcli.index.build import memory_index
from factcli.model import Metric, Source
from factcli.reading import mentions
from factcli.reading.document import passages
from factcli.store.files import bundled_store
from factcli.store.load import load_store

STORE = load_store(bundled_store())
VOCAB = STORE.vocab


def times(sentence: str, as_of_time: str = "2010", last_year: int | None = None) -> list[tuple[str, ...]]:
    return [
        (s.text, s.kind, s.first or "", s.last or "", "opens" if s.opens_at else "")
        for s in spans(sentence, mentions.find(sentence), 0, as_of_time, last_year)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In May 1997, the government decided.", [("May 1997", "point", "1997-05", "", "")]),
        (
            "held respectively in January and November 2007, China",
            [("January", "point", "2007-01", "", ""), ("November 2007", "point", "2007-11", "", "")],
        ),
        (
            "Between October and November 2001, China held",
            [("Between October and November 2001", "range", "2001-10", "2001-11", "")],
        ),
        (
            "From December 2008 to January 2016 fleets",
            [("From December 2008 to January 2016", "range", "2008-12", "2016-01", "")],
        ),
        (
            "From 26 October to 14 November 2010, marines",
            [("From 26 October to 14 November 2010", "range", "2010-10-26", "2010-11-14", "")],
        ),
        (
            "The Forum, held in Beijing from 24 to 26 October 2018, brought",
            [("from 24 to 26 October 2018", "range", "2018-10-24", "2018-10-26", "")],
        ),
        (
            "At the Summit, held on 9 and 10 June 2018, the members",
            [("on 9 and 10 June 2018", "range", "2018-06-09", "2018-06-10", "")],
        ),
        ("In 2009 and 2010 it held 19 rounds", [("2009 and 2010", "range", "2009", "2010", "")]),
        (
            "In 1996 and 1997 respectively, China signed",
            [("1996", "point", "1996", "", ""), ("1997", "point", "1997", "", "")],
        ),
        ("Since 1990 the PLA has sent 11,063", [("Since 1990", "since", "1990", "", "")]),
        (
            "Since its first dispatch of observers in 1990, the PLA has taken part in 10 operations.",
            [("1990", "point", "1990", "", "opens")],
        ),
        (
            "The Center, opened in June 2009, has since trained nearly 1,600",
            [("June 2009", "point", "2009-06", "", "opens")],
        ),
        (
            "By the end of December 2010 the task forces had conducted 262",
            [("By the end of December 2010", "by", "", "2010-12", "")],
        ),
        ("Over the past two years, the PLA has carried out", [("Over the past two years", "past", "2009", "2010", "")]),
        ("At present, 53 observers are serving", [("At present", "present", "2010", "", "")]),
        ("the website, which now receives", [("now", "present", "2010", "", "")]),
        ("In October the same year China staged", [("In October the same year", "point", "2007-10", "", "")]),
        ("issued a white paper on Jan. 11.", [("on Jan. 11", "point", "2010-01-11", "", "")]),
        ("The “September 11” attack has aroused concern.", []),
    ],
)
def test_time_expressions(sentence: str, expected: list[tuple[str, ...]]) -> None:
    assert times(sentence, last_year=2007) == expected


def test_as_of_is_the_year_the_title_reports_on_else_publication_else_the_latest_year() -> None:
    assert as_of("China's National Defense in 2008, Chapter XIII", "2009-01", None, "")[0] == "2008"
    assert as_of("China's Policies on Asia-Pacific Security Cooperation", "2017-01-11", None, "")[0] == "2017-01"
    assert as_of("A page", None, "2020-05-02", "")[0] == "2020-05"
    assert as_of("A page", None, None, "In 2007 … in June 2008, …")[0] == "2008"


@pytest.mark.parametrize(
    ("before", "after", "now"),
    [
        ("China has established military ties with ", "over 150 countries", True),
        ("It has conducted exchange visits of ", "more than 100 delegations", False),
        ("Meanwhile, ", "some 4,000 military personnel have come to China", False),
        ("A total of ", "98 countries have military attaché offices in China.", True),
        (
            "In the ",
            "Second Safe Mekong Joint Operation by China, Laos and Thailand, over 10,000 suspects were arrested",
            False,
        ),
    ],
)
def test_a_state_or_a_doing(before: str, after: str, now: bool) -> None:
    assert holds_now(before, after) is now


def test_a_quote_stops_where_a_clause_about_another_figure_begins() -> None:
    s = "Over the past two years, the PLA has carried out over 130 projects, sent delegations to over 60 countries."
    assert s[: quotes.clause_end(s, s.index("130") + 3, len(s), [])] == (
        "Over the past two years, the PLA has carried out over 130 projects"
    )
    s = "In the Second Operation by China, Laos, Myanmar and Thailand, over 10,000 suspects were arrested, more"
    assert s[: quotes.clause_end(s, s.index("Operation"), len(s), [])].endswith("Myanmar and Thailand")
    s = "275 engineering troops, 240 transportation troops and 43 medical personnel for UNMIL"
    assert quotes.clause_end(s, 3, len(s), []) == len(s)  # one list of figures shares "for UNMIL"
    s = "Twenty institutions have exchanges with their counterparts in over 20 countries, including Russia"
    assert s[: quotes.clause_end(s, 6, len(s), [s.index("20 ")])].endswith("over 20 countries")
    assert quotes.clause_end(s, s.index("20 ") + 2, len(s), []) == len(s)  # the examples are the 20's
    s = "Among them, 88 observers; and 175 troops for MONUC; 60 medics"
    assert s.__getitem__(slice(*quotes.segment(s, 35))) == "175 troops for MONUC"
    assert quotes.text_of("a mili-\ntary\nbody,", 0, 17) == "a mili-tary body"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "China hosted the Eighth SCO Meeting of Heads of Agencies and the Third China-Japan-ROK Tabletop Exercise, "
            "co-hosted with Malaysia the Fourth ARF Disaster Relief Exercise.",
            [
                ("Eighth SCO Meeting of Heads of Agencies", "meeting"),
                ("Third China-Japan-ROK Tabletop Exercise", "meeting"),
                ("Fourth ARF Disaster Relief Exercise", "meeting"),
            ],
        ),
        (
            "the Ninth APEC Officials' Forum and International Search and Rescue Advisory Group Earthquake Response "
            "Exercise.",
            [
                ("Ninth APEC Officials' Forum", "meeting"),
                ("International Search and Rescue Advisory Group Earthquake Response Exercise", "meeting"),
            ],
        ),
        (
            "the member states signed the Agreement on Conducting Joint Military Exercises, and finalized the "
            "Agreement on Training.",
            [("Agreement on Conducting Joint Military Exercises", "document"), ("Agreement on Training", "document")],
        ),
        ("the heads of state signed three documents — the Charter of the SCO and the Declaration of Heads.", []),
        ("China joined the ASEAN Regional Forum (ARF) and the Northeast Asia Cooperation Dialogue (NEACD).", []),
        (
            "China submitted the Document Concerning China's Stand to the ARF.",
            [("Document Concerning China's Stand to the ARF", "submitted")],
        ),
        (
            'China hosted the multi-task exercise "Cooperation for Law Enforcement 2015" of the North Pacific Coast '
            "Guard Agencies Forum.",
            [('"Cooperation for Law Enforcement 2015"', "titled")],
        ),
        (
            'China hosted the China-ASEAN Dialogue with the theme "Security for Prosperity" and',
            [("China-ASEAN Dialogue", "meeting")],
        ),
    ],
)
def test_happenings(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.name, h.kind) for h in happenings(sentence, VOCAB)] == expected


def test_entities_as_the_store_records_them() -> None:
    entities = Entities(
        VOCAB, "cooperation between China-ASEAN and ASEAN Plus Three (China, Japan and the Republic of Korea)"
    )
    find = entities.find
    assert find("the exercise sponsored by Ja-pan in the West Pacific") == ["Japan"]
    assert find("175 troops for the United Nations Organization Mission in the Democratic Republic of the Congo") == [
        "UN Organization Mission in the Democratic Republic of the Congo", "Democratic Republic of the Congo"
    ]  # fmt: skip
    assert find("escorts to the Gulf of Aden and Somali waters") == ["Somalia"]
    assert find("the Second ASEAN Plus Three Workshop") == [
        "Association of Southeast Asian Nations",
        "Japan",
        "South Korea",
    ]
    assert find("we came to see us") == []
    assert entities.inside("United Nations", "UN Mission in Liberia")
    assert not entities.inside("Liberia", "UN Organization Mission in the Democratic Republic of the Congo")


@pytest.mark.parametrize(
    ("text", "words", "unit"),
    [
        ("11,063 military personnel/time to", ("military", "personnel/time"), "person-times"),
        ("800 (in two batches) engineering officers and men", ("engineering", "officers"), "personnel"),
        ("6,112 Chinese and foreign civilian vessels.", ("chinese", "foreign", "civilian", "vessels"), "vessels"),
        ("1 UN standard engineering battalion, 1", ("un", "standard", "engineering", "battalion"), "battalions"),
        ("nine UN mission areas and", ("un", "mission", "areas"), "mission-areas"),
        (
            "90 important military leaders' delegations from",
            ("important", "military", "leaders", "delegations"),
            "delegations",
        ),
        ("12 of the 12 international conventions", ("international", "conventions"), "conventions"),
        ("7 escort task forces", ("escort", "task", "forces"), "task-forces"),
        ("9 of its 14 land neighbors", ("land", "neighbors"), "countries"),
        ("4 lost their lives", ("personnel",), "personnel"),
        ("13 of them have lost their lives", ("personnel",), "personnel"),
        ("8,000-strong peacekeeping standby force", ("personnel",), "personnel"),
        ("30 aircraft to take part", ("aircraft",), "aircraft"),
    ],
)
def test_what_a_figure_counts(text: str, words: tuple[str, ...], unit: str) -> None:
    end = len(text.split()[0].removesuffix("-strong"))  # the figure's end: "8,000" of "8,000-strong"
    assert noun_phrase(text, end) == words
    assert unit_of(words, None, set()) == unit


def test_units_of_money_rates_and_shares() -> None:
    assert unit_of(("australian", "dollars"), "A$", set()) == "AUD"
    assert unit_of(("major", "operations", "/per-day"), None, set()) == "operations-per-day"
    assert unit_of(("percent",), None, set()) == "percent"
    assert noun_phrase("8 lost their lives", 1) == ("personnel",)
    assert noun_phrase("8 were wounded", 1) == ("/verb",)


def test_topics_and_metrics_from_the_stores_words() -> None:
    assert topic_named("3. Cooperation in Combating Transnational Crimes", VOCAB.topics) == "law-enforcement"
    assert topic_named("Military Exchanges and Cooperation with Other Countries", VOCAB.topics) == ""
    metrics = list(VOCAB.metrics.values())
    assert metric_of("countries", "China has established military relations with more than 150 countries", metrics) == (
        "countries-with-military-relations"
    )
    assert metric_of("countries", "consultation or strategic dialogue with 22 countries", metrics) is None
    tie = [Metric("a-b", "x", "", ("alpha beta",)), Metric("a-c", "x", "", ("alpha beta",))]
    assert metric_of("x", "alpha beta", tie) is None


def test_a_document_in_paragraphs_under_headings() -> None:
    text = (
        "Home >  White Papers > \n\nDiplomacy\nThe office issued a paper on Jan. 11.\n\n"
        "China SCIOUpdated:  January 20, 2017\n\n"
        "1. Disaster Relief\n\nSince 2015 China has hosted things. It held a drill.\n\n"
        "Participating in UN Peacekeeping Operations\nAs a member, China supports the UN. Since 1990 the PLA has sent\n"
        "11,063 personnel.\n\n<  1  2  3  >\n"
    )
    got = [(p.heading, p.paragraph, p.position, p.text) for p in passages(text)]
    assert got == [
        ("", 0, 0, "The office issued a paper on Jan. 11."),
        ("1. Disaster Relief", 3, 0, "Since 2015 China has hosted things."),
        ("1. Disaster Relief", 3, 1, "It held a drill."),
        ("Participating in UN Peacekeeping Operations", 5, 0, "As a member, China supports the UN."),
        ("Participating in UN Peacekeeping Operations", 5, 1, "Since 1990 the PLA has sent\n11,063 personnel."),
    ]


def test_markdown_headings_and_code_are_read_as_markdown() -> None:
    text = "# Report\n\n## Peacekeeping\n\nChina sent 15 policemen in 2000.\n\n```\n42 lines of code.\n```\n"
    assert [(p.heading, p.text) for p in passages(text, markdown=True)] == [
        ("Peacekeeping", "China sent 15 policemen in 2000.")
    ]


def _extract(text: str, published: str = "2017-01-11") -> list[dict[str, object]]:
    index = memory_index(STORE)
    source = Source("wp2017-asia-pacific", "A paper", "An office", "white-paper", published)
    return [c.record for c in extract(index, text, source).candidates]


def test_a_list_after_since_is_dated_by_it_and_quoted_with_it() -> None:
    records = _extract(
        "1. Disaster Relief\n\nSince 2015 China has promoted disaster relief. China hosted the Eighth Relief Meeting"
        " and the Third Tabletop Exercise on Disaster Management.\n"
    )
    events = [r for r in records if r["kind"] == "event"]
    assert [e["period"] for e in events] == [{"start": "2015", "end": "2017-01"}] * 2
    assert all(e["citations"][0]["quote"].startswith("Since 2015 China has promoted") for e in events)  # type: ignore[index]
    ordinals = [(r["value"], r["unit"]) for r in records if r["kind"] == "quantity"]
    assert ordinals == [(8, "ordinal"), (3, "ordinal")]
    assert {r["topic"] for r in records} == {"disaster-relief"}


def test_figures_a_document_does_not_date_take_its_as_of_time() -> None:
    records = _extract("China has concluded 123 treaties with 70 countries. It has provided 20 million yuan in aid.\n")
    when = [(r["value"], r.get("date"), r.get("period"), r["unit"]) for r in records]
    assert when == [
        (123, "2017-01", None, "treaties"),
        (70, "2017-01", None, "countries"),
        (20000000, None, {"start": None, "end": "2017-01"}, "CNY"),
    ]
    assert records[0]["note"].startswith("No date in the text: a state")  # type: ignore[union-attr]


def test_what_is_no_claim_gives_no_candidate() -> None:
    text = (
        "The two sides met. Relations are not directed against any third party. It has several dozen partners. "
        "Resolutions 1846 and 1851 apply. It builds the 21st Century Maritime Silk Road.\n"
    )
    assert _extract(text) == []


def test_a_sentence_of_thousands_of_figures_is_read_in_pieces() -> None:
    """What reads a sentence weighs its numbers against each other: a line of 3,000 figures is read in pieces
    (each true to its place), so a long document costs in proportion to its length."""
    text = "China sent " + ", ".join(f"{i} observers to area {i}" for i in range(3000)) + ".\n"
    got = passages(text)
    assert len(got) > 50
    assert all(len(p.text) <= 1_000 for p in got)
    assert all(text[p.start : p.end] == p.text for p in got)


def test_a_hard_wrapped_document_with_crlf_gives_the_same_facts_in_one_line_each() -> None:
    """pdftotext and pandoc wrap lines: a date or a quote across a line break is one line in the review file."""
    import textwrap

    from .conftest import DATA

    plain = (DATA / "extract-holdout" / "document.txt").read_text(encoding="utf-8")
    wrapped = "\r\n\r\n".join("\r\n".join(textwrap.wrap(p, 60)) for p in plain.split("\n") if p.strip())
    source = Source("wp2010-ch10", "China's National Defense in 2010, Chapter X", "SCIO", "white-paper", "2011-03")
    index = memory_index(STORE)
    flat = [c.record for c in extract(index, plain, source).candidates]
    records = [c.record for c in extract(index, wrapped, source).candidates]
    assert len(records) == len(flat)
    for record in records:
        quote = record["citations"][0]["quote"]
        assert "\n" not in quote
        assert record["value_text"] in quote
