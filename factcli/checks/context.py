"""A sentence of a draft as check-draft reads it: clauses, the scope of each number, entities and dates.

A number's *scope* is where what it is about is said: its clause for an amount,
the name it begins for an ordinal ("the Third China-Japan-ROK Tabletop
Exercise"), the phrase beside it for a date ("Myanmar in July 2015"). A
sentence's time comes from its own dates, else from the sentence before when it
follows on ("That is nearly 2,000 …"), else its heading's, else the title's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from factcli.checks import clauses
from factcli.reading import mentions, prose
from factcli.reading.mention import Mention
from factcli.reading.names import name_end
from factcli.reading.nouns import counts
from factcli.reading.words import content
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.checks.entities import Names


class Sentence:
    """A sentence of the draft with what it is about: clauses, words, entities, dates."""

    def __init__(self, names: Names, sentence: prose.Sentence, found: Sequence[Mention]) -> None:
        self.start = sentence.start
        self.text = sentence.text
        self.heading = sentence.heading
        self.cells = sentence.cells
        self.major = clauses.clauses(sentence.text, clauses.CLAUSE)
        self.clauses = sorted(self.major + clauses.clauses(sentence.text, clauses.COORDINATED))
        answer = clauses.answers(sentence.text, sentence.before)
        #: The question the sentence answers, if it is an answer.
        self.asked = sentence.before if answer else ""
        #: An answer's words are its question's too ("Q. How many … end of November 2008? A. 1,949.").
        # a number's words are compared as a number, not as words ("two thousand seven" shares no "seven")
        #: The text with the amounts said in words blanked: what its words are.
        self.plain = _without(sentence.text, sentence.start, found)
        self.words = content(self.plain) | (content(sentence.before) if answer else set())
        #: Its words as written, for the full-text index (which stems them itself).
        self.written = frozenset(re.findall(r"[^\W\d_]{2,}", fold(sentence.text)))
        self.around = content(f"{sentence.heading} {sentence.before}") - self.words
        self.around_written = frozenset(re.findall(r"[^\W\d_]{2,}", fold(f"{sentence.heading} {sentence.before}")))
        self.entities = names.find(sentence.text, sentence.start)
        self.topics = names.topics(sentence.text)
        #: The words of the organisations it names ("the Shanghai Cooperation Organization"): who, never which
        #: of its events (a country's name may be an event's: "the Myanmar floods").
        self.name_words = frozenset(
            w for name, _ in self.entities if names.kind(name) == "organisation" for w in content(name)
        )
        self.entities_around = {name for name, _ in names.find(f"{sentence.heading} {sentence.before}", 0)}
        self.asked_entities = {name for name, _ in names.find(self.asked, 0)} if self.asked else set()
        self.dates = [m for m in found if m.kind == "date" and m.span is not None]
        self.ordinals = [m for m in found if m.kind == "ordinal"]
        self.amounts = [m for m in found if m.kind in ("amount", "percent", "duration")]
        self.pairs = clauses.joined_counts(sentence, found)
        #: The dates of the draft's title, when nothing nearer says when.
        self.title_dates: list[Mention] = []
        follows_on = answer or clauses.FOLLOWS_ON.match(sentence.text.lstrip())
        self.context_dates = (_dates(sentence.before) if follows_on else []) or _dates(sentence.heading)
        #: Facts bound to numbers in the sentence before (under the same heading) and earlier in this one.
        self.previous: set[str] = set()
        #: Facts bound to other numbers of this very sentence (a list gives each figure once: none restates).
        self.here: set[str] = set()
        #: The passages those facts are quoted from.
        self.passages: set[str] = set()
        self._topics: dict[tuple[int, int], set[str]] = {}
        #: Each number's bound facts, once worked out (check-draft asks again for dates).
        self.bound: dict[tuple[int, int], Any] = {}

    def clause(self, mention: Mention, *, major: bool = False) -> tuple[int, int]:
        """The offsets (in the file) of the clause ``mention`` stands in; a table row is one clause."""
        if self.cells:
            return self.start, self.start + len(self.text)
        at = mention.start - self.start
        bounds = self.major if major else self.clauses
        first = max((end for start, end in bounds if end <= at), default=0)
        after = at + len(mention.text)
        if mention.kind == "date" and not self.text[:at].strip() and clauses.LEADS.match(self.text, after):
            after = clauses.LEADS.match(self.text, after).end()  # type: ignore[union-attr]  # "**June 2001** — SCO founded"
        last = min((start for start, end in bounds if start >= after), default=len(self.text))
        return self.start + first, self.start + last

    def scope(self, mention: Mention) -> tuple[int, int]:
        """Where what ``mention`` is about is said: an ordinal's is the name it begins ("the Third
        China-Japan-ROK Tabletop Exercise on Disaster Management"), any other number's its clause."""
        if mention.kind == "date" and not self.cells:
            return self._date_scope(mention)
        if mention.kind != "ordinal" or self.cells:
            return self.clause(mention)
        at = mention.end - self.start
        last = self.start + name_end(self.text, at)
        if not content(self.plain[at : last - self.start]):  # "The Third Symposium …; the Fourth, in …"
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
        if len(content(self.plain[begin - self.start : mention.start - self.start])) >= 2:
            return begin, mention.end
        return begin, min(later, default=last)

    def phrase(self, mention: Mention) -> set[str]:
        """The words of the phrase a date closes ("the white paper Beijing published in January 2017"), back to
        the last comma or date; when it leads ("In March 2008 China hosted …"), the words after it."""
        first, last = self.clause(mention)
        at = mention.start - self.start
        if self.text[:at].rstrip().endswith("("):  # "floods hit Malaysia (February 2015)": what the bracket dates
            at = self.text.rindex("(", 0, at)
            first = min(first, self.start + len(self.text[:at]) - len(self.text[:at].split(",")[-1]))
        floor = max(
            [first - self.start]
            + [d.end - self.start for d in self.dates if d is not mention and d.end - self.start <= at]
        )
        cuts = [m.end() for m in clauses.PHRASE_END.finditer(self.text, floor, at)]
        words: set[str] = set()
        for cut in [*reversed(cuts[-3:]), floor]:  # "exercise held in Xinjiang and in Chelyabinsk, Russia, in …"
            words = content(self.plain[cut:at])
            if words - clauses.HAPPENED and not clauses.PREDICATE.match(self.text, cut, at):
                break  # only "in", "held in", "was issued on": the phrase goes on before the comma ("signed in" stays)
        if len(words) >= 2 or (words and cut > floor):  # "…, signed in January 1998, met in Guam": the signing's
            return words
        start = mention.end - self.start  # a date that leads: "On September 11, 2002, the UN Security Council …"
        start += len(self.text[start:]) - len(self.text[start:].lstrip(" ,:–—-"))  # "- Mar 2008: ASEAN Plus …"
        words |= content(self.plain[start : last - self.start])
        return words if len(words) >= 2 else words | self.asked_words

    @property
    def asked_words(self) -> set[str]:
        """The words of the question an answer answers ("Q. When did the SCO meet in St Petersburg? A. July
        2002."): a bare date in the answer dates what the question names."""
        return content(self.asked)

    def near(self, mention: Mention) -> set[str]:
        """The words right beside ``mention`` in its scope: "acceded to 10", "signed another one"."""
        first, last = self.scope(mention)
        before = self.text[first - self.start : mention.start - self.start].split()[-4:]
        after = self.text[mention.end - self.start : last - self.start].split()[:4]
        return content(" ".join(before + after))

    def words_before(self, mention: Mention) -> set[str]:
        """The words of the clause before ``mention``: "the police contribution began with 15 officers"."""
        first, _ = self.scope(mention)
        return content(self.plain[first - self.start : mention.start - self.start])

    def column(self, mention: Mention) -> str:
        """The heading of the table column ``mention`` stands in ('' outside tables)."""
        return next((name for start, end, name in self.cells if start <= mention.start < end), "")

    def subjects(self, mention: Mention) -> set[str]:
        """The entities the clause of ``mention`` is about: those it names, else the nearest clause before's."""
        first, last = self.scope(mention)
        named = {name for name, at in self.entities if first <= at < last}
        if mention.kind == "date" and len(named) > 1:  # "Malaysia in January 2015, Myanmar in August 2015 and …"
            piece = self._piece(mention)
            named = {name for name, at in self.entities if piece[0] <= at < mention.start} or named
        elif len(named) > 1 and not self.cells:  # "175 in Congo, 275 each in Sudan, 315 in Darfur and 257 in Liberia"
            piece = self._piece(mention)
            named = {name for name, at in self.entities if piece[0] <= at < piece[1]} or named
        if not named and self.asked:  # "A. July 2002." to "When did the SCO meet in St Petersburg?"
            named = self.asked_entities
        if named or self.cells or mention.kind == "ordinal":
            return named
        earlier = [(at, name) for name, at in self.entities if at < first]
        if not earlier or re.search(r"\sand\s+$", self.text[: first - self.start]):
            return set()  # "… and a Japanese submarine rescue exercise": a new thing, not the one before
        boundary = max(
            (self.start + end for start, end in self.clauses if self.start + end <= earlier[-1][0]), default=0
        )
        return {name for at, name in earlier if at >= boundary}

    def _piece(self, mention: Mention) -> tuple[int, int]:
        """The item of a list ``mention`` stands in: from the comma, semicolon or "and" before it to the next (a
        date's own item names what it dates before it: "…, Myanmar in August 2015 and …")."""
        at, end = mention.start - self.start, mention.end - self.start
        before = [m.end() for m in clauses.LIST_CUT.finditer(self.text, 0, at)]
        after = clauses.LIST_CUT.search(self.text, end)
        return self.start + (before[-1] if before else 0), self.start + (after.start() if after else len(self.text))

    def times(self, mention: Mention) -> list[Mention]:
        """The dates that say when ``mention`` holds: its clause's, else its sentence's, else its context's,
        else the draft's title's ("… at the end of 2008")."""
        first, last = self.clause(mention)
        column = _dates(self.column(mention)) if self.cells else []  # "| Countries, 2002 paper |": the column's time
        own = [d for d in self.dates if d is not mention and first <= d.start < last and self._nearest(d, mention)]
        elsewhere = [
            d for d in self.dates if d is not mention and not first <= d.start < last and not self._changed(d, mention)
        ]
        return column or own or elsewhere or self.context_dates or self._title_dates()

    def _title_dates(self) -> list[Mention]:
        """The title's dates; a day there is the draft's own date ("OPINION | 14 April 2026"), the time of what
        the draft says is so now, not of what it tells in the past ("the contingent counted 257 engineers")."""
        days = [d for d in self.title_dates if d.span is not None and d.span[0] == d.span[1]]
        if days and clauses.PAST.search(self.text) and not clauses.PRESENT.search(self.text):
            return [d for d in self.title_dates if d not in days]
        return self.title_dates

    def _nearest(self, date: Mention, mention: Mention) -> bool:
        """A date before a number times it; one after it, unless another amount stands between ("ties with over
        150 countries compare with more than 100 in the 2002 paper": 2002 is the time of the 100, not the 150)."""
        if date.start < mention.start:  # "As of the end of November 2008, China had 1,949 … in nine mission areas"
            return not self._changed(date, mention)
        return not any(mention.start < m.start < date.start for m in self.amounts if m is not mention)

    def _changed(self, date: Mention, mention: Mention) -> bool:
        """A change stands between a date and a later figure: "more than 100 countries in 2002 became … over 150":
        the date is the first figure's."""
        return date.start < mention.start and bool(
            clauses.CHANGE.search(self.text, date.end - self.start, mention.start - self.start)
        )

    def clause_topics(self, mention: Mention, names: Names) -> set[str]:
        """The topics the number's own clause names, when the sentence has several clauses ("In June 2007 the SCO
        concluded its treaty …; in August 2007 they ran a joint counter-terrorism exercise": the treaty's
        clause is about no counter-terrorism)."""
        if len(self.major) == 0:
            return self.topics
        first, last = self.clause(mention, major=True)
        if (first, last) not in self._topics:
            self._topics[first, last] = names.topics(self.text[first - self.start : last - self.start])
        return self._topics[first, last]

    def counted_before(self, mention: Mention) -> tuple[str, ...]:
        """What a number with no noun of its own counts, said before it: the lead of a list ("Engineers made
        up the largest contingents: 175 in Congo, … and 257 in Liberia"), or what "of them" stands for ("counts
        attaché offices: … nearly 100 of them")."""
        at = mention.start - self.start
        if clauses.OF_THEM.match(self.text, mention.end - self.start):
            nouns = [w for w in clauses.WORD.findall(self.text[:at]) if counts(w.lower())]
            return (nouns[-1].lower(),) if nouns else ()
        colon = self.text.rfind(":", 0, at)
        if colon < 0 or mention.kind != "amount":
            return ()
        nouns = [w for w in clauses.WORD.findall(self.text[:colon]) if counts(w.lower())]
        return (nouns[0].lower(),) if nouns else ()

    def siblings_words(self, mention: Mention) -> set[str]:
        """The words of a count joined to ``mention`` by "and" that are that count's alone: "military ties with
        nearly 150 countries and military attaché offices in 109 countries" says two things, and "attaché
        offices" is no word of the 150 (what stands before the first is both counts' subject)."""
        first, last = (at - self.start for at in self.clause(mention))
        words: set[str] = set()
        for one, cut, two in self.pairs:
            if (one is mention or mention.start < one.start) and first <= cut < last:  # and what follows a pair later
                words |= content(self.plain[cut:last]) - content(self.plain[first:cut])
            elif two is mention and one.start - self.start >= first:
                words |= content(self.plain[one.start - self.start : cut]) - content(self.plain[cut:last])
        return words

    def others_words(self, mention: Mention) -> set[str]:
        """The words of the other amounts' clauses: what they are about, not what ``mention`` is."""
        own = self.clause(mention, major=True)
        words: set[str] = set()
        for other in self.amounts:
            clause = self.clause(other, major=True)
            if other is not mention and clause != own:
                words |= content(self.plain[clause[0] - self.start : clause[1] - self.start])
        return words


def title_dates(title: str) -> list[Mention]:
    """The dates a draft's title gives ('China's joint exercises, 2007–08')."""
    return _dates(title)


@functools.lru_cache(maxsize=256)
def _dates(text: str) -> list[Mention]:
    """The dates of a heading or the sentence before (asked again for each sentence after it)."""
    return [m for m in mentions.find(text) if m.kind == "date" and m.span is not None]


def _without(text: str, start: int, found: Sequence[Mention]) -> str:
    """The text with the numbers said in words blanked."""
    chars = list(text)
    for m in found:
        if any(c.isalpha() for c in m.text) and m.kind in ("amount", "percent", "date"):
            chars[m.start - start : m.end - start] = " " * (m.end - m.start)
    return "".join(chars)
