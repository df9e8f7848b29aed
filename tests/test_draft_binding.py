"""How check-draft binds a number to the fact it is about, in the ways of writing blind drafts showed (drafts-r9
to r16): lists, fact boxes, answers to questions, dates beside ordinals and brackets, titles' days, grid tables,
numbers said aloud. Most cases are short and made up here; a few read the hold-out draft itself (_in_draft). Each
failed on the commit before its rule, but for the guards that say so (a noun with "and" inside it stays one)."""

from __future__ import annotations

import pytest

from factcli.checks import draft
from factcli.index.engine import Index
from factcli.store.files import bundled_store

from .conftest import memory
from .test_draft_proof import found


@pytest.fixture(scope="module")
def bundled() -> Index:
    return memory(bundled_store())


def test_the_words_after_and_belong_to_the_next_count(bundled: Index) -> None:
    text = "By 2008 China had military ties with nearly 150 countries and attaché offices in 109 countries."
    got = found(bundled, text)
    assert got["nearly 150"] == ("contradicted", "military-diplomacy-2008-countries-with-military-ties")
    assert got["109"] == ("supported", "military-diplomacy-2008-attache-offices-abroad")


def test_and_inside_a_noun_does_not_part_it(bundled: Index) -> None:
    text = "The 2017 paper lists 123 judicial assistance and extradition treaties with 70 countries."
    got = found(bundled, text)
    assert got["123"] == ("supported", "law-enforcement-2017-judicial-extradition-treaties")


def test_a_round_figure_allows_a_fifth_either_way_at_most(bundled: Index) -> None:
    text = "By 2002 China had military relations with nearly 100 countries."
    assert found(bundled, text)["nearly 100"] == ("contradicted", "military-relations-2002-countries")


def test_a_round_figure_well_off_the_facts_is_contradicted(bundled: Index) -> None:
    text = "In 2001-02 the PLA hosted over 90 delegations of foreign military leaders, who came from some 90 countries."
    got = found(bundled, text)
    assert got["some 90"] == ("contradicted", "foreign-military-delegations-received-2001-2002-countries")


def test_a_dropped_zero_is_a_slip_not_another_figure(bundled: Index) -> None:
    text = "By 2008 some 400 foreign military personnel had studied in China."
    got = found(bundled, text)
    assert got["some 400"] == ("contradicted", "military-education-foreign-students-in-china-by-2008")


def test_a_bare_date_answering_a_question_dates_what_it_asks(bundled: Index) -> None:
    text = "Q. When did China submit its position paper to the ARF Senior Officials' Conference?\n\nA. April 2002.\n"
    assert found(bundled, text, markdown=False)["April 2002"] == (
        "contradicted",
        "arf-2002-senior-officials-document-date",
    )


def test_at_the_end_of_a_year_may_date_a_happening(bundled: Index) -> None:
    text = "Military ties between China and Japan were resumed at the end of 2002."
    assert found(bundled, text)["2002"] == ("contradicted", "china-japan-2001-military-ties-resumed-date")
    text = "At the end of November 2008 China had 1,949 peacekeepers on duty."
    assert found(bundled, text)["November 2008"][0] == "supported"


def test_a_date_after_a_place_and_a_comma_dates_the_phrase_before(bundled: Index) -> None:
    text = (
        "The SCO joint counter-terrorism exercise was held in Xinjiang and in Chelyabinsk, Russia, in September 2007."
    )
    got = found(bundled, text)
    assert got["September 2007"] == ("contradicted", "sco-2007-joint-counter-terrorism-exercise-date")


def test_a_signing_keeps_its_own_date(bundled: Index) -> None:
    text = (
        "The special meeting under the Military Maritime Consultation Agreement, signed in January 1998, met in Guam."
    )
    assert found(bundled, text).get("January 1998", ("none",))[0] != "contradicted"


