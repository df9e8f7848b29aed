"""A document's statements: each figure a reader would cite and each dated happening, with its quote and time.

Figures are the reading package's mentions (amounts, ordinals), minus what is no claim of the document's:
numbers inside a time expression ("the past two years"), "the two sides", "several dozen", "the 21st
Century", "any third party", and an ordinal of a meeting already numbered. Happenings are events: one per
meeting or concluded document a dated sentence names, or one for the sentence when it names none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from factcli.extract import quotes
from factcli.extract.labels import noun_phrase, rate_of
from factcli.extract.names import Happening, happenings
from factcli.extract.when import Span, Time, holds_now, spans, verb
from factcli.reading import mentions
from factcli.reading.document import Passage
from factcli.reading.mentions import Mention
from factcli.reading.names import name_key, ordinal_name
from factcli.reading.nouns import DURATIONS
from factcli.reading.numbers import implied_qualifier

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary

#: A sentence that goes on about the one before: "Among them, …", "This was the first time …".
_REFERS_BACK = re.compile(r"^(?:Among (?:them|these|those)|Of (?:them|these|those)|This|These|That|It was|They were)\b")
#: "Eight lost their lives": a number for the subject, what it counts said before.
_BARE_SUBJECT = re.compile(r"^[A-Z][a-z-]+\s+(?:lost|laid|were|was|have|had|died|remain|remained)\b")
_ALSO = re.compile(r"\balso\b")
_FEW = re.compile(r"\b(?:several|a few)\s*$", re.I)
_THE = re.compile(r"\bthe\s*$", re.I)
#: After an ordinal, words that make it no count of anything: "the 21st Century", "any third party".
_NO_ORDINAL_AFTER = re.compile(r"\s*(?:century|centuries|party|parties|world)\b", re.I)
#: Dates that say when a state held, not when something happened: "As of the end of November 2008, China had".
_STATE_DATE = re.compile(r"\b(?:as of|as at|by)\s+(?:the\s+end\s+of\s+)?$", re.I)
_LIST_GOES_ON = re.compile(r",\s+[A-Z]")
_FIGURE_NEXT = re.compile(r".*?\b[0-9]")
_DIED = frozenset("lost laid died killed wounded injured".split())
_OF_TOTAL = re.compile(r"\bof the total\b")
#: A money amount in brackets after another: the writer's conversion ("(about US$14 million)"), no figure of its own.
_CONVERSION_BEFORE = re.compile(r"\(\s*(?:about|around|some|roughly|approximately)?\s*$")
#: The verb that ends a sentence's subject: "China and Thailand conducted …", "The two sides have held …".
_FIRST_VERB = re.compile(
    r"\b(?:has|have|had|is|are|was|were|will|would|can|could|shall|should|may|must|held|sent|made|met|took|gave|"
    r"won|began|led|set|put|built|went|came|hosted)\b"
    r"|\b(?!(?:armed|related|united|advanced|based|limited|shared|detailed|red)\b)[a-z]{3,}ed\b"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One candidate fact as read from the document, before the store's vocabulary is applied."""

    kind: str  # "quantity" or "event"
    start: int  # the quote's span in the document
    end: int
    value: float | None
    qualifier: str
    value_text: str
    time: Time
    passage: Passage
    #: What a figure counts, as written ("engineering", "troops"); empty for events and ordinals.
    counts: tuple[str, ...] = ()
    currency: str | None = None
    ordinal: bool = False
    #: The happening an event is, or the name an ordinal numbers.
    name: str = ""
    #: Where its entities are named, offsets in the document: its own words (a list's item its part) …
    who: tuple[tuple[int, int], ...] = ()
    #: … and the subject of its sentence, when it is one of a list ("China and Thailand … held the Fourth …").
    subject: tuple[int, int] | None = None
    #: For one of several events a sentence dates in turn: its place and how many ("respectively").
    listed: tuple[int, int] | None = None
    #: For one of a list's happenings, the sentence's words for it alone ("China co-hosted with Malaysia the …").
    claim: str = ""


