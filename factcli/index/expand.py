"""A reader's words as the store words things: each word of a search becomes a *concept*, the words any of
which a fact may use for it.

Readers do not use the documents' words: they type "troops" for "personnel", "drills" for "exercises",
"defence" where the papers write "defense". A concept holds the word as typed, its British and American
spellings, and what the store's thesaurus (thesaurus.yaml, the curators' own) says readers mean by it,
phrases included ("blue helmets", "horn of africa"). Words that only phrase a question ("how many did
China hold") are dropped, so they never decide a search; a query of nothing else keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factcli.index import search
from factcli.text.fold import fold

#: Words that phrase a question or fill a sentence and say nothing of which fact is meant.
FILLERS = search.STOPWORDS | frozenset(
    "about after all also am among any been before being between both can could date dates does doing done each "
    "ever figure figures get gets got give gives given go goes going gone went come came comes had having hold "
    "holds held i if into its just me more most my no not now currently today off once only other our out own "
    "please same should show since so some such tell than that them then these they this those through too up "
    "very we whom why will would you your".split()
)
#: Years from one to another as readers type them: "2007-08", "2007–2008".
_YEAR_SPAN = re.compile(r"(?<![\w.])((?:19|20)[0-9]{2})\s*[-–—/]\s*([0-9]{2}|(?:19|20)[0-9]{2})(?![\w.])")
#: The longest thesaurus phrase looked for, in words.
LONGEST_PHRASE = 4

#: British and American spellings of one word, by its ending: "defence" ~ "defense", "organisation" ~
#: "organization", "labour" ~ "labor", "centre" ~ "center", "programme" ~ "program", "analyse" ~ "analyze".
#: Both ways; a spelling no fact uses matches nothing, so a variant that is no word costs nothing.
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"),
    ("ence", "ense"), ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("mme", "m"),
    ("mmes", "ms"), ("yse", "yze"), ("ogue", "og"), ("elled", "eled"), ("elling", "eling"),
)  # fmt: skip
#: A word this short keeps its spelling ("four" is no "for", "or" no "our").
_SHORTEST_VARIANT = 5


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the reader asked for, and every way a fact may say it."""

    #: As the reader typed it (folded), for messages.
    typed: str
    #: Words and phrases any of which counts, each as FTS5 reads a phrase.
    alternatives: tuple[str, ...] = ()
    #: For a number: its canonical numeral, looked for among the numbers (and the years) a fact states.
    number: str | None = None
    #: The store's word a typo was read as, when the word as typed matched nothing.
    corrected: str | None = None
    #: For a span of years ("2007-08"): each year, any of which counts.
    years: tuple[str, ...] = ()

    def match(self) -> str:
        """The concept as an FTS5 expression."""
        if self.years:
            return "(" + " OR ".join(f'years:"{y}"' for y in self.years) + ")"
        if self.number is not None:
            if search.is_year(self.number):
                return f'(numbers:"{self.number}" OR years:"{self.number}")'
            return f'numbers:"{self.number}"'
        return "(" + " OR ".join(f'"{a}"' for a in self.alternatives) + ")"

    @property
    def shown(self) -> str:
        """The concept as the reader is told it was searched: the correction, else the word as typed."""
        return self.corrected or self.typed

    @property
    def note(self) -> str | None:
        """What to tell the reader about how the word was read."""
        if self.corrected is None:
            return None
        return f"no fact mentions “{self.typed}”: searched for “{self.corrected}” instead"

    @property
    def words(self) -> tuple[str, ...]:
        """Every single word of its alternatives (for the metric bonus)."""
        return tuple(w for a in self.alternatives for w in a.split())


def concepts(text: Sequence[str], thesaurus: Mapping[str, Sequence[str]]) -> list[Concept]:
    """The concepts of a search, in the order typed: numbers, then phrases and words.

    ``thesaurus`` maps a reader's word or phrase, folded, to the store's words it stands for.
    """
    numbers: list[str] = []

    def take(m: re.Match[str]) -> str:
        numbers.append(search.canonical(m.group()))
        return " "

    spans: list[Concept] = []

    def span(m: re.Match[str]) -> str:  # "2007-08", "2007–2008": a concept of the years between
        first, last = int(m.group(1)), int(m.group(2))
        last = last if last >= 100 else first // 100 * 100 + last
        if first <= last <= first + 30:
            years = tuple(str(y) for y in range(first, last + 1))
            spans.append(Concept(m.group(), number=years[0], years=years))
            return " "
        return m.group()

    joined = _YEAR_SPAN.sub(span, " ".join(text))
    tokens = search.words_of(fold(search.QUERY_NUMBER.sub(take, joined)))
    out = [*spans, *(Concept(n, number=n) for n in dict.fromkeys(numbers))]
    phrases = {_key(k.split()): (k, tuple(v)) for k, v in thesaurus.items()}
    found: list[Concept] = []
    i = 0
    while i < len(tokens):
        for size in range(min(LONGEST_PHRASE, len(tokens) - i), 0, -1):
            entry = phrases.get(_key(tokens[i : i + size]))
            if entry is not None and (size > 1 or tokens[i] not in FILLERS):
                typed = " ".join(tokens[i : i + size])
                found.append(Concept(typed, _alternatives(typed, entry[1])))
                i += size
                break
        else:
            found.append(Concept(tokens[i], _alternatives(tokens[i], ())))
            i += 1
    kept = [c for c in found if c.typed not in FILLERS] or found
    unique = {c.typed: c for c in kept}
    return out + list(unique.values())


def _key(words: Sequence[str]) -> tuple[str, ...]:
    """A phrase compared by its words in the singular: 'drills' is 'drill', 'blue helmets' is 'blue helmet'
    ('starter' stays 'starter': only a plural ending is read off)."""
    return tuple(_singular(w) for w in words)


def _singular(word: str) -> str:
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if word.endswith(plural) and len(word) - len(plural) >= 3 and not word.endswith(("ss", "us", "is")):
            return word[: -len(plural)] + single
    return word


def _alternatives(typed: str, means: Sequence[str]) -> tuple[str, ...]:
    words = [typed, *(fold(m) for m in means)]
    out: list[str] = []
    for phrase in words:
        clean = " ".join(search.words_of(phrase))
        if clean:
            out.append(clean)
            if " " not in clean:
                out.extend(spellings(clean))
    return tuple(dict.fromkeys(out))


def spellings(word: str) -> list[str]:
    """The word's other spellings, British to American and back ('defence' → ['defense'])."""
    if len(word) < _SHORTEST_VARIANT or not word.isalpha():
        return []
    out = []
    for british, american in _SPELLINGS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                out.append(word[: -len(ending)] + other)
    return out
