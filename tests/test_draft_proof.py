"""check-draft on the bundled store: a contradiction needs proof, every number a reader sees is listed, dates
that frame a figure are judged by its fact (issue #24's classes of false accusations and dropped numbers)."""

from __future__ import annotations

import pytest

from factcli.checks import draft
from factcli.index.engine import Index
from factcli.reading import mentions
from factcli.store.files import bundled_store

from .conftest import memory


@pytest.fixture(scope="module")
def bundled() -> Index:
    return memory(bundled_store())


def found(index: Index, text: str, *, markdown: bool = True) -> dict[str, tuple[str, str | None]]:
    """Each finding's text (line breaks as spaces) → (verdict, fact id)."""
    return {
        " ".join(f.text.split()): (f.verdict, f.fact.id if f.fact else None)
        for f in draft.check(index, text, markdown=markdown)
    }


def test_a_date_that_frames_a_figure_is_judged_by_the_figures_fact(bundled: Index) -> None:
    got = found(bundled, "As of the end of November 2008, China had 1,949 military peacekeepers on duty.")
    assert got["November 2008"] == ("supported", "peacekeeping-2008-military-personnel-deployed")
    got = found(bundled, "Since 1990 the PLA has sent 11,063 military personnel to UN peacekeeping operations.")
    assert got["Since 1990"] == ("supported", "peacekeeping-1990-2008-military-personnel-cumulative")
    text = "Between December 2008 and January 2016 Chinese naval escort fleets conducted 909 missions."
    got = found(bundled, text)
    fact = "maritime-security-2008-2016-gulf-of-aden-escort-missions"
    assert got["December 2008"] == got["January 2016"] == got["909"] == ("supported", fact)


def test_a_framing_date_is_never_contradicted(bundled: Index) -> None:
    """The end of a span is no event: "January 2016" is not the date the escorts began."""
    text = "Between December 2008 and January 2016 Chinese naval escort fleets conducted 908 missions."
    got = found(bundled, text)
    assert got["908"][0] == "contradicted"
    assert [v for k, (v, _) in got.items() if k != "908"] == ["supported", "supported"]


@pytest.mark.parametrize(
    "text",
    [
        "By then the PLA had sent upwards of 650 military observers, liaison officers and staff officers in 2002.",
        "By then the PLA had sent more\nthan 650 military observers, liaison officers and staff officers in 2002.",
    ],
)
def test_qualifiers_as_writers_write_them(bundled: Index, text: str) -> None:
    got = found(bundled, text, markdown=False)
    assert got[next(k for k in got if k.endswith("650"))] == (
        "supported",
        "peacekeeping-2002-observers-staff-sent-cumulative",
    )


def test_a_number_with_nothing_after_it_is_listed(bundled: Index) -> None:
    got = found(bundled, "In 2008, 1,949 were on duty.")
    assert got["1,949"][0] in ("supported", "unverified", "not-found")
    assert found(bundled, "Peacekeepers on duty, Nov 2008: 1,949")["1,949"] == (
        "supported",
        "peacekeeping-2008-military-personnel-deployed",
    )


def test_another_order_of_magnitude_is_not_a_contradiction(bundled: Index) -> None:
    got = found(bundled, "The PLA has 2.3 million military personnel, and 1,949 peacekeepers were on duty in 2008.")
    assert got["2.3 million"][0] != "contradicted"


def test_a_number_beside_other_countries_is_not_certainly_the_facts(bundled: Index) -> None:
    text = (
        "China held bilateral anti-terrorism consultations with eight countries, among them the United States, "
        "Russia, India and Pakistan."
    )
    assert found(bundled, text)["eight"][0] != "contradicted"


def test_a_wrong_date_does_not_spread_to_the_figure_beside_it(bundled: Index) -> None:
    text = "In May 2007 the PLA Navy took part in Peace-2007 in the Arabian Sea alongside seven other countries."
    got = found(bundled, text)
    assert got["seven"][0] != "contradicted"
    assert got["May 2007"] == ("contradicted", "peace-2007-exercise-date")


def test_the_writers_own_sum_gets_no_verdict(bundled: Index) -> None:
    text = "China had acceded to 10 and signed another one of the 12 conventions: together, 11 of them."
    assert "11" not in found(bundled, text)


