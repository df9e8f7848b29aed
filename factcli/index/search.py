"""Full-text search: what is indexed for each fact, how a user's words become a query, how hits rank.

SQLite's FTS5 with the porter stemmer, so "treaty" finds "treaties" and
"peacekeepers" finds "peacekeeping"; accents and case folded. Besides the
fact's own text, each fact is indexed under the words readers use for it:
its entities' aliases ("ROK"), its metric's key and aliases ("military ties"),
hyphenated words joined ("stand-by" as "standby"), every number it states in
canonical form (so "1949", "1,949" and "1 949" all find 1,949) and the years
it covers (so "peacekeepers 2002" finds what held in 2002 even where the text
says "at present"). Every word the user typed must match; the best matches
come first, and a year in the query favours facts about that year alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcli.text.fold import fold

if TYPE_CHECKING:
    from factcli.model import Fact
    from factcli.store.vocab import Vocabulary

#: The indexed columns and how much a hit in each counts (bm25 weights). The metric weighs most:
#: its key and aliases say what a fact counts, which is what a reader names ("peacekeepers 2008").
COLUMNS = ("id", "claim", "entities", "tags", "value_text", "quote", "metric", "topic", "numbers", "years")
WEIGHTS = (2.0, 4.0, 3.0, 2.0, 3.0, 1.0, 5.0, 1.0, 3.0, 0.5)
TOKENIZER = "porter unicode61 remove_diacritics 2"

#: Words a question is phrased with that say nothing about which fact is meant.
STOPWORDS = frozenset(
    "a an and are as at be by did do does for from has have how in is it many much number numbers of on or "
    "the their there to was were what when where which who with".split()
)
#: A number as people write it: 1949, 1,949, 11 063 (no-break, narrow or thin space), 3.4.
_NUMERAL = re.compile(
    r"(?<![\w.])[0-9]{1,3}(?:[,\u00a0\u202f\u2009][0-9]{3})+(?:\.[0-9]+)?(?![\w])|[0-9]+(?:\.[0-9]+)?"
)
_SEPARATOR = re.compile("[,\u00a0\u202f\u2009 ]")
#: A number typed in a search, where a plain space may separate thousands too ("1 949"); not inside a word.
QUERY_NUMBER = re.compile(r"(?<![\w.])(?:[0-9]{1,3}(?:[,\u00a0\u202f\u2009 ][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![\w.])")
#: A word: letters, possibly with digits in it ("MH370", "G20"); numbers alone are read as numbers.
_WORD = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
#: How much a year in the query adds for a fact that holds for that one year (less the longer its span).
YEAR_WEIGHT = 6.0
#: How much a fact's metric adds when the query names all of what the metric counts (in proportion).
METRIC_WEIGHT = 2.0
#: How much a number in the query adds for the fact whose value it is (not one it merely mentions).
VALUE_WEIGHT = 4.0
_SUFFIXES = ("ings", "ing", "ers", "ies", "es", "ed", "er", "s")


def words_of(text: str) -> list[str]:
    """The words of folded text: letters, possibly with digits in them ("mh370", "g20")."""
    return [w for w in _WORD.findall(text) if not w.isdigit()]


def canonical(numeral: str) -> str:
    """'1,949' → '1949', '11 063' → '11063', '3.50' → '3.5', '2.0' → '2'."""
    plain = _SEPARATOR.sub("", numeral)
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain


def is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100


def columns(vocab: Vocabulary, fact: Fact, first_year: int, last_year: int) -> tuple[str, ...]:
    """The text indexed for ``fact``, one string per column of COLUMNS."""
    aliases = [a for name in fact.entities if name in vocab.entities for a in vocab.entities[name].aliases]
    metric = vocab.metrics.get(fact.metric) if fact.metric else None
    topic = vocab.topics.get(fact.topic)
    quotes = " ".join(c.quote for c in fact.citations)
    numbers = stated_numbers(fact.claim, fact.value_text, quotes)
    if fact.value is not None:
        numbers.add(canonical(repr(fact.value)))
    return (
        fact.id.replace("-", " "),
        _joined(fact.claim),
        _joined(" ".join([*fact.entities, *aliases])),
        _joined(" ".join(fact.tags)),
        fact.value_text,
        _joined(quotes),
        _joined(" ".join([metric.key.replace("-", " "), *metric.aliases]) if metric else ""),
        _joined(f"{fact.topic} {topic.title if topic else ''}"),
        " ".join(sorted(numbers)),
        " ".join(str(year) for year in range(first_year, last_year + 1)),
    )


def stated_numbers(*texts: str) -> set[str]:
    """Every numeral of the texts, canonical. One scan of them all (a build makes 100,000 of these): a line
    break between two texts starts and ends a numeral as a text's own edges do."""
    return {n if n.isdigit() else canonical(n) for n in _NUMERAL.findall("\n".join(texts))}  # '2008' is canonical


def _joined(text: str) -> str:
    """The text with each hyphenated word also written joined ('stand-by' → 'stand-by standby')."""
    if "-" not in text:
        return text
    joined = [a + b for a, b in _HYPHENATED.findall(text)]
    return f"{text} {' '.join(joined)}" if joined else text


def year_bonus(years: Sequence[int], first_year: int, last_year: int) -> float:
    """Favour a fact about the year asked for over one whose long span merely includes it."""
    span = last_year - first_year + 1
    return sum(YEAR_WEIGHT / span for year in years if first_year <= year <= last_year)


def metric_bonus(words: Sequence[str], metric: str | None) -> float:
    """Favour the fact whose metric is what the query names: "peacekeepers 2008" names un-peacekeepers-deployed
    (one of its two words) more than police-peacekeepers-deployed (one of three) or a fact in no metric."""
    if not metric or not words:
        return 0.0
    counted = {light_stem(w) for w in metric.split("-") if len(w) > 2}
    named = {light_stem(w) for w in words}
    return METRIC_WEIGHT * len(counted & named) / len(counted) if counted else 0.0


def light_stem(word: str) -> str:
    """A light English stem, enough to meet a metric's key halfway ('peacekeepers' → 'peacekeep')."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def value_bonus(numbers: Sequence[str], value: float | None) -> float:
    """Favour the fact whose value a number in the query is: '1949' means the 1,949, not a text citing it."""
    if value is None:
        return 0.0
    return VALUE_WEIGHT if any(float(n) == value for n in numbers) else 0.0


def any_terms(words: Sequence[str]) -> list[str]:
    """FTS5 terms for whole words as written (the index's own stemmer reads them): one per distinct word."""
    clean = {w for w in (fold(word) for word in words) if w.isalnum() and w not in STOPWORDS}
    return [f'"{w}"' for w in sorted(clean)]
