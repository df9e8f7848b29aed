"""Turn the plain values of a loaded file into model records, or positioned problems.

One table of fields per record type drives both the checks here and the
JSON Schema that ``factcli schema`` publishes, so the two cannot disagree.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcli import dates
from factcli.model import (
    KINDS,
    QUALIFIERS,
    Citation,
    Entity,
    Fact,
    Location,
    Metric,
    Period,
    Source,
    Supersedes,
    Topic,
)
from factcli.yamlread import LoadedFile, Path_

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FieldSpec:
    """One field: its type name (``text``, ``id``, ``number``, ``date``, ``list``, …) and whether required."""

    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""


FACT_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True, description="stable slug, [a-z0-9-]+, unique in the store"),
    "claim": FieldSpec("text", True, description="one sentence, the curator's own words"),
    "kind": FieldSpec("choice", True, KINDS, "quantity or event"),
    "value": FieldSpec("number", description="the number as a reader computes it (quantities)"),
    "qualifier": FieldSpec("choice", False, QUALIFIERS, "how exact the value is; default exact"),
    "unit": FieldSpec("text", description="what is counted (quantities)"),
    "value_text": FieldSpec("text", True, description="the source's own words for the value"),
    "date": FieldSpec("date", description="when the value holds: YYYY, YYYY-MM or YYYY-MM-DD"),
    "period": FieldSpec("period", description="a span {start, end}; either end may be open"),
    "metric": FieldSpec("id", description="a key from metrics.yaml"),
    "topic": FieldSpec("id", True, description="a key from topics.yaml"),
    "tags": FieldSpec("textlist", description="free keywords"),
    "entities": FieldSpec("textlist", description="canonical names from entities.yaml"),
    "citations": FieldSpec("citations", True, description="one {source, section, quote} per document"),
    "note": FieldSpec("text", description="curator's remark"),
    "supersedes": FieldSpec("supersedes", description="{id, reason}: the fact this one replaces"),
}
CITATION_FIELDS: dict[str, FieldSpec] = {
    "source": FieldSpec("id", True, description="a source id from sources.yaml"),
    "section": FieldSpec("text", True, description="the heading in the document"),
    "quote": FieldSpec("text", True, description="shortest verbatim span containing value_text"),
}
SOURCE_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True),
    "title": FieldSpec("text", True),
    "publisher": FieldSpec("text", True),
    "published": FieldSpec("date"),
    "type": FieldSpec("text", True, description="white-paper, policy-paper, web-page, …"),
    "url": FieldSpec("text"),
    "sha256": FieldSpec("sha256", description="of the archived plain text the quotes were checked against"),
    "accessed": FieldSpec("date"),
    "language": FieldSpec("text"),
    "note": FieldSpec("text"),
}
ENTITY_FIELDS: dict[str, FieldSpec] = {
    "name": FieldSpec("text", True),
    "kind": FieldSpec("text"),
    "aliases": FieldSpec("textlist"),
    "note": FieldSpec("text"),
}
TOPIC_FIELDS: dict[str, FieldSpec] = {
    "key": FieldSpec("id", True),
    "title": FieldSpec("text", True),
    "description": FieldSpec("text"),
}
METRIC_FIELDS: dict[str, FieldSpec] = {
    "key": FieldSpec("id", True),
    "unit": FieldSpec("text", True),
    "description": FieldSpec("text", True),
}
PERIOD_FIELDS = {"start": FieldSpec("date"), "end": FieldSpec("date")}
SUPERSEDES_FIELDS = {"id": FieldSpec("id", True), "reason": FieldSpec("text", True)}


class _Reader:
    """Checks one mapping against a field table, collecting problems in the file."""

    def __init__(self, lf: LoadedFile, path: Path_, data: dict[str, Any], spec: dict[str, FieldSpec]) -> None:
        self.lf, self.path, self.data, self.spec = lf, path, data, spec
        self.ok = True
        for key in data:
            if key not in spec:
                close = difflib.get_close_matches(key, spec, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self._fail(key, f"unknown field '{key}'{hint}", at_key=True)
        for key, fs in spec.items():
            if fs.required and data.get(key) is None:
                self.ok = False
                if (*path, key) not in lf.refused:
                    self.lf.problem(path, f"missing required field '{key}'")

    def _fail(self, key: str, message: str, *, at_key: bool = False) -> None:
        self.ok = False
        if at_key:
            self.lf.problem_at_key((*self.path, key), message)
        else:
            self.lf.problem((*self.path, key), message)

    def get(self, key: str) -> Any:
        """The field's value converted to its type, or None (absent or wrong: a problem is recorded)."""
        value = self.data.get(key)
        if (*self.path, key) in self.lf.refused:
            self.ok = False  # already reported where the file refused it
            return None
        if value is None:
            return None
        fs = self.spec[key]
        check = _CHECKS[fs.type]
        result, message = check(value, fs)
        if message:
            self._fail(key, f"'{key}' {message}")
            return None
        return result


