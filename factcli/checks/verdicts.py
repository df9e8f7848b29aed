"""From the facts a number is bound to, its verdict: supported, contradicted (only with proof), or unverified.

Qualifiers on both sides are intervals. *Supported*: every value the fact
allows is one the writer allows ("more than 1,000" given 1,949). *Contradicted*:
none is ("fewer than 900" given "over 900"). *Unverified*: some are ("exactly
160" given "over 150").

A false accusation is the worst error a checker can make: it tells a writer to
replace a right figure with a wrong one. So *contradicted* needs proof, and
anything less is *unverified*, with the reason: what the number counts, its
time and its entity all certain for one fact (binding.py's parts), that fact
ahead of every other candidate by ``MARGIN``, the same unit and currency, a
figure of the fact's order of magnitude (a writer's slip is a digit, not a
thousandfold). Numbers that are the writer's own (a sum, a share, a rate) are
mentions.py's to leave out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from factcli.checks import likeness, spans, voice
from factcli.checks.binding import Bound
from factcli.checks.profiles import Profile
from factcli.reading.mention import Mention
from factcli.reading.nouns import counts
from factcli.reading.words import counted, stem

Verdict = Literal["supported", "contradicted", "unverified", "not-found"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "unverified", "not-found")

#: Candidates this close to the best are weighed together: if one bears the writer out, the writer is right
#: (the store may hold one figure at two precisions or for two overlapping periods).
NEAR = 1.5
#: A contradiction needs its fact this far ahead of every other candidate.
MARGIN = 2.0
#: ... and this much binding at all (a date has no noun to bind by).
CONTRADICT = 5.0
CONTRADICT_DATE = 4.0
#: What must be certain for a contradiction, by the kind of number.
PROOF = {
    "amount": frozenset({"what", "when", "who"}),
    "percent": frozenset({"what", "when", "who"}),
    "duration": frozenset({"what", "when", "who"}),
    "ordinal": frozenset({"what", "who"}),
    "date": frozenset({"event", "who"}),
}
#: A wrong figure is a slip of a digit or a word, within this factor of the right one; further off, the number
#: is more likely about something else.
MAGNITUDE = 3.0
#: A count of a generic thing (countries) is refuted only by a fact whose other words the sentence shares this
#: much of (binding.words_part): "countries" alone says nothing of which countries.
GENERIC_WORDS = 1.0
#: A wrong date is a slip of a month or a year or two; a date further from the fact's is more likely another
#: event's ("the forum's first meeting in 1994" is no date of what the forum adopted in 2007).
DATE_SLIP = 3
#: A round figure ("some 90", "nearly 150") is wrong within this factor of the fact's; further off, it more likely
#: rounds another figure than misstates this one.
ROUGH = 2.0
_PLAIN_WORDS = {"certain": "certain", "what": "what it counts", "when": "its time", "who": "who it is about"}


def decide(
    mention: Mention, ranked: Sequence[Bound], sentence: str, at: int, untimed: Callable[[], Sequence[Bound]]
) -> tuple[Verdict, Bound, str] | None:
    """The verdict over the facts bound to ``mention`` (best first), and why a contradiction is not proven
    (empty when it is, or when the verdict is no contradiction); None when no fact is clearly enough about it.
    ``at`` is where the sentence starts in the file (mentions are placed in the file); ``untimed`` gives the
    facts bound as if the sentence gave no date, for a contradiction's last test."""
    best = ranked[0]
    for bound in (b for b in ranked if b.score >= best.score - NEAR):
        if relation(mention, bound.profile) == "supported" and _counts_it(mention, bound):
            return "supported", bound, ""
    ranked = _preferred(mention, ranked)
    best = ranked[0]
    if best.score < (CONTRADICT_DATE if mention.kind == "date" else CONTRADICT):
        return None
    verdict = relation(mention, best.profile)
    if verdict != "contradicted":
        return verdict, best, ""
    doubt = unproven(mention, ranked, sentence, at) or _elsewhere(mention, ranked, untimed)
    return ("unverified", best, doubt) if doubt else ("contradicted", best, "")


