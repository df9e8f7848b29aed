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
#: Text that may hold an anchor (&a), alias (*a), tag (!t), merge key (<<) or document marker: the careful road.
_UNUSUAL = re.compile(r"(?:^|[\s\[{,:-])[&*!]|<<|^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)


class _GiveUp(Exception):
    """The careful road must read this file."""


def parse_clean(text: str, lines: Lines, out: LoadedFile) -> bool:
    """Fill ``out`` from ``text`` when the file is clean; False (``out`` untouched) otherwise."""
    if _Composer is None or "\r" in text or _INVISIBLE.search(text):
        return False  # a lone CR breaks lines for libyaml, not for editors: positions would differ
    if any(mark in text for mark in ("&", "*", "!", "<<", "---", "...")) and _UNUSUAL.search(text):
        return False
    try:
        root = yaml.compose(text, Loader=_Composer)
    except Exception:  # noqa: BLE001 - whatever libyaml stops at, the careful road reports in factcli's words
        return False
    walk = _Walk(text, lines, comments=" #" in text or "\t#" in text, escapes="\\" in text)
    try:
        data = walk.value(root, ()) if root is not None else None
    except _GiveUp:
        return False
    out.data = data
    out.value_pos.update(walk.value_pos)
    out.key_pos.update(walk.key_pos)
    out.empty = data is None
    return True


class _Walk:
    def __init__(self, text: str, lines: Lines, *, comments: bool, escapes: bool) -> None:
        self.text = text
        self.lines = lines
        #: Whether the file has ' #' anywhere: only then can a plain value have a comment glued after it.
        self.comments = comments
        #: Whether it has a backslash: only then can a quoted value hold an invisible character the text does not.
        self.escapes = escapes
        self.value_pos: dict[Path_, tuple[int, int]] = {}
        self.key_pos: dict[Path_, tuple[int, int]] = {}

    def value(self, root: Any, root_path: Path_) -> Any:
        """The value of ``root`` (iteratively: a deep file never exhausts Python's stack)."""
        result: list[Any] = []
        # (node, path, depth, container to put it in, key or index)
        todo: list[tuple[Any, Path_, int, Any, Any]] = [(root, root_path, 0, result, None)]
        while todo:
            node, path, depth, parent, slot = todo.pop()
            mark = node.start_mark  # libyaml's line and column (0-based) are the editor's, a CR aside
            self.value_pos[path] = (mark.line + 1, mark.column + 1)
            if isinstance(node, yaml.ScalarNode):
                value = self._scalar(node)
            elif isinstance(node, yaml.MappingNode):
                if depth >= MAX_DEPTH:
                    raise _GiveUp
                value = {}
                seen: set[str] = set()
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        raise _GiveUp
                    key = key_node.value
                    if key in seen or key == "<<":
                        raise _GiveUp
                    self._scalar(key_node)  # a key is read as a value first: the same refusals apply
                    seen.add(key)
                    key_mark = key_node.start_mark
                    self.key_pos[(*path, key)] = (key_mark.line + 1, key_mark.column + 1)
                    value[key] = None
                    todo.append((value_node, (*path, key), depth + 1, value, key))
            else:  # a sequence
                if depth >= MAX_DEPTH:
                    raise _GiveUp
                value = [None] * len(node.value)
                for i, item in enumerate(node.value):
                    todo.append((item, (*path, i), depth + 1, value, i))
            if slot is None and parent is result:
                result.append(value)
            else:
                parent[slot] = value
        return result[0]

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
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value in _YAML11_BOOLS or _AMBIGUOUS_NUMBER.fullmatch(value):
            raise _GiveUp
        if value and self.comments:
            end = node.end_mark.index
            line_end = self.text.find("\n", end)
            if _COMMENT_AFTER.match(self.text, end, len(self.text) if line_end < 0 else line_end):
                raise _GiveUp
        return value
