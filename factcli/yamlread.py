"""Read one hand-written YAML file into plain values, refusing what bites.

PyYAML's constructors keep the last of two duplicate keys, turn ``no`` into
False, ``010`` into 8 and ``2008-11-30`` into a date, expand aliases, and let
ValueError and RecursionError escape with no position. So this module never
constructs through PyYAML: it walks the parser's *events* (libyaml when
present) and builds values itself, iteratively, with a depth cap. Every
problem becomes a positioned ``Problem``; nothing here raises for bad input.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from factcli.errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: Files larger than this are refused before reading: parsing costs ~40x the size in memory.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Deeper nesting than this is refused; no store needs more than 5 levels.
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
_BAD_BREAKS = re.compile("[\ufeff\u0085\u2028\u2029]")
_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)
_TAB = re.compile(r"^[^\t\n]*\t", re.MULTILINE)
_COMMENT_AFTER = re.compile(r"[ \t]+#")

_HINTS = (
    ("mapping values are not allowed", "quote text that contains ': '"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("did not find expected key", "check the indentation; quote text that starts with a quote mark"),
    ("expected <block end>", "check the indentation; quote text that starts with a quote mark"),
    ("found unknown escape character", "in double quotes write a backslash as '\\\\'"),
    ("while scanning a quoted scalar", "a quoted string is not closed"),
)

_CHAR_NAMES = {"\ufeff": "byte order mark U+FEFF", "\u0085": "U+0085 (NEL)"}


@dataclass
class LoadedFile:
    """What one file held, where each value started, and what was wrong with it."""

    path: str
    data: Any = None
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    commented_plain: set[Path_] = field(default_factory=set)
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


def char_name(ch: str) -> str:
    return _CHAR_NAMES.get(ch, f"U+{ord(ch):04X}")


class _Lines:
    """Character offset → 1-based (line, column), counting only '\\n' as editors do."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, index) - 1
        return i + 1, index - self.starts[i] + 1


def read_yaml_file(path: str, display: str | None = None) -> LoadedFile:
    """Read ``path`` safely; ``display`` is the name used in messages (relative path)."""
    out = LoadedFile(display or path)
    raw = _read_bytes(path, out)
    if raw is None:
        return out
    text = _decode(raw, out)
    if text is None:
        return out
    parse_text(text, out)
    return out


def _read_bytes(path: str, out: LoadedFile) -> bytes | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        what = "broken symbolic link" if os.path.islink(path) else "file not found"
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot read: {what}", "io"))
        return None
    except OSError as exc:
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot read: {exc.strerror}", "io"))
        return None
    if not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot read: {kind}", "io"))
        return None
    if st.st_size > MAX_FILE_BYTES:
        size_mib = st.st_size / 2**20
        limit = MAX_FILE_BYTES // 2**20
        msg = f"file is {size_mib:.1f} MiB, over the {limit} MiB limit for one store file; split it"
        out.problems.append(Problem(out.path, 1, 1, "error", msg, "io"))
        return None
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot read: {exc.strerror}", "io"))
        return None


