"""Problems found in a store, as editors and CI read them.

``file:line:col: level: message [check]`` for quickfix lists and people, or a
JSON array for CI annotations; under ``--strict`` every warning reads as an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcli.model import Problem


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"


def render_problems(problems: Sequence[Problem], fmt: ProblemFormat, *, strict: bool) -> str:
    if fmt is ProblemFormat.text:
        return "".join(p.format() + "\n" for p in problems)
    import json

    records = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "level": "error" if strict else p.level,
            "message": p.message,
            "check": p.check,
        }
        for p in problems
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def summary(problems: Sequence[Problem], *, strict: bool) -> str:
    """'3 error(s), 1 warning(s)' for stderr."""
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error(s), {warnings} warning(s)" + (
        " (warnings count as errors: --strict)" if strict and warnings else ""
    )


def failed(problems: Sequence[Problem], *, strict: bool) -> bool:
    return any(p.level == "error" or strict for p in problems)
