"""The names in a document's sentence: the happenings it reports (meetings held, documents signed) and the
store's entities it names.

A happening is a name whose words say it happens ("the Eighth SCO Meeting of Heads of …", "the Bishkek
Summit", "the “Cooperation for Law Enforcement 2015” exercise"), or a document's name right after a verb
that concludes it ("signed the Agreement on …", "concluded the Treaty …"); a standing body ("the ASEAN
Regional Forum", "Northeast Asia Cooperation Dialogue (NEACD)") is no happening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcli.checks.entities import Names
from factcli.reading.names import name_key
from factcli.text.dates import MONTHS
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary

#: The last words of names of things that take place.
MEETINGS = frozenset(
    "summit summits meeting meetings conference conferences dialogue dialogues seminar seminars workshop "
    "workshops exercise exercises drill drills course courses forum talks consultation consultations discussion "
    "discussions symposium operation session round games congress visit expo roundtable".split()
)
#: The last words of names of documents, which happen when they are signed or adopted.
DOCUMENTS = frozenset(
    "agreement agreements treaty treaties declaration plan document charter convention guidelines memorandum "
    "protocol statement communique communiqué code initiative resolution accord pact strategy roadmap".split()
)
#: Verbs that make a document happen; any other verb (submitted, implemented, supports) does not.
_CONCLUDING = frozenset(
    "signed sign signing concluded conclude finalized finalised formulated formulating formulate adopted adopt "
    "passed pass released issued launched launching ratified approved initialed endorsed reached inked".split()
)
_OTHER_VERBS = frozenset(
    "submitted implemented supports support supported held hosted attended participated joined observed "
    "proposed drafted promoted included presented put".split()
)
_PASSIVE = re.compile(r"^[^,;:—–]{0,60}?\b(?:adopted|signed|released|concluded|passed|issued|launched|approved)\b")
#: Lower-case words for a happening beside a quoted title: 'the multi-task exercise "…"', 'the “Peace-2007” … exercise'.
_HAPPENING_NOUN = (
    r"(?:exercises?|drills?|operations?|training|seminars?|forums?|dialogues?|meetings?|conferences?|summits?|"
    r"campaigns?|patrols?|games)"
)
_NOUN_BEFORE = re.compile(rf"\b{_HAPPENING_NOUN}\s*$")
_NOUN_AFTER = re.compile(rf"^\s*(?:[a-z-]+\s+){{0,3}}{_HAPPENING_NOUN}\b")
_DOCUMENT_AFTER = re.compile(r"\s+(?:initiative|agreement|treaty|declaration|plan|strategy|roadmap)\b")
_QUOTED = re.compile(r"[“\"](?P<title>[^”\"]{2,80})[”\"]")
_TOKEN = re.compile(r"[^\s,;:()“”\"—–\[\]]+")
_CONNECTORS = frozenset("of on for and the to by between".split())
_OPENERS = frozenset("the a an at in on since between from by over after as during of this that its their".split())
_ACRONYM_AFTER = re.compile(r"^\s*\([A-Z][A-Za-z-]{1,9}\)")
_ORDINAL_START = re.compile(
    r"^(?:[0-9]+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)\b"
)
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
#: A country's name before its currency names the currency, not the country: "200,000 US dollars".
_CURRENCY = re.compile(r"\b([A-Z][\w.]*)(?=\s+(?:dollars?|yuan|rupees?|pounds?|euros?|yen|rubles?|roubles?)\b)")
#: A country a sea or a gulf is named after is not named by it: "the Sea of Japan".
_PLACE_OF = re.compile(r"\b(?:Sea|Gulf|Straits?|Bay)\s+of\s+(?:the\s+)?([A-Z][\w-]*)")
#: A country after a point of the compass is another country, unless the store has it by that name: "South Sudan".
#: ("the South China Sea" names no other country: a name goes on after it).
_COMPASS = re.compile(r"\b(?:South|North|East|West)(?:ern)?\s+([A-Z][\w-]*)\b(?![\s-]+[A-Z])")
_DEFINED = re.compile(r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5})\s*\((?P<list>[^()]{3,120}(?:,|\band\b)[^()]*)\)")


@dataclass(frozen=True, slots=True)
class Happening:
    """A happening a sentence names: where its name is (offsets in the sentence), the name, and its kind."""

    start: int
    end: int
    name: str
    kind: str  # "meeting", "document", "submitted" (a document submitted) or "titled"

    @property
    def key(self) -> str:
        return name_key(self.name)


def happenings(sentence: str, vocab: Vocabulary) -> list[Happening]:
    """The happenings ``sentence`` names, in order; a name goes on with a document's word in lower case after it
    ("launched the Action for Peacekeeping initiative")."""
    out = []
    for run in [
        (a, b + len(m.group()) if (m := _DOCUMENT_AFTER.match(sentence, b)) else b) for a, b in _runs(sentence)
    ]:
        for name in _split(sentence, run):
            kind = _happens(sentence, name, vocab)
            if kind:
                out.append(Happening(name.start, name.end, name.name, kind))
    for m in _QUOTED.finditer(sentence):
        beside = _NOUN_BEFORE.search(sentence[max(0, m.start() - 30) : m.start()]) or _NOUN_AFTER.match(
            sentence[m.end() :]
        )
        if beside and not any(h.start <= m.start() < h.end for h in out):
            out.append(Happening(m.start(), m.end(), m.group(), "titled"))
    return sorted(out, key=lambda h: h.start)


def _runs(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words, with the small words names are made of inside."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    runs, i = [], 0
    while i < len(tokens):
        if not _capital(tokens[i][2]):
            i += 1
            continue
        first, last = i, i
        j = i + 1
        while j < len(tokens) and not sentence[tokens[j - 1][1] : tokens[j][0]].strip():
            if _capital(tokens[j][2]):
                last = j
            elif tokens[j][2] not in _CONNECTORS or (tokens[j][2] == "the" and j == last + 1):
                break  # "co-hosted with Malaysia the Fourth ARF …": two names, not one
            j += 1
        while first <= last and tokens[first][2].lower() in _OPENERS | _CONNECTORS:
            first += 1  # "At the Bishkek Summit": the name starts at "Bishkek"
        if first <= last:
            end = tokens[last][1]
            if tokens[last][2].endswith(".") and len(tokens[last][2]) > 3:
                end -= 1  # the sentence's full stop, not "St." or "Co."
            runs.append((tokens[first][0], end))
        i = last + 1
    return runs


def _capital(token: str) -> bool:
    word = token.strip("'’.")
    return bool(word) and (word[0].isupper() or bool(_ORDINAL_START.match(word))) and word.lower() not in MONTHS


def _split(sentence: str, run: tuple[int, int]) -> list[Happening]:
    """A run as names: split at "and the" (two names), and at "and" before a name of three words or more
    ("the Ninth APEC … Forum and International Search and Rescue … Exercise")."""
    start, end = run
    text = sentence[start:end]
    cuts = list(re.finditer(r"\s+and\s+the\s+|\s+and\s+", text))
    pieces, at = [], 0
    for m in cuts:
        after = re.split(r"\s+and\s+the\s+", text[m.end() :])[0]
        words = re.findall(r"\S+", after)
        if "the" in m.group() or (
            sum(w[0].isupper() for w in words) >= 3
            and _head(text[at : m.start()])
            and _head(after)
            and not _INNER_HYPHEN.sub("", words[0]).endswith("ing")  # "… Terrorism and Promoting Dialogue …": one name
        ):
            pieces.append((at, m.start()))
            at = m.end()
    pieces.append((at, len(text)))
    return [Happening(start + a, start + b, text[a:b], "") for a, b in pieces if text[a:b].strip()]


def _head(name: str) -> str:
    """ "meeting" or "document" by the first of the name's words that says which ("Agreement on Conducting
    Joint Military Exercises" is a document), else ''."""
    for word in name.split():
        low = _INNER_HYPHEN.sub("", word).lower().strip("'’.")
        if low in MEETINGS:
            return "meeting"
        if low in DOCUMENTS:
            return "document"
    return ""


