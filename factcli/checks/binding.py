"""Which fact a number in a draft is about: a score made of reasons a writer can read.

A number is bound to a fact by *what* and *when*. What: the words right after
the number (what it counts: "engineering troops") against the words that
follow the fact's value in its claim and quote; the entities named in the
number's clause (aliases included) against the fact's; and the words the
clause, the rest of the sentence and its context (heading, sentence before)
share with the fact, each word weighted by how few of the competing facts
have it. When: a date in the clause (else the sentence, else its context)
must overlap the fact's date or period, and a match at the same precision
counts for more. A fact bound in the sentence before counts a little more
again: writers go on about the same thing ("That is nearly 2,000 …").
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from factcli.checks import mentions, prose
from factcli.checks.mentions import Mention
from factcli.text import dates
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact
    from factcli.store.vocab import Vocabulary

_STOP = frozenset(
    "a about above after again all also an and any are as at be been before being between both but by can did do "
    "does during each for from had has have having he her here his how if in into is it its just more most no nor "
    "not now of off on once only or other our out over own same she should so some such than that the their them "
    "then there these they this those through to too under until up very was we were what when where which while "
    "who whom why will with would you your since end per year years total number nearly almost around roughly least "
    "fewer less china chinese china's paper white figure figures says said say put gives give time times "
    # months are when, not what: a date is compared as a date, never as a shared word
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Where one clause of a sentence ends and another, about something else, may begin.
_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\s(?:while|whereas)\b|\s[–—]\s|\sand\s+(?=(?:a|an|the)\s)")
_CURRENCY_UNITS = {"aud": "A$", "usd": "US$", "cny": "RMB", "rmb": "RMB", "yuan": "RMB", "eur": "€", "dollars": "$"}


_DURATION_UNITS = frozenset("year years month months week weeks day days decade decades".split())


@functools.cache
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: 'engineers' meets 'engineering', 'transport' meets 'transportation'."""
    return _stemmer().stemWord(word.lower().strip("'’"))


@functools.cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


#: Words for the same counted thing: a writer's "soldiers" are the paper's "troops", "policemen" its "police".
_SAME_COUNT = (
    "personnel troop soldier servicemen men peacekeep",
    "polic policemen policeman",
    "countri nation state partner",
    "medic medical",
    "ship vessel",
    "engin engineer",
    "transport transportation",
)


@functools.cache
def _counted(word: str) -> frozenset[str]:
    """``word`` and the stems of the words that count the same thing."""
    for group in _SAME_COUNT:
        stems = {stem(w) for w in group.split()}
        if word in stems:
            return frozenset(stems)
    return frozenset({word})


#: Words that say the same of an event or a force, by their stems: "began" is "started", "naval" is "navy".
_SAME_WORD = {
    "began": "start", "begin": "start", "begun": "start", "launch": "start", "commenc": "start", "open": "start",
    "naval": "navi", "set": "establish", "creat": "establish", "met": "meet",
    "troop": "personnel", "soldier": "personnel",
}  # fmt: skip


_IN_CHINA = re.compile(r"\b(?:in|to|into)\s+(?:china|beijing)\b")


def content(text: str) -> set[str]:
    """The stems of the words that say what a text is about ('MH370' is a word; '2007' is not)."""
    folded = _IN_CHINA.sub(" inchina ", fold(text))  # "attachés in Beijing" are "in China", not abroad
    words = re.findall(r"[^\W_]*[^\W\d_][^\W_]*", folded)
    stems = (stem(w) for w in words if w not in _STOP and len(w) > 1)
    return {_SAME_WORD.get(s, s) for s in stems}


@dataclass(frozen=True, slots=True)
class Profile:
    """What a fact is about, read once: its words, what its value counts, its entities and time."""

    fact: Fact
    words: frozenset[str]
    nouns: frozenset[str]
    #: What the value counts, by its last word: {"policemen", "police", …} for "15 policemen".
    heads: frozenset[str]
    #: The passages it is quoted from: facts from one passage are about one event.
    passages: frozenset[str]
    entities: frozenset[str]
    span: tuple[dt.date, dt.date]
    low: float
    high: float

    @property
    def is_event(self) -> bool:
        return self.fact.kind == "event"


@dataclass(frozen=True, slots=True)
class Bound:
    """A fact a mention may be about, how strongly, and why."""

    profile: Profile
    score: float
    reasons: tuple[str, ...]


