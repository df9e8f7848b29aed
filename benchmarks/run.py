"""Every benchmark the project tracks, as one table of ratios against same-run baselines.

    python benchmarks/run.py [--runs 30] [--large-runs 5] [--draft-runs 5] [--facts 100000] [--files 100] [--readme]

Start-up (startup.py), each store's own figures (large_store.py: the bundled
store and a generated one of --facts) and check-draft (check_draft.py) each
measure their baselines in the same run, interleaved with factcli's runs; this
prints their details, the machine, and one table. Exit status 1 when a target
is missed, so a person (never a unit test: the machines are shared and noisy)
sees it. With --readme the whole report also replaces the block under the
``<!-- benchmarks/run.py -->`` marker in README.md (the Performance section).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import shlex
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
    parser.add_argument("--large-runs", type=int, default=5, help="runs of each store's figures")
    parser.add_argument("--draft-runs", type=int, default=5, help="check-draft runs (about a second each)")
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--readme", action="store_true", help="also write the report into README.md")
    args = parser.parse_args()
    report = io.StringIO()
    sys.stdout = Tee(sys.stdout, report)
    try:
        met = measure_all(args)
    finally:
        sys.stdout = sys.__stdout__
    if args.readme:
        write_readme(report.getvalue(), " ".join(shlex.quote(a) for a in sys.argv[1:] if a != "--readme"))
    sys.exit(0 if met else 1)


class Tee(io.TextIOBase):
    """Everything printed, to the terminal and kept."""

    def __init__(self, *streams: io.TextIOBase | object) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)  # type: ignore[attr-defined]
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()  # type: ignore[attr-defined]


README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = re.compile(r"(<!-- benchmarks/run\.py -->\n)```\n.*?```\n", re.DOTALL)


def write_readme(report: str, args: str) -> None:
    command = f"$ python benchmarks/run.py {args}".rstrip()
    block = f"```\n{command}\n{report.rstrip()}\n```\n"
    text = README.read_text(encoding="utf-8")
    new, found = MARKER.subn(lambda m: m.group(1) + block, text)
    if not found:
        sys.exit(f"no '<!-- benchmarks/run.py -->' block in {README}")
    README.write_text(new, encoding="utf-8")


def measure_all(args: argparse.Namespace) -> bool:
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
        draft_lines, draft_ratios = check_draft.measure(args.facts, args.files, args.draft_runs, big)
    print("\n".join(draft_lines))
    ratios += draft_ratios
    print()
    print_table(ratios)
    return all(r.met for r in ratios)


if __name__ == "__main__":
    main()