def test_a_date_beside_an_ordinal_is_that_meetings(bundled: Index) -> None:
    text = (
        "The National Defense University's Third Symposium on International Issues, held in October–November "
        "2000, drew officers from 18 countries."
    )
    got = found(bundled, text)
    assert got["October–November 2000"] == ("contradicted", "ndu-2001-third-international-symposium-date")


def test_a_day_without_a_year_takes_the_drafts_own(bundled: Index) -> None:
    text = (
        "Regular Press Conference, January 16, 2017\n\n"
        "The State Council Information Office issued its white paper on Asia-Pacific security cooperation on "
        "January 13.\n"
    )
    got = found(bundled, text, markdown=False)
    assert got["January 13"] == ("contradicted", "wp2017-asia-pacific-white-paper-2017-issued")
    assert "12 May" not in found(bundled, "A report (World, 12 May) got the count wrong.\n", markdown=False)


def test_a_list_of_places_after_a_lead(bundled: Index) -> None:
    text = "Engineers made up the largest contingents: 175 in Congo, 315 in Darfur and 257 in Liberia."
    got = found(bundled, text)
    assert got["257"] == ("contradicted", "peacekeeping-2008-engineers-unmil")
    assert got["315"] == ("supported", "peacekeeping-2008-engineers-unamid")


def test_of_them_counts_what_the_clause_before_names(bundled: Index) -> None:
    text = "The 2002 paper counts attaché offices: by 2002 China had nearly 100 of them in its embassies abroad."
    assert found(bundled, text)["nearly 100"] == ("contradicted", "military-attache-offices-abroad-2002")


def test_the_figures_of_one_list_do_not_restate_each_other(bundled: Index) -> None:
    text = "- UNMIS (Sudan), end of November 2008: 275 engineers, 100 transport troops, 100 medical staff\n"
    got = found(bundled, text)
    assert got["100"] == ("contradicted", "peacekeeping-2008-medical-unmis")


def test_a_fact_box_line_is_a_sentence_of_its_own(bundled: Index) -> None:
    text = (
        "╔══════════════════════════════════════════╗\n"
        "║ KEY FIGURES (end of November 2008)       ║\n"
        "║                                          ║\n"
        "║ Peacekeepers on duty: 1,949              ║\n"
        "║ UN mission areas: 9                      ║\n"
        "║ Military personnel sent since 1990: 11,063 ║\n"
        "║ Police sent since 2000: 1,379            ║\n"
        "║ Lost on duty since 1990: 8               ║\n"
        "╚══════════════════════════════════════════╝\n"
    )
    got = found(bundled, text, markdown=True)
    assert got["11,063"] == ("supported", "peacekeeping-1990-2008-military-personnel-cumulative")
    assert got["1,379"] == ("supported", "peacekeeping-2000-2008-police-cumulative")
    assert got["8"] == ("supported", "peacekeeping-1990-2008-personnel-killed")


def test_a_bracketed_date_after_a_figure_is_its_time(bundled: Index) -> None:
    text = "Senior PLA delegations visited over 60 countries (2001–02)."
    got = found(bundled, text)
    assert got["2001–02"] == ("supported", "military-delegations-sent-2001-2002-countries")


def test_a_title_day_dates_the_present_not_the_past(bundled: Index) -> None:
    title = "OPINION | 14 April 2026\n\n"
    past = found(bundled, title + "In Liberia the Chinese contingent counted 257 engineers.\n", markdown=False)
    assert past["257"] == ("contradicted", "peacekeeping-2008-engineers-unmil")
    now = found(bundled, title + "China has 1,949 peacekeepers on duty.\n", markdown=False)
    assert now["1,949"][0] != "contradicted"


def test_spread_over_is_where_not_how_many(bundled: Index) -> None:
    text = "In 2002, 53 Chinese military observers were still serving, spread over six regions."
    assert found(bundled, text)["six"][0] == "supported"


def test_so_many_in_all_is_the_writers_sum(bundled: Index) -> None:
    text = "The 2007 exercise had eight other countries plus China, so nine navies in all."
    assert "nine" not in found(bundled, text)


