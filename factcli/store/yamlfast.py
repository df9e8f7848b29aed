"""The fast road for a clean file: libyaml builds the node tree in C, and one walk turns it into values.

``yamlnodes`` builds values from the parser's events in Python, which is what
finds and words every problem of a hand-written file; it is also most of the
time a large store takes to index. Most files have nothing wrong with them,
so this reads them the quick way and hands back *the same* values and
positions. It gives up (returns False, leaving ``out`` untouched) at the first
thing the careful road would report or treat otherwise: an anchor, alias, tag
or merge key, a second document, a duplicate or non-text key, nesting over
the cap, an invisible character, a YAML 1.1 literal, a comment glued to a
value, or anything libyaml itself stops at. The careful road then reads the
file and reports it, word for word as before. Without libyaml there is no
fast road.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from factcli.store.yamlnodes import (
    _AMBIGUOUS_NUMBER,
    _BOOLS,
    _COMMENT_AFTER,
    _FLOAT,
    _INT,
    _INVISIBLE,
    _NULLS,
    _YAML11_BOOLS,
    MAX_DEPTH,
    MAX_DIGITS,
    Lines,
    LoadedFile,
    Path_,
)

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml: no fast road
    _Composer: Any = None
else:

    class _Composer(CParser):  # type: ignore[no-redef]
        """libyaml's composer without PyYAML's tag resolution (values are resolved by YAML 1.2's rules below)."""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
            return None


#: The mark of an anchor (&a), alias (*a) or tag (!t), where it starts a token (see _unusual).
_NODE_MARK = re.compile("[&*!]")
#: A document marker (--- or ...) at the start of a line other than the first.
_DOC_MARKER = re.compile(r"\n(?:---|\.\.\.)(?=\s|\Z)")


def unusual(text: str) -> bool:
    """Whether ``text`` may hold an anchor, alias, tag, merge key or document marker: the careful road's.

    Plain scans rather than the one regex ``(?:^|[\\s[{,:-])[&*!]|<<|^(?:---|\\.\\.\\.)(?:\\s|$)``: a
    pattern that opens with an alternative is tried at every character, 20 ms of a 500 KB file (an
    eighth of reading it); these find the same (tests/test_yamlfast.py holds them to that regex).
    """
    if "<<" in text:
        return True
    for m in _NODE_MARK.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1].isspace() or text[at - 1] in "[{,:-":
            return True
    if text.startswith(("---", "...")) and (len(text) == 3 or text[3].isspace()):
        return True
    return _DOC_MARKER.search(text) is not None


#: Nesting libyaml's composer is given at most (see shallow): it recurses in C once a level, and where libyaml sets
#: no limit of its own (0.2.5: PyYAML 6.0.1's wheels, a system's libyaml) ~20,000 levels overflow an 8 MB stack.
COMPOSE_DEPTH = 10_000


def shallow(text: str) -> bool:
    """Whether ``text`` cannot nest COMPOSE_DEPTH levels, by a bound that costs no parse: each block level starts
    at least one column further right than the one holding it (two, for a sequence under a mapping key), so no
    deeper than twice the longest line, and each flow level needs a bracket of its own. A file that fails it
    (thousands of flow lists, a line of many kilobytes) is read the careful road, whose cap is MAX_DEPTH."""
    brackets = text.count("[") + text.count("{")
    return brackets + 2 * max(map(len, text.split("\n"))) < COMPOSE_DEPTH


class _GiveUp(Exception):
    """The careful road must read this file."""


def parse_clean(text: str, lines: Lines, out: LoadedFile, *, depth: int | None = None) -> bool:
    """Fill ``out`` from ``text`` when the file is clean; False (``out`` untouched) otherwise.

    ``depth`` keeps the positions of values no deeper than that (1: the file's records), for a reader
    that only needs where each record starts (the index build: any problem sends it the thorough road)."""
    if _Composer is None or "\r" in text or _INVISIBLE.search(text):
        return False  # a lone CR breaks lines for libyaml, not for editors: positions would differ
    if unusual(text) or not shallow(text):
        return False
    try:
        root = yaml.compose(text, Loader=_Composer)
    except Exception:  # noqa: BLE001 - whatever libyaml stops at, the careful road reports in factcli's words
        return False
    walk = _Walk(text, lines, comments=" #" in text or "\t#" in text, escapes="\\" in text, depth=depth)
    try:
        data = walk.value(root, ()) if root is not None else None
    except _GiveUp:
        return False
    out.data = data
    out.value_pos.update(walk.value_pos)
    out.key_pos.update(walk.key_pos)
    out.empty = data is None
    return True


#: First characters of the plain scalars that may be numbers, or forms YAML 1.1 reads as numbers (.inf, nan).
_NUMERIC_START = frozenset("0123456789+-.iInN")


class _Walk:
    def __init__(self, text: str, lines: Lines, *, comments: bool, escapes: bool, depth: int | None = None) -> None:
        self.text = text
        #: Positions are kept to this depth (None: all of them).
        self.kept = MAX_DEPTH if depth is None else depth
        self.lines = lines
        #: Whether the file has ' #' anywhere: only then can a plain value have a comment glued after it.
        self.comments = comments
        #: Whether it has a backslash: only then can a quoted value hold an invisible character the text does not.
        self.escapes = escapes
        self.value_pos: dict[Path_, tuple[int, int]] = {}
        self.key_pos: dict[Path_, tuple[int, int]] = {}

    def value(self, node: Any, path: Path_, depth: int = 0) -> Any:
        """The value of ``node`` (recursion stays within MAX_DEPTH levels: deeper gives up)."""
        if depth <= self.kept:
            mark = node.start_mark  # libyaml's line and column (0-based) are the editor's, a CR aside
            self.value_pos[path] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self._scalar(node)
        if depth >= MAX_DEPTH:
            raise _GiveUp
        if kind is yaml.SequenceNode:
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        key_pos = self.key_pos
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _GiveUp
            key = key_node.value
            if key in mapping or key == "<<":
                raise _GiveUp
            self._scalar(key_node)  # a key is read as a value first: the same refusals apply
            child = (*path, key)
            if depth < self.kept:
                key_mark = key_node.start_mark
                key_pos[child] = (key_mark.line + 1, key_mark.column + 1)
            mapping[key] = self.value(value_node, child, depth + 1)
        return mapping

    def _scalar(self, node: Any) -> Any:
        value: str = node.value
        if self.escapes and _INVISIBLE.search(value):
            raise _GiveUp
        if node.style not in (None, ""):
            return value
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if value[:1] in _NUMERIC_START:
            if _INT.fullmatch(value):
                if len(value) > MAX_DIGITS:  # too large, or nearly: the careful road judges and words it
                    raise _GiveUp
                return int(value)
            if _FLOAT.fullmatch(value):
                number = float(value)
                if not math.isfinite(number):
                    raise _GiveUp
                return number
            if _AMBIGUOUS_NUMBER.fullmatch(value):
                raise _GiveUp
        if value in _YAML11_BOOLS:
            raise _GiveUp
        if value and self.comments:
            end = node.end_mark.index
            line_end = self.text.find("\n", end)
            if _COMMENT_AFTER.match(self.text, end, len(self.text) if line_end < 0 else line_end):
                raise _GiveUp
        return value
