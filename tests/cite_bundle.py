"""Every bundled CSL style: what ``factcli cite`` prints for the store's documents, against what pandoc prints.

pandoc runs once for the whole bundle: a Lua filter (tests/data/cite/bibliographies.lua) calls
``pandoc.utils.citeproc`` once per style (pandoc 3.1.1 or later). Two texts are the same when they are
after whitespace and typographic quotes are normalised (pandoc curls the apostrophes it reads, citeproc-py
does not). A style with no bibliography, or none for these documents, is compared by each document's citation.
``python -m tests.cite_bundle`` prints the figure and the differences grouped by where they start.
"""

from __future__ import annotations

import collections
import difflib
import json
import os
import re
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from factcli.formats import cite, styles
from factcli.model import Source
from factcli.store.files import bundled_store
from factcli.store.load import load_store

LUA = Path(__file__).parent / "data" / "cite" / "bibliographies.lua"


def sources() -> list[Source]:
    return list(load_store(bundled_store()).vocab.sources.values())


def _ours(names: list[str]) -> dict[str, list[str] | str]:
    documents = sources()
    out: dict[str, list[str] | str] = {}
    for name in names:
        try:
            out[name] = cite.bibliography(name, documents)
        except Exception as exc:  # noqa: BLE001 - a crash is what is counted here
            out[name] = f"{type(exc).__name__}: {exc}"
    return out


def ours(names: list[str]) -> dict[str, list[str] | str]:
    """Each style's references as factcli prints them, or the crash's text; two processes at most."""
    workers = min(2, os.cpu_count() or 1)
    chunks = [names[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return {k: v for part in pool.map(_ours, chunks) for k, v in part.items()}


def pandoc_version() -> tuple[int, ...]:
    first = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    return tuple(int(n) for n in re.findall(r"\d+", first.split()[-1]))


def theirs(names: list[str]) -> dict[str, list[str]]:
    """Each style's references as pandoc prints them (its citations, when it prints no bibliography)."""
    documents = sources()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "refs.json").write_text(cite.csl_json(documents), encoding="utf-8")
        (work / "doc.md").write_text('---\nnocite: "@*"\nbibliography: refs.json\n---\n', encoding="utf-8")
        (work / "styles.txt").write_text("".join(f"{styles.path_of(n)}\n" for n in names), encoding="utf-8")
        env = {**os.environ, "FACTCLI_STYLES": str(work / "styles.txt"),
               "FACTCLI_IDS": " ".join(s.id for s in documents)}  # fmt: skip
        done = subprocess.run(["pandoc", "doc.md", "--lua-filter", str(LUA), "-t", "plain", "-o", os.devnull],
                              cwd=work, env=env, capture_output=True, text=True, check=True)  # fmt: skip
    by_path = json.loads(done.stdout)
    out = {}
    for name in names:
        result = by_path[str(styles.path_of(name))]
        text = result.get("bibliography", "") if isinstance(result, dict) else ""
        if not text.strip():
            text = "\n\n".join(result.get("citations", []))
        out[name] = [e for e in text.strip().split("\n\n") if e.strip()]
    return out


def normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def compare(mine: dict[str, list[str] | str], pandoc: dict[str, list[str]]) -> dict[str, str]:
    """The styles that differ, each with where the difference starts ('' for the identical ones left out)."""
    out = {}
    for name, references in mine.items():
        if isinstance(references, str):
            out[name] = f"crash: {references}"
            continue
        a, b = [normal(e) for e in references], [normal(e) for e in pandoc[name]]
        if a != b:
            out[name] = _cause(a, b)
    return out


def _cause(a: list[str], b: list[str]) -> str:
    if len(a) != len(b):
        return f"{len(a)} entries, pandoc {len(b)}"
    if sorted(a) == sorted(b):
        return "order of the entries"
    x, y = next((x, y) for x, y in zip(a, b, strict=True) if x != y)
    op, i1, i2, j1, j2 = next(o for o in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                              if o[0] != "equal")  # fmt: skip
    return f"{op} {x[i1:i2]!r} -> {y[j1:j2]!r} (… {x[max(0, i1 - 30) : i2 + 10]!r})"


def report(differ: dict[str, str], total: int) -> str:
    causes = collections.Counter(re.sub(r" \(… .*\)$", "", cause) for cause in differ.values())
    lines = [f"identical to pandoc: {total - len(differ)}/{total} ({100 * (total - len(differ)) / total:.1f} %), "
             f"crashes: {sum(c.startswith('crash') for c in differ.values())}"]  # fmt: skip
    lines += [f"  {n:4d}  {cause}  (e.g. {next(s for s, c in differ.items() if c.startswith(cause))})"
              for cause, n in causes.most_common()]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    names = styles.style_names()
    print(subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0])
    print(report(compare(ours(names), theirs(names)), len(names)))
