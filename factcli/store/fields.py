"""Checking a mapping's values against a record's field table (``fieldtable``), problems positioned at the
value in the file."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from factcli.fieldtable import ID_PATTERN, SHA256_PATTERN, FieldSpec
from factcli.store.yamlread import LoadedFile, Path_
from factcli.text import dates
from factcli.text.chars import shown
from factcli.text.suggest import suggest


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
