"""A sentence of a draft as check-draft reads it: clauses, the scope of each number, entities and dates.

A number's *scope* is where what it is about is said: its clause for an amount,
the name it begins for an ordinal ("the Third China-Japan-ROK Tabletop
Exercise"), the phrase beside it for a date ("Myanmar in July 2015"). A
sentence's time comes from its own dates, else from the sentence before when it
follows on ("That is nearly 2,000 …"), else its heading's, else the title's.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from factcli.reading import mentions, prose
from factcli.reading.mention import Mention
from factcli.reading.nouns import counts
from factcli.reading.words import STOP, content, stem
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary

#: Where one clause of a sentence ends and another, about something else, may begin.
_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\s(?:while|whereas)\b|\s[–—]\s")
#: "… a mine clearance exercise in January 2002 and a Japanese submarine rescue exercise in April 2002":
#: two things, each with its own number, inside one clause.
_COORDINATED = re.compile(r"\sand\s+(?=(?:a|an|the)\s)")


class Sentence:
    """A sentence of the draft with what it is about: clauses, words, entities, dates."""

    def __init__(self, names: Names, sentence: prose.Sentence, found: Sequence[Mention]) -> None:
        self.start = sentence.start
        self.text = sentence.text
        self.heading = sentence.heading
        self.cells = sentence.cells
        self.major = _clauses(sentence.text, _CLAUSE)
        self.clauses = sorted(self.major + _clauses(sentence.text, _COORDINATED))
        answer = _answers(sentence.text, sentence.before)
        #: The question the sentence answers, if it is an answer.
        self.asked = sentence.before if answer else ""
        #: An answer's words are its question's too ("Q. How many … end of November 2008? A. 1,949.").
        self.words = content(sentence.text) | (content(sentence.before) if answer else set())
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
        self.dates = [m for m in found if m.kind == "date" and m.span is not None]
        self.ordinals = [m for m in found if m.kind == "ordinal"]
        self.amounts = [m for m in found if m.kind in ("amount", "percent", "duration")]
        self.pairs = _pairs(sentence, found)
        #: The dates of the draft's title, when nothing nearer says when.
        self.title_dates: list[Mention] = []
        follows_on = answer or _FOLLOWS_ON.match(sentence.text.lstrip())
        self.context_dates = (_dates(sentence.before) if follows_on else []) or _dates(sentence.heading)
        #: Facts bound to numbers in the sentence before (under the same heading) and earlier in this one.
        self.previous: set[str] = set()
        #: Facts bound to other numbers of this very sentence (a list gives each figure once: none restates).
        self.here: set[str] = set()
        #: The passages those facts are quoted from.
        self.passages: set[str] = set()
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
        if mention.kind == "date" and not self.text[:at].strip() and _LEADS.match(self.text, after):
            after = _LEADS.match(self.text, after).end()  # type: ignore[union-attr]  # "**June 2001** — SCO founded"
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
        last = self.start + _name_end(self.text, at)
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
        cuts = [m.end() for m in _PHRASE_END.finditer(self.text, floor, at)]
        words: set[str] = set()
        for cut in [*reversed(cuts[-3:]), floor]:  # "exercise held in Xinjiang and in Chelyabinsk, Russia, in …"
            words = content(self.text[cut:at])
            if words - _HAPPENED and not _PREDICATE.match(self.text, cut, at):
                break  # only "in", "held in", "was issued on": the phrase goes on before the comma ("signed in" stays)
        if len(words) >= 2 or (words and cut > floor):  # "…, signed in January 1998, met in Guam": the signing's
            return words
        start = mention.end - self.start  # a date that leads: "On September 11, 2002, the UN Security Council …"
        start += len(self.text[start:]) - len(self.text[start:].lstrip(" ,:–—-"))  # "- Mar 2008: ASEAN Plus …"
        words |= content(self.text[start : last - self.start])
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
        return content(self.text[first - self.start : mention.start - self.start])

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
        before = [m.end() for m in _LIST_CUT.finditer(self.text, 0, at)]
        after = _LIST_CUT.search(self.text, end)
        return self.start + (before[-1] if before else 0), self.start + (after.start() if after else len(self.text))

    def times(self, mention: Mention) -> list[Mention]:
        """The dates that say when ``mention`` holds: its clause's, else its sentence's, else its context's,
        else the draft's title's ("… at the end of 2008")."""
        first, last = self.clause(mention)
        column = _dates(self.column(mention)) if self.cells else []  # "| Countries, 2002 paper |": the column's time
        own = [d for d in self.dates if d is not mention and first <= d.start < last and self._nearest(d, mention)]
        elsewhere = [d for d in self.dates if d is not mention and not first <= d.start < last]
        return column or own or elsewhere or self.context_dates or self._title_dates()

    def _title_dates(self) -> list[Mention]:
        """The title's dates; a day there is the draft's own date ("OPINION | 14 April 2026"), the time of what
        the draft says is so now, not of what it tells in the past ("the contingent counted 257 engineers")."""
        days = [d for d in self.title_dates if d.span is not None and d.span[0] == d.span[1]]
        if days and _PAST.search(self.text) and not _PRESENT.search(self.text):
            return [d for d in self.title_dates if d not in days]
        return self.title_dates

    def _nearest(self, date: Mention, mention: Mention) -> bool:
        """A date before a number times it; one after it, unless another amount stands between ("ties with over
        150 countries compare with more than 100 in the 2002 paper": 2002 is the time of the 100, not the 150)."""
        if date.start < mention.start:
            return True  # "As of the end of November 2008, China had 1,949 … in nine mission areas": both
        return not any(mention.start < m.start < date.start for m in self.amounts if m is not mention)

    def clause_topics(self, mention: Mention, names: Names) -> set[str]:
        """The topics the number's own clause names, when the sentence has several clauses ("In June 2007 the SCO
        concluded its treaty …; in August 2007 they ran a joint counter-terrorism exercise": the treaty's
        clause is about no counter-terrorism)."""
        if len(self.major) == 0:
            return self.topics
        first, last = self.clause(mention, major=True)
        return names.topics(self.text[first - self.start : last - self.start])

    def counted_before(self, mention: Mention) -> tuple[str, ...]:
        """What a number with no noun of its own counts, said before it: the lead of a list ("Engineers made
        up the largest contingents: 175 in Congo, … and 257 in Liberia"), or what "of them" stands for ("counts
        attaché offices: … nearly 100 of them")."""
        at = mention.start - self.start
        if _OF_THEM.match(self.text, mention.end - self.start):
            nouns = [w for w in _WORD.findall(self.text[:at]) if counts(w.lower())]
            return (nouns[-1].lower(),) if nouns else ()
        colon = self.text.rfind(":", 0, at)
        if colon < 0 or mention.kind != "amount":
            return ()
        nouns = [w for w in _WORD.findall(self.text[:colon]) if counts(w.lower())]
        return (nouns[0].lower(),) if nouns else ()

    def siblings_words(self, mention: Mention) -> set[str]:
        """The words of a count joined to ``mention`` by "and" that are that count's alone: "military ties with
        nearly 150 countries and military attaché offices in 109 countries" says two things, and "attaché
        offices" is no word of the 150 (what stands before the first is both counts' subject)."""
        first, last = (at - self.start for at in self.clause(mention))
        words: set[str] = set()
        for one, cut, two in self.pairs:
            if one is mention and cut < last - 0:
                words |= content(self.text[cut:last]) - content(self.text[first:cut])
            elif two is mention and one.start - self.start >= first:
                words |= content(self.text[one.start - self.start : cut]) - content(self.text[cut:last])
        return words

    def others_words(self, mention: Mention) -> set[str]:
        """The words of the other amounts' clauses: what they are about, not what ``mention`` is."""
        own = self.clause(mention, major=True)
        words: set[str] = set()
        for other in self.amounts:
            clause = self.clause(other, major=True)
            if other is not mention and clause != own:
                words |= content(self.text[clause[0] - self.start : clause[1] - self.start])
        return words


#: A dash or colon after a date that opens its line: what follows is what happened then.
_LEADS = re.compile(r"\s*[–—:-]\s*")
#: Words that say only that something happened ("…'s Third Symposium on International Issues, held in …"): the
#: phrase that names what goes on before them.
_HAPPENED = frozenset(stem(w) for w in "held hold took place happened occurred convened staged".split())
#: A sentence that tells of the past, and one that says what is so now.
_PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{3,}ed)\b")
_PRESENT = re.compile(r"\b(?:is|are|has|have|now|today|currently|still|remains?)\b", re.I)
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
#: A passive predicate whose subject stands before the comma: '…, "China's Policies …", was issued on'.
_PREDICATE = re.compile(r"[\s\"”’']*(?:was|were|is|are|has been|had been|have been)\s+\w+\s+(?:in|on|at)?\s*$", re.I)
#: Where the phrase a date closes begins: "…, according to the white paper Beijing published in January 2017"
#: (not at a colon: "The declaration is what needs changing: it came out in November 2001").
_PHRASE_END = re.compile(r"[,;()]")
#: What parts the items of a list: "Malaysia in January 2015, Myanmar in August 2015 and Sri Lanka in May 2016".
_LIST_CUT = re.compile(r"[,;]|\s(?:and|or)\s")
#: Where the name an ordinal begins ends: "the Fourth Joint Committee Meeting on Marine Cooperation, …".
_NAME_END = re.compile(r"[,;.:()]|\s(?:and|with|in|at|was|were|is|had|has|which|that|where|when|by)\s")


