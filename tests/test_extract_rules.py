"""How extract reads what documents say, one rule each (rules learnt on the second blind document, #30)."""

from __future__ import annotations

from typing import Any

import pytest

from factcli.extract.candidates import extract
from factcli.extract.names import Entities
from factcli.index.build import memory_index
from factcli.model import Source
from factcli.store.files import bundled_store
from factcli.store.load import load_store

STORE = load_store(bundled_store())


def _records(text: str, published: str = "2019-03-14") -> list[dict[str, Any]]:
    source = Source("wp2017-asia-pacific", "A paper", "An office", "white-paper", published)
    return [c.record for c in extract(memory_index(STORE), text, source).candidates]


def _when(record: dict[str, Any]) -> str:
    if "date" in record:
        return str(record["date"])
    period = record["period"]
    return f"{period['start'] or ''}/{period['end'] or ''}"


def dated(text: str) -> list[tuple[str, object, str]]:
    """(kind, value, date or period) of each candidate of ``text``."""
    return [(r["kind"], r.get("value"), _when(r)) for r in _records(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "They" are what the sentence before counts: its time is theirs
            "From December 2008 to December 2018 the Navy sent 31 escort task forces to the Gulf of Aden. "
            "They conducted 1,187 escort missions.\n",
            [
                ("quantity", 31, "2008-12/2018-12"),
                ("event", None, "2008-12/2018-12"),
                ("quantity", 1187, "2008-12/2018-12"),
            ],
        ),
        (  # "By …" with "since" in the sentence: one period, from the one to the other
            "By the end of February 2019 the agencies had conducted 79 joint patrols on the river since December 2011,"
            " covering some 45,000 kilometers.\n",
            [("quantity", 79, "2011-12/2019-02"), ("quantity", 45000, "2011-12/2019-02")],
        ),
        (  # "By …" starts where the sentence before does only when the sentence goes on from it
            "In September 2017 China registered an 8,000-strong standby force. By the end of 2018, ten of its"
            " units had passed the assessment.\n",
            [("quantity", 8000, "2017-09"), ("event", None, "2017-09"), ("quantity", 10, "2017-09/2018")],
        ),
        (
            "In September 2018 China hosted a meeting of the authorities. By the end of 2018 China and Japan had"
            " recovered about 85,000 chemical weapons.\n",
            [("event", None, "2018-09"), ("quantity", 85000, "/2018")],
        ),
        (  # dates that open clauses of their own date their own clause
            "In November 2018 the two countries held their second Security Dialogue in Washington, and in 2018 their"
            " militaries held 11 exchanges.\n",
            [("quantity", 2, "2018-11"), ("event", None, "2018-11"), ("quantity", 11, "2018")],
        ),
        (  # a relative clause with a date of its own is dated by it
            "Since 2017 China has funded 21 projects under the Fund, which it set up with 3 billion yuan in 2011.\n",
            [("quantity", 21, "2017/2019-03"), ("quantity", 3000000000, "2011"), ("event", None, "2011")],
        ),
        (  # a range of years that runs past the document's as-of time ends there
            "From 2017 to 2020 China co-chairs with Thailand the Experts' Working Group on Mine Action.\n",
            [("event", None, "2017/2019-03")],
        ),
    ],
)
def test_how_a_figure_is_dated(text: str, expected: list[tuple[str, object, str]]) -> None:
    assert dated(text) == expected


def who(text: str) -> list[tuple[object, list[str]]]:
    """(value, entities) of each candidate of ``text``."""
    return [(r.get("value"), r["entities"]) for r in _records(text)]


def test_the_two_countries_are_those_the_sentence_before_names() -> None:
    text = (
        "China and Russia have kept up close exchanges. In November 2018 the general staffs of the two countries"
        " held their 21st round of strategic consultations in Beijing.\n"
    )
    assert who(text) == [(21, ["Russia"]), (None, ["Russia"])]  # the round is a happening: an ordinal is no count


def named(text: str) -> list[str]:
    return Entities(STORE.vocab, text).find(text)


def test_a_countrys_name_before_its_currency_names_the_currency() -> None:
    assert named("China gave Indonesia 200,000 US dollars and Australia 20 million Australian dollars.") == [
        "Indonesia",
        "Australia",
    ]


def test_a_sea_named_after_a_country_does_not_name_it() -> None:
    assert named("The exercise with the Russian Navy was held in the Sea of Japan and off Japan.") == [
        "Russia",
        "Japan",
    ]
    assert named("It was held in the Sea of Japan.") == []


def test_a_body_named_inside_a_missions_name_is_the_missions() -> None:
    entities = Entities(STORE.vocab)
    assert entities.inside("United Nations", "African Union/UN Hybrid Operation in Darfur")
    assert not entities.inside("Russia", "African Union/UN Hybrid Operation in Darfur")


def test_a_clause_goes_on_after_an_aside_with_figures_of_its_own() -> None:
    text = (
        "From December 2008 to December 2018 the Navy sent 31 escort task forces, with some 26,000 officers and"
        " men, to the Gulf of Aden and Somali waters.\n"
    )
    assert who(text) == [(31, ["Somalia"]), (None, ["Somalia"]), (26000, ["Somalia"])]


@pytest.mark.parametrize(
    "goes_on",
    ["They conducted 262 escort missions.", "By the end of 2018 the task forces had conducted 262 escort missions."],
)
def test_a_sentence_whose_subject_is_the_one_before_names_who_it_named(goes_on: str) -> None:
    text = f"Since December 2008 China has sent seven escort task forces to the waters off Somalia. {goes_on}\n"
    assert who(text)[-1] == (262, ["Somalia"])
    other = "Since December 2008 China has sent seven escort task forces to the waters off Somalia. Japan sent 262."
    assert who(other)[-1] == (262, ["Japan"])


def test_the_number_of_what_a_figure_counts_is_named_before_it() -> None:
    text = "In June 2017 India and Pakistan joined the SCO, bringing the number of its member states to eight.\n"
    assert [(r.get("value"), r.get("unit")) for r in _records(text)] == [(None, None), (8, "countries")]


def test_a_clipped_range_says_only_the_words_it_vouches_for() -> None:
    (record,) = _records("From 2017 to 2020 China co-chairs the Working Group on Mine Action.\n")
    assert record["value_text"] == "From 2017"
