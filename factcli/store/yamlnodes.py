"""Values and positions from the YAML parser's event stream: the part of reading that builds.

PyYAML's constructors keep the last of two duplicate keys, turn ``no`` into
False, ``010`` into 8 and ``2008-11-30`` into a date, and expand aliases. So
values are built here from the parser's *events*, iteratively, with a depth
cap; plain scalars resolve by YAML 1.2's core schema, and the forms YAML 1.1
readers read otherwise are refused with a hint. Every refusal is recorded and
building goes on, so a file's problems are reported all at once.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from factcli.model import Problem
from factcli.text.chars import char_name

#: The most digits an integer may have: 10^18 is beyond any count a document reports, and Python refuses to
#: convert 4,300 digits.
MAX_DIGITS = 18
#: Deeper nesting than this is refused; no store needs more than 5 levels (libyaml's own limit is 1000).
MAX_DEPTH = 64

Path_ = tuple[int | str, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
# Forms that YAML 1.1 and 1.2 tools read differently, or read as something the writer did not mean.
_AMBIGUOUS_NUMBER = re.compile(
    r"[-+]?(?:0[0-9_]+(?:\.[0-9_]*)?|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|\.?(?:inf|Inf|INF|nan|NaN|NAN))"
)
# Characters that change what a reader sees without being visible: controls, bidi overrides, BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_COMMENT_AFTER = re.compile(r"[ \t]+#")
#: Fields that hold a document's own words: cut short by a comment, they are an error, not a warning.
_VERBATIM = frozenset({"quote", "value_text"})
#: Keys of refused entries start with this: they never shadow a real key and never reach the data.
_KEY_PREFIX = "\x00"


@dataclass
class LoadedFile:
    """What one file held, where each value started, and what was wrong with it."""

    path: str
    data: Any = None
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: Values already reported as refused (tags, aliases, ambiguous literals): later checks stay quiet on them.
    refused: set[Path_] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    empty: bool = False

    def pos(self, path: Path_) -> tuple[int, int]:
        """Position of a value, else of its key, else of the nearest enclosing value."""
        for probe in (path[:i] for i in range(len(path), -1, -1)):
            if probe in self.value_pos:
                return self.value_pos[probe]
            if probe in self.key_pos:
                return self.key_pos[probe]
        return (1, 1)

    def problem(self, path: Path_, message: str, *, level: str = "error", check: str = "schema") -> None:
        line, col = self.pos(path)
        self.problems.append(Problem(self.path, line, col, level, message, check))

    def problem_at_key(self, path: Path_, message: str, *, check: str = "schema") -> None:
        line, col = self.key_pos.get(path) or self.pos(path)
        self.problems.append(Problem(self.path, line, col, "error", message, check))


class Lines:
    """Character offset → 1-based (line, column), counting only '\\n' as editors do."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each line starts: found on first use (a clean file read the fast road never asks)."""
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def at(self, index: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, index) - 1
        return i + 1, index - self.starts[i] + 1


def _start(event: Any) -> int:
    """Where an event starts (every event the parser yields has a mark, whatever the stubs allow)."""
    return int(event.start_mark.index)


class TooDeep(Exception):
    """Nesting passed the cap: reported, and nothing deeper is read."""


