"""Every check on a store, beyond what loading already refuses.

Loading (``loader.read_store``) finds syntax, schema, duplicate and reference
problems. Here: the value against the source's words, value_text inside
each quote, quote length, and — given the archived texts — every quote
inside the document whose sha256 the source records.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

from factcli import dates, numbers
from factcli.errors import Problem, UsageError
from factcli.loader import read_store
from factcli.model import Fact, Source
from factcli.store import Store
from factcli.textnorm import TYPOGRAPHY

#: A quote is the sentence or two that states the value; one this long is a passage pasted whole.
MAX_QUOTE_CHARS = 1000
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"])")
_SPACES = re.compile(r"\s+")
_HYPHENATION = re.compile(r"(?<=[a-z])-\s*(?=[a-z])")


def validate(root: Path, texts: Path | None = None) -> list[Problem]:
    store = read_store(root)
    problems = list(store.problems)
    for fact in store.facts:
        problems.extend(check_fact(fact))
    problems.extend(check_conflicts(store))
    if texts is not None:
        problems.extend(check_quotes(store, texts))
    return sorted(set(problems))


def _at(fact: Fact, message: str, check: str, level: str = "error") -> Problem:
    loc = fact.location
    return Problem(loc.path if loc else "?", loc.line if loc else 1, loc.column if loc else 1, level, message, check)


def check_fact(fact: Fact) -> list[Problem]:
    """Content checks of one fact against its own words."""
    out = []
    for citation in fact.citations:
        if fact.value_text not in citation.quote:
            msg = f"{fact.id}: value_text {fact.value_text!r} does not occur in the quote from {citation.source}"
            out.append(_at(fact, msg, "value-text"))
        if len(citation.quote) > MAX_QUOTE_CHARS:
            msg = (
                f"{fact.id}: the quote from {citation.source} is {len(citation.quote):,} characters long; "
                "quote only the sentence or two that state the value"
            )
            out.append(_at(fact, msg, "quote-length", "warning"))
        elif len(_SENTENCE_END.findall(citation.quote.strip())) >= 2:
            msg = f"{fact.id}: the quote from {citation.source} is longer than two sentences"
            out.append(_at(fact, msg, "quote-length", "warning"))
    if fact.kind == "quantity" and fact.value is not None:
        out.extend(_check_value(fact, fact.value))
    else:
        out.extend(_check_event_words(fact))
    return out


def _check_value(fact: Fact, value: float) -> list[Problem]:
    out = []
    if not numbers.agrees(value, fact.value_text):
        readings = ", ".join(f"{r.value:g}" for r in numbers.read_numbers(fact.value_text)) or "no number"
        msg = f"{fact.id}: value {value:g} does not agree with value_text {fact.value_text!r} (reads as {readings})"
        out.append(_at(fact, msg, "value"))
    implied = numbers.implied_qualifier(fact.value_text)
    if implied is not None and implied != fact.qualifier:
        msg = f"{fact.id}: value_text {fact.value_text!r} implies qualifier {implied}, not {fact.qualifier}"
        out.append(_at(fact, msg, "qualifier"))
    elif implied is None and fact.qualifier != "exact":
        msg = f"{fact.id}: qualifier {fact.qualifier} but value_text {fact.value_text!r} has no word for it"
        out.append(_at(fact, msg, "qualifier", "warning"))
    return out


def _check_event_words(fact: Fact) -> list[Problem]:
    """An event's value_text names its date: the month and year it names must be the fact's."""
    when = fact.date or ""
    if fact.period is not None:
        when = f"{fact.period.start or ''} {fact.period.end or ''}"
    low = fact.value_text.lower()
    out = []
    for year in _YEAR.findall(fact.value_text):
        if fact.date is not None and not fact.date.startswith(year):
            out.append(_at(fact, f"{fact.id}: value_text names {year}, date is {fact.date}", "date"))
        elif fact.period is not None and not _year_in_period(int(year), fact):
            out.append(_at(fact, f"{fact.id}: value_text names {year}, outside the period {when.strip()}", "date"))
    if fact.date is not None and len(fact.date) >= 7:
        named = [n for m, n in dates.MONTHS.items() if re.search(rf"\b{m}\b", low)]
        if named and int(fact.date[5:7]) not in named:
            out.append(_at(fact, f"{fact.id}: value_text names another month than the date {fact.date}", "date"))
    return out


def _year_in_period(year: int, fact: Fact) -> bool:
    assert fact.period is not None
    start = int(fact.period.start[:4]) if fact.period.start else -(10**9)
    end = int(fact.period.end[:4]) if fact.period.end else 10**9
    return start <= year <= end


def check_conflicts(store: Store) -> list[Problem]:
    """Documents that give different values for the same metric and time (a warning: both may be quoted right)."""
    from factcli.series import all_conflicts  # noqa: PLC0415

    out = []
    for fact, others in all_conflicts(store):
        msg = (
            f"{fact.id}: {fact.metric} is {fact.value_text!r} for {fact.when} here but differs in "
            f"{', '.join(others)}; if one replaces the other, say so with 'supersedes'"
        )
        out.append(_at(fact, msg, "conflict", "warning"))
    return out


def normalise(text: str) -> str:
    """Whitespace, typographic quotes and dashes, and line-break hyphenation ('con-cept') folded away."""
    text = text.translate(TYPOGRAPHY)
    text = _SPACES.sub(" ", text)
    return _HYPHENATION.sub("", text).strip()


def archived_texts(texts: Path) -> dict[str, str]:
    """sha256 → normalised text of every file in ``texts``."""
    if not texts.is_dir():
        msg = f"--texts {str(texts)!r} is not a directory"
        raise UsageError(msg)
    out = {}
    for path in sorted(texts.iterdir()):
        if path.is_file():
            raw = path.read_bytes()
            out[hashlib.sha256(raw).hexdigest()] = normalise(raw.decode("utf-8", "replace"))
    return out


def check_quotes(store: Store, texts: Path) -> list[Problem]:
    archive = archived_texts(texts)
    out = []
    usable: dict[str, str] = {}
    for source in store.sources.values():
        problem = _source_text_problem(source, archive, texts)
        if problem:
            out.append(problem)
        elif source.sha256:
            usable[source.id] = archive[source.sha256]
    for fact in store.facts:
        for citation in fact.citations:
            text = usable.get(citation.source)
            if text is None:
                continue
            quote = normalise(citation.quote)
            if quote not in text:
                msg = (
                    f"{fact.id}: quote not found in the archived text of {citation.source}; "
                    f"nearest: “{nearest(text, quote)}”"
                )
                out.append(_at(fact, msg, "quote-text"))
            elif _cut_at_hash(text, quote):
                msg = (
                    f"{fact.id}: the quote from {citation.source} stops where the document goes on with '#': "
                    "YAML read the rest as a comment; quote the whole value"
                )
                out.append(_at(fact, msg, "quote-text"))
    return out


def _cut_at_hash(text: str, quote: str) -> bool:
    """True when every place the quote occurs, the document goes on with ' #' (a comment cut it short)."""
    start = text.find(quote)
    while start >= 0:
        if not text.startswith((" #", "#"), start + len(quote)):
            return False
        start = text.find(quote, start + 1)
    return True


def _source_text_problem(source: Source, archive: dict[str, str], texts: Path) -> Problem | None:
    loc = source.location
    path, line = (loc.path, loc.line) if loc else ("?", 1)
    if not source.sha256:
        return Problem(
            path, line, 1, "warning", f"source {source.id} has no sha256: its quotes cannot be checked", "quote-text"
        )
    if source.sha256 not in archive:
        msg = f"source {source.id}: no file in {texts} has sha256 {source.sha256[:12]}…"
        return Problem(path, line, 1, "error", msg, "quote-text")
    return None


def nearest(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, to show what the document really says."""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, match.a - match.b)
    return text[start : start + len(quote)]