@dataclass
class Reader:
    """Reads the passages of one document in order, keeping what later sentences lean on."""

    vocab: Vocabulary
    as_of: str
    paragraph: int = -1
    #: The start of what the paragraph's first sentence says runs since ("Since 1990", "Since its first … in 1990").
    since: str | None = None
    previous: tuple[Passage, list[Span], Time | None] | None = None
    #: Meetings and ordinals dated by their sentences, by name: a later sentence naming one takes its date.
    dated: dict[str, Time] = field(default_factory=dict)
    numbered: set[tuple[float, str]] = field(default_factory=set)
    evented: set[str] = field(default_factory=set)
    last_year: int | None = None
    #: What the last figure counted: "10 and … another one of the 12 conventions".
    last_counts: tuple[str, ...] = ()

    def read(self, p: Passage) -> list[Statement]:
        if p.paragraph != self.paragraph:
            self.paragraph, self.previous, self.since = p.paragraph, None, None
        found = mentions.find(p.text)
        times = spans(p.text, found, 0, self.as_of, self.last_year)
        if p.position == 0:
            self.since = next((s.first for s in times if s.kind == "since" or s.opens_at is not None), None)
        context = _Context(self, p, times, happenings(p.text, self.vocab))
        out = [*context.figures(found), *context.events()]
        sentence_time = context.time_at(times[0].start, "quantity")[0] if times else context.carried()
        self.previous = (p, times, sentence_time)
        years = [int(s.first[:4]) for s in times if s.first and s.kind in ("point", "range")]
        self.last_year = years[-1] if years else self.last_year
        return sorted(out, key=lambda s: (s.start, s.end))