def test_an_organisations_name_names_none_of_its_events(bundled: Index) -> None:
    text = (
        "SCO members concluded a treaty on long-term good-neighbourly relations, friendship and cooperation in "
        "June 2007 and have since signed agreements on joint military exercises."
    )
    assert found(bundled, text)["June 2007"] == ("contradicted", "sco-2007-bishkek-treaty-date")


def test_a_bibliography_and_a_line_of_particulars_hold_no_claims(bundled: Index) -> None:
    text = (
        "# An essay\n\n"
        "**Module:** POLS 2315 · **Word count:** 2,180 · **Submitted:** 12 May 2026\n\n"
        "By 2008 China had sent 11,063 military personnel to UN operations.[^1]\n\n"
        "[^1]: Information Office 2009, ch. 8.\n\n"
        "## Bibliography\n\n"
        '- Foot, Rosemary. 2006. "Chinese Strategies." *International Affairs* 82 (1): 77–94.\n'
    )
    got = found(bundled, text)
    assert got["11,063"][0] == "supported"
    assert not {"2,180", "12 May 2026", "8", "82", "1", "77–94"} & set(got), got


def test_an_answer_is_about_what_its_question_names(bundled: Index) -> None:
    text = (
        "Q. In which month of 2002 did the SCO hold its St. Petersburg summit?\n\n"
        "A. July 2002. Three documents were signed there.\n"
    )
    got = found(bundled, text, markdown=False)
    assert got["July 2002"] == ("contradicted", "sco-2002-st-petersburg-summit-date")


def test_a_promise_is_judged_by_a_fact_that_is_a_promise(bundled: Index) -> None:
    text = (
        "The 2017 paper promises to keep taking part in consultations between ASEAN and the six nuclear "
        "countries on the protocol to the Southeast Asia Nuclear-Weapon-Free Zone Treaty."
    )
    got = found(bundled, text)
    assert got["six"] == ("contradicted", "arms-control-2017-asean-nuclear-countries-consultation")


def test_a_line_breaks_hyphen_in_a_quote_is_no_kind_of_what_a_fact_counts(bundled: Index) -> None:
    text = (
        "By 2002 the PLA had taken part in 10 UN operations and had sent nearly 650 military observers, liaison "
        "officers and staff officers."
    )  # the 2002 paper's "mili-tary observers" made "mili" and "tary" kinds the sentence had to name
    got = found(bundled, text)
    assert got["nearly 650"] == ("contradicted", "peacekeeping-2002-observers-staff-sent-cumulative")


def test_someones_own_total_is_no_claim(bundled: Index) -> None:
    text = "His total of 1,861 troops in formed units, plus the 88 observers and staff officers, gives the 1,949."
    assert "1,861" not in found(bundled, text)


def test_what_is_so_today_is_not_what_was_so_in_2008(bundled: Index) -> None:
    text = "Behind every line are people: the more than 2,500 Chinese peacekeepers serving under the blue flag today."
    assert found(bundled, text)["more than 2,500"][0] != "contradicted"


def test_an_emails_quoted_reply_keeps_its_qualifier_across_the_wrap(bundled: Index) -> None:
    text = "> By 2008 some 4,000 foreign officers from more\n> than 130 countries had studied in China.\n"
    got = found(bundled, text, markdown=False)
    assert got["more than 130"] == ("supported", "military-education-foreign-student-origin-countries-by-2008")


def test_the_two_navies_are_the_pair_just_named(bundled: Index) -> None:
    text = "With Japan, the 2008 paper records the two navies' first exchange of port calls."
    assert "two" not in found(bundled, text)


def test_a_month_and_a_two_digit_year(bundled: Index) -> None:
    text = (
        "Back then PLA officers mostly watched: Singapore's mine-clearance drill (Mar '02), "
        "Japan's sub rescue (Apr '02)."
    )
    got = found(bundled, text)
    assert got["Mar '02"] == ("contradicted", "exercise-2002-singapore-mine-clearance-observed")
    assert got["Apr '02"] == ("supported", "exercise-2002-japan-submarine-rescue-observed")


