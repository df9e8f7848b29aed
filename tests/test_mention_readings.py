"""Amounts, ordinals, ranges and money as writers write them, one reading a sentence: what each number is,
what it counts, in which currency, and whether it is the writer's own arithmetic or no figure at all."""

from __future__ import annotations

import dataclasses

import pytest

from factcli.reading import mentions


def only(sentence: str) -> mentions.Mention:
    found = mentions.find(sentence)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def texts(sentence: str) -> list[str]:
    return [m.text for m in mentions.find(sentence)]


#: One sentence for each way a mention is made: a fraction, a range in words and in figures, two figures
#: joined by "to", ordinal words and numerals, a month taking the year before it, money and its conversion.
EVERY_KIND = [
    "Engineers made up two-thirds of the contingent.",
    "It trained officers from between 15 and 20 countries.",
    "The fund holds 15–20 million dollars.",
    "From more than 70 to 98 observers served.",
    "Observers rose from 70 to 98, then to 120.",
    "In 2010 China held the seventh and eighth rounds of talks.",
    "It held its 7th round of talks.",
    "The summit in January 2007 and the forum that November.",
    "It gave 20 million Australian dollars (about US$14 million).",
    "Australia gave 20 million Australian dollars and the US gave US$14 million (in 2008).",
]


@pytest.mark.parametrize("sentence", EVERY_KIND)
def test_a_mention_is_where_its_text_stands(sentence: str) -> None:
    found = mentions.find(sentence)
    assert found
    assert [sentence[m.start : m.end] for m in found] == [m.text for m in found]


@pytest.mark.parametrize("sentence", EVERY_KIND)
def test_a_sentence_further_into_a_text_moves_its_mentions_and_nothing_else(sentence: str) -> None:
    """check-draft reads each sentence at its place in the draft: the offset moves the mentions, no reading."""
    moved = [dataclasses.replace(m, start=m.start - 500, end=m.end - 500) for m in mentions.find(sentence, 500)]
    assert moved == mentions.find(sentence)


def test_a_month_alone_is_a_date() -> None:
    found = mentions.find("The summit in January 2007 and the forum that November.")
    assert [(m.text, m.kind) for m in found] == [("January 2007", "date"), ("November", "date")]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "noun"),
    [
        ("China held the seventh round of strategic talks with Australia.", "seventh", 7, "round"),
        ("It held its 7th round of talks.", "7th", 7, "round"),
    ],
)
def test_ordinals_in_words_and_figures(sentence: str, text: str, value: int, noun: str) -> None:
    mention = only(sentence)
    assert (mention.text, mention.kind, mention.low, mention.high) == (text, "ordinal", value, value)
    assert mention.noun[0] == noun


def test_paired_ordinals_count_the_same_thing() -> None:
    found = mentions.find("In 2010 China held the seventh and eighth rounds of talks.")
    assert [(m.text, m.noun) for m in found if m.kind == "ordinal"] == [
        ("seventh", ("rounds",)),
        ("eighth", ("rounds",)),
    ]


@pytest.mark.parametrize(
    ("sentence", "ordinals"),
    [
        ("Second, the PLA held its third round of talks with Australia.", ["third"]),
        ("- Second, the PLA trains officers abroad.", []),
        ("Among contributors China ranked ninth, ahead of France.", ["ninth"]),
    ],
)
def test_an_ordinal_opening_a_point_is_the_writers_not_a_rank(sentence: str, ordinals: list[str]) -> None:
    assert texts(sentence) == ordinals


def test_a_fraction_is_the_writers_arithmetic() -> None:
    mention = only("Engineers made up two-thirds of the contingent.")
    assert (mention.kind, mention.derived) == ("fraction", True)


