"""Score `factcli find` on a set of reader queries with answer keys (the relevance set, or a new hold-out set).

Runs the installed console script as a reader would, one query at a time:
`factcli find WORDS… ARGS… --format ids --limit 3`. For each query the key lists 1-3 ids a reader would accept
(most wanted first), or none for a query the store cannot answer. Prints, overall and by kind of query:

- hit@3: the share of answerable queries with at least one expected id in the top 3;
- recall@3: the mean share of a query's expected ids found in the top 3;
- MRR: the mean of 1/rank of the first expected id (0 when none is in the top 3);
- for queries the store cannot answer, whether the answer was empty.

Usage: python scripts/score_queries.py tests/data/relevance.yaml [--factcli PATH] [--misses]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml


def top3(factcli: str, case: dict) -> list[str]:  # type: ignore[type-arg]
    words = case["query"].split()  # the words as a shell passes them, quoted
    args = [str(a) for a in case.get("args") or []]
    done = subprocess.run(
        [factcli, "find", *args, "--format", "ids", "--limit", "3", "--", *words],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("keys", type=Path)
    parser.add_argument("--factcli", default=shutil.which("factcli") or str(Path(sys.executable).parent / "factcli"))
    parser.add_argument("--misses", action="store_true", help="list the queries that miss")
    options = parser.parse_args()
    cases = yaml.safe_load(options.keys.read_text(encoding="utf-8"))
    by_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    empty_right: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for case in cases:
        kind = case.get("kind", "all")
        got = top3(options.factcli, case)
        expected = case["expect"]
        if not expected:
            empty_right[kind].append(not got)
            if got:
                misses.append(f"[{kind}] {case['query']!r}: expected nothing, got {got}")
            continue
        ranks = [got.index(i) + 1 for i in expected if i in got]
        hit = 1.0 if ranks else 0.0
        recall = len(ranks) / len(expected)
        rr = 1 / min(ranks) if ranks else 0.0
        by_kind[kind].append((hit, recall, rr))
        if recall < 1:
            misses.append(f"[{kind}] {case['query']!r}: got {got or 'nothing'}, expected {expected}")
    everything = [row for rows in by_kind.values() for row in rows]
    print(f"{'kind':<12} {'n':>3} {'hit@3':>6} {'recall@3':>9} {'MRR':>5}")
    for kind in sorted(by_kind, key=lambda k: -len(by_kind[k])):
        rows = by_kind[kind]
        n = len(rows)
        print(
            f"{kind:<12} {n:>3} {sum(r[0] for r in rows) / n:>6.2f} {sum(r[1] for r in rows) / n:>9.2f} "
            f"{sum(r[2] for r in rows) / n:>5.2f}"
        )
    n = len(everything)
    print(
        f"{'all':<12} {n:>3} {sum(r[0] for r in everything) / n:>6.2f} {sum(r[1] for r in everything) / n:>9.2f} "
        f"{sum(r[2] for r in everything) / n:>5.2f}"
    )
    for kind, rights in empty_right.items():
        print(f"unanswerable ({kind}): {sum(rights)}/{len(rights)} came back empty")
    if options.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