class Sentence:
    """A sentence of the draft with what it is about: clauses, words, entities, dates."""

    def __init__(self, names: Names, sentence: prose.Sentence, found: Sequence[Mention]) -> None:
        self.start = sentence.start
        self.text = sentence.text
        self.heading = sentence.heading
        self.cells = sentence.cells
        self.clauses = _clauses(sentence.text)
        self.words = content(sentence.text)
        self.around = content(f"{sentence.heading} {sentence.before}") - self.words
        self.entities = names.find(sentence.text, sentence.start)
        self.topics = names.topics(sentence.text)
        self.entities_around = {name for name, _ in names.find(f"{sentence.heading} {sentence.before}", 0)}
        self.dates = [m for m in found if m.kind == "date" and m.span is not None]
        self.ordinals = [m for m in found if m.kind == "ordinal"]
        #: The dates of the draft's title, when nothing nearer says when.
        self.title_dates: list[Mention] = []
        follows_on = _FOLLOWS_ON.match(sentence.text.lstrip())
        self.context_dates = (_dates(sentence.before) if follows_on else []) or _dates(sentence.heading)
        #: Facts bound to numbers in the sentence before (under the same heading) and earlier in this one.
        self.previous: set[str] = set()
        #: The passages those facts are quoted from.
        self.passages: set[str] = set()

    def clause(self, mention: Mention) -> tuple[int, int]:
        """The offsets (in the file) of the clause ``mention`` stands in; a table row is one clause."""
        if self.cells:
            return self.start, self.start + len(self.text)
        at = mention.start - self.start
        first = max((end for start, end in self.clauses if end <= at), default=0)
        last = min((start for start, end in self.clauses if start >= at + len(mention.text)), default=len(self.text))
        return self.start + first, self.start + last

    def scope(self, mention: Mention) -> tuple[int, int]:
        """Where what ``mention`` is about is said: an ordinal's is the name it begins ("the Third
        China-Japan-ROK Tabletop Exercise on Disaster Management"), any other number's its clause."""
        if mention.kind == "date" and not self.cells:
            return self._date_scope(mention)
        if mention.kind != "ordinal" or self.cells:
            return self.clause(mention)
        at = mention.end - self.start
        pair = _PAIRED.match(self.text, at)  # "the seventh and eighth rounds of …"
        end = _NAME_END.search(self.text, pair.end() if pair else at)
        last = self.start + (end.start() if end else len(self.text))
        if not content(self.text[at : last - self.start]):  # "The Third Symposium …; the Fourth, in …"
            named = [o for o in self.ordinals if o.end <= mention.start and o.noun]
            if named:
                return self.scope(named[-1])[0], last
        return mention.start, last

    def _date_scope(self, mention: Mention) -> tuple[int, int]:
        """A date's event is named just before it ("Myanmar in July 2015", "the 14th ARF Ministerial Meeting
        in August 2007"), or after it when the date leads ("In March 2008 China hosted the First …")."""
        first, last = self.clause(mention)
        earlier = [d.end for d in self.dates if first <= d.end <= mention.start]
        later = [d.start for d in self.dates if mention.end <= d.start < last]
        begin = max(earlier, default=first)
        if len(content(self.text[begin - self.start : mention.start - self.start])) >= 2:
            return begin, mention.end
        return begin, min(later, default=last)

    def near(self, mention: Mention) -> set[str]:
        """The words right beside ``mention`` in its scope: "acceded to 10", "signed another one"."""
        first, last = self.scope(mention)
        before = self.text[first - self.start : mention.start - self.start].split()[-4:]
        after = self.text[mention.end - self.start : last - self.start].split()[:4]
        return content(" ".join(before + after))

    def words_before(self, mention: Mention) -> set[str]:
        """The words of the clause before ``mention``: "the police contribution began with 15 officers"."""
        first, _ = self.scope(mention)
        return content(self.text[first - self.start : mention.start - self.start])

    def column(self, mention: Mention) -> str:
        """The heading of the table column ``mention`` stands in ('' outside tables)."""
        return next((name for start, end, name in self.cells if start <= mention.start < end), "")

    def subjects(self, mention: Mention) -> set[str]:
        """The entities the clause of ``mention`` is about: those it names, else the nearest clause before's."""
        first, last = self.scope(mention)
        named = {name for name, at in self.entities if first <= at < last}
        if named or self.cells or mention.kind == "ordinal":
            return named
        earlier = [(at, name) for name, at in self.entities if at < first]
        if not earlier or re.search(r"\sand\s+$", self.text[: first - self.start]):
            return set()  # "… and a Japanese submarine rescue exercise": a new thing, not the one before
        boundary = max((self.start + end for start, end in self.clauses if self.start + end <= earlier[-1][0]), default=0)
        return {name for at, name in earlier if at >= boundary}

    def times(self, mention: Mention) -> list[Mention]:
        """The dates that say when ``mention`` holds: its clause's, else its sentence's, else its context's,
        else the draft's title's ("… at the end of 2008")."""
        first, last = self.clause(mention)
        own = [d for d in self.dates if d is not mention and first <= d.start < last]
        return own or [d for d in self.dates if d is not mention] or self.context_dates or self.title_dates


