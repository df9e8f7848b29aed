"""Records from a loaded file: facts, sources, entities, topics and metrics, or positioned problems.

Each record is checked against its field table (``fields``) and built only
when every field is right; what is wrong is recorded where it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcli.fieldtable import (
    CITATION_FIELDS,
    ENTITY_FIELDS,
    FACT_FIELDS,
    METRIC_FIELDS,
    PERIOD_FIELDS,
    SOURCE_FIELDS,
    SUPERSEDES_FIELDS,
    THESAURUS_FIELDS,
    TOPIC_FIELDS,
    FieldSpec,
)
from factcli.model import Citation, Entity, Fact, Location, Metric, Period, Source, Supersedes, Synonyms, Topic
from factcli.store.fields import Reader, type_name
from factcli.store.yamlread import LoadedFile, Path_
from factcli.text import dates


def records(lf: LoadedFile, what: str) -> list[tuple[Path_, dict[str, Any]]]:
    """The file's top-level list of mappings, with a problem for anything else."""
    if lf.data is None:
        return []
    if not isinstance(lf.data, list):
        lf.problem((), f"expected a list of {what} (lines starting with '- '), found {type_name(lf.data)}")
        return []
    out: list[tuple[Path_, dict[str, Any]]] = []
    for i, item in enumerate(lf.data):
        if (i,) in lf.refused:
            continue  # already reported where the file refused it
        if isinstance(item, dict):
            out.append(((i,), item))
        else:
            lf.problem((i,), f"each item must be a mapping of fields, found {type_name(item)}")
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


def _sub(lf: LoadedFile, path: Path_, value: Any, spec: dict[str, FieldSpec], what: str) -> Reader | None:
    if not isinstance(value, dict):
        lf.problem(path, f"'{path[-1]}' must be a mapping with {what}, found {type_name(value)}")
        return None
    return Reader(lf, path, value, spec)


#: The field types built from a mapping of their own, below; every other field is its value as it is.
_BUILT_APART = frozenset({"period", "citations", "supersedes"})


def _build_fact(lf: LoadedFile, path: Path_, item: dict[str, Any]) -> Fact | None:
    r = Reader(lf, path, item, FACT_FIELDS)
    values = {key: r.get(key) for key, spec in FACT_FIELDS.items() if spec.type not in _BUILT_APART}
    period, period_ok = _build_period(lf, path, item.get("period"))
    supersedes, supersedes_ok = _build_supersedes(lf, path, item.get("supersedes"))
    citations = _build_citations(lf, (*path, "citations"), item.get("citations"))
    ok = r.ok and period_ok and supersedes_ok and citations is not None
    if ok and (values["date"] is None) == (period is None):
        lf.problem(path, "give exactly one of 'date' and 'period'", check="dates")
        ok = False
    ok = _kind_fits(lf, path, item, values["kind"]) and ok
    if not ok or citations is None:
        return None
    given: dict[str, Any] = {
        key: tuple(v) if FACT_FIELDS[key].type == "textlist" else v for key, v in values.items() if v is not None
    }
    return Fact(**given, period=period, citations=citations, supersedes=supersedes, location=_location(lf, path))


def _build_period(lf: LoadedFile, path: Path_, value: Any) -> tuple[Period | None, bool]:
    """The fact's period, if it has one, and whether it is right (a fact without one is right)."""
    if value is None:
        return None, True
    where = (*path, "period")
    pr = _sub(lf, where, value, PERIOD_FIELDS, "start and/or end")
    if pr is None:
        return None, False
    start, end = pr.get("start"), pr.get("end")
    if not pr.ok:
        return Period(start, end), False
    if start is None and end is None:
        lf.problem(where, "a period needs a start or an end")
        return Period(start, end), False
    if start and end and dates.parse_span(start)[0] > dates.parse_span(end)[1]:
        lf.problem(where, f"period starts ({start}) after it ends ({end})", check="dates")
        return Period(start, end), False
    return Period(start, end), True


def _build_supersedes(lf: LoadedFile, path: Path_, value: Any) -> tuple[Supersedes | None, bool]:
    if value is None:
        return None, True
    sr = _sub(lf, (*path, "supersedes"), value, SUPERSEDES_FIELDS, "id and reason")
    if sr is None or not sr.ok:
        return None, False
    return Supersedes(sr.get("id"), sr.get("reason")), True


def _kind_fits(lf: LoadedFile, path: Path_, item: dict[str, Any], kind: Any) -> bool:
    """A quantity has a value and a unit; an event has no value."""
    ok = True
    if kind == "quantity":
        for key in ("value", "unit"):
            if item.get(key) is None:
                lf.problem(path, f"a quantity needs '{key}'")
                ok = False
    elif kind == "event" and item.get("value") is not None:
        lf.problem((*path, "value"), "an event has no value; use kind: quantity for a number")
        ok = False
    return ok


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
        r = Reader(lf, path, item, spec)
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
        lf,
        "metrics",
        METRIC_FIELDS,
        lambda v, loc: Metric(v["key"], v["unit"], v["description"] or "", v["aliases"] or (), location=loc),
    )


def build_thesaurus(lf: LoadedFile) -> list[tuple[Path_, Synonyms]]:
    return _build_records(
        lf, "thesaurus entries", THESAURUS_FIELDS, lambda v, loc: Synonyms(v["words"], v["means"], v["note"], loc)
    )