def test_money_in_another_currency(bundled: Index) -> None:
    fact = "maritime-security-mh370-search-funding"
    text = "China pledged US$20 million to the continued search for flight MH370."
    assert found(bundled, text)["US$20 million"] == ("contradicted", fact)
    text = "China pledged about US$14 million to the continued search for flight MH370."
    assert found(bundled, text)["about US$14 million"][0] == "unverified"


def test_an_unproven_contradiction_says_why(bundled: Index) -> None:
    text = "China has 99 attaché offices, the paper says."
    (finding,) = draft.check(bundled, text)
    if finding.verdict == "unverified":
        assert "not certainly" in finding.reason or "another fact" in finding.reason or "bears it out" in finding.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "POLICY BRIEF No. 4/2009",
        "ASEAN 10+3 cooperation has been running for years.",
        "China made one of the few large troop commitments.",
        "Lecture notes, session 4, week 6, course POLS 2204.",
    ],
)
def test_serials_names_and_kinds_are_no_numbers(sentence: str) -> None:
    assert [m.text for m in mentions.find(sentence) if m.kind != "date"] == []
    assert [m.text for m in mentions.find(sentence) if m.kind == "date"] == []


def test_since_is_part_of_the_date_as_written() -> None:
    (date,) = mentions.find("Since 1990 the PLA has sent many.")[:1]
    assert (date.text, date.since) == ("Since 1990", True)


def test_a_table_cell_counts_what_its_heading_names_at_the_headings_time(bundled: Index) -> None:
    text = (
        "| What is counted | Countries, 2002 paper | Countries, 2008 paper |\n"
        "|---|---|---|\n"
        "| Military relations with China | more than 100 | over 150 |\n"
        "| With military attaché offices in China | more than 70 | 99 |\n"
    )
    got = found(bundled, text)
    assert got["more than 100"] == ("supported", "military-relations-2002-countries")
    assert got["over 150"] == ("supported", "military-diplomacy-2008-countries-with-military-ties")
    assert got["99"] == ("contradicted", "military-diplomacy-2008-foreign-attache-offices-in-china")


def test_a_timeline_date_dates_what_follows_its_dash(bundled: Index) -> None:
    got = found(bundled, "- **June 2001** — SCO founded on the basis of the Shanghai Five.\n")
    assert got["June 2001"] == ("supported", "sco-2001-founding-date")
    fact = "exercise-2002-china-kyrgyzstan-anti-terrorism-date"
    text = (
        "- **{}** — China and Kyrgyzstan hold a joint anti-terrorism exercise, the PLA's first with a foreign army.\n"
    )
    assert found(bundled, text.format("October 2002"))["October 2002"] == ("supported", fact)
    assert found(bundled, text.format("October 2003"))["October 2003"] == ("contradicted", fact)


def test_spoken_numbers(bundled: Index) -> None:
    text = "We keep military attache offices in a hundred and nine countries, more than a hundred and fifty in all."
    got = found(bundled, text, markdown=False)
    assert got["a hundred and nine"] == ("supported", "military-diplomacy-2008-attache-offices-abroad")


def test_us_the_pronoun_names_no_country(bundled: Index) -> None:
    from factcli.checks.entities import Names

    names = Names(bundled.vocab)
    assert names.find("Ministers from some fifty countries have come to see us.", 0) == []
    assert [name for name, _ in names.find("The US and China held talks.", 0)] == ["United States"]


def test_from_one_figure_to_another_is_no_range(bundled: Index) -> None:
    values = [m.text for m in mentions.find("The number went from more than 70 to 98 in six years.")]
    assert values[:2] == ["more than 70", "98"]
    assert [m.text for m in mentions.find("Officers came from 15–20 countries.")] == ["15–20"]


def test_a_round_figure_far_from_the_facts_is_not_contradicted(bundled: Index) -> None:
    text = "In the past two years we sent nearly a thousand officers to study abroad, in more than thirty countries."
    assert found(bundled, text, markdown=False)["nearly a thousand"][0] != "contradicted"


