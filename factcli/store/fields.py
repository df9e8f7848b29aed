"""The fields of each kind of record, and checking a mapping's values against them.

One table of fields per record type drives the checks here, the records that
``builders`` makes, the YAML that ``add`` writes and the JSON Schema that
``factcli schema`` publishes, so none of them can disagree. A field's problems
are positioned at the value in the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcli.model import KINDS, QUALIFIERS
from factcli.store.yamlread import LoadedFile, Path_
from factcli.text import dates
from factcli.text.chars import shown
from factcli.text.suggest import suggest

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
    "description": FieldSpec("text", description="exactly what is counted (validate warns when it is missing)"),
    "aliases": FieldSpec("textlist", description="other words readers use for it, for search: 'military ties'"),
}
THESAURUS_FIELDS: dict[str, FieldSpec] = {
    "words": FieldSpec("textlist", True, description="words and phrases readers type: 'troops', 'blue helmets'"),
    "means": FieldSpec("textlist", True, description="the store's words they stand for: 'personnel'"),
    "note": FieldSpec("text"),
}
PERIOD_FIELDS = {"start": FieldSpec("date"), "end": FieldSpec("date")}
SUPERSEDES_FIELDS = {"id": FieldSpec("id", True), "reason": FieldSpec("text", True)}


class Reader:
    """Checks one mapping against a field table, collecting problems in the file."""

    def __init__(self, lf: LoadedFile, path: Path_, data: dict[str, Any], spec: dict[str, FieldSpec]) -> None:
        self.lf, self.path, self.data, self.spec = lf, path, data, spec
        self.ok = True
        for key in data:
            if key not in spec:
                self._fail(key, f"unknown field '{key}'{suggest(key, spec)}", at_key=True)
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
        if self.lf.refused and (*self.path, key) in self.lf.refused:
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
        return None, f"must be text, found {type_name(value)}; quote it"
    if not value.strip():
        return None, "must not be empty"
    # A block scalar (|, >) ends with a line break unless it is the file's last line: the text
    # is the same either way, and stays the same when `add` appends after it.
    return value.rstrip("\n"), ""


def _id(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if not isinstance(value, str):
        return None, f"must be an id ([a-z0-9-]+), found {type_name(value)}"
    if not ID_PATTERN.fullmatch(value):
        return None, f"must be lowercase letters, digits and single hyphens, found '{shown(value)}'"
    return value, ""


def _choice(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if value not in fs.choices or not isinstance(value, str):
        return None, f"must be one of {', '.join(fs.choices)}; found {value!r}"
    return value, ""


def _number(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"must be a number, found {type_name(value)} {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return None, "must be a finite number"
    return value, ""


def _date(value: Any, fs: FieldSpec) -> tuple[Any, str]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an unquoted year: its text is exactly the year
    if not isinstance(value, str):
        return None, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found {type_name(value)}"
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


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean (true/false)"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", str: "text"}.get(
        type(value), type(value).__name__
    )
