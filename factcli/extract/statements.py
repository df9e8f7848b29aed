"""A document's statements: each figure a reader would cite and each dated happening, with its quote and time,
read sentence after sentence (``figures``, ``events``), each leaning on what the ones before said."""

from __future__ import annotations

import dataclasses
import re

from factcli.extract.dateline import DATELINE, dateline_times, own_day
from factcli.extract.events import Events
from factcli.extract.figures import Figures
from factcli.extract.names import happenings
from factcli.extract.state import Memory, Statement
from factcli.extract.times import Span, Time
from factcli.extract.when import bases, spans
from factcli.reading import mentions
from factcli.reading.document import Passage

#: What opens a line and is none of the sentence's words: a list's bullet ("-   The 13th … Talks were held …"), a
#: transcript's turn ("Q: Reuters: …", "A: The two sides …", "Liu Weiming: Good afternoon …").
_LINE_LABEL = re.compile(
    rf"^{DATELINE}|"
    r"^(?:[-*•–]\s+|\(?[0-9a-z]{1,2}[.)]\s+)|^(?:[QA]|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}):\s+(?=\S)"
)

#: "Since then, …"; "It has since trained …" (a sentence without a date of its own): since the last date given.
_SINCE_THEN = re.compile(r"\b[Ss]ince\s+then\b|\b(?:has|have|had)\s+(?:also\s+)?(?P<since>since)\b")
#: A paragraph opening on the sentence before's happening: "It was the first time …", "They …".
_POINTS_BACK = re.compile(r"^(?:It\s+was|They|This\s+was|That\s+was)\b")
#: A paragraph opening on a count in the perfect, its subject a plural noun: "The fleets have escorted 6,595 …".
_PERFECT_COUNT = re.compile(r"^The\s+[a-z]+s\s+(?:have|had)\s+(?:also\s+)?[a-z]+(?:ed|en|t)\b")
#: "… during the same period": the period the sentence before gave.
_SAME_PERIOD = re.compile(r"\b(?:during|in|over|for)\s+the\s+same\s+(?:period|time|years)\b", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:[-*•–]|\(?[0-9a-z]{1,2}[.)])\s+")
_PERFECT_LEAD = re.compile(r"\b(?:has|have|had)\s*:\s*$")
_QUESTION = re.compile(r"^Q\s*:\s")
#: A sentence that opens on a time to come tells a plan ("Next year, China will co-host …"): no fact.
_PLAN = re.compile(r"^(?:Next|Later\s+this|In\s+the\s+coming)\s+(?:year|month|week|years|months)\b")
_ANSWER = re.compile(r"^A\s*:\s")


def _unlabelled(p: Passage) -> Passage:
    """The sentence without its bullet or its speaker's label, so that a quote starts at its words."""
    label = _LINE_LABEL.match(p.text)
    while label and label.end() < len(p.text):
        p = dataclasses.replace(p, start=p.start + label.end(), text=p.text[label.end() :])
        label = _LINE_LABEL.match(p.text)
    return p


class Sentence(Figures, Events):
    """One sentence of the document, its figures and its events."""


