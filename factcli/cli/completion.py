"""Shell completion from the store itself: fact ids, topics, entities, sources, metrics, tags, units.

One function per kind of name, all made by ``names``. A completion must never
print an error into the user's prompt, so any failure to open the store
completes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from factcli.index.engine import Index

Completer = Callable[[typer.Context, str], list[str]]
#: Characters bash would read as syntax in a completed word.
_BASH_SPECIAL = re.compile(r"[\s'\"\\$`!&;|<>()*?#~{}\[\]]")

_CANDIDATES: dict[str, Callable[[Index], Iterable[str]]] = {
    "facts": lambda index: index.fact_ids(),
    "topics": lambda index: index.vocab.topics,
    "entities": lambda index: index.vocab.entity_names(),
    "sources": lambda index: index.vocab.sources,
    "metrics": lambda index: index.vocab.metrics,
    "tags": lambda index: index.tags(),
    "units": lambda index: index.units(),
}


def _index(ctx: typer.Context) -> Index | None:
    try:
        from factcli.index.cache import open_index
        from factcli.store.files import resolve_store_path

        return open_index(resolve_store_path(ctx.find_root().params.get("store")))
    except Exception:  # noqa: BLE001 - completion stays silent
        return None


def matching(candidates: Iterable[str], incomplete: str) -> list[str]:
    """The candidates that start with what was typed, quoted for the shell that asked."""
    low = incomplete.strip("'\"").casefold()
    found = sorted({c for c in candidates if c.casefold().startswith(low)})
    if os.environ.get("_FACTCLI_COMPLETE", "").startswith("complete_bash"):
        # bash inserts what it is given as it is: a name with a space must come escaped. Backslashes,
        # not quotes, keep the typed start in front, which is what Typer keeps a completion by.
        found = [_BASH_SPECIAL.sub(r"\\\g<0>", c) for c in found]
    return found


def names(kind: str) -> Completer:
    """A completer for one kind of name in the store."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        index = _index(ctx)
        return matching(_CANDIDATES[kind](index), incomplete) if index else []

    return complete


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    return matching(("quantity", "event"), incomplete)


def style_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from factcli.formats.styles import ALIASES, EXPORT_STYLES
    from factcli.formats.styles import style_names as bundled

    return [name for name in [*EXPORT_STYLES, *ALIASES, *bundled()] if name.startswith(incomplete)]
