"""The figures of a sentence a reader would cite: its amounts and the ordinals of its meetings.

They are the reading package's mentions, minus what is no claim of the document's: numbers inside a time
expression ("the past two years"), "the two sides", "several dozen", "the 21st Century", "any third party",
"the 40th anniversary", "Six hundred years ago", "zero-sum",
a money amount in brackets after another (a conversion), an ordinal of a meeting already numbered, a footer's
telephone number and the questions a transcript's talk counts ("I have two questions").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcli.extract import quotes
from factcli.extract.context import Context
from factcli.extract.labels import noun_phrase, rate_of
from factcli.extract.names import Happening
from factcli.extract.state import Statement
from factcli.extract.times import Time
from factcli.reading.mention import Mention
from factcli.reading.names import name_key, ordinal_name
from factcli.reading.nouns import DURATIONS
from factcli.reading.numbers import implied_qualifier

_FEW = re.compile(r"\b(?:several|a few)\s*$", re.I)
_THE = re.compile(r"\bthe\s*$", re.I)
_NO_ORDINAL_AFTER = re.compile(r"\s*(?:century|centuries|party|parties|world|anniversary|anniversaries)\b", re.I)
#: A number that is part of a time, no count: "Six hundred years ago", "the next forty years".
_AGO = re.compile(r"\s+(?:years?|decades?|centuries|months?)\s+ago\b", re.I)
_NEXT = re.compile(r"\b(?:next|coming)\s+$", re.I)
_SPAN_AFTER = re.compile(r"\s+(?:years|decades|months|weeks)\b", re.I)
#: A number word glued to a word by a hyphen is an adjective: "zero-sum", "one-sided", "two-way".
_COMPOUND_WORD = re.compile(r"-[a-z]")
_NUMBERED_OF_YEAR = re.compile(r"\s*\((?:19|20)[0-9]{2}\)")
#: "first" before a verb in the past: an adverb ("China first sent civilian police …").
_ADVERB_FIRST = re.compile(r"\s+(?:took|sent|went|came|made|began|joined|set|won|held|met|[a-z]{3,}ed)\b")
_OWNER = re.compile(r"\b(?:the|a|its|their|his|her|our|this|that|whose)\s*$", re.I)
_AND_CLAUSE = re.compile(r",\s+and\s+(?!the\s)")
_AND_PERFECT = re.compile(r"\s+and\s+(?:has|have)\s+(?:also\s+)?[a-z]+(?:ed|en|t)\b")
#: Times that run up to the document's as-of time, which a perfect joined after them goes on in.
_RUNS_TO_NOW = frozenset({"since", "past", "so-far"})
_LIST_GOES_ON = re.compile(r",\s+[A-Z]")
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?:its\s+|their\s+|the\s+)?((?:[a-z-]+\s+){0,2}[a-z-]+)\s+(?:(?:rose|grew|fell|reached)\s+)?(?:to|at)\s+$"
)
#: A contact number of a page's footer ("tel. 86-10-6676 8051, fax …"): no figure.
_CONTACT = re.compile(r"\b(?:tel|telephone|phone|fax|mobile)\b\.?:?\s*[0-9()+\s-]*$", re.I)
#: The talk's own questions ("I have two questions", "On your first question"): a transcript's frame, no claim.
_OF_THE_TALK = re.compile(r"\s+questions?\b", re.I)
#: An earthquake's magnitude: "the 8.1-magnitude earthquake", "a magnitude 7.8 quake".
_MAGNITUDE = re.compile(r"-?\s*magnitude\b", re.I)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude\s*(?:of\s+)?$", re.I)
#: After an ordinal, one of a group: "the first of them arriving within 24 hours".
_ONE_OF = re.compile(r"\s+of\s+(?:them|these|those)\b", re.I)
#: A sentence that opens on a part of what the sentence before counted: "Of those, 3,105 went through …".
_TOTAL_TO = re.compile(r"\bthe\s+total\s+(?:number\s+)?to\s+(?:[a-z]+\s+){0,2}$", re.I)
_OF_THOSE = re.compile(r"^(?:Of|Among)\s+(?:them|those|these)\s*,", re.I)
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:19|20)[0-9]{2}\b)[0-9][0-9,.]*[0-9]\b|(?<![\w.,])[0-9]\b")
#: "the chemical weapons", "the Chinese engineers": a plural a later "them" may stand for.
_THE_PLURAL = re.compile(r"\bthe\s+((?:[a-z-]+\s+)?[a-z-]+(?<!s)s)\b(?!\s+of\b)", re.I)
_CONVERSION_BEFORE = re.compile(r"\(\s*(?:about|around|some|roughly|approximately)?\s*$")


class Figures(Context):
    """The figures of one sentence."""

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
            if not ordinal and self._other_clause(m.start, time):
                time, back = self.untimed(m.start, "quantity")
            time = self._respective(found, m) or time
            seg_start, seg_end = quotes.segment(text, m.start)
            if self.opens_at is not None and m.start < self.opens_at:
                seg_end = min(seg_end, self.opens_at - 1)
            subject: tuple[int, int] | None
            if ordinal:
                numbered = self._numbered(m, float(value), time, seg_start, seg_end)
                if numbered is None:
                    continue  # one fact per meeting's ordinal
                name, end, who, subject = numbered
                counts: tuple[str, ...] = ()
            else:
                name, subject = "", None
                end, counts, who, time = self._counted(found, m, offsets, time, seg_start, seg_end)
            yield self._statement(
                "quantity", seg_start, end, back, time, value=float(value), value_text=m.text,
                qualifier=implied_qualifier(m.text) or "exact", counts=counts, currency=m.currency,
                ordinal=ordinal, name=name, who=who, subject=subject,
            )  # fmt: skip

    def _numbered(
        self, m: Mention, value: float, time: Time, seg_start: int, seg_end: int
    ) -> tuple[str, int, tuple[tuple[int, int], ...], tuple[int, int] | None] | None:
        """An ordinal's name, where its quote ends, and who it is about; None for a meeting already numbered."""
        i, h = self._happening_of(m)
        name = h.name if h else ordinal_name(self.p.text[m.start :], m.text) or ""
        key = (value, name_key(name.removeprefix(m.text)) or name_key(" ".join(m.noun)))
        if key in self.r.numbered:
            return None
        self.r.numbered.add(key)
        end = self._name_end(m, name, seg_end)
        if time.source == "sentence":
            self.r.dated.setdefault(name_key(name if h else f"{m.text} {name}"), time)
        if h is None:
            return name, end, ((seg_start, end),), None
        return name, end, (self.parts[i],), self.subject

    def _counted(
        self, found: list[Mention], m: Mention, offsets: list[int], time: Time, seg_start: int, seg_end: int
    ) -> tuple[int, tuple[str, ...], tuple[tuple[int, int], ...], Time]:
        """An amount's quote end, what it counts, who it is about, and its time (a duration's is the as-of)."""
        end = quotes.clause_end(self.p.text, m.end, seg_end, [o for o in offsets if o != m.start])
        counts = ("percent",) if m.kind == "percent" else self._counts(found, m)
        who: tuple[tuple[int, int], ...] = ((seg_start, end),)
        rest = quotes.resumed(self.p.text, end, seg_end)
        if rest is not None:  # "… 31 escort task forces, with some 26,000 officers and men, to the Gulf of Aden"
            who = (*who, rest)
        before_too = self.tells_of_before or self.counts_before or self.same_subject()
        if before_too and self.r.previous is not None:  # who the one before names
            before = self.r.previous[0]
            who = (*who, (before.start - self.p.start, before.end - self.p.start))
        if counts and counts[-1] in DURATIONS and time.source == "document":
            why = "how long it has lasted, at the document's as-of time"  # "after four years' development"
            time = Time(date=self.r.as_of, source="document", why=why)
        return end, counts, who, time

    def _other_clause(self, at: int, time: Time) -> bool:
        """The sentence's only time is another clause's: one opened by ", and" after the figure ("they have paid
        visits to 66 countries, and since 2009 they have held …"), or the figure's clause is a perfect joined after
        a dated one ("It hosted … from Sept. 12 to 14 last year and has contributed 2 million …"); a perfect after a
        time that runs to now is still of it ("Since 2012 it has joined 25 …, and has delivered …")."""
        if time.source != "sentence" or len(self.times) != 1:
            return False
        span, text = self.times[0], self.p.text
        if span.start > at:
            return bool(_AND_CLAUSE.search(text, at, span.start))
        return span.kind not in _RUNS_TO_NOW and bool(_AND_PERFECT.search(text, span.end, at))

    def _respective(self, found: list[Mention], m: Mention) -> Time | None:
        """ "The 15th … and the 14th … left on September 2 and September 19 respectively": the ordinal's own date;
        "In 2013 and 2014 China paid US$ 545.2 million and US$ 598.7 million respectively": each amount its year."""
        at = self.p.text.find("respectively")
        if at < 0:
            return None
        points = [s for s in self.times if s.kind == "point"]
        kinds = ("ordinal",) if m.kind == "ordinal" else ("amount", "percent")
        listed = [x.start for x in found if x.kind in kinds and x.start < at and not self._no_claim(x)]
        if len(points) < 2 or len(listed) != len(points) or m.start not in listed:
            return None
        return points[listed.index(m.start)].time(self.r.as_of)

    def _happening_of(self, m: Mention) -> tuple[int, Happening | None]:
        """The happening an ordinal numbers ("the Eighth SCO Meeting …", "the seventh and eighth China-Japan
        Defense and Security Consultation"), and its place among the sentence's."""
        for i, h in enumerate(self.named):
            if h.start <= m.start < h.end or 0 <= h.start - m.end <= 15:
                return i, h
        return -1, None

    def _no_claim(self, m: Mention) -> bool:
        """No claim: part of a time expression, "the two sides", "several dozen", "21st Century", "third party",
        a telephone number, the questions of a transcript's talk."""
        if any(s.start < m.end and m.start < s.end for s in self.times):
            return True
        before, after = self.p.text[max(0, m.start - 12) : m.start], self.p.text[m.end :]
        if _CONTACT.search(self.p.text, max(0, m.start - 30), m.start) or _OF_THE_TALK.match(after):
            return True
        if _NUMBERED_OF_YEAR.match(after):
            return True  # "resolutions 1816 (2008), 1846 (2008)": a document's number and its year
        if _AGO.match(after) or (_NEXT.search(before) and _SPAN_AFTER.match(after)):
            return True  # "Six hundred years ago", "the next forty years": a time
        if m.text.isalpha() and _COMPOUND_WORD.match(after):
            return True  # "zero-sum games", "a one-sided view"
        if _MAGNITUDE.match(after) or _MAGNITUDE_BEFORE.search(before):
            return True  # "the 8.1-magnitude earthquake": a measure of the disaster, no count
        if m.kind == "ordinal":
            if _ONE_OF.match(after):
                return True  # "the first of them": one of a group, no meeting
            if m.text.lower() == "first" and _ADVERB_FIRST.match(after) and not _OWNER.search(before):
                return True  # "China first took part in …": when it began, no ordinal of a thing
            return bool(_NO_ORDINAL_AFTER.match(after)) and not m.text[0].isupper()
        return bool(_FEW.search(before)) or (m.text.lower() == "two" and bool(_THE.search(before)))

    def _counts(self, found: list[Mention], m: Mention) -> tuple[str, ...]:
        """What ``m`` counts; "10 and … another one of the 12 conventions" counts what the next figure does,
        "Eight were wounded" what the last one did."""
        words = noun_phrase(self.p.text, m.end)
        first = not any(x.kind == "amount" and x.end <= m.start for x in found)
        if _OF_THOSE.match(self.p.text) and (first or words in ((), ("/verb",))):
            words = self._first_counted_before() or words  # "Police handled 4,862 cases … ¶ Of those, 3,105 went …"
        if words[:1] == ("them",) and not any(x.kind == "amount" and x.end <= m.start for x in found):
            named = self._named_before()  # "… the chemical weapons abandoned … ¶ about
            self.counts_before = bool(named)
            words = named or self.r.last_counts
        elif words[:1] == ("them",) or words == ("/verb",):  # 90,000 of them"; "over 1,000 of them"
            words = self.r.last_counts
        elif not words and (number_of := _NUMBER_OF.search(self.p.text, 0, m.start)):
            words = tuple(number_of.group(1).lower().split())  # "bringing the number of its member states to eight"
        elif not words and _TOTAL_TO.search(self.p.text, 0, m.start):
            words = self.r.last_counts  # "signed 23 documents …, bringing the total to more than 400"
        elif not words:
            later = [x for x in found if x.start > m.end and x.kind == "amount"]
            words = noun_phrase(self.p.text, later[0].end) if later else ()
        if words:
            self.r.last_counts = words
        return rate_of(self.p.text, m.end, words)

    def _first_counted_before(self) -> tuple[str, ...]:
        """What the first figure of the sentence before counts (a year is no figure)."""
        if self.r.previous is None:
            return ()
        text = self.r.previous[0].text
        first = _FIGURE.search(text)
        return noun_phrase(text, first.end()) if first else ()

    def _named_before(self) -> tuple[str, ...]:
        """What "them" are in a sentence that counts nothing before it: the last plural the sentence before
        names with "the" ("… to dispose of the chemical weapons abandoned by Japan in China.")."""
        if self.r.previous is None:
            return ()
        named = [x.group(1).lower().split() for x in _THE_PLURAL.finditer(self.r.previous[0].text)]
        return tuple(named[-1]) if named else ()

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
