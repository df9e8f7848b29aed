"""check-draft: every number in a draft bound to the fact it is about, and judged against it.

A number is judged against a fact only when its sentence is about the same
thing and the same time. *What*: the words right after the number (its
noun: "engineering troops") against what the fact counts (its unit, metric
and the words after its value in claim and quote), the entities the sentence
names (aliases included), nearest first, and the words the sentence, its
heading and the sentence before share with the fact. *When*: a date or
period in the sentence (else in the sentence before, else the heading) must
overlap the fact's. The score that binds them is reported with the verdict.

Qualifiers on both sides are intervals. *Supported*: every value the fact
allows is one the writer allows ("more than 1,000" given 1,949). *Contradicted*:
none is ("fewer than 900" given "over 900"). *Unverified*: some are ("exactly
160" given "over 150"). *Not found*: no fact is about it. Numbers that are not
claims (list and section numbers, years that only say when, shares the writer
worked out, numbers inside names) get no verdict at all.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factcli.checks import mentions, prose
from factcli.checks.mentions import Mention
from factcli.text import dates
from factcli.text.fold import fold

if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact
    from factcli.store.vocab import Vocabulary

Verdict = Literal["supported", "contradicted", "unverified", "not-found"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "unverified", "not-found")

#: A fact scoring this much is about what the sentence says; below it, it is about something else.
BIND = 4.0
#: A fact must be this clearly about the same thing for a different figure to contradict the writer.
CONTRADICT = 5.5
#: Candidates this close to the best are weighed together: if one bears the writer out, the writer is right.
NEAR = 1.5

_STOP = frozenset(
    "a about above after again all also an and any are as at be been before being between both but by can did do "
    "does during each for from had has have having he her here his how if in into is it its just more most no nor "
    "not now of off on once only or other our out over own same she should so some such than that the their them "
    "then there these they this those through to too under until up very was we were what when where which while "
    "who whom why will with would you your since end per year years total number nearly almost around roughly least "
    "fewer less china chinese china's paper white figure figures".split()
)
_SUFFIXES = ("ings", "ing", "ers", "ies", "es", "ed", "er", "s")
_EVENT_VERB = re.compile(
    r"\b(?:held|hold|opened|open|began|begin|started|signed|adopted|launched|established|founded|concluded|"
    r"took place|took|was in|were in|met|convened|hosted|joined|set up|submitted|acceded|ratified|created|"
    r"inaugurated)\b",
    re.IGNORECASE,
)
_EVENT_NOUN = re.compile(
    r"\b(?:meeting|summit|symposium|round|exercise|conference|session|forum|workshop|seminar|dialogue|consultation|"
    r"drill|voyage|visit|exchange|talks|anniversary)s?\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[;:]|,\s*(?:while|and|but|whereas)\b|\bwhile\b")
_CURRENCIES = {"aud": "A$", "usd": "US$", "cny": "RMB", "rmb": "RMB", "yuan": "RMB", "eur": "€"}


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


def check(index: Index, text: str, *, markdown: bool = True) -> list[Finding]:
    """Findings for every number of the draft's prose that is a claim, in reading order."""
    lines = prose.Lines(text)
    facts = _Facts(index)
    out: list[Finding] = []
    for sentence in prose.sentences(text, markdown=markdown):
        found = mentions.find(sentence.text, sentence.start)
        if not found:
            continue
        context = _Context(index.vocab, sentence, found)
        candidates = facts.for_sentence(context, found)
        bound_amounts = False
        for mention in found:
            if mention.kind == "date":
                continue
            finding = _judge_amount(mention, context, candidates, facts)
            if finding is not None:
                verdict, fact, score, reason = finding
                bound_amounts = bound_amounts or fact is not None
                line, col = lines.at(mention.start)
                out.append(Finding(line, col, mention.text, verdict, sentence.text, fact, score, reason))
        for mention in found:
            if mention.kind != "date":
                continue
            finding = _judge_date(mention, context, candidates, facts, bound_amounts)
            if finding is not None:
                verdict, fact, score, reason = finding
                line, col = lines.at(mention.start)
                out.append(Finding(line, col, mention.text, verdict, sentence.text, fact, score, reason))
    return sorted(out, key=lambda f: (f.line, f.column))


# -- what a sentence is about --------------------------------------------------------------------------------


def stem(word: str) -> str:
    word = word.lower().strip("'’")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content(text: str) -> set[str]:
    """The stems of the words that say what a text is about."""
    return {stem(w) for w in re.findall(r"[^\W\d_]+", fold(text)) if w not in _STOP and len(w) > 1}