def _happens(sentence: str, h: Happening, vocab: Vocabulary) -> str:
    """The kind of a name of a meeting that is no standing body, or of a document the sentence concludes;
    '' for any other name."""
    kind = _head(h.name)
    if not kind or _known(h.name, vocab):
        return ""
    if _ACRONYM_AFTER.match(sentence[h.end :]) and not _ORDINAL_START.match(h.name):
        return ""  # "Northeast Asia Cooperation Dialogue (NEACD)": a body known by its acronym
    if kind == "meeting":
        return kind
    boundary = max(sentence.rfind(mark, 0, h.start) for mark in (";", "—", "–", ":"))
    for word in reversed(re.findall(r"[A-Za-z]+", sentence[boundary + 1 : h.start])):
        low = word.lower()
        if low in _CONCLUDING:
            return kind
        if low == "submitted":
            return "submitted"  # an event only where no meeting it was submitted to is named
        if low in _OTHER_VERBS:
            return ""
    return kind if _PASSIVE.match(sentence[h.end :]) else ""


def _known(name: str, vocab: Vocabulary) -> bool:
    """An entity's name, or the start of one ("Conference on Interaction and Confi-dence-Building Measures"
    before "in Asia")."""
    key = name_key(name)
    keys = _ALIAS_KEYS.get(id(vocab))
    if keys is None or keys[0] is not vocab:
        keys = _ALIAS_KEYS[id(vocab)] = (vocab, [name_key(alias) for alias in vocab.aliases])
    return any(alias.startswith(key) for alias in keys[1]) if len(key) > 3 else False


