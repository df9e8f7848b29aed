"""factcli-pandoc: a pandoc JSON filter that writes facts into a manuscript (see formats/manuscript.py).

    pandoc draft.md --filter factcli-pandoc --citeproc --csl apa.csl -o draft.docx

The store is the one factcli uses ($FACTCLI_STORE, else the bundled one). An
unknown or superseded fact id stops the build (pandoc stops when a filter
fails): pandoc tells a JSON filter no file names, so the Markdown files of
the current directory are searched for the reference to say where it stands.
"""

import sys
from pathlib import Path
from typing import Any, NoReturn


def main() -> None:
    import json

    from factcli.errors import FactcliError
    from factcli.formats import manuscript
    from factcli.index.cache import open_index
    from factcli.store.files import resolve_store_path

    try:
        doc: dict[str, Any] = json.load(sys.stdin)
        ids = set(manuscript.fact_ids_in(doc["blocks"]))
        index = open_index(resolve_store_path(None)) if ids else None
        if index is not None:
            wrong = {i: why for i in sorted(ids) if (why := manuscript.why_not(index, i))}
            if wrong:
                _fail([f"{_where(i)}{why}" for i, why in wrong.items()])
            doc = manuscript.filter_document(index, doc)
        json.dump(doc, sys.stdout, ensure_ascii=False)
    except FactcliError as exc:
        _fail([str(exc)])
    except (ValueError, KeyError) as exc:
        _fail([f"pandoc gave a document this filter cannot read ({type(exc).__name__}: {exc})"])


def _where(fact_id: str) -> str:
    """'draft.md:12:5: ' for the first Markdown file here that cites the id, else ''."""
    needle = f"@fact:{fact_id}"
    for path in sorted(Path().glob("*.md")) + sorted(Path().glob("*.markdown")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        at = text.find(needle)
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            return f"{path}:{line}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}: "
    return ""


def _fail(lines: list[str]) -> NoReturn:
    sys.stderr.write("".join(f"factcli-pandoc: {line}\n" for line in lines))
    raise SystemExit(1)
