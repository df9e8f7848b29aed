"""cite: references in CSL styles, BibTeX, CSL-JSON and RIS, checked against pandoc."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.formats import cite
from factcli.store.files import bundled_store
from factcli.store.load import load_store

from .conftest import GOOD, memory, run_cli

runner = CliRunner()
FAMILIES = ["apa", "chicago-author-date", "modern-language-association", "harvard-cite-them-right"]


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    return load_store(bundled_store())


@pytest.mark.parametrize("style", FAMILIES)
def test_organisations_are_never_split_into_persons(bundled, style: str) -> None:  # type: ignore[no-untyped-def]
    sources = list(bundled.vocab.sources.values())
    references = cite.bibliography(style, sources)
    assert len(references) == len(sources)
    for source in sources:
        assert any(ref.startswith(source.publisher) for ref in references), (style, source.id)
    for ref in references:
        assert "Office, I." not in ref
        assert "China, G." not in ref


def test_references_are_deduplicated_and_sorted_by_the_style() -> None:
    # The wording is citeproc-py's (checked against pandoc below); here: one reference per source, in the
    # style's order (APA sorts "n.d." before 2009 for one author), each with its own parts.
    store = memory(GOOD)
    facts = store.require(["pk-2008-deployed", "md-2008-relations", "pk-2008-personnel"])
    assert [s.id for s in cite.sources_of(store, facts)] == ["doc-a", "doc-b"]
    references = cite.render(store, facts, "apa", with_quote=False, markdown=False).splitlines()
    assert len(references) == 2
    assert references[0].startswith("Office of Tests. (n.d.). Document B.")
    assert references[1].startswith("Office of Tests. (2009). Document A: Peacekeeping")
    assert references[1].endswith("https://example.org/doc-a")


def test_with_quote_gives_in_text_citation_with_section_locator() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2008-relations", "--with-quote"])
    assert result.exit_code == 0
    last = result.stdout.splitlines()[-1]
    assert last.startswith("md-2008-relations: “China has established military relations with over 150 countries.” (")
    assert "Office of Tests" in last
    assert "2009" in last
    assert last.endswith("Military Exchanges and Cooperation)")


def test_markdown_footnote_per_fact() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2002-relations", "--format", "markdown"])
    (line,) = result.stdout.splitlines()
    assert line.startswith("[^md-2002-relations]: “China has military relations with more than 100 countries.” (")
    assert "Military Exchanges)" in line
    assert "Document B" in line


def test_bibtex_braces_the_institution() -> None:
    store = memory(GOOD)
    text = cite.bibtex(cite.sources_of(store, store.require(["pk-2008-deployed"])))
    assert text.startswith(
        "@techreport{doc-a,\n  author = {{Office of Tests}},\n  title = {{Document A: Peacekeeping}},"
    )
    assert "  year = {2009},\n  month = jan,\n  url = {https://example.org/doc-a}" in text
    assert "@misc{doc-b,\n  author = {{Office of Tests}}" in text


def test_csl_json_and_ris() -> None:
    store = memory(GOOD)
    sources = cite.sources_of(store, store.require(["pk-2008-deployed"]))
    items = json.loads(cite.csl_json(sources))
    assert items[0] == {
        "id": "doc-a",
        "type": "report",
        "title": "Document A: Peacekeeping",
        "author": [{"literal": "Office of Tests"}],
        "publisher": "Office of Tests",
        "genre": "White paper",
        "issued": {"date-parts": [[2009, 1, 20]]},
        "URL": "https://example.org/doc-a",
    }
    ris = cite.ris(sources)
    assert ris.startswith("TY  - RPRT\nAU  - Office of Tests\nTI  - Document A: Peacekeeping\n")
    assert "ER  - \n" in ris


def test_ids_from_stdin() -> None:
    ids = run_cli("--store", str(GOOD), "find", "--topic", "military-diplomacy", "--format", "ids").stdout
    result = run_cli("--store", str(GOOD), "cite", "-", "--style", "bibtex", input=ids)
    assert result.returncode == 0
    assert result.stdout.count("@") == 2


def test_unknown_style_and_listing() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2002-relations", "--style", "chicago-author-dat"])
    assert result.exit_code == 2
    assert "unknown citation style 'chicago-author-dat' (did you mean 'chicago-author-date'" in result.stderr
    listed = runner.invoke(app, ["cite", "--list-styles", "harvard-cite-them"])
    assert "harvard-cite-them-right" in listed.stdout.split()
    assert len(runner.invoke(app, ["cite", "--list-styles"]).stdout.split()) > 2000
    none = runner.invoke(app, ["--store", str(GOOD), "cite"])
    assert none.exit_code == 2


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/run installs it)")
@pytest.mark.parametrize("style", FAMILIES)
def test_same_bibliography_as_pandoc_citeproc(bundled, style: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sources = list(bundled.vocab.sources.values())
    (tmp_path / "refs.json").write_text(cite.csl_json(sources), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    csl = cite.styles_dir() / f"{style}.csl"
    result = subprocess.run(
        ["pandoc", "doc.md", "--citeproc", "--bibliography", "refs.json", "--csl", str(csl), "-t", "plain",
         "--wrap=none"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = [_normalise(line) for line in result.stdout.splitlines() if line.strip()]
    ours = [_normalise(line) for line in cite.bibliography(style, sources)]
    assert ours == theirs