def _decode(raw: bytes, out: LoadedFile) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.problems.append(Problem(out.path, 1, 1, "error", "file is UTF-16 or UTF-32; save it as UTF-8", "encoding"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        msg = f"not valid UTF-8 (byte 0x{raw[start]:02X}); save the file as UTF-8"
        out.problems.append(Problem(out.path, line, col, "error", msg, "encoding"))
        return None


def parse_text(text: str, out: LoadedFile) -> None:
    """Parse YAML text into ``out``; also the entry point for tests of in-memory text."""
    lines = _Lines(text)
    for m in _BAD_BREAKS.finditer(text):
        line, col = lines.at(m.start())
        msg = f"{char_name(m.group())} in the file; remove it (editors and YAML count lines differently)"
        out.problems.append(Problem(out.path, line, col, "error", msg, "encoding"))
    for m in _TAB.finditer(text):  # libyaml accepts some tabs the pure parser refuses: refuse them all
        line, col = lines.at(m.end() - 1)
        where = "for indentation" if _LEADING_TAB.match(m.group()) else "in the file"
        message = f"tab used {where}; use spaces (YAML readers disagree about tabs)"
        out.problems.append(Problem(out.path, line, col, "error", message, "syntax"))
    if out.problems:
        return
    problems_before = len(out.problems)
    try:
        _Builder(text, lines, out).run()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = lines.at(mark.index) if mark is not None else (1, 1)
        message = " ".join(filter(None, [exc.context, exc.problem]))
        out.problems.append(Problem(out.path, line, col, "error", _with_hint(message), "syntax"))
    except yaml.reader.ReaderError as exc:
        line, col = lines.at(exc.position)
        msg = f"character U+{exc.character:04X} is not allowed in YAML" if isinstance(exc.character, int) else str(exc)
        out.problems.append(Problem(out.path, line, col, "error", msg, "syntax"))
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - defensive
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot parse: {exc}", "syntax"))
    if any(p.check == "syntax" for p in out.problems[problems_before:]):
        out.data = None  # half a file would only add misleading "missing field" errors
    elif text and not text.endswith("\n"):
        line, col = lines.at(len(text))
        msg = "no newline at the end of the file; add one (a later append would join the last line)"
        out.problems.append(Problem(out.path, line, col, "warning", msg, "newline"))


def _with_hint(message: str) -> str:
    for needle, hint in _HINTS:
        if needle in message:
            return f"{message} ({hint})"
    return message


class _Builder:
    """Turns the parser's event stream into values and positions, without recursion."""

    def __init__(self, text: str, lines: _Lines, out: LoadedFile) -> None:
        self.text = text
        self.lines = lines
        self.out = out
        # Each frame: [container, path, pending_key or None, seen_keys dict]
        self.stack: list[list[Any]] = []
        self.documents = 0

    def error(self, index: int, message: str, check: str = "syntax") -> None:
        line, col = self.lines.at(index)
        self.out.problems.append(Problem(self.out.path, line, col, "error", message, check))

    def error_at(self, event: Any, message: str) -> None:
        self.error(event.start_mark.index, message)

    def run(self) -> None:
        root_set = False
        events: Iterator[Any] = yaml.parse(self.text, Loader=_Loader)
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.error_at(event, "a store file holds one YAML document; found another here")
                    return
                continue
            if isinstance(event, yaml.AliasEvent):
                self.error_at(event, "aliases (*name) are not allowed in a store; write the value out")
                return
            is_node = isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent))
            if is_node and not self._check_node(event):
                return
            if isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event), event)
                root_set = root_set or not self.stack
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(self.stack) >= MAX_DEPTH:
                    self.error_at(event, f"nesting deeper than {MAX_DEPTH} levels")
                    return
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                path = self._add(container, event)
                if path is None:
                    return
                self.stack.append([container, path, None, {}])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                self.stack.pop()
                root_set = root_set or not self.stack
        if not root_set or self.out.data is None:
            self.out.empty = True

    def _check_node(self, event: Any) -> bool:
        if event.anchor is not None:
            self.error_at(event, f"anchors (&{event.anchor}) are not allowed in a store")
            return False
        if event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
            self.error_at(event, f"explicit tags ({event.tag}) are not allowed in a store")
            return False
        return True

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        if _INVISIBLE.search(value):
            ch = _INVISIBLE.search(value).group()  # type: ignore[union-attr]
            self.error_at(event, f"text contains the invisible or control character {char_name(ch)}")
        if event.style not in (None, ""):
            return value
        end = event.end_mark.index
        line_end = self.text.find("\n", end)
        rest = self.text[end : len(self.text) if line_end < 0 else line_end]
        if _COMMENT_AFTER.match(rest) and self.stack and self.stack[-1][2] is not None:
            frame = self.stack[-1]
            self.out.commented_plain.add((*frame[1], frame[2]))
        return self._resolve_plain(value, event.start_mark.index)

    def _resolve_plain(self, value: str, index: int) -> Any:
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value in _YAML11_BOOLS:
            self.error(index, f"'{value}' is a boolean to YAML 1.1 readers; quote it: \"{value}\"", "schema")
        elif _AMBIGUOUS_NUMBER.fullmatch(value):
            self.error(
                index,
                f"'{value}' is read differently by YAML readers (octal, base 60, hex or not-a-number); "
                f'write a plain decimal number, or quote it if it is text: "{value}"',
                "schema",
            )
        return value

    def _add(self, value: Any, event: Any) -> Path_ | None:
        """Place a value in the current container; returns its path."""
        index = event.start_mark.index
        pos = self.lines.at(index)
        if not self.stack:
            self.out.data = value
            self.out.value_pos[()] = pos
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child: Path_ = (*path, len(container))
            container.append(value)
            self.out.value_pos[child] = pos
            return child
        if frame[2] is None:  # this node is a key
            if not isinstance(event, yaml.ScalarEvent):
                self.error(index, "a mapping key must be plain text")
                return None
            key = event.value
            seen: dict[str, tuple[int, int]] = frame[3]
            if key in seen:
                self.error(index, f"duplicate key '{key}' (first at line {seen[key][0]})", "duplicate-key")
                key = f"\x00dup:{key}:{index}"  # keep parsing; never shadows the first value
            elif key == "<<":
                self.error(index, "merge keys (<<) are not allowed in a store; write the fields out")
            seen[key] = pos
            frame[2] = key
            self.out.key_pos[(*path, key)] = pos
            return (*path, key)
        key = frame[2]
        frame[2] = None
        if not key.startswith("\x00dup:"):
            container[key] = value
        self.out.value_pos[(*path, key)] = pos
        return (*path, key)
