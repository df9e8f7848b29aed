"""A fact given as JSON (``add --from-json``): its shape checked field by field before any YAML is written.

The YAML that ``add`` appends is written from the record's values, so a value
of the wrong JSON type would be written as something else (``"tags": "pla"``
as the list ``[p, l, a]``) or not at all, and a misspelt key (``notes``) would
be dropped without a word. Every key must be a field of a fact and every value
of its field's JSON type (or null, as ``show --json`` prints an empty field);
the rules of the store (ids, dates, references) are checked afterwards, as for
any new fact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from factcli.errors import UsageError
from factcli.fieldtable import CITATION_FIELDS, FACT_FIELDS, PERIOD_FIELDS, SUPERSEDES_FIELDS, FieldSpec
from factcli.text.suggest import suggest

#: The most digits a fact's value may have: 10^18 is beyond any count a document reports, and a longer
#: integer cannot be stored as one (nor read back: Python refuses 4,300 digits).
MAX_DIGITS = 18

_NESTED = {"period": PERIOD_FIELDS, "supersedes": SUPERSEDES_FIELDS}
_TEXT_TYPES = ("text", "id", "choice", "date", "sha256")


def record_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """A fact given as JSON, in the store's shape or as ``show --json`` prints it (sources embedded, nulls);
    an unknown key or a value of the wrong type is a usage error naming the field (all of them at once)."""
    problems: list[str] = []
    _check_fields(data, FACT_FIELDS, "", problems)
    if problems:
        msg = "--from-json: " + "; ".join(problems)
        raise UsageError(msg)
    record = {key: value for key, value in data.items() if value is not None and value != []}
    citations = record.get("citations")
    if isinstance(citations, list):
        record["citations"] = [
            {**c, "source": c["source"].get("id")} if isinstance(c.get("source"), dict) else c for c in citations
        ]
    if record.get("qualifier") == "exact":
        del record["qualifier"]
    return record


def parsed(text: str) -> dict[str, Any]:
    """The JSON object ``text`` holds; what is not one (bad JSON, another type, nesting that would exhaust the
    stack, an integer too long to convert) is a usage error."""
    import json  # only add reads JSON

    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        msg = f"--from-json: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise UsageError(msg) from exc
    except RecursionError as exc:
        msg = "--from-json: the JSON is nested too deeply to be a fact"
        raise UsageError(msg) from exc
    if not isinstance(data, dict):
        msg = "--from-json: expected one JSON object (a fact)"
        raise UsageError(msg)
    return data


def _integer(digits: str) -> int:
    """An integer of the JSON; one too long to be a value stands for itself as 10^19 (refused by its field)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else 10 ** (MAX_DIGITS + 1)


def _check_fields(data: Mapping[str, Any], spec: Mapping[str, FieldSpec], where: str, problems: list[str]) -> None:
    for key, value in data.items():
        name = f"{where}{key}"
        if key not in spec:
            problems.append(f"unknown field '{name}'{suggest(key, spec)}")
        elif value is not None:
            _check_value(name, spec[key].type, value, problems)


def _check_value(name: str, kind: str, value: Any, problems: list[str]) -> None:
    if kind in _TEXT_TYPES:
        if not isinstance(value, str):
            problems.append(f"field '{name}' must be text, not {_json_type(value)}")
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"field '{name}' must be a number, not {_json_type(value)}")
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(f"field '{name}' must be a finite number")
        elif isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
            problems.append(f"field '{name}' has more than {MAX_DIGITS} digits: no value is that large")
    elif kind == "textlist":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problems.append(f"field '{name}' must be a list of texts, not {_json_type(value)}")
    elif kind == "citations":
        _check_citations(name, value, problems)
    elif not isinstance(value, dict):
        problems.append(f"field '{name}' must be an object, not {_json_type(value)}")
    else:
        _check_fields(value, _NESTED[kind], f"{name}.", problems)


def _check_citations(name: str, value: Any, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append(f"field '{name}' must be a list of objects, not {_json_type(value)}")
        return
    for i, citation in enumerate(value):
        where = f"{name}[{i}]"
        if not isinstance(citation, dict):
            problems.append(f"field '{where}' must be an object, not {_json_type(citation)}")
            continue
        source = citation.get("source")
        if isinstance(source, dict):  # as show --json embeds it: the source's record, its id what counts
            _check_value(f"{where}.source.id", "id", source.get("id"), problems)
            citation = {k: v for k, v in citation.items() if k != "source"}
        _check_fields(citation, CITATION_FIELDS, f"{where}.", problems)


def _json_type(value: Any) -> str:
    """A value's type as JSON names it, with the value when short: 'text ("pla")'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f'text ("{shown}")'
    if isinstance(value, (int, float)):
        return f"a number ({value})" if abs(value) < 10**20 else "a number"
    return "a list" if isinstance(value, list) else "an object"
