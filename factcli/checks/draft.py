"""check-draft: every number in a draft judged against the fact it is about.

Numbers that are not claims (list and section numbers, years naming a
document, shares the writer worked out, numbers inside names) get no verdict;
every other number a reader sees gets one, *not-found* when no fact is about
it. A fact is *about* a number when it scores at least ``judged.BIND`` (binding.py:
what it counts, when, who, the words it shares, the passage); the verdict over
the facts bound to it is verdicts.py's, where a contradiction needs proof. A
date that frames a figure ("as of the end of November 2008, … 1,949") is
judged against the time of that figure's fact; a date that says when
something happened, against the event's fact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcli.checks import amounts, binding, context, dates, profiles
from factcli.checks.judged import Judged, Scene
from factcli.checks.verdicts import VERDICTS, Verdict
from factcli.reading import mentions, prose, titles
from factcli.reading.mention import Mention

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact

__all__ = ["VERDICTS", "Finding", "Verdict", "check"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One number of the draft, its verdict and why."""

    line: int
    column: int
    text: str
    verdict: Verdict
    sentence: str
    fact: Fact | None = None
    score: float = 0.0
    reason: str = ""
    #: For a contradiction: the store's words for the value, to put instead.
    suggestion: str | None = None


def check(index: Index, text: str, *, markdown: bool = True) -> list[Finding]:
    """Findings for every number of the draft's prose that is a claim, in reading order."""
    lines = prose.Lines(text)
    facts = profiles.Profiles(index)
    out: list[Finding] = []
    title = titles.title(text, markdown=markdown)
    title_dates = context.title_dates(title)
    dateline = _dateline(text, title)
    today = _own_date(text[dateline[0] : dateline[1]] or title)
    previous: set[str] = set()
    passages: set[str] = set()
    heading = ""
    labels = [(m.start(), m.end()) for m in _LABELS.finditer(text)]
    for raw in prose.sentences(text, markdown=markdown):
        if _REFERENCES.match(raw.heading):
            continue  # a bibliography's years, volumes and pages are its entries', no claims
        found = mentions.find(raw.text, raw.start, today)
        found = [m for m in found if not (m.kind == "date" and dateline[0] <= m.start < dateline[1])]
        found = [m for m in found if not any(a <= m.start < b for a, b in labels)]
        if raw.heading != heading:
            heading, previous, passages = raw.heading, set(), set()
        if not found:
            previous, passages = set(), set()
            continue
        sentence = context.Sentence(facts.names, raw, found)
        sentence.title_dates = title_dates
        sentence.previous = set(previous)
        sentence.passages = set(passages)
        candidates = facts.for_sentence(sentence, found)
        judged = _judged(found, Scene(sentence, candidates, binding.weights(candidates), facts.names))
        previous = {j.bound.profile.fact.id for j in judged if j.bound is not None}
        passages = {passage for j in judged if j.bound is not None for passage in j.bound.profile.passages}
        for j in judged:
            line, column = lines.at(j.mention.start)
            out.append(_finding(line, column, j, raw.text))
    return sorted(out, key=lambda f: (f.line, f.column))


def _judged(found: list[Mention], scene: Scene) -> list[Judged]:
    """The verdicts on a sentence's numbers: its amounts and ordinals first (a date may frame one of them), then
    its dates, each event dated once."""
    sentence = scene.sentence
    judged: list[Judged] = []
    for mention in found:
        if mention.kind != "date":
            result = amounts.judge_amount(mention, scene)
            if result is not None:
                judged.append(Judged(mention, *result))
                if result[1] is not None:
                    sentence.previous.add(result[1].profile.fact.id)
                    sentence.here.add(result[1].profile.fact.id)
                    sentence.passages |= result[1].profile.passages
    claims = [j for j in judged if j.mention.kind != "ordinal"]
    written = [m for m in found if m.kind == "date"]
    tops = dates.tops(written, scene)
    for mention in written:
        others = {fact for m, fact in tops.items() if m is not mention}  # what the sentence's other dates date
        result = dates.judge_date(mention, scene, claims, others)
        if result is not None:
            judged.append(Judged(mention, *result))
    return judged


def _dateline(text: str, title: str) -> tuple[int, int]:
    """Where the draft's own heading block stands: its first lines before a blank one, when they name the draft
    and state nothing ("ASSOCIATION FOR ASIAN SECURITY STUDIES⏎Annual Conference, Leiden, 20-22 June 2024"),
    else its title line when that states nothing. Their dates are the draft's own: the time its figures are
    read in, no claim."""
    lead = len(text) - len(text.lstrip())
    block = text[lead:].split("\n\n", 1)[0]
    lines = [line.strip() for line in block.splitlines()]
    if 0 < len(lines) <= _HEADER_LINES and not any(_says(line) for line in lines):
        return lead, lead + len(block)
    at = text.find(title, 0, 2000) if title and not titles.states(title) else -1
    return (at, at + len(title)) if at >= 0 else (0, 0)


def _own_date(heading: str) -> dt.date | None:
    """The draft's own date, to the day, from its heading block or title ("Regular Press Conference, January 16,
    2017"): the year of the days it names without one."""
    days = [m.span[0] for m in mentions.find(heading) if m.span is not None and m.span[0] == m.span[1]]
    return max(days, default=None)


#: The headings of a draft's list of works cited.
_REFERENCES = re.compile(r"\W*(?:bibliography|references|works cited|further reading|reading list)\W*$", re.I)
#: A line of labelled particulars ("**Word count:** 2,180 · **Submitted:** 12 May 2026"): the draft's own
#: record, no claim.
_LABELS = re.compile(r"^[ \t]*(?:\*\*[^*\n]{1,30}:\*\*[^\n]*?[·|•][ \t]*){1,}\*\*[^*\n]{1,30}:\*\*[^\n]*$", re.M)


#: A draft's heading block is at most this many lines (a title, an occasion, a date, a byline).
_HEADER_LINES = 4
#: A line that lists or tells, so no heading: an item, a quote, a table row, a sentence.
_LISTS = re.compile(r"^(?:[-*+>|]|[0-9]+[.)]\s)")


def _says(line: str) -> bool:
    return bool(_LISTS.match(line)) or line.endswith((".", "?", "!")) or titles.states(line)


def _finding(line: int, column: int, judged: Judged, sentence: str) -> Finding:
    mention, verdict, bound, note = judged
    if bound is None:
        reason = "no fact in the store is about this" if mention.kind != "date" else "no fact in the store dates this"
        return Finding(line, column, mention.text, verdict, " ".join(sentence.split()), reason=reason)
    fact = bound.profile.fact
    reason = "; ".join([note, *bound.reasons] if note else bound.reasons) + f" (score {bound.score:.1f})"
    suggestion = fact.value_text if verdict == "contradicted" else None
    return Finding(
        line, column, mention.text, verdict, " ".join(sentence.split()), fact, bound.score, reason, suggestion
    )
