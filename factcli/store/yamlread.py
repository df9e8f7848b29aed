"""Read one hand-written YAML file into plain values, refusing what bites.

Bytes, never text mode (no locale can break it); a file that is not a regular
file, too large or not UTF-8 is refused with its position. Characters YAML
readers disagree about are reported by name before parsing. The values are
built from the parser's events (``yamlnodes``), never by PyYAML's constructors.

Every problem becomes a positioned ``Problem`` and reading goes on, so one run
reports all of a file's problems, as yamllint does. The behaviour is factcli's
own whatever PyYAML build is installed: when libyaml stops on a file, the file
is read again by PyYAML's pure-Python parser, whose limits (none but ours) and
whose errors (turned into factcli's messages) are the same everywhere.
"""

from __future__ import annotations

import os
import re
import stat

import yaml

from factcli.model import Problem
from factcli.store.yamlfast import parse_clean
from factcli.store.yamlnodes import MAX_DEPTH, Builder, Lines, LoadedFile, Path_, TooDeep
from factcli.text.chars import char_name, os_error_text

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "LoadedFile", "Path_", "parse_text", "read_yaml_file"]

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
_PURE: type = yaml.SafeLoader

#: Files larger than this are refused before reading: parsing costs ~40x the size in memory.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: Line breaks to YAML that editors do not break lines at (and a BOM inside the file).
_BAD_BREAKS = re.compile("[\ufeff\u0085\u2028\u2029]")
#: Spaces other than U+0020 in a line's indentation: invisible, and not indentation to YAML.
_ODD_INDENT = re.compile("^[ \t]*([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])", re.MULTILINE)
#: What Python makes of bytes in a file name that are not UTF-8.
_SURROGATE = re.compile("[\udc80-\udcff]")
_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)
_TAB = re.compile(r"^[^\t\n]*\t", re.MULTILINE)
#: '-id: x': a list item's dash without its space, at a line's start after spaces. The first line and the
#: others apart, so that the search runs from newline to newline (a pattern opening with '^' is tried at
#: every character: 5 ms of a 500 KB file).
_DASH = r" *(-)[A-Za-z_][\w-]*:(?=\s|\Z)"
_DASH_WITHOUT_SPACE = re.compile(_DASH)
_LINE_DASH_WITHOUT_SPACE = re.compile("\n" + _DASH)


def read_yaml_file(path: str, display: str | None = None, *, depth: int | None = None) -> LoadedFile:
    """Read ``path`` safely; ``display`` is the name used in messages (relative path); ``depth``: see
    ``parse_clean`` (a file read the careful road has every position)."""
    out = LoadedFile(display or path)
    name = os.path.basename(path)
    if not name.isascii() and _SURROGATE.search(name):
        msg = "the file's name is not UTF-8 (bytes of another encoding); rename the file"
        out.problems.append(Problem(out.path, 1, 1, "error", msg, "encoding"))
        return out
    raw = _read_bytes(path, out)
    if raw is None:
        return out
    text = _decode(raw, out)
    if text is None:
        return out
    parse_text(text, out, depth=depth)
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


def parse_text(text: str, out: LoadedFile, *, depth: int | None = None) -> None:
    """Parse YAML text into ``out``; also the entry point for tests of in-memory text."""
    lines = Lines(text)
    parsed = _prescan(text, lines, out)
    if not out.problems and parse_clean(text, lines, out, depth=depth):
        _newline_at_end(text, lines, out)
        return
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
    else:
        _newline_at_end(text, lines, out)


def _newline_at_end(text: str, lines: Lines, out: LoadedFile) -> None:
    if text and not text.endswith("\n"):
        line, col = lines.at(len(text))
        msg = "no newline at the end of the file; add one (a later append would join the last line)"
        out.problems.append(Problem(out.path, line, col, "warning", msg, "newline"))


def _prescan(text: str, lines: Lines, out: LoadedFile) -> str:
    """Report characters YAML readers disagree about; return the text with each replaced by a space.

    The replacement keeps every offset, so the parse that follows finds the file's other
    problems at their true positions instead of stopping at the first odd character.
    """
    spans: list[int] = []

    def report(index: int, message: str, check: str) -> None:
        line, col = lines.at(index)
        out.problems.append(Problem(out.path, line, col, "error", message, check))
        spans.append(index)

    ascii_only = text.isascii()  # then neither odd breaks nor odd spaces: skip the two scans
    for m in () if ascii_only else _BAD_BREAKS.finditer(text):
        what = "a line break to YAML but not to editors" if m.group() != "\ufeff" else "a byte order mark mid-file"
        report(m.start(), f"{char_name(m.group())} in the file ({what}); remove it", "encoding")
    for m in () if ascii_only else _ODD_INDENT.finditer(text):
        report(m.start(1), f"{char_name(m.group(1))} used for indentation; indent with ordinary spaces", "syntax")
    for m in _TAB.finditer(text) if "\t" in text else ():  # libyaml accepts tabs the pure parser refuses
        where = "for indentation" if _LEADING_TAB.match(m.group()) else "in the file"
        report(m.end() - 1, f"tab used {where}; use spaces (YAML readers disagree about tabs)", "syntax")
    for dash in dashes_without_space(text):
        line, col = lines.at(dash)
        msg = "no space after '-': a list item starts with '- ' (write '- id: …')"
        out.problems.append(Problem(out.path, line, col, "error", msg, "syntax"))
    if not spans:
        return text
    chars = list(text)
    for index in spans:
        chars[index] = " "
    return "".join(chars)


def dashes_without_space(text: str) -> list[int]:
    """Where each '-id: x' line has its dash (tests/test_yamlfast.py holds this to ``^ *(-)…`` in MULTILINE)."""
    first = _DASH_WITHOUT_SPACE.match(text)
    return ([first.start(1)] if first else []) + [m.start(1) for m in _LINE_DASH_WITHOUT_SPACE.finditer(text)]


def _parse(text: str, lines: Lines, out: LoadedFile, loader: type) -> tuple[int, str] | None:
    """Build ``out`` from ``text``; a syntax error stops it and is returned as (offset, message)."""
    builder = Builder(text, lines, out, loader)
    try:
        builder.run()
    except TooDeep:
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
