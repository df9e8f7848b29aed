"""render and factcli-pandoc with pandoc itself: the six manuscripts, documents in three formats and three
families of style, positions of problems, and what render does without pandoc."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.cli.pandoc_filter import _reader_is_smart, input_files, parent_pandoc
from factcli.formats.positions import Position, keys_in_front_matter, located
from factcli.formats.styles import path_of

from . import manuscript_checks as checks
from .conftest import GOOD

runner = CliRunner()
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (CI installs it)")
GROUPS = checks.CASES / "01-groups.md"
FAMILIES = ["apa", "ieee", "modern-language-association-notes"]  # author-date, numbered, note
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, checks.Outcome]:
    return {f"{o.case.manuscript} {o.style}": o for o in checks.run_all()}


@needs_pandoc
@pytest.mark.parametrize("name", [f"{c.manuscript} {style}" for c in checks.cases() for style in c.styles])
def test_the_six_manuscripts_both_ways(outcomes: dict[str, checks.Outcome], name: str) -> None:
    outcome = outcomes[name]
    for path in checks.PATHS:
        assert outcome.failures[path] == [], path
    assert outcome.same["render"]
    assert outcome.same["render | pandoc"] or outcome.case.markdown_differs


def _build(path: str, style: str, output: Path) -> None:
    options = ["--citeproc", "--csl", str(path_of(style)), "--bibliography", str(checks.CASES / "refs.bib")]
    if path == "render":
        args = [str(Path(sys.executable).parent / "factcli"), "render", str(GROUPS), "-o", str(output), "--", *options]
    else:
        args = ["pandoc", str(GROUPS), "--filter", "factcli-pandoc", "-o", str(output), *options]
    subprocess.run(args, env=ENV, check=True, capture_output=True)


def _text(output: Path) -> str:
    if output.suffix == ".docx":
        with zipfile.ZipFile(output) as docx:
            return docx.read("word/document.xml").decode("utf-8")
    return output.read_text(encoding="utf-8")


@needs_pandoc
@pytest.mark.parametrize("style", FAMILIES)
@pytest.mark.parametrize("suffix", [".docx", ".html", ".tex"])
def test_a_manuscript_with_groups_locators_and_its_own_bibliography_builds(
    style: str, suffix: str, tmp_path: Path
) -> None:
    by_filter, by_render = tmp_path / f"filter{suffix}", tmp_path / f"render{suffix}"
    _build("filter", style, by_filter)
    _build("render", style, by_render)
    text = _text(by_filter)
    assert _text(by_render) == text
    assert "1,949" in text
    assert "nine" in text
    assert "Smith" in text  # the writer's own bibliography, beside the facts' documents
    assert "National Defense in 2008" in text
    assert "@fact:" not in text
    assert "fact:" not in text.replace("factcli", "")


@needs_pandoc
def test_render_writes_markdown_with_the_references(tmp_path: Path) -> None:
    draft = "China had [@fact:md-2008-relations] relations.\n"
    result = runner.invoke(app, ["--store", str(GOOD), "render", "-"], input=draft)
    assert result.exit_code == 0, result.output
    front, body = result.stdout.split("\n---\n", 1)
    assert "id: doc-a" in front
    # "sec." tied to the next word by a no-break space, as pandoc's reader ties it when a writer types it
    assert body.strip() == "China had over 150 [@doc-a, sec.\u00a0Military Exchanges and Cooperation] relations."


@needs_pandoc
def test_render_checks_and_stops_at_the_manuscripts_own_line_and_column(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: On [@fact:nope]\n---\n\nSee `[@fact:in-code]` and\n[@fact:md-2008-relation].\n")
    result = runner.invoke(app, ["--store", str(GOOD), "render", "--check", str(draft)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{draft}:2:12: unknown fact 'nope'"
    assert lines[1].startswith(f"{draft}:6:2: unknown fact 'md-2008-relation' (did you mean 'md-2008-relations'")
    assert len(lines) == 2
    fine = runner.invoke(app, ["--store", str(GOOD), "render", "--check", "-"], input="[@fact:md-2002-relations]\n")
    assert (fine.exit_code, fine.stdout, fine.stderr) == (0, "", "<stdin>: every fact reference can be written in\n")


@needs_pandoc
def test_render_writes_a_file_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    args = ["--store", str(GOOD), "render", "-", "-o", str(out)]
    done = runner.invoke(app, args, input="It had [@fact:md-2008-relations].\n")
    assert done.exit_code == 0, done.output
    assert "over 150 [@doc-a" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    failed = runner.invoke(app, [*args, "--", "--no-such-pandoc-option"], input="[@fact:md-2008-relations]\n")
    assert failed.exit_code == 1
    assert "pandoc stopped (exit" in failed.stderr
    assert "over 150" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary file left behind
    docx = tmp_path / "new.docx"
    assert runner.invoke(app, [*args[:-1], str(docx)], input="[@fact:md-2008-relations]\n").exit_code == 0
    assert zipfile.is_zipfile(docx)


@needs_pandoc
def test_render_writes_through_a_link_to_stdout_with_a_dash_and_never_over_a_device(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    args = ["--store", str(GOOD), "render", "-", "-o"]
    done = runner.invoke(app, [*args, str(link)], input="It had [@fact:md-2008-relations].\n")
    assert done.exit_code == 0, done.output
    assert link.is_symlink()
    assert "over 150" in target.read_text(encoding="utf-8")
    to_stdout = runner.invoke(app, [*args, "-"], input="It had [@fact:md-2008-relations].\n")
    assert to_stdout.exit_code == 0
    assert "over 150" in to_stdout.stdout
    assert not (Path.cwd() / "-").exists()
    device = runner.invoke(app, [*args, "/dev/null"], input="It had [@fact:md-2008-relations].\n")
    assert device.exit_code == 2
    assert "'/dev/null' is not a regular file" in device.stderr


def test_a_manuscript_too_large_is_named_a_manuscript(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.truncate(9 * 2**20)
    done = runner.invoke(app, ["--store", str(GOOD), "render", str(big)])
    assert done.exit_code == 2
    assert "manuscript" in done.stderr
    assert "draft" not in done.stderr


def test_render_says_pandoc_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(app, ["--store", str(GOOD), "render", "-"], input="[@fact:md-2008-relations]\n")
    assert result.exit_code == 1
    assert "render reads manuscripts with pandoc, which is not installed (or not on PATH)" in result.stderr
    assert "Traceback" not in result.output


def test_the_filter_finds_pandocs_input_files_among_its_options() -> None:
    args = ["draft.md", "--filter", "factcli-pandoc", "-o", "out.docx", "--csl=apa.csl", "--toc", "ch2.md",
            "-M", "k=v", "--biblio", "refs.bib", "-s", "--", "-odd.md"]  # fmt: skip
    assert input_files(args) == ["draft.md", "ch2.md", "-odd.md"]
    assert input_files(["-"]) == ["-"]


def test_the_filter_reads_its_parent_or_goes_without(monkeypatch: pytest.MonkeyPatch) -> None:
    if Path("/proc/self/cmdline").exists():
        executable, files = parent_pandoc()  # pytest's parent: a shell or a runner, with its own arguments
        assert executable
        assert isinstance(files, list)
    monkeypatch.setattr(os, "getppid", lambda: 0)  # no such process: no files, pandoc from PATH
    assert parent_pandoc() == (shutil.which("pandoc"), [])


def test_the_filter_follows_the_readers_typography(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PANDOC_READER_OPTIONS", raising=False)
    assert _reader_is_smart()
    monkeypatch.setenv("PANDOC_READER_OPTIONS", '{"extensions": ["citations"]}')
    assert not _reader_is_smart()
    monkeypatch.setenv("PANDOC_READER_OPTIONS", '{"extensions": ["citations", "smart"]}')
    assert _reader_is_smart()
    monkeypatch.setenv("PANDOC_READER_OPTIONS", "not json")
    assert _reader_is_smart()


def test_positions_in_the_front_matter_and_without_a_file() -> None:
    text = '---\ntitle: "On [@fact:a] and @{fact:b@doc}"\nabstract: x\n---\n\n[@fact:a]\n'
    assert keys_in_front_matter(text, "d.md") == [
        ("fact:a", Position("d.md", 2, 13)), ("fact:b@doc", Position("d.md", 2, 26))
    ]  # fmt: skip
    assert keys_in_front_matter("no front matter [@fact:a]\n", "d.md") == []
    found = [("fact:a", Position("d.md", 6, 2)), ("fact:a", Position("d.md", 2, 13)),
             ("fact:z", Position("d.md", 1, 1))]  # fmt: skip
    assert located({"fact:a": "unknown fact 'a'", "fact:c": "unknown fact 'c'"}, found, "<stdin>") == [
        "d.md:2:13: unknown fact 'a'", "d.md:6:2: unknown fact 'a'", "<stdin>: unknown fact 'c'"
    ]  # fmt: skip


@needs_pandoc
def test_the_filter_stops_the_build_where_the_fact_stands(tmp_path: Path) -> None:
    manuscripts = tmp_path / "manuscripts"
    manuscripts.mkdir()
    (manuscripts / "draft.md").write_text("One [@fact:no-such-fact].\n", encoding="utf-8")
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "decoy.md").write_text("[@fact:no-such-fact]\n", encoding="utf-8")
    result = subprocess.run(["pandoc", "../manuscripts/draft.md", "--filter", "factcli-pandoc", "-t", "plain"],
                            cwd=other, capture_output=True, text=True, env=ENV, check=False)  # fmt: skip
    assert result.returncode != 0
    assert "factcli-pandoc: ../manuscripts/draft.md:1:6: unknown fact 'no-such-fact'" in result.stderr
    assert "decoy" not in result.stderr
    from_stdin = subprocess.run(["pandoc", "--filter", "factcli-pandoc", "-t", "plain"], input="[@fact:nope]\n",
                                capture_output=True, text=True, env=ENV, check=False)  # fmt: skip
    assert from_stdin.returncode != 0
    assert "factcli-pandoc: <stdin>: unknown fact 'nope'" in from_stdin.stderr


@needs_pandoc
def test_positions_in_every_place_a_citation_goes(tmp_path: Path) -> None:
    draft = tmp_path / "places.md"
    draft.write_text(
        '---\ntitle: "On [@fact:t]"\nabstract: |\n  We count [@fact:a].\n---\n\n# Head [@fact:h]\n\n'
        "Text [@fact:p; @smith, p. 3] and *[-@fact:e]*\nand `[@fact:code]` then @fact:n.[^1]\n\n"
        "[^1]: A note [see @fact:note, p. 4].\n\n| a | b |\n|---|---|\n| [@fact:cell] | x |\n\n- item [@fact:item]\n\n"
        "```\n[@fact:fence]\n```\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--store", str(GOOD), "render", "--check", str(draft)])
    assert result.exit_code == 1
    assert [line.split(": unknown fact ")[0].removeprefix(f"{draft}:") for line in result.stderr.splitlines()] == [
        "2:13", "4:13", "7:9", "9:7", "9:37", "10:25", "12:19", "16:4", "18:9"
    ]  # fmt: skip
