"""The store's entity names and topics as a draft names them: aliases, acronyms in capitals, demonyms ("Indian
troops" name India), topic titles with or without a hyphen."""

from __future__ import annotations

import re

from factcli.reading.words import content
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary


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
