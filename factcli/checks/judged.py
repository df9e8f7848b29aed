"""A number of a sentence and the facts bound to it, best first: what the judges of amounts (amounts.py) and of
dates (dates.py) both start from."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from factcli.checks import binding, context, readings, verdicts
from factcli.checks.binding import Bound
from factcli.checks.entities import Names
from factcli.checks.profiles import Profile
from factcli.checks.verdicts import Verdict
from factcli.reading.mention import Mention

#: A fact scoring this much is about what the number says; below it, it is about something else.
BIND = 4.0
#: A date has no noun to bind by: the event's name and entities beside it must carry it.
BIND_DATE = 3.5
#: Below those and above this, a fact may still be what the number is about: not clearly enough to refute it,
#: but enough to bear it out when the number is the fact's own figure or date ("Sudan: 275 / 100 / 60" after
#: "Liberia: 275 engineers, …": the units are the list's before it).
LOOSE = 2.5


@dataclasses.dataclass(frozen=True, slots=True)
class Scene:
    """A sentence and the facts its numbers may be about, weighed once: what every judge of its numbers asks."""

    sentence: context.Sentence
    candidates: Sequence[Profile]
    weight: dict[str, float]
    names: Names


class Judged(NamedTuple):
    """A number of a sentence, its verdict, the fact that decided it and, for a doubt, why."""

    mention: Mention
    verdict: Verdict
    bound: Bound | None
    note: str = ""


def ranked(mention: Mention, scene: Scene) -> list[Bound]:
    least = BIND_DATE if mention.kind == "date" else BIND
    return [b for b in _all_bound(mention, scene) if b.score >= least]


def _all_bound(mention: Mention, scene: Scene) -> list[Bound]:
    """Every candidate bound to the number at all, best first, worked out once a sentence (ranked() and
    loosely() both ask)."""
    key = (mention.start, mention.end)
    bound = scene.sentence.bound
    if key not in bound:
        bound[key] = _bound(readings.read(mention, scene.sentence), scene, -math.inf)
    return list(bound[key])


def loosely(mention: Mention, scene: Scene) -> list[Bound]:
    """The best candidates bound at least ``LOOSE`` (those within ``verdicts.NEAR`` of the best), best first: for
    a number no fact is clearly enough about, the facts that may yet bear it out."""
    best = [b for b in _all_bound(mention, scene) if b.score >= LOOSE]
    return [b for b in best if b.score >= best[0].score - verdicts.NEAR] if best else []


def _bound(reading: readings.Reading, scene: Scene, least: float | None = None) -> list[Bound]:
    """The candidates bound to the number as ``reading`` reads it, best first."""
    bounds = (binding.bind(reading, scene.sentence, p, scene.weight, scene.names) for p in scene.candidates)
    if least is None:
        least = BIND_DATE if reading.mention.kind == "date" else BIND
    return sorted((b for b in bounds if b is not None and b.score >= least), key=lambda b: -b.score)


def untimed(mention: Mention, scene: Scene) -> Callable[[], list[Bound]]:
    """The candidates bound as if the sentence gave no date (asked only before a contradiction: the sentence's
    date may be the writer's mistake, and the fact it ruled out the one the number is about)."""

    def bound() -> list[Bound]:
        untimed = dataclasses.replace(readings.read(mention, scene.sentence), times=(), timed=False)
        return _bound(untimed, scene)

    return bound