class Reader(Memory):
    """Reads the passages of one document in order, keeping what later sentences lean on."""

    #: A sentence that leads in a list ("Since 1990, Chinese peacekeeping units have:"): what it left the next
    #: sentence (its passage, times and time) and the start it gave, for each item of the list.
    lead_in: tuple[tuple[Passage, list[Span], Time | None], str | None] | None = None
    item = False
    #: The day the document gives itself under its title (a speech's "Beijing, 25 October 2018"), else None.
    day: str | None = None

    def start(self, text: str) -> Reader:
        """Ready to read ``text``: the day it gives itself, which its relative times count from."""
        self.day = own_day(text, self.published)
        return self

    def read(self, p: Passage) -> list[Statement]:
        self.item = bool(_ITEM.match(p.text))
        out = self._read(_unlabelled(self._turn(p)))
        if p.text.rstrip().endswith(":") and self.previous is not None:
            self.lead_in = (self.previous, self.since)
        elif not self.item:
            self.lead_in = None
        if self.question is None or p.paragraph != self.answer:
            return out
        return [dataclasses.replace(s, who=(*s.who, self.question)) for s in out]

    def _turn(self, p: Passage) -> Passage:
        """A transcript's turns: an answer ("A: …") is about what its question ("Q: …") names."""
        if _QUESTION.match(p.text) and p.position == 0:
            self.question, self.answer = (p.start, p.end), -1
        elif self.question is not None and self.answer < 0 and p.position > 0 and p.start >= self.question[1]:
            self.question = (self.question[0], p.end)  # the question's next sentence
        elif _ANSWER.match(p.text) and p.position == 0 and self.question is not None:
            self.answer = p.paragraph
        elif p.paragraph != self.answer:
            self.question, self.answer = None, -1
        return p

    def _read(self, p: Passage) -> list[Statement]:
        found = mentions.find(p.text)
        the_year = self.reviewed or (str(self.last_year) if self.last_year else None)
        times = dateline_times(
            p.text,
            spans(p.text, found, 0, self.as_of, self.last_year),
            self.day or self.published,
            self.as_of,
            the_year,
        )
        times = bases(p.text, self._same_period(p.text, self._since_then(p.text, times)))
        if p.paragraph != self.paragraph or (self.item and p.position > 0):  # each item of a list starts afresh
            self._new_paragraph(p, times)
        if p.position == 0:
            opens = (s.first for s in times if s.kind == "since" or s.opens_at is not None)
            self.since = next(opens, self.since)
        if self.since is None:  # "So far this year …": what the paragraph goes on to tell is of the year too
            self.since = next((s.first for s in times if s.kind == "year-to-date"), None)
        context = Sentence(self, p, times, happenings(p.text, self.vocab))
        out = [*context.figures(found), *context.events()]
        sentence_time = context.time_at(times[0].start, "quantity")[0] if times else context.carried()
        self.previous = (p, times, sentence_time)
        if sentence_time is not None and sentence_time.date is not None and sentence_time.source == "sentence":
            self.last_day = sentence_time.date
        years = [int(s.first[:4]) for s in times if s.first and s.kind in ("point", "range", "year-to-date")]
        self.last_year = years[-1] if years else self.last_year
        if p.text.rstrip(" \"”’')").endswith("?") or _PLAN.match(p.text):
            return []  # a question (a reporter's, in a transcript) asks; it states nothing
        return sorted((s for s in out if not self._to_come(s)), key=lambda s: (s.start, s.end))

    def _new_paragraph(self, p: Passage, times: list[Span]) -> None:
        """A paragraph starts afresh, but for a news story's short paragraphs: one that opens without a time of
        its own goes on from the one before when it points back to it ("It was the first time …", "They …"),
        or, in the perfect, counts on what the one before counts since ("Since then, the navy has sent 31 … ¶
        The fleets have escorted 6,595 …")."""
        previous, since = self.previous, self.since
        self.paragraph, self.previous, self.since = p.paragraph, None, None
        if self.item and self.lead_in is not None:  # an item of a list goes on from the sentence that leads it in
            self.previous, self.since = self.lead_in
            self.done = bool(_PERFECT_LEAD.search(self.previous[0].text))
            return
        self.done = False
        if times or previous is None:
            return
        if _POINTS_BACK.match(p.text):
            self.previous = previous
        elif since is not None and _PERFECT_COUNT.match(p.text):
            self.since = since

    def _since_then(self, text: str, times: list[Span]) -> list[Span]:
        """ "Since then, the navy has sent 31 …", "It has since trained …": since the date the document last gave
        a sentence of its own."""
        m = _SINCE_THEN.search(text)
        if m is None or self.last_day is None or any(s.start < m.end() and m.start() < s.end for s in times):
            return times
        if m.group("since") and times:
            return times  # "…, opened in June 2009, has since trained …": its own date opens it (``when``)
        start, end = m.span("since") if m.group("since") else m.span()
        return sorted([*times, Span(start, end, text[start:end], "since", self.last_day)], key=lambda s: s.start)

    def _same_period(self, text: str, times: list[Span]) -> list[Span]:
        """ "Officers from some 130 countries have studied … during the same period": the sentence before's."""
        m = _SAME_PERIOD.search(text)
        before = self.previous[2] if self.previous else None
        if (
            m is None
            or before is None
            or before.start is None
            or any(s.start < m.end() and m.start() < s.end for s in times)
        ):
            return times
        return sorted(
            [*times, Span(m.start(), m.end(), m.group(), "by", before.start, before.end)], key=lambda s: s.start
        )

    def _to_come(self, s: Statement) -> bool:
        """A happening, or a meeting's ordinal, dated after the document was published is a plan ("The next … will
        be held on January 31, 2013", "In October 2019 China will host the Ninth …"), not a fact the document can
        vouch for."""
        first, limit = s.time.first, max(self.published or "", self.as_of)
        return (s.kind == "event" or s.ordinal) and first is not None and first[: len(limit)] > limit