def _preferred(mention: Mention, ranked: Sequence[Bound]) -> Sequence[Bound]:
    """The bound facts, the one a contradiction would stand on first: among those about as likely as the best,
    one sure of what it counts, then one dated as the number is, then one of the number's order."""
    best = ranked[0]
    proof = PROOF.get(mention.kind, PROOF["amount"])
    if "what" in proof - best.certain:
        # "35 military observers": the count of observers on duty, sure of what it counts, before the count of
        # observers and staff officers sent that scores a little higher but is unsure of it
        sure = next((b for b in ranked if b.score >= best.score - NEAR and proof <= b.certain), best)
        ranked, best = [sure, *(b for b in ranked if b is not sure)], sure
    if mention.kind != "date" and "dated" not in best.certain:
        # "Operations joined, 1990–2008 | 17": the count for 1990-2008, dated as the number is, before the count
        # to 2002 that overlaps it and scores a little higher by the passage before
        dated = next((b for b in ranked if b.score >= best.score - NEAR and proof | {"dated"} <= b.certain), best)
        ranked, best = [dated, *(b for b in ranked if b is not dated)], dated
    if mention.kind in ("amount", "percent") and not _same_order(mention, best.profile):
        best, ranked = _of_the_same_order(mention, best, ranked)
    return ranked


def _elsewhere(mention: Mention, ranked: Sequence[Bound], untimed: Callable[[], Sequence[Bound]]) -> str:
    """Why the best fact may not be the number's after all: the sentence's date ruled out a fact that bears it
    out, or the clause names something another fact has."""
    best = ranked[0]
    if "dated" not in best.certain and "timed" in best.certain:  # the sentence's date ruled out …
        doubt = _another_time(mention, best, untimed())
        if doubt:
            return doubt
    if best.missing:
        needed = PROOF.get(mention.kind, PROOF["amount"]) - {"when"}
        return _named_elsewhere(best, [b for b in [*ranked[1:], *untimed()] if needed <= b.certain])
    return ""


def _of_the_same_order(mention: Mention, best: Bound, ranked: Sequence[Bound]) -> tuple[Bound, Sequence[Bound]]:
    """A fact about as likely, as sure of what it is about, of the number's order of magnitude, and whose words
    of the number's clause take in the best's: "35 military observers were serving" is the count of 53 serving,
    not of the more than 650 sent, though that scores a little higher ("had sent 198 police" keeps to the count
    of those sent: the count on duty lacks "sent")."""
    proof = PROOF.get(mention.kind, PROOF["amount"])
    for bound in ranked:
        near = bound.score >= best.score - NEAR and proof <= bound.certain
        if near and _same_order(mention, bound.profile) and best.own_words <= bound.own_words:
            return bound, [bound, *(b for b in ranked if b is not bound)]
    return best, ranked


def _generic(mention: Mention) -> bool:
    """The number counts a generic thing (countries, states, partners): what they did must tell the facts apart."""
    return bool(mention.noun) and bool(counted(stem(mention.noun[-1])) & likeness.GENERIC)


def _counts_it(mention: Mention, bound: Bound) -> bool:
    """A fact bears a number out only if it counts what the number counts, when the number says what that is
    ("over 170 countries" is not borne out by 11,063 personnel, whatever "over" allows)."""
    said = mention.kind in ("amount", "percent") and mention.noun and counts(mention.noun[-1])
    return bound.counts or not said


def unproven(mention: Mention, ranked: Sequence[Bound], sentence: str, at: int) -> str:
    """Why the best fact does not prove the writer wrong ('' when it does)."""
    best = ranked[0]
    missing = PROOF.get(mention.kind, PROOF["amount"]) - best.certain
    if missing == {"when"} and _wrong_at_every_time(mention, ranked):
        missing = frozenset()  # "fewer than 70" given more than 70 in 2002 and 98 in 2008: wrong whenever it holds
    if missing:
        return "not certainly about it: " + ", ".join(_PLAIN_WORDS.get(m, m) for m in sorted(missing)) + " unsure"
    open_rivals = [
        b.profile.fact.id for b in _rivals(mention, ranked) if relation(mention, b.profile) != "contradicted"
    ]
    if open_rivals:  # a reading about as likely under which the writer may be right
        return "another fact is about as likely and does not refute it: " + ", ".join(open_rivals[:2])
    before, after = sentence[: mention.start - at], sentence[mention.start - at :]
    return voice.not_the_writers(mention, before, after, best.profile.fact.claim) or _far_off(mention, best)


