"""The verdict on a date: one that frames a figure ("since 1990 … 11,063") is judged against the time of the
figure's fact; one that says when something happened, against the event's fact, and is not found when the store
holds no such event."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcli.checks import context, spans, verdicts
from factcli.checks.binding import Bound
from factcli.checks.judged import Judged, Scene, loosely, ranked
from factcli.checks.verdicts import Verdict
from factcli.reading.mention import Mention
from factcli.reading.words import content

_EVENT = re.compile(
    r"\b(?:held|hold|holds|opened|began|started|signed|adopted|launched|established|founded|concluded|took place|"
    r"met|convened|hosted|joined|set up|submitted|acceded|ratified|created|inaugurated|visited|made|resumed|restored|"
    r"suspended|issued|released|published|conducted|staged|completed|entered into force|took effect|resumption|"
    r"restoration|signing|launch|founding|"
    r"meets?|signs?|joins?|sen[dt]s?|went|gone|sail(?:ed|s)|deployed|dispatched|arrived|killed|died|vanished|"
    r"disappear(?:ed|s)|sank|crashed|pledged|pledges|commissioned|designated|declared|"
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
#: A loosely bound date bears out an event only when the words beside it share this much with the event's.
_EVENT_WORDS = 1.0
#: Framing words that never date an event: "by 2008 China was hosting …", "as of November 2008"; "at the end of"
#: does when its clause tells of a happening ("ties were resumed at the end of 2001").
_UNTIL = re.compile(r"\b(?:by|as of|until|till|through|before|after)\s+(?:the\s+)?$", re.I)
_END_OF = re.compile(r"\bend\s+of\s+$", re.I)


def _until(before: str, clause: str) -> bool:
    """The words before a date make it the time a figure holds for, never an event's."""
    return bool(_UNTIL.search(before)) or (bool(_END_OF.search(before)) and not _EVENT.search(clause))


Outcome = tuple[Verdict, Bound | None, str]


def judge_date(
    mention: Mention,
    scene: Scene,
    claims: Sequence[Judged],
    dated: set[str],
) -> Outcome | None:
    """A date that frames a figure is judged against the time of the figure's fact; a date that says when
    something happened, against the event's fact. An event another date of the sentence is bound to is left to
    that date while another candidate remains."""
    if mention.document:
        return None  # "the 2002 white paper": which document, not when something happened
    sentence = scene.sentence
    first, last = sentence.clause(mention)
    framed = [j for j in claims if first <= j.mention.start < last]
    before = _before(mention, sentence)
    clause = sentence.text[first - sentence.start : last - sentence.start]
    bracketed = [j for j in framed if _brackets(sentence, j.mention, mention)]  # "over 60 (2001–02)"
    if bracketed:
        return _framing(mention, bracketed)
    if _framing_words(mention, before) and (framed or _until(before, clause)):
        frames = _framing(mention, framed)  # "Since 1990 the PLA has sent 11,063 …": when the figure holds
        if frames is not None or not spans.is_span(mention):
            return frames  # "from May to October 2002": a span that frames no figure may still date an event
    judged = _as_time_or_event(mention, scene, framed, dated)
    if judged is not None:
        return judged
    return ("not-found", None, "") if _a_happening(mention, sentence, clause, before) else None


def _as_time_or_event(
    mention: Mention,
    scene: Scene,
    framed: Sequence[Judged],
    dated: set[str],
) -> Outcome | None:
    """The time of a figure its clause holds and fits ("In 2002, 35 military observers were serving"), else the
    date of the event it is bound to, else the time of a figure bound with doubt, else an event bound loosely."""
    sure = [j for j in framed if j.verdict != "unverified"]  # a figure bound with doubt decides no date
    frames = _framing(mention, sure) if sure else None
    if frames is not None:
        return frames
    bound = ranked(mention, scene)
    bound = [b for b in bound if b.profile.fact.id not in dated] or bound
    if bound and (not framed or bound[0].score >= verdicts.CONTRADICT_DATE):
        decided = verdicts.decide(mention, bound, scene.sentence.text, scene.sentence.start, lambda: [])
        if decided is not None:
            return decided
    frames = _framing(mention, framed) if framed else None
    if frames is not None:
        return frames
    loose = _loosely(mention, scene)
    return ("supported", loose, "bound only loosely, but it is this fact's day or month") if loose else None


