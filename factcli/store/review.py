"""``add --from-file``: a curator's reviewed candidates appended to the store, each checked by every rule.

The review file is a list of facts in the store's YAML (what ``extract`` writes, edited). Each one that passes
the rules ``add`` applies is appended; each one that does not is kept, exactly as the curator left it, in a
leftover file with its errors above it, so that nothing typed is lost: fix them there and add that file.
The review file itself is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcli.errors import FactcliError
from factcli.model import Problem
from factcli.store import builders, jsonfact, write
from factcli.store.yamlread import read_yaml_file
from factcli.text.chars import display_path


class UnreadableReview(FactcliError):
    """The review file is not a YAML list at all: nothing is added (exit 1)."""

    prefixed = False

    def __init__(self, problems: list[Problem], display: str) -> None:
        super().__init__(display)
        self.problems, self.display = problems, display

    def __str__(self) -> str:
        lines = [p.format() for p in sorted(p for p in self.problems if p.level == "error")]
        return "\n".join([*lines, f"{self.display} cannot be read as a list of facts; nothing was added"])


@dataclass(frozen=True)
class Refused:
    """A reviewed fact that was not added: where it stands in the review file, why, and its text."""

    line: int
    messages: tuple[str, ...]
    text: str


@dataclass
class Reviewed:
    added: list[write.Added] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    leftover: Path | None = None
    #: Set when a write failed: what was not tried is kept in the leftover file too.
    stopped: str | None = None


def apply(root: Path, review: Path, *, dry_run: bool = False, leftover: Path | None = None) -> Reviewed:
    """Add every fact of the review file that passes the store's rules; keep the others in a leftover file."""
    display = display_path(review)
    lf = read_yaml_file(str(review), display)
    if lf.data is None or not isinstance(lf.data, list) or any(p.check in ("io", "encoding") for p in lf.problems):
        problems = lf.problems or [Problem(display, 1, 1, "error", "expected a list of facts ('- id: …')", "schema")]
        raise UnreadableReview(problems, display)
    lines = review.read_text(encoding="utf-8").splitlines(keepends=True)
    good = dict(builders.records(lf, "facts"))
    items = [(i, good.get((i,))) for i in range(len(lf.data or []))]  # a refused item is kept too
    starts = [lf.pos((i,))[0] for i, _ in items]
    out = Reviewed()
    for n, (_, item) in enumerate(items):
        line = starts[n]
        text = _block(lines, line, starts[n + 1] if n + 1 < len(starts) else len(lines) + 1)
        own = [p for p in lf.problems if p.level == "error" and _within(p, line, starts, n)]
        if own or out.stopped or item is None:
            messages = [f"{p.message} [{p.check}]" for p in own] or [f"not tried: {out.stopped or 'not a fact'}"]
            out.refused.append(Refused(line, tuple(messages), text))
            continue
        try:
            out.added.append(write.append(root, jsonfact.record_from_json(item), dry_run=dry_run))
        except write.InvalidFactError as exc:
            messages = [f"{p.message} [{p.check}]" for p in exc.problems if p.level == "error"]
            out.refused.append(Refused(line, tuple(messages), text))
        except write.WriteError as exc:
            out.stopped = str(exc)
            out.refused.append(Refused(line, (str(exc),), text))
    if out.refused and not dry_run:
        out.leftover = _write_leftover(leftover or _leftover_path(review), display, out.refused)
    return out


def _block(lines: list[str], first: int, next_start: int) -> str:
    """The review file's lines of one fact, the comments and blank lines that lead the next one left out."""
    block = lines[first - 1 : next_start - 1]
    while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
        block.pop()
    text = "".join(block)
    return text if text.endswith("\n") else text + "\n"


def _within(problem: Problem, line: int, starts: list[int], n: int) -> bool:
    end = starts[n + 1] if n + 1 < len(starts) else 1 << 30
    return line <= problem.line < end


def _leftover_path(review: Path) -> Path:
    """review.leftover.yaml beside the review file, never over an earlier one (it may hold edits)."""
    stem = review.name.removesuffix(".yaml").removesuffix(".yml")
    path, n = review.with_name(f"{stem}.leftover.yaml"), 2
    while path.exists():
        path, n = review.with_name(f"{stem}.leftover-{n}.yaml"), n + 1
    return path


def _write_leftover(path: Path, display: str, refused: list[Refused]) -> Path:
    parts = [
        f"# The facts of {display} that were not added, as they were, each after its errors.\n"
        f"# Fix them, then: factcli add --from-file {display_path(path)}\n"
    ]
    for item in refused:
        notes = "".join(f"# error: {message}\n" for message in item.messages)
        parts.append(f"\n# line {item.line} of {display}:\n{notes}{item.text}")
    try:
        path.write_text("".join(parts), encoding="utf-8")
    except OSError as exc:
        from factcli.text.chars import os_error_text

        msg = f"cannot write {path}: {os_error_text(exc)}; the facts not added are still in {display}"
        raise write.WriteError(msg) from exc
    return path
