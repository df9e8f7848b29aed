"""factcli-pandoc: a pandoc JSON filter that writes facts into a manuscript (see formats/manuscript.py).

    pandoc draft.md --filter factcli-pandoc --citeproc --csl "$(factcli cite --csl-path apa)" -o draft.docx

The store is the one factcli uses ($FACTCLI_STORE, else the bundled one). An
unknown or superseded fact id stops the build (pandoc stops when a filter
fails) with the manuscript's FILE:LINE:COL. pandoc tells a JSON filter neither
its input files nor its own path, so both are read from the command line of
the pandoc that started the filter (its parent process, on Linux); elsewhere
the problems are reported without their position.
"""

import os
import shutil
import sys
from pathlib import Path
from typing import Any, NoReturn

#: pandoc's options that take a value as the next argument (short and long, as ``pandoc --help`` lists them).
_SHORT_WITH_VALUE = frozenset("frtwodMVDcHBATFL")
_LONG_WITH_VALUE = frozenset(
    "from read to write output data-dir defaults metadata metadata-file variable template filter lua-filter "
    "include-in-header include-before-body include-after-body css csl bibliography citation-abbreviations "
    "resource-path extract-media reference-doc epub-cover-image epub-metadata epub-embed-font epub-subdirectory "
    "highlight-style syntax-definition dpi wrap columns tab-stop toc-depth number-offset top-level-division "
    "shift-heading-level-by base-header-level indented-code-classes default-image-extension eol "
    "markdown-headings track-changes reference-location slide-level email-obfuscation id-prefix title-prefix "
    "pdf-engine pdf-engine-opt request-header abbreviations log ipynb-output chunk-template split-level "
    "figure-caption-position table-caption-position".split()
)

#: Options without a value that begin like one with a value ("--toc", "--toc-depth N").
_PREFIXES_WITHOUT_VALUE = frozenset({"toc"})


def main() -> None:
    import json

    from factcli.errors import FactcliError
    from factcli.formats import manuscript, pandoc_run

    try:
        doc: dict[str, Any] = json.load(sys.stdin)
        if manuscript.fact_keys(doc):
            from factcli.index.cache import open_index
            from factcli.store.files import resolve_store_path

            index = open_index(resolve_store_path(None))
            pandoc, files = parent_pandoc()
            found = pandoc_run.problems(index, doc, pandoc, _read(files))
            if found:
                _fail(found)
            doc = manuscript.write_facts(index, doc, smart=_reader_is_smart())
        json.dump(doc, sys.stdout, ensure_ascii=False)
    except FactcliError as exc:
        _fail([str(exc)])
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        _fail([f"pandoc gave a document this filter cannot read ({type(exc).__name__}: {exc})"])


def parent_pandoc() -> tuple[str | None, list[str]]:
    """The pandoc that runs this filter (its executable) and the input files it was given."""
    proc = Path("/proc") / str(os.getppid())
    try:
        args = (proc / "cmdline").read_bytes().decode("utf-8", "surrogateescape").split("\0")[:-1]
        executable = os.readlink(proc / "exe")
    except OSError:
        return shutil.which("pandoc"), []
    return executable, input_files(args[1:])


def input_files(args: list[str]) -> list[str]:
    """The input files among pandoc's arguments: every argument that is not an option or an option's value."""
    files: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            return files + args[i + 1 :]
        elif arg.startswith("--"):
            skip = "=" not in arg and _takes_value(arg[2:])
        elif arg.startswith("-") and arg != "-":
            skip = len(arg) == 2 and arg[1] in _SHORT_WITH_VALUE
        else:
            files.append(arg)
    return files


def _takes_value(name: str) -> bool:
    """Whether a long option takes the next argument; pandoc accepts any unambiguous prefix ("--biblio")."""
    if name in _LONG_WITH_VALUE:
        return True
    matches = [o for o in _LONG_WITH_VALUE if o.startswith(name)]
    return len(matches) == 1 and name not in _PREFIXES_WITHOUT_VALUE


def _read(files: list[str]) -> list[tuple[str, str]]:
    out = []
    for name in files:
        try:
            out.append((name, Path(name).read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue  # stdin ("-"), a URL, a file gone: searched nowhere, reported without a position
    return out


def _reader_is_smart() -> bool:
    """Whether pandoc's reader made typographic quotes and dashes (its ``smart`` extension), so that a value
    written in looks as if the writer had typed it."""
    import json

    try:
        options = json.loads(os.environ.get("PANDOC_READER_OPTIONS", "{}"))
        extensions = options.get("extensions", ["smart"]) if isinstance(options, dict) else ["smart"]
    except ValueError:
        return True
    return "smart" in extensions


def _fail(lines: list[str]) -> NoReturn:
    sys.stderr.write("".join(f"factcli-pandoc: {line}\n" for line in lines))
    raise SystemExit(1)
