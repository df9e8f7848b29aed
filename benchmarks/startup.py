"""Start-up cost of a lookup, as ratios against baselines measured in the same run.

    python benchmarks/startup.py [--runs 30]

Runs each command as a whole process, interleaved so machine noise hits all
alike, and prints medians and the ratios the project tracks:
`factcli show ID --format json` against a bare Typer hello-world (the Typer
version installed here) and an argparse hello-world.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Ratio, compile_package, print_table, ratio

TYPER_HELLO = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "world") -> None:
    print("hello", name)
app()
"""
#: factcli's entry without the garbage-collector pause of _entry.py, to show what the pause buys.
NO_GC_PAUSE = """
import sys
from factcli.cli import app, load_commands
load_commands(sys.argv[1:])
app(prog_name="factcli")
"""
ARGPARSE_HELLO = """
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--name", default="world")
print("hello", parser.parse_args().name)
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(runs: int) -> tuple[list[str], list[Ratio]]:
    """Medians of every command (as report lines) and the two tracked ratios."""
    factcli = str(Path(sys.executable).parent / "factcli")
    fact_id = subprocess.run(
        [factcli, "find", "--format", "ids", "--limit", "1"], capture_output=True, text=True, check=True
    ).stdout.strip()
    show = ["show", fact_id, "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        typer_py, argparse_py = Path(tmp, "typer_hello.py"), Path(tmp, "argparse_hello.py")
        typer_py.write_text(TYPER_HELLO)
        argparse_py.write_text(ARGPARSE_HELLO)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "argparse hello-world": [sys.executable, str(argparse_py)],
            "typer hello-world": [sys.executable, str(typer_py)],
            "factcli show ID --format json": [factcli, "show", fact_id, "--format", "json"],
            "factcli --version": [factcli, "--version"],
            "  the same, collector not paused": [
                sys.executable,
                "-c",
                NO_GC_PAUSE,
                "show",
                fact_id,
                "--format",
                "json",
            ],
            "factcli find --topic peacekeeping --json": [factcli, "find", "--topic", "peacekeeping", "--json"],
            "factcli find peacekeepers (table)": [factcli, "find", "peacekeepers"],
        }
        for cmd in commands.values():  # warm the file cache
            timed(cmd)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    import typer

    lines = [f"Python {sys.version.split()[0]}, typer {typer.__version__}, {runs} runs each, medians:"]
    lines += [f"  {name:<42} {seconds * 1000:7.1f} ms" for name, seconds in medians.items()]
    show = medians["factcli show ID --format json"]
    ratios = [
        ratio("show --format json", show, medians["typer hello-world"], "typer hello", unit="ms", at_most=1.2),
        ratio("show --format json", show, medians["argparse hello-world"], "argparse hello", unit="ms", at_most=3),
        ratio("--version", medians["factcli --version"], show, "show --format json", unit="ms", at_most=1),
    ]
    return lines, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    compile_package()
    lines, ratios = measure(args.runs)
    print("\n".join(lines))
    print_table(ratios)


if __name__ == "__main__":
    main()
