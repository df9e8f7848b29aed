"""Plain-text references for sources, as `show` prints them under each quote.

An author-date reference in the shape Chicago uses for a government body as
author. Full CSL styles (APA, MLA, BibTeX …) belong to ``factcli cite``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcli.model import Source


def year(source: Source) -> str:
    return source.published[:4] if source.published else "n.d."


def reference_text(source: Source) -> str:
    """'Publisher. Year. Title. Type. URL.' — every part taken from sources.yaml, nothing invented."""
    parts = [f"{source.publisher}. {year(source)}. {source.title.rstrip('.')}."]
    if source.url:
        parts.append(f"{source.url}.")
    if source.accessed:
        parts.append(f"Accessed {source.accessed}.")
    return " ".join(parts)
