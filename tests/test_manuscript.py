"""The transform on pandoc's tree: every citation form, every place, capitals, code, metadata; no pandoc needed.

The trees are written as pandoc's Markdown reader builds them (tests/test_manuscript_checks.py builds real
manuscripts with pandoc itself, both ways, against their expected output).
"""

from __future__ import annotations

from typing import Any

import pytest

from factcli.formats import manuscript
from factcli.formats.capitals import Sentence, value_words
from factcli.formats.locators import has_locator, section_suffix
from factcli.formats.manuscript import FactKey, fact_keys, parse_key, why_not, write_facts
from factcli.formats.pandoc_text import inlines, normalized
from factcli.store.files import bundled_store

from .conftest import RIVAL, SUPERSEDES_IT, memory, store_with

PK = "peacekeeping-2008-military-personnel-deployed"  # 1,949; wp2008-ch13
AREAS = "peacekeeping-2008-mission-areas-military"  # nine
KILLED = "peacekeeping-1990-2008-personnel-killed"  # Eight
SUMMIT = "china-asean-summit-2007-date"  # January; wp2008-ch13 and web-regional-cooperation
NPT = "arms-control-npt-review-conference-ordinal"  # Ninth; "6. Cooperation in Non-Proliferation and Disarmament"
SECTION = "sec.\u00a0Participating in UN Peacekeeping Operations"


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return memory(bundled_store())


def words(text: str) -> list[dict[str, Any]]:
    """Words as the reader makes them (no smart typography: the test says what it means)."""
    return inlines(text, smart=False) if text else []


def citation(key: str, mode: str = "NormalCitation", prefix: str = "", suffix: str = "") -> dict[str, Any]:
    return {"citationId": key, "citationPrefix": words(prefix), "citationSuffix": words(suffix),
            "citationMode": {"t": mode}, "citationNoteNum": 1, "citationHash": 0}  # fmt: skip


def cite(*citations: dict[str, Any]) -> dict[str, Any]:
    return {"t": "Cite", "c": [list(citations), [{"t": "Str", "c": "[…]"}]]}


def para(*parts: str | dict[str, Any]) -> dict[str, Any]:
    """A paragraph: strings are words (a space between parts), dicts are inlines."""
    out: list[dict[str, Any]] = []
    for part in parts:
        if out and not (isinstance(part, str) and part[:1] in ".,;:"):
            out.append({"t": "Space"})
        out += words(part) if isinstance(part, str) else [part]
    return {"t": "Para", "c": out}


def tree(*blocks: dict[str, Any], meta: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"pandoc-api-version": [1, 23, 1], "meta": meta or {}, "blocks": list(blocks)}


def shown(run: list[dict[str, Any]]) -> str:
    """A run of inlines as a writer would type it, citations in pandoc's syntax."""
    out = ""
    for node in run:
        kind = node["t"]
        if kind == "Str":
            out += node["c"]
        elif kind in ("Space", "SoftBreak"):
            out += " "
        elif kind == "Cite":
            parts = []
            for c in node["c"][0]:
                mark = "-@" if c["citationMode"]["t"] == "SuppressAuthor" else "@"
                prefix = shown(c["citationPrefix"])
                parts.append(f"{prefix + ' ' if prefix else ''}{mark}{c['citationId']}{shown(c['citationSuffix'])}")
            out += "[" + "; ".join(parts) + "]"
        elif kind in ("Emph", "Strong"):
            out += f"*{shown(node['c'])}*"
        elif kind == "Code":
            out += f"`{node['c'][1]}`"
        elif kind == "Quoted":
            out += f"“{shown(node['c'][1])}”"
        elif kind == "Note":
            out += "^[" + " ".join(shown(b["c"]) for b in node["c"]) + "]"
    return out


