"""The verdict on an amount, an ordinal or a share: by the facts bound to it (judged.py), loosely bound when no
fact is clearly enough, or not found when it is a claim a reader would check."""

from __future__ import annotations

import re
from collections.abc import Callable

from factcli.checks import context, verdicts
from factcli.checks.binding import Bound
from factcli.checks.judged import Scene, loosely, ranked, untimed
from factcli.checks.verdicts import Verdict
from factcli.reading.mention import Mention
from factcli.reading.names import name_after

#: A loosely bound figure (judged.LOOSE) is borne out only when at least this large: a small one agrees with
#: some fact of any sentence by chance.
_CHANCE = 5
#: ... and an ordinal dated as its fact shares this much more with it than its own word ("first": 0.5).
_MORE_THAN_THE_ORDINAL = 1.0


def judge_amount(
    mention: Mention,
    scene: Scene,
) -> tuple[Verdict, Bound | None, str] | None:
    if mention.derived or mention.kind == "fraction":
        return None  # a share or ratio the writer worked out
    sentence = scene.sentence
    bound = ranked(mention, scene)
    timeless = untimed(mention, scene)
    decided = verdicts.decide(mention, bound, sentence.text, sentence.start, timeless) if bound else None
    if decided is not None and decided[0] == "contradicted" and mention.kind == "ordinal":
        return _another_meeting(mention, decided[1], sentence, timeless) or decided
    if decided is not None:
        return decided
    loose = _loosely(mention, scene)
    if loose is not None:
        return "supported", loose, "bound only loosely, but its figure is this fact's"
    if claim_like(mention, sentence):
        return "not-found", None, ""
    return None


def _another_meeting(
    mention: Mention, best: Bound, sentence: context.Sentence, timeless: Callable[[], list[Bound]]
) -> tuple[Verdict, Bound | None, str] | None:
    """ "The Eighth ARF conference, in 2001, … and at the Ninth, in July 2001": a meeting the draft has already
    named by a number that fits it is not what a second ordinal names; the meeting of this very ordinal in
    the same series is, and the date beside it is what is wrong."""
    if best.profile.fact.id not in sentence.previous:
        return None
    named = verdicts.named_meeting(mention, best, timeless())
    if named is None:
        return None
    return "supported", named, f"the {mention.text} is of {named.profile.fact.when}: is the date right?"


def _loosely(
    mention: Mention,
    scene: Scene,
) -> Bound | None:
    """The fact a number bound below ``BIND`` bears out: one of the best candidates (within ``verdicts.NEAR``),
    sure of its time and entity, whose figure is the writer's. Never a contradiction: too loose for proof. Only
    for an ordinal sure of what it ranks or dated as the fact is ("the first Chinese police", "in 1990 … for the
    first time"), or a count that could be a claim and is too large to agree by chance ("two of their
    officers", "three parts" would agree with some fact of any sentence)."""
    if mention.kind == "ordinal":
        # dated as the fact, the words beside it must be the fact's too, not only "first"
        sure = [({"what", "who", "when"}, 0.0), ({"dated", "who", "when"}, _MORE_THAN_THE_ORDINAL)]
    elif mention.kind in ("amount", "percent") and claim_like(mention, scene.sentence) and mention.high >= _CHANCE:
        sure = [({"who", "when"}, 0.0)]
    else:
        return None
    for bound in loosely(mention, scene):
        sure_enough = any(parts <= bound.certain and bound.shared >= words for parts, words in sure)
        if sure_enough and verdicts.relation(mention, bound.profile) == "supported":
            return bound
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
    "papers documents editions headings entries rows columns objects".split()
)


def claim_like(mention: Mention, sentence: context.Sentence) -> bool:
    """A number a reader would check, so never left out when no fact is about it: any amount but one that
    orders the text or says how long ("three parts", "two years"); an ordinal only as a rank ("ranked 12th";
    "the first of these" points back)."""
    if mention.kind == "ordinal":  # a rank, or the ordinal of a named meeting ("its 15th ministerial meeting")
        before = sentence.text[max(0, mention.start - sentence.start - 12) : mention.start - sentence.start]
        name = " ".join(name_after(sentence.text, mention.end - sentence.start))
        return bool(re.search(r"\brank(?:ed|s|ing)?\s+$", before, re.IGNORECASE) or _MEETING.search(name))
    if mention.currency or mention.kind == "percent":
        return True
    if mention.kind == "duration" or mention.text.lower() in ("one", "a single"):
        return False  # how long; "one question", "one date needs fixing"
    return not (mention.noun and mention.noun[-1] in _NOT_COUNTED)
