"""Shell completion from the store itself: fact ids, topics, entities, sources, metrics.

A completion must never print an error into the user's prompt, so any
failure to load the store completes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer

from factcli.model import KINDS
from factcli.store import Store, load_store, resolve_store_path


def _store(ctx: typer.Context) -> Store | None:
    option = ctx.find_root().params.get("store")
    try:
        return load_store(resolve_store_path(option))
    except Exception:  # noqa: BLE001 - completion stays silent
        return None


def _matching(candidates: Iterable[str], incomplete: str) -> list[str]:
    low = incomplete.casefold()
    return sorted({c for c in candidates if c.casefold().startswith(low)})


def fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching(store.by_id, incomplete) if store else []


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
    return _matching([t for f in store.facts for t in f.tags], incomplete) if store else []


def units(ctx: typer.Context, incomplete: str) -> list[str]:
    store = _store(ctx)
    return _matching([f.unit for f in store.facts if f.unit], incomplete) if store else []


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    return _matching(KINDS, incomplete)