class _Context:
    """What a sentence is about and when: its words, the entities it names, its time."""

    def __init__(self, vocab: Vocabulary, sentence: prose.Sentence, found: Sequence[Mention]) -> None:
        self.sentence = sentence
        self.words = content(sentence.text)
        self.around = content(f"{sentence.heading} {sentence.before}") - self.words
        self.entities = _entities(vocab, sentence.text, sentence.start)
        self.entities_around = {name for name, _ in _entities(vocab, f"{sentence.heading} {sentence.before}", 0)}
        own = [m for m in found if m.kind == "date" and m.span is not None]
        self.times = own or [m for m in mentions.find(sentence.before) + mentions.find(sentence.heading) if m.span]

    def nearest_entity(self, offset: int) -> str | None:
        """The entity named last before ``offset`` in the same clause."""
        start = self.sentence.start
        clause_start = max((m.end() for m in _CLAUSE.finditer(self.sentence.text[: offset - start])), default=0)
        named = [name for name, at in self.entities if start + clause_start <= at < offset]
        return named[-1] if named else None


def _entities(vocab: Vocabulary, text: str, offset: int) -> list[tuple[str, int]]:
    """(canonical name, offset) of every entity ``text`` names by a name or alias."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()
    found = []
    for alias, name in vocab.aliases.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", folded):
            found.append((name, offset + m.start()))
    return sorted(found, key=lambda x: x[1])


# -- what a fact is about --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Profile:
    fact: Fact
    words: frozenset[str]
    nouns: frozenset[str]
    entities: frozenset[str]
    span: tuple[dt.date, dt.date]
    low: float
    high: float


class _Facts:
    """Candidate facts for each sentence, from the index, profiled once."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.profiles: dict[str, _Profile] = {}

    def for_sentence(self, context: _Context, found: Sequence[Mention]) -> list[_Profile]:
        values = {m.value for m in found if m.value is not None} | {m.low for m in found if m.kind == "ordinal"}
        words = [*context.words, *context.around, *(w for name, _ in context.entities for w in name.split())]
        hits = self.index.candidates(words, sorted(v for v in values if math.isfinite(v)))
        return [self.profile(fact) for fact in hits]

    def profile(self, fact: Fact) -> _Profile:
        cached = self.profiles.get(fact.id)
        if cached is not None:
            return cached
        vocab = self.index.vocab
        metric = vocab.metrics.get(fact.metric) if fact.metric else None
        aliases = [a for e in fact.entities if e in vocab.entities for a in vocab.entities[e].aliases]
        about = " ".join([fact.claim, *fact.tags, *fact.entities, *aliases, fact.id.replace("-", " ")])
        words = content(about) | (content(" ".join([metric.key.replace("-", " "), *metric.aliases])) if metric else set())
        nouns = content(fact.unit or "") | (content(metric.key.replace("-", " ")) if metric else set())
        for text in (fact.claim, *(c.quote for c in fact.citations)):
            at = text.find(fact.value_text)
            if at >= 0:
                nouns |= content(" ".join(text[at + len(fact.value_text) :].split()[:3]))
        period = fact.period
        span = dates.span_of(fact.date, period.start if period else None, period.end if period else None)
        low, high = _fact_interval(fact)
        profile = _Profile(fact, frozenset(words), frozenset(nouns - _STOP), frozenset(fact.entities), span, low, high)
        self.profiles[fact.id] = profile
        return profile


def _fact_interval(fact: Fact) -> tuple[float, float]:
    if fact.value is None:
        return -math.inf, math.inf
    v = float(fact.value)
    return {
        "exact": (v, v),
        "approx": (v * 0.95, v * 1.05),
        "more_than": (math.nextafter(v, math.inf), math.inf),
        "at_least": (v, math.inf),
        "less_than": (-math.inf, math.nextafter(v, -math.inf)),
        "at_most": (-math.inf, v),
    }[fact.qualifier]


# -- binding and judging -------------------------------------------------------------------------------------


def _score(mention: Mention, context: _Context, p: _Profile) -> tuple[float, list[str]] | None:
    """How clearly ``p`` is what the number is about, and the reasons; None when it cannot be (time, kind)."""
    fact = p.fact
    if (mention.kind == "ordinal") != (fact.unit == "ordinal") or fact.value is None:
        return None
    if (mention.kind == "percent") != (fact.unit in ("percent", "%")):
        return None
    if context.times and not any(_overlap(t.span, p.span, since=t.since) for t in context.times if t.span):
        return None
    score, reasons = 0.0, []
    noun = {stem(w) for w in mention.noun} - _STOP
    if noun & p.nouns:
        score += 3.0
        reasons.append(f"counts {' '.join(mention.noun)}")
    named = {name for name, _ in context.entities}
    shared = named & p.entities
    if shared:
        score += 1.5 * len(shared)
        reasons.append("names " + ", ".join(sorted(shared)))
    nearest = context.nearest_entity(mention.start)
    if nearest is not None:
        if nearest in p.entities:
            score += 2.0
        elif p.entities and _same_kind(nearest, p.entities, context):
            score -= 3.0  # the clause is about another mission or country
    elif p.entities and context.entities_around & p.entities and not named:
        score += 1.0
    words = context.words & p.words
    score += min(3.0, 0.5 * len(words))
    around = context.around & p.words
    score += min(1.5, 0.25 * len(around))
    if words:
        reasons.append("shares " + ", ".join(sorted(words)[:4]))
    if context.times:
        score += 0.5
        reasons.append("same time")
    return score, reasons


