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

from _common import compile_package

TYPER_HELLO = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "world") -> None:
    print("hello", name)
app()
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


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    factcli = str(Path(sys.executable).parent / "factcli")
    fact_id = subprocess.run(
        [factcli, "find", "--format", "ids", "--limit", "1"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        typer_py, argparse_py = Path(tmp, "typer_hello.py"), Path(tmp, "argparse_hello.py")
        typer_py.write_text(TYPER_HELLO)
        argparse_py.write_text(ARGPARSE_HELLO)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "argparse hello-world": [sys.executable, str(argparse_py)],
            "typer hello-world": [sys.executable, str(typer_py)],
            "factcli show ID --format json": [factcli, "show", fact_id, "--format", "json"],
            "factcli find --topic peacekeeping --json": [factcli, "find", "--topic", "peacekeeping", "--json"],
            "factcli find peacekeepers (table)": [factcli, "find", "peacekeepers"],
        }
        for cmd in commands.values():  # warm the file cache
            timed(cmd)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd))
    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    import typer

    print(f"Python {sys.version.split()[0]}, typer {typer.__version__}, {args.runs} runs each, medians:")
    for name, ms in medians.items():
        print(f"  {name:<42} {ms:7.1f} ms")
    show = medians["factcli show ID --format json"]
    print("ratios:")
    print(f"  show --format json / typer hello-world    {show / medians['typer hello-world']:.2f}x  (target <= 1.2)")
    print(f"  show --format json / argparse hello-world {show / medians['argparse hello-world']:.2f}x  (target <= 3)")


if __name__ == "__main__":
    main()
