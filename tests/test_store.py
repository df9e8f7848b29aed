"""Stores on disk: the good fixture loads exactly; each broken one gives exactly its expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.errors import StoreError, UsageError
from factcli.store.files import bundled_store, resolve_store_path, store_files
from factcli.store.load import load_store, read_store

from .conftest import DATA, GOOD

BROKEN = sorted(p.name for p in DATA.iterdir() if p.name.startswith("bad-"))
runner = CliRunner()


def test_good_store_loads_every_record() -> None:
    store = load_store(GOOD)
    assert [f.id for f in store.facts] == [
        "md-2002-relations",
        "md-2008-relations",
        "md-2007-rok-hotline",
        "pk-2008-personnel",
        "pk-2008-deployed",
    ]
    assert sorted(store.vocab.sources) == ["doc-a", "doc-b"]
    assert store.vocab.aliases["rok"] == "South Korea"
    assert store.problems == []
    fact = store.by_id["pk-2008-personnel"]
    assert fact.value == 11063
    assert fact.period is not None
    assert (fact.period.start, fact.period.end) == ("1990", "2008-11")
    assert fact.location is not None
    assert fact.location.line == 2


def test_broken_fixture_list_is_not_empty() -> None:
    assert len(BROKEN) >= 8


@pytest.mark.parametrize("name", BROKEN)
def test_broken_store_reports_exactly_the_expected_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    expected = (DATA / name / "EXPECTED").read_text(encoding="utf-8")
    strict = [] if ": error: " in expected else ["--strict"]  # a store of warnings fails under --strict
    result = runner.invoke(app, ["--store", name, "validate", *strict])
    assert result.exit_code == 1
    assert result.stdout == expected
    assert "Traceback" not in result.stderr


#: Content problems (a fact against its words, its documents, the other facts) are validate's and add's to
#: find; lookups refuse the rest.
CONTENT_ONLY = {"bad-values", "bad-after-publication", "bad-ordinals", "bad-claim-names", "bad-content"}


@pytest.mark.parametrize("name", sorted(set(BROKEN) - CONTENT_ONLY))
def test_lookups_refuse_a_broken_store(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["--store", name, "find", "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"the store at {name} is invalid" in result.stderr
    errors = [line for line in (DATA / name / "EXPECTED").read_text().splitlines() if ": error: " in line]
    for line in errors:
        assert line in result.stderr


def test_content_problems_do_not_block_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["--store", "bad-values", "find", "--format", "ids"])
    assert result.exit_code == 0
    assert result.stdout.split() == [
        "pk-2008-personnel",
        "md-2002-relations",
        "md-2007-rok-hotline",
        "pk-2008-deployed",
    ]


@pytest.mark.parametrize("name", sorted(CONTENT_ONLY - {"bad-values"}))
def test_a_fact_wrong_against_its_documents_still_answers_lookups(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["--store", name, "find", "--format", "ids"])
    assert result.exit_code == 0
    assert len(result.stdout.split()) >= 5


def test_load_store_raises_with_every_problem() -> None:
    with pytest.raises(StoreError) as info:
        load_store(DATA / "bad-dup-key")
    assert len(info.value.problems) == 2


def test_missing_store_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        resolve_store_path(str(tmp_path / "nope"))
    monkeypatch.setenv("FACTCLI_STORE", str(tmp_path / "nope"))
    with pytest.raises(UsageError, match=r"\(from FACTCLI_STORE\) does not exist"):
        resolve_store_path(None)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="is not a directory"):
        resolve_store_path(str(tmp_path / "file"))


def test_default_store_is_the_bundled_one() -> None:
    assert resolve_store_path(None) == bundled_store()
    assert (bundled_store() / "sources.yaml").is_file()


def test_store_files_skip_dotfiles_and_backups_but_not_yml(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yml", "C.YAML", ".#a.yaml", "a.yaml~", "notes.txt"):
        (tmp_path / name).write_text("")
    assert [p.name for p in store_files(tmp_path)] == ["C.YAML", "a.yaml", "b.yml"]


def test_empty_fact_file_is_a_warning(tmp_path: Path) -> None:
    for f in GOOD.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    store = read_store(tmp_path)
    assert [(p.level, p.message) for p in store.problems] == [("warning", "file is empty")]
    assert len(load_store(tmp_path).facts) == 5


def test_entity_alias_clash_is_an_error(tmp_path: Path) -> None:
    for f in GOOD.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    with open(tmp_path / "entities.yaml", "a", encoding="utf-8") as fh:
        fh.write('- name: "Rokland"\n  aliases: ["ROK"]\n')
    messages = [p.message for p in read_store(tmp_path).problems]
    assert "alias 'ROK' names both 'South Korea' and 'Rokland'" in messages


def test_supersedes_must_name_a_known_fact(tmp_path: Path) -> None:
    for f in GOOD.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    text = (tmp_path / "military-diplomacy.yaml").read_text()
    text = text.replace(
        '  tags: ["attaches"]\n', '  tags: ["attaches"]\n  supersedes: {id: md-2002-relatons, reason: "newer"}\n'
    )
    (tmp_path / "military-diplomacy.yaml").write_text(text)
    messages = [p.message for p in read_store(tmp_path).problems]
    assert messages == [
        "'md-2008-relations' supersedes unknown fact 'md-2002-relatons' "
        "(did you mean 'md-2002-relations' or 'md-2008-relations'?)"
    ]


def test_reading_pauses_the_collector_and_always_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from factcli.store import load as loader

    during: list[bool] = []
    real = loader._read_store

    def spy(*args: object) -> object:
        during.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(loader, "_read_store", spy)
    assert len(loader.read_store(GOOD).facts) == 5
    assert during == [False]
    assert gc.isenabled()

    def boom(*args: object) -> object:
        raise RuntimeError

    monkeypatch.setattr(loader, "_read_store", boom)
    with pytest.raises(RuntimeError):
        loader.read_store(GOOD)
    assert gc.isenabled()
    gc.disable()
    try:
        monkeypatch.setattr(loader, "_read_store", spy)
        loader.read_store(GOOD)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_show_never_picks_one_of_two_facts_with_the_same_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["--store", "bad-dup-id", "show", "pk-2008-deployed"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[:2] == [
        "bad-dup-id/extra.yml:1:7: error: duplicate fact id 'pk-2008-deployed' "
        "(also at bad-dup-id/peacekeeping.yaml:17:7) [duplicate-id]",
        "bad-dup-id/peacekeeping.yaml:17:7: error: duplicate fact id 'pk-2008-deployed' "
        "(also at bad-dup-id/extra.yml:1:7) [duplicate-id]",
    ]
