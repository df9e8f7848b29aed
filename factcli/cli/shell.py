"""``completion SHELL``: the completion script for bash, zsh or fish, as gh prints its own."""

from enum import StrEnum
from typing import Annotated

import typer

from factcli.cli import streams
from factcli.cli.app import app


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command()
def completion(shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish.")]) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Completion offers fact ids, topics, entities (names with spaces come quoted),
    sources, metrics, tags, units and citation styles from the store.

    Examples:

      factcli completion bash > ~/.local/share/bash-completion/completions/factcli

      factcli completion zsh > "${fpath[1]}/_factcli"

      factcli completion fish > ~/.config/fish/completions/factcli.fish
    """
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="factcli", complete_var="_FACTCLI_COMPLETE", shell=shell.value)
    with streams.machine_stream() as out:
        out.write(script.rstrip("\n") + "\n")