_PAIRED = re.compile(r"\s+(?:and|or|to|&)\s+[A-Za-z0-9]+(?:st|nd|rd|th)\b", re.IGNORECASE)


#: A sentence that goes on about the one before, and so takes its time: "That is nearly 2,000 …", "Of these, 88 …".
def _answers(text: str, before: str) -> bool:
    """The sentence answers the one before: it starts with an answer's label, and the one before is a question."""
    return bool(prose.ANSWER.match(text)) and (bool(prose.QUESTION.match(before)) or before.rstrip().endswith("?"))


_FOLLOWS_ON = re.compile(
    r"(?:that|this|these|those|it|they|its|their|of these|of them|then|by then|at that (?:point|time)|at the time|"
    r"the same|there|another|the rest|still|also|and|but)\b",
    re.IGNORECASE,
)


def title_dates(title: str) -> list[Mention]:
    """The dates a draft's title gives ('China's joint exercises, 2007–08')."""
    return _dates(title)


@functools.lru_cache(maxsize=256)
def _dates(text: str) -> list[Mention]:
    """The dates of a heading or the sentence before (asked again for each sentence after it)."""
    return [m for m in mentions.find(text) if m.kind == "date" and m.span is not None]


def _pairs(sentence: prose.Sentence, found: Sequence[Mention]) -> list[tuple[Mention, int, Mention]]:
    """Two counts in a row joined by "and" or a comma right after the first one's noun ("275 engineers, 100
    transport troops, 100 medical staff"), and where the join stands."""
    counts = sorted((m for m in found if m.kind in ("amount", "percent") and m.noun), key=lambda m: m.start)
    pairs = []
    for one, two in itertools.pairwise(counts):
        between = sentence.text[one.end - sentence.start : two.start - sentence.start]
        joined = re.match(r"\s*" + r"\s+".join(map(re.escape, one.noun)) + r"(\s+and\s|,\s*(?:and\s+)?)", between)
        if joined:  # the first count's noun, then "and": not "123 judicial assistance and extradition treaties"
            pairs.append((one, one.end - sentence.start + joined.start(1), two))
    return pairs


