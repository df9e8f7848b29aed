"""Every benchmark the project tracks, as one table of ratios against same-run baselines.

    python benchmarks/run.py [--runs 30] [--large-runs 3] [--facts 100000] [--files 100]

Start-up (startup.py), each store's own figures (large_store.py: the bundled
store and a generated one of --facts) and check-draft (check_draft.py) each
measure their baselines in the same run, interleaved with factcli's runs; this
prints their details, the machine, and one table. Exit status 1 when a target
is missed, so a person (never a unit test: the machines are shared and noisy)
sees it.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
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
    parser.add_argument("--large-runs", type=int, default=3, help="runs of each store's figures")
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    compile_package()
    print(machine())
    startup_lines, startup_ratios = startup.measure(args.runs)
    print("\n".join(startup_lines))
    from factcli.store.files import bundled_store

    ratios = list(startup_ratios)
    with tempfile.TemporaryDirectory() as tmp:
        big = large_store.generated(tmp, args.facts, args.files)
        for store, label, targets in (
            (large_store.copied(tmp, bundled_store()), "bundled store", False),
            (big, f"{args.facts:,} facts", True),
        ):
            store_lines, store_ratios = large_store.measure(store, label, args.large_runs, targets=targets)
            print("\n".join(store_lines))
            ratios += store_ratios
        draft_lines, draft_ratios = check_draft.measure(args.facts, args.files, args.large_runs, big)
    print("\n".join(draft_lines))
    ratios += draft_ratios
    print()
    print_table(ratios)
    sys.exit(0 if all(r.met for r in ratios) else 1)


if __name__ == "__main__":
    main()