#: Each vocabulary's alias keys, made once (a document asks for every name it has).
_ALIAS_KEYS: dict[int, tuple[Vocabulary, list[str]]] = {}


class Entities:
    """The store's entities a passage names, as the store records them: each named once; a body named inside
    a longer name left out ("United Nations" in "United Nations Mission in Liberia"), a country kept."""

    def __init__(self, vocab: Vocabulary, document: str = "") -> None:
        self.names = Names(vocab)
        self.vocab = vocab
        self.countries = sorted(
            (e.name for e in vocab.entities.values() if e.kind == "country" and " " not in e.name), key=len
        )
        #: Names the document defines by a list: "ASEAN Plus Three (China, Japan and the Republic of Korea)".
        self.defined: dict[str, list[str]] = {}
        for m in _DEFINED.finditer(document):
            listed = self.find(m.group("list"))
            if len(listed) >= 2:
                self.defined[m.group("name")] = listed

    def inside(self, name: str, whole: str) -> bool:
        """True when entity ``name`` is named by a word of entity ``whole``'s names ("UN" in "UN Mission in …", and in
        "African Union/UN Hybrid Operation …": a slash parts words)."""
        words = {w for n in (whole, *self.vocab.entities[whole].aliases) for w in re.findall(r"[\w-]+", n)}
        return name != whole and any(alias in words for alias in (name, *self.vocab.entities[name].aliases))

    def find(self, text: str) -> list[str]:
        """Canonical names in the order ``text`` names them."""
        plain = _INNER_HYPHEN.sub("", text.replace("-\n", "").replace("\u00a0", " "))
        for pattern in (_CURRENCY, _PLACE_OF):
            plain = pattern.sub(_unnamed, plain)
        plain = _COMPASS.sub(lambda m: m.group() if fold(m.group()) in self.vocab.aliases else _unnamed(m), plain)
        folded = fold(plain)
        if len(folded) != len(plain):
            folded = plain.lower()
        outer = [(m.start(), m.end(), self.vocab.aliases[m.group()]) for m in self.names.pattern.finditer(folded)]
        found: list[tuple[int, str]] = []
        for name, at in self.names.find(plain, 0):
            inside = any(a <= at < b and name != whole for a, b, whole in outer)
            if not inside or self.names.kind(name) == "country":
                found.append((at, name))
        for a, b, _ in outer:  # countries named inside a longer name: "Mission in the Democratic Republic of the Congo"
            for m in self.names.pattern.finditer(folded, a + 1, b):
                name = self.vocab.aliases[m.group()]
                if self.names.kind(name) == "country":
                    found.append((m.start(), name))
        found += self._adjectives(plain)
        for defined, listed in self.defined.items():
            at = plain.find(defined)
            if at >= 0:
                found += [(at, name) for name in listed]
        return list(dict.fromkeys(name for _, name in sorted(found)))

    def _adjectives(self, text: str) -> list[tuple[int, str]]:
        """Countries named by a word made from their name: "Somali waters", "Singaporean waters"."""
        out = []
        for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text):
            word = m.group()
            for country in self.countries:
                if word != country and (
                    (word.startswith(country) and len(word) - len(country) <= 4)
                    or (country.startswith(word) and len(country) - len(word) == 1 and len(word) >= 5)
                ):
                    out.append((m.start(), country))
        return out


def _unnamed(m: re.Match[str]) -> str:
    """The match with its first group made spaces: the name there names no entity."""
    return m.group()[: m.start(1) - m.start()] + " " * len(m.group(1)) + m.group()[m.end(1) - m.start() :]