def test_a_pledge_is_no_count_to_refute(bundled: Index) -> None:
    """drafts-r7's one false contradiction: a pledged stand-by force read against the peacekeepers sent."""
    got = found(bundled, "Xi Jinping later pledged a stand-by force of 8,000 troops at the UN.")
    assert got["8,000"][0] != "contradicted"
    got = found(bundled, "Since 1990 the PLA has sent 8,000 military personnel to UN peacekeeping operations.")
    assert got["8,000"] == ("contradicted", "peacekeeping-1990-2008-military-personnel-cumulative")


def test_an_elliptical_list_borrows_its_units_and_is_borne_out(bundled: Index) -> None:
    """ "Sudan: 275 / 100 / 60" after a list with units: each figure is the one fact of Sudan's it equals; a
    figure no fact bears out is never accused on so loose a binding."""
    text = "Liberia: 275 engineers, 240 transport, 43 medical. Sudan: 275 / 100 / 60. Darfur: 315 engineers."
    got = found(bundled, text)
    assert [got[k] for k in ("275 / 100 / 60".split(" / "))] == [
        ("supported", "peacekeeping-2008-engineers-unmis"),
        ("supported", "peacekeeping-2008-transport-unmis"),
        ("supported", "peacekeeping-2008-medical-unmis"),
    ]
    wrong = found(bundled, "Liberia: 275 engineers, 240 transport, 43 medical. Sudan: 257 / 100 / 60.")
    assert wrong["257"][0] != "contradicted"
    assert "contradicted" not in {v for v, _ in wrong.values()}


def test_a_loose_binding_never_bears_out_a_small_number(bundled: Index) -> None:
    """ "two of their officers" in a letter: a small figure agrees with some fact of any sentence (here the two
    staff officers at the UN's DPKO in 2002) by chance."""
    from pathlib import Path

    letter = Path(__file__).parent / "data" / "drafts-r7" / "letter-to-editor-army-diplomacy.txt"
    findings = draft.check(bundled, letter.read_text(encoding="utf-8"), markdown=False)
    assert [(f.text, f.verdict) for f in findings if f.line == 19] == [
        ("nearly 30,000", "contradicted"),
        ("two", "not-found"),
    ]


def test_a_sentence_that_starts_with_its_figure_is_a_sentence(bundled: Index) -> None:
    text = (
        "Police are counted separately: 1,379 police person-times since 2000, to seven mission areas. 208 were "
        "serving when the paper came out, in Liberia, Kosovo, Haiti, Sudan and East Timor."
    )
    got = found(bundled, text, markdown=False)
    assert got["1,379"] == got["since 2000"] == ("supported", "peacekeeping-2000-2008-police-cumulative")
    assert got["seven"] == ("supported", "peacekeeping-2000-2008-police-mission-areas")
    assert got["208"] == ("supported", "peacekeeping-2008-police-deployed")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Cooperation took its present shape after 13 Chinese sailors were killed on the river in October 2011.",
            "October 2011",
        ),
        ("Flight MH370 vanished in March 2014 with 239 people on board.", "March 2014"),
        ("China's first formed police unit had gone to Haiti in 2004.", "2004"),
    ],
)
def test_the_date_of_a_happening_the_store_does_not_hold_is_not_found(bundled: Index, text: str, date: str) -> None:
    assert found(bundled, text, markdown=False)[date] == ("not-found", None)


def test_a_year_before_a_noun_phrase_of_its_own_is_a_date(bundled: Index) -> None:
    """ "In 1990 the PLA sends …": no count is followed by "the"; the ordinal is borne out by the fact dated so."""
    got = found(bundled, "In 1990 the PLA sends military observers to UN peacekeeping for the first time.")
    assert got["1990"] == ("supported", "peacekeeping-1990-first-military-observers-date")
    assert got["first"] == ("supported", "peacekeeping-1990-first-military-observers-ordinal")
    assert [(m.text, m.kind) for m in mentions.find("In 1990 the PLA sends observers.", 0)] == [("1990", "date")]


def test_an_ordinal_is_not_borne_out_by_a_fact_that_shares_only_its_word(bundled: Index) -> None:
    text = "The paper starts its count in December 2008, the month the first Chinese task force sailed for Aden."
    assert found(bundled, text).get("first", ("none", None))[0] != "supported"