def test_a_year_after_in_is_a_date_and_abbreviations_are_words(bundled: Index) -> None:
    text = "In 2014 SCO states sent the UNGA an updated Intl Code of Conduct for Info Security."
    assert found(bundled, text)["2014"] == ("contradicted", "cyber-security-2015-sco-code-of-conduct-submission-date")


def test_a_change_leaves_the_date_before_it_behind(bundled: Index) -> None:
    text = (
        "Military relations with more than 100 countries in 2002 became military ties with over 150 countries, "
        "and the countries keeping attaché offices in Beijing rose from more than 70 to 98."
    )
    got = found(bundled, text)
    assert got["over 150"] == ("supported", "military-diplomacy-2008-countries-with-military-ties")
    assert got["98"] == ("supported", "military-diplomacy-2008-foreign-attache-offices-in-china")


def test_a_quoted_claim_is_not_the_writers_to_be_accused_of(bundled: Index) -> None:
    text = (
        "# What China had in the field in 2008\n\n"
        'Every few months someone posts "China has 2,000 troops in UN missions" and it spreads. '
        "At the end of November 2008 it had 1,949.\n"
    )
    got = found(bundled, text)
    assert got["2,000"][0] == "unverified"
    assert got["1,949"] == ("supported", "peacekeeping-2008-military-personnel-deployed")


def test_an_ordinals_name_ends_at_its_verb(bundled: Index) -> None:
    text = (
        "Aug 2007: 14th ARF Ministerial adopts China-drafted disaster relief guidelines, "
        "the ARF's first framework document."
    )
    got = found(bundled, text)
    assert got["14th"] == ("supported", "arf-2007-ministerial-meeting-ordinal")


def test_a_slides_short_hand(bundled: Index) -> None:
    text = (
        "## Military diplomacy, 2008\n\n- Military ties: 150+ countries\n- Foreign officers trained in China: ~4,000\n"
    )
    got = found(bundled, text)
    assert got["150+"] == ("supported", "military-diplomacy-2008-countries-with-military-ties")
    assert got["~4,000"] == ("supported", "military-education-foreign-students-in-china-by-2008")
    assert found(bundled, "Since 1990 the PLA has sent 11k+ personnel to UN operations.")["11k+"][0] == "supported"


def _in_draft(index: Index, name: str, line: int, text: str) -> tuple[str, str | None]:
    from pathlib import Path

    path = next((Path(__file__).parent / "data").glob(f"drafts-r*/{name}"))
    findings = draft.check(index, path.read_text(encoding="utf-8"), markdown=path.suffix == ".md")
    got = next(f for f in findings if f.line == line and " ".join(f.text.split()) == text)
    return got.verdict, got.fact.id if got.fact else None


def test_a_label_dated_as_the_fact_decides_between_two_counts(bundled: Index) -> None:
    """drafts-r14's infobox: "| Operations joined, 1990–2008 | 17[2] |" after a row on 2002's figures: the count
    for 1990-2008, dated as the label is, refutes it, not the count to 2002."""
    got = _in_draft(bundled, "a-wiki-china-un-peacekeeping.md", 9, "17")
    assert got == ("contradicted", "peacekeeping-1990-2008-operations-joined")


def test_numbers_said_as_words_are_no_words_of_the_sentence(bundled: Index) -> None:
    """drafts-r14's interview: "In two thousand seven and two thousand eight, senior PLA delegations went to, um,
    under forty countries": "seven" is no word shared with the fact of Peace-2007's seven other countries."""
    got = _in_draft(bundled, "a-radio-interview-quiet-power.txt", 30, "under forty")
    assert got == ("contradicted", "military-diplomacy-2007-2008-countries-visited-by-military-delegations")