class Builder:
    """Turns the parser's event stream into values and positions, without recursion."""

    def __init__(self, text: str, lines: Lines, out: LoadedFile, loader: type) -> None:
        self.text = text
        self.lines = lines
        self.out = out
        self.loader = loader
        # Each frame: [container, path, pending_key or None, seen_keys dict]
        self.stack: list[list[Any]] = []
        self.documents = 0
        self.root_set = False
        #: Offsets of plain scalars already refused as ambiguous literals.
        self.ambiguous: set[int] = set()
        #: (line, anchor name) → [index of its problem, count] for aliases.
        self.aliases: dict[tuple[int, str], list[int]] = {}

    def error(self, index: int, message: str, check: str = "syntax") -> None:
        line, col = self.lines.at(index)
        self.out.problems.append(Problem(self.out.path, line, col, "error", message, check))

    def error_at(self, event: Any, message: str) -> None:
        self.error(event.start_mark.index, message)

    def run(self) -> None:
        events: Iterator[Any] = yaml.parse(self.text, Loader=self.loader)
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents == 2:
                    self.error_at(event, "a store file holds one YAML document; found another here")
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
                path = self._add(None, event)
                if path is not None:
                    self.out.refused.add(path)
            elif isinstance(event, yaml.ScalarEvent):
                refused = self._refuse_node(event)
                value = event.value if refused else self._scalar(event)
                path = self._add(value, event)
                if path is not None and (refused or _start(event) in self.ambiguous):
                    self.out.refused.add(path)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                refused = self._refuse_node(event)
                if len(self.stack) >= MAX_DEPTH:
                    self.error_at(event, f"nesting deeper than {MAX_DEPTH} levels")
                    raise TooDeep
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                path = self._add(container, event)
                if path is not None and refused:
                    self.out.refused.add(path)
                self.stack.append([container, path if path is not None else ("\x00skip",), None, {}])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                self.stack.pop()
        if not self.root_set or self.out.data is None:
            self.out.empty = True

    def _alias(self, event: Any) -> None:
        """Report an alias; repeats of one name on one line are counted on its first report (a bomb
        holds dozens per line, and one line of the report per line of the file says it all)."""
        line, _col = self.lines.at(event.start_mark.index)
        key = (line, event.anchor)
        if key in self.aliases:
            self.aliases[key][1] += 1
            return
        self.aliases[key] = [len(self.out.problems), 1]
        self.error_at(event, f"aliases (*{event.anchor}) are not allowed in a store; write the value out")

    def finish_aliases(self) -> None:
        for (_, name), (at, count) in self.aliases.items():
            if count > 1:
                old = self.out.problems[at]
                message = f"aliases (*{name}) are not allowed in a store ({count} on this line); write the values out"
                self.out.problems[at] = dataclasses.replace(old, message=message)

    def _refuse_node(self, event: Any) -> bool:
        """Report an anchor or explicit tag on the node; True when its value must not be used."""
        refused = False
        if event.anchor is not None:
            self.error_at(event, f"anchors (&{event.anchor}) are not allowed in a store")
        if event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")  # as the writer wrote it
            self.error_at(event, f"explicit tags ({tag}) are not allowed in a store")
            refused = True
        return refused

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        found = _INVISIBLE.search(value)
        if found:
            self.error_at(event, f"text contains the invisible or control character {char_name(found.group())}")
        if event.style not in (None, ""):
            return value
        resolved = self._resolve_plain(value, event.start_mark.index)
        if isinstance(resolved, str) and resolved:
            end = event.end_mark.index
            line_end = self.text.find("\n", end)
            rest = self.text[end : len(self.text) if line_end < 0 else line_end]
            comment = _COMMENT_AFTER.match(rest)
            if comment:
                line, col = self.lines.at(end + comment.end() - 1)
                key = self.stack[-1][2] if self.stack and isinstance(self.stack[-1][0], dict) else None
                level, msg = "warning", "text after ' #' is a comment, so the value ends before it; quote the value"
                msg += " if '#' belongs to it"
                if key in _VERBATIM:  # cut short, it is no longer the document's words: never printed as them
                    level, msg = "error", f"text after ' #' is a comment, so this {key} is cut short there"
                    msg += f"; quote the whole {key}"
                    self.ambiguous.add(event.start_mark.index)
                self.out.problems.append(Problem(self.out.path, line, col, level, msg, "comment"))
        return resolved

    def _resolve_plain(self, value: str, index: int) -> Any:
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value):
            if len(value.lstrip("+-")) <= MAX_DIGITS:
                return int(value)
            return self._too_large(value, index)
        if _FLOAT.fullmatch(value):
            number = float(value)
            return number if math.isfinite(number) else self._too_large(value, index)
        if value in _YAML11_BOOLS:
            self.error(index, f"'{value}' is a boolean to YAML 1.1 readers; quote it: \"{value}\"", "schema")
            self.ambiguous.add(index)
        elif _AMBIGUOUS_NUMBER.fullmatch(value):
            self.error(
                index,
                f"'{value}' is read differently by YAML readers (octal, base 60, hex or not-a-number); "
                f'write a plain decimal number, or quote it if it is text: "{value}"',
                "schema",
            )
            self.ambiguous.add(index)
        return value

    def _too_large(self, value: str, index: int) -> str:
        number = (
            f"the number {value}" if len(value) <= 24 else f"a number of {sum(c.isdigit() for c in value):,} digits"
        )
        message = f"{number} is larger than any value can be; check it, or quote it if it is text"
        self.error(index, message, "schema")
        self.ambiguous.add(index)
        return value

    def _add(self, value: Any, event: Any) -> Path_ | None:
        """Place a value in the current container; returns its path (None for a key that cannot be one)."""
        index = event.start_mark.index
        pos = self.lines.at(index)
        if not self.stack:
            path: Path_ = () if self.documents <= 1 else (f"{_KEY_PREFIX}document{self.documents}",)
            if self.documents <= 1:
                self.out.data = value
                self.root_set = True
            self.out.value_pos[path] = pos
            return path
        frame = self.stack[-1]
        container, parent = frame[0], frame[1]
        if isinstance(container, list):
            child: Path_ = (*parent, len(container))
            container.append(value)
            self.out.value_pos[child] = pos
            return child
        if frame[2] is None:  # this node is a key
            key = self._key(event, index, pos, frame[3])
            frame[2] = key
            self.out.key_pos[(*parent, key)] = pos
            return None if key.startswith(_KEY_PREFIX) else (*parent, key)
        key = frame[2]
        frame[2] = None
        if not key.startswith(_KEY_PREFIX):
            container[key] = value
        self.out.value_pos[(*parent, key)] = pos
        return (*parent, key)

    def _key(self, event: Any, index: int, pos: tuple[int, int], seen: dict[str, tuple[int, int]]) -> str:
        """The key an event names; refused keys get a private name that never shadows a real one."""
        if isinstance(event, yaml.AliasEvent):
            return f"{_KEY_PREFIX}alias:{index}"
        if not isinstance(event, yaml.ScalarEvent):
            self.error(index, "a mapping key must be plain text")
            return f"{_KEY_PREFIX}complex:{index}"
        key: str = event.value
        if key in seen:
            self.error(index, f"duplicate key '{key}' (first at line {seen[key][0]})", "duplicate-key")
            return f"{_KEY_PREFIX}dup:{key}:{index}"
        seen[key] = pos
        if key == "<<" and event.style in (None, ""):
            self.error(index, "merge keys (<<) are not allowed in a store; write the fields out")
            self.out.refused.add(self.stack[-1][1])  # its other fields are not all there: check none of it
            return f"{_KEY_PREFIX}merge:{index}"
        return key