class _Context:
    """One passage being read: its times and happenings, and what the reader knows of those before it."""

    def __init__(self, reader: Reader, p: Passage, times: list[Span], named: list[Happening]) -> None:
        self.r, self.p, self.times, self.named = reader, p, times, named
        self.opens_at = next((s.opens_at for s in times if s.opens_at is not None), None)
        self.parts = _parts(p.text, named)
        #: Set when a figure of this sentence tells of the sentence before's happening: who it names count too.
        self.tells_of_before = False
        verb = _FIRST_VERB.search(p.text)
        self.subject = (0, verb.end()) if verb else (0, named[0].start if named else 0)

    # -- time -------------------------------------------------------------------------------------------------

    def time_at(self, at: int, kind: str) -> tuple[Time, bool]:
        """The time of a statement at offset ``at`` of the sentence, and whether it is the sentence before's."""
        as_of = self.r.as_of
        points = [s for s in self.times if s.kind == "point"]
        for s in self.times:
            if s.opens_at is not None:
                return (s.time(as_of) if at < s.opens_at else Time(start=s.first, end=as_of, words=s.text)), False
        if len(points) >= 2 and len(points) == len(self.times):
            if kind == "quantity":
                first, last = points[0], points[-1]
                return Time(start=first.first, end=last.first, words=self.p.text[first.start : last.end]), False
            after = [s for s in points if s.start >= at]
            return (after[0] if after else points[-1]).time(as_of), False
        if self.times:
            chosen = min(self.times, key=lambda s: (s.start > at, abs(s.start - at)))
            if chosen.kind == "so-far":
                return Time(start=self.r.since, end=as_of, words=chosen.text), False
            if chosen.kind == "by":  # "By the end of December 2010 …": since the sentence before's time, if any
                before = self.r.previous[1] if self.r.previous else []
                start = before[0].first if before and before[0].kind in ("point", "since", "range") else None
                return Time(start=start, end=chosen.last, words=chosen.text), False
            return chosen.time(as_of), False
        return self.untimed(at, kind)

    def carried(self) -> Time | None:
        """The time a sentence without one of its own takes from the sentence before, if any."""
        previous = self.r.previous
        if previous is None or not (_REFERS_BACK.match(self.p.text) or _BARE_SUBJECT.match(self.p.text)):
            return None
        return previous[2]

    def untimed(self, at: int, kind: str) -> tuple[Time, bool]:
        """A statement its sentence does not date: the sentence before's when this one refers back to it; a
        meeting dated earlier in the document; a list after "Since 2015 …"; else the document's as-of time."""
        previous, as_of = self.r.previous, self.r.as_of
        back = self.carried()
        if back is not None:
            return _from(back, "paragraph", "it goes on from the sentence before"), True
        for h in self.named:
            if h.key in self.r.dated:
                t = self.r.dated[h.key]
                return _from(t, "document", f"the date the document gives the {h.name}", h.name), False
        if previous is not None and kind != "quantity" and len(previous[1]) == 1:
            before = previous[1][0]
            if before.kind in ("since", "past", "range"):
                return _from(before.time(as_of), "paragraph", "it lists what the sentence before dates"), True
            if before.kind == "point" and _ALSO.search(self.p.text):
                t = Time(start=before.first, end=as_of, words=before.text)
                return _from(t, "paragraph", f"'also' ties it to the sentence before, read up to {as_of}"), True
        text = self.p.text
        found = verb(text[:at], text[at:])
        now = found is None or holds_now(text[:at], text[at:])
        if previous is not None and kind == "quantity" and len(previous[1]) == 1:
            before = previous[1][0]
            if before.kind == "point" and found and not now and not found[1] and not self.named:
                t = before.time(as_of)  # "Some 5,000 troops took part": the happening of the sentence before
                self.tells_of_before = True
                return _from(t, "paragraph", "it tells of what the sentence before dates"), False
            if before.kind == "since" and found and found[0] in _DIED:
                t = before.time(as_of)  # "Nine officers and men have lost their lives on duty."
                return _from(t, "paragraph", "those lost are of those the sentence before counts since"), True
            if _OF_TOTAL.search(text) and previous[2] is not None:
                return _from(previous[2], "paragraph", "a share of the total the sentence before counts"), False
        if kind == "quantity" and not now and self.r.since:
            t = Time(start=self.r.since, end=as_of, words=self.r.since)
            return _from(t, "paragraph", "done since the start its paragraph's first sentence gives"), False
        if now:
            return Time(date=as_of, source="document", why="a state, dated to the document's as-of time"), False
        return Time(end=as_of, source="document", why="done by the document's as-of time, no start given"), False

    # -- figures ----------------------------------------------------------------------------------------------

    def figures(self, found: list[Mention]) -> Iterator[Statement]:
        text = self.p.text
        offsets = [m.start for m in found if m.kind in ("amount", "duration", "percent", "ordinal")]
        for m in found:
            if m.kind not in ("amount", "duration", "percent", "ordinal") or self._no_claim(m):
                continue
            if m.derived and m.currency and _CONVERSION_BEFORE.search(text[: m.start]):
                continue  # a rate ("40 operations a day") or a share ("46 percent of the total") is the document's
            ordinal = m.kind == "ordinal"
            value = m.low if ordinal else m.value
            if value is None:
                continue
            time, back = self.time_at(m.start, "ordinal" if ordinal else "quantity")
            seg_start, seg_end = quotes.segment(text, m.start)
            if self.opens_at is not None and m.start < self.opens_at:
                seg_end = min(seg_end, self.opens_at - 1)
            counts: tuple[str, ...] = ()
            name, subject = "", None
            who: tuple[tuple[int, int], ...]
            if ordinal:
                i, h = self._happening_of(m)
                name = h.name if h else ordinal_name(text[m.start :], m.text) or ""
                key = (float(value), name_key(name.removeprefix(m.text)) or name_key(" ".join(m.noun)))
                if key in self.r.numbered:
                    continue  # one fact per meeting's ordinal
                self.r.numbered.add(key)
                end = self._name_end(m, name, seg_end)
                if time.source == "sentence":
                    self.r.dated.setdefault(name_key(name if h else f"{m.text} {name}"), time)
                who, subject = (((seg_start, end),), None) if h is None else ((self.parts[i],), self.subject)
            else:
                end = quotes.clause_end(text, m.end, seg_end, [o for o in offsets if o != m.start])
                counts = ("percent",) if m.kind == "percent" else self._counts(found, m)
                who = ((seg_start, end),)
                if self.tells_of_before and self.r.previous is not None:  # who the happening before names
                    before = self.r.previous[0]
                    who = (*who, (before.start - self.p.start, before.end - self.p.start))
                if counts and counts[-1] in DURATIONS and time.source == "document":
                    why = "how long it has lasted, at the document's as-of time"  # "after four years' development"
                    time = Time(date=self.r.as_of, source="document", why=why)
            yield self._statement(
                "quantity", seg_start, end, back, time, value=float(value), value_text=m.text,
                qualifier=implied_qualifier(m.text) or "exact", counts=counts, currency=m.currency,
                ordinal=ordinal, name=name, who=who, subject=subject,
            )  # fmt: skip

    def _happening_of(self, m: Mention) -> tuple[int, Happening | None]:
        """The happening an ordinal numbers ("the Eighth SCO Meeting …", "the seventh and eighth China-Japan
        Defense and Security Consultation"), and its place among the sentence's."""
        for i, h in enumerate(self.named):
            if h.start <= m.start < h.end or 0 <= h.start - m.end <= 15:
                return i, h
        return -1, None

    def _no_claim(self, m: Mention) -> bool:
        """No claim: part of a time expression, "the two sides", "several dozen", "21st Century", "third party"."""
        if any(s.start < m.end and m.start < s.end for s in self.times):
            return True
        before, after = self.p.text[max(0, m.start - 12) : m.start], self.p.text[m.end :]
        if m.kind == "ordinal":
            return bool(_NO_ORDINAL_AFTER.match(after)) and not m.text[0].isupper()
        return bool(_FEW.search(before)) or (m.text.lower() == "two" and bool(_THE.search(before)))

    def _counts(self, found: list[Mention], m: Mention) -> tuple[str, ...]:
        """What ``m`` counts; "10 and … another one of the 12 conventions" counts what the next figure does,
        "Eight were wounded" what the last one did."""
        words = noun_phrase(self.p.text, m.end)
        if words[:1] == ("them",) or words == ("/verb",):  # "over 1,000 of them"
            words = self.r.last_counts
        elif not words:
            later = [x for x in found if x.start > m.end and x.kind == "amount"]
            words = noun_phrase(self.p.text, later[0].end) if later else ()
        if words:
            self.r.last_counts = words
        return rate_of(self.p.text, m.end, words)

    def _name_end(self, m: Mention, name: str, limit: int) -> int:
        """Where an ordinal's quote ends: after the name it numbers (and a date or a list of names right after
        it: "… Workshop … in June 2008", "… Operation by China, Laos, Myanmar and Thailand"), else its clause."""
        text = self.p.text
        at = text.find(name, m.start) if name else -1
        if at < 0 or at - m.end > 40:
            return quotes.clause_end(text, m.end, limit, [])
        end = self._date_end(at + len(name))
        if _LIST_GOES_ON.match(text, end):
            end = quotes.clause_end(text, end, limit, [])
        return min(end, limit)

    # -- events -----------------------------------------------------------------------------------------------

    def events(self) -> Iterator[Statement]:
        text = self.p.text
        dated = [s for s in self.times if s.kind in ("point", "range")]
        named = [h for h in self.named if h.key not in self.r.evented]
        meeting = any(h.kind == "meeting" for h in named)
        named = [h for h in named if h.kind != "submitted" or not (meeting or dated)]
        points = [s for s in dated if s.kind == "point"]
        if len(points) >= 2 and len(points) == len(dated):
            yield from self._listed(points, named)
            return
        parts = _parts(text, named)
        for i, h in enumerate(named):
            time, back = self.time_at(h.start, "event")
            if time.source == "document" and not time.words:
                continue  # an undated happening: its ordinal, if any, is the fact
            end = max(h.end, self._date_end(h.end))
            self.r.evented.add(h.key)
            if time.source == "sentence":
                self.r.dated.setdefault(h.key, time)
            many = len(named) > 1
            who = (parts[i],) if many else ((0, len(text)),)
            claim = self._claim(h, parts[i]) if many else ""
            yield self._statement("event", 0, end, back, time, value_text=time.words, name=h.name, who=who,
                                  subject=(0, named[0].start) if many else None,
                                  listed=(i, len(named)) if many else None, claim=claim)  # fmt: skip
        if not named and len(dated) == 1 and not _STATE_DATE.search(text[: dated[0].start]) and not self._counts_only():
            span = dated[0]
            limit = span.opens_at - 1 if span.opens_at else len(text)
            end = quotes.clause_end(text, span.end, limit, [])
            time = span.time(self.r.as_of)
            yield self._statement("event", 0, end, False, time, value_text=span.text, who=((0, end),))

    def _counts_only(self) -> bool:
        """A sentence dated by one point whose main verb's object is a figure ("In 2010 the spokesperson … held
        14 regular press conferences"): a count, not a happening."""
        text = self.p.text
        span = next((s for s in self.times if s.kind in ("point", "range")), None)
        if span is None or span.opens_at is not None or span.text.lower().startswith(("from", "between")):
            return False
        main = _FIRST_VERB.search(text, span.end)
        if main is None:
            return False
        clause = re.split(r"[,;]", text[main.end() :], maxsplit=1)[0]
        return bool(_FIGURE_NEXT.match(" ".join(clause.split()[:3])))

    def _listed(self, points: list[Span], named: list[Happening]) -> Iterator[Statement]:
        """One event per date of "In January and July 2015 and in May 2016, when Malaysia, Myanmar and Sri
        Lanka …" or "… Summit and the … Summit, held respectively in January and November 2007"."""
        pairs = len(named) == len(points)
        text = self.p.text
        for i, span in enumerate(points):
            h = named[i] if pairs else None
            time = span.time(self.r.as_of)
            if h is not None:
                self.r.evented.add(h.key)
                self.r.dated.setdefault(h.key, time)
            who = ((h.start, h.end),) if h else ((0, len(text)),)
            yield self._statement("event", 0, len(text), False, time, value_text=span.text,
                                  name=h.name if h else "", who=who, listed=(i, len(points)),
                                  subject=(0, named[0].start) if h else None)  # fmt: skip

    def _claim(self, h: Happening, part: tuple[int, int]) -> str:
        """The sentence's words for one happening of its list: its subject, the verb the happening is the object
        of, the happening ("The member states signed the Agreement on …"); '' when no verb comes before it."""
        text = self.p.text
        lead = text[part[0] : h.start].strip(" ,;")
        lead = re.sub(r"^and\s+", "", lead)
        if not _FIRST_VERB.search(lead):
            verbs = list(_FIRST_VERB.finditer(text, 0, h.start))
            if not verbs:
                return ""
            small = re.match(r"(?:\s+(?:in|at|on|to|with|the|a|an))*", text[verbs[-1].end() :])
            lead = text[verbs[-1].start() : verbs[-1].end() + (small.end() if small else 0)]
        verb = _FIRST_VERB.search(text)
        subject = text[: verb.start()] if verb else ""
        for span in self.times:
            if span.start <= 1:
                subject = subject[span.end :]
        subject = subject.strip(" ,")
        words = f"{subject} {lead.strip()} {h.name}".strip()
        return words[:1].upper() + words[1:]

    def _date_end(self, at: int) -> int:
        """The end of a date right after a name ("… (CADSDS) in March 2008"), else ``at``."""
        for s in self.times:
            if 0 <= s.start - at <= 12:
                return s.end
        return at

    # -- the statement ----------------------------------------------------------------------------------------

    def _statement(self, kind: str, start: int, end: int, back: bool, time: Time, *, value: float | None = None,
                   value_text: str = "", qualifier: str = "exact", counts: tuple[str, ...] = (),
                   currency: str | None = None, ordinal: bool = False, name: str = "",
                   who: tuple[tuple[int, int], ...] = (), subject: tuple[int, int] | None = None,
                   listed: tuple[int, int] | None = None, claim: str = "") -> Statement:  # fmt: skip
        p, previous = self.p, self.r.previous
        begin = p.start + start
        if back and start == 0 and previous is not None:
            begin = previous[0].start  # the sentence that gives the time is quoted with it
        said = p.text.find(value_text, start) if value_text else -1
        if said >= 0 and said + len(value_text) > end and (back or said < len(p.text)):
            end = said + len(value_text)  # the words for the value are in the quote
        where = tuple((p.start + a, p.start + b) for a, b in who)
        lead = (p.start + subject[0], p.start + subject[1]) if subject else None
        return Statement(kind, begin, p.start + end, value, qualifier, value_text or name, time, p, counts, currency,
                         ordinal, name, where, lead, listed, claim)  # fmt: skip


def _parts(text: str, named: list[Happening]) -> list[tuple[int, int]]:
    """Each listed happening's part of the sentence: from the comma before it (or its start) to the next one's
    ("…, co-hosted with Malaysia the Fourth ARF Disaster Relief Exercise" is the Fourth's)."""
    first = text.rfind(",", 0, named[0].start) if named else 0
    bounds = [first if first >= 0 else named[0].start]
    for before, h in itertools.pairwise(named):
        comma = text.rfind(",", before.end, h.start)
        bounds.append(comma if comma >= 0 else h.start)
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(len(named))]


def _from(t: Time, source: str, why: str, words: str = "") -> Time:
    return Time(t.date, t.start, t.end, words or t.words, source, why)