def _a_happening(mention: Mention, sentence: context.Sentence, clause: str, before: str) -> bool:
    """The date says when something happened (no fact dates it: not found): its clause tells of a happening,
    and it is neither inside another date of the sentence, nor "since …", nor a year naming which thing."""
    assert mention.span is not None
    inside = any(d is not mention and d.span is not None and mention.span[0] <= d.span[0] and
                 d.span[1] <= mention.span[1] for d in sentence.dates)  # fmt: skip
    attributive = bool(_ATTRIBUTIVE.search(before)) and mention.text.isdigit()  # "double the 2002 toll"
    asked = sentence.asked if len(content(clause)) < 3 else ""  # "A. July 2002." to "When was … held?"
    return not inside and not mention.since and not attributive and bool(_EVENT.search(f"{clause} {asked}"))


def _loosely(
    mention: Mention,
    scene: Scene,
) -> Bound | None:
    """The event a date bound below ``BIND_DATE`` bears out: one of the best candidates whose day or month the
    date is, to the day or month, and whose words the sentence shares ("11 January 2017 … the Asia-Pacific
    security white paper" and the paper issued on 11 January 2017). Never a year alone (some fact of any
    sentence falls in a year by chance) and never a contradiction."""
    assert mention.span is not None
    first, last = mention.span
    if (last - first).days > 31 or spans.is_span(mention):
        return None
    for bound in loosely(mention, scene):
        fact_first, fact_last = bound.profile.span
        same = (fact_first, fact_last) == (first, last) and bound.profile.fact.period is None
        if same and "who" in bound.certain and bound.shared >= _EVENT_WORDS:
            return bound
    return None


def tops(
    dates: Sequence[Mention],
    scene: Scene,
) -> dict[Mention, str]:
    """Each date of a sentence with several, and the event it dates: "In January 2007 at the China-ASEAN Summit,
    and in November 2007 at the ASEAN Plus Three Summit" dates two summits, one each. The pairs are taken
    best first (the clearest binding of any date to any event), each date and each event once."""
    if len(dates) < 2:
        return {}
    pairs = []
    for mention in dates:
        if mention.document or _framing_words(mention, _before(mention, scene.sentence)):
            continue  # "By 2002 …", "the 2002 paper": when a figure holds, or which document; no event
        for bound in ranked(mention, scene):
            if "event" in bound.certain:
                pairs.append((bound.score, mention, bound.profile.fact.id))
    out: dict[Mention, str] = {}
    for _, mention, fact in sorted(pairs, key=lambda pair: -pair[0]):
        if mention not in out and fact not in out.values():
            out[mention] = fact
    return out


def _brackets(sentence: context.Sentence, figure: Mention, date: Mention) -> bool:
    """The date stands in brackets right after the figure ("over 60 (2001–02)", '"over 150 countries" (2008)'):
    the time the figure holds for."""
    between = sentence.text[figure.end - sentence.start : date.start - sentence.start]
    return bool(_AFTER_FIGURE.fullmatch(between)) and sentence.text.startswith(")", date.end - sentence.start)


#: What may stand between a figure and the bracket that dates it: its noun and a closing quote.
_AFTER_FIGURE = re.compile(r"(?:\s+[A-Za-z-]+){0,2}[\"”’']?\s*\(")


def _before(mention: Mention, sentence: context.Sentence) -> str:
    return sentence.text[max(0, mention.start - sentence.start - 60) : mention.start - sentence.start]


def _framing_words(mention: Mention, before: str) -> bool:
    """The words before a date make it the time of something: "since 1990", "as of", "from … to"."""
    return bool(mention.since or _FRAMING.search(before) or _RANGE_END.search(before))


def _framing(mention: Mention, framed: Sequence[Judged]) -> tuple[Verdict, Bound | None, str] | None:
    """A date giving a figure its time is borne out when the figure's fact holds for that time ("since 1990":
    its period starts then); otherwise it is left to the figure's own verdict."""
    for judged in framed:
        if judged.bound is not None and spans.frames(mention, judged.bound.profile):
            return "supported", judged.bound, "the time of the figure it frames"
    return None
