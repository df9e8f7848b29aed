"""Mutation scores of the core modules, with mutmut: how many small changes to the code the tests notice.

    pip install mutmut
    python scripts/mutation.py                      # every module below
    python scripts/mutation.py factcli/store/rules.py
    python scripts/mutation.py --tables factcli/reading/numbers.py   # its tables instead (see table_mutants.py)

Too slow for CI (minutes a module on two processors). Each module is mutated in a copy of the checkout (the
committed tree, made with git archive), and only the tests that exercise it are run against each mutant, in
process. Prints, for each module, the mutants killed and the survivors; `mutmut results` in the copy (its path
is printed) lists the survivors, `mutmut show NAME` shows one.

mutmut leaves a module's top-level statements as they are, so its tables (number words, export columns) are
mutated apart: with --tables each entry of each table is changed and removed, and an entry added, one mutant
at a time, and the module's tests run against each (stopping at the first failure); the survivors are listed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

#: Each core module and the tests that exercise it.
PINS = "tests/test_pinned_tables.py"
MODULES = {
    "factcli/reading/numbers.py": ["tests/test_numbers.py", "tests/test_mentions.py", PINS],
    "factcli/reading/written_dates.py": [
        "tests/test_mentions.py",
        "tests/test_written_dates.py",
        "tests/test_draft_proof.py",
        PINS,
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
    "factcli/formats/export.py": ["tests/test_export.py", PINS],
    "factcli/formats/bibfiles.py": ["tests/test_cite.py", PINS],
    "factcli/formats/checked.py": ["tests/test_series.py", "tests/test_draft.py", PINS],
    "factcli/formats/styles.py": ["tests/test_cite.py", PINS],
    "factcli/store/files.py": ["tests/test_store.py", PINS],
    "factcli/store/yamlnodes.py": ["tests/test_yamlread.py", PINS],
    "factcli/fieldtable.py": ["tests/test_fieldtable.py", "tests/test_schema_json.py", PINS],
    "factcli/text/dates.py": ["tests/test_mentions.py", PINS],
}
#: The modules a plain run mutates (mutmut: minutes each).
CORE = [
    "factcli/reading/numbers.py",
    "factcli/reading/written_dates.py",
    "factcli/reading/mentions.py",
    "factcli/store/rules.py",
    "factcli/formats/cite.py",
    "factcli/index/engine.py",
]
_COUNTS = re.compile(r"🎉 (\d+) 🫥 (\d+)\s+⏰ (\d+)\s+🤔 (\d+)\s+🙁 (\d+)")


def checkout_copy(workdir: Path, name: str) -> Path:
    """The committed tree (git archive HEAD) in ``workdir``/``name``."""
    copy = workdir / name
    copy.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
    return copy


def score(module: str, tests: list[str], workdir: Path) -> tuple[int, int, int]:
    """(killed, survived, other) for one module, mutated in a copy of the checkout under ``workdir``."""
    copy = checkout_copy(workdir, Path(module).stem)
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


def table_score(module: str, tests: list[str], workdir: Path) -> tuple[int, int, int]:
    """(killed, survived, timed out) of the mutants of ``module``'s tables; each survivor is printed."""
    from table_mutants import mutants

    copy = checkout_copy(workdir, Path(module).stem + "-tables")
    target = copy / module
    tests = [test for test in tests if (copy / test).exists()]  # the pins may not be committed yet
    original = target.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-W", "ignore", *tests]
    env = {**os.environ, "PYTHONPATH": str(copy)}
    start = time.monotonic()
    if subprocess.run(command, cwd=copy, env=env, capture_output=True, check=False).returncode != 0:
        msg = f"the tests of {module} fail unmutated (in {copy})"
        raise SystemExit(msg)
    limit = 10 * (time.monotonic() - start) + 10
    killed = survived = timed_out = 0
    try:
        for mutant in mutants(original):
            target.write_text(mutant.source, encoding="utf-8")
            try:
                code = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=limit).returncode
            except subprocess.TimeoutExpired:
                timed_out += 1
                continue
            if code == 0:
                survived += 1
                print(f"  survived: {mutant.table}: {mutant.what}", flush=True)
            else:
                killed += 1
    finally:
        target.write_text(original, encoding="utf-8")
    return killed, survived, timed_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: the core modules, or with --tables "
                        "every module listed)")  # fmt: skip
    parser.add_argument("--tables", action="store_true", help="mutate the module's tables, not its functions")
    parser.add_argument("--keep", action="store_true", help="keep the copies (to look at the survivors)")
    options = parser.parse_args()
    modules = options.modules or (list(MODULES) if options.tables else CORE)
    workdir = Path(tempfile.mkdtemp(prefix="factcli-mutation-"))
    print(f"{'module':<32} {'killed':>7} {'survived':>9} {'other':>6} {'score':>7}")
    for module in modules:
        measure = table_score if options.tables else score
        killed, survived, other = measure(module, MODULES[module], workdir)
        total = killed + survived
        print(f"{module:<32} {killed:>7} {survived:>9} {other:>6} {killed / max(1, total):>7.1%}", flush=True)
    if options.keep:
        print(f"copies in {workdir}")
    else:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