def _rivals(mention: Mention, ranked: Sequence[Bound]) -> list[Bound]:
    """The other facts about as likely as the best, and as much about the number: readings that may bear it out."""
    best = ranked[0]
    needed = PROOF.get(mention.kind, PROOF["amount"]) - {"when"}
    rivals = [b for b in ranked[1:] if b.score > best.score - MARGIN and b.profile.fact.id != best.profile.fact.id]
    # a reading as certain of what it is about, or one the sentence's words are more about
    rivals = [b for b in rivals if needed <= b.certain or b.shared > best.shared]
    rivals = [b for b in rivals if _counts_it(mention, b)]  # "21 … institutions" is no count of partner countries
    if mention.kind == "date":  # "Malaysia (March 2015)": the floods of January 2015, not an exercise of 2015-17
        rivals = [b for b in rivals if not _vaguer(b, best)]
    if mention.kind in ("amount", "percent"):  # "nearly 11,000" is no rounding of "more than 650"
        rivals = [b for b in rivals if _same_order(mention, b.profile)]
    return rivals


def _far_off(mention: Mention, best: Bound) -> str:
    """Why the number is too far from the best fact's figure or date to be a slip of it ('' when it is not)."""
    if mention.kind in ("amount", "percent") and not _same_order(mention, best.profile):
        return "another order of magnitude"
    if _generic(mention) and best.shared < GENERIC_WORDS:  # "officers from 31 countries" and a count of
        return "it shares little but what it counts with the fact"  # countries with attaché offices
    if mention.kind == "date" and spans.years_apart(mention, best.profile) > DATE_SLIP:
        return "years from the fact's date: more likely another event"
    if mention.qualifier in ("approx", "below") and _gap(mention, best.profile) > ROUGH and not _slipped(mention, best):
        return "a round figure far from the fact's"
    return ""


def _wrong_at_every_time(mention: Mention, ranked: Sequence[Bound]) -> bool:
    """Every fact of the best fact's metric is bound to the number, and each refutes it."""
    best = ranked[0].profile
    if best.fact.metric is None or not best.others:
        return False
    same = [b for b in ranked if b.profile.fact.metric == best.fact.metric]
    return len(same) == len(best.others) + 1 and all(relation(mention, b.profile) == "contradicted" for b in same)


def _another_time(mention: Mention, best: Bound, untimed: Sequence[Bound]) -> str:
    """A fact the sentence's date ruled out that would bear the number out, and is about it as certainly as
    the best: the date may be the writer's mistake ("Peace-2007 in May 2007, with seven other countries")."""
    needed = PROOF.get(mention.kind, PROOF["amount"]) - {"when"}
    ours = next((b.score for b in untimed if b.profile.fact.id == best.profile.fact.id), best.score)
    for bound in untimed:
        later = bound.profile.fact.id != best.profile.fact.id and bound.score > ours - MARGIN
        if later and needed <= bound.certain and relation(mention, bound.profile) != "contradicted":
            return f"{bound.profile.fact.id} bears it out for {bound.profile.fact.when}: is the date right?"
    return ""


def named_meeting(mention: Mention, best: Bound, untimed: Sequence[Bound]) -> Bound | None:
    """The meeting an ordinal names when the sentence's date is set aside: of the same series (what it counts
    and who, certain), about as likely as the one the date chose, and this very ordinal."""
    ours = next((b.score for b in untimed if b.profile.fact.id == best.profile.fact.id), best.score)
    for bound in untimed:
        sure = PROOF["ordinal"] <= bound.certain and bound.score > ours - MARGIN
        if sure and bound.profile.fact.id != best.profile.fact.id and relation(mention, bound.profile) == "supported":
            return bound
    return None


