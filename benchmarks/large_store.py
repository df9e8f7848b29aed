"""A 100,000-fact store: lookups against jq, and the cost of a change, as ratios.

    python benchmarks/large_store.py [--facts 100000] [--files 100] [--runs 5]

Writes the store with make_store.py into a temporary directory, then measures,
each as a whole process and as medians of --runs:
  - jq over the same data as one JSON file (the baseline), against
    `factcli find --topic X --min 1000 --json` and `factcli find WORD --json`
    on an unchanged store (index warm), with their peak RSS;
  - a plain libyaml parse of every file (the baseline), against the first
    `factcli` run after one file changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import Ratio, compile_package, print_table, ratio
from make_store import write_store

PEAK = (
    "import resource, subprocess, sys\n"
    "out = open(sys.argv[1], 'wb')\n"
    "code = subprocess.run(sys.argv[2:], stdout=out).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as fh:\n"
    "        yaml.load(fh, Loader=yaml.CSafeLoader)\n"
)


#: The two lookups the issue tracks, each with the jq filter that does the same on the JSON.
LOOKUPS = (
    (
        "find --topic peacekeeping --min 1000 --json",
        ["find", "--topic", "peacekeeping", "--min", "1000", "--json"],
        '[.[] | select(.topic == "peacekeeping" and .value != null and .value >= 1000)]',
    ),
    (
        "find treaty --json",
        ["find", "treaty", "--json"],
        "[.[] | select([.claim, .value_text, (.citations[].quote), (.tags[]), .id]"
        ' | map(ascii_downcase) | any(contains("treaty")))]',
    ),
)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one whole process; stdout discarded."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PEAK, os.devnull, *cmd], env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, int(result.stdout.strip()) / 1024


def measure(facts: int, files: int, runs: int) -> tuple[list[str], list[Ratio]]:
    """Report lines and the tracked ratios for a store of `facts` facts in `files` files."""
    factcli = str(Path(sys.executable).parent / "factcli")
    jq = shutil.which("jq")
    with tempfile.TemporaryDirectory() as tmp:
        store, cache = Path(tmp, "store"), Path(tmp, "cache")
        write_store(store, facts, files)
        env = {**os.environ, "FACTCLI_CACHE_DIR": str(cache), "FACTCLI_STORE": str(store)}
        first_build, _ = run([factcli, "find", "--limit", "1", "--format", "ids"], env)
        json_file = Path(tmp, "store.json")
        with open(json_file, "wb") as fh:
            subprocess.run([factcli, "find", "--format", "json"], env=env, stdout=fh, check=True)
        rows: list[tuple[str, float, float, float | None]] = []
        for label, cmd, jq_filter in LOOKUPS:
            cmd = [factcli, *cmd]
            # interleaved, so that load on a shared machine hits both sides alike
            pairs = [(run(cmd, env), run([jq, jq_filter, str(json_file)], env) if jq else None) for _ in range(runs)]
            ours = statistics.median(p[0][0] for p in pairs)
            rss = max(p[0][1] for p in pairs)
            base = statistics.median(p[1][0] for p in pairs if p[1]) if jq else None
            rows.append((label, ours, rss, base))
        names = sorted(str(p) for p in store.glob("*.yaml"))
        plain_parse, _ = run([sys.executable, "-c", PARSE, *names], env)
        with open(store / f"part-{files // 2:04d}.yaml", "a", encoding="utf-8") as fh:
            fh.write("# changed\n")
        after_change, _ = run([factcli, "find", "--limit", "1", "--format", "ids"], env)
    lines = [f"{facts:,} facts in {files} files; medians of {runs} runs; jq: {jq or 'not installed'}"]
    lines.append(f"  first run (parse everything, build the index)      {first_build:7.2f} s")
    ratios = []
    for label, ours, rss, base in rows:
        lines.append(f"  {label:<50} {ours:7.3f} s  peak RSS {rss:5.1f} MB (target <= 64 MB)")
        if base is not None:
            ratios.append(ratio(label, ours, base, "jq", unit="s", at_least=10, inverse=True))
        ratios.append(Ratio(f"peak RSS of {label.removesuffix(' --json')}", f"{rss:.1f} MB", "64 MB limit", rss / 64,
                            "<= 1x", rss <= 64))  # fmt: skip
    lines.append(f"  plain libyaml parse of the store (baseline)        {plain_parse:7.2f} s")
    lines.append(f"  first run after one file changed                   {after_change:7.2f} s")
    ratios.append(ratio("first run after a change", after_change, plain_parse, "libyaml", unit="s", at_most=0.8))
    return lines, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_package()
    lines, ratios = measure(args.facts, args.files, args.runs)
    print("\n".join(lines))
    print_table(ratios)


if __name__ == "__main__":
    main()
