"""The whole bundle of CSL styles (2,851): none crashes, and factcli prints what pandoc prints for 95 % or more.

Slow (about a minute): run with ``pytest -m slow``; CI runs it in its pandoc 3 step. The comparison needs
pandoc 3.1.1 or later (``pandoc.utils.citeproc`` and ``pandoc.json`` in a Lua filter, one pandoc run for the
whole bundle); the crash count needs no pandoc.
"""

from __future__ import annotations

import shutil

import pytest

from factcli.formats import styles

from . import cite_bundle

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mine() -> dict[str, list[str] | str]:
    return cite_bundle.ours(styles.style_names())


def test_no_bundled_style_crashes(mine: dict[str, list[str] | str]) -> None:
    assert len(mine) == len(styles.style_names()) > 2800
    assert {name: result for name, result in mine.items() if isinstance(result, str)} == {}
    assert all(mine.values()), [name for name, references in mine.items() if not references]


def _lua_citeproc() -> bool:
    return shutil.which("pandoc") is not None and cite_bundle.pandoc_version() >= (3, 1, 1)


@pytest.mark.skipif(not _lua_citeproc(), reason="needs pandoc 3.1.1 or later (CI: .venvs/pandoc3)")
def test_identical_to_pandoc_for_95_percent_of_the_bundle(mine: dict[str, list[str] | str]) -> None:
    names = list(mine)
    differ = cite_bundle.compare(mine, cite_bundle.theirs(names))
    report = cite_bundle.report(differ, len(names))
    print(report)
    assert len(names) - len(differ) >= 0.95 * len(names), report
