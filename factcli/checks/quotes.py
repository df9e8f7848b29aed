"""Quotes against the archived texts of their documents.

A source records the sha256 of the plain text its quotes were checked
against; given a directory of such texts (``validate --texts``), every quote
must occur in its document after folding whitespace, typographic quotes and
dashes, and line-break hyphenation ("con-\ncept").
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcli.errors import UsageError
from factcli.model import Fact, Problem, Source
from factcli.text.fold import TYPOGRAPHY

if TYPE_CHECKING:
    from factcli.store.load import Store

_SPACES = re.compile(r"\s+")
_HYPHENATION = re.compile(r"(?<=[a-z])-\s*(?=[a-z])")


def at_fact(fact: Fact, message: str, check: str, level: str = "error") -> Problem:
    """A problem about a fact, placed where its record starts."""
    loc = fact.location
    return Problem(loc.path if loc else "?", loc.line if loc else 1, loc.column if loc else 1, level, message, check)


def normalise(text: str) -> str:
    """Whitespace, typographic quotes and dashes, and line-break hyphenation ('con-cept') folded away."""
    text = text.translate(TYPOGRAPHY)
    text = _SPACES.sub(" ", text)
    return _HYPHENATION.sub("", text).strip()


def archived_texts(texts: Path) -> dict[str, str]:
    """sha256 → normalised text of every file in ``texts``."""
    if not texts.is_dir():
        msg = (
            f"--texts {str(texts)!r} is not a directory: give the directory of the documents' plain texts "
            "(see factcli validate --help)"
        )
        raise UsageError(msg)
    out = {}
    for path in sorted(texts.iterdir()):
        if path.is_file():
            raw = path.read_bytes()
            out[hashlib.sha256(raw).hexdigest()] = normalise(raw.decode("utf-8", "replace"))
    return out


def check_quotes(
    store: Store, texts: Path, facts: Sequence[Fact] | None = None, *, archived_only: bool = False
) -> list[Problem]:
    """Each quote of ``facts`` (default: the store's) against the archived text of its source, and each source
    they cite against the archive (validate --texts, add --texts); with ``archived_only`` (the store's own
    texts/ folder) a source whose text is not there is not checked, rather than an error."""
    archive = archived_texts(texts)
    out = []
    usable: dict[str, str] = {}
    if facts is None:
        facts, cited = store.facts, list(store.vocab.sources.values())
    else:
        ids = {c.source for fact in facts for c in fact.citations}
        cited = [source for key, source in store.vocab.sources.items() if key in ids]
    for source in cited:
        if archived_only and source.sha256 not in archive:
            continue
        problem = _source_text_problem(source, archive, texts)
        if problem:
            out.append(problem)
        elif source.sha256:
            usable[source.id] = archive[source.sha256]
    for fact in facts:
        for citation in fact.citations:
            text = usable.get(citation.source)
            if text is None:
                continue
            quote = normalise(citation.quote)
            if quote not in text:
                msg = (
                    f"{fact.id}: quote not found in the archived text of {citation.source}; "
                    f"nearest: “{nearest(text, quote)}”"
                )
                out.append(at_fact(fact, msg, "quote-text"))
            elif _cut_at_hash(text, quote):
                msg = (
                    f"{fact.id}: the quote from {citation.source} stops where the document goes on with '#': "
                    "YAML read the rest as a comment; quote the whole value"
                )
                out.append(at_fact(fact, msg, "quote-text"))
    return out


def _cut_at_hash(text: str, quote: str) -> bool:
    """True when every place the quote occurs, the document goes on with ' #' (a comment cut it short)."""
    start = text.find(quote)
    while start >= 0:
        if not text.startswith((" #", "#"), start + len(quote)):
            return False
        start = text.find(quote, start + 1)
    return True


def _source_text_problem(source: Source, archive: dict[str, str], texts: Path) -> Problem | None:
    loc = source.location
    path, line = (loc.path, loc.line) if loc else ("?", 1)
    if not source.sha256:
        return Problem(
            path, line, 1, "warning", f"source {source.id} has no sha256: its quotes cannot be checked", "quote-text"
        )
    if source.sha256 not in archive:
        msg = f"source {source.id}: no file in {texts} has sha256 {source.sha256[:12]}…"
        return Problem(path, line, 1, "error", msg, "quote-text")
    return None


def nearest(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, to show what the document really says."""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, match.a - match.b)
    return text[start : start + len(quote)]
