"""Completion as each shell runs it: the script `factcli completion SHELL` prints, sourced in that shell.

A name with spaces must reach the command line as one word. Each test runs the real shell and is
skipped, with the reason, where the shell is not installed (.ci/run installs zsh and fish).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import CACHE, FACTCLI, GOOD


def shell(name: str, script: str) -> str:
    if shutil.which(name) is None:
        pytest.skip(f"{name} is not installed")
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_STORE"}
    env.update({"PATH": f"{Path(FACTCLI).parent}:{env['PATH']}", "FACTCLI_CACHE_DIR": str(CACHE)})
    result = subprocess.run([name, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_inserts_a_name_with_spaces_as_one_word() -> None:
    out = shell(
        "bash",
        f"source <(factcli completion bash); COMP_WORDS=(factcli --store {GOOD} find --entity Sou); COMP_CWORD=5; "
        '_factcli_completion factcli; printf "%s\\n" "${COMPREPLY[@]}"; eval "set -- ${COMPREPLY[0]}"; echo "$#:$1"',
    )
    assert out.splitlines() == ["South\\ Korea", "1:South Korea"]


def test_zsh_offers_the_whole_name() -> None:
    out = shell(
        "zsh",
        'source <(factcli completion zsh) 2>/dev/null; _arguments() { print -r -- "$@"; }; '
        f"words=(factcli --store {GOOD} find --entity Sou); CURRENT=6; _factcli_completion",
    )
    assert out == '*: :(("South Korea"))\n'


def test_fish_offers_the_whole_name() -> None:
    out = shell("fish", f"factcli completion fish | source; complete -C'factcli --store {GOOD} find --entity Sou'")
    assert out.splitlines() == ["South Korea"]


def test_each_shell_gets_its_own_script() -> None:
    scripts = {
        name: subprocess.run([FACTCLI, "completion", name], capture_output=True, text=True, check=True).stdout
        for name in ("bash", "zsh", "fish")
    }
    assert "complete -o default -F _factcli_completion factcli" in scripts["bash"]
    assert scripts["zsh"].startswith("#compdef factcli")
    assert scripts["fish"].startswith("complete --command factcli")