#: Where the name an ordinal begins ends: "the Fourth Joint Committee Meeting on Marine Cooperation, …".
_NAME_END = re.compile(r"[,;.:()]|\s(?:and|with|in|at|was|were|is|had|has|which|that|where|when|by)\s")


_PAIRED = re.compile(r"\s+(?:and|or|to|&)\s+[A-Za-z0-9]+(?:st|nd|rd|th)\b", re.IGNORECASE)


#: A sentence that goes on about the one before, and so takes its time: "That is nearly 2,000 …", "Of these, 88 …".
_FOLLOWS_ON = re.compile(
    r"(?:that|this|these|those|it|they|its|their|of these|of them|then|by then|at that (?:point|time)|at the time|"
    r"the same|there|another|the rest|still|also|and|but)\b",
    re.IGNORECASE,
)


def title_dates(title: str) -> list[Mention]:
    """The dates a draft's title gives ('China's joint exercises, 2007–08')."""
    return _dates(title)


def _dates(text: str) -> list[Mention]:
    return [m for m in mentions.find(text) if m.kind == "date" and m.span is not None]


def _clauses(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]


class Names:
    """Every entity name and alias of the store, found in text with one regular expression."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.topic_names = {
            key: re.compile("|".join(rf"\b{_spaced(name)}\b" for name in (key, topic.title)))
            for key, topic in vocab.topics.items()
        }
        self.topic_words = {key: content(f"{key.replace('-', ' ')} {topic.title}") for key, topic in vocab.topics.items()}
        aliases = sorted(vocab.aliases, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?![\w$])" if aliases else r"(?!)"
        )

    def find(self, text: str, offset: int) -> list[tuple[str, int]]:
        """(canonical name, offset) of each entity ``text`` names."""
        folded = fold(text)
        if len(folded) != len(text):
            folded = text.lower()
        return [(self.vocab.aliases[m.group()], offset + m.start()) for m in self.pattern.finditer(folded)]

    def topics(self, text: str) -> set[str]:
        """The topics ``text`` names by key or title ("counter-terrorism", "disaster relief")."""
        folded = fold(text)
        return {key for key, pattern in self.topic_names.items() if pattern.search(folded)}

    def kind(self, name: str) -> str:
        entity = self.vocab.entities.get(name)
        return entity.kind if entity else "other"


def _spaced(name: str) -> str:
    """A name as a pattern where a hyphen and a space are the same ('counter-terrorism', 'counter terrorism')."""
    return r"[-\s]?".join(map(re.escape, re.split(r"[-\s]+", fold(name))))


class Profiles:
    """Candidate facts for each sentence, asked of the index, and profiled once each."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.names = Names(index.vocab)
        self.cache: dict[str, Profile] = {}

    def for_sentence(self, sentence: Sentence, found: Sequence[Mention]) -> list[Profile]:
        """The facts sharing most words with the sentence, those with its values, and those bound before it."""
        values = {m.value for m in found if m.value is not None} | {m.low for m in found if m.kind == "ordinal"}
        words = [*sentence.words, *sentence.around, *(w for name, _ in sentence.entities for w in name.split())]
        hits = self.index.candidates(words, sorted(v for v in values if math.isfinite(v)))
        profiles = {fact.id: self.profile(fact) for fact in hits}
        for fact_id in sentence.previous - profiles.keys():
            profiles[fact_id] = self.cache[fact_id]
        return list(profiles.values())

    def profile(self, fact: Fact) -> Profile:
        cached = self.cache.get(fact.id)
        if cached is not None:
            return cached
        vocab = self.index.vocab
        metric = vocab.metrics.get(fact.metric) if fact.metric else None
        aliases = [a for e in fact.entities if e in vocab.entities for a in vocab.entities[e].aliases]
        about = " ".join([fact.claim, *fact.tags, *fact.entities, *aliases, fact.id.replace("-", " ")])
        words = content(about)
        nouns = content(fact.unit or "")
        heads: set[str] = set()
        if metric is not None:
            words |= content(" ".join([metric.key.replace("-", " "), *metric.aliases]))
        for text in (fact.claim, *(c.quote for c in fact.citations)):
            at = text.find(fact.value_text)
            if at >= 0 and fact.unit == "ordinal":  # "the 14th ARF Ministerial Meeting": a name, by its last word
                name = name_after(text, at + len(fact.value_text))
                nouns |= content(" ".join(name))
                heads |= {stem(name[-1])} if name else set()
            elif at >= 0:
                counted = mentions.noun_after(text, at + len(fact.value_text))
                nouns |= content(" ".join(counted))
                heads |= _counted(stem(counted[-1])) if counted else set()
        period = fact.period
        span = dates.span_of(fact.date, period.start if period else None, period.end if period else None)
        low, high = interval(fact)
        passages = frozenset(f"{c.source}:{c.quote}" for c in fact.citations)
        profile = Profile(
            fact, frozenset(words), frozenset(nouns - _STOP), frozenset(heads - _STOP), passages,
            frozenset(fact.entities), span, low, high,
        )  # fmt: skip
        self.cache[fact.id] = profile
        return profile


