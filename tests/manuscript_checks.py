"""The six manuscripts of tests/data/manuscripts built both ways, scored against their expected output.

Each check is one paragraph pandoc prints for NAME.expected.md (the manuscript as a writer would type it
by hand), looked for in what each path prints; for a manuscript that must fail, one expected error line.
Both paths must also give the same HTML. ``python -m tests.manuscript_checks`` prints the score with the
pandoc on PATH; tests/test_manuscript_checks.py asserts that every check passes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factcli.formats.bibfiles import csl_json
from factcli.formats.styles import path_of
from factcli.store.files import bundled_store
from factcli.store.load import load_store

CASES = Path(__file__).parent / "data" / "manuscripts"
BIN = Path(sys.executable).parent
#: The ways to build a manuscript: render writing the document, pandoc with the filter, render's Markdown piped.
PATHS = ("render", "filter", "render | pandoc")


@dataclass(frozen=True)
class Case:
    manuscript: str
    styles: tuple[str, ...]
    bibliography: str | None = None
    errors: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    markdown_differs: str | None = None


@dataclass
class Outcome:
    """One manuscript in one style: the checks each path passed, and whether the two gave the same HTML."""

    case: Case
    style: str
    passed: dict[str, list[bool]] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    #: Whether each path gave the filter's output (the filter itself: always).
    same: dict[str, bool] = field(default_factory=dict)


def cases() -> list[Case]:
    raw = yaml.safe_load((CASES / "checks.yaml").read_text(encoding="utf-8"))
    return [
        Case(c["manuscript"], tuple(c["styles"]), c.get("bibliography"), tuple(c.get("errors", ())),
             tuple(c.get("never", ())), c.get("markdown_differs"))
        for c in raw
    ]  # fmt: skip


def _env() -> dict[str, str]:
    """factcli and factcli-pandoc of the environment running this, ahead of any other on PATH."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def _run(args: list[str], cwd: Path, text: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, input=text, capture_output=True, text=True, env=_env(), cwd=cwd, check=False)


def _pandoc_args(case: Case, style: str, to: str, extra_bibliography: Path | None = None) -> list[str]:
    args = ["--citeproc", "--csl", str(path_of(style)), "--wrap=none"]
    if to == "plain":
        args += ["--template", str(CASES / "plain.template")]
    if case.bibliography:
        args += ["--bibliography", str(CASES / case.bibliography)]
    if extra_bibliography:
        args += ["--bibliography", str(extra_bibliography)]
    return args


def build(path: str, case: Case, style: str, to: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The manuscript built by one path: render piped into pandoc, or pandoc with the filter."""
    manuscript = str(CASES / case.manuscript)
    if path == "render":
        return _run([str(BIN / "factcli"), "render", manuscript, "--to", to, "--", *_pandoc_args(case, style, to)], cwd)
    if path == "render | pandoc":
        rendered = _run([str(BIN / "factcli"), "render", manuscript], cwd)
        if rendered.returncode != 0:
            return rendered
        return _run(["pandoc", "-f", "markdown", "-t", to, *_pandoc_args(case, style, to)], cwd, rendered.stdout)
    return _run(["pandoc", manuscript, "--filter", "factcli-pandoc", "-t", to, *_pandoc_args(case, style, to)], cwd)


def _paragraphs(text: str) -> list[str]:
    return [_normal(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _normal(text: str) -> str:
    return re.sub(r"[ \u00a0]+", " ", text).strip()


def expected(case: Case, style: str, store_refs: Path, cwd: Path) -> list[str]:
    """What pandoc prints for the manuscript as typed by hand: one check per paragraph."""
    done = _run(["pandoc", str(CASES / case.manuscript.replace(".md", ".expected.md")), "-t", "plain",
                 *_pandoc_args(case, style, "plain", store_refs)], cwd)  # fmt: skip
    done.check_returncode()
    return _paragraphs(done.stdout)


def run_all() -> list[Outcome]:
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)  # not the manuscripts' directory: positions must name the file given
        store_refs = cwd / "store-refs.json"
        store_refs.write_text(csl_json(list(load_store(bundled_store()).vocab.sources.values())), encoding="utf-8")
        for case in cases():
            for style in case.styles:
                outcomes.append(_outcome(case, style, store_refs, cwd))
    return outcomes


def _outcome(case: Case, style: str, store_refs: Path, cwd: Path) -> Outcome:
    out = Outcome(case, style)
    if case.errors:
        wanted = [e.format(path=CASES / case.manuscript) for e in case.errors]
        stderrs = {}
        for path in PATHS:
            done = build(path, case, style, "plain", cwd)
            stderrs[path] = _error_lines(done.stderr, wanted)
            results = [done.returncode != 0] + [line in done.stderr for line in wanted]
            results += [never not in done.stderr for never in case.never]
            out.passed[path] = results
            labels = ["exit status not 0", *wanted, *(f"never: {n}" for n in case.never)]
            out.failures[path] = [label for label, ok in zip(labels, results, strict=True) if not ok]
        out.same = {path: stderrs[path] == stderrs["filter"] for path in PATHS}
        return out
    paragraphs = expected(case, style, store_refs, cwd)
    html = {}
    for path in PATHS:
        plain = build(path, case, style, "plain", cwd)
        got = _paragraphs(plain.stdout) if plain.returncode == 0 else []
        out.passed[path] = [p in got for p in paragraphs]
        out.failures[path] = [p for p in paragraphs if p not in got]
        if plain.returncode != 0:
            out.failures[path].insert(0, f"exit {plain.returncode}: {plain.stderr.strip()}")
        html[path] = build(path, case, style, "html", cwd)
    out.same = {p: html[p].returncode == 0 and html[p].stdout == html["filter"].stdout for p in PATHS}
    return out


def _error_lines(stderr: str, wanted: list[str]) -> list[str]:
    """The problems a path reported (lines naming the manuscript), without the program's name in front."""
    lines = (line.removeprefix("factcli-pandoc: ") for line in stderr.splitlines())
    return sorted(line for line in lines if any(line.startswith(w.split(":", 1)[0]) for w in wanted))


def summary(outcomes: list[Outcome]) -> str:
    lines = []
    others = [p for p in PATHS if p != "filter"]
    for o in outcomes:
        scores = ", ".join(f"{p} {sum(o.passed[p])}/{len(o.passed[p])}" for p in PATHS)
        same = ", ".join(f"{p} {'yes' if o.same[p] else 'no'}" for p in others)
        lines.append(f"{o.case.manuscript} {o.style}: {scores}; the filter's output from {same}")
        for p in PATHS:
            lines += [f"    {p} missed: {f[:160]}" for f in o.failures[p]]
    totals = ", ".join(f"{p} {sum(sum(o.passed[p]) for o in outcomes)}/{sum(len(o.passed[p]) for o in outcomes)}"
                       for p in PATHS)  # fmt: skip
    same = ", ".join(f"{p} {sum(o.same[p] for o in outcomes)}/{len(outcomes)}" for p in others)
    lines.append(f"checks passed: {totals}; the filter's output given by {same}")
    return "\n".join(lines)


if __name__ == "__main__":
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    print(version)
    print(summary(run_all()))
