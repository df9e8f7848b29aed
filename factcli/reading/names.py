"""Proper names in prose: the name an ordinal numbers, and the names a sentence uses.

"the 14th ARF Ministerial Meeting in August 2007" numbers the "ARF Ministerial Meeting"; "The Fourth
Symposium on International Issues was held" uses the name "Symposium on International Issues". A name
is a run of capitalised words with the small words names are made of ("of", "on", "and", "the") inside
it. Names are compared by ``name_key``, so that case, typography, spacing and the hyphens of a line
break ("Secu-rity") never make two spellings of one name differ.
"""

from __future__ import annotations

import functools
import re

from factcli.reading.numbers import read_numbers
from factcli.reading.words import STOP
from factcli.text.dates import MONTHS
from factcli.text.fold import fold

_TOKEN = re.compile(r"[^\W_][\w'’-]*|\S")
_NOT_KEY = re.compile(r"[\W_]+")
#: Small words inside names: "Meeting of Heads", "Parties to the Convention", "Relief by Armed Forces".
_INSIDE = frozenset("of on for and the to by between".split())
#: Words after which a name is complete ("Meeting in August", "Symposium was held"); any other lower-case
#: word means the capitals were a modifier ("the first ARF framework document"), not the whole name.
_AFTER_NAME = _INSIDE | frozenset(
    "in at with from or but as than a an was were is are be been has have had held which that who where when "
    "while since during after before under among into also its their this these co-hosted hosted".split()
)
#: Capitalised because they open a sentence, not because they name something.
_OPENERS = frozenset(
    "the a an in on at since between from by over after before besides as during of this that these those its "
    "their both officers".split()
)


def name_key(text: str) -> str:
    """The comparable form of a name or passage: folded, every space, hyphen and mark removed."""
    return _NOT_KEY.sub("", fold(text))


def word_keys(text: str) -> list[str]:
    """The ``name_key`` of each word of ``text``, in order ("Secu-rity" is one word, "security")."""
    return [key for key in map(name_key, _TOKEN.findall(text)) if key]


def ordinal_name(text: str, ordinal: str) -> str | None:
    """The name ``ordinal`` (as written in ``text``) numbers: "ARF Ministerial Meeting" for "14th" in "At the
    14th ARF Ministerial Meeting in August 2007"; for "seventh" in "the seventh and eighth China-Japan Defense
    and Security Consultation", the consultation. None when what follows is no whole name."""
    at = text.find(ordinal)
    if at < 0:
        return None
    tokens = _TOKEN.findall(text, at + len(ordinal))
    i = 0
    while i < len(tokens) and (tokens[i] in {",", "and", "or"} or _is_ordinal(tokens[i])):
        i += 1  # "seventh and eighth …": the name comes after the ordinals
    run, end = _run(tokens, i)
    if not run or (end < len(tokens) and tokens[end][0].islower() and tokens[end] not in _AFTER_NAME):
        return None
    return " ".join(run)


def proper_names(text: str) -> list[list[str]]:
    """The names of two or more capitalised words in ``text``, each as its words ("Symposium on International
    Issues"); "and" separates names ("China and Japan" is two), as it does a list."""
    tokens = _TOKEN.findall(text)
    out, i = [], 0
    while i < len(tokens):
        if not capital(tokens[i]):
            i += 1
            continue
        run, i = _run(tokens, i)
        if len(run) < 2:
            continue
        for part in " ".join(run).split(" and "):
            words = part.split()
            while words and (words[0].casefold() in _OPENERS or words[0] in _INSIDE):
                words = words[1:]
            if sum(capital(w) for w in words) >= 2:
                out.append(words)
    return out


def _run(tokens: list[str], i: int) -> tuple[list[str], int]:
    """The capitalised words from ``tokens[i]`` with the small words between them; and where the run ends."""
    run: list[str] = []
    while i < len(tokens):
        if capital(tokens[i]):
            run.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j] in _INSIDE and (j > i or tokens[j] != "the"):
            j += 1  # "of the Convention", never "Thailand the ARF Seminar"
        if not run or j == i or j == len(tokens) or not capital(tokens[j]):
            break
        run.extend(tokens[i:j])
        i = j
    return run, i


@functools.lru_cache(maxsize=4096)  # a store's claims use few distinct capitalised words, over and over
def capital(token: str) -> bool:
    """A capitalised word that is no month and no number ("Eight lost their lives", "Fourth Symposium")."""
    return token[0].isupper() and token.casefold() not in MONTHS and not read_numbers(token)


def _is_ordinal(token: str) -> bool:
    readings = read_numbers(token)
    return len(readings) == 1 and readings[0].ordinal and readings[0].text == token


#: Where the name an ordinal begins ends: "the Fourth Joint Committee Meeting on Marine Cooperation, …".
_NAME_END = re.compile(
    r"[,;.:()]|\s(?:and|with|in|at|was|were|is|had|has|which|that|where|when|by|adopts|adopted|approves|approved|"
    r"agrees|agreed|issues|issued|launches|launched|holds|hosts|signs|signed|opens|opened)\s"
)
_PAIRED = re.compile(r"\s+(?:and|or|to|&)\s+[A-Za-z0-9]+(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;.:()]")
_TIME_THAT = re.compile(r"\s+times?\b(?:\s+(?:that|when))?", re.IGNORECASE)


def name_end(text: str, at: int) -> int:
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
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text[start : name_end(text, at)])
    return tuple(w.lower() for w in words if w.lower() not in STOP)[:6]
