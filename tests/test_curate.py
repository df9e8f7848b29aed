"""Bringing a document in: sources add, extract, add --from-file; each through the CLI, a few through the
installed console script (exit codes, streams, the progress bar on a terminal only)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcli.cli import app
from factcli.store.create import create_store
from factcli.store.files import bundled_store
from factcli.store.load import load_store

from .conftest import DATA, SEEDS, read_pty, run_cli

runner = CliRunner()
DOCUMENT = DATA / "extract-holdout" / "document.txt"
REGISTER = ["--title", "China's National Defense in 2010, Chapter X", "--publisher", "SCIO", "--type", "white-paper"]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A new store of one's own with the blind document registered as wp2010 and the bundled vocabularies."""
    root = tmp_path / "store"
    create_store(root)
    for name in ("topics.yaml", "entities.yaml", "metrics.yaml"):
        shutil.copy(bundled_store() / name, root / name)
    result = invoke(root, "sources", "add", str(DOCUMENT), "--id", "wp2010", *REGISTER, "--published", "2011-03")
    assert result.exit_code == 0, result.stderr
    return root


def invoke(root: Path, *args: str) -> object:
    return runner.invoke(app, ["--store", str(root), *args])


# -- sources add ---------------------------------------------------------------------------------------------


def test_sources_add_pins_the_document_and_keeps_its_text(store: Path) -> None:
    source = load_store(store).vocab.sources["wp2010"]
    assert source.sha256 == "903e1656737ef463550a3f9de0071894479654da295cbfe65c2ef50873d4ac4a"
    assert (source.published, source.type) == ("2011-03", "white-paper")
    assert (store / "texts" / "wp2010.txt").read_bytes() == DOCUMENT.read_bytes()
    text = (store / "sources.yaml").read_text(encoding="utf-8")
    assert text.startswith("# The documents facts are taken from.")  # init's comment kept, its empty [] gone
    assert "\n[]\n" not in text
    assert run_cli("--store", str(store), "validate", "--strict").returncode == 0


def test_sources_add_appends_without_changing_a_byte(store: Path, tmp_path: Path) -> None:
    before = (store / "sources.yaml").read_bytes()
    other = tmp_path / "Other Report.txt"
    other.write_text("A report of 2012. China sent 12 observers.\n", encoding="utf-8")
    result = invoke(store, "source", "add", str(other), "--title", "Other", "--publisher", "X", "--type", "report")
    assert result.exit_code == 0, result.stderr
    after = (store / "sources.yaml").read_bytes()
    assert after.startswith(before)
    assert list(load_store(store).vocab.sources) == ["wp2010", "other-report"]  # the id from the file's name
    assert result.stderr.startswith(f"registered other-report in {store / 'sources.yaml'}, its text kept as ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "wp2010"], "the store already has a source 'wp2010': give another --id"),
        (["--id", "again"], "this document is registered already, as 'wp2010' (the same sha256)"),
        (["--id", "Bad Id"], "'id' must be lowercase letters, digits and single hyphens, found 'Bad Id'"),
    ],
    ids=["same id", "same text", "bad id"],
)
def test_sources_add_refuses_what_would_not_be_one_new_source(store: Path, args: list[str], message: str) -> None:
    before = (store / "sources.yaml").read_bytes()
    result = invoke(store, "sources", "add", str(DOCUMENT), *args, *REGISTER)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (store / "sources.yaml").read_bytes() == before
    assert sorted(p.name for p in (store / "texts").iterdir()) == ["wp2010.txt"]


