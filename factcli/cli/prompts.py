"""Asking for a fact's fields on a terminal, for ``add``: every answer checked as it is typed.

A bad answer is asked again, never an error at the end: a user who typed a
claim and a quote must not lose them to a typo in the value. Names (kind,
topic, source, unit, entities) complete with Tab and must be the store's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcli.cli.streams import note

#: Checks an answer: None when it is good, else what to tell the user.
Check = Callable[[str], str | None]


def prompt_missing(record: dict[str, Any], root: Any) -> dict[str, Any]:
    """Ask for each missing field on the terminal, completing names from the store with Tab."""
    from factcli.reading import numbers
    from factcli.store.load import load_store
    from factcli.text import dates

    store = load_store(root)
    vocab = store.vocab
    units = sorted({f.unit for f in store.facts if f.unit})

    def one_of(names: Sequence[str], what: str) -> Check:
        return lambda answer: None if answer in names else f"'{answer}' is not a {what} of the store"

    def is_date(answer: str) -> str | None:
        try:
            dates.parse_span(answer)
        except ValueError as exc:
            return str(exc)
        return None

    def is_number(answer: str) -> str | None:
        return None if numbers.parse_number(answer) is not None else f"'{answer}' is not one number"

    def entities(answer: str) -> str | None:
        unknown = [n.strip() for n in answer.split(",") if n.strip() and vocab.canonical_entity(n.strip()) is None]
        return f"not in entities.yaml: {', '.join(unknown)}" if unknown else None

    for key, check, options in (
        ("claim", None, ()),
        ("kind", one_of(["quantity", "event"], "kind"), ["quantity", "event"]),
    ):
        record[key] = record.get(key) or ask(key, check, options)
    if record["kind"] == "quantity":
        if record.get("value") is None:
            record["value"] = numbers.parse_number(
                ask("value (the number, e.g. 1949, 1,949 or two hundred)", is_number)
            )
        record["unit"] = record.get("unit") or ask("unit", None, units)
    record["value_text"] = record.get("value_text") or ask("value_text (the source's words)")
    if not record.get("date") and not record.get("period"):
        record["date"] = ask("date (YYYY, YYYY-MM or YYYY-MM-DD)", is_date)
    record["topic"] = record.get("topic") or ask("topic", one_of(sorted(vocab.topics), "topic"), sorted(vocab.topics))
    citation = dict((record.get("citations") or [{}])[0])
    sources = sorted(vocab.sources)
    for key, label, check, options in (
        ("source", "source", one_of(sources, "source"), sources),
        ("section", "section (the heading in the document)", None, ()),
        ("quote", "quote (verbatim)", None, ()),
    ):
        citation[key] = citation.get(key) or ask(label, check, options)  # every part of a citation is required
    record["citations"] = [citation, *(record.get("citations") or [])[1:]]
    if not record.get("entities"):
        names = ask("entities (comma-separated, optional)", entities, sorted(vocab.entities), optional=True)
        canonical = (vocab.canonical_entity(n.strip()) for n in names.split(",") if n.strip())
        record["entities"] = [name for name in canonical if name]
    return record


def ask(label: str, check: Check | None = None, options: Sequence[str] = (), *, optional: bool = False) -> str:
    """One answer, asked again until it is given (unless optional) and passes ``check``."""
    import typer

    _complete_with(options)
    shown = f"{label} ({', '.join(options)})" if 0 < len(options) <= 12 else label
    while True:
        answer = str(typer.prompt(shown, default="", show_default=False)).strip()
        if not answer:
            if optional:
                return ""
            note("an answer is needed; type it again")
            continue
        problem = check(answer) if check else None
        if problem is None:
            return answer
        note(f"{problem}; type it again")


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
