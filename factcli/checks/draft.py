"""check-draft: every number in a draft judged against the fact it is about.

Qualifiers on both sides are intervals. *Supported*: every value the fact
allows is one the writer allows ("more than 1,000" given 1,949).
*Contradicted*: none is ("fewer than 900" given "over 900"). *Unverified*:
some are ("exactly 160" given "over 150"). *Not found*: a claim no fact is
about. Numbers that are not claims (list and section numbers, years that only
say when, shares the writer worked out, numbers inside names) get no verdict.

A fact is *about* a number when it scores at least ``BIND`` (see binding.py
for what the score is made of). Facts within ``NEAR`` of the best are weighed
together: if one of them bears the writer out, the writer is right, because
the store may hold the same figure at two precisions or for two overlapping
periods. A contradiction needs a clear binding (``CONTRADICT``) and no near
rival that would bear the writer out or leave the figure open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factcli.checks import binding, context, mentions, nouns, profiles, prose
from factcli.checks.binding import Bound
from factcli.checks.mentions import Mention
from factcli.checks.profiles import Profile

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact

Verdict = Literal["supported", "contradicted", "unverified", "not-found"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "unverified", "not-found")

#: A fact scoring this much is about what the number says; below it, it is about something else.
BIND = 4.0
#: A date has no noun to bind by: the event's name and entities beside it must carry it.
BIND_DATE = 3.5
#: A fact must be this clearly about the same thing for a different figure to contradict the writer.
CONTRADICT = 5.0
CONTRADICT_DATE = 4.0
#: Candidates this close to the best are weighed together.
NEAR = 1.5

_EVENT = re.compile(
    r"\b(?:held|hold|holds|opened|began|started|signed|adopted|launched|established|founded|concluded|took place|"
    r"met|convened|hosted|joined|set up|submitted|acceded|ratified|created|inaugurated|visited|made|"
    r"meeting|summit|symposium|exercise|conference|session|forum|workshop|seminar|dialogue|consultation|drill|"
    r"voyage|visit|talks)\b",
    re.IGNORECASE,
)


#: Words before a date that make it the time a figure holds for: "since 1990", "as of the end of November 2008".
_FRAMING = re.compile(
    r"\b(?:since|by|as of|until|till|through|to|from|over|during|at the end of|end of|between|before|after)"
    r"(?:\s+(?:the\s+)?(?:end|start|beginning|middle)\s+of)?\s+$",
    re.IGNORECASE,
)


#: Framing words that never date an event: "by 2008 China was hosting …", "as of November 2008".
_UNTIL = re.compile(r"\b(?:by|as of|until|till|through|at the end of|end of|before|after)\s+(?:the\s+)?$", re.I)


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
    title_dates = context.title_dates(prose.title(text, markdown=markdown))
    previous: set[str] = set()
    passages: set[str] = set()
    heading = ""
    for raw in prose.sentences(text, markdown=markdown):
        found = mentions.find(raw.text, raw.start)
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
        weight = binding.weights(candidates)
        judged: list[tuple[Mention, Verdict, Bound | None]] = []
        for mention in found:
            if mention.kind != "date":
                result = _judge_amount(mention, sentence, candidates, weight, facts.names)
                if result is not None:
                    judged.append((mention, *result))
                    if result[1] is not None:
                        sentence.previous.add(result[1].profile.fact.id)
                        sentence.passages |= result[1].profile.passages
        claims = [m for m, verdict, bound in judged if m.kind != "ordinal"]
        dated: set[str] = set()  # two dates of one sentence date two events
        for mention in found:
            if mention.kind == "date":
                result = _judge_date(mention, sentence, candidates, weight, facts.names, claims, dated)
                if result is not None:
                    judged.append((mention, *result))
                    dated |= {result[1].profile.fact.id} if result[1] else set()
        previous = {bound.profile.fact.id for _, _, bound in judged if bound is not None}
        passages = {passage for _, _, bound in judged if bound is not None for passage in bound.profile.passages}
        for mention, verdict, bound in judged:
            line, column = lines.at(mention.start)
            out.append(_finding(line, column, mention, verdict, raw.text, bound))
    return sorted(out, key=lambda f: (f.line, f.column))


def _finding(line: int, column: int, mention: Mention, verdict: Verdict, sentence: str, bound: Bound | None) -> Finding:
    if bound is None:
        reason = "no fact in the store is about this" if mention.kind != "date" else "no fact in the store dates this"
        return Finding(line, column, mention.text, verdict, " ".join(sentence.split()), reason=reason)
    fact = bound.profile.fact
    reason = "; ".join(bound.reasons) + f" (score {bound.score:.1f})"
    suggestion = fact.value_text if verdict == "contradicted" else None
    return Finding(
        line, column, mention.text, verdict, " ".join(sentence.split()), fact, bound.score, reason, suggestion
    )


def _ranked(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> list[Bound]:
    reading = binding.read(mention, sentence)
    bounds = (binding.bind(reading, sentence, p, weight, names) for p in candidates)
    least = BIND_DATE if mention.kind == "date" else BIND
    return sorted((b for b in bounds if b is not None and b.score >= least), key=lambda b: -b.score)


def _decide(mention: Mention, ranked: list[Bound]) -> tuple[Verdict, Bound] | None:
    """The verdict over the facts bound to ``mention``, best first; None when none is clear enough."""
    best = ranked[0]
    near = [b for b in ranked if b.score >= best.score - NEAR]
    for bound in near:
        if _relation(mention, bound.profile) == "supported":
            return "supported", bound
    if best.score < (CONTRADICT_DATE if mention.kind == "date" else CONTRADICT):
        return None
    verdict = _relation(mention, best.profile)
    rivals = [b for b in near[1:] if b.score >= best.score - NEAR / 2]
    if verdict == "contradicted" and any(_relation(mention, b.profile) != "contradicted" for b in rivals):
        verdict = "unverified"  # a rival about as likely leaves it open
    return verdict, best


def _judge_amount(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> tuple[Verdict, Bound | None] | None:
    if mention.derived or mention.kind == "fraction":
        return None  # a share or ratio the writer worked out
    ranked = _ranked(mention, sentence, candidates, weight, names)
    decided = _decide(mention, ranked) if ranked else None
    if decided is not None:
        return decided
    if _claim_like(mention, sentence):
        return "not-found", None
    return None


def _judge_date(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
    claims: Sequence[Mention],
    dated: set[str],
) -> tuple[Verdict, Bound | None] | None:
    """A date is judged where it says when something happened; where it gives a figure its time, it is not.
    An event another date of the sentence is bound to is left to that date while another candidate remains."""
    first, last = sentence.clause(mention)
    times_a_figure = any(first <= m.start < last for m in claims)
    before = sentence.text[max(0, mention.start - sentence.start - 24) : mention.start - sentence.start]
    if mention.document:
        return None  # "the 2002 white paper": which document, not when something happened
    framing = _FRAMING.search(before)
    if framing and (times_a_figure or _UNTIL.search(before)):
        return None  # "Since 1990 the PLA has sent 11,063 …", "by 2008 China was hosting …": when, not an event
    ranked = _ranked(mention, sentence, candidates, weight, names)
    ranked = [b for b in ranked if b.profile.fact.id not in dated] or ranked
    if ranked and (not times_a_figure or ranked[0].score >= CONTRADICT_DATE):
        decided = _decide(mention, ranked)
        if decided is not None:
            return decided
    clause = sentence.text[first - sentence.start : last - sentence.start]
    framed = any(d is not mention and d.span is not None and mention.span is not None and
                 mention.span[0] <= d.span[0] and d.span[1] <= mention.span[1] for d in sentence.dates)  # fmt: skip
    if not times_a_figure and not framed and not mention.since and _EVENT.search(clause):
        return "not-found", None
    return None


def _relation(mention: Mention, p: Profile) -> Verdict:
    if mention.kind == "date":
        return _date_relation(mention, p)
    if binding.currency_mismatch(mention, p.fact):
        return "contradicted"
    if mention.low <= p.low and p.high <= mention.high:
        return "supported"
    if mention.high < p.low or p.high < mention.low:
        return "contradicted"
    return "unverified"


def _date_relation(mention: Mention, p: Profile) -> Verdict:
    assert mention.span is not None
    first, last = mention.span
    fact_first, fact_last = p.span
    if mention.since:
        start = p.fact.period.start if p.fact.period else p.fact.date
        return "supported" if start and start[:4] == str(first.year) else "contradicted"
    if first <= fact_first and fact_last <= last:
        return "supported"
    if last < fact_first or fact_last < first:
        return "contradicted"
    return "unverified"


#: What a writer counts to order the text or to say how long, not what a fact counts: "three parts",
#: "the past two years".
_NOT_COUNTED = frozenset(
    "parts things points sections chapters ways reasons questions lessons themes items steps examples pages "
    "years months weeks days decades hours minutes times words paragraphs".split()
)


def _claim_like(mention: Mention, sentence: context.Sentence) -> bool:
    """A number a reader would check: it counts a noun, is money or a share of something named, or a rank."""
    if mention.kind == "ordinal":
        before = sentence.text[max(0, mention.start - sentence.start - 12) : mention.start - sentence.start]
        return bool(re.search(r"\brank(?:ed|s|ing)?\s+$", before, re.IGNORECASE))
    if mention.currency or mention.kind == "percent":
        return True
    return not (not mention.noun or not nouns.counts(mention.noun[-1]) or mention.noun[-1] in _NOT_COUNTED)
