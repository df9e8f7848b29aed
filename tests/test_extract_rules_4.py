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
