"""Whether a figure's clause states how things stand or what was done, which decides how the document's as-of
time dates it: a state ("China has established military ties with over 150 countries") holds at it, a
doing ("It has conducted exchange visits of more than 100 delegations") ends by it."""

from __future__ import annotations

import re

#: Verbs that say something was done (a count of doings ends at the document's time: a period) …
_ACTIVITY = frozenset(
    "sent dispatched conducted held hosted co-hosted come came visited provided arrested solved participated "
    "taken took trained escorted deployed laid lost killed wounded seized completed made received organized "
    "organised attended undertaken played carried staged rescued evacuated delivered donated contributed "
    "exported imported built dispatched launched began begun started opened".split()
)
#: … and verbs that say how things stand (a state holds at the document's time: a date).
_STATE = frozenset(
    "has have is are established concluded acceded signed set maintained able will include includes stands "
    "remain remains ratified joined own owns possess possesses provide participate achieve facilitate".split()
)
_VERB_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


_AUXILIARIES = frozenset("has have had is are was were been be being".split())


def holds_now(before: str, after: str) -> bool:
    """True when the clause around a number states how things stand (has, is, established) rather than what was
    done (sent, conducted, hosted): the verb nearest before the number, else the first after it ("have come":
    the verb, not its auxiliary)."""
    found = verb(before, after)
    return found is None or found[0] not in _ACTIVITY


def states(before: str, after: str) -> bool:
    """True when the clause's verb is one that says how things stand ("has so far concluded 170 treaties"), not
    an auxiliary before a verb of neither kind ("have been recovered")."""
    found = verb(before, after)
    return found is not None and found[0] in _STATE and found[0] not in _AUXILIARIES


def verb(before: str, after: str) -> tuple[str, bool] | None:
    """The verb that says what a number's clause is (see ``holds_now``), and whether it is in a perfect tense
    ("have come", "has sent") rather than the simple past ("took part")."""
    words = _VERB_WORD.findall(before)
    for i in range(len(words) - 1, -1, -1):
        low = words[i].lower()
        if low in _ACTIVITY or low in _STATE:
            return low, _perfect(words[max(0, i - 3) : i])
    words = _VERB_WORD.findall(re.split(r"[;.]\s", after, maxsplit=1)[0])[:30]
    for i, word in enumerate(words):
        low = word.lower()
        if low in _ACTIVITY or (low in _STATE and low not in _AUXILIARIES):
            return low, _perfect(words[max(0, i - 3) : i])
    return None


def _perfect(before: list[str]) -> bool:
    return any(w.lower() in ("has", "have", "had") for w in before)
