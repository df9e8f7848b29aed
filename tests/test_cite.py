"""cite: references in CSL styles, BibTeX, CSL-JSON and RIS, checked against pandoc."""

from __future__ import annotations

import json
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


def test_biblatex_names_the_office_once_and_keeps_the_full_date() -> None:
    store = memory(GOOD)
    text = cite.bibtex(cite.sources_of(store, store.require(["pk-2008-deployed", "md-2002-relations"])))
    assert text.startswith(
        "@report{doc-a,\n  author = {family={Office of Tests}},\n  title = {{Document A: Peacekeeping}},\n"
        "  type = {White paper},\n  date = {2009-01-20},\n  url = {https://example.org/doc-a}\n}"
    )
    assert "@online{doc-b,\n  author = {family={Office of Tests}}" in text
    assert "institution" not in text
    assert "organization" not in text


def test_latex_specials_are_escaped() -> None:
    from factcli.formats.bibfiles import latex_escape

    assert latex_escape(r"50% of A&B_c {x} ~y^z \w #1 $2") == (
        r"50\% of A\&B\_c \{x\} \textasciitilde{}y\textasciicircum{}z \textbackslash{}w \#1 \$2"
    )


def test_csl_json_and_ris() -> None:
    store = memory(GOOD)
    sources = cite.sources_of(store, store.require(["pk-2008-deployed"]))
    items = json.loads(cite.csl_json(sources))
    assert items[0] == {
        "id": "doc-a",
        "type": "report",
        "title": "Document A: Peacekeeping",
        "author": [{"family": "Office of Tests"}],
        "citation-label": "Offi09",
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
    assert result.stderr.startswith(
        "Error: unknown citation style 'chicago-author-dat' (did you mean chicago-author-date"
    )
    listed = runner.invoke(app, ["cite", "--list-styles", "harvard-cite-them"])
    assert "harvard-cite-them-right" in listed.stdout.splitlines()
    assert "harvard1 -> harvard-cite-them-right" in runner.invoke(app, ["cite", "--list-styles", "harvard"]).stdout
    assert len(runner.invoke(app, ["cite", "--list-styles"]).stdout.splitlines()) > 2000
    none = runner.invoke(app, ["--store", str(GOOD), "cite"])
    assert none.exit_code == 2


@pytest.mark.parametrize(
    ("typed", "style"),
    [
        ("APA", "apa"),
        ("mla", "modern-language-association"),
        ("vancouver", "nlm-citation-sequence"),
        ("harvard1", "harvard-cite-them-right"),
        ("chicago-note-bibliography", "chicago-notes-bibliography"),
        ("Turabian", "chicago-notes-bibliography"),
        ("ieee", "ieee"),
    ],
)
def test_names_people_type(typed: str, style: str) -> None:
    from factcli.formats.styles import resolve

    assert resolve(typed) == style


def test_a_csl_file_path_is_a_style(tmp_path: Path) -> None:
    from factcli.formats.styles import path_of

    csl = tmp_path / "my-journal.csl"
    csl.write_text(path_of("apa").read_text(encoding="utf-8"), encoding="utf-8")
    by_path = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2002-relations", "--style", str(csl)])
    by_name = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2002-relations", "--style", "apa"])
    assert by_path.exit_code == 0
    assert by_path.stdout == by_name.stdout
    missing = runner.invoke(app, ["--store", str(GOOD), "cite", "md-2002-relations", "--style", "nope/x.csl"])
    assert (missing.exit_code, missing.stderr) == (2, "Error: no CSL style file at 'nope/x.csl'\n")


def test_a_hyphen_in_a_section_is_printed_as_written(tmp_path: Path) -> None:
    from factcli.store.files import bundled_store

    store = memory(bundled_store())
    fact = store.require(["peacekeeping-1990-first-military-observers-date"])
    (cited,) = cite.in_text("apa", cite.sources_of(store, fact), fact)
    assert cited.in_text.endswith("Participation in UN Peace-keeping Operations)")


def test_markdown_footnotes_one_per_fact_and_source_with_markers() -> None:
    from factcli.store.files import bundled_store

    store = memory(bundled_store())
    facts = store.require(["china-asean-summit-2007-date"])
    notes = cite.render(store, facts, "chicago-author-date", with_quote=False, markdown=True).splitlines()
    labels = [line.split("]:")[0] for line in notes]
    assert labels == [
        "[^china-asean-summit-2007-date--wp2008-ch13",
        "[^china-asean-summit-2007-date--web-regional-cooperation",
    ]
    assert "*China's National Defense in 2008" in notes[0]  # the title's italics kept
    markers = cite.render(store, facts, "chicago-author-date", with_quote=False, markdown=True, markers=True)
    assert markers == (
        "January[^china-asean-summit-2007-date--wp2008-ch13]\n"
        "January[^china-asean-summit-2007-date--web-regional-cooperation]\n"
    )


def test_export_styles_refuse_what_they_cannot_carry() -> None:
    args = ["--store", str(GOOD), "cite", "md-2002-relations", "--style", "bibtex", "--with-quote"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--with-quote and --format markdown need a CSL style" in result.stderr


def test_line_break_hyphens_joined_only_where_the_store_writes_the_word_whole() -> None:
    from factcli.formats.hyphens import joiner
    from factcli.store.files import bundled_store

    store = memory(bundled_store())
    join = joiner(store.all(), [s.title for s in store.vocab.sources.values()])
    assert join("ex-change of mili-tary of-fices in Ja-pan") == "exchange of military offices in Japan"
    assert join("UN peace-keeping and stand-by and co-hosted") == "UN peace-keeping and stand-by and co-hosted"
    fact = "military-expert-delegation-exchanges-2002"
    joined = runner.invoke(app, ["cite", fact, "--with-quote", "--join-hyphens"]).stdout
    verbatim = runner.invoke(app, ["cite", fact, "--with-quote"]).stdout
    assert "conducted exchange visits" in joined
    assert "conducted ex-change visits" in verbatim


def test_a_numbered_style_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The margin fix for numbered styles is handed to citeproc-py in memory, not as a temporary copy."""
    import tempfile

    from factcli.formats import styles

    styles.prepared.cache_clear()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = runner.invoke(app, ["--store", str(GOOD), "cite", "--style", "ieee", "md-2008-relations"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("[1] ")
    assert list(tmp_path.iterdir()) == []


# Where citeproc-py departed from pandoc's citeproc (formats/citeproc_*.py); each expectation is what pandoc 3.9
# prints for the same style and documents (tests/test_cite_bundle.py compares the whole bundle).
GOVERNMENT = "Government of the People's Republic of China"
OFFICE = "Information Office of the State Council of the People's Republic of China"


@pytest.mark.parametrize(
    ("style", "at", "expected"),
    [
        # an empty sort key (a macro printing nothing for "n.d.") first, a missing variable last
        ("acta-ophthalmologica", 0, f"{GOVERNMENT} (n.d.). Regional Cooperation"),
        # a macro's text compared as words: "2008" before "(n.d.)"
        ("phytopathologia-mediterranea", 0, f"{GOVERNMENT}, 2008. China's Policy Paper"),
        # a date in a sort macro compared as a date, not as "11.1.2017" against "12.2002"
        ("apa-eu", 2, f"{OFFICE}. (2002)."),
        # a group whose variables are all empty prints nothing ("traduit par" without a translator)…
        ("la-revue-des-sciences-de-gestion", 1, "Regional Security Cooperation\u00a0»,."),
        # …but a macro that prints something ("n.d.") keeps its group
        ("acta-orthopaedica-belgica", 0, f"1. {GOVERNMENT}. Regional Cooperation: Regional Security Cooperation. n.d."),
        # pandoc's punctuation where pieces meet: ":" then "." keeps ":"; " " then ", 2002" loses the space
        ("acm-sig-proceedings-long-author-list", 4, "[5] Regional Cooperation: Regional Security Cooperation:"),
        ("british-journal-of-dermatology", 0, "International Security Cooperation., 2002."),
        # no punctuation moved inside quotes where the locale does not ask it (en-GB)
        ("academy-of-management-perspectives", 1, "———. n.d. “Regional Cooperation: Regional Security Cooperation”."),
        # a repeated author replaced whatever case the style prints names in
        ("acta-philosophica", 1, "———, Regional Cooperation: Regional Security Cooperation."),
        # GB/T 7714: its "[R]" for a report, and the space after the number its commented-out layout hid
        ("china-national-standard-gb-t-7714-2015-numeric", 0, "[1] INFORMATION OFFICE OF THE STATE COUNCIL"),
        ("china-national-standard-gb-t-7714-2015-numeric", 0, "International Security Cooperation[R]. 2002."),
        # text-case on a name part crashed citeproc-py
        ("associacao-brasileira-de-normas-tecnicas-eceme", 0, "GOVERNMENT OF THE PEOPLE'S REPUBLIC OF CHINA. China's"),
        # no bibliography for these documents: each one's citation, as pandoc prints then
        ("agora", 2, f"{GOVERNMENT}, Regional Cooperation: Regional Security Cooperation,."),
        ("computer-und-recht", 2, f"{GOVERNMENT}, Regional Cooperation: Regional Security Cooperation"),
    ],
)  # fmt: skip
def test_references_as_pandoc_prints_them(bundled, style: str, at: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    references = cite.bibliography(style, list(bundled.vocab.sources.values()))
    assert len(references) == 5
    assert references[at].startswith(expected) or references[at].endswith(expected), references[at]
    assert "traduit par" not in references[at]


def test_a_style_without_a_bibliography_prints_the_citation() -> None:
    result = run_cli("cite", "military-relations-2002-countries", "--style", "agora")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{OFFICE}, China's National Defense in 2002, Chapter VI: International Security Cooperation, 2002.\n"
    )


def test_cite_style_ris_from_the_command_line() -> None:
    done = run_cli("--store", str(GOOD), "cite", "pk-2008-deployed", "--style", "ris")
    assert done.returncode == 0
    assert done.stdout.startswith("TY  - RPRT\n")
    assert "ER  - \n" in done.stdout


def test_an_export_style_gives_references_only_and_refuses_the_rest() -> None:
    """cite.render directly: --style ris is the RIS of the sources; a quote, Markdown or markers need CSL."""
    from factcli.errors import UsageError

    index = memory(GOOD)
    facts = [index.get("md-2008-relations")]
    assert cite.render(index, facts, "ris", with_quote=False, markdown=False).startswith("TY  - ")
    for asked in ({"with_quote": True, "markdown": False}, {"with_quote": False, "markdown": False, "markers": True}):
        with pytest.raises(UsageError, match="--style ris writes references only"):
            cite.render(index, facts, "ris", **asked)  # type: ignore[arg-type]


def test_with_quote_prints_the_references_then_every_quote_of_every_fact() -> None:
    index = memory(GOOD)
    facts = [index.get("md-2008-relations"), index.get("md-2002-relations")]
    out = cite.render(index, facts, "apa", with_quote=True, markdown=False)
    references, quotes = out.split("\n\n")
    assert len(references.splitlines()) == 2
    assert [line.split(":")[0] for line in quotes.splitlines()] == ["md-2008-relations", "md-2002-relations"]


def test_quotes_have_their_line_break_hyphens_joined_when_asked() -> None:
    index = memory(bundled_store())
    facts = [index.get("peacekeeping-2000-first-police-dispatch-date")]
    kept = cite.render(index, facts, "apa", with_quote=True, markdown=False)
    joined = cite.render(index, facts, "apa", with_quote=True, markdown=False, join_hyphens=True)
    assert "opera-tions" in kept
    assert "operations" in joined
    assert "opera-tions" not in joined


def test_footnotes_in_a_style_without_a_bibliography_keep_each_sources_reference() -> None:
    index = memory(bundled_store())
    facts = [index.get("military-relations-2002-countries")]
    out = cite.render(index, facts, "agora", with_quote=False, markdown=True)
    assert out.startswith("[^military-relations-2002-countries]: “")
    assert out.count("\n") == 1
