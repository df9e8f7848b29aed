"""Every registered format, rendered from the good fixture; data is never markup."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from factcli.errors import UsageError
from factcli.formats import registry as render
from factcli.formats.records import FACT_FIELDS, fact_flat, fact_rows, source_rows
from factcli.formats.registry import OutputFormat
from factcli.formats.table import make_console, safe
from factcli.index.engine import Index

from .conftest import GOOD, memory


@pytest.fixture(scope="module")
def store() -> Index:
    return memory(GOOD)


def rendered(store: Index, fmt: str, fields: list[str] | None = None, width: int = 200) -> str:
    rows = fact_rows(store, store.all())
    out = io.StringIO()
    if fmt == "table":
        import os

        os.environ["COLUMNS"] = str(width)
    render.render(rows, fmt, fields or render.choose_fields(rows, None, human=fmt == "table"), out)
    return out.getvalue()


def test_every_format_choice_has_its_renderer() -> None:
    assert [f.value for f in OutputFormat] == list(render.FORMATS)


def read_back(fmt: str, text: str) -> list[dict[str, str]]:
    """A machine format parsed back into flat string records (the table: one per record block)."""
    if fmt in ("json", "jsonl", "yaml"):
        if fmt == "yaml":
            data = yaml.safe_load(text)
        else:
            data = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
        return [{"id": d["id"], "value": "" if d["value"] is None else f"{d['value']:g}"} for d in data]
    if fmt in ("csv", "tsv"):
        rows = csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t")
        return [{"id": r["id"], "value": r["value"]} for r in rows]
    if fmt == "markdown":
        cells = [[c.strip() for c in line.strip("|").split(" | ")] for line in text.splitlines()[2:]]
        return [{"id": c[0], "value": c[3]} for c in cells]
    if fmt == "ids":
        return [{"id": line} for line in text.splitlines()]
    return [{"id": line.split()[0]} for line in text.splitlines()[1:]]  # the table: a header, then a row each


@pytest.mark.parametrize("fmt", list(render.FORMATS))
def test_every_format_gives_back_every_fact_and_value_without_escape_codes(store: Index, fmt: str) -> None:
    text = rendered(store, fmt, width=60)  # narrow: the table prints one block per fact
    assert "\x1b" not in text
    expected = [{"id": f.id, "value": "" if f.value is None else f"{f.value:g}"} for f in store.all()]
    got = read_back(fmt, text)
    assert [g["id"] for g in got] == [e["id"] for e in expected]
    if "value" in got[0]:
        assert got == expected


def test_json_embeds_sources_and_keeps_every_key(store: Index) -> None:
    data = json.loads(rendered(store, "json"))
    assert [list(d) for d in data] == [list(FACT_FIELDS)] * len(store.all())
    deployed = next(d for d in data if d["id"] == "pk-2008-deployed")
    assert deployed["value"] == 1949
    assert deployed["citations"][0]["source"] == {
        "id": "doc-a",
        "title": "Document A: Peacekeeping",
        "publisher": "Office of Tests",
        "published": "2009-01-20",
        "type": "white-paper",
        "url": "https://example.org/doc-a",
    }
    personnel = next(d for d in data if d["id"] == "pk-2008-personnel")
    assert personnel["period"] == {"start": "1990", "end": "2008-11"}
    assert personnel["citations"][0]["quote"].startswith(
        "Since 1990 the PLA has sent 11,063 [sic] military personnel [/]"
    )


def test_jsonl_is_one_record_per_line(store: Index) -> None:
    lines = rendered(store, "jsonl").splitlines()
    assert len(lines) == len(store.all())
    assert [json.loads(line)["id"] for line in lines] == [f.id for f in store.all()]


def test_csv_and_tsv_round_trip(store: Index) -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.DictReader(io.StringIO(rendered(store, fmt)), delimiter=delimiter))
        assert [r["id"] for r in rows] == [f.id for f in store.all()]
        assert rows[3]["value"] == "11063"
        assert rows[3]["period"] == "1990/2008-11"
        assert rows[3]["citations"].startswith('doc-a (Participating in UN Peacekeeping Operations): "Since 1990')


def test_yaml_output_reloads(store: Index) -> None:
    data = yaml.safe_load(rendered(store, "yaml"))
    assert [d["id"] for d in data] == [f.id for f in store.all()]
    assert next(d for d in data if d["id"] == "md-2002-relations")["date"] == "2002"


def test_markdown_escapes_pipes(store: Index) -> None:
    text = rendered(store, "markdown", ["id", "claim"])
    assert text.splitlines()[:2] == ["| id | claim |", "| --- | --- |"]
    assert len(text.splitlines()) == 2 + len(store.all())


def test_ids_prints_only_keys(store: Index) -> None:
    assert rendered(store, "ids").split() == [f.id for f in store.all()]


def test_fields_select_and_validate(store: Index) -> None:
    rows = fact_rows(store, store.all())
    assert render.choose_fields(rows, "id, value", human=False) == ["id", "value"]
    with pytest.raises(UsageError, match=r"unknown field.*nope; choose from id, claim"):
        render.choose_fields(rows, "id,nope", human=False)


def test_table_prints_markup_and_emoji_codes_verbatim(store: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcli.formats import table as render_table

    monkeypatch.setenv("COLUMNS", "300")
    rows = fact_rows(store, store.require(["pk-2008-personnel"]))._replace(human=fact_flat)
    out = io.StringIO()
    render_table.table(rows, ["id", "citations"], out)
    text = out.getvalue()
    assert "11,063 [sic] military personnel [/] :warning: to UN operations." in text
    assert "⚠" not in text


@pytest.mark.parametrize("width", [20, 80, 200])
@pytest.mark.parametrize("long", [False, True])
def test_a_table_without_colour_is_what_rich_prints(
    store: Index, monkeypatch: pytest.MonkeyPatch, width: int, long: bool
) -> None:
    from factcli.formats import table as render_table

    monkeypatch.setenv("COLUMNS", str(width))
    rows = fact_rows(store, store.all())
    fields = render.choose_fields(rows, None, human=True)
    written, printed = io.StringIO(), io.StringIO()
    render_table.table(rows, fields, written, long=long)

    def rich_print(console, line) -> None:  # type: ignore[no-untyped-def]  # what _print did before it wrote plain text
        line.rstrip()
        console.print(line, soft_wrap=True)

    monkeypatch.setattr(render_table, "_print", rich_print)
    render_table.table(rows, fields, printed, long=long)
    assert written.getvalue() == printed.getvalue()
    assert written.getvalue().count("\n") >= len(store.all()) + 1


def test_narrow_table_never_cuts_ids_or_values(store: Index) -> None:
    text = rendered(store, "table", width=20)
    for fact in store.all():
        assert fact.id in text
    assert "11,063 person-times" in text


def test_control_characters_are_shown_escaped() -> None:
    assert safe("a\x1b[2Jb\u202e") == "a\\u001b[2Jb\\u202e"


def test_console_has_markup_off() -> None:
    console = make_console(io.StringIO())
    assert console._markup is False
    assert console._emoji is False


def test_vocabulary_rows(store: Index) -> None:
    out = io.StringIO()
    rows = source_rows(store)
    render.render(rows, "json", list(rows.fields), out)
    data = json.loads(out.getvalue())
    assert [(d["id"], d["facts"]) for d in data] == [("doc-b", 2), ("doc-a", 4)]


@pytest.mark.parametrize("chunk", [1, 2, 4, 5, 512])
def test_json_and_jsonl_are_the_same_in_any_number_of_writes(
    store: Index, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = fact_rows(store, store.all())
    expected = [json.dumps(rows.structured(fact), ensure_ascii=False) for fact in store.all()]
    assert len(expected) == 5
    monkeypatch.setattr(render, "_CHUNK", chunk)
    assert rendered(store, "json") == "[\n" + ",\n".join(expected) + "\n]\n"
    assert rendered(store, "jsonl") == "".join(f"{line}\n" for line in expected)
