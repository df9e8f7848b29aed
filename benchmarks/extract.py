"""extract on a 30-page document (about 100 KB of text), against the bundled store, as a ratio.

    python benchmarks/extract.py [--runs 5] [--size 100000]

The document is the five seed documents (../shared/seeds) one after the other, again and again, each copy's
years and figures moved (years by its number of decades, figures times its number), so that no two copies
say the same, until it holds --size bytes: about thirty pages of a white paper. It is registered in a copy
of the bundled store (`sources add`), then extracted to JSON. Each figure is the median of --runs whole
processes, interleaved with the baseline: a process that only reads the same text as extract must (its
paragraphs and sentences, found by syntok), the floor any extractor of this kind pays. The target is the
issue's: under 5 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import Ratio, compile_package, print_table
from check_draft import timed

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LIMIT = 5.0
READ_ONLY = (
    "import sys\n"
    "from syntok import segmenter\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "sum(1 for paragraph in segmenter.analyze(text) for sentence in paragraph)\n"
)


def write_document(path: Path, size: int) -> int:
    """The seeds, copy after copy, each with its years and figures moved, until ``size`` bytes; the size."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    text, n = "", 0
    while len(text.encode()) < size:
        copy, part = n // len(parts) + 1, parts[n % len(parts)]
        n += 1
        moved = re.sub(r"\b(19|20)([0-9]{2})\b", lambda m, c=copy: str(int(m.group()) + 10 * (c - 1)), part)
        moved = re.sub(r"\b(?<![0-9,])([1-9][0-9]{2,})(?![0-9,])\b", lambda m, c=copy: str(int(m.group()) * c), moved)
        text += f"\nPart {n}\n\n{moved}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def measure(runs: int, size: int) -> tuple[list[str], list[Ratio]]:
    factcli = str(Path(sys.executable).parent / "factcli")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp, "store")
        shutil.copytree(ROOT / "factcli" / "facts", store)
        document = Path(tmp, "document.txt")
        written = write_document(document, size)
        env = {**os.environ, "FACTCLI_CACHE_DIR": str(Path(tmp, "cache")), "FACTCLI_STORE": str(store)}
        add = [factcli, "sources", "add", str(document), "--id", "bench", "--title", "A long document"]
        subprocess.run([*add, "--publisher", "factcli", "--type", "report"], env=env, capture_output=True, check=True)
        cmd = [factcli, "extract", "bench", "--json"]
        found = len(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.split('"line"'))
        pairs = [(timed(cmd, env), timed([sys.executable, "-c", READ_ONLY, str(document)], env)) for _ in range(runs)]
    ours = statistics.median(p[0] for p in pairs)
    base = statistics.median(p[1] for p in pairs)
    lines = [
        f"extract on a {written:,}-byte document ({found - 1} candidates), bundled store; medians of {runs} runs",
        f"  extract {ours:6.2f} s   reading the text only {base:6.2f} s",
    ]
    what = f"extract {round(written / 1000)} KB"
    ratios = [
        Ratio(what, f"{ours:.2f} s", f"{base:.2f} s reading only", ours / base, "(shown)", True),
        Ratio(f"{what}, absolute", f"{ours:.2f} s", f"{LIMIT:g} s limit", ours / LIMIT, "<= 1x", ours <= LIMIT),
    ]
    return lines, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=100_000, help="bytes of text")
    args = parser.parse_args()
    compile_package()
    lines, ratios = measure(args.runs, args.size)
    print("\n".join(lines))
    print_table(ratios)
    sys.exit(0 if all(r.met for r in ratios) else 1)


if __name__ == "__main__":
    main()
