"""Where a store is and which files it has: the one definition every reader of a store uses."""

from __future__ import annotations

import os
from pathlib import Path

from factcli.errors import UsageError

STORE_ENV = "FACTCLI_STORE"
#: Vocabulary files by stem; every other YAML file of a store holds facts.
VOCABULARIES = ("sources", "entities", "topics", "metrics", "thesaurus")
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_store() -> Path:
    """The store shipped inside the package (and the wheel).

    Found by ``__file__``, not importlib.resources: a store must be a real directory (the
    index keys it by file stats), and importing the resources machinery cost 4 ms a start.
    """
    return Path(__file__).resolve().parents[1] / "facts"


def resolve_store_path(option: str | None) -> Path:
    """--store, else $FACTCLI_STORE, else the bundled store; a missing directory is a usage error."""
    env = os.environ.get(STORE_ENV) or None
    chosen, origin = (option, "--store") if option else (env, STORE_ENV) if env else (None, "")
    if chosen is None:
        return bundled_store()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a directory"
        msg = f"store {chosen!r} (from {origin}) {what}"
        raise UsageError(msg)
    return path


def store_files(root: Path) -> list[Path]:
    """YAML files directly in ``root`` (a store is flat), sorted; dotfiles and backups skipped."""
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        from factcli.text.chars import os_error_text  # error path only

        msg = f"cannot list store {str(root)!r}: {os_error_text(exc)}"
        raise UsageError(msg) from exc
    return [
        root / name
        for name in names
        if name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".") and not name.endswith("~")
    ]


def vocabulary_of(name: str) -> str | None:
    """'sources' for 'sources.yaml' (any case, .yml too); None for a fact file."""
    stem = name.rsplit(".", 1)[0].lower()
    return stem if stem in VOCABULARIES else None


def installed_package(root: Path) -> bool:
    """``root`` lies inside an installed package (site-packages), which the next install replaces whole."""
    return any(part in ("site-packages", "dist-packages") for part in root.resolve().parts)
