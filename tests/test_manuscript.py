"""render and factcli-pandoc: fact references written into a manuscript, checked against pandoc."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.formats import manuscript
from factcli.formats.styles import path_of

from .conftest import GOOD, RIVAL, SUPERSEDES_IT, memory, store_with

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "manuscript.md"
runner = CliRunner()
needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/run installs it)"
)


def test_render_writes_the_value_and_a_citation_with_the_section() -> None:
    text = "Relations: [@fact:md-2008-relations]. In 2002, @fact:md-2002-relations.\n"
    rendered, sources = manuscript.render_markdown(memory(GOOD), text)
    assert rendered == (
        "Relations: over 150 [@doc-a, sec. Military Exchanges and Cooperation]. "
        "In 2002, more than 100 [@doc-b, sec. Military Exchanges].\n"
    )
    assert [s.id for s in sources] == ["doc-a", "doc-b"]


def test_a_number_word_is_lower_cased_inside_a_sentence() -> None:
    from factcli.store.files import bundled_store

    store = memory(bundled_store())
    fact = "@fact:peacekeeping-1990-2008-personnel-killed"
    rendered, _ = manuscript.render_markdown(store, f"{fact} died, and {fact} died.\n")
    assert rendered.startswith("Eight [@wp2008-ch13, sec. ")
    assert ", and eight [@wp2008-ch13, sec. " in rendered


def test_render_cli_appends_the_references_pandoc_needs() -> None:
    result = runner.invoke(app, ["--store", str(GOOD), "render", "-"], input="[@fact:md-2008-relations]\n")
    assert result.exit_code == 0
    body, _, metadata = result.stdout.partition("\n---\nreferences:\n")
    assert body == "over 150 [@doc-a, sec. Military Exchanges and Cooperation]\n"
    assert metadata.startswith('- {"id": "doc-a", "type": "report"')
    assert metadata.endswith("...\n")


def test_unknown_and_superseded_ids_stop_with_file_line_and_the_nearest(tmp_path: Path) -> None:
    store = store_with(tmp_path, RIVAL + SUPERSEDES_IT)
    draft = tmp_path / "draft.md"
    draft.write_text("Title\n\nSee [@fact:md-2008-relations] and\n@fact:md-2008-relation.\n", encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store), "render", str(draft)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{draft}:3:6: fact 'md-2008-relations' is superseded by md-2008-relations-web: cite that instead",
        f"{draft}:4:1: unknown fact 'md-2008-relation' (did you mean 'md-2008-relations'"
        + result.stderr.splitlines()[1].split("(did you mean 'md-2008-relations'", 1)[1],
    ]
    assert result.stdout == ""
    checked = runner.invoke(app, ["--store", str(store), "render", "--check", str(draft)])
    assert checked.exit_code == 1
    fine = runner.invoke(app, ["--store", str(GOOD), "render", "--check", "-"], input="@fact:md-2002-relations\n")
    assert (fine.exit_code, fine.stdout) == (0, "")


def _pandoc(args: list[str], text: str | None = None, cwd: Path | None = None) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["pandoc", *args], input=text, capture_output=True, text=True, env=env, cwd=cwd, check=True)
    return result.stdout


@needs_pandoc
@pytest.mark.parametrize("style", ["chicago-author-date", "ieee"])
def test_the_pandoc_filter_writes_values_and_citations_pandoc_formats(style: str) -> None:
    csl = str(path_of(style))
    filtered = _pandoc(["manuscript.md", "--filter", "factcli-pandoc", "--citeproc", "--csl", csl, "-t", "plain",
                        "--wrap=none"], cwd=EXAMPLE.parent)  # fmt: skip
    assert "China had 1,949" in filtered
    assert "nine" in filtered
    assert "and eight" in filtered
    assert "@fact:" not in filtered
    assert "sec. Participating in UN Peacekeeping Operations" in filtered
    assert "China's National Defense in 2008" in filtered.replace("’", "'")
    rendered = runner.invoke(app, ["render", str(EXAMPLE)]).stdout
    via_render = _pandoc(["--citeproc", "--csl", csl, "-t", "plain", "--wrap=none"], text=rendered)

    def same(text: str) -> str:  # pandoc's reader makes the space after "sec." a no-break one
        return text.replace("’", "'").replace("\u00a0", " ")

    assert same(via_render) == same(filtered)


@needs_pandoc
def test_the_pandoc_filter_stops_the_build_on_an_unknown_fact(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("One [@fact:no-such-fact].\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["pandoc", "draft.md", "--filter", "factcli-pandoc", "-t", "plain"], cwd=tmp_path,
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert result.returncode != 0
    assert "factcli-pandoc: draft.md:1:6: unknown fact 'no-such-fact'" in result.stderr
