"""The safe reader, table-driven, under both PyYAML backends."""

from __future__ import annotations

import pytest
import yaml

from factcli.store import yamlread
from factcli.store.yamlread import LoadedFile, parse_text, read_yaml_file

BACKENDS = [pytest.param(yaml.SafeLoader, id="pure")]
if getattr(yaml, "__with_libyaml__", False):
    BACKENDS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=BACKENDS, autouse=True)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(yamlread, "_Loader", request.param)
    return request.param  # type: ignore[no-any-return]


def parse(text: str) -> LoadedFile:
    out = LoadedFile("f.yaml")
    parse_text(text, out)
    return out


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in parse(text).problems]


def test_plain_values_keep_their_text() -> None:
    lf = parse('- id: a\n  date: 2008-11-30\n  when: 2008-11\n  value: 1949\n  ratio: 2.5\n  quote: "no"\n')
    assert lf.problems == []
    assert lf.data == [{"id": "a", "date": "2008-11-30", "when": "2008-11", "value": 1949, "ratio": 2.5, "quote": "no"}]
    assert type(lf.data[0]["date"]) is str


def test_positions_are_one_based_editor_positions() -> None:
    lf = parse('- id: a\n  claim: "héllo ü 中文"\n  value: 3\n')
    assert lf.value_pos[(0, "value")] == (3, 10)
    assert lf.key_pos[(0, "claim")] == (2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("- value: 11063\n  value: 1063\n", [(2, 3, "duplicate key 'value' (first at line 1)")], id="dup"),
        pytest.param('- unit: a\n  "unit": b\n', [(2, 3, "duplicate key 'unit' (first at line 1)")], id="dup-quoted"),
        pytest.param(
            "- &a {x: 1}\n- *a\n",
            [
                (1, 3, "anchors (&a) are not allowed in a store"),
                (2, 3, "aliases (*a) are not allowed in a store; write the value out"),
            ],
            id="anchor-and-alias",
        ),
        pytest.param(
            "- !!python/object/apply:os.system [ls]\n",
            [(1, 3, "explicit tags (!!python/object/apply:os.system) are not allowed in a store")],
            id="tag",
        ),
        pytest.param(
            "- a: !!binary aGk=\n  b: !!int forty-four\n  c: !!timestamp soon\n  d: !!set {x}\n",
            [
                (1, 6, "explicit tags (!!binary) are not allowed in a store"),
                (2, 6, "explicit tags (!!int) are not allowed in a store"),
                (3, 6, "explicit tags (!!timestamp) are not allowed in a store"),
                (4, 6, "explicit tags (!!set) are not allowed in a store"),
            ],
            id="every-tag",
        ),
        pytest.param(
            "- &x {a: 1}\n- <<: *x\n  b: 2\n- c: d: e\n",
            [
                (1, 3, "anchors (&x) are not allowed in a store"),
                (2, 3, "merge keys (<<) are not allowed in a store; write the fields out"),
                (2, 7, "aliases (*x) are not allowed in a store; write the value out"),
                (4, 7, "': ' inside unquoted text would start a mapping; quote the whole text"),
            ],
            id="refusals-then-a-syntax-error",
        ),
        pytest.param(
            "a: [*x, *x, *x]\n",
            [(1, 5, "aliases (*x) are not allowed in a store (3 on this line); write the values out")],
            id="aliases-counted-per-line",
        ),
        pytest.param(
            "- a\n---\n- b\n", [(2, 1, "a store file holds one YAML document; found another here")], id="docs"
        ),
    ],
)
def test_refusals(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize(
    ("literal", "message_part"),
    [
        ("no", "'no' is a boolean to YAML 1.1 readers; quote it"),
        ("NO", "'NO' is a boolean to YAML 1.1 readers; quote it"),
        ("off", "'off' is a boolean to YAML 1.1 readers"),
        ("011063", "'011063' is read differently by YAML readers"),
        ("010", "'010' is read differently"),
        ("0x10", "'0x10' is read differently"),
        ("10:30", "'10:30' is read differently"),
        ("1_000", "'1_000' is read differently"),
        (".nan", "'.nan' is read differently"),
    ],
)
def test_yaml11_surprises_are_errors(literal: str, message_part: str) -> None:
    found = problems(f"- value: {literal}\n")
    assert len(found) == 1
    assert found[0][:2] == (1, 10)
    assert message_part in found[0][2]


def test_quoted_literals_are_plain_text() -> None:
    lf = parse("- [\"no\", '010', \"10:30\", '2010']\n")
    assert lf.problems == []
    assert lf.data == [["no", "010", "10:30", "2010"]]


def test_comment_after_unquoted_text_is_a_warning_at_the_hash() -> None:
    lf = parse('- claim: the 2nd #1 priority\n  note: "quoted # fine"\n  value: 3  # a number is not cut\n')
    assert lf.data == [{"claim": "the 2nd", "note": "quoted # fine", "value": 3}]
    assert [(p.line, p.column, p.level, p.check) for p in lf.problems] == [(1, 18, "warning", "comment")]
    assert "text after ' #' is a comment" in lf.problems[0].message


def test_a_quote_or_value_text_cut_by_a_comment_is_an_error_at_the_hash() -> None:
    """The document's own words, cut short, are not its words: refused, never printed as verbatim."""
    lf = parse("- quote: ranks #1 among them\n  value_text: No. #1\n")
    assert [(p.line, p.column, p.level, p.message) for p in lf.problems] == [
        (1, 16, "error", "text after ' #' is a comment, so this quote is cut short there; quote the whole quote"),
        (
            2,
            19,
            "error",
            "text after ' #' is a comment, so this value_text is cut short there; quote the whole value_text",
        ),
    ]
    assert lf.refused == {(0, "quote"), (0, "value_text")}


@pytest.mark.parametrize(
    ("text", "line", "col", "part"),
    [
        pytest.param("- a: 1\n\t- b: 2\n", 2, 1, "tab used for indentation", id="tab"),
        pytest.param("- a: 1\n\ufeff- b: 2\n", 2, 1, "U+FEFF BYTE ORDER MARK in the file", id="mid-bom"),
        pytest.param('- a: "x\u2028y"\n- b: c: d\n', 1, 8, "U+2028 LINE SEPARATOR", id="line-separator"),
        pytest.param("- a: x\u0085y\n", 1, 7, "U+0085 NEXT LINE in the file", id="next-line"),
        pytest.param("- a: 1\n\u00a0 b: 2\n", 2, 1, "U+00A0 NO-BREAK SPACE used for indentation", id="nbsp-indent"),
        pytest.param('- a: "\\e[2J"\n', 1, 6, "invisible or control character U+001B ESCAPE", id="escape"),
        pytest.param("- a: x\u202ey\n", 1, 6, "U+202E RIGHT-TO-LEFT OVERRIDE", id="bidi"),
        pytest.param("- claim: a: b\n", 1, 11, "': ' inside unquoted text would start a mapping", id="colon"),
        pytest.param("- a: 1\n-b: 2\n", 2, 1, "no space after '-': a list item starts with '- '", id="dash"),
        pytest.param("- a: 'open\n", 1, 6, "this quoted text is never closed; end it with '", id="unclosed"),
        pytest.param('- a: "x\\qy"\n', 1, 8, "unknown escape in double-quoted text", id="escape-seq"),
        pytest.param("- a: @x\n", 1, 6, "unquoted text cannot start with '@'; quote it", id="reserved"),
    ],
)
def test_positioned_errors(text: str, line: int, col: int, part: str) -> None:
    found = problems(text)
    assert found, "expected a problem"
    assert found[0][:2] == (line, col)
    assert part in found[0][2]


def test_positions_after_a_unicode_line_break_count_editor_lines() -> None:
    # PyYAML counts U+2028 as a line break; an editor does not. The second problem is on editor line 2.
    found = problems('- a: "x\u2028y"\n- b: c: d\n')
    assert [(line, col) for line, col, _ in found] == [(1, 8), (2, 7)]


def test_lone_surrogate_is_refused() -> None:
    found = problems('- a: "\\ud800"\n')
    assert found
    assert found[0][0] == 1


def test_nul_byte_is_positioned(tmp_path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"- a: 1\n- b: x\x00y\n")
    lf = read_yaml_file(str(path), "nul.yaml")
    assert [(p.line, p.column) for p in lf.problems] == [(2, 7)]
    assert "U+0000" in lf.problems[0].message


@pytest.mark.parametrize("depth", [yamlread.MAX_DEPTH + 1, 1001, 40000])
def test_deep_nesting_stops_at_the_cap_before_any_parser_limit(depth: int) -> None:
    # libyaml 0.2.6 stops at 1000 levels on its own, in its own words; factcli's cap comes first, with either backend.
    found = problems("[" * depth + "]" * depth + "\n")
    assert found == [(1, yamlread.MAX_DEPTH + 1, f"nesting deeper than {yamlread.MAX_DEPTH} levels")]


def test_deep_block_nesting_stops_at_the_cap() -> None:
    text = "".join(" " * i + "-\n" for i in range(1200)) + " " * 1200 + "x\n"
    found = problems(text)
    assert found == [
        (yamlread.MAX_DEPTH + 1, yamlread.MAX_DEPTH + 1, f"nesting deeper than {yamlread.MAX_DEPTH} levels")
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    found = problems(bomb)
    assert found[0][:2] == (1, 4)


def test_not_utf8_reports_line_and_byte(tmp_path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes('- a: 1\n- claim: "C\xf4te"\n'.encode("latin-1"))
    lf = read_yaml_file(str(path), "latin1.yaml")
    assert [(p.line, p.column, p.message) for p in lf.problems] == [
        (2, 12, "not valid UTF-8 (byte 0xF4); save the file as UTF-8")
    ]


def test_utf16_is_refused(tmp_path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes("- a: 1\n".encode("utf-16"))
    assert "UTF-16" in read_yaml_file(str(path)).problems[0].message


def test_leading_bom_is_ignored(tmp_path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf- a: 1\n")
    lf = read_yaml_file(str(path))
    assert lf.problems == []
    assert lf.data == [{"a": 1}]


def test_empty_and_comment_only_files_are_empty(tmp_path) -> None:
    for text in ("", "# nothing\n", "---\n"):
        lf = parse(text)
        assert lf.problems == []
        assert lf.empty


def test_directory_and_fifo_and_broken_link(tmp_path) -> None:
    import os

    (tmp_path / "dir.yaml").mkdir()
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "missing")
    assert "a directory" in read_yaml_file(str(tmp_path / "dir.yaml")).problems[0].message
    assert "not a regular file" in read_yaml_file(str(tmp_path / "fifo.yaml")).problems[0].message
    assert "broken symbolic link" in read_yaml_file(str(tmp_path / "link.yaml")).problems[0].message


def test_oversized_file_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(yamlread.MAX_FILE_BYTES + 1)
    lf = read_yaml_file(str(path))
    assert "over the 16 MiB limit" in lf.problems[0].message
