"""The happenings of a sentence: one event per meeting or concluded document a dated sentence names (each of a
list with its part of the sentence and the sentence's subject), or one for the sentence when it names none
and does not merely count ("In 2010 the spokesperson … held 14 regular press conferences")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcli.extract import quotes
from factcli.extract.context import FIRST_VERB, Context, nested, parts_of
from factcli.extract.names import MEETINGS, Happening
from factcli.extract.state import Statement
from factcli.extract.times import Span

_STATE_DATE = re.compile(r"\b(?:as of|as at|by)\s+(?:the\s+end\s+of\s+)?$", re.I)
_STATE_OPENS = re.compile(r"(?:as of|as at|by)\s", re.I)
_MANY = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|several|many"
#: A figure, not an ordinal: "held 14 regular press conferences" counts, "held their 21st round of …" tells.
_FIGURE_NEXT = re.compile(rf".*?(?:(?<!-)\b[0-9][0-9,.]*(?![0-9]|st\b|nd\b|rd\b|th\b)|\b(?:{_MANY})\b)", re.I)
#: A count right before a happening's name: a series of them ('nine "Peace Mission" exercises'), no one happening.
_SERIES = re.compile(rf"\b(?:[0-9][0-9,]*|{_MANY})\s+[\"“]?$", re.I)
#: Figures paired with the sentence's dates: "pirates attacked 219 and 237 ships respectively".
_RESPECTIVE_FIGURES = re.compile(
    r"\b[0-9][0-9,.]*\s+(?:[a-zA-Z$]+\s+){0,3}?(?:and|or)\s+(?:US\$\s*)?[0-9](?:[^.;]|\.(?=[0-9]))*respectively"
)


class Events(Context):
    """The events of one sentence."""

    def events(self) -> Iterator[Statement]:
        text = self.p.text
        dated = [s for s in self.times if s.kind in ("point", "range")]
        named = [h for h in self.named if h.key not in self.r.evented and not _SERIES.search(text, 0, h.start)]
        meeting = any(h.kind == "meeting" for h in named)
        named = [h for h in named if h.kind != "submitted" or not (meeting or dated)]
        points = [s for s in dated if s.kind == "point"]
        if len(points) >= 2 and len(points) == len(dated) and nested(points):
            # "… last year, …, including the first online course … in June": the inner date tells, a state's
            # ("by the end of the year") and the year a review is of do not
            dated = [s for s in points if s.first != self.r.reviewed and not _STATE_OPENS.match(s.text)]
        elif len(points) >= 2 and len(points) == len(dated) and not self.clause_dates():
            if named or not _RESPECTIVE_FIGURES.search(text):  # "… 219 and 237 ships respectively": counts
                yield from self._listed(points, named)
            return
        parts = parts_of(text, named)
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
        if not named and len(dated) == 1 and not self._state_or_count(dated[0]):
            span = dated[0]
            limit = span.opens_at - 1 if span.opens_at else len(text)
            end = quotes.clause_end(text, span.end, limit, [])
            time = span.time(self.r.as_of)
            rest = quotes.resumed(text, end, limit)
            told = ((0, end),) if rest is None else ((0, end), rest)
            yield self._statement("event", 0, end, False, time, value_text=span.text, who=told)

    def _state_or_count(self, span: Span) -> bool:
        """A sentence that dates a state ("As of December 20, 1,842 … were serving") or counts ("In 2010 … held
        14 …"; "So far this year …, up from 98 last year"): no happening of its own."""
        text = self.p.text
        if _STATE_DATE.search(text[: span.start]) or _STATE_OPENS.match(span.text):
            return True
        if span.kind == "point" and span.first == self.r.reviewed:
            return True  # "… last year" in a review of that year: the year's tallies, no happening of its own
        return any(s.kind == "year-to-date" for s in self.times) or self._counts_only()

    def _counts_only(self) -> bool:
        """A sentence dated by one point whose main verb's object is a figure ("In 2010 the spokesperson … held
        14 regular press conferences"): a count, not a happening."""
        text = self.p.text
        span = next((s for s in self.times if s.kind in ("point", "range")), None)
        if span is None or span.opens_at is not None or span.text.lower().startswith(("from", "between")):
            return False
        main = FIRST_VERB.search(text, span.end)
        if main is None:
            return False
        clause = " ".join(re.split(r"[,;]", text[main.end() :], maxsplit=1)[0].split())
        figure = _FIGURE_NEXT.match(" ".join(clause.split()[:3]))
        if figure is None:
            return False
        if len(span.first or "") < 7:
            return True  # a year's figures are its tallies
        # a month's or a day's act on things is one happening ("In October 2018 two aircraft delivered 30 tons …"),
        # a count of happenings is none ("In May 2019 police held 12 exercises")
        return bool(MEETINGS & set(re.findall(r"[a-z]+", clause[figure.end() :])[:4]))

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
        if not FIRST_VERB.search(lead):
            verbs = list(FIRST_VERB.finditer(text, 0, h.start))
            if not verbs:
                return ""
            small = re.match(r"(?:\s+(?:in|at|on|to|with|the|a|an))*", text[verbs[-1].end() :])
            lead = text[verbs[-1].start() : verbs[-1].end() + (small.end() if small else 0)]
        verb = FIRST_VERB.search(text)
        subject = text[: verb.start()] if verb else ""
        for span in self.times:
            if span.start <= 1:
                subject = subject[span.end :]
        subject = subject.strip(" ,")
        words = f"{subject} {lead.strip()} {h.name}".strip()
        return words[:1].upper() + words[1:]
