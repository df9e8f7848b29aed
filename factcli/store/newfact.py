"""A new fact as someone gives it to ``add``: which of its fields are still missing, an id proposed from its
claim, and its YAML in the store's style.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from factcli import fieldtable as fields
from factcli.text.fold import fold

_PLAIN_SAFE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
#: Words a proposed id leaves out.
_ID_STOP = frozenset({"the", "a", "an", "of", "in", "and"})


def missing(record: Mapping[str, Any]) -> list[str]:
    """The fields a fact needs that ``record`` lacks, in the schema's order: the id only when there is no claim
    to propose one from; a date or a period; a value and a unit for a quantity; a citation's parts."""
    out = [
        key
        for key, spec in fields.FACT_FIELDS.items()
        if spec.required and key not in ("id", "citations") and record.get(key) in (None, "", [])
    ]
    if not record.get("id") and not record.get("claim"):
        out.insert(0, "id")
    if record.get("kind") == "quantity":
        out.extend(key for key in ("value", "unit") if record.get(key) in (None, ""))
    if not record.get("date") and not record.get("period"):
        out.append("date")
    citation = (record.get("citations") or [{}])[0]
    out.extend(key for key, spec in fields.CITATION_FIELDS.items() if spec.required and not citation.get(key))
    return out


def scalar(value: Any) -> str:
    """A YAML scalar that every reader (1.1 or 1.2) reads back as exactly ``value``."""
    if isinstance(value, bool) or value is None:
        msg = f"cannot write {value!r}"
        raise TypeError(msg)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:  # YAML 1.1 reads "1e+20" as text: it wants "1.0e+20"
            mantissa += ".0"
        return f"{mantissa}e{exponent}" if exponent else mantissa
    text = str(value)
    # Plain only for words YAML cannot mistake for anything else (no yes/no/on/off, null, numbers, dates …).
    if _PLAIN_SAFE.fullmatch(text) and text not in {"y", "n", "yes", "no", "on", "off", "null", "true", "false"}:
        return text
    import json

    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid YAML double-quoted escapes


def fact_yaml(record: Mapping[str, Any], newline: str = "\n") -> str:
    """One fact as a YAML list item, fields in the schema's order."""
    lines: list[str] = []
    for key in fields.FACT_FIELDS:
        value = record.get(key)
        if value is None or value == [] or (key == "qualifier" and value == "exact"):
            continue
        prefix = "- " if not lines else "  "
        if key in ("tags", "entities"):
            lines.append(f"{prefix}{key}: [{', '.join(scalar(v) for v in value)}]")
        elif key in ("period", "supersedes"):
            inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items() if v is not None)
            lines.append(f"{prefix}{key}: {{{inner}}}")
        elif key == "citations":
            lines.append(f"{prefix}citations:")
            for citation in value:
                parts = [(k, citation.get(k)) for k in fields.CITATION_FIELDS if citation.get(k) is not None]
                for n, (k, v) in enumerate(parts):  # a part not given is left out, for the builder to name
                    lines.append(f"    {'- ' if n == 0 else '  '}{k}: {scalar(v)}")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")
    return newline.join(lines) + newline


def implied_qualifier(record: Mapping[str, Any]) -> str | None:
    """The qualifier a quantity's value_text implies when none was given ("more than 650" is more_than)."""
    from factcli.reading.numbers import implied_qualifier

    if record.get("kind") != "quantity" or record.get("qualifier") or not record.get("value_text"):
        return None
    implied = implied_qualifier(str(record["value_text"]))
    return implied if implied and implied != "exact" else None


def propose_id(claim: str, when: str | None, taken: set[str]) -> str:
    """A readable unique slug from the claim's first words and the year."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(claim)) if w not in _ID_STOP]  # "attaché" is attache
    base = "-".join(words[:6] + ([when[:4]] if when else [])) or "fact"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
