"""A store's own rows: the first (cold) build, the index, warm lookups, a change, export; as ratios.

    python benchmarks/large_store.py [--facts 100000] [--files 100] [--runs 3]   # a generated store
    python benchmarks/large_store.py --bundled [--runs 5]                        # the bundled store (185 facts)

Each figure is a whole process, the median of --runs, measured interleaved with
its baseline from the same run:
  - the first lookup on a store never indexed (the build: parse every file, write
    the index) against a plain libyaml parse of the same files (yaml.load with
    CSafeLoader, one process), with the peak RSS of the largest process;
  - the index's size against the YAML's;
  - warm lookups against jq over the same facts as one JSON file: a filter, and a
    word search with jq's fastest honest form (test() with the "i" flag over the
    fields factcli searches), with peak RSS;
  - the first lookup after one file changed against the cold build;
  - export --format sqlite (absolute targets).
The build uses one worker process per processor: the table says how many.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import Ratio, compile_package, print_table, ratio
from make_store import write_store

#: Runs the measured command as its child: its wall time from just before the start to the end, and its peak
#: RSS. The time is taken here, not by the caller, so this wrapper's own start-up (a Python and the subprocess
#: module, 30-60 ms here) counts on neither side: it would shrink every ratio towards 1.
PEAK = (
    "import resource, subprocess, sys, time\n"
    "out = open(sys.argv[1], 'wb')\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[2:], stdout=out).returncode\n"
    "seconds = time.perf_counter() - start\n"
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as fh:\n"
    "        yaml.load(fh, Loader=yaml.CSafeLoader)\n"
)
SEARCHED = "[.id, .claim, .value_text, (.citations[].quote), (.tags[]), (.entities[])]"
#: The two warm lookups the issue tracks, each with the jq filter that does the same on the JSON.
LOOKUPS = (
    (
        "find --topic peacekeeping --min 1000 --json",
        ["find", "--topic", "peacekeeping", "--min", "1000", "--json"],
        '[.[] | select(.topic == "peacekeeping" and .value != null and .value >= 1000)]',
    ),
    (
        "find treaty --json",
        ["find", "treaty", "--json"],
        f'[.[] | select({SEARCHED} | any(test("treaty"; "i")))]',
    ),
)


VOCABULARY = ("sources", "entities", "topics", "metrics")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB, the largest process of the tree) of one whole process; stdout discarded."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK, os.devnull, *cmd], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode not in (0, 1):
        msg = f"{cmd} failed: {result.stderr}"
        raise RuntimeError(msg)
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak) / 1024


def interleaved(runs: int, ours: Callable[[], tuple[float, float]], base: Callable[[], tuple[float, float]] | None):
    """Medians (seconds, peak MB) of ours and of the baseline, run turn about."""
    pairs = [(ours(), base() if base else (0.0, 0.0)) for _ in range(runs)]
    med = statistics.median
    return (med(p[0][0] for p in pairs), max(p[0][1] for p in pairs)), (med(p[1][0] for p in pairs), 0.0)


def measure(store: Path, label: str, runs: int, *, targets: bool = True) -> tuple[list[str], list[Ratio]]:
    """Report lines and the tracked ratios for the store at ``store``, labelled ``label`` in the table.

    Without ``targets`` (the bundled store: a few hundred facts, where starting Python is most of every
    figure) the ratios are shown and the absolute limits (memory, time) still apply."""
    factcli = str(Path(sys.executable).parent / "factcli")
    jq = shutil.which("jq")
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    yaml_files = sorted(str(p) for p in store.glob("*.yaml"))
    yaml_bytes = sum(os.path.getsize(p) for p in yaml_files)
    fact_files = [p for p in yaml_files if Path(p).stem not in VOCABULARY]
    lines, ratios = [], []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp, "cache")
        env = {**os.environ, "FACTCLI_CACHE_DIR": str(cache), "FACTCLI_STORE": str(store)}
        first = [factcli, "find", "--limit", "1", "--format", "ids"]

        def cold() -> tuple[float, float]:
            shutil.rmtree(cache, ignore_errors=True)
            return run(first, env)

        (build, build_rss), (parse, _) = interleaved(
            runs, cold, lambda: run([sys.executable, "-c", PARSE, *yaml_files], env)
        )
        index_bytes = sum(p.stat().st_size for p in cache.glob("*.sqlite"))
        json_file = Path(tmp, "store.json")
        with open(json_file, "wb") as fh:
            subprocess.run([factcli, "find", "--format", "json"], env=env, stdout=fh, check=True)
        warm = []
        for name, cmd, jq_filter in LOOKUPS:
            jq_run = (lambda f=jq_filter: run([jq, f, str(json_file)], env)) if jq else None
            (ours, rss), (base, _) = interleaved(runs, lambda c=cmd: run([factcli, *c], env), jq_run)
            warm.append((name, ours, rss, base))
        changed = Path(fact_files[len(fact_files) // 2])
        original = changed.read_bytes()

        def after_change() -> tuple[float, float]:
            changed.write_bytes(changed.read_bytes() + b"# changed\n")
            return run(first, env)

        try:
            (update, update_rss), _ = interleaved(runs, after_change, None)
        finally:
            changed.write_bytes(original)
        exported = Path(tmp, "export.db")
        (export, export_rss), _ = interleaved(runs, lambda: run([factcli, "export", "--format", "sqlite", "-o",
                                                                  str(exported)], env), None)  # fmt: skip
    lines.append(f"{label}: {len(fact_files)} fact files and {len(yaml_files) - len(fact_files)} vocabulary files, "
                 f"{yaml_bytes / 1e6:.1f} MB of YAML; medians of {runs} runs; "
                 f"the build uses up to {workers} worker processes; jq: {jq or 'not installed'}")  # fmt: skip
    lines.append(f"  first lookup, store never indexed (the build)   {build:7.2f} s  peak RSS {build_rss:6.1f} MB")
    lines.append(f"  plain libyaml parse of the same files (baseline) {parse:7.2f} s")
    lines.append(f"  index file {index_bytes / 1e6:.1f} MB")
    for name, ours, rss, base in warm:
        lines.append(f"  {name:<47} {ours:7.3f} s  peak RSS {rss:6.1f} MB   jq {base:7.3f} s")
    lines.append(f"  first lookup after one file changed              {update:7.2f} s  peak RSS {update_rss:6.1f} MB")
    lines.append(f"  export --format sqlite                           {export:7.2f} s  peak RSS {export_rss:6.1f} MB")
    ratios.append(ratio(f"{label}: first build", build, parse, "libyaml parse", unit="s", at_most=0.8))
    ratios[-1] = ratios[-1] if targets else _shown(ratios[-1])
    ratios.append(_absolute(f"{label}: peak RSS of the build", build_rss, 256, "MB"))
    size = Ratio(f"{label}: index size", f"{index_bytes / 1e6:.1f} MB", f"{yaml_bytes / 1e6:.1f} MB YAML",
                 index_bytes / yaml_bytes, "<= 2x", index_bytes <= 2 * yaml_bytes)  # fmt: skip
    ratios.append(size if targets else _shown(size))
    for name, ours, rss, base in warm:
        short = name.removesuffix(" --json")
        if jq:
            against = ratio(f"{label}: {short}", ours, base, "jq", unit="s", at_least=10, inverse=True)
            ratios.append(against if targets else _shown(against))
        ratios.append(_absolute(f"{label}: peak RSS of {short}", rss, 64, "MB"))
    change = ratio(f"{label}: first lookup after a change", update, build, "first build", unit="s", at_most=0.1)
    ratios.append(change if targets else _shown(change))
    ratios.append(_absolute(f"{label}: peak RSS after a change", update_rss, 100, "MB"))
    ratios.append(_absolute(f"{label}: export --format sqlite", export, 3, "s"))
    ratios.append(_absolute(f"{label}: peak RSS of export", export_rss, 128, "MB"))
    return lines, ratios


def _shown(row: Ratio) -> Ratio:
    return row._replace(target="(shown)", met=True)


def _absolute(what: str, value: float, limit: float, unit: str) -> Ratio:
    shown = f"{value:.1f} {unit}" if unit == "MB" else f"{value:.2f} {unit}"
    return Ratio(what, shown, f"{limit:g} {unit} limit", value / limit, "<= 1x", value <= limit)


def copied(tmp: str, store: Path) -> Path:
    """A copy of ``store`` (measuring changes one of its files)."""
    target = Path(tmp, "bundled")
    shutil.copytree(store, target)
    return target


def generated(tmp: str, facts: int, files: int) -> Path:
    store = Path(tmp, "store")
    write_store(store, facts, files)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bundled", action="store_true", help="the bundled store instead of a generated one")
    args = parser.parse_args()
    compile_package()
    from factcli.store.files import bundled_store

    with tempfile.TemporaryDirectory() as tmp:
        store = copied(tmp, bundled_store()) if args.bundled else generated(tmp, args.facts, args.files)
        label = "bundled store" if args.bundled else f"{args.facts:,} facts"
        lines, ratios = measure(store, label, args.runs, targets=not args.bundled)
    print("\n".join(lines))
    print_table(ratios)


if __name__ == "__main__":
    main()