def test_sources_add_refuses_a_date_that_is_no_date(store: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Another text.\n", encoding="utf-8")
    result = invoke(store, "sources", "add", str(other), *REGISTER, "--published", "March 2011")
    assert result.exit_code == 2
    assert "'March 2011' is not an ISO date" in result.stderr


def test_sources_add_refuses_what_is_not_plain_text(store: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n\xff\xfe binary")
    result = invoke(store, "sources", "add", str(pdf), *REGISTER)
    assert result.exit_code == 2
    assert "is not plain UTF-8 text (byte 9): convert the document first" in result.stderr
    assert "pdftotext" in result.stderr


def test_sources_add_never_writes_into_the_bundled_store() -> None:
    before = (bundled_store() / "sources.yaml").read_bytes()
    result = runner.invoke(app, ["sources", "add", str(DOCUMENT), *REGISTER])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no store named, and a document goes into a store of your own, not the bundled one: start one "
        "with 'factcli init DIR' and name it with --store DIR or FACTCLI_STORE (to curate the bundled store in a "
        "checkout of factcli, name it: --store factcli/facts)\n"
    )
    assert (bundled_store() / "sources.yaml").read_bytes() == before
    assert not (bundled_store() / "texts").exists()


def test_validate_checks_quotes_against_the_stores_texts_by_default(store: Path) -> None:
    fact = (
        '- id: a-fact\n  claim: "China has military attaché offices in 112 countries."\n  kind: quantity\n'
        '  value: 112\n  unit: countries\n  value_text: "112"\n  date: "2010"\n  topic: military-diplomacy\n'
        '  citations:\n    - source: wp2010\n      section: "Military Exchanges with Other Countries"\n'
        '      quote: "China has military attaché offices in 112 countries"\n'
    )
    (store / "facts.yaml").write_text(fact, encoding="utf-8")
    done = run_cli("--store", str(store), "validate")
    assert done.returncode == 1
    assert "a-fact: quote not found in the archived text of wp2010" in done.stdout
    (store / "facts.yaml").write_text(fact.replace("China has military", "and has military"), encoding="utf-8")
    assert run_cli("--store", str(store), "validate").returncode == 0
    empty = store.parent / "empty"
    empty.mkdir()
    done = run_cli("--store", str(store), "validate", "--texts", str(empty))
    assert done.returncode == 1
    assert "source wp2010: no file in" in done.stdout


# -- extract ---------------------------------------------------------------------------------------------------


def test_extract_writes_a_review_file_and_never_over_one(store: Path, tmp_path: Path) -> None:
    review = tmp_path / "wp2010.review.yaml"
    result = invoke(store, "extract", "wp2010", "-o", str(review))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.endswith(f"review them, then: factcli add --from-file {review}\n")
    text = review.read_text(encoding="utf-8")
    assert text.startswith("# Candidate facts from wp2010: China's National Defense in 2010, Chapter X\n")
    records = yaml.safe_load(text)
    assert len(records) > 100
    assert {r["citations"][0]["source"] for r in records} == {"wp2010"}
    review.write_text("# my edits\n", encoding="utf-8")
    again = invoke(store, "extract", "wp2010", "-o", str(review))
    assert again.exit_code == 2
    assert "exists (it may hold your edits): give another -o FILE, or remove it" in again.stderr
    assert review.read_text(encoding="utf-8") == "# my edits\n"


def test_extract_json_marks_what_the_store_holds(store: Path) -> None:
    first = json.loads(invoke(store, "extract", "wp2010", "--json").stdout)
    picked = next(c["fact"] for c in first if c["fact"]["value_text"] == "112")
    (store / "facts.yaml").write_text(yaml.safe_dump([picked], allow_unicode=True), encoding="utf-8")
    second = json.loads(invoke(store, "extract", "wp2010", "--json").stdout)
    assert [c["held"] for c in second if c["held"]] == [picked["id"]]
    assert len(second) == len(first)
    assert set(second[0]) == {"line", "column", "held", "new_entities", "fact"}


def test_extract_a_file_finds_its_source_by_sha256(store: Path) -> None:
    result = invoke(store, "extract", str(DOCUMENT), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Candidate facts from wp2010:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wp201"], "'wp201' is neither a source of the store (did you mean 'wp2010'?) nor a file"),
        ([str(Path(__file__))], "is no registered document (no source has its sha256"),
        (["wp2010", "--as-of", "2010/12"], "--as-of '2010/12' is not an ISO date"),
        (["wp2010", "--texts", str(DATA / "drafts")], "the text of wp2010 (sha256 903e1656737e…) is in no file of"),
    ],
    ids=["unknown id", "unregistered file", "bad as-of", "text not there"],
)
def test_extract_usage_errors(store: Path, args: list[str], message: str) -> None:
    result = invoke(store, "extract", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not at {SEEDS}")
def test_extract_the_bundled_stores_own_document_lists_its_facts_as_held() -> None:
    result = runner.invoke(app, ["extract", "web-regional-cooperation", "--texts", str(SEEDS), "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert "\n# 0 to review; 19 more the store holds already" in result.stdout
    assert "#   " in result.stdout
    assert "- id:" not in result.stdout


# -- add --from-file -------------------------------------------------------------------------------------------


def test_add_from_file_adds_what_passes_and_keeps_the_rest_as_written(store: Path, tmp_path: Path) -> None:
    review = tmp_path / "wp2010.review.yaml"
    assert invoke(store, "extract", "wp2010", "-o", str(review)).exit_code == 0
    text = review.read_text(encoding="utf-8")
    edited = re.sub(r"\n  topic: [a-z-]+\n", "\n  topic: diplomacy\n", text, count=1)  # a curator's slip
    review.write_text(edited, encoding="utf-8")
    total = len(yaml.safe_load(edited))
    result = invoke(store, "add", "--from-file", str(review))
    assert result.exit_code == 1
    assert f"{total - 1} added (" in result.stderr
    assert "), 1 refused; the refused are kept in" in result.stderr
    assert "error: unknown topic 'diplomacy'" in result.stderr
    leftover = tmp_path / "wp2010.review.leftover.yaml"
    kept = leftover.read_text(encoding="utf-8")
    assert "# error: unknown topic 'diplomacy'" in kept
    assert "  topic: diplomacy\n" in kept
    assert len(yaml.safe_load(kept)) == 1
    assert len(load_store(store).facts) == total - 1
    assert run_cli("--store", str(store), "validate").returncode == 0
    leftover.write_text(kept.replace("topic: diplomacy", "topic: regional-security"), encoding="utf-8")
    fixed = invoke(store, "add", "--from-file", str(leftover))
    assert fixed.exit_code == 0, fixed.stderr
    assert len(load_store(store).facts) == total
    again = invoke(store, "add", "--from-file", str(review))  # nothing is added twice
    assert again.exit_code == 1
    assert f"0 added, {total} refused" in again.stderr  # every id is taken
    assert (tmp_path / "wp2010.review.leftover-2.yaml").exists()  # the first leftover is not written over
    assert leftover.read_text(encoding="utf-8").count("topic: regional-security") == 1


def test_add_from_file_dry_run_adds_nothing(store: Path, tmp_path: Path) -> None:
    review = tmp_path / "r.yaml"
    assert invoke(store, "extract", "wp2010", "-o", str(review)).exit_code == 0
    result = invoke(store, "add", "--from-file", str(review), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert f"{len(yaml.safe_load(review.read_text(encoding='utf-8')))} to add (" in result.stderr
    assert result.stderr.endswith("), 0 refused\n")
    assert load_store(store).facts == []
    assert not list(tmp_path.glob("*leftover*"))


def test_add_from_file_that_is_no_yaml_adds_nothing(store: Path, tmp_path: Path) -> None:
    review = tmp_path / "broken.yaml"
    review.write_text("- id: a\n  claim: [unclosed\n", encoding="utf-8")
    result = invoke(store, "add", "--from-file", str(review))
    assert result.exit_code == 1
    assert "cannot be read as a list of facts; nothing was added" in result.stderr
    assert load_store(store).facts == []


# -- the installed console script ------------------------------------------------------------------------------


def test_extract_through_the_console_script(store: Path, tmp_path: Path) -> None:
    done = run_cli("--store", str(store), "extract", "wp2010", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(json.loads(done.stdout)) > 100
    review = tmp_path / "r.yaml"
    done = run_cli("--store", str(store), "extract", "wp2010", "-o", str(review))
    assert done.returncode == 0
    added = run_cli("--store", str(store), "add", "--from-file", str(review), timeout=120)
    assert added.returncode == 0, added.stderr
    assert run_cli("--store", str(store), "validate").returncode == 0


def test_progress_is_drawn_on_a_terminal_only(store: Path) -> None:
    import os

    env = {**os.environ, "FACTCLI_STORE": str(store), "FACTCLI_PROGRESS_AFTER": "0", "COLUMNS": "100"}
    on_terminal = read_pty(["extract", "wp2010", "--json"], env, stream="stderr")
    assert b"Reading document.txt" in on_terminal or b"Reading wp2010.txt" in on_terminal
    piped = run_cli("--store", str(store), "extract", "wp2010", "--json", env={"FACTCLI_PROGRESS_AFTER": "0"})
    assert piped.stderr == ""


def test_add_from_file_keeps_what_the_reader_refuses_and_what_a_failed_write_left(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item YAML itself refuses (an anchor) is kept with its error; after a write fails, nothing more is
    tried, and every fact not added is kept."""
    from factcli.store import write

    review = tmp_path / "r.yaml"
    assert invoke(store, "extract", "wp2010", "-o", str(review)).exit_code == 0
    text = review.read_text(encoding="utf-8")
    first = text.index("\n- id: ") + 1
    review.write_text(text[:first] + "- &anchor just text\n" + text[first:], encoding="utf-8")
    calls: list[int] = []
    real = write.append

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise write.WriteError("cannot write peacekeeping.yaml: no space left on the device")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "append", failing)
    total = len(yaml.safe_load(text))
    result = invoke(store, "add", "--from-file", str(review))
    assert result.exit_code == 1
    assert "r.yaml:10: error: anchors (&anchor) are not allowed" in result.stderr
    assert "2 added (" in result.stderr
    kept = (tmp_path / "r.leftover.yaml").read_text(encoding="utf-8")
    assert "- &anchor just text" in kept
    assert "# error: cannot write peacekeeping.yaml: no space left on the device" in kept
    assert kept.count("# error: not tried: cannot write peacekeeping.yaml") == total - 3
    assert len(load_store(store).facts) == 2


def test_sources_add_keeps_no_text_of_a_source_it_did_not_register(store: Path, tmp_path: Path) -> None:
    (store / "texts" / "other.txt").write_text("someone's own notes\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Another text of 2012.\n", encoding="utf-8")
    result = invoke(store, "sources", "add", str(other), *REGISTER)
    assert result.exit_code == 2
    assert "texts/other.txt exists with other bytes: move it away, or give another --id" in result.stderr
    assert (store / "texts" / "other.txt").read_text(encoding="utf-8") == "someone's own notes\n"
    (store / "sources.yaml").write_text("- id: x\n  id: y\n", encoding="utf-8")
    result = invoke(store, "sources", "add", str(other), "--id", "fresh", *REGISTER)
    assert result.exit_code == 2
    assert "sources.yaml has errors; run factcli validate and fix them first" in result.stderr
