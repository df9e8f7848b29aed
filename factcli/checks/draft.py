"""check-draft: every number in a draft judged against the fact it is about.

Numbers that are not claims (list and section numbers, years naming a
document, shares the writer worked out, numbers inside names) get no verdict;
every other number a reader sees gets one, *not-found* when no fact is about
it. A fact is *about* a number when it scores at least ``BIND`` (binding.py:
what it counts, when, who, the words it shares, the passage); the verdict over
the facts bound to it is verdicts.py's, where a contradiction needs proof. A
date that frames a figure ("as of the end of November 2008, … 1,949") is
judged against the time of that figure's fact; a date that says when
something happened, against the event's fact.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from factcli.checks import binding, context, profiles, verdicts
from factcli.checks.binding import Bound
from factcli.checks.profiles import Profile
from factcli.checks.verdicts import VERDICTS, Verdict
from factcli.reading import mentions, prose
from factcli.reading.mention import Mention

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact

__all__ = ["VERDICTS", "Finding", "Verdict", "check"]

#: A fact scoring this much is about what the number says; below it, it is about something else.
BIND = 4.0
#: A date has no noun to bind by: the event's name and entities beside it must carry it.
BIND_DATE = 3.5
#: Below ``BIND`` and above this, a fact may still be what the number is about, not clearly enough to refute
#: it, but enough to bear it out when the number is the fact's own figure ("Sudan: 275 / 100 / 60" after
#: "Liberia: 275 engineers, …": the units are the list's before it).
LOOSE = 2.5
#: ... for a figure at least this large: a small one agrees with some fact of any sentence by chance.
_CHANCE = 5
#: ... and an ordinal dated as its fact shares this much more with it than its own word ("first": 0.5).
_MORE_THAN_THE_ORDINAL = 1.0

_EVENT = re.compile(
    r"\b(?:held|hold|holds|opened|began|started|signed|adopted|launched|established|founded|concluded|took place|"
    r"met|convened|hosted|joined|set up|submitted|acceded|ratified|created|inaugurated|visited|made|"
    r"meets?|signs?|joins?|sen[dt]s?|went|gone|sail(?:ed|s)|deployed|dispatched|arrived|killed|died|vanished|"
    r"disappear(?:ed|s)|sank|crashed|pledged|pledges|commissioned|"
    r"earthquake|tsunami|floods?|attacks?|crash|"
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


#: The end of a span that frames a figure: "between December 2008 and January 2016", "from 2000 to 2008".
_RANGE_END = re.compile(r"\b(?:between|from)\s+[^,;.]{3,40}?\s*(?:\band|\bto|\buntil|\bthrough|[–—-])\s*$", re.I)
#: Words before a bare year that make it name which thing ("the 2002 toll"), not when something happened.
_ATTRIBUTIVE = re.compile(r"\b(?:the|its|their|this|that)\s+$", re.I)
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
        judged: list[Judged] = []
        for mention in found:
            if mention.kind != "date":
                result = _judge_amount(mention, sentence, candidates, weight, facts.names)
                if result is not None:
                    judged.append(Judged(mention, *result))
                    if result[1] is not None:
                        sentence.previous.add(result[1].profile.fact.id)
                        sentence.passages |= result[1].profile.passages
        claims = [j for j in judged if j.mention.kind != "ordinal"]
        dates = [m for m in found if m.kind == "date"]
        tops = _tops(dates, sentence, candidates, weight, facts.names)
        for mention in dates:
            others = {fact for m, fact in tops.items() if m is not mention}  # what the sentence's other dates date
            result = _judge_date(mention, sentence, candidates, weight, facts.names, claims, others)
            if result is not None:
                judged.append(Judged(mention, *result))
        previous = {j.bound.profile.fact.id for j in judged if j.bound is not None}
        passages = {passage for j in judged if j.bound is not None for passage in j.bound.profile.passages}
        for j in judged:
            line, column = lines.at(j.mention.start)
            out.append(_finding(line, column, j, raw.text))
    return sorted(out, key=lambda f: (f.line, f.column))


class Judged(NamedTuple):
    """A number of a sentence, its verdict, the fact that decided it and, for a doubt, why."""

    mention: Mention
    verdict: Verdict
    bound: Bound | None
    note: str = ""


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


def _ranked(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> list[Bound]:
    key = (mention.start, mention.end)
    if key not in sentence.bound:
        sentence.bound[key] = _bound(binding.read(mention, sentence), sentence, candidates, weight, names)
    return list(sentence.bound[key])


def _bound(
    reading: binding.Reading,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> list[Bound]:
    """The candidates bound to the number as ``reading`` reads it, best first."""
    bounds = (binding.bind(reading, sentence, p, weight, names) for p in candidates)
    least = BIND_DATE if reading.mention.kind == "date" else BIND
    return sorted((b for b in bounds if b is not None and b.score >= least), key=lambda b: -b.score)


def _untimed(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> Callable[[], list[Bound]]:
    """The candidates bound as if the sentence gave no date (asked only before a contradiction: the sentence's
    date may be the writer's mistake, and the fact it ruled out the one the number is about)."""

    def bound() -> list[Bound]:
        untimed = dataclasses.replace(binding.read(mention, sentence), times=(), timed=False)
        return _bound(untimed, sentence, candidates, weight, names)

    return bound


def _judge_amount(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> tuple[Verdict, Bound | None, str] | None:
    if mention.derived or mention.kind == "fraction":
        return None  # a share or ratio the writer worked out
    ranked = _ranked(mention, sentence, candidates, weight, names)
    untimed = _untimed(mention, sentence, candidates, weight, names)
    decided = verdicts.decide(mention, ranked, sentence.text, sentence.start, untimed) if ranked else None
    if decided is not None:
        return decided
    loose = _loosely(mention, sentence, candidates, weight, names)
    if loose is not None:
        return "supported", loose, "bound only loosely, but its figure is this fact's"
    if _claim_like(mention, sentence):
        return "not-found", None, ""
    return None


def _loosely(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> Bound | None:
    """The fact a number bound below ``BIND`` bears out: one of the best candidates (within ``verdicts.NEAR``),
    sure of its time and entity, whose figure is the writer's. Never a contradiction: too loose for proof. Only
    for an ordinal sure of what it ranks or dated as the fact is ("the first Chinese police", "in 1990 … for the
    first time"), or a count that could be a claim and is too large to agree by chance ("two of their
    officers", "three parts" would agree with some fact of any sentence)."""
    if mention.kind == "ordinal":
        # dated as the fact, the words beside it must be the fact's too, not only "first"
        sure = [({"what", "who", "when"}, 0.0), ({"dated", "who", "when"}, _MORE_THAN_THE_ORDINAL)]
    elif mention.kind in ("amount", "percent") and _claim_like(mention, sentence) and mention.high >= _CHANCE:
        sure = [({"who", "when"}, 0.0)]
    else:
        return None
    reading = binding.read(mention, sentence)
    bounds = (binding.bind(reading, sentence, p, weight, names) for p in candidates)
    ranked = sorted((b for b in bounds if b is not None and b.score >= LOOSE), key=lambda b: -b.score)
    near = [b for b in ranked if b.score >= ranked[0].score - verdicts.NEAR] if ranked else []
    for bound in near:
        sure_enough = any(parts <= bound.certain and bound.shared >= words for parts, words in sure)
        if sure_enough and verdicts.relation(mention, bound.profile) == "supported":
            return bound
    return None


def _judge_date(
    mention: Mention,
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
    claims: Sequence[Judged],
    dated: set[str],
) -> tuple[Verdict, Bound | None, str] | None:
    """A date that frames a figure is judged against the time of the figure's fact; a date that says when
    something happened, against the event's fact. An event another date of the sentence is bound to is left to
    that date while another candidate remains."""
    if mention.document:
        return None  # "the 2002 white paper": which document, not when something happened
    first, last = sentence.clause(mention)
    framed = [j for j in claims if first <= j.mention.start < last]
    before = _before(mention, sentence)
    if _framing_words(mention, before) and (framed or _UNTIL.search(before)):
        frames = _framing(mention, framed)  # "Since 1990 the PLA has sent 11,063 …": when the figure holds
        if frames is not None or not verdicts.is_span(mention):
            return frames  # "from May to October 2002": a span that frames no figure may still date an event
    ranked = _ranked(mention, sentence, candidates, weight, names)
    ranked = [b for b in ranked if b.profile.fact.id not in dated] or ranked
    if ranked and (not framed or ranked[0].score >= verdicts.CONTRADICT_DATE):
        decided = verdicts.decide(mention, ranked, sentence.text, sentence.start, lambda: [])
        if decided is not None:
            return decided
    frames = _framing(mention, framed) if framed else None
    if frames is not None:
        return frames
    clause = sentence.text[first - sentence.start : last - sentence.start]
    inside = any(d is not mention and d.span is not None and mention.span is not None and
                 mention.span[0] <= d.span[0] and d.span[1] <= mention.span[1] for d in sentence.dates)  # fmt: skip
    attributive = _ATTRIBUTIVE.search(before) and mention.text.isdigit()  # "double the 2002 toll": which toll
    if not inside and not mention.since and not attributive and _EVENT.search(clause):
        return "not-found", None, ""
    return None


def _tops(
    dates: Sequence[Mention],
    sentence: context.Sentence,
    candidates: Sequence[Profile],
    weight: dict[str, float],
    names: context.Names,
) -> dict[Mention, str]:
    """Each date of a sentence with several, and the event it dates: "In January 2007 at the China-ASEAN Summit,
    and in November 2007 at the ASEAN Plus Three Summit" dates two summits, one each. The pairs are taken
    best first (the clearest binding of any date to any event), each date and each event once."""
    if len(dates) < 2:
        return {}
    pairs = []
    for mention in dates:
        if mention.document or _framing_words(mention, _before(mention, sentence)):
            continue  # "By 2002 …", "the 2002 paper": when a figure holds, or which document; no event
        for bound in _ranked(mention, sentence, candidates, weight, names):
            if "event" in bound.certain:
                pairs.append((bound.score, mention, bound.profile.fact.id))
    out: dict[Mention, str] = {}
    for _, mention, fact in sorted(pairs, key=lambda pair: -pair[0]):
        if mention not in out and fact not in out.values():
            out[mention] = fact
    return out


def _before(mention: Mention, sentence: context.Sentence) -> str:
    return sentence.text[max(0, mention.start - sentence.start - 60) : mention.start - sentence.start]


def _framing_words(mention: Mention, before: str) -> bool:
    """The words before a date make it the time of something: "since 1990", "as of", "from … to"."""
    return bool(mention.since or _FRAMING.search(before) or _RANGE_END.search(before))


def _framing(mention: Mention, framed: Sequence[Judged]) -> tuple[Verdict, Bound | None, str] | None:
    """A date giving a figure its time is borne out when the figure's fact holds for that time ("since 1990":
    its period starts then); otherwise it is left to the figure's own verdict."""
    for judged in framed:
        if judged.bound is not None and verdicts.frames(mention, judged.bound.profile):
            return "supported", judged.bound, "the time of the figure it frames"
    return None


#: The names of meetings an ordinal counts: "the 14th ARF Ministerial Meeting", "the third round".
_MEETING = re.compile(
    r"\b(?:meeting|summit|symposium|conference|session|forum|workshop|seminar|dialogue|consultation|round|"
    r"exercise|drill|review)s?\b"
)
#: What a writer counts to order the text or to say how long, not what a fact counts: "three parts",
#: "the past two years".
_NOT_COUNTED = frozenset(
    "parts things points sections chapters ways reasons questions lessons themes items steps examples pages "
    "years months weeks days decades hours minutes times words paragraphs figures numbers statistics sentences "
    "papers documents editions".split()
)


def _claim_like(mention: Mention, sentence: context.Sentence) -> bool:
    """A number a reader would check, so never left out when no fact is about it: any amount but one that
    orders the text or says how long ("three parts", "two years"); an ordinal only as a rank ("ranked 12th";
    "the first of these" points back)."""
    if mention.kind == "ordinal":  # a rank, or the ordinal of a named meeting ("its 15th ministerial meeting")
        before = sentence.text[max(0, mention.start - sentence.start - 12) : mention.start - sentence.start]
        name = " ".join(context.name_after(sentence.text, mention.end - sentence.start))
        return bool(re.search(r"\brank(?:ed|s|ing)?\s+$", before, re.IGNORECASE) or _MEETING.search(name))
    if mention.currency or mention.kind == "percent":
        return True
    if mention.kind == "duration" or mention.text.lower() in ("one", "a single"):
        return False  # how long; "one question", "one date needs fixing"
    return not (mention.noun and mention.noun[-1] in _NOT_COUNTED)