def written(store, *blocks: dict[str, Any], meta: dict[str, Any] | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    doc = write_facts(store, tree(*blocks, meta=meta), smart=True)
    return [shown(b["c"]) if b["t"] == "Para" else shown(b["c"][2]) for b in doc["blocks"]]


def test_a_group_of_facts_gives_each_value_its_own_citation(store) -> None:  # type: ignore[no-untyped-def]
    [text] = written(store, para("China had", cite(citation(f"fact:{PK}"), citation(f"fact:{AREAS}")), "troops."))
    assert text == f"China had 1,949 [@wp2008-ch13, {SECTION}], nine [@wp2008-ch13, {SECTION}] troops."


def test_the_writers_own_citations_join_the_fact_before_them_or_else_the_first(store) -> None:  # type: ignore[no-untyped-def]
    after = para("China had", cite(citation(f"fact:{PK}"), citation("smith2020", suffix=", p. 4")), "troops.")
    before = para("Of them,", cite(citation("smith2020", suffix=", 45"), citation(f"fact:{KILLED}")), "died.")
    assert written(store, after, before) == [
        f"China had 1,949 [@wp2008-ch13, {SECTION}; @smith2020, p.\u00a04] troops.",
        f"Of them, eight [@smith2020, 45; @wp2008-ch13, {SECTION}] died.",
    ]


def test_suppress_author_prefix_suffix_and_the_writers_locator(store) -> None:  # type: ignore[no-untyped-def]
    texts = written(
        store,
        para("China had", cite(citation(f"fact:{PK}", mode="SuppressAuthor")), "troops."),
        para("It had", cite(citation(f"fact:{PK}", prefix="see", suffix=", p. 3")), "troops."),
        para("In", cite(citation(f"fact:{AREAS}", suffix=", emphasis added")), "areas."),
        para("By then", cite(citation(f"fact:{KILLED}", mode="AuthorInText")), "died."),
    )
    assert texts == [
        f"China had 1,949 [-@wp2008-ch13, {SECTION}] troops.",
        "It had 1,949 [see @wp2008-ch13, p.\u00a03] troops.",  # the writer's locator replaces the section
        f"In nine [@wp2008-ch13, {SECTION}, emphasis added] areas.",
        f"By then eight [@wp2008-ch13, {SECTION}] died.",  # @fact:ID in the text: a citation in brackets
    ]


def test_a_fact_cites_every_document_that_states_it_or_the_one_chosen(store) -> None:  # type: ignore[no-untyped-def]
    section = "sec.\u00a0Regional Security Cooperation"
    assert written(
        store,
        para("They met in", cite(citation(f"fact:{SUMMIT}")), "2007."),
        para("The page says", cite(citation(f"fact:{SUMMIT}/web-regional-cooperation")), "."),
        para("So does", cite(citation(f"fact:{SUMMIT}@web-regional-cooperation")), "."),
    ) == [
        f"They met in January [@wp2008-ch13, {section}; @web-regional-cooperation, {section}] 2007.",
        f"The page says January [@web-regional-cooperation, {section}].",
        f"So does January [@web-regional-cooperation, {section}].",
    ]


def test_a_numbered_section_is_cited_by_its_number_so_no_style_breaks_the_sentence(store) -> None:  # type: ignore[no-untyped-def]
    [text] = written(store, para("the", cite(citation(f"fact:{NPT}")), "review conference"))
    assert text == "the ninth [@wp2017-asia-pacific, sec.\u00a06] review conference"


@pytest.mark.parametrize(
    ("section", "suffix"),
    [
        ("6. Cooperation in Non-Proliferation and Disarmament", ", sec.\u00a06"),
        ("II. Defence Policy", ", sec.\u00a0II"),
        ("Participation in UN Peace-keeping Operations", ", sec.\u00a0Participation in UN Peace-keeping Operations"),
        ("1990s Operations", ", sec.\u00a0“1990s Operations”"),  # pandoc would read "1990s" as the locator
        ("Mix of Forces", ", sec.\u00a0“Mix of Forces”"),  # …and MIX as a roman numeral
    ],
)
def test_section_locators(section: str, suffix: str) -> None:
    assert shown(section_suffix(section, smart=True)) == suffix


@pytest.mark.parametrize(
    ("suffix", "locator"),
    [(", p. 3", True), (", 45", True), (", {ii, A}", True), (", chap. iv", True), (", pp. 3-5", True),
     (", emphasis added", False), (", note the date", False), ("", False), (", see also", False)],
)  # fmt: skip
def test_a_writers_locator_is_told_from_other_suffixes(suffix: str, locator: bool) -> None:
    assert has_locator(words(suffix)) is locator


@pytest.mark.parametrize(
    ("value", "start", "expected"),
    [("four", True, "Four"), ("more than 650", True, "More than 650"), ("Ninth", False, "ninth"),
     ("In May 1997", False, "in May 1997"), ("Since 2015", False, "since 2015"), ("Twenty-five", False, "twenty-five"),
     ("January", False, "January"), ("Jan. 11", False, "Jan. 11"), ("1,949", True, "1,949"), ("", True, "")],
)  # fmt: skip
def test_a_values_first_letter_is_the_sentences(value: str, start: bool, expected: str) -> None:
    assert value_words(value, start=start) == expected


@pytest.mark.parametrize(
    ("before", "start"),
    [("ended.", True), ("ended?", True), ("“ended.”", True), ("(ended.)", True), ("e.g.", False), ("No.", False),
     ("areas:", False), ("areas,", False), ("sec.\u00a06.", True)],
)  # fmt: skip
def test_where_a_sentence_starts(before: str, start: bool) -> None:
    sentence = Sentence()
    assert sentence.start
    sentence.after(before)
    assert sentence.start is start


def test_capitals_by_place_in_the_sentence(store) -> None:  # type: ignore[no-untyped-def]
    areas = cite(citation(f"fact:{AREAS}"))
    texts = written(
        store,
        para(areas, "areas."),
        para("It ended.", cite(citation(f"fact:{KILLED}")), "died."),
        para("Areas:", areas, "."),
        para("See e.g.", areas, "areas."),
        para("It was *in", areas, "*."),
    )
    assert texts == [
        f"Nine [@wp2008-ch13, {SECTION}] areas.",
        f"It ended. Eight [@wp2008-ch13, {SECTION}] died.",
        f"Areas: nine [@wp2008-ch13, {SECTION}].",
        f"See e.g.\u00a0nine [@wp2008-ch13, {SECTION}] areas.",  # tied to "e.g." as pandoc's reader ties it
        f"It was *in nine [@wp2008-ch13, {SECTION}] *.",
    ]


def test_headings_list_items_table_cells_notes_title_and_abstract(store) -> None:  # type: ignore[no-untyped-def]
    areas = cite(citation(f"fact:{AREAS}"))
    note = {"t": "Note", "c": [para("See", areas, ".")]}
    heading = {"t": "Header", "c": [1, ["h", [], []], para(areas, "areas")["c"]]}
    items = {"t": "BulletList", "c": [[{"t": "Plain", "c": [areas]}]]}
    cell = {"t": "Plain", "c": [areas]}
    meta = {"title": {"t": "MetaInlines", "c": para("On", areas, "areas")["c"]},
            "abstract": {"t": "MetaBlocks", "c": [para(areas, "areas.")]}}  # fmt: skip
    doc = write_facts(store, tree(heading, para("Text.", note), items, cell, meta=meta), smart=True)
    cited = f"[@wp2008-ch13, {SECTION}]"
    assert shown(doc["blocks"][0]["c"][2]) == f"Nine {cited} areas"
    assert shown(doc["blocks"][1]["c"]) == f"Text. ^[See nine {cited}.]"
    assert shown(doc["blocks"][2]["c"][0][0]["c"]) == f"Nine {cited}"
    assert shown(doc["blocks"][3]["c"]) == f"Nine {cited}"
    assert shown(doc["meta"]["title"]["c"]) == f"On nine {cited} areas"
    assert shown(doc["meta"]["abstract"]["c"][0]["c"]) == f"Nine {cited} areas."


def test_code_is_left_alone(store) -> None:  # type: ignore[no-untyped-def]
    code = {"t": "Code", "c": [["", [], []], "[@fact:no-such-fact]"]}
    block = {"t": "CodeBlock", "c": [["", [], []], f"[@fact:{PK}]"]}
    raw = {"t": "RawBlock", "c": ["html", f"<!-- [@fact:{PK}] -->"]}
    doc = tree(para("Write", code, "."), block, raw)
    assert fact_keys(doc) == []
    assert write_facts(store, tree(para("Write", code, "."), block, raw), smart=True) == doc


def test_the_writers_references_and_nocite_are_kept(store) -> None:  # type: ignore[no-untyped-def]
    own = {"t": "MetaMap", "c": {"id": {"t": "MetaInlines", "c": words("doe2019")},
                                 "title": {"t": "MetaInlines", "c": words("A Book")}}}  # fmt: skip
    again = {"t": "MetaMap", "c": {"id": {"t": "MetaInlines", "c": words("wp2002-ch6")}}}
    nocite = {"t": "MetaInlines", "c": [cite(citation(f"fact:{SUMMIT}"), citation("doe2019"))]}
    meta = {"references": {"t": "MetaList", "c": [own, again]}, "nocite": nocite}
    doc = write_facts(store, tree(para(cite(citation(f"fact:{PK}"))), meta=meta), smart=True)
    references = doc["meta"]["references"]["c"]
    assert references[:2] == [own, again]  # the writer's own, untouched; wp2002-ch6 not added twice
    ids = [shown(r["c"]["id"]["c"]) for r in references]
    assert ids == ["doe2019", "wp2002-ch6", "wp2008-ch13", "web-regional-cooperation"]  # nocite read first
    added = references[2]["c"]
    assert shown(added["title"]["c"]) == (
        "China’s National Defense in 2008, Chapter XIII: International Security Cooperation"
    )
    assert shown(added["author"]["c"][0]["c"]["family"]["c"]) == (
        "Information Office of the State Council of the People’s Republic of China"
    )
    assert shown(added["issued"]["c"]) == "2009-01"
    assert [c["citationId"] for c in doc["meta"]["nocite"]["c"][0]["c"][0]] == [
        "wp2008-ch13", "web-regional-cooperation", "doe2019"
    ]  # fmt: skip


def test_why_a_fact_cannot_be_written_in(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = memory(store_with(tmp_path, RIVAL + SUPERSEDES_IT))
    assert why_not(store, FactKey("fact:md-2008-relation", "md-2008-relation", None)).startswith(  # type: ignore[union-attr]
        "unknown fact 'md-2008-relation' (did you mean 'md-2008-relations'"
    )
    assert why_not(store, FactKey("fact:md-2008-relations", "md-2008-relations", None)) == (
        "fact 'md-2008-relations' is superseded by md-2008-relations-web: cite that instead"
    )
    assert why_not(store, FactKey("fact:md-2008-relations-web/doc-a", "md-2008-relations-web", "doc-a")) == (
        "fact 'md-2008-relations-web' is not stated by source 'doc-a' (it cites doc-b)"
    )
    assert why_not(store, FactKey("fact:md-2008-relations-web/doc-b", "md-2008-relations-web", "doc-b")) is None


def test_keys() -> None:
    assert parse_key("fact:a-b") == FactKey("fact:a-b", "a-b", None)
    assert parse_key("fact:a/doc-x") == FactKey("fact:a/doc-x", "a", "doc-x")
    assert parse_key("fact:a@doc-x") == FactKey("fact:a@doc-x", "a", "doc-x")
    assert parse_key("smith2020") is None
    assert parse_key("fact:") is None
    doc = tree(para(cite(citation("fact:x"), citation("smith"))),
               meta={"title": {"t": "MetaInlines", "c": [cite(citation("fact:t"))]},
                     "references": {"t": "MetaList", "c": [{"t": "MetaMap", "c": {}}]}})  # fmt: skip
    assert [k.key for k in fact_keys(doc)] == ["fact:t", "fact:x"]


def test_typography_as_pandocs_reader_makes_it() -> None:
    assert shown(inlines('China\'s "first" 1990--2000 ... sec. 6', smart=True)) == (
        "China’s “first” 1990–2000 … sec.\u00a06"
    )
    assert shown(inlines("China's 'x'", smart=False)) == "China's 'x'"
    assert normalized([{"t": "Str", "c": "a"}, {"t": "Str", "c": "b"}]) == [{"t": "Str", "c": "ab"}]


def test_the_cite_shows_the_citation_as_typed_without_citeproc(store) -> None:  # type: ignore[no-untyped-def]
    doc = write_facts(store, tree(para(cite(citation(f"fact:{PK}", mode="SuppressAuthor")))), smart=True)
    cite_node = doc["blocks"][0]["c"][-1]
    assert shown(cite_node["c"][1]) == "[-@wp2008-ch13, sec. Participating in UN Peacekeeping Operations]"
    assert manuscript.PREFIX == "fact:"