def test_a_loosely_bound_date_bears_out_the_event_of_its_very_day(bundled: Index) -> None:
    """To the day, with the event's words: borne out; another day is never accused on so loose a binding; a
    month that some other event shares by chance, with none of its words, is no support."""
    got = found(bundled, "- **11 January 2017**: the Asia-Pacific security white paper is published.")
    assert got["11 January 2017"] == ("supported", "wp2017-asia-pacific-white-paper-2017-issued")
    got = found(bundled, "- **12 January 2017**: the Asia-Pacific security white paper is published.")
    assert got.get("12 January 2017", ("none", None))[0] not in ("supported", "contradicted")
    text = (
        "The Chinese destroyer Shenzhen called at Tokyo in November 2007 and the Japanese destroyer Sazanami\n"
        "returned the visit at Zhanjiang in June 2008.\n"
    )
    assert found(bundled, text, markdown=False).get("June 2008", ("none", None))[0] != "supported"


def test_a_wrong_date_does_not_spread_to_the_ordinal_beside_it(bundled: Index) -> None:
    """After "the Eighth … in 2001", "at the Ninth, in July 2001" names the Ninth (of July 2002): the date is
    wrong, the ordinal right. With no earlier meeting named, a wrong ordinal beside a right date is still
    wrong ("the Third Symposium, held in October 2002", the Fourth)."""
    text = (
        "She recalled that China used the Eighth ARF Foreign Ministers' Conference, in 2001, to back dialogue on "
        "non-traditional security, and that at the Ninth, in July 2001, it tabled its paper on the New Security "
        "Concept."
    )
    got = found(bundled, text)
    assert got["Ninth"] == ("supported", "arf-2002-ninth-ministerial-ordinal")
    assert got["July 2001"] == ("contradicted", "arf-2002-ninth-ministerial-date")
    text = (
        "The Third Symposium on International Issues of the National Defense University, held in October 2002, "
        "drew officers from 31 countries."
    )
    assert found(bundled, text)["Third"] == ("contradicted", "ndu-2002-fourth-international-symposium-ordinal")


def test_a_date_before_a_figure_is_the_figures_time_not_an_events(bundled: Index) -> None:
    """ "In 2002, 35 military observers were serving" (35: the hearing's planted error for 53): never judged as
    the date of the first dispatch of military observers (1990)."""
    from pathlib import Path

    hearing = Path(__file__).parent / "data" / "drafts-r8" / "hearing-transcript-peacekeeping.txt"
    findings = draft.check(bundled, hearing.read_text(encoding="utf-8"), markdown=False)
    in_2002 = next(f for f in findings if f.line == 32 and f.text == "2002" and f.column > 300)
    assert (in_2002.verdict, in_2002.reason.split(";")[0]) == ("supported", "the time of the figure it frames")


def test_a_labels_doing_must_be_the_facts_for_proof(bundled: Index) -> None:
    """A fact box's label counts countries doing something ("Countries China held bilateral counter-terrorism
    consultations with in 2017: **8**"): the four countries of a counter-terrorism coordination mechanism are
    not certainly what it counts."""
    from pathlib import Path

    faq = Path(__file__).parent / "data" / "drafts-r8" / "faq-counter-terrorism.md"
    findings = draft.check(bundled, faq.read_text(encoding="utf-8"))
    eight = next(f for f in findings if f.line == 14 and f.text == "8")
    assert eight.verdict != "contradicted"
    text = "> - Peacekeepers on duty, end of November 2008: **1,950**\n"
    assert found(bundled, text)["1,950"] == ("contradicted", "peacekeeping-2008-military-personnel-deployed")


def test_the_proof_is_the_fact_sure_of_what_the_number_counts(bundled: Index) -> None:
    """ "35 military observers were serving" (53 on duty in 2002) after a sentence on the observers and staff
    officers sent: the count on duty, sure of what it counts, refutes it, not the count sent, which scores a
    little higher but is unsure of it."""
    from pathlib import Path

    hearing = Path(__file__).parent / "data" / "drafts-r8" / "hearing-transcript-peacekeeping.txt"
    findings = draft.check(bundled, hearing.read_text(encoding="utf-8"), markdown=False)
    wrong = next(f for f in findings if f.line == 32 and f.text == "35")
    assert (wrong.verdict, wrong.fact and wrong.fact.id, wrong.suggestion) == (
        "contradicted",
        "peacekeeping-2002-military-observers-deployed",
        "53",
    )


