"""References as files for other tools: CSL-JSON (pandoc, Zotero, citeproc), biblatex (biber, pandoc, Zotero), RIS.

Each is written so that the tool reading it back gets the same item: the type
(a white paper is a report, a web page an online item), the issuing office as
one name (a family name with no given name, in CSL-JSON and in biblatex's
``family=`` form: never "Office, I."), the title's capitals protected, the date
to the precision known, the URL and the access date. The office is the author
only: a publisher or institution repeating it would be printed twice. pandoc
reads the .bib and the CSL-JSON as the same item, so both give the same
bibliography in every style, labels of label styles included (pandoc derives
them from the family name: "Info02"); tests/test_cite_pandoc.py checks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcli.model import Source

_CSL_TYPES = {"white-paper": "report", "policy-paper": "report", "web-page": "webpage"}
_BIBLATEX_TYPES = {"report": "report", "webpage": "online"}
_RIS_TYPES = {"report": "RPRT", "webpage": "ELEC"}
#: biblatex's language names (langid) for the ISO codes sources record.
_LANGIDS = {"en": "english", "zh": "chinese", "fr": "french", "es": "spanish", "ru": "russian"}
#: LaTeX's special characters as text.
_LATEX = {
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
}  # fmt: skip


def csl_item(source: Source) -> dict[str, Any]:
    """A source as CSL-JSON, the input of citeproc-py, pandoc and Zotero."""
    kind = _CSL_TYPES.get(source.type, "document")
    item: dict[str, Any] = {
        "id": source.id,
        "type": kind,
        "title": source.title,
        # The issuing office is the author; a catalogue (and APA 7, Chicago) leaves out a publisher repeating it.
        # A family name without a given name, not a CSL literal: pandoc derives labels from family names only.
        "author": [{"family": source.publisher}],
        "citation-label": citation_label(source),
    }
    if kind == "report":
        item["genre"] = source.type.replace("-", " ").capitalize()
    if source.published:
        item["issued"] = {"date-parts": [[int(p) for p in source.published.split("-")]]}
    if source.url:
        item["URL"] = source.url
    if source.accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in source.accessed.split("-")]]}
    if source.language:
        item["language"] = source.language
    return item


def citation_label(source: Source) -> str:
    """The label of label styles ("[Info02]"), as pandoc's citeproc derives it from one author: the first four
    letters of the family name and the year's last two digits. Given in the CSL-JSON because citeproc-py derives
    none; pandoc derives the same one from the .bib, which cannot carry it."""
    return source.publisher[:4] + (source.published[2:4] if source.published else "")


def csl_json(sources: Sequence[Source]) -> str:
    import json

    return json.dumps([csl_item(s) for s in sources], ensure_ascii=False, indent=2) + "\n"


def latex_escape(text: str) -> str:
    return "".join(_LATEX.get(c, c) for c in text)


def bibtex(sources: Sequence[Source]) -> str:
    """biblatex entries (biber and pandoc read them): @report and @online, a full ISO date, no institution."""
    entries = []
    for source in sources:
        item = csl_item(source)
        office = latex_escape(source.publisher)
        fields = [
            ("author", "family={" + office + "}"),  # one family name: an office, never "Office, I."
            ("title", "{" + latex_escape(source.title) + "}"),  # braced twice: its capitals are its own
        ]
        if item["type"] == "report":
            fields.append(("type", item["genre"]))
        if source.published:
            fields.append(("date", source.published))
        if source.url:
            fields.append(("url", source.url))
        if source.accessed:
            fields.append(("urldate", source.accessed))
        if source.language:
            fields.append(("langid", _LANGIDS.get(source.language, source.language)))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{_BIBLATEX_TYPES.get(item['type'], 'misc')}{{{source.id},\n{body}\n}}\n")
    return "\n".join(entries)


def ris(sources: Sequence[Source]) -> str:
    records = []
    for source in sources:
        item = csl_item(source)
        lines = [f"TY  - {_RIS_TYPES.get(item['type'], 'GEN')}", f"AU  - {source.publisher}", f"TI  - {source.title}"]
        lines.append(f"PB  - {source.publisher}")
        if source.published:
            lines.append(f"PY  - {source.published[:4]}")
            lines.append(f"DA  - {source.published.replace('-', '/')}")
        if source.url:
            lines.append(f"UR  - {source.url}")
        if source.language:
            lines.append(f"LA  - {source.language}")
        lines += [f"ID  - {source.id}", "ER  - "]
        records.append("\n".join(lines) + "\n")
    return "\n".join(records)
