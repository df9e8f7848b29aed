"""How extract reads a fact sheet as ``pdftotext -layout`` renders it, one rule each (rules learnt on the fourth
blind document, #30: a UN mission's peacekeeping fact sheet, figures as of 31 August 2015)."""

from __future__ import annotations

from typing import Any

from factcli.extract.when import as_of

from .test_extract_rules import _records as _records_of
from .test_extract_rules import _when

_NOTE = "Figures are as of 31 August 2015 unless otherwise indicated.\n\n"


def _records(text: str) -> list[dict[str, Any]]:
    return _records_of(text, published="2015-09-10")


def dated(text: str) -> list[tuple[str, object, str]]:
    return [(r["kind"], r.get("value"), _when(r)) for r in _records(text)]


def test_a_date_the_document_says_its_figures_are_of_is_its_as_of_time() -> None:
    assert as_of("A fact sheet", "2015-09-10", None, _NOTE)[0] == "2015-08-31"
    assert as_of("A fact sheet", "2015-09-10", None, "All data as at August 31, 2015.")[0] == "2015-08-31"
    assert as_of("A fact sheet", "2015-09-10", None, "Figures are as of 31 June 2015.")[0] == "2015-09"
    text = _NOTE + "1.   Since 2000 China has sent some 2,600 police officers to nine mission areas.\n"
    assert dated(text) == [("quantity", 2600.0, "2000/2015-08-31"), ("quantity", 9.0, "2000/2015-08-31")]
    assert dated(text.replace(_NOTE, "")) == [("quantity", 2600.0, "2000/2015-09"), ("quantity", 9.0, "2000/2015-09")]


_PAGES = (
    "         Permanent Mission to the United Nations\n"
    "                  350 East 35th Street, New York, NY 10016\n\n" + _NOTE + "I. Peacekeeping Training\n\n"
    "17.  From 11 to 29 May 2015 the Center ran, jointly with the UN Department of Peacekeeping\n"
    "     Operations, the third course to be held in China, for 36 officers[1] from 19 countries.\n\n"
    "________________________\n"
    "[1] An officer who has served on two missions is counted twice.\n\n\n"
    "                                  — 1 —\n\f"
    "                                  A Fact Sheet\n\n"
    "18.  In October 2014 China hosted a conference attended by more than 200 representatives.\n\n\n"
    "                                  — 2 —\n\f"
    "                                  A Fact Sheet\n\n"
    "19.  China has trained 12 police officers.\n"
)


def test_a_pages_frame_is_no_prose_and_a_hanging_indent_goes_on_with_its_paragraph() -> None:
    records = _records(_PAGES)
    assert [r.get("value") for r in records if r["kind"] == "quantity"] == [3.0, 36.0, 19.0, 200.0, 12.0]
    course = records[1]
    assert course["citations"][0]["quote"].startswith("From 11 to 29 May 2015 the Center ran")
    assert "[1]" in course["citations"][0]["quote"]  # the quote is the document's own words
    assert _when(course) == "2015-05-11/2015-05-29"
    assert {r["citations"][0]["section"] for r in records} == {"I. Peacekeeping Training"}  # no running header


_TABLE = (
    _NOTE + "5.   As of 31 August 2015, 171 police officers were serving in UN peacekeeping operations.\n\n"
    "Table 1. Chinese peacekeepers by mission, 31 August 2015\n\n"
    "     Mission       Host country or area                  Military      Police      Total\n"
    "     UNMIL         Liberia                                    671         140        811\n"
    "     UNIFIL        Lebanon                                    424           –        424\n"
    "     Total                                                  3,057         171      3,228\n"
)


def test_a_column_table_is_read_cell_by_cell_against_its_row_and_column() -> None:
    cells = [r for r in _records(_TABLE) if r["citations"][0]["quote"].startswith(("UNMIL", "UNIFIL", "Total"))]
    # a total equal to its row's only figure, and a figure the prose states of the same time, add nothing
    assert [(r["value"], r["unit"], _when(r)) for r in cells] == [
        (671.0, "personnel", "2015-08-31"),
        (140.0, "personnel", "2015-08-31"),
        (811.0, "personnel", "2015-08-31"),
        (424.0, "personnel", "2015-08-31"),
        (3057.0, "personnel", "2015-08-31"),
        (3228.0, "personnel", "2015-08-31"),
    ]
    assert cells[0]["citations"][0]["quote"] == _TABLE.splitlines()[7].strip()  # the row as laid out
    assert "Liberia" in cells[0]["entities"]
    assert "Police" in cells[1]["claim"]