def interval(fact: Fact) -> tuple[float, float]:
    """The values a fact allows: 'over 900' is every value above 900; 'some 4,000' within 5 %."""
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


def weights(candidates: Iterable[Profile]) -> dict[str, float]:
    """Each word's weight among the competing facts: a word all of them share tells them apart least."""
    counts: Counter[str] = Counter()
    total = 0
    for p in candidates:
        counts.update(p.words)
        total += 1
    top = math.log(total + 1)
    return {w: 0.25 + 0.75 * math.log((total + 1) / n) / top for w, n in counts.items()} if total else {}


def bind(mention: Mention, sentence: Sentence, p: Profile, weight: dict[str, float], names: Names) -> Bound | None:
    """How clearly ``p`` is what ``mention`` is about; None when it cannot be (another kind, another time)."""
    if not _same_kind(mention, p.fact):
        return None
    score, reasons = 0.0, []
    if mention.kind != "date":
        times = sentence.times(mention)
        if times and not any(_overlap(t, p.span) for t in times):
            return None
        if times and times is not sentence.title_dates:  # the title's time only rules facts out
            exact = any(_same_time(t, p) for t in times)
            precise = exact and any(t.span is not None and t.span[0].year == t.span[1].year and
                                    (t.span[1] - t.span[0]).days < 40 for t in times)  # fmt: skip
            if p.fact.period is not None and exact:  # a span's end or start, not a moment the figure holds for
                score += 1.0
            else:
                score += 2.5 if precise else 1.5 if exact else 0.3
            reasons.append("same date" if exact else "overlapping dates")
        if mention.kind == "ordinal":
            written = name_after(sentence.text, mention.end - sentence.start) or mention.noun
        else:
            written = mention.noun or tuple(sentence.column(mention).lower().split())
        head = _counted(stem(written[-1])) if written else frozenset()
        modifiers = ({stem(w) for w in written[:-1]} - _STOP) & p.nouns
        if mention.currency:
            score += 2.5  # money binds to money only (see _same_kind)
            reasons.append(f"counts money ({p.fact.unit})")
        elif head & p.heads:
            score += 2.5 + min(1.0, 0.5 * len(modifiers))
            reasons.append(f"counts {' '.join(written)}")
        elif head & p.nouns:
            score += 2.0 + min(1.0, 0.5 * len(modifiers))
            reasons.append(f"counts {' '.join(written)}")
        elif any(_counted(w) & p.heads for w in sentence.words_before(mention)):
            score += 1.5
            reasons.append("about " + "/".join(sorted(p.heads)[:2]))
    else:
        assert mention.span is not None
        if mention.span[0].year <= p.span[1].year and p.span[0].year <= mention.span[1].year:
            score += 0.5
            reasons.append("same year")
    first, last = sentence.scope(mention)
    clause_words = content(sentence.text[first - sentence.start : last - sentence.start] + " " + sentence.column(mention))
    shared = clause_words & p.words
    score += min(4.0, sum(weight.get(w, 0.25) for w in shared))
    near = sentence.near(mention) & p.words
    score += min(1.5, 0.5 * sum(weight.get(w, 0.25) for w in near))
    rest = (sentence.words - clause_words) & p.words
    score += min(1.5, 0.4 * sum(weight.get(w, 0.25) for w in rest))
    around = sentence.around & p.words
    score += min(1.0, 0.25 * sum(weight.get(w, 0.25) for w in around))
    if shared or rest:
        reasons.append("shares " + ", ".join(sorted(shared | rest, key=lambda w: -weight.get(w, 0))[:4]))
    in_clause = sentence.subjects(mention)
    elsewhere = {name for name, _ in sentence.entities} - in_clause
    named = in_clause & p.entities
    if named:
        score += min(3.0, 2.0 + 0.5 * (len(named) - 1))
        reasons.append("names " + ", ".join(sorted(named)))
    elif in_clause and p.entities and _other_of_same_kind(in_clause, p.entities, names):
        score -= 2.5
        reasons.append("but names " + ", ".join(sorted(in_clause)))
    else:
        score += min(1.0, 0.5 * len(elsewhere & p.entities))
        if not in_clause and sentence.entities_around & p.entities:
            score += 0.5
    topic = p.fact.topic
    if sentence.topics and topic not in sentence.topics and not sentence.words & names.topic_words.get(topic, set()):
        score -= 2.0
        reasons.append("but the sentence is about " + ", ".join(sorted(sentence.topics)))
    if p.fact.id not in sentence.previous and _same_passage(p.passages, sentence.passages):
        score += 1.5
        reasons.append("same passage as a figure before")
    if p.fact.id in sentence.previous and mention.kind != "date" and mention.low <= p.low and p.high <= mention.high:
        score += 3.0
        reasons.append("restates the figure before")
    return Bound(p, score, tuple(reasons))


