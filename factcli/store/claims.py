"""What a fact claims, held to the documents it cites and to the other facts: rules of the store (``rules``).

Nothing a fact says may come after its documents were published; one meeting's ordinal is stored once;
and a name in a claim should be in its quotes. Each returns ``Violation``s as the rules in ``rules`` do,
for ``validate`` and ``add`` to place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from factcli.reading import names
from factcli.store.rules import Violation
from factcli.text import dates

if TYPE_CHECKING:
    import datetime as dt

    from factcli.model import Fact, Source
    from factcli.store.vocab import Vocabulary

#: The unit of a fact that stores an ordinal: "the 14th ARF Ministerial Meeting" is 14 of unit ordinal.
ORDINAL_UNIT = "ordinal"
_CANNOT_KNOW = "a document cannot know what came after it"


def after_publication(sources: Mapping[str, Source], fact: Fact) -> list[Violation]:
    """A document cannot know what came after it: a fact's date, or its period's end, must not fall after the
    latest publication of the documents it cites. An open end reads "to this day", later than any document,
    so it is always after. A date is after only when all of it is: "2017" may mean January 2017, which a paper
    of 2017-01-11 can state. A document without a publication date is bounded by when it was accessed; one
    with neither bounds nothing."""
    latest = _latest_publication(sources, fact)
    after = ""
    if latest is not None:
        source, how, when, _ = latest
        of = source if len(fact.source_ids) == 1 else f"the latest of its documents, {source},"
        after = f" after {of} was {how} ({when})"
    if fact.period is not None and fact.period.end is None:
        later = f",{after}" if after else ""
        message = f"{fact.id}: the period has no end, which reads as 'to this day'{later}; {_CANNOT_KNOW}"
        return [Violation(("period",), f"{message}: end it at the publication or before", "after-publication")]
    said = fact.date if fact.date is not None else fact.period.end if fact.period else None
    if latest is None or said is None or dates.parse_span(said)[0] <= latest[3]:
        return []
    at, what = (
        (("date",), f"date {said} is") if fact.date is not None else (("period", "end"), f"the period ends {said},")
    )
    return [Violation(at, f"{fact.id}: {what}{after}; {_CANNOT_KNOW}", "after-publication")]


def _latest_publication(sources: Mapping[str, Source], fact: Fact) -> tuple[str, str, str, dt.date] | None:
    """The source published last among the fact's: its id, "published" or "accessed", that date as written and
    its last day; None when one of them has neither date, or is unknown."""
    latest = None
    for source_id in fact.source_ids:
        source = sources.get(source_id)
        if source is None:
            return None
        known = [(how, when) for how, when in (("published", source.published), ("accessed", source.accessed)) if when]
        if not known:
            return None
        how, when = known[0]
        last = dates.parse_span(when)[1]
        if latest is None or last > latest[3]:
            latest = (source_id, how, when, last)
    return latest


def ordinals(fact: Fact) -> dict[tuple[float, str], str]:
    """The ordinal a fact stores with the name of the meeting or event it numbers, keyed (value, name key) →
    the name as its quote writes it; empty for a fact that is no ordinal or whose quotes number no whole name."""
    if fact.kind != "quantity" or fact.unit != ORDINAL_UNIT or fact.value is None:
        return {}
    found = (names.ordinal_name(c.quote, fact.value_text) for c in fact.citations)
    return {(float(fact.value), names.name_key(name)): name for name in found if name}


def same_ordinal(facts: Iterable[Fact], fact: Fact, level: str = "error") -> list[Violation]:
    """One meeting, one fact for its ordinal. A second fact storing "14th" of the ARF Ministerial Meeting says
    the same thing again, and is usually about something else that happened there wearing its number (what the
    meeting adopted is an event of the meeting's date). Who numbers which meeting is read from the quotes, so
    the same ordinal in two wordings of the meeting's name is still caught."""
    mine = ordinals(fact)
    out = []
    for other in facts:
        shared = sorted(mine.keys() & ordinals(other).keys()) if other.id != fact.id else []
        if shared:
            where = f" ({other.location.path}:{other.location.line})" if other.location else ""
            message = (
                f"{fact.id}: stores {fact.value_text!r} of the {mine[shared[0]]}, as '{other.id}'{where} does; "
                "keep one fact for a meeting's ordinal, and make the other say what else it says"
            )
            out.append(Violation(("value",), message, "duplicate-ordinal", level))
    return out


def unquoted_names(vocab: Vocabulary, fact: Fact) -> list[Violation]:
    """A claim says no more than its quotes. A name of two capitalised words or more in the claim with a word
    that no quote has, nor the note, is the curator's addition ("the Fourth Symposium on International Issues"
    from a quote saying "the Fourth Symposium"), and the note should say where it comes from. A word counts
    as quoted when an entity name or alias it is part of is quoted in any spelling ("ASEAN Regional Forum" for
    "ARF"). A heuristic, so a warning."""
    claimed = names.proper_names(fact.claim)
    if not claimed:
        return []
    said = names.word_keys(" ".join([*(c.quote for c in fact.citations), fact.note or ""]))
    said_words, said_text = set(said), f" {' '.join(said)} "
    out = []
    for name in claimed:
        covered = _quoted_entities(vocab, name, said_text)
        missing = [
            w
            for i, w in enumerate(name)
            if names.capital(w) and i not in covered and names.name_key(w) not in said_words
        ]
        if missing:
            message = (
                f"{fact.id}: the claim names '{' '.join(name)}', but no quote or note has "
                f"{', '.join(map(repr, missing))}; quote the words that say it, or say in the note where they come from"
            )
            out.append(Violation(("claim",), message, "claim-names", "warning"))
    return out


def _quoted_entities(vocab: Vocabulary, name: list[str], said_text: str) -> set[int]:
    """The places of ``name``'s words that belong to an entity the quotes name by one of its spellings."""
    covered: set[int] = set()
    for i in range(len(name)):
        for j in range(len(name), i, -1):
            canonical = vocab.canonical_entity(" ".join(name[i:j]))
            entity = vocab.entities.get(canonical) if canonical else None
            spellings = (entity.name, *entity.aliases) if entity else ()
            if any(f" {' '.join(names.word_keys(s))} " in said_text for s in spellings):
                covered.update(range(i, j))
                break
    return covered


def near_duplicates(facts: Iterable[Fact], fact: Fact, level: str = "error") -> list[Violation]:
    """The same statement worded apart: a fact of the same kind, time and document as another that says the
    same value of the same metric (whatever its quote), or that quotes the same passage (one quote inside the
    other) and says nothing of it the other does not (the words of its claim found in the quote, beyond the
    value's, are the other's or include them all). Exact repeats are ``rules.duplicates``'; one sentence
    listing three agreements signed the same year gives three facts, each with words of its own."""
    from factcli.store.rules import statement

    says = statement(fact)
    out = []
    for other in facts:
        if other.id == fact.id or other.kind != fact.kind or statement(other) == says:
            continue
        if (other.date, other.period) != (fact.date, fact.period) or not set(other.source_ids) & set(fact.source_ids):
            continue
        same_metric = fact.metric is not None and fact.metric == other.metric
        restated = _same_passage(fact, other) and _says_nothing_else(fact, other)
        if fact.kind == "quantity":
            same = (fact.value, fact.unit) == (other.value, other.unit) and (same_metric or restated)
        else:
            same = restated
        if same:
            where = f" ({other.location.path}:{other.location.line})" if other.location else ""
            what = "value" if fact.kind == "quantity" else "event"
            message = f"{fact.id}: '{other.id}'{where} already states this {what} from the same document and time"
            out.append(Violation((), message, "near-duplicate", level))
    return out


def _same_passage(fact: Fact, other: Fact) -> bool:
    """A quote of one inside a quote of the other, from the same document."""
    return any(
        a.source == b.source and (a.quote in b.quote or b.quote in a.quote)
        for a in fact.citations
        for b in other.citations
    )


def _says_nothing_else(fact: Fact, other: Fact) -> bool:
    """What one claim takes from its quotes (beyond the value) is all in the other's, or the other way round."""
    ours, theirs = _quoted_claim(fact), _quoted_claim(other)
    return ours <= theirs or theirs <= ours


def _quoted_claim(fact: Fact) -> set[str]:
    from factcli.reading.words import content

    quoted = set().union(*(content(c.quote) for c in fact.citations))
    return (content(fact.claim) & quoted) - content(fact.value_text)