def test_what_another_text_said_is_reported_to_correct_it(bundled: Index) -> None:
    text = (
        "An article on naval diplomacy said the Chinese navy's 2002 round-the-world voyage called at 12 countries. "
        "It visited 10."
    )
    got = found(bundled, text)
    assert got["12"][0] == "unverified"
    assert got["10"] == ("supported", "navy-2002-round-the-world-countries-visited")
    text = "The 2002 paper says the navy's first round-the-world voyage called at 12 countries."
    assert found(bundled, text)["12"] == ("contradicted", "navy-2002-round-the-world-countries-visited")


def test_citations_section_numbers_and_a_plain_reference_list_hold_no_claims(bundled: Index) -> None:
    text = (
        "Grant proposal\n\nB.2 Peacekeeping: from observers to engineering battalions\n\n"
        "China first sent military observers to UN peacekeeping activities in 1990 [1][2]. Aim 1 asks why.\n\n"
        "References\n\n[1] State Council Information Office (2017). Beijing, 11 January 2017.\n"
    )
    got = found(bundled, text, markdown=False)
    assert got["1990"] == ("supported", "peacekeeping-1990-first-military-observers-date")
    assert not {"[1]", "1", "2", "B.2", "11 January 2017", "2017"} & set(got), got


def test_transposed_digits_are_a_slip_not_another_figure(bundled: Index) -> None:
    text = "China's first police contingent, 51 officers, deployed in January 2000."
    assert found(bundled, text)["51"] == ("contradicted", "peacekeeping-2000-first-police-dispatch-size")


def test_a_month_is_no_reading_of_a_years_long_span(bundled: Index) -> None:
    """drafts-r15's factbox, after a line on the disaster-relief exercise co-hosted with Malaysia (2015 to January
    2017): "Malaysia (March 2015)" is the floods of January 2015, not a month of the exercise's span."""
    got = _in_draft(bundled, "a-factbox-asia-pacific-white-paper.md", 18, "March 2015")
    assert got == ("contradicted", "disaster-relief-2015-malaysia-floods-relief-date")


def test_a_column_aligned_rows_figures_are_its_own(bundled: Index) -> None:
    text = (
        "Formed units by mission, end of November 2008:\n"
        "  Liberia (UNMIL)    275 engineers, 240 transport, 43 medical\n"
        "  Sudan (UNMIS)      275 engineers, 100 transport, 60 medical\n"
    )
    got = found(bundled, text, markdown=False)
    assert got["43"][0] != "contradicted"


def test_a_currency_named_by_its_word(bundled: Index) -> None:
    """drafts-r15's minutes: "20 million ringgit" for the MH370 search (20 million Australian dollars)."""
    got = _in_draft(bundled, "b-minutes-seminar-blue-helmets-grey-hulls.txt", 49, "20 million")
    assert got == ("contradicted", "maritime-security-mh370-search-funding")


def test_a_grid_tables_cells_and_their_items(bundled: Index) -> None:
    """drafts-r16's annual report: a pandoc grid table whose right cell lists the contingents as items across
    lines; each item is its own sentence, and a qualifier ends a cell's line ("more than⏎650")."""
    got = _in_draft(bundled, "a-annual-report-year-in-numbers.md", 30, "43")
    assert got == ("supported", "peacekeeping-2008-medical-unmil")
    assert _in_draft(bundled, "a-annual-report-year-in-numbers.md", 45, "more than 650")[0] == "supported"


def test_a_rank_is_no_ordinal_of_a_series(bundled: Index) -> None:
    text = "China is now the second-largest funder of UN peacekeeping, after its first police dispatch of 2000."
    assert "second" not in found(bundled, text)


def test_as_one_speaker_put_it_is_no_count(bundled: Index) -> None:
    text = "The 2002 voyage visited 10 countries and, as one speaker put it, covered nearly 32,000 nautical miles."
    assert "one" not in found(bundled, text)


def test_another_dollar_is_another_currency(bundled: Index) -> None:
    """drafts-r16's letter: "NZ$20 million" for the MH370 search (20 million Australian dollars)."""
    got = _in_draft(bundled, "b-letter-blue-helmet-figures.txt", 39, "NZ$20 million")
    assert got == ("contradicted", "maritime-security-mh370-search-funding")
