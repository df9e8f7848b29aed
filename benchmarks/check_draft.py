"""check-draft on a 50 KB draft, against the bundled store and a 100,000-fact one, as ratios.

    python benchmarks/check_draft.py [--runs 5] [--facts 100000] [--files 100]

The draft is the drafts corpus (tests/data/drafts) repeated to 50 KB. Each
figure is the median of --runs whole processes, interleaved with the baseline:
a process that only reads the same draft as check-draft must (markdown-it's
parse and syntok's sentences), the floor any checker of this kind pays. The
targets are the issue's: under 1 s against the bundled store, under 5 s
against 100,000 facts (the index built beforehand, as after any first lookup).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import Ratio, compile_package, print_table
from make_store import write_store

DRAFTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "drafts"
SIZE = 50_000
READ_ONLY = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "from syntok import segmenter\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "MarkdownIt('commonmark').enable('table').parse(text)\n"
    "sum(1 for paragraph in segmenter.analyze(text) for sentence in paragraph)\n"
)


def write_draft(path: Path) -> int:
    """The corpus drafts, repeated in name order until the file holds SIZE bytes; its size."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(DRAFTS.glob("*.md")) if p.name != "README.md"]
    text, i = "", 0
    while len(text.encode()) < SIZE:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(facts: int, files: int, runs: int, big: Path | None = None) -> tuple[list[str], list[Ratio]]:
    """The rows for the bundled store (JSON and table output) and, with ``facts``, a large one (``big`` if
    given, else generated here)."""
    factcli = str(Path(sys.executable).parent / "factcli")
    lines, ratios = [], []
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp, "draft.md")
        size = write_draft(draft)
        bundled_env = {**os.environ, "FACTCLI_CACHE_DIR": str(Path(tmp, "cache-bundled"))}
        bundled_env.pop("FACTCLI_STORE", None)
        cases: list[tuple[str, dict[str, str], float, list[str]]] = [
            ("bundled store", bundled_env, 1.0, ["--json"]),
            ("bundled store, table", bundled_env, 1.0, ["--format", "table"]),
        ]
        if facts:
            store = big or Path(tmp, "store")
            if big is None:
                write_store(store, facts, files)
            env = {**os.environ, "FACTCLI_CACHE_DIR": str(Path(tmp, "cache-big")), "FACTCLI_STORE": str(store)}
            cases.append((f"{facts:,} facts", env, 5.0, ["--json"]))
        lines.append(f"check-draft on a {size:,}-byte draft; medians of {runs} runs")
        for name, env, limit, output in cases:
            subprocess.run([factcli, "find", "--limit", "1"], env=env, capture_output=True, check=True)  # build
            cmd = [factcli, "check-draft", str(draft), *output]
            pairs = [(timed(cmd, env), timed([sys.executable, "-c", READ_ONLY, str(draft)], env)) for _ in range(runs)]
            ours = statistics.median(p[0] for p in pairs)
            base = statistics.median(p[1] for p in pairs)
            lines.append(f"  {name:<22} check-draft {ours:6.2f} s   reading the draft only {base:6.2f} s")
            ratios.append(Ratio(f"check-draft 50 KB, {name}", f"{ours:.2f} s", f"{base:.2f} s reading only",
                                ours / base, "(shown)", True))  # fmt: skip
            ratios.append(Ratio(f"check-draft 50 KB, {name}, absolute", f"{ours:.2f} s", f"{limit:g} s limit",
                                ours / limit, "<= 1x", ours <= limit))  # fmt: skip
    return lines, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--facts", type=int, default=100_000, help="0: the bundled store only")
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    compile_package()
    lines, ratios = measure(args.facts, args.files, args.runs)
    print("\n".join(lines))
    print_table(ratios)


if __name__ == "__main__":
    main()
