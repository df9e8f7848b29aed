"""The store's names: sources, entities with their aliases, topics, metrics and the readers' words (thesaurus).

The loaded store and the index each hold one, so that every command resolves a
name the same way, whichever of the two answered it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcli.text.fold import fold

if TYPE_CHECKING:
    from factcli.model import Entity, Metric, Source, Synonyms, Topic


class Vocabulary:
    """Records by key, and every entity name and alias (folded) → the canonical entity name."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.topics: dict[str, Topic] = {}
        self.metrics: dict[str, Metric] = {}
        self.aliases: dict[str, str] = {}
        #: The thesaurus's entries by each reader's word, folded.
        self.thesaurus: dict[str, Synonyms] = {}

    def canonical_entity(self, name: str) -> str | None:
        """The canonical name for a name or alias as a user types it (case, accents and typography ignored)."""
        return self.aliases.get(fold(name))

    def entity_names(self) -> list[str]:
        """Every canonical name and alias, for suggestions and completion."""
        return [n for e in self.entities.values() for n in (e.name, *e.aliases)]