def test_a_year_before_a_number_is_a_date() -> None:
    found_ = mentions.find("By 2008 eight Chinese peacekeepers had died on duty.", 0)
    assert [(m.text, m.kind) for m in found_] == [("2008", "date"), ("eight", "amount")]


def test_a_date_in_brackets_dates_the_name_before_it(bundled: Index) -> None:
    text = "In 2015–16 floods hit Malaysia (February 2015), Myanmar (July 2015) and Sri Lanka (May 2016)."
    got = found(bundled, text)
    assert got["February 2015"] == ("contradicted", "disaster-relief-2015-malaysia-floods-relief-date")
    assert got["May 2016"] == ("supported", "disaster-relief-2016-sri-lanka-floods-relief-date")


def test_a_body_n_strong_counts_its_members(bundled: Index) -> None:
    assert [(m.text, m.noun) for m in mentions.find("the 351-strong engineering unit", 0)] == [
        ("351", ("engineering",))
    ]
    text = "In Darfur the 351-strong engineering unit served with the African Union/UN Hybrid Operation in Darfur."
    assert found(bundled, text)["351"] == ("contradicted", "peacekeeping-2008-engineers-unamid")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("thanks both :100: all cleared except Sendai", "100"),  # an emoji as chat programs write it
        ("> Ships per mission, on average: **6.7**", "6.7"),  # a rate the writer worked out
        ("Professor Liu: 1,861, if you add them up, and the 88 observers.", "1,861"),  # the writer's own sum
        ("**Object 1.1** Blue beret and UN service medal of a Chinese military observer.", "1.1"),  # a label
    ],
)
def test_numbers_that_are_no_claims(bundled: Index, text: str, number: str) -> None:
    assert number not in found(bundled, text)


def test_what_orders_the_text_is_no_claim(bundled: Index) -> None:
    got = found(bundled, "The paper surveys the region under six headings. Of the nine entries, most are forums.")
    assert ("six" not in got, "nine" not in got) == (True, True)


def test_the_drafts_own_heading_block_dates_no_claim(bundled: Index) -> None:
    text = (
        "ASSOCIATION FOR ASIAN SECURITY STUDIES\nAnnual Conference, Leiden, 20-22 June 2024\n\n"
        "The chair opened the panel. By 2008 the PLA had sent 11,063 military personnel to 18 operations.\n"
    )
    got = found(bundled, text, markdown=False)
    assert not any("2024" in key for key in got)
    assert got["11,063"] == ("supported", "peacekeeping-1990-2008-military-personnel-cumulative")
    listed = "- **1990**: the PLA sends military observers to UN peacekeeping for the first time\n"
    assert found(bundled, listed)["1990"] == ("supported", "peacekeeping-1990-first-military-observers-date")


def test_a_date_years_from_the_facts_is_another_events(bundled: Index) -> None:
    """A wrong date is a slip of a month or a year or two: "the forum's first meeting in 1994" is no date of
    what the ARF adopted in 2007 (nor "1988" the date of the first police dispatch of 2000), and never accused."""
    from pathlib import Path

    data = Path(__file__).parent / "data" / "drafts-r9"
    wiki = draft.check(bundled, (data / "wiki-china-asean-security-cooperation.md").read_text(encoding="utf-8"))
    blog = draft.check(bundled, (data / "blog-comments-peacekeeping-numbers.md").read_text(encoding="utf-8"))
    dates = [f for f in wiki if f.text == "1994"] + [f for f in blog if f.text == "1988"]
    assert len(dates) == 2
    assert "contradicted" not in {f.verdict for f in dates}
    text = "At the 14th ARF Ministerial Meeting in August 2008, the ARF adopted China's disaster relief guidelines."
    assert found(bundled, text)["August 2008"][0] == "contradicted"


