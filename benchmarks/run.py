"""Every benchmark the project tracks, as one table of ratios against same-run baselines.

    python benchmarks/run.py [--runs 30] [--large-runs 5] [--facts 100000] [--files 100]

Start-up (startup.py), the large store (large_store.py) and check-draft
(check_draft.py) each measure their baselines in the same run, interleaved
with factcli's runs; this prints their details, the machine, and one table. Exit status 1 when a target is missed,
so a person (never a unit test: the machines are shared and noisy) sees it.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import check_draft
import large_store
import startup
from _common import compile_package, print_table


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), Python {python}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="start-up runs per command")
    parser.add_argument("--large-runs", type=int, default=5, help="runs per large-store lookup")
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    compile_package()
    print(machine())
    startup_lines, startup_ratios = startup.measure(args.runs)
    print("\n".join(startup_lines))
    large_lines, large_ratios = large_store.measure(args.facts, args.files, args.large_runs)
    print("\n".join(large_lines))
    draft_lines, draft_ratios = check_draft.measure(args.facts, args.files, args.large_runs)
    print("\n".join(draft_lines))
    ratios = startup_ratios + large_ratios + draft_ratios
    print()
    print_table(ratios)
    sys.exit(0 if all(r.met for r in ratios) else 1)


if __name__ == "__main__":
    main()
