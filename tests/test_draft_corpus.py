"""check-draft against the hand-made answer keys of tests/data/drafts* (see their READMEs).

The targets are the product's promise to a writer (issue #24): no correct figure
accused, so that *contradicted* is right every time it is said; at least 90 %
of planted errors caught citing the right fact; at least 90 % of correct
figures supported; at most 1 in 20 numbers that are not claims given a verdict;
at most 1 in 20 claims given no finding at all; and the exit code right for
every draft. The drafts' first-run scores, before any tuning, are in the README.
"""

from __future__ import annotations

import pytest

from .conftest import memory
from .draft_corpus import DRAFTS, PROBATION, Score, keys, score


@pytest.fixture(scope="module")
def corpus() -> Score:
    from factcli.store.files import bundled_store

    assert len(keys()) >= 12, f"the corpus in {DRAFTS} and its hold-out set have lost drafts"
    return score(memory(bundled_store()))


def test_planted_errors_are_caught_citing_the_right_fact(corpus: Score) -> None:
    assert corpus.planted >= 50
    missed = [m for m in corpus.misses if "planted error" in m]
    assert corpus.caught / corpus.planted >= 0.9, missed


def test_no_correct_figure_is_accused(corpus: Score) -> None:
    assert corpus.false_contradictions == []
    right, said = corpus.precision("contradicted")
    assert right == said


def test_correct_figures_are_supported(corpus: Score) -> None:
    assert corpus.correct >= 500
    assert corpus.supported / corpus.correct >= 0.9, [m for m in corpus.misses if "correct figure" in m]


def test_claims_are_not_silently_dropped(corpus: Score) -> None:
    claims = sum(n for (want, _), n in corpus.pairs.items() if want != "none")
    assert corpus.not_read * 20 <= claims, [m for m in corpus.misses if "read as none" in m]


def test_numbers_that_are_not_claims_get_no_verdict(corpus: Score) -> None:
    assert corpus.non_claims >= 250
    assert len(corpus.noise) * 20 <= corpus.non_claims, corpus.noise


def test_the_exit_code_is_right_for_every_draft(corpus: Score) -> None:
    assert corpus.exits_right == corpus.drafts


def test_the_scorer_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checker that finds nothing scores nothing: the figures above come from the checker, not the harness."""
    from factcli.checks import draft
    from factcli.store.files import bundled_store

    monkeypatch.setattr(draft, "check", lambda *args, **kwargs: [])
    empty = score(memory(bundled_store()))
    assert (empty.caught, empty.supported, len(empty.noise)) == (0, 0, 0)
    assert empty.exits_right < empty.drafts


def test_the_scorer_pairs_a_finding_with_the_number_it_stands_on() -> None:
    """A finding on "In 2002" is the key's "In 2002", not the line's earlier "2002" (a year naming a paper)."""
    from factcli.checks.draft import Finding

    from .draft_corpus import match

    text = "Between the papers of 2002 and 2008 it grew. In 2002 it had 100.\n"
    entries = [
        {"line": 1, "text": "2002", "verdict": "none"},
        {"line": 1, "text": "2008", "verdict": "none"},
        {"line": 1, "text": "In 2002", "verdict": "supported"},
        {"line": 1, "text": "100", "verdict": "supported"},
    ]
    on_in_2002 = Finding(1, text.index("2002", 30) + 1, "2002", "supported", text)
    on_100 = Finding(1, text.index("100") + 1, "100", "supported", text)
    assert match(entries, [on_in_2002, on_100], text) == {2: on_in_2002, 3: on_100}


def test_the_sets_on_probation_accuse_no_number() -> None:
    """Hold-out sets short of the other targets still never see a number accused that their key does not."""
    from factcli.store.files import bundled_store

    paths = [k for d in PROBATION for k in sorted(d.glob("*.key.yaml"))]
    assert paths
    s = score(memory(bundled_store()), paths)
    right, said = s.precision("contradicted")
    assert (s.false_contradictions, right) == ([], said)
