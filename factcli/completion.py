"""Shell completion from the store itself: fact ids, topics, entities, sources, metrics.

A completion must never print an error into the user's prompt, so any
failure to load the store completes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

from factcli.store import resolve_store_path

if TYPE_CHECKING:
    from factcli.store import Store


def _store(ctx: typer.Context) -> Store | None:
    option = ctx.find_root().params.get("store")
    try:
        from factcli.index import open_store  # noqa: PLC0415 - keeps completion light

        return open_store(resolve_store_path(option))
    except Exception:  # noqa: BLE001 - completion stays silent
        return None


def _matching(candidates: Iterable[str], incomplete: str) -> list[str]:
    low = incomplete.casefold()
    return sorted({c for c in candidates if c.casefold().startswith(low)})


def fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.fact_ids(), incomplete) if store else []


def topics(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.topics, incomplete) if store else []


def entities(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    if not store:
        return []
    return _matching([n for e in store.entities.values() for n in (e.name, *e.aliases)], incomplete)


def sources(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.sources, incomplete) if store else []


def metrics(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.metrics, incomplete) if store else []


def tags(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.tags(), incomplete) if store else []


def units(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.units(), incomplete) if store else []


def styles(ctx: typer.Context, incomplete: str) -> list[str]:
    from factcli.cite import find_styles  # noqa: PLC0415

    return [name for name in find_styles(None) if name.startswith(incomplete)]


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from factcli.model import KINDS  # noqa: PLC0415

    return _matching(KINDS, incomplete)