def _same_kind(name: str, entities: Iterable[str], context: _Context) -> bool:
    """True when the clause's entity is not the fact's but is the same sort of thing (any named entity)."""
    return name not in entities


def _overlap(writer: tuple[dt.date, dt.date] | None, fact: tuple[dt.date, dt.date], *, since: bool = False) -> bool:
    if writer is None:
        return True
    first, last = writer
    if since:
        last = dt.date.max
    return first <= fact[1] and fact[0] <= last


def _relation(low: float, high: float, fact_low: float, fact_high: float) -> Verdict:
    if low <= fact_low and fact_high <= high:
        return "supported"
    if high < fact_low or fact_high < low:
        return "contradicted"
    return "unverified"


def _judge_amount(
    mention: Mention, context: _Context, candidates: Sequence[_Profile], facts: _Facts
) -> tuple[Verdict, Fact | None, float, str] | None:
    if mention.derived or mention.kind == "fraction":
        return None  # a share or ratio the writer worked out
    scored = []
    for p in candidates:
        result = _score(mention, context, p)
        if result is not None:
            scored.append((result[0], p, result[1]))
    scored.sort(key=lambda s: -s[0])
    bound = [s for s in scored if s[0] >= BIND]
    if bound:
        best = bound[0][0]
        for score, p, reasons in bound:
            if score >= best - NEAR and _relation(mention.low, mention.high, p.low, p.high) == "supported":
                if _currency_mismatch(mention, p.fact):
                    continue
                return "supported", p.fact, score, "; ".join(reasons)
        score, p, reasons = bound[0]
        if score >= CONTRADICT:
            verdict = _relation(mention.low, mention.high, p.low, p.high)
            if _currency_mismatch(mention, p.fact):
                verdict = "contradicted"
                reasons = [*reasons, f"the store's figure is in {p.fact.unit}"]
            return verdict, p.fact, score, "; ".join(reasons)
    if not _claim_like(mention):
        return None
    return "not-found", None, 0.0, "no fact in the store is about this"


def _currency_mismatch(mention: Mention, fact: Fact) -> bool:
    if mention.currency is None or fact.unit is None:
        return False
    theirs = _CURRENCIES.get(fact.unit.lower())
    ours = mention.currency.upper().replace("AU$", "A$")
    if ours == "$":
        return False  # a bare $ names no country
    return theirs is not None and ours != theirs


def _claim_like(mention: Mention) -> bool:
    """A number a reader would check: it counts a noun, or is money or a share of something named."""
    if mention.kind == "ordinal":
        return False  # an ordinal no fact counts ("the first of these", "the third") points back
    if mention.currency or mention.kind == "percent":
        return True
    return bool(mention.noun) and mentions._plural(mention.noun[-1])


def _judge_date(
    mention: Mention, context: _Context, candidates: Sequence[_Profile], facts: _Facts, bound_amounts: bool
) -> tuple[Verdict, Fact | None, float, str] | None:
    """A date is judged only where it says when an event happened; elsewhere it gives a figure its time."""
    sentence = context.sentence.text
    local = sentence[max(0, mention.start - context.sentence.start - 60) : mention.end - context.sentence.start + 5]
    if bound_amounts and not _EVENT_VERB.search(local):
        return None
    scored = []
    for p in candidates:
        if p.fact.kind != "event":
            continue
        words = context.words & p.words
        named = {name for name, _ in context.entities} & p.entities
        score = min(4.0, 0.6 * len(words)) + 1.5 * len(named) + min(1.0, 0.25 * len(context.around & p.words))
        scored.append((score, p, words, named))
    scored.sort(key=lambda s: -s[0])
    if scored and scored[0][0] >= BIND:
        best = scored[0][0]
        assert mention.span is not None
        for score, p, words, named in scored:
            if score >= best - NEAR and _date_relation(mention, p) == "supported":
                return "supported", p.fact, score, _why(words, named)
        score, p, words, named = scored[0]
        if score >= CONTRADICT:
            return _date_relation(mention, p), p.fact, score, _why(words, named)
    if _EVENT_VERB.search(local) and not bound_amounts:
        return "not-found", None, 0.0, "no fact in the store dates this"
    return None


def _date_relation(mention: Mention, p: _Profile) -> Verdict:
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


def _why(words: set[str], named: set[str]) -> str:
    parts = []
    if named:
        parts.append("names " + ", ".join(sorted(named)))
    if words:
        parts.append("shares " + ", ".join(sorted(words)[:4]))
    return "; ".join(parts)
