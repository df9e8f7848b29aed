"""Where each fact key stands in the manuscript: file, line and column, from pandoc's own source positions.

pandoc's Markdown reader keeps no positions; its CommonMark reader does
(``commonmark_x+sourcepos``: every word wrapped with ``data-pos="FILE@LINE:COL-…"``),
but reads no citations. Read that way, a citation is the words "[", "@",
"fact", ":", … with the position of each, and code is code: so the '@' of each
fact key outside code is found where pandoc saw it. The YAML front matter
(title, abstract), which neither reader positions, is searched as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factcli.formats.pandoc_text import is_inline_run

#: The characters of a citation key after '@' (pandoc: letters, digits and internal punctuation).
_KEY_CHARS = re.compile(r"[\w:.#$%&+?<>~/-]+")
_FRONT_KEY = re.compile(r"(?<![\w@])@\{?(fact:[\w:.#$%&+?<>~/@-]*\w)")


@dataclass(frozen=True, order=True, slots=True)
class Position:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def keys_in_sourcepos(doc: dict[str, Any], path: str) -> list[tuple[str, Position]]:
    """Every citation key (``fact:…`` or any other) pandoc's CommonMark reader saw, with the position of its '@';
    ``path`` names positions that carry no file name (a document read from stdin)."""
    found: list[tuple[str, Position]] = []
    for run in _runs(doc.get("blocks", [])):
        tokens = [_token(node, path) for node in run]
        for i, (word, position) in enumerate(tokens):
            if word != "@" or position is None or (i and tokens[i - 1][0][-1:].isalnum()):
                continue
            key = _key_after(tokens[i + 1 :])
            if key:
                found.append((key, position))
    return found


def _runs(node: Any) -> Iterator[list[Any]]:
    """Every list of inlines: each word in a Span of its own; code, formatting and notes are not words."""
    if isinstance(node, list):
        if is_inline_run(node):
            yield node
            for inline in node:
                if inline["t"] != "Code" and _token(inline, "")[1] is None:
                    yield from _runs(inline.get("c"))  # the words inside emphasis, links, notes…
            return
        for value in node:
            yield from _runs(value)
    elif isinstance(node, dict) and node.get("t") != "CodeBlock":
        yield from _runs(node.get("c"))


def _token(node: dict[str, Any], path: str) -> tuple[str, Position | None]:
    """A wrapped word and where it starts; anything else ends a key (no text, no position)."""
    if node["t"] != "Span":
        return "\0", None
    attributes, content = node["c"]
    position = dict(attributes[2]).get("data-pos", "")
    words = [w.get("c") if w.get("t") == "Str" else " " if w.get("t") == "Space" else None for w in content]
    match = re.fullmatch(r"(?:(.*)@)?(\d+):(\d+)-\d+:\d+", position)
    if match is None or len(words) != 1 or words[0] is None:
        return "\0", None
    return words[0], Position(match[1] or path, int(match[2]), int(match[3]))


def _key_after(tokens: list[tuple[str, Position | None]]) -> str:
    if tokens and tokens[0][0] == "{":  # @{key with any characters}
        words: list[str] = []
        for word, _ in tokens[1:]:
            if word == "}":
                return "".join(words)
            words.append(word)
        return ""
    joined = ""
    for word, _ in tokens:
        part = _KEY_CHARS.match(word)
        if part is None:
            break
        joined += part.group()
        if part.end() < len(word):
            break
    return re.sub(r"\W+$", "", joined)


def keys_in_front_matter(markdown: str, path: str) -> list[tuple[str, Position]]:
    """Fact keys in the YAML block a Markdown file opens with (title, abstract…), with their positions."""
    lines = markdown.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return []
    found = []
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        found += [(m.group(1).rstrip("}"), Position(path, number, m.start() + 1)) for m in _FRONT_KEY.finditer(line)]
    return found


def located(messages: dict[str, str], found: list[tuple[str, Position]], name: str) -> list[str]:
    """'FILE:LINE:COL: message' for every place each key stands (in file order), or 'NAME: message' for a
    key found nowhere (a reader that parsed it otherwise, a manuscript on stdin of a pipe)."""
    placed = sorted((position, key) for key, position in found if key in messages)
    lines = [f"{position}: {messages[key]}" for position, key in placed]
    seen = {key for _, key in placed}
    lines += [f"{name}: {message}" for key, message in messages.items() if key not in seen]
    return lines
