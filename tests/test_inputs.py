"""Every input bounded and read for what it is: drafts in UTF-16/32, /dev/zero, facts as JSON with wrong keys or
types, numbers too large, outputs that are links or devices, bytes that are not UTF-8; never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app, inputs
from factcli.errors import UsageError
from factcli.store import jsonfact

from .conftest import FACTCLI, GOOD, run_cli

runner = CliRunner()
#: A sentence of the bundled store's contradicted by its number (1,949 peacekeepers at the end of November 2008; a
#: figure of another order of magnitude would be unverified, not contradicted).
CONTRADICTION = "At the end of November 2008, 2,949 Chinese peacekeepers were on duty.\n"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_draft_is_decoded_by_its_byte_order_mark(codec: str, tmp_path: Path) -> None:
    """A UTF-16 draft read as UTF-8 had no numbers: its contradiction passed the CI gate with exit 0."""
    import codecs

    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    draft = tmp_path / "draft.md"
    draft.write_bytes(bom.get(codec, b"") + CONTRADICTION.encode(codec))
    result = runner.invoke(app, ["check-draft", str(draft), "--quickfix"])
    assert result.exit_code == 1
    assert ": contradicted: 2,949: write “1,949”" in result.stdout


def test_text_with_nul_bytes_and_a_broken_mark_are_refused_naming_why(tmp_path: Path) -> None:
    no_mark = tmp_path / "no-mark.md"
    no_mark.write_bytes(CONTRADICTION.encode("utf-16-le"))
    result = runner.invoke(app, ["check-draft", str(no_mark)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {str(no_mark)!r} holds NUL bytes, so it is not UTF-8 text (UTF-16 or UTF-32 without a byte order "
        "mark?)\n"
    )
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff\xfe" + b"a\x00\x00\xd8")  # a lone high surrogate
    with pytest.raises(UsageError, match="starts with a UTF-16 byte order mark but is not valid UTF-16"):
        inputs.read_text_argument(str(broken))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check-draft", "-"], "Error: standard input is larger than 8 MiB, the most a draft may be\n"),
        (
            ["add", "--from-json", "-", "--dry-run"],
            "Error: standard input is larger than 1 MiB, the most a fact as JSON may be\n",
        ),
        (["cite", "-"], "Error: standard input is larger than 64 MiB, the most a list of ids may be\n"),
    ],
)
def test_dev_zero_is_refused_not_read_for_ever(args: list[str], message: str) -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([FACTCLI, *args], stdin=zero, capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_a_device_as_a_draft_file_is_refused_by_its_size() -> None:
    result = runner.invoke(app, ["check-draft", "/dev/zero"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: '/dev/zero' is larger than 8 MiB, the most a draft may be\n",
    )


def test_closed_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    with pytest.raises(UsageError, match="standard input is closed"):
        inputs.read_text_argument("-")


def test_from_json_refuses_unknown_keys_and_wrong_types_naming_each_field() -> None:
    fact = {"notes": "x", "entity": ["ROK"], "tags": "pla", "value": True, "period": "2008",
            "citations": [{"source": 5, "quote": "q"}, "wp2008"], "supersedes": {"id": "a", "why": "b"}}  # fmt: skip
    result = runner.invoke(app, ["add", "--from-json", "-", "--dry-run"], input=json.dumps(fact))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --from-json: unknown field 'notes' (did you mean 'note' or 'entities'?); unknown field 'entity' "
        "(did you mean 'entities' or 'unit'?); field 'tags' must be a list of texts, not text (\"pla\"); field 'value' "
        "must be a number, not true; field 'period' must be an object, not text (\"2008\"); field "
        "'citations[0].source' must be text, not a number (5); field 'citations[1]' must be an object, not text "
        "(\"wp2008\"); unknown field 'supersedes.why'\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"value": ' + "9" * 5000 + "}", "field 'value' has more than 18 digits: no value is that large"),
        ('{"value": 1e999}', "field 'value' must be a finite number"),
        ('{"value": NaN}', "field 'value' must be a finite number"),
        ("[" * 100_000, "the JSON is nested too deeply to be a fact"),
        ('{"id": "x"', "not valid JSON at line 1 column 11: Expecting ',' delimiter"),
        ("[1]", "expected one JSON object (a fact)"),
    ],
)
def test_from_json_refuses_what_is_not_a_fact(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        jsonfact.record_from_json(jsonfact.parsed(text))
    assert str(caught.value) == f"--from-json: {message}"


def test_what_show_json_prints_is_taken_as_it_is() -> None:
    shown = json.loads(runner.invoke(app, ["--store", str(GOOD), "show", "pk-2008-deployed", "--json"]).stdout)
    record = jsonfact.record_from_json(shown)
    assert record["citations"][0]["source"] == "doc-a"
    assert "note" not in record  # null, as show prints an empty field


def _store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    return store


def test_export_without_metrics_yaml(tmp_path: Path) -> None:
    """metrics.yaml is optional: its table is made empty (it was 'No such column: metrics.key')."""
    store = _store(tmp_path)
    (store / "metrics.yaml").unlink()
    for path in store.glob("*.yaml"):
        path.write_text("".join(line for line in path.read_text().splitlines(True) if "  metric:" not in line))
    result = runner.invoke(app, ["--store", str(store), "export", "--format", "sqlite", "-o", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.stderr
    import sqlite3

    with sqlite3.connect(tmp_path / "x.db") as db:
        assert db.execute("SELECT count(*) FROM metrics").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (5,)
    db.close()


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_export_never_replaces_a_device_and_writes_through_links(fmt: str, tmp_path: Path) -> None:
    refused = runner.invoke(app, ["--store", str(GOOD), "export", "--format", fmt, "-o", "/dev/full"])
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: '/dev/full' is not a regular file: write to standard output (-o -) and redirect it instead\n",
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    target, link = tmp_path / "target", tmp_path / "link"
    target.write_text("old")
    os.chmod(target, 0o640)
    link.symlink_to(target)
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", fmt, "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert target.read_bytes() != b"old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "target"]  # no temp file left


def test_export_dash_is_stdout_and_a_new_file_honours_the_umask(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "jsonl", "-o", "-"])
    assert len(result.stdout.splitlines()) == 5
    old = os.umask(0o027)
    try:
        assert (
            runner.invoke(app, ["--store", str(GOOD), "export", "--format", "csv", "-o", str(tmp_path / "a")]).exit_code
            == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o640


def test_an_export_that_fails_midway_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It wrote in place: a full disk left the old export truncated."""
    import errno

    from factcli.cli import streams

    out = tmp_path / "facts.json"
    out.write_text("the old export")

    def full(rows: object, name: str, fields: object, fh: object) -> None:
        fh.write("[\n{")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(streams, "render", full)
    result = runner.invoke(app, ["--store", str(GOOD), "export", "--format", "json", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {out}: no space left on the device\n")
    assert out.read_text() == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.json"]


def _fact(**changes: object) -> list[str]:
    flags = {"id": "pk-2009-new", "claim": "A claim about 2009.", "kind": "event", "value-text": "2009",
             "date": "2009", "topic": "peacekeeping", "source": "doc-a", "section": "S",
             "quote": "In 2009 something happened."}  # fmt: skip
    flags.update(changes)  # type: ignore[arg-type]
    return [arg for key, value in flags.items() for arg in (f"--{key}", str(value))]


def test_add_writes_through_a_symlinked_store_file_and_honours_the_umask(tmp_path: Path) -> None:
    store = _store(tmp_path)
    elsewhere = tmp_path / "shared-peacekeeping.yaml"
    shutil.move(store / "peacekeeping.yaml", elsewhere)
    (store / "peacekeeping.yaml").symlink_to(elsewhere)
    result = runner.invoke(app, ["--store", str(store), "add", *_fact()])
    assert result.exit_code == 0, result.stderr
    assert (store / "peacekeeping.yaml").is_symlink()
    assert "pk-2009-new" in elsewhere.read_text()
    old = os.umask(0o002)
    try:
        result = runner.invoke(
            app,
            [
                "--store",
                str(store),
                "add",
                *_fact(id="pk-2009-other", quote="In 2009 something else happened."),
                "--file",
                str(store / "new.yaml"),
            ],
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE((store / "new.yaml").stat().st_mode) == 0o664  # was 0600 whatever the umask


def test_a_huge_number_in_a_store_is_refused_at_its_position(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = store / "peacekeeping.yaml"
    path.write_text(path.read_text().replace("  value: 1949\n", "  value: " + "9" * 5000 + "\n"))
    result = run_cli("--store", str(store), "validate")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else os.path.relpath(path)}:20:10: error: "
        "a number of 5,000 digits is larger than any value can be; check it, or quote it if it is text [schema]\n"
    )


def test_arguments_and_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    bad = os.fsdecode(b"\xff\xfe")
    for args in (["show", bad], ["find", "--entity", bad]):
        result = run_cli("--store", str(GOOD), *args)
        assert result.returncode == 2
        assert "internal error" not in result.stderr
    store = _store(tmp_path)
    shutil.copy(store / "peacekeeping.yaml", store / os.fsdecode(b"pk\xff.yaml"))
    result = subprocess.run(
        [FACTCLI, "--store", str(store), "validate"], capture_output=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 1
    assert (
        b"store/pk\xff.yaml:1:1: error: the file's name is not UTF-8 (bytes of another encoding); rename the file"
        in result.stdout
    )
    lookup = run_cli("--store", str(store), "find")
    assert lookup.returncode == 1
    assert "internal error" not in lookup.stderr


def test_an_id_with_an_invisible_character_is_named_not_repeated(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = store / "peacekeeping.yaml"
    path.write_text(path.read_text().replace("- id: pk-2008-deployed", '- id: "pk-2008\\u200b-deployed"'))
    result = run_cli("--store", str(store), "validate")
    assert "found 'pk-2008[U+200B ZERO WIDTH SPACE]-deployed' [schema]" in result.stdout
    assert "\u200b" not in result.stdout