def _named_elsewhere(best: Bound, others: Sequence[Bound]) -> str:
    """The number's clause names something the best fact lacks and another fact has ("Peace-2007 … seven other
    countries" bound to another exercise's count): the other may be what the number is about."""
    for bound in others:
        shared = best.missing & bound.profile.words
        # and it lacks no more of the clause's names ("the Southeast Asia Nuclear-Weapon-Free Zone Treaty" is not
        # named by an extradition treaty's count, which has "treaty" alone)
        if shared and bound.profile.fact.id != best.profile.fact.id and len(bound.missing) <= len(best.missing):
            return f"the sentence names {', '.join(sorted(shared))}, as {bound.profile.fact.id} does"
    return ""


def relation(mention: Mention, p: Profile) -> Verdict:
    """What the fact makes of the number: supported, contradicted or unverified. The same figure in another
    currency is wrong (US$20 million for A$20 million); another figure in another currency is not comparable."""
    if mention.kind == "date":
        return spans.date_relation(mention, p)
    if mention.currency is not None and not _same_money(mention, p):
        same_figure = mention.low <= p.low and p.high <= mention.high
        return "contradicted" if same_figure else "unverified"
    if mention.low <= p.low and p.high <= mention.high:
        return "supported"
    if mention.high < p.low or p.high < mention.low:
        return "contradicted"
    return "unverified"


def _same_money(mention: Mention, p: Profile) -> bool:
    """The writer's currency is the fact's, or one of them names no country ('$')."""
    ours, theirs = likeness.writers_currency(mention), likeness.currency_of(p.fact)
    return ours == theirs or "$" in (ours, theirs) or theirs is None


def _gap(mention: Mention, p: Profile) -> float:
    """How far apart the writer's values and the fact's are, as the ratio of their nearest ends (1: they meet)."""
    near_ours = min(max(p.low, mention.low), mention.high)
    near_theirs = min(max(near_ours, p.low), p.high)
    if near_ours <= 0 or near_theirs <= 0 or near_ours != near_ours or near_theirs != near_theirs:
        return 1.0
    return max(near_ours, near_theirs) / min(near_ours, near_theirs)


def _same_order(mention: Mention, p: Profile, within: float = MAGNITUDE) -> bool:
    ours = mention.value if mention.value is not None else mention.low
    theirs = p.fact.value
    if not theirs or not ours or ours != ours:  # NaN
        return True
    ratio = abs(float(ours) / float(theirs))
    return 1 / within <= ratio <= within or _zeros_slipped(ratio) or _transposed(float(ours), float(theirs))


def _vaguer(rival: Bound, best: Bound) -> bool:
    """A rival date that spans a year or more, against a best of a month or a day, and shares no word of the
    number's clause the best does not: no reading of a month the writer names."""
    (first, last), (rival_first, rival_last) = best.profile.span, rival.profile.span
    return (last - first).days <= 31 < 365 <= (rival_last - rival_first).days and rival.own_words <= best.own_words


def _transposed(ours: float, theirs: float) -> bool:
    """The writer's figure has the fact's digits in another order ("51" for 15, "257" for 275): a slip of the pen."""
    a, b = f"{ours:g}", f"{theirs:g}"
    return a != b and len(a) == len(b) and sorted(a) == sorted(b)


def _slipped(mention: Mention, bound: Bound) -> bool:
    theirs = bound.profile.fact.value
    return bool(mention.value and theirs) and _zeros_slipped(float(mention.value or 0) / float(theirs or 1))


def _zeros_slipped(ratio: float) -> bool:
    """The writer's figure is the fact's with a zero dropped or added ("some 400" for some 4,000): a slip of the
    pen, not another figure, for all the thousandfold it is off."""
    return any(abs(ratio - 10.0**k) < 1e-9 * 10.0**k for k in (-3, -2, -1, 1, 2, 3))
