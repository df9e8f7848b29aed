"""The fast road (libyaml's node tree) gives exactly what the careful road (the event builder) gives, or gives up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli.store import yamlread
from factcli.store.yamlfast import parse_clean
from factcli.store.yamlnodes import Lines, LoadedFile

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="the fast road is libyaml's")


def careful(text: str) -> LoadedFile:
    out = LoadedFile("x")
    yamlread._parse(text, Lines(text), out, yamlread._Loader)
    return out


def fast(text: str) -> LoadedFile | None:
    out = LoadedFile("x")
    return out if parse_clean(text, Lines(text), out) else None


def same(a: LoadedFile, b: LoadedFile) -> bool:
    return (a.data, a.value_pos, a.key_pos, a.empty) == (b.data, b.value_pos, b.key_pos, b.empty)


@pytest.mark.parametrize("path", sorted((ROOT / "factcli" / "facts").glob("*.yaml")), ids=lambda p: p.name)
def test_the_bundled_store_takes_the_fast_road_to_the_same_values(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    got = fast(text)
    assert got is not None
    assert same(got, careful(text))


scalars = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xD7FF), max_size=12),  # hypothesis 6.0 and newest
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_whatever_it_reads_the_careful_road_reads_the_same(doc: object, flow: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    got = fast(text)
    if got is not None:
        expected = careful(text)
        assert not expected.problems
        assert same(got, expected)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "- yes\n",
        "a: 010\n",
        "a: b # note\n",
        "<<: {a: 1}\n",
        "---\na: 1\n---\nb: 2\n",
        "a: [1\n",
        'a: "x\u200by"\n',
    ],
)
def test_what_the_careful_road_reports_is_left_to_it(text: str) -> None:
    assert fast(text) is None


@pytest.mark.parametrize("kind", ["flow", "block"])
def test_nesting_no_libyaml_survives_is_never_handed_to_it(kind: str) -> None:
    """40,000 levels overflowed the C stack in PyYAML 6.0.1's composer (libyaml 0.2.5 sets no limit): a crash,
    not an error. Run in a child process, so that a crash fails this test rather than ending the run."""
    depth = 40_000
    text = "[" * depth + "]" * depth if kind == "flow" else "- " * depth + "x\n"
    code = (
        "import sys\n"
        "from factcli.store.yamlfast import parse_clean\n"
        "from factcli.store.yamlnodes import Lines, LoadedFile\n"
        "text = sys.stdin.read()\n"
        "print(parse_clean(text, Lines(text), LoadedFile('x')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_a_store_file_of_thousands_of_facts_keeps_the_fast_road() -> None:
    record = '- id: f-{n}\n  claim: "Fact {n} [sic]."\n  tags: [a, b]\n  entities: [China]\n'
    text = "".join(record.format(n=n) for n in range(2000))
    assert fast(text) is not None
