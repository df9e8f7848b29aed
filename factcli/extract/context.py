"""One sentence of a document being read: its times and happenings, what the sentences before it said, and
the statement each candidate becomes (``figures`` and ``events`` read the sentence; ``statements`` walks the
document).

A statement's time is its sentence's; else the sentence before's when it refers back to it ("Among them",
"Eight lost their lives", "Some 5,000 troops took part"); else a meeting's the document dated earlier; else,
for a list, the "Since 2015 …" before it; else the document's as-of time (``when``).
"""

from __future__ import annotations

import itertools
import re

from factcli.extract.names import Happening
from factcli.extract.state import Memory, Statement
from factcli.extract.times import Span, Time
from factcli.extract.verbs import holds_now, states, verb
from factcli.extract.when import starts_after
from factcli.reading.document import Passage

_REFERS_BACK = re.compile(
    r"^(?:By then|Among (?:them|these|those|the\s+[a-z]+)|Of (?:them|these|those)|This|These|That|It was|They|Its"
    r"|Their)\b"
)
_BARE_SUBJECT = re.compile(r"^[A-Z][a-z-]+\s+(?:lost|laid|were|was|have|had|died|remain|remained)\b")
_ALSO = re.compile(r"\balso\b")
_OPENS_CLAUSE = re.compile(r"(?:^|[,;]\s+(?:and\s+|but\s+|while\s+)?)(?:(?:in|on|during)\s+)?$", re.I)
_RIGHT_AFTER = re.compile(r"[0-9.,]+(?:(?:\s+[a-z-]+){0,2}\s+(?:for|in|during)|\s+of\s+(?:them|these|those))\s+")
_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose)\b")
#: A subject that is the sentence before's, once the sentence's time is set aside: "They", "the task forces had".
_SUBJECT = re.compile(
    r"^\W*(?:(?:in|on|during)\W+)?(?:They\b|the\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:had|have|has|were|was)\b)", re.I
)
_POINTS_BACK = re.compile(r"\b(?:its|their|they|it|these|those|such)\b", re.I)
_NOUN = re.compile(r"\b[a-z]{4,}\b")
_DIED = frozenset("lost laid died killed wounded injured".split())
_OF_TOTAL = re.compile(r"\bof the total\b")
FIRST_VERB = re.compile(
    r"\b(?:has|have|had|is|are|was|were|will|would|can|could|shall|should|may|must|held|sent|made|met|took|gave|"
    r"won|began|led|set|put|built|went|came|hosted)\b"
    r"|(?<!-)\b(?!(?:armed|related|united|advanced|based|limited|shared|detailed|red)\b)[a-z]{3,}ed\b"
)


