"""'Did you mean …': the one phrasing every unknown-name message uses."""

from __future__ import annotations

from collections.abc import Iterable


def suggest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean 'x' or 'y'?)', or '' when nothing is close (difflib's ratio under ``cutoff``)."""
    import difflib  # only error paths need it

    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=cutoff)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
