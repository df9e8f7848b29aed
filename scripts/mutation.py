"""Mutation scores of the core modules, with mutmut: how many small changes to the code the tests notice.

    pip install mutmut
    python scripts/mutation.py                      # every module below
    python scripts/mutation.py factcli/store/rules.py

Too slow for CI (minutes a module on two processors). Each module is mutated in a copy of the checkout (the
committed tree, made with git archive), and only the tests that exercise it are run against each mutant, in
process. Prints, for each module, the mutants killed and the survivors; `mutmut results` in the copy (its path
is printed) lists the survivors, `mutmut show NAME` shows one.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Each core module and the tests that exercise it.
MODULES = {
    "factcli/reading/numbers.py": ["tests/test_numbers.py", "tests/test_mentions.py"],
    "factcli/reading/written_dates.py": [
        "tests/test_mentions.py",
        "tests/test_written_dates.py",
        "tests/test_draft_proof.py",
    ],
    "factcli/reading/mentions.py": [
        "tests/test_mentions.py",
        "tests/test_written_dates.py",
        "tests/test_mention_readings.py",
        "tests/test_draft_proof.py",
        "tests/test_draft.py",
    ],
    "factcli/store/rules.py": ["tests/test_store.py", "tests/test_validation.py", "tests/test_claims.py"],
    "factcli/formats/cite.py": ["tests/test_cite.py"],
    "factcli/index/engine.py": [
        "tests/test_engine.py",
        "tests/test_search_words.py",
        "tests/test_index.py",
        "tests/test_cache.py",
        "tests/test_cli.py",
        "tests/test_relevance.py",
        "tests/test_export.py",
    ],
}
_COUNTS = re.compile(r"🎉 (\d+) 🫥 (\d+)\s+⏰ (\d+)\s+🤔 (\d+)\s+🙁 (\d+)")


def score(module: str, tests: list[str], workdir: Path) -> tuple[int, int, int]:
    """(killed, survived, other) for one module, mutated in a copy of the checkout under ``workdir``."""
    copy = workdir / Path(module).stem
    copy.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
    with (copy / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(
            "\n[tool.mutmut]\n"
            f"source_paths = [{module!r}]\n"
            f"pytest_add_cli_args_test_selection = {tests!r}\n"
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"]\n'
            'also_copy = ["tests", "factcli"]\n'
        )
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "run"], cwd=copy, capture_output=True, text=True, check=False
    )
    found = _COUNTS.findall(done.stdout.replace("\r", "\n"))
    if not found:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
        msg = f"mutmut gave no counts for {module} (see above; the copy is {copy})"
        raise SystemExit(msg)
    killed, skipped, timeout, suspicious, survived = map(int, found[-1])
    return killed, survived, skipped + timeout + suspicious


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), help="modules to mutate (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the copies (to look at the survivors)")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="factcli-mutation-"))
    print(f"{'module':<32} {'killed':>7} {'survived':>9} {'other':>6} {'score':>7}")
    for module in options.modules:
        killed, survived, other = score(module, MODULES[module], workdir)
        total = killed + survived
        print(f"{module:<32} {killed:>7} {survived:>9} {other:>6} {killed / max(1, total):>7.1%}", flush=True)
    if options.keep:
        print(f"copies in {workdir}")
    else:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