def test_an_infobox_count_of_another_kind_is_not_refuted(bundled: Index) -> None:
    """ "ASEAN member states: 10" in an infobox is no count of the five nuclear-weapon states."""
    from pathlib import Path

    wiki = Path(__file__).parent / "data" / "drafts-r9" / "wiki-china-asean-security-cooperation.md"
    findings = draft.check(bundled, wiki.read_text(encoding="utf-8"))
    assert [f.verdict for f in findings if f.line == 10 and f.text == "10"] != ["contradicted"]


def test_numbers_the_writer_rejects_or_picks_from_are_no_claims(bundled: Index) -> None:
    text = 'The 2002 paper says "its first dispatch of 15 policemen" in January 2000, not 16.'
    assert found(bundled, text)["15"] == ("supported", "peacekeeping-2000-first-police-dispatch-size")
    assert "16" not in found(bundled, text)
    text = "In 1992 he went out with one of the two batches of Chinese engineers sent to the UN mission there, 800 men."
    assert "one" not in found(bundled, text)


def test_each_date_of_a_list_dates_the_name_of_its_own_item(bundled: Index) -> None:
    text = "China sent flood relief to three countries: Malaysia in January 2015, Myanmar in August 2015 and Sri Lanka."
    assert found(bundled, text)["August 2015"] == ("contradicted", "disaster-relief-2015-myanmar-floods-relief-date")


def test_a_fact_bears_out_a_number_only_if_it_counts_what_the_number_counts(bundled: Index) -> None:
    """ "over 170 countries" allows 11,063, but 11,063 personnel do not bear it out: the count of countries with
    military ties ("over 150") neither implies nor refutes it (the README's example draft)."""
    from pathlib import Path

    example = Path(__file__).parents[1] / "examples" / "draft.md"
    got = found(bundled, example.read_text(encoding="utf-8"))
    assert got["over 170"] == ("unverified", "military-diplomacy-2008-countries-with-military-ties")
    text = "> - **3** flood-hit neighbours sent relief supplies in 2015–16\n"
    assert found(bundled, text)["3"] == ("supported", "disaster-relief-2015-2016-flood-relief-countries")


def test_a_qualifier_in_a_cell_of_its_own_reads_with_its_number(bundled: Index) -> None:
    text = (
        "| what | qualifier | figure | when |\n|---|---|---|---|\n"
        "| countries with attaché offices in China | more than | 70 | by 2002 |\n"
        "| countries with attaché offices in China | exactly | 98 | by 2008 |\n"
    )
    got = {" ".join(k.split()): v for k, v in found(bundled, text).items()}
    assert got["more than 70"] == ("supported", "foreign-military-attache-offices-in-china-2002")
    assert got["exactly 98"] == ("supported", "military-diplomacy-2008-foreign-attache-offices-in-china")


def test_a_count_of_countries_sharing_nothing_else_with_a_fact_is_not_refuted_by_it(bundled: Index) -> None:
    """ "the Fourth (November 2002, officers from 31 countries)": "countries" alone does not make it a count of
    the countries with attaché offices in China."""
    from pathlib import Path

    notes = Path(__file__).parent / "data" / "drafts-r10" / "data-notes-engagement-dataset.md"
    findings = draft.check(bundled, notes.read_text(encoding="utf-8"))
    assert [f.verdict for f in findings if f.line == 33 and f.text == "31"] != ["contradicted"]


def test_an_answer_is_read_with_its_question(bundled: Index) -> None:
    """A quiz, an FAQ, an interview: "Q. China's first civilian police went … How many officers went? A. 15."
    The answer's number is about what its question asks."""
    text = (
        "Quiz on China and UN peacekeeping.\n\n"
        "Q. China's first civilian police went to UN missions in January 2000. How many officers went?\n"
        "A. 15.\n"
    )
    assert found(bundled, text, markdown=False)["15"] == ("supported", "peacekeeping-2000-first-police-dispatch-size")


def test_a_figure_the_writer_says_is_their_own_working_is_no_claim(bundled: Index) -> None:
    text = "Liberia hosted the largest Chinese presence, with a full 558 troops across its three units (our sum)."
    assert "558" not in found(bundled, text)
    assert "800" not in found(bundled, "That works out at more than 800 ships a year, by our arithmetic.")
