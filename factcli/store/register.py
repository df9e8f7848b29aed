"""``sources add``: a document registered in a store, pinned by the sha256 of its text, its text kept.

The text is copied into the store's ``texts/`` folder as ``<source id>.txt`` (the byte-identical file the
sha256 names): ``validate`` checks every quote against it without ``--texts``, and ``extract SOURCE-ID``
reads it. The source is appended to ``sources.yaml`` as ``add`` appends a fact: under the store's lock, the
old bytes kept (an empty ``[]`` from ``init`` aside), re-read and compared before the file is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcli import fieldtable as fields
from factcli.errors import UsageError
from factcli.model import Source
from factcli.store import builders, newfact, write
from factcli.store.files import store_files
from factcli.store.load import read_vocabulary
from factcli.store.yamlread import LoadedFile, parse_text
from factcli.text.chars import os_error_text

#: The store's folder of documents' texts, each named by its source's id.
TEXTS = "texts"
_EMPTY_LIST = re.compile(r"^\[\][ \t]*\r?\n?", re.MULTILINE)


@dataclass(frozen=True)
class Registered:
    source: Source
    text_path: Path
    sources_path: Path
    yaml: str


def texts_dir(root: Path) -> Path | None:
    """The store's folder of texts, when it has one."""
    path = root / TEXTS
    return path if path.is_dir() else None


def text_of(root: Path, sha256: str, texts: Path | None = None) -> Path | None:
    """The file, in ``texts`` or the store's ``texts/``, whose bytes have ``sha256``."""
    import hashlib  # not on a lookup's road

    folder = texts or texts_dir(root)
    if folder is None or not folder.is_dir():
        return None
    for path in sorted(folder.iterdir()):
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
            return path
    return None


def source_yaml(record: dict[str, Any]) -> str:
    """One source as a YAML list item, fields in the schema's order."""
    lines: list[str] = []
    for key in fields.SOURCE_FIELDS:
        value = record.get(key)
        if value is not None:
            lines.append(f"{'- ' if not lines else '  '}{key}: {newfact.scalar(value)}")
    return "\n".join(lines) + "\n"


def register(root: Path, file: Path, record: dict[str, Any], *, named: bool = True) -> Registered:
    """Register the document ``file`` in the store ``root`` as ``record`` (id, title, publisher, type, …);
    ``named``: the user named the store (write.writable)."""
    import hashlib  # not on a lookup's road

    write.writable(root, named=named, what="a document")
    raw = _read(file)
    record = {**record, "sha256": hashlib.sha256(raw).hexdigest()}
    source = _checked(root, record)
    texts = root / TEXTS
    target = texts / f"{source.id}.txt"
    sources_path = root / "sources.yaml"
    text = source_yaml(record)
    with write.store_lock(root):
        _check_unique(root, source)
        created = _keep_text(texts, target, raw)
        try:
            _append(sources_path, text, source)
        except BaseException:
            if created:
                target.unlink(missing_ok=True)
            raise
    return Registered(source, target, sources_path, text)


def _read(file: Path) -> bytes:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        msg = f"cannot read {str(file)!r}: {os_error_text(exc)}"
        raise UsageError(msg) from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = (
            f"{str(file)!r} is not plain UTF-8 text (byte {exc.start}): convert the document first "
            "(pandoc -t plain for DOCX or HTML, pdftotext for a PDF)"
        )
        raise UsageError(msg) from exc
    if not raw.strip():
        msg = f"{str(file)!r} is empty"
        raise UsageError(msg)
    return raw


def _checked(root: Path, record: dict[str, Any]) -> Source:
    """The source as the loader would build it, every field checked (a bad date, an id with spaces)."""
    lf = LoadedFile("<new source>")
    parse_text(source_yaml(record), lf)
    built = builders.build_sources(lf)
    errors = [p for p in lf.problems if p.level == "error"]
    if errors or not built:
        msg = "; ".join(p.message for p in errors) or "the source could not be read back"
        raise UsageError(msg)
    return built[0][1]


def _check_unique(root: Path, source: Source) -> None:
    vocab, problems = read_vocabulary(store_files(root))
    if [p for p in problems if p.level == "error" and "sources" in p.path]:
        msg = f"{root / 'sources.yaml'} has errors; run factcli validate and fix them first"
        raise UsageError(msg)
    if source.id in vocab.sources:
        msg = f"the store already has a source '{source.id}': give another --id"
        raise UsageError(msg)
    for other in vocab.sources.values():
        if other.sha256 == source.sha256:
            msg = f"this document is registered already, as '{other.id}' (the same sha256)"
            raise UsageError(msg)


def _keep_text(texts: Path, target: Path, raw: bytes) -> bool:
    """The text copied to ``target``; True when this call created it."""
    try:
        if target.exists():
            if target.read_bytes() == raw:
                return False
            msg = f"{target} exists with other bytes: move it away, or give another --id"
            raise UsageError(msg)
        texts.mkdir(exist_ok=True)
        write.replace_atomically(target, raw)
    except OSError as exc:
        msg = f"cannot write {target}: {os_error_text(exc)}"
        raise write.WriteError(msg) from exc
    return True


def _append(path: Path, text: str, source: Source) -> None:
    """``text`` appended to sources.yaml (an empty ``[]`` from ``init`` replaced), verified, written atomically."""
    old = path.read_bytes() if path.exists() else b""
    body = old.decode("utf-8")
    before = _sources(body, path.name)
    kept = _EMPTY_LIST.sub("", body, count=1) if not before else body
    newline = "\r\n" if "\r\n" in body else "\n"
    if kept and not kept.endswith("\n"):
        kept += newline
    new = (kept + (newline if kept.strip() else "") + text.replace("\n", newline)).encode("utf-8")
    after = _sources(new.decode("utf-8"), path.name)
    if after[:-1] != before or len(after) != len(before) + 1 or after[-1].id != source.id:
        msg = f"appending to {path} would change what it holds; nothing was written"
        raise write.WriteError(msg)
    write.replace_atomically(path, new)


def _sources(text: str, name: str) -> list[Source]:
    lf = LoadedFile(name)
    parse_text(text, lf)
    return [s for _, s in builders.build_sources(lf)]


def document(root: Path, sources: dict[str, Source], name: str, texts: Path | None) -> tuple[Source, str, Path]:
    """The source ``name`` is (an id, or the document's file found by its sha256), its text, and the text's file."""
    import hashlib  # not on a lookup's road

    if name in sources:
        source = sources[name]
        if not source.sha256:
            msg = f"source {name} records no sha256: give its text's FILE instead (factcli extract FILE)"
            raise UsageError(msg)
        path = text_of(root, source.sha256, texts)
        if path is None:
            where = texts or root / TEXTS
            msg = (
                f"the text of {name} (sha256 {source.sha256[:12]}…) is in no file of {where}: give --texts DIR or FILE"
            )
            raise UsageError(msg)
        return source, path.read_bytes().decode("utf-8", "replace"), path
    path = Path(name)
    if not path.is_file():
        from factcli.text.suggest import suggest

        msg = f"'{name}' is neither a source of the store{suggest(name, sources)} nor a file"
        raise UsageError(msg)
    raw = _read(path)
    sha = hashlib.sha256(raw).hexdigest()
    for source in sources.values():
        if source.sha256 == sha:
            return source, raw.decode("utf-8"), path
    msg = (
        f"{name} is no registered document (no source has its sha256 {sha[:12]}…): register it first with "
        f"'factcli sources add {name} --id ID --title … --publisher … --type …'"
    )
    raise UsageError(msg)
