"""A fact against its documents and the other facts (store.claims), and the names it reads (text.names)."""

from __future__ import annotations

import pytest

from factcli.model import Citation, Fact, Period, Source
from factcli.reading import names
from factcli.store import claims
from factcli.store.load import load_store

from .conftest import GOOD


@pytest.mark.parametrize(
    ("text", "ordinal", "name"),
    [
        ("At the 14th ARF Ministerial Meeting in August 2007", "14th", "ARF Ministerial Meeting"),
        ("was adopted at the 14th ARF Ministerial Meeting, making it", "14th", "ARF Ministerial Meeting"),
        ("China hosted the Eighth SCO Meeting of Heads of Emergency Prevention and Relief Agencies and the Third "
         "China-Japan-ROK Tabletop Exercise", "Eighth",
         "SCO Meeting of Heads of Emergency Prevention and Relief Agencies"),
        ("the seventh and eighth China-Japan Defense and Security Consultation", "seventh",
         "China-Japan Defense and Security Consultation"),
        ("In 2015 China held the 13th Regional Meeting of National Authorities of Asian State Parties to the "
         "Convention on the Prohibition", "13th",
         "Regional Meeting of National Authorities of Asian State Parties to the Convention on the Prohibition"),
        ("In October 2002, the Fourth Symposium was held", "Fourth", "Symposium"),
        ("the first ARF framework document providing guidance", "first", None),  # the capitals only qualify it
        ("held the first exchange of their NCOs", "first", None),
        ("the Ninth NPT review conference", "Ninth", None),
        ("no such ordinal here", "Second", None),
    ],
)  # fmt: skip
def test_the_name_an_ordinal_numbers(text: str, ordinal: str, name: str | None) -> None:
    assert names.ordinal_name(text, ordinal) == name


def test_names_in_a_claim_split_at_and_and_drop_what_opens_a_sentence() -> None:
    claim = (
        "The Fourth Symposium on International Issues was held in October 2002, and China and Japan co-hosted "
        "the ARF Seminar on Narcotics Control with Thailand the ARF Round Table. Eight Chinese died."
    )
    assert [" ".join(n) for n in names.proper_names(claim)] == [
        "Symposium on International Issues",
        "ARF Seminar on Narcotics Control",
        "ARF Round Table",
    ]


def test_name_keys_ignore_case_typography_spacing_and_line_break_hyphens() -> None:
    assert names.name_key("ARF  Foreign Ministers’ Conference") == names.name_key("arf foreign ministers' conference")
    assert names.word_keys("Non-Traditional Secu-rity Fields") == ["nontraditional", "security", "fields"]


def fact(**changes: object) -> Fact:
    base: dict[str, object] = {
        "id": "f",
        "claim": "China held talks.",
        "kind": "event",
        "value_text": "In 2016",
        "topic": "t",
        "citations": (Citation("paper", "S", "In 2016 China held talks."),),
        "date": "2016",
    }
    base.update(changes)
    return Fact(**base)  # type: ignore[arg-type]


SOURCES = {"paper": Source("paper", "A paper", "Office", "white-paper", published="2017-01-11")}


@pytest.mark.parametrize(
    ("when", "late"),
    [
        ({"date": "2017"}, False),  # may be January 2017
        ({"date": "2017-01"}, False),  # the month of publication
        ({"date": "2017-01-11"}, False),
        ({"date": "2017-01-12"}, True),
        ({"date": "2017-02"}, True),
        ({"date": None, "period": Period("2015", "2017-01")}, False),
        ({"date": None, "period": Period("2015", "2018")}, True),
        ({"date": None, "period": Period("2015", None)}, True),  # an open end reads "to this day"
        ({"date": None, "period": Period(None, "2017-01")}, False),  # an open start is only unknown
    ],
)
def test_nothing_after_the_publication_of_the_document(when: dict[str, object], late: bool) -> None:
    found = claims.after_publication(SOURCES, fact(**when))
    assert bool(found) == late
    assert all(v.check == "after-publication" and v.level == "error" for v in found)


def test_a_document_with_no_date_bounds_only_an_open_end() -> None:
    undated = {"paper": Source("paper", "A page", "Office", "web-page")}
    assert claims.after_publication(undated, fact(date="2099")) == []
    [open_end] = claims.after_publication(undated, fact(date=None, period=Period("2015", None)))
    assert open_end.message == (
        "f: the period has no end, which reads as 'to this day'; a document cannot know what came after it: "
        "end it at the publication or before"
    )


def ordinal(fact_id: str, quote: str) -> Fact:
    return fact(id=fact_id, kind="quantity", value=14, unit="ordinal", value_text="14th", date="2007-08",
                citations=(Citation("paper", "S", quote),))  # fmt: skip


def test_an_ordinal_is_held_to_the_meeting_its_quotes_name() -> None:
    meeting = ordinal("m", "At the 14th ARF Ministerial Meeting in August 2007")
    again = ordinal("g", "The guidelines were adopted at the 14th ARF Ministerial Meeting")
    other = ordinal("o", "the 14th ARF Senior Officials' Meeting")
    [twice] = claims.same_ordinal([meeting, other], again)
    assert twice.check == "duplicate-ordinal"
    assert twice.message.startswith("g: stores '14th' of the ARF Ministerial Meeting, as 'm' does;")
    assert claims.same_ordinal([other, again], again) == []
    event = fact(id="e", citations=again.citations, value_text="at the 14th ARF Ministerial Meeting")
    assert claims.same_ordinal([meeting], event) == []  # an event stores no ordinal


def test_a_claim_name_is_quoted_through_an_entity_alias_but_not_through_a_lone_word() -> None:
    vocab = load_store(GOOD).vocab  # United Nations, alias UN
    quoted = fact(
        claim="The United Nations Security Council met.",
        citations=(Citation("p", "S", "The UN Security Council met."),),
    )
    assert claims.unquoted_names(vocab, quoted) == []
    unquoted = fact(claim="The UN Security Council met.", citations=(Citation("p", "S", "The Council met."),))
    [warning] = claims.unquoted_names(vocab, unquoted)
    assert (warning.level, warning.check) == ("warning", "claim-names")
    assert "no quote or note has 'UN', 'Security'" in warning.message
    noted = fact(claim=unquoted.claim, citations=unquoted.citations, note="The Council is the UN Security Council.")
    assert claims.unquoted_names(vocab, noted) == []
