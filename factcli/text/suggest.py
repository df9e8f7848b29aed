"""'Did you mean …': the one phrasing every unknown-name message uses."""

from __future__ import annotations

from collections.abc import Iterable


def suggest(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x' or 'y'?)', or '' when nothing is close."""
    import difflib  # only error paths need it

    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