@pytest.mark.parametrize(
    ("sentence", "low", "high", "qualifier", "noun"),
    [
        ("It trained officers from between 15 and 20 countries.", 15, 20, "range", ("countries",)),
        ("It trained officers from 15–20 countries.", 15, 20, "range", ("countries",)),
        ("The fund holds 15–20 million dollars.", 15e6, 20e6, "range", ("dollars",)),
        ("It sent nearly 2,000 troops.", 1600, 2000, "below", ("troops",)),
    ],
)
def test_ranges_and_qualifiers(sentence: str, low: float, high: float, qualifier: str, noun: tuple[str, ...]) -> None:
    mention = only(sentence)
    assert (mention.kind, mention.low, mention.high, mention.qualifier, mention.noun) == (
        "amount",
        low,
        high,
        qualifier,
        noun,
    )


@pytest.mark.parametrize("sentence", ["From 70 to 98 observers served.", "Observers rose from 70 to 98."])
def test_from_one_figure_to_another_is_two_figures(sentence: str) -> None:
    assert [(m.text, m.low, m.high) for m in mentions.find(sentence)] == [("70", 70, 70), ("98", 98, 98)]


@pytest.mark.parametrize(
    ("sentence", "derived"),
    [
        ("It gave 20 million Australian dollars (about US$14 million).", [False, True]),
        ("It pledged US$7 million and US$8 million.", [False, False]),
        ("Australia gave 20 million Australian dollars and the US gave US$14 million (in 2008).", [False] * 3),
        ("It sent 335 engineers (including 43 medical staff) to Darfur.", [False, False]),
    ],
)
def test_money_in_brackets_in_another_currency_is_a_conversion(sentence: str, derived: list[bool]) -> None:
    assert [m.derived for m in mentions.find(sentence)] == derived


@pytest.mark.parametrize(
    ("sentence", "currency"),
    [
        ("It gave 20 million yuan.", "yuan"),
        ("It gave 20 million euros.", "euros"),
        ("It gave 20 million pounds.", "pounds"),
        ("It paid 14 million US dollars.", "US$"),
        ("It paid 14 million American dollars.", "US$"),
        ("It gave 20 million Australian dollars.", "A$"),
    ],
)
def test_the_currency_the_noun_names(sentence: str, currency: str) -> None:
    assert only(sentence).currency == currency


@pytest.mark.parametrize(
    "sentence",
    [
        "The ship docked at 11:42 on Tuesday.",
        "The ship docked at 9:30 on Tuesday.",
        "The air force flew J-10 fighters.",
        "It fitted 30mm guns to the frigates.",
        "It kept a 24/7 watch.",
        "The 10+3 meetings were held in Beijing.",
        "September 11 changed its view of terrorism.",
        "The ship left port on 26 February.",
    ],
)
def test_times_days_and_designations_are_no_amounts(sentence: str) -> None:
    assert mentions.find(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Eight ships escorted the convoy.", "Eight", 8),
        ("(Eight ships took part.)", "Eight", 8),
        ("Its record in Darfur: Eight engineering units served there.", "Eight", 8),
        ("China sent one hospital ship.", "one", 1),
        ("It sent twenty two observers.", "twenty two", 22),
        ("It sent a hundred and twenty-three observers.", "a hundred and twenty-three", 123),
    ],
)
def test_number_words(sentence: str, text: str, value: float) -> None:
    mention = only(sentence)
    assert (mention.text, mention.kind, mention.low, mention.high) == (text, "amount", value, value)


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("The two navies trained with one another.", ["two"]),
        ("Of the five ships, it sent one.", ["five"]),
    ],
)
def test_one_as_a_pronoun_is_no_amount(sentence: str, amounts: list[str]) -> None:
    assert texts(sentence) == amounts


@pytest.mark.parametrize(
    ("sentence", "derived"),
    [
        ("It sent 315 of its engineers to Darfur.", False),
        ("It announced a cut of 300,000 troops.", False),
        ("Growth of 7 percent was reported.", True),
        ("Together, 11 ships took part.", True),
    ],
)
def test_changes_and_sums_the_writer_worked_out(sentence: str, derived: bool) -> None:
    assert only(sentence).derived is derived
