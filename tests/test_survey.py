"""store/survey.py: what the index asks the store, answered for a sound store and for the cases where the
index must give up its fast road (an unreadable file, a reference that does not resolve, a FIFO)."""

from __future__ import annotations

import os
from pathlib import Path

from factcli.index.keys import fingerprint
from factcli.store.survey import survey

from .conftest import GOOD

DATA = Path(__file__).parent / "data"


def test_a_survey_lists_each_file_with_its_stats_and_kind() -> None:
    found = survey(GOOD)
    assert [(f.name, f.vocabulary) for f in found.files] == [
        ("entities.yaml", "entities"), ("metrics.yaml", "metrics"), ("military-diplomacy.yaml", None),
        ("peacekeeping.yaml", None), ("sources.yaml", "sources"), ("topics.yaml", "topics"),
    ]  # fmt: skip
    assert [f.name for f in found.fact_files] == ["military-diplomacy.yaml", "peacekeeping.yaml"]
    assert [f.size for f in found.files] == [(GOOD / f.name).stat().st_size for f in found.files]
    assert found.holds_vocabulary("Sources.YML")
    assert not found.holds_vocabulary("peacekeeping.yaml")


def test_a_file_that_cannot_be_read_has_no_stats_and_a_fingerprint_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (found,) = survey(tmp_path).files
    assert (found.stat, found.size) == (None, 0)
    assert fingerprint(survey(tmp_path)) == [("facts.yaml", -1, -1, -1, -1)]


def test_again_sees_the_store_as_it_is_now(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("[]\n")
    found = survey(tmp_path)
    (tmp_path / "b.yaml").write_text("[]\n")
    assert [f.name for f in found.files] == ["a.yaml"]
    assert [f.name for f in found.again().files] == ["a.yaml", "b.yaml"]


def test_facts_are_none_at_a_reference_that_does_not_resolve() -> None:
    good, bad = survey(GOOD), survey(DATA / "bad-refs")
    vocab, bad_vocab = good.vocabulary(), bad.vocabulary()
    assert vocab is not None
    assert bad_vocab is not None
    assert [len(good.facts(f.path, vocab) or []) for f in good.fact_files] == [3, 2]
    assert [bad.facts(f.path, bad_vocab) is None for f in bad.fact_files] == [True, False]  # an unknown topic


def test_the_vocabulary_is_none_when_a_vocabulary_file_has_an_error(tmp_path: Path) -> None:
    for path in GOOD.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "topics.yaml").write_text("- key: peacekeeping\n  key: again\n")
    assert survey(tmp_path).vocabulary() is None


def test_first_facts_are_read_from_a_files_start_alone_or_not_at_all(tmp_path: Path) -> None:
    found = survey(GOOD)
    vocab = found.vocabulary()
    assert vocab is not None
    first = found.fact_files[0].path
    whole = found.facts(first, vocab)
    assert whole is not None
    head = found.first_facts(first, 2, vocab)
    assert [fact.id for _, fact in head or []] == [fact.id for _, fact in whole[:2]]
    assert found.first_facts(first, len(whole), vocab) is None  # no item after the last: read whole instead
    os.mkfifo(tmp_path / "fifo.yaml")
    assert found.first_facts(tmp_path / "fifo.yaml", 2, vocab) is None  # never waits for a writer
    (tmp_path / "latin1.yaml").write_bytes(b"- id: caf\xe9\n- id: b\n- id: c\n")
    assert found.first_facts(tmp_path / "latin1.yaml", 2, vocab) is None


def test_a_fifo_for_a_first_fact_file_is_refused_not_waited_for(store_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With workers, the build reads the first fact file's start itself (for the compression dictionary)."""
    import pytest

    from factcli.errors import StoreError
    from factcli.index.cache import open_index

    monkeypatch.setenv("FACTCLI_BUILD_WORKERS", "2")
    os.mkfifo(store_dir / "a-first.yaml")
    with pytest.raises(StoreError) as refused:
        open_index(store_dir)
    assert [(p.path.endswith("a-first.yaml"), p.message) for p in refused.value.problems] == [
        (True, "cannot read: not a regular file")
    ]