def _clauses(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


#: Adjectives of the countries a draft on China's security cooperation names most (not "Chinese": the writer's
#: own subject, never what tells facts apart).
_DEMONYMS = {
    "american": "United States", "australian": "Australia", "british": "United Kingdom", "french": "France",
    "indian": "India", "indonesian": "Indonesia", "japanese": "Japan", "kazakh": "Kazakhstan",
    "kyrgyz": "Kyrgyzstan", "malaysian": "Malaysia", "pakistani": "Pakistan", "russian": "Russia",
    "singaporean": "Singapore", "tajik": "Tajikistan", "thai": "Thailand", "uzbek": "Uzbekistan",
    "vietnamese": "Vietnam", "south korean": "South Korea", "lebanese": "Lebanon", "sudanese": "Sudan",
    "liberian": "Liberia", "haitian": "Haiti", "nepalese": "Nepal", "philippine": "Philippines",
}  # fmt: skip
_DEMONYM = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _DEMONYMS), key=len, reverse=True)) + r")\b", re.I)


class Names:
    """Every entity name and alias of the store, found in text with one regular expression."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.topic_names = {
            key: re.compile("|".join(rf"\b{_spaced(name)}\b" for name in (key, topic.title)))
            for key, topic in vocab.topics.items()
        }
        self.topic_words = {
            key: content(f"{key.replace('-', ' ')} {topic.title}") for key, topic in vocab.topics.items()
        }
        #: Short acronyms ("US", "UN", "ROK") are names only in capitals: "come to see us" names no country.
        self.acronyms = {
            name: entity.name
            for entity in vocab.entities.values()
            for name in (entity.name, *entity.aliases)
            if name.isupper() and len(name) <= 4
        }
        folded_acronyms = {fold(a) for a in self.acronyms}
        aliases = sorted((a for a in vocab.aliases if a not in folded_acronyms), key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?![\w$])" if aliases else r"(?!)"
        )
        self.acronym_pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(self.acronyms, key=len, reverse=True))) + r")(?![\w$])"
            if self.acronyms
            else r"(?!)"
        )

    def find(self, text: str, offset: int) -> list[tuple[str, int]]:
        """(canonical name, offset) of each entity ``text`` names."""
        folded = fold(text)
        if len(folded) != len(text):
            folded = text.lower()
        found = [(self.vocab.aliases[m.group()], offset + m.start()) for m in self.pattern.finditer(folded)]
        found += [(self.acronyms[m.group()], offset + m.start()) for m in self.acronym_pattern.finditer(text)]
        for m in _DEMONYM.finditer(text):  # "Indian troops", "the Japanese destroyer": the country
            name = self.vocab.aliases.get(fold(_DEMONYMS[m.group().lower()]))
            if name is not None:
                found.append((name, offset + m.start()))
        return sorted(found, key=lambda item: item[1])

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


_CLAUSE_END = re.compile(r"[,;.:()]")
_TIME_THAT = re.compile(r"\s+times?\b(?:\s+(?:that|when))?", re.IGNORECASE)


def _name_end(text: str, at: int) -> int:
    """Where the name an ordinal at ``at`` begins ends ("the seventh and eighth rounds of …" reads on; "the
    second time the PLA had joined a land-air exercise" names an occasion, to the end of the clause)."""
    pair = _PAIRED.match(text, at)
    start = pair.end() if pair else at
    occasion = _TIME_THAT.match(text, start)
    end = _CLAUSE_END.search(text, occasion.end()) if occasion else _NAME_END.search(text, start)
    return end.start() if end else len(text)


def name_after(text: str, at: int) -> tuple[str, ...]:
    """The words of the name an ordinal begins: '14th ARF Ministerial Meeting on …' → ('arf', 'ministerial',
    'meeting'); '… seventh and eighth rounds of …' → ('rounds',)."""
    pair = _PAIRED.match(text, at)
    start = pair.end() if pair else at
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text[start : _name_end(text, at)])
    return tuple(w.lower() for w in words if w.lower() not in STOP)[:6]
