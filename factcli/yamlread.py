"""Read one hand-written YAML file into plain values, refusing what bites.

PyYAML's constructors keep the last of two duplicate keys, turn ``no`` into
False, ``010`` into 8 and ``2008-11-30`` into a date, expand aliases, and let
ValueError and RecursionError escape with no position. So this module never
constructs through PyYAML: it walks the parser's *events* (libyaml when
present) and builds values itself, iteratively, with a depth cap.

Every problem becomes a positioned ``Problem`` and reading goes on, so one run
reports all of a file's problems, as yamllint does. The behaviour is factcli's
own whatever PyYAML build is installed: when libyaml stops on a file, the file
is read again by PyYAML's pure-Python parser, whose limits (none but ours) and
whose errors (turned into factcli's messages) are the same everywhere.
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
from factcli.text.chars import char_name, os_error_text

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
_PURE: type = yaml.SafeLoader

#: Files larger than this are refused before reading: parsing costs ~40x the size in memory.
MAX_FILE_BYTES = 16 * 1024 * 1024
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
#: Line breaks to YAML that editors do not break lines at (and a BOM inside the file).
_BAD_BREAKS = re.compile("[\ufeff\u0085\u2028\u2029]")
#: Spaces other than U+0020 in a line's indentation: invisible, and not indentation to YAML.
_ODD_INDENT = re.compile("^[ \t]*([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])", re.MULTILINE)
_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)
_TAB = re.compile(r"^[^\t\n]*\t", re.MULTILINE)
_DASH_WITHOUT_SPACE = re.compile(r"^ *(-)[A-Za-z_][\w-]*:(?=\s|$)", re.MULTILINE)
_COMMENT_AFTER = re.compile(r"[ \t]+#")
#: A refused value's stand-in: schema checks skip it (the refusal is already reported).
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
    def refuse(what: str) -> None:
        out.problems.append(Problem(out.path, 1, 1, "error", f"cannot read: {what}", "io"))

    try:
        st = os.stat(path)
    except FileNotFoundError:
        refuse("broken symbolic link" if os.path.islink(path) else "file not found")
        return None
    except OSError as exc:
        refuse(os_error_text(exc))
        return None
    if not stat.S_ISREG(st.st_mode):
        refuse("a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file")
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
        refuse(os_error_text(exc))
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
    parsed = _prescan(text, lines, out)
    replaced_lines = {p.line for p in out.problems}
    problems_before = len(out.problems)
    syntax = _parse(parsed, lines, out, _Loader)
    if syntax is not None and _Loader is not _PURE:
        # libyaml stopped: read again with the pure parser, so that its limits and its
        # errors (in factcli's words below) are the same with or without libyaml.
        del out.problems[problems_before:]
        out.data, out.empty = None, False
        out.value_pos.clear()
        out.key_pos.clear()
        out.refused.clear()
        syntax = _parse(parsed, lines, out, _PURE)
    if syntax is not None:
        index, message = syntax
        line, col = lines.at(index)
        if line not in replaced_lines:  # else it follows from the odd character already reported there
            out.problems.append(Problem(out.path, line, col, "error", message, "syntax"))
        out.data = None  # half a file would only add misleading "missing field" errors
    elif text and not text.endswith("\n"):
        line, col = lines.at(len(text))
        msg = "no newline at the end of the file; add one (a later append would join the last line)"
        out.problems.append(Problem(out.path, line, col, "warning", msg, "newline"))


def _prescan(text: str, lines: _Lines, out: LoadedFile) -> str:
    """Report characters YAML readers disagree about; return the text with each replaced by a space.

    The replacement keeps every offset, so the parse that follows finds the file's other
    problems at their true positions instead of stopping at the first odd character.
    """
    spans: list[int] = []

    def report(index: int, message: str, check: str) -> None:
        line, col = lines.at(index)
        out.problems.append(Problem(out.path, line, col, "error", message, check))
        spans.append(index)

    for m in _BAD_BREAKS.finditer(text):
        what = "a line break to YAML but not to editors" if m.group() != "\ufeff" else "a byte order mark mid-file"
        report(m.start(), f"{char_name(m.group())} in the file ({what}); remove it", "encoding")
    for m in _ODD_INDENT.finditer(text):
        report(m.start(1), f"{char_name(m.group(1))} used for indentation; indent with ordinary spaces", "syntax")
    for m in _TAB.finditer(text):  # libyaml accepts some tabs the pure parser refuses: refuse them all
        where = "for indentation" if _LEADING_TAB.match(m.group()) else "in the file"
        report(m.end() - 1, f"tab used {where}; use spaces (YAML readers disagree about tabs)", "syntax")
    for m in _DASH_WITHOUT_SPACE.finditer(text):
        line, col = lines.at(m.start(1))
        msg = "no space after '-': a list item starts with '- ' (write '- id: …')"
        out.problems.append(Problem(out.path, line, col, "error", msg, "syntax"))
    if not spans:
        return text
    chars = list(text)
    for index in spans:
        chars[index] = " "
    return "".join(chars)


def _parse(text: str, lines: _Lines, out: LoadedFile, loader: type) -> tuple[int, str] | None:
    """Build ``out`` from ``text``; a syntax error stops it and is returned as (offset, message)."""
    builder = _Builder(text, lines, out, loader)
    try:
        builder.run()
    except _TooDeep:
        out.data = None  # reported where it happened; half a file would only add misleading problems
        return None
    except yaml.MarkedYAMLError as exc:
        return _syntax_error(exc, text)
    except yaml.reader.ReaderError as exc:
        ch = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return exc.position, f"{char_name(ch)} is not allowed in YAML; remove it"
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - defensive
        return 0, f"cannot parse the file ({type(exc).__name__})"
    finally:
        builder.finish_aliases()
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """A parser error in factcli's words, at the character a writer must change.

    Told apart by the character at the error and the kind of error, so the message
    does not depend on which parser, or which release of it, found the problem.
    """
    problem_index = exc.problem_mark.index if exc.problem_mark is not None else 0
    context_index = exc.context_mark.index if exc.context_mark is not None else problem_index
    at = text[problem_index : problem_index + 1]
    opened = text[context_index : context_index + 1]
    context = exc.context or ""
    if "quoted scalar" in context and opened in "'\"" and problem_index >= len(text.rstrip()):
        return context_index, f"this quoted text is never closed; end it with {opened}"
    if "quoted scalar" in context and opened == '"' and text[problem_index - 1 : problem_index] == "\\":
        return (
            problem_index - 1,
            "unknown escape in double-quoted text; write a backslash as \\\\, or use single quotes",
        )
    if at == ":" and isinstance(exc, yaml.scanner.ScannerError):
        return problem_index, "': ' inside unquoted text would start a mapping; quote the whole text"
    if at in ("@", "`"):
        return problem_index, f"unquoted text cannot start with '{at}'; quote it"
    if "simple key" in context:
        return context_index, "this line is neither 'key: value' nor '- item': a ':' is missing, or quote the text"
    if isinstance(exc, yaml.parser.ParserError):
        return problem_index, (
            "the structure breaks here: check the indentation (the items of one list or mapping line up) "
            "and quote text that starts with a quote mark"
        )
    words = " ".join(filter(None, [exc.context, exc.problem]))
    return problem_index, f"YAML syntax error: {words}"


def _start(event: Any) -> int:
    """Where an event starts (every event the parser yields has a mark, whatever the stubs allow)."""
    return int(event.start_mark.index)


class _TooDeep(Exception):
    """Nesting passed the cap: reported, and nothing deeper is read."""


class _Builder:
    """Turns the parser's event stream into values and positions, without recursion."""

    def __init__(self, text: str, lines: _Lines, out: LoadedFile, loader: type) -> None:
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
                    raise _TooDeep
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
                self.out.problems[at] = old._replace(message=message)

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
                msg = "text after ' #' is a comment, so the value ends before it; quote the value if '#' belongs to it"
                self.out.problems.append(Problem(self.out.path, line, col, "warning", msg, "comment"))
        return resolved

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