def name_after(text: str, at: int) -> tuple[str, ...]:
    """The words of the name an ordinal begins: '14th ARF Ministerial Meeting on …' → ('arf', 'ministerial',
    'meeting'); '… seventh and eighth rounds of …' → ('rounds',)."""
    pair = _PAIRED.match(text, at)
    start = pair.end() if pair else at
    end = _NAME_END.search(text, start)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text[start : end.start() if end else len(text)])
    return tuple(w.lower() for w in words if w.lower() not in _STOP)[:6]


def _same_passage(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """One quote inside the other (same source): 'Since 1990 … 18 UN peacekeeping operations.' and the
    same with '… Eight lost their lives on duty.' are one passage."""
    split = [(a.split(":", 1), b.split(":", 1)) for a in ours for b in theirs]
    return any(a[0] == b[0] and (a[1] in b[1] or b[1] in a[1]) for a, b in split)


def _same_kind(mention: Mention, fact: Fact) -> bool:
    if mention.kind == "date":
        return fact.kind == "event"
    if fact.kind != "quantity" or fact.value is None:
        return False
    if (mention.kind == "ordinal") != (fact.unit == "ordinal"):
        return False
    if (mention.kind == "percent") != (fact.unit in ("percent", "%")):
        return False
    if (mention.kind == "duration") != ((fact.unit or "").lower() in _DURATION_UNITS):
        return False
    money = (fact.unit or "").lower() in _CURRENCY_UNITS
    return bool(mention.currency) == money


def currency_mismatch(mention: Mention, fact: Fact) -> bool:
    """'US$20 million' against a figure in Australian dollars (a bare '$' names no country)."""
    if mention.currency is None or fact.unit is None:
        return False
    theirs = _CURRENCY_UNITS.get(fact.unit.lower())
    ours = mention.currency.upper().replace("AU$", "A$")
    if ours == "$" or theirs == "$":
        return False
    if ours in ("DOLLARS",):
        return False
    return theirs is not None and ours != theirs


def _other_of_same_kind(named: set[str], entities: frozenset[str], names: Names) -> bool:
    """The clause names a country (mission, …) and the fact is about other countries (missions, …)."""
    kinds = {names.kind(e) for e in entities}
    return any(names.kind(n) in kinds for n in named)


def _overlap(writer: Mention, fact: tuple[dt.date, dt.date]) -> bool:
    assert writer.span is not None
    first, last = writer.span
    if writer.since:
        last = dt.date.max
    return first <= fact[1] and fact[0] <= last


def _same_time(writer: Mention, p: Profile) -> bool:
    """The writer's date is the fact's, at the precision either gives ('since 1990' and a period from 1990)."""
    assert writer.span is not None
    if writer.since:
        period = p.fact.period
        return bool(period and period.start and period.start[:4] == str(writer.span[0].year))
    return writer.span == p.span or (writer.span[0].year == p.span[1].year == writer.span[1].year)
