"""Content checks: quotes against the archived texts, values against their words."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from factcli.checks import quotes
from factcli.checks import validate as validation

from .conftest import GOOD

DOC_A = (
    "Participating in UN Peacekeeping Operations\n"
    "Since 1990 the PLA has sent 11,063 [sic] mili-\ntary personnel [/] :warning: to UN operations. "
    "As of the end of November 2008, 1,949 Chinese military peacekeepers were on duty.\n"
    "Military Exchanges and Cooperation\n"
    "China has established military relations with over 150 countries. "
    "In August 2007 a hotline between the defense ministries of China and the ROK was opened.\n"
)


def store_with_text(tmp_path: Path, text: str) -> tuple[Path, Path]:
    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "doc-a.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    sources = (store / "sources.yaml").read_text().replace("0" * 64, digest)
    (store / "sources.yaml").write_text(sources)
    return store, texts


def test_quotes_found_despite_hyphenation_and_line_breaks(tmp_path: Path) -> None:
    store, texts = store_with_text(tmp_path, DOC_A)
    problems = validation.validate(store, texts)
    assert [p.message for p in problems] == ["source doc-b has no sha256: its quotes cannot be checked"]


def test_changed_quote_is_an_error_showing_the_real_text(tmp_path: Path) -> None:
    store, texts = store_with_text(tmp_path, DOC_A.replace("over 150 countries", "over 160 countries"))
    problems = [p for p in validation.validate(store, texts) if p.level == "error"]
    assert len(problems) == 1
    assert problems[0].check == "quote-text"
    assert problems[0].message.startswith(
        "md-2008-relations: quote not found in the archived text of doc-a; nearest: “"
    )
    assert "over 160 countries" in problems[0].message


def test_normalise_folds_typography_and_hyphenation() -> None:
    assert quotes.normalise("China’s “con-\n cept” — new") == quotes.normalise('China\'s "concept" - new')


def test_quote_longer_than_two_sentences_is_a_warning(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    path = store / "military-diplomacy.yaml"
    path.write_text(path.read_text().replace(
        'quote: "China has established military relations with over 150 countries."',
        'quote: "One. Two. China has established military relations with over 150 countries."',
    ))  # fmt: skip
    problems = validation.validate(store)
    assert [(p.level, p.check) for p in problems] == [("warning", "quote-length")]


def test_a_quote_cut_short_by_a_comment_is_an_error_at_the_hash(tmp_path: Path) -> None:
    """Cut short, a quote is no longer the document's words: an error (no lookup prints it as verbatim)."""
    from factcli.errors import StoreError
    from factcli.store.load import load_store

    text = DOC_A.replace("over 150 countries.", "over 150 countries, ranking #1 among developing countries.")
    store, texts = store_with_text(tmp_path, text)
    path = store / "military-diplomacy.yaml"
    path.write_text(path.read_text().replace(
        'quote: "China has established military relations with over 150 countries."',
        "quote: China has established military relations with over 150 countries, ranking #1 among developing"
        " countries.",
    ))  # fmt: skip
    problems = validation.validate(store, texts)
    (error,) = [p for p in problems if p.check == "comment"]
    assert error.level == "error"
    line = path.read_text().splitlines()[error.line - 1]
    assert line[error.column - 1] == "#"
    assert error.message == "text after ' #' is a comment, so this quote is cut short there; quote the whole quote"
    with pytest.raises(StoreError):
        load_store(store)


def test_a_quote_of_a_whole_page_is_a_warning(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    path = store / "military-diplomacy.yaml"
    long_quote = "China has established military relations with over 150 countries " + "and more " * 22_000
    path.write_text(path.read_text().replace(
        'quote: "China has established military relations with over 150 countries."', f'quote: "{long_quote}"'
    ))  # fmt: skip
    problems = validation.validate(store)
    assert [(p.level, p.check, p.message) for p in problems] == [
        ("warning", "quote-length",
         f"md-2008-relations: the quote from doc-a is {len(long_quote):,} characters long; "
         "quote only the sentence or two that state the value")
    ]  # fmt: skip
