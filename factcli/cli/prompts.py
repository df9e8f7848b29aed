"""Asking for a fact's fields on a terminal, for ``add``: every answer checked as it is typed.

A bad answer is asked again, never an error at the end: a user who typed a
claim and a quote must not lose them to a typo in the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcli.cli.streams import note


def prompt_missing(record: dict[str, Any], root: Any) -> dict[str, Any]:
    """Ask for each missing field on the terminal, completing names from the store with Tab."""
    import typer

    from factcli.store.load import load_store
    from factcli.text import numbers

    store = load_store(root)
    vocab = store.vocab
    choices = {"topic": sorted(vocab.topics), "source": sorted(vocab.sources), "kind": ["quantity", "event"]}

    def ask(label: str, default: str | None = None, options: Sequence[str] = ()) -> str:
        _complete_with(options)
        shown = f"{label} ({', '.join(options)})" if 0 < len(options) <= 12 else label
        answer: str = typer.prompt(shown, default=default or "", show_default=bool(default))
        return answer.strip()

    for key in ("claim", "kind"):
        record[key] = record.get(key) or ask(key, options=choices.get(key, ()))
    if record["kind"] == "quantity":
        while record.get("value") is None:  # ask again until the answer reads as one number
            answer = ask("value (the number, e.g. 1949, 1,949 or two hundred)")
            record["value"] = numbers.parse_number(answer)
            if record["value"] is None:
                note(f"'{answer}' is not one number; type it again")
        record["unit"] = record.get("unit") or ask("unit", options=sorted({f.unit for f in store.facts if f.unit}))
    record["value_text"] = record.get("value_text") or ask("value_text (the source's words)")
    if not record.get("date") and not record.get("period"):
        record["date"] = ask("date (YYYY, YYYY-MM or YYYY-MM-DD)")
    record["topic"] = record.get("topic") or ask("topic", options=choices["topic"])
    citation = dict((record.get("citations") or [{}])[0])
    for key, label in (("source", "source"), ("section", "section"), ("quote", "quote (verbatim)")):
        while not citation.get(key):  # every part of a citation is required: never leave one empty
            citation[key] = ask(label, options=choices["source"] if key == "source" else ())
    record["citations"] = [citation, *(record.get("citations") or [])[1:]]
    if not record.get("entities"):
        names = ask("entities (comma-separated, optional)", options=sorted(vocab.entities))
        record["entities"] = [n.strip() for n in names.split(",") if n.strip()]
    return record


def _complete_with(options: Sequence[str]) -> None:
    try:
        import readline  # not on every platform
    except ImportError:  # pragma: no cover
        return

    def complete(text: str, state: int) -> str | None:
        matches = [o for o in options if o.lower().startswith(text.lower())]
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims("\t\n,")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