def _text(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, str):
        return None, f"must be text, found {_type_name(value)}; quote it"
    if not value.strip():
        return None, "must not be empty"
    # A block scalar (|, >) ends with a line break unless it is the file's last line: the text
    # is the same either way, and stays the same when `add` appends after it.
    return value.rstrip("\n"), ""


def _id(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if not isinstance(value, str):
        return None, f"must be an id ([a-z0-9-]+), found {_type_name(value)}"
    if not ID_PATTERN.fullmatch(value):
        return None, f"must be lowercase letters, digits and single hyphens, found '{value}'"
    return value, ""


def _choice(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if value not in fs.choices or not isinstance(value, str):
        return None, f"must be one of {', '.join(fs.choices)}; found {value!r}"
    return value, ""


def _number(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"must be a number, found {_type_name(value)} {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return None, "must be a finite number"
    return value, ""


def _date(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an unquoted year: its text is exactly the year
    if not isinstance(value, str):
        return None, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found {_type_name(value)}"
    try:
        dates.parse_span(value)
    except ValueError as exc:
        return None, f"is not a valid date: {exc}"
    return value, ""


def _sha256(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if not isinstance(value, str) or not SHA256_PATTERN.fullmatch(value):
        return None, "must be 64 lowercase hex digits"
    return value, ""


def _textlist(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None, "must be a list of texts"
    if len(set(value)) != len(value):
        return None, "lists an item twice"
    return tuple(value), ""


def _passthrough(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    return value, ""


_CHECKS: dict[str, Callable[[Any, FieldSpec], tuple[Any, str]]] = {
    "text": _text,
    "id": _id,
    "choice": _choice,
    "number": _number,
    "date": _date,
    "sha256": _sha256,
    "textlist": _textlist,
    "period": _passthrough,
    "citations": _passthrough,
    "supersedes": _passthrough,
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean (true/false)"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", str: "text"}.get(
        type(value), type(value).__name__
    )


def records(lf: LoadedFile, what: str) -> list[tuple[Path_, dict[str, Any]]]:
    """The file's top-level list of mappings, with a problem for anything else."""
    if lf.data is None:
        return []
    if not isinstance(lf.data, list):
        lf.problem((), f"expected a list of {what} (lines starting with '- '), found {_type_name(lf.data)}")
        return []
    out: list[tuple[Path_, dict[str, Any]]] = []
    for i, item in enumerate(lf.data):
        if (i,) in lf.refused:
            continue  # already reported where the file refused it
        if isinstance(item, dict):
            out.append(((i,), item))
        else:
            lf.problem((i,), f"each item must be a mapping of fields, found {_type_name(item)}")
    return out


def _location(lf: LoadedFile, path: Path_) -> Location:
    line, col = lf.pos(path)
    return Location(lf.path, line, col)


def build_facts(lf: LoadedFile) -> list[tuple[Path_, Fact]]:
    """The file's valid facts with their paths (for positioning later cross-reference problems)."""
    facts = []
    for path, item in records(lf, "facts"):
        fact = _build_fact(lf, path, item)
        if fact is not None:
            facts.append((path, fact))
    return facts


def _sub(lf: LoadedFile, path: Path_, value: Any, spec: dict[str, FieldSpec], what: str) -> _Reader | None:
    if not isinstance(value, dict):
        lf.problem(path, f"'{path[-1]}' must be a mapping with {what}, found {_type_name(value)}")
        return None
    return _Reader(lf, path, value, spec)


def _build_fact(lf: LoadedFile, path: Path_, item: dict[str, Any]) -> Fact | None:
    r = _Reader(lf, path, item, FACT_FIELDS)
    values = {key: r.get(key) for key in FACT_FIELDS if key not in ("period", "citations", "supersedes")}
    period = None
    if item.get("period") is not None:
        pr = _sub(lf, (*path, "period"), item["period"], PERIOD_FIELDS, "start and/or end")
        if pr is not None:
            start, end = pr.get("start"), pr.get("end")
            if pr.ok and start is None and end is None:
                lf.problem((*path, "period"), "a period needs a start or an end")
                r.ok = False
            elif pr.ok and start and end and dates.parse_span(start)[0] > dates.parse_span(end)[1]:
                lf.problem((*path, "period"), f"period starts ({start}) after it ends ({end})", check="dates")
                r.ok = False
            period = Period(start, end)
        r.ok = r.ok and pr is not None and pr.ok
    supersedes = None
    if item.get("supersedes") is not None:
        sr = _sub(lf, (*path, "supersedes"), item["supersedes"], SUPERSEDES_FIELDS, "id and reason")
        if sr is not None and sr.ok:
            supersedes = Supersedes(sr.get("id"), sr.get("reason"))
        r.ok = r.ok and sr is not None and sr.ok
    citations = _build_citations(lf, (*path, "citations"), item.get("citations"))
    if citations is None:
        r.ok = False
    kind = values["kind"]
    if (values["date"] is None) == (period is None) and r.ok:
        lf.problem(path, "give exactly one of 'date' and 'period'", check="dates")
        r.ok = False
    if kind == "quantity":
        for key in ("value", "unit"):
            if item.get(key) is None:
                lf.problem(path, f"a quantity needs '{key}'")
                r.ok = False
    elif kind == "event" and item.get("value") is not None:
        lf.problem((*path, "value"), "an event has no value; use kind: quantity for a number")
        r.ok = False
    if not r.ok or citations is None:
        return None
    return Fact(
        id=values["id"],
        claim=values["claim"],
        kind=kind,
        value_text=values["value_text"],
        topic=values["topic"],
        citations=citations,
        value=values["value"],
        qualifier=values["qualifier"] or "exact",
        unit=values["unit"],
        date=values["date"],
        period=period,
        metric=values["metric"],
        tags=values["tags"] or (),
        entities=values["entities"] or (),
        note=values["note"],
        supersedes=supersedes,
        location=_location(lf, path),
    )


def _build_citations(lf: LoadedFile, path: Path_, value: Any) -> tuple[Citation, ...] | None:
    if value is None:
        return None  # already reported as a missing required field
    if not isinstance(value, list) or not value:
        lf.problem(path, "'citations' must be a list of at least one {source, section, quote}")
        return None
    out = []
    ok = True
    for i, item in enumerate(value):
        cr = _sub(lf, (*path, i), item, CITATION_FIELDS, "source, section and quote")
        if cr is None:
            ok = False
            continue
        source, section, quote = cr.get("source"), cr.get("section"), cr.get("quote")
        if cr.ok:
            out.append(Citation(source, section, quote))
        ok = ok and cr.ok
    return tuple(out) if ok else None


def _build_records(
    lf: LoadedFile, what: str, spec: dict[str, FieldSpec], make: Callable[[dict[str, Any], Location], Any]
) -> list[tuple[Path_, Any]]:
    out = []
    for path, item in records(lf, what):
        r = _Reader(lf, path, item, spec)
        values = {key: r.get(key) for key in spec}
        if r.ok:
            out.append((path, make(values, _location(lf, path))))
    return out


def build_sources(lf: LoadedFile) -> list[tuple[Path_, Source]]:
    return _build_records(lf, "sources", SOURCE_FIELDS, lambda v, loc: Source(**v, location=loc))


def build_entities(lf: LoadedFile) -> list[tuple[Path_, Entity]]:
    return _build_records(
        lf,
        "entities",
        ENTITY_FIELDS,
        lambda v, loc: Entity(v["name"], v["kind"] or "other", v["aliases"] or (), v["note"], location=loc),
    )


def build_topics(lf: LoadedFile) -> list[tuple[Path_, Topic]]:
    return _build_records(
        lf, "topics", TOPIC_FIELDS, lambda v, loc: Topic(v["key"], v["title"], v["description"] or "", location=loc)
    )


def build_metrics(lf: LoadedFile) -> list[tuple[Path_, Metric]]:
    return _build_records(
        lf, "metrics", METRIC_FIELDS, lambda v, loc: Metric(v["key"], v["unit"], v["description"], location=loc)
    )
