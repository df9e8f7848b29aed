"""Regenerate the README's command outputs by running the real commands.

    python scripts/readme.py          # rewrite README.md in place
    python scripts/readme.py --check  # exit 1 if README.md is stale (tests run this)

A block is a marker line naming the command, then a fenced block the script owns:

    <!-- run: factcli topics -->
    ```
    ...output...
    ```
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(?P<head><!-- run: (?P<cmd>.+?) -->\n)```[a-z]*\n.*?```\n", re.DOTALL)
#: "<!-- fresh: /tmp/DIR -->": DIR removed before the blocks after it run (a store they make from nothing).
FRESH = re.compile(r"<!-- fresh: (?P<fresh>/tmp/factcli-[\w.-]+) -->\n")
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "LC_ALL": "C.UTF-8"}


def run(command: str) -> str:
    args = shlex.split(command)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCLI_STORE", "FORCE_COLOR", "NO_COLOR")}
    env.update(ENV)
    while "=" in args[0]:  # VAR=value before the command, as in a shell
        name, _, value = args.pop(0).partition("=")
        env[name] = value
        command = command.split(" ", 1)[1]
    if args[0] == "factcli":
        args[0] = str(Path(sys.executable).parent / "factcli")
    if "|" in args:
        result = subprocess.run(command.replace("factcli", args[0], 1), shell=True, capture_output=True, text=True,
                                env=env, cwd=ROOT, check=False)  # fmt: skip
    else:
        result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    text = result.stdout + result.stderr
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


#: The archived source texts: blocks that read them are left as they are where they are absent.
SEEDS = ROOT.parent / "shared" / "seeds"


def render(text: str) -> str:
    def replace(m: re.Match[str]) -> str:
        if m.group("fresh"):
            shutil.rmtree(m.group("fresh"), ignore_errors=True)
            return m.group(0)
        if "../shared/seeds" in m.group("cmd") and not SEEDS.is_dir():
            print(f"not run (no {SEEDS}): {m.group('cmd')}", file=sys.stderr)
            return m.group(0)
        if "pandoc" in m.group("cmd") and shutil.which("pandoc") is None:
            print(f"not run (no pandoc): {m.group('cmd')}", file=sys.stderr)
            return m.group(0)
        return f"{m.group('head')}```\n$ {m.group('cmd')}\n{run(m.group('cmd'))}```\n"

    return re.compile(f"{FRESH.pattern}|{BLOCK.pattern}", re.DOTALL).sub(replace, text)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md is stale: run python scripts/readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
