"""What every benchmark does first."""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_package() -> None:
    """Write factcli's bytecode first, as `pip install` does: with PYTHONDONTWRITEBYTECODE set
    (as on this project's machines) an editable install would otherwise recompile every run."""
    import factcli

    compileall.compile_dir(Path(factcli.__file__).parent, quiet=1)