class Context:
    """One passage being read: its times and happenings, and what the reader knows of those before it."""

    def __init__(self, reader: Memory, p: Passage, times: list[Span], named: list[Happening]) -> None:
        self.r, self.p, self.named = reader, p, named
        #: The years comparisons measure against date only the figure right before them ("up from 54 in 2014").
        self.bases = [s for s in times if s.kind == "base"]
        self.times = [s for s in times if s.kind != "base"]
        self.opens_at = next((s.opens_at for s in times if s.opens_at is not None), None)
        self.parts = parts_of(p.text, named)
        #: Set when a figure of this sentence tells of the sentence before's happening: who it names count too.
        self.tells_of_before = False
        #: Set when a figure counts "them" the sentence before names ("… the chemical weapons abandoned by Japan").
        self.counts_before = False
        verb = FIRST_VERB.search(p.text)
        self.subject = (0, verb.end()) if verb else (0, named[0].start if named else 0)

    # -- time -------------------------------------------------------------------------------------------------

    def time_at(self, at: int, kind: str) -> tuple[Time, bool]:
        """The time of a statement at offset ``at`` of the sentence, and whether it is the sentence before's."""
        as_of = self.r.as_of
        for s in self.bases:
            if s.start > at and _RIGHT_AFTER.fullmatch(self.p.text, at, s.start):
                return s.time(as_of), False
        points = [s for s in self.times if s.kind == "point"]
        for s in self.times:
            if s.opens_at is not None:
                if at < s.opens_at or self._right_after_it(at):
                    return s.time(as_of), False
                return Time(start=s.first, end=as_of, words=s.text), False
        text = self.p.text
        if self.times and all(";" in text[min(at, s.start) : max(at, s.end)] for s in self.times):
            return self.untimed(at, kind)  # "The 31st has 32 …; the 11th …, which sailed in March 2012, …"
        since = starts_after(text, self.times, at) if kind == "quantity" else None
        if since is not None:  # "… has trained 1,000 … since it opened in June 2009": from then to the as-of time
            return Time(start=since.first, end=as_of, words=since.text), False
        own = self._relative_date(at) or self._right_after(at)
        if own is not None:  # "… the Fund, which it set up with 3 billion yuan in 2011": the clause's own date
            return own.time(as_of), False
        if self.clause_dates():  # "In November 2018 they held …, and in 2018 they held 11 …": each its clause's
            return max((s for s in points if s.start <= at), default=points[0], key=lambda s: s.start).time(
                as_of
            ), False
        if len(points) >= 2 and len(points) == len(self.times) and not nested(points):
            if kind == "quantity":
                first, last = points[0], points[-1]
                return Time(start=first.first, end=last.first, words=self.p.text[first.start : last.end]), False
            after = [s for s in points if s.start >= at]
            return (after[0] if after else points[-1]).time(as_of), False
        if self.times:
            chosen = self._own_clause(at, min(self.times, key=lambda s: (s.start > at, abs(s.start - at))))
            if chosen.kind == "so-far":
                return self._so_far(at, chosen), False
            if chosen.kind == "by":  # "By the end of December 2010 the task forces …": since the time before's
                before = self.r.previous[1] if self.r.previous and self._goes_on() else []
                start = before[0].first if before and before[0].kind in ("point", "since", "range") else None
                return Time(start=chosen.first or start, end=chosen.last, words=chosen.text), False
            return chosen.time(as_of), False
        return self.untimed(at, kind)

    def _right_after_it(self, at: int) -> bool:
        """ "After the earthquake that struck Nepal on 25 April 2015, the PLA sent 1,088 …": what follows "After" or
        "Following" in the simple past is of that time; in a perfect it runs since ("… has sent …")."""
        text = self.p.text
        found = verb(text[:at], text[at:])
        return text.startswith(("After", "Following")) and found is not None and not found[1]

    def _so_far(self, at: int, chosen: Span) -> Time:
        """ "So far": since the paragraph's start; else since the happening the sentence before dates when this one
        goes on from it ("In September 2017 China registered a standby force. So far 13 of its units …"); else a
        state holds now ("China has so far concluded 170 treaties"), a doing ends by now."""
        as_of, text, previous = self.r.as_of, self.p.text, self.r.previous
        if previous is not None and len(previous[1]) == 1 and self._goes_on():
            before = previous[1][0]
            if before.kind in ("point", "since"):
                return Time(start=before.first, end=as_of, words=chosen.text)
        if states(text[:at], text[at:]):
            return Time(date=as_of, words=chosen.text, why="'so far' of a state: it holds at the as-of time")
        return Time(start=self.r.since, end=as_of, words=chosen.text)

    def _own_clause(self, at: int, chosen: Span) -> Span:
        """ "So far this year …, up from 98 delegations last year": a date later in the figure's own clause, when
        the one before it is in a clause before."""
        text = self.p.text
        if chosen.start > at or not re.search(r"[,;]", text[chosen.end : at]):
            return chosen
        later = [
            s for s in self.times if s.start > at and s.kind == "point" and not re.search(r"[,;]", text[at : s.start])
        ]
        return later[0] if later else chosen

    def _right_after(self, at: int) -> Span | None:
        """ "rose from 3.94 per cent for 2010–2012 to 6.64 per cent for 2013–2015": the time right after a figure
        and its words ("for", "in", "during") is its own, when the sentence has another."""
        after = [s for s in self.times if s.start > at and _RIGHT_AFTER.fullmatch(self.p.text, at, s.start)]
        return after[0] if after and len(self.times) > 1 else None

    def _relative_date(self, at: int) -> Span | None:
        """The date of the relative clause ("…, which it set up … in 2011") that ``at`` is in, if it has one."""
        text = self.p.text
        openers = list(_RELATIVE.finditer(text, 0, at))
        if not openers:
            return None
        opener = openers[-1]
        end = min((i for i in (text.find(",", at), text.find(";", at)) if i >= 0), default=len(text))
        inside = [s for s in self.times if opener.end() <= s.start < end and s.kind == "point"]
        return inside[0] if len(inside) == 1 else None

    def clause_dates(self) -> bool:
        """Two dates or more, each opening a clause of its own ("In November 2018 …, and in 2018 …")."""
        points = [s for s in self.times if s.kind == "point"]
        return (
            len(points) >= 2
            and len(points) == len(self.times)
            and all(_OPENS_CLAUSE.search(self.p.text[: s.start]) for s in points)
        )

    def _goes_on(self) -> bool:
        """The sentence's subject is what the sentence before told of: a pronoun ("ten of its units"), or a noun
        of it ("… sent seven escort task forces … By the end of December 2010 the task forces had …")."""
        previous = self.r.previous
        if previous is None:
            return False
        subject = self.p.text[self.subject[0] : self.subject[1]]
        for s in self.times:
            subject = subject.replace(s.text, " ")
        if _POINTS_BACK.search(subject):
            return True
        return bool(set(_NOUN.findall(subject)) & set(_NOUN.findall(previous[0].text)))

    def same_subject(self) -> bool:
        """The sentence's subject is the sentence before's: "They …", or "the task forces" it named."""
        previous = self.r.previous
        subject = self.p.text[self.subject[0] : self.subject[1]]
        for s in self.times:
            subject = subject.replace(s.text, " ")
        m = _SUBJECT.match(subject)
        if previous is None or m is None:
            return False
        return m.group(1) is None or m.group(1).lower() in previous[0].text.lower()

    def carried(self) -> Time | None:
        """The time a sentence without one of its own takes from the sentence before, if any: "By then" is the
        last time it named ("… last year, bringing the total to … by the end of the year. By then, …")."""
        previous = self.r.previous
        if previous is None or not (_REFERS_BACK.match(self.p.text) or _BARE_SUBJECT.match(self.p.text)):
            return None
        if self.p.text.startswith("By then") and previous[1]:
            return previous[1][-1].time(self.r.as_of)
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
            if before.kind in ("since", "past", "range", "year-to-date"):
                return _from(before.time(as_of), "paragraph", "it lists what the sentence before dates"), True
            if before.kind == "point" and _ALSO.search(self.p.text):
                t = Time(start=before.first, end=as_of, words=before.text)
                return _from(t, "paragraph", f"'also' ties it to the sentence before, read up to {as_of}"), True
        text = self.p.text
        found = verb(text[:at], text[at:])
        now = not self.r.done and (found is None or holds_now(text[:at], text[at:]))
        if previous is not None and kind == "quantity" and len(previous[1]) == 1:
            before = previous[1][0]
            if before.kind in ("point", "range") and found and not now and not found[1] and not self.named:
                t = before.time(as_of)  # "Some 5,000 troops took part": the happening of the sentence before
                self.tells_of_before = True
                return _from(t, "paragraph", "it tells of what the sentence before dates"), False
            if (before.kind == "since" or before.opens_at is not None) and found and found[0] in _DIED:
                t = Time(start=before.first, end=as_of, words=before.text)  # "Nine … have lost their lives on duty."
                return _from(t, "paragraph", "those lost are of those the sentence before counts since"), True
            if _OF_TOTAL.search(text) and previous[2] is not None:
                return _from(previous[2], "paragraph", "a share of the total the sentence before counts"), False
        if kind == "quantity" and found and found[1] and not now and self.same_subject():
            told = previous[2] if previous is not None else None  # "By the end of June 2019 it had sent … ¶ The
            if told is not None and told.start is not None:  # task forces have also rescued …": on from its start
                t = Time(start=told.start, end=as_of, words=told.words)
                return _from(t, "paragraph", "it counts on from the start of what the sentence before counts"), False
        if kind == "quantity" and not now and self.r.since:
            t = Time(start=self.r.since, end=as_of, words=self.r.since)
            return _from(t, "paragraph", "done since the start its paragraph's first sentence gives"), False
        if self.r.reviewed:  # a review of 2020 dated January 2021: "Police recovered 2.94 billion yuan …"
            return Time(date=self.r.reviewed, source="document", why="of the year the document reviews"), False
        if now:
            return Time(date=as_of, source="document", why="a state, dated to the document's as-of time"), False
        return Time(end=as_of, source="document", why="done by the document's as-of time, no start given"), False

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


def nested(points: list[Span]) -> bool:
    """Dates one inside another ("last year, … by the end of the year"; "last year, … in June"): no span from
    the first to the last, each dates its own clause."""
    firsts = [s.first or "" for s in points]
    return any(a != b and b.startswith(a) for a in firsts for b in firsts)


def parts_of(text: str, named: list[Happening]) -> list[tuple[int, int]]:
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
