"""A draft read as a document: prose only, true positions, whole sentences, table cells with their columns."""

from __future__ import annotations

from factcli.reading import prose, titles


def texts(text: str, *, markdown: bool = True) -> list[str]:
    return [" ".join(s.text.split()) for s in prose.sentences(text, markdown=markdown)]


def test_what_is_not_prose_is_blanked_in_place() -> None:
    text = (
        "---\ndate: 2026-11-01\n---\n\n"
        "Seen <!-- 2,100 --> in `1,949` and [a link](https://example.org/2100) [@doc-a, p. 12].[^1]\n\n"
        "```\n9999\n```\n\n[^1]: A note.\n"
    )
    joined = " ".join(texts(text))
    for hidden in ("2026", "2,100", "1,949", "2100", "p. 12", "9999", "[^1]"):
        assert hidden not in joined
    assert "Seen" in joined
    assert "a link" in joined


def test_positions_are_the_files() -> None:
    text = "# Title\n\nFirst line of\nprose with 1,949 in it.\n"
    sentence = next(prose.sentences(text, markdown=True))
    at = sentence.start + sentence.text.index("1,949")
    assert prose.Lines(text).at(at) == (4, 12)
    assert text[at : at + 5] == "1,949"


def test_hard_wraps_and_abbreviations_do_not_end_sentences() -> None:
    text = "The U.N. said in Dec. 2008 that\nresolution No. 5 stood. It was 3.4 times larger.\n"
    assert texts(text, markdown=False) == [
        "The U.N. said in Dec. 2008 that resolution No. 5 stood.",
        "It was 3.4 times larger.",
    ]


def test_a_lead_in_belongs_to_the_sentence_after_it() -> None:
    assert texts("1. **1990.** The PLA sends observers.\n") == ["1990. The PLA sends observers."]


def test_headings_and_the_sentence_before_are_context() -> None:
    text = "# Peacekeeping in 2008\n\nThe first sentence is here. The second one follows.\n"
    sentences = list(prose.sentences(text, markdown=True))
    assert [(s.heading, s.before) for s in sentences] == [
        ("Peacekeeping in 2008", ""),
        ("Peacekeeping in 2008", "The first sentence is here."),
    ]


def test_table_cells_know_their_column() -> None:
    text = "| Mission | Engineers | Medical |\n|---|---|---|\n| UNMIL | 275 | 43 |\n"
    (row,) = list(prose.sentences(text, markdown=True))
    assert [(text[a:b].strip(), heading) for a, b, heading in row.cells] == [
        ("UNMIL", "Mission"),
        ("275", "Engineers"),
        ("43", "Medical"),
    ]


def test_markdown_or_text_by_name_or_look() -> None:
    assert prose.is_markdown("draft.md", "")
    assert not prose.is_markdown("draft.txt", "# not a heading")
    assert prose.is_markdown("-", "# A heading\n\nText.")
    assert not prose.is_markdown("-", "Plain text.")


def test_the_title_is_front_matter_or_first_heading() -> None:
    assert titles.title('---\ntitle: "At the end of 2008"\n---\n# Other\n', markdown=True) == "At the end of 2008"
    assert titles.title("# Exercises, 2007–08\n\ntext", markdown=True) == "Exercises, 2007–08"
    assert titles.title("MEMO\nRe: diplomacy in 2007-08\n", markdown=False) == "diplomacy in 2007-08"


def test_a_sentence_of_thousands_of_figures_is_read_in_pieces() -> None:
    """What reads a sentence weighs each number against the others: pieces keep a long one in proportion."""
    body = ", ".join(f"{i} troops" for i in range(1, 3001)) + "."
    pieces = list(prose.sentences(body, markdown=True))
    assert len(pieces) > 1
    assert max(len(p.text) for p in pieces) <= prose.LONGEST_SENTENCE
    assert "".join(p.text for p in pieces) == body  # nothing lost, nothing twice
    assert [body[p.start : p.start + len(p.text)] == p.text for p in pieces] == [True] * len(pieces)


def test_a_long_line_without_commas_is_cut_at_spaces() -> None:
    body = " ".join(["peacekeepers"] * 400) + "."
    pieces = list(prose.sentences(body, markdown=False))
    assert all(p.text.startswith("peacekeepers") for p in pieces)
    assert "".join(p.text for p in pieces) == body
