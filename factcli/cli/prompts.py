"""Asking for a fact's fields on a terminal, for ``add``: every answer checked as it is typed.

A bad answer is asked again, never an error at the end: a user who typed a
claim and a quote must not lose them to a typo in the value. Names (kind,
topic, source, unit, entities) complete with Tab and must be the store's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcli.cli.streams import note

if TYPE_CHECKING:
    from factcli.store.load import Store

#: Checks an answer: None when it is good, else what to tell the user.
Check = Callable[[str], str | None]


def prompt_missing(record: dict[str, Any], root: Any) -> dict[str, Any]:
    """Ask for each missing field on the terminal, completing names from the store with Tab. ``record`` holds
    every answer as soon as it is given (so that an interrupted add can save them); optional fields (metric,
    entities) are offered only here, where the user is answering anyway."""
    from factcli.store.load import load_store

    asking = _Asking(record, load_store(root))
    asking.what()
    asking.value()
    asking.when()
    asking.where()
    asking.citation()
    asking.entities()
    return record


class _Asking:
    """The prompts of one fact, in the order a curator reads a passage: what, how much, when, where from."""

    def __init__(self, record: dict[str, Any], store: Store) -> None:
        self.record, self.vocab = record, store.vocab
        self.units = sorted({f.unit for f in store.facts if f.unit})

    def what(self) -> None:
        self.record["claim"] = self.record.get("claim") or ask("claim")
        kinds = ["quantity", "event"]
        self.record["kind"] = self.record.get("kind") or ask("kind", _one_of(kinds, "kind"), kinds)

    def value(self) -> None:
        from factcli.reading import numbers

        record = self.record
        if record["kind"] == "quantity":
            if record.get("value") is None:
                answer = ask("value (the number, e.g. 1949, 1,949 or two hundred)", _is_number)
                record["value"] = numbers.parse_number(answer)
            record["unit"] = record.get("unit") or ask("unit", new_name_twice(self.units, "unit"), self.units)
        record["value_text"] = record.get("value_text") or ask("value_text (the source's words)")

    def when(self) -> None:
        if self.record.get("date") or self.record.get("period"):
            return
        answer = ask("date (YYYY, YYYY-MM or YYYY-MM-DD; a period as START..END, an end may be left out)", _is_time)
        start, dots, end = (part.strip() for part in answer.partition(".."))
        if dots:
            self.record["period"] = {"start": start or None, "end": end or None}
        else:
            self.record["date"] = answer

    def where(self) -> None:
        """The topic, and for a quantity the metric (the series it belongs to), among those of its unit."""
        record, topics = self.record, sorted(self.vocab.topics)
        record["topic"] = record.get("topic") or ask("topic", _one_of(topics, "topic"), topics)
        if record["kind"] != "quantity" or record.get("metric"):
            return
        fitting = sorted(key for key, m in self.vocab.metrics.items() if m.unit == record.get("unit"))
        if fitting:
            label = "metric (the series it belongs to; optional)"
            record["metric"] = ask(label, _one_of(fitting, "metric"), fitting, optional=True) or None

    def citation(self) -> None:
        citation: dict[str, Any] = dict((self.record.get("citations") or [{}])[0])
        self.record["citations"] = [citation, *(self.record.get("citations") or [])[1:]]
        sources = sorted(self.vocab.sources)
        for key, label, check, options in (
            ("source", "source", _one_of(sources, "source"), sources),
            ("section", "section (the heading in the document)", None, ()),
            ("quote", "quote (verbatim)", None, ()),
        ):
            citation[key] = citation.get(key) or ask(label, check, options)  # every part of a citation is required

    def entities(self) -> None:
        if self.record.get("entities"):
            return
        vocab = self.vocab

        def known(answer: str) -> str | None:
            unknown = [n.strip() for n in answer.split(",") if n.strip() and vocab.canonical_entity(n.strip()) is None]
            return f"not in entities.yaml: {', '.join(unknown)}" if unknown else None

        names = ask("entities (comma-separated, optional)", known, sorted(vocab.entities), optional=True)
        canonical = (vocab.canonical_entity(n.strip()) for n in names.split(",") if n.strip())
        self.record["entities"] = [name for name in canonical if name]


def _one_of(names: Sequence[str], what: str) -> Check:
    return lambda answer: None if answer in names else f"'{answer}' is not a {what} of the store"


def _is_time(answer: str) -> str | None:
    """A date, or a period START..END with either end left out."""
    from factcli.text import dates

    try:
        for part in answer.split(".."):
            if part.strip():
                dates.parse_span(part.strip())
    except ValueError as exc:
        return str(exc)
    return None if answer.strip(". ") else "give a date or a period"


def _is_number(answer: str) -> str | None:
    from factcli.reading import numbers

    return None if numbers.parse_number(answer) is not None else f"'{answer}' is not one number"


def new_name_twice(known: Sequence[str], what: str) -> Check:
    """A name of the store passes; a new one ("personel") is questioned once, with the nearest known names, and
    passes when typed again."""
    from factcli.text.suggest import suggest

    questioned: set[str] = set()

    def check(answer: str) -> str | None:
        if answer in known or answer in questioned:
            return None
        questioned.add(answer)
        return f"'{answer}' is a new {what} for the store{suggest(answer, known)}; type it again to use it"

    return check


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
