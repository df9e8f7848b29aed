"""The module-level tables, each pinned: an entry changed, removed or added fails a test here.

Each table is read through the public function that uses it, over the table's own keys, and compared with
what it must give, written as the spec says it (the number words from zero to ninety, the months from the
calendar, the qualifiers by what they mean) rather than copied entry by entry. Where nothing public reads a
key (a lookup whose keys only another table produces), the key set itself is pinned.
``python scripts/mutation.py --tables MODULE`` mutates every entry of a module's tables and runs these.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli.app import app
from factcli.formats import bibfiles, export, styles
from factcli.model import Source
from factcli.reading import numbers, written_dates
from factcli.reading.numbers import implied_qualifier, qualifier_before, read_number, read_numbers
from factcli.store import files
from factcli.text import dates

from .conftest import GOOD

DATA = Path(__file__).parent / "data"

# Number words and ordinals as English builds them: the spec the number tables are held to.
_TEENS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
_TEENS += "seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
CARDINALS = {word: n for n, word in enumerate(_TEENS.split())} | {
    w: n for n, w in zip(range(20, 100, 10), _TENS.split(), strict=True)
}
_IRREGULAR = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}


def ordinal_word(n: int) -> str:
    """'fourth', 'twentieth': the ordinal of a cardinal word."""
    word = next(w for w, value in CARDINALS.items() if value == n)
    return _IRREGULAR.get(n) or (word[:-1] + "ieth" if word.endswith("y") else word + "th")


def test_every_number_word_reads_as_its_value() -> None:
    assert {word: read_number(word) for word in numbers.UNITS} == CARDINALS
    assert {word: read_number(word.title()) for word in numbers.UNITS} == CARDINALS  # as a sentence starts


def test_every_ordinal_word_reads_as_an_ordinal_of_its_value() -> None:
    read = {word: [(r.value, r.ordinal, r.text) for r in read_numbers(word)] for word in numbers.ORDINAL_WORDS}
    wanted = [*range(1, 21), 30, 40, 50]
    assert read == {ordinal_word(n): [(n, True, ordinal_word(n))] for n in wanted}


def test_every_group_word_reads_as_its_count() -> None:
    """DESIGN.md: "a score of" is 20; "a dozen" 12."""
    groups = {"a dozen": 12, "dozen": 12, "a score of": 20, "a hundred": 100, "a thousand": 1000, "another one": 1}
    assert {words: read_number(words) for words in numbers.GROUPS} == groups
    assert {words: parse_one(words) for words in numbers.GROUPS} == groups


def parse_one(text: str) -> float | None:
    (reading,) = read_numbers(text)
    return reading.value


def test_the_other_words_a_document_states_a_count_with() -> None:
    """Besides the number and group words: "hundred" in a compound, "single", "once", "twice", "both"."""
    others = set(numbers._STATED) - set(numbers.UNITS) - set(numbers.GROUPS)
    said = {"single": 1, "once": 1, "twice": 2, "both": 2}
    assert {word: parse_one(word) for word in others - {"hundred"}} == said
    assert others == {*said, "hundred"}
    assert [parse_one(f"{word} hundred") for word in ("one", "two", "nine")] == [100, 200, 900]
    assert [parse_one(f"twenty-{word}") for word in ("one", "five", "nine")] == [21, 25, 29]


def test_every_multiplier_scales_the_number_before_it() -> None:
    scales = {"thousand": 3_000, "million": 3_000_000, "billion": 3_000_000_000}
    assert {word: parse_one(f"3 {word}") for word in numbers._MULTIPLIERS} == scales
    assert {word: parse_one(f"three {word}") for word in numbers._MULTIPLIERS} == scales


def test_every_scale_word_multiplies_the_number_before_it_in_a_draft() -> None:
    """SCALES, read by check-draft's mentions: "3 dozen engineers" are 36."""
    from factcli.reading.mentions import find

    scales = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
    read = {}
    for word in numbers.SCALES:
        read[word] = [m.value for m in find(f"They sent 3 {word} engineers.") if m.kind == "amount"]
    assert read == {word: [3 * n] for word, n in scales.items()}


#: The qualifiers by what they mean: in a fact's value_text (the store's) and in a writer's sentence. "nearly",
#: "almost", "close to" and "just short of" are approx in a fact but below the figure in a draft.
QUALIFIER_WORDS = {
    ("at_least", "at_least"): "no fewer than|no less than|at least",
    ("at_most", "at_most"): "no more than|as many as|at most|up to|within",
    ("more_than", "more_than"): "upwards of|upward of|in excess of|more than|just over|well over|over|above",
    ("less_than", "less_than"): "fewer than|less than|just under|under|below",
    ("approx", "approx"): "more or less|a score of|approximately|roughly|around|about|some",
    ("approx", "below"): "close to|just short of|nearly|almost",
    ("exact", "exact"): "exactly|precisely|only|a mere",
}


def test_every_qualifier_word_means_its_qualifier_to_the_store_and_to_a_writer() -> None:
    read = {}
    for words in numbers.QUALIFIERS:
        sentence = f"They sent {words} 40 engineers."
        read[words] = (implied_qualifier(f"{words} 40"), qualifier_before(sentence, sentence.index("40"))[0])
    wanted = {words: meaning for meaning, listed in QUALIFIER_WORDS.items() for words in listed.split("|")}
    assert read == wanted


def test_every_month_name_and_abbreviation_dates_a_written_date() -> None:
    """The months of text/dates.py, and reading's abbreviations of them, against the calendar's."""
    assert {calendar.month_name[n].lower(): n for n in range(1, 13)} == dates.MONTHS
    read = {}
    for name in [*dates.MONTHS, *written_dates.MONTH_NUMBER]:
        sentence = f"On 5 {name.title()} 2008 it began."
        m = written_dates.DATE.search(sentence)
        assert m is not None, name
        mention = written_dates.read_date(sentence, m, 0)
        read[name] = mention.span if mention else None
    wanted = {calendar.month_abbr[n].lower(): n for n in range(1, 13)} | dates.MONTHS
    assert read == {name: (dt.date(2008, n, 5), dt.date(2008, n, 5)) for name, n in wanted.items()}


#: sqlite-utils declares a float column REAL, older releases FLOAT.
_NUMBER = {"REAL": "number", "FLOAT": "number"}


def test_the_sqlite_export_has_its_documented_columns(tmp_path: Path) -> None:
    """Columns a Datasette user queries by name: a change is a change of the export's interface."""
    db_path = tmp_path / "facts.db"
    result = CliRunner().invoke(app, ["--store", str(GOOD), "export", "--format", "sqlite", "-o", str(db_path)])
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db_path) as db:
        columns = {
            table: [(row[1], _NUMBER.get(row[2], row[2])) for row in db.execute(f"PRAGMA table_info({table})")]
            for table in ("facts", "sources", "facts_fts")
        }
    db.close()
    text = ("id", "claim", "kind")
    assert columns == {
        "facts": [
            *((c, "TEXT") for c in text), ("value", "number"),
            *((c, "TEXT") for c in ("qualifier", "unit", "value_text", "date", "period_start", "period_end",
                                    "topic", "metric", "quotes", "note", "supersedes", "supersedes_reason")),
        ],
        "sources": [(c, "TEXT") for c in
                    ("id", "title", "publisher", "published", "type", "url", "sha256", "accessed", "language", "note")],
        "facts_fts": [(c, "") for c in ("id", "claim", "value_text", "quotes")],
    }  # fmt: skip
    assert export.SEARCHED == ("id", "claim", "value_text", "quotes")


def test_the_csv_export_has_the_flat_fields_of_a_fact() -> None:
    result = CliRunner().invoke(app, ["--store", str(GOOD), "export", "--format", "csv"])
    header = next(csv.reader(result.stdout.splitlines()))
    assert header == [
        "id", "claim", "kind", "value", "qualifier", "unit", "value_text", "date", "period", "topic", "metric",
        "tags", "entities", "citations", "note", "supersedes",
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["facts", "sources", "entities", "topics", "metrics", "thesaurus"])
def test_the_schema_of_each_store_file_is_as_published(kind: str) -> None:
    """Every field table (fieldtable.py) as `factcli schema` publishes it: names, types, required fields,
    choices and descriptions (tests/data/schema/, written by `factcli schema KIND`)."""
    result = CliRunner().invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((DATA / "schema" / f"{kind}.json").read_text(encoding="utf-8"))


def test_the_vocabulary_files_and_the_yaml_suffixes(tmp_path: Path) -> None:
    """DESIGN.md's store layout: five vocabulary files; every other .yaml (or .yml) file holds facts."""
    vocabularies = ["sources", "entities", "topics", "metrics", "thesaurus"]
    names = [f"{stem}.yaml" for stem in files.VOCABULARIES]
    assert [files.vocabulary_of(name) for name in names] == vocabularies
    for name in ["facts.yaml", "facts.yml", "facts.txt", "sources.json"]:
        (tmp_path / name).write_text("")
    assert [p.name for p in files.store_files(tmp_path)] == ["facts.yaml", "facts.yml"]
    assert files.YAML_SUFFIXES == (".yaml", ".yml")


def _source(kind: str, language: str | None = None) -> Source:
    return Source("doc", "A title", "An office", kind, "2008", language=language)


def test_every_source_type_has_its_type_in_each_bibliography_format() -> None:
    """white-paper and policy-paper are reports, web-page a web page; anything else a document."""
    read = {}
    for kind in [*bibfiles._CSL_TYPES, "speech"]:
        source = _source(kind)
        read[kind] = (
            bibfiles.csl_item(source)["type"],
            bibfiles.bibtex([source]).split("{", 1)[0],
            bibfiles.ris([source]).split("\n", 1)[0],
        )
    report, page = ("report", "@report", "TY  - RPRT"), ("webpage", "@online", "TY  - ELEC")
    assert read == {
        "white-paper": report, "policy-paper": report, "web-page": page, "speech": ("document", "@misc", "TY  - GEN"),
    }  # fmt: skip
    assert set(bibfiles._BIBLATEX_TYPES) == set(bibfiles._RIS_TYPES) == {"report", "webpage"}  # only these reach them


def test_every_language_code_has_its_biblatex_langid() -> None:
    def langid(code: str) -> str:
        found = re.search(r"langid = \{(\w+)\}", bibfiles.bibtex([_source("web-page", code)]))
        return found.group(1) if found else ""

    langids = {"en": "english", "zh": "chinese", "fr": "french", "es": "spanish", "ru": "russian"}
    assert {code: langid(code) for code in bibfiles._LANGIDS} == langids


def test_every_latex_special_character_is_escaped_as_text() -> None:
    escaped = {ch: bibfiles.latex_escape(ch) for ch in bibfiles._LATEX}
    assert escaped == {ch: "\\" + ch for ch in "&%$#_{}"} | {
        "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    }  # fmt: skip


def test_every_style_alias_resolves_to_a_bundled_style() -> None:
    resolved = {alias: styles.resolve(alias) for alias in styles.ALIASES}
    assert all((styles.styles_dir() / f"{style}.csl").is_file() for style in resolved.values())
    assert resolved == json.loads((DATA / "style_aliases.json").read_text(encoding="utf-8"))
    assert [styles.resolve(name) for name in styles.EXPORT_STYLES] == ["bibtex", "csl-json", "ris"]


# Every other table of reading/, formats/ and store/ is pinned as it is (tests/data/tables.json): a word list's
# content is its members, which no behaviour lists, so a changed, removed or added member shows only there.
# After a deliberate change: python -m tests.test_pinned_tables (rewrites the file; review its diff).
ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = DATA / "tables.json"
PLACES = ["factcli/reading", "factcli/formats", "factcli/store", "factcli/fieldtable.py", "factcli/text/dates.py"]
#: The tables the tests above pin by what they do (besides those made from them: MONTH_NUMBER, LAYOUT).
BY_BEHAVIOUR = {
    "factcli/reading/numbers.py": {
        "UNITS", "ORDINAL_WORDS", "GROUPS", "SCALES", "_STATED", "QUALIFIERS", "_MULTIPLIERS",
    },
    "factcli/text/dates.py": {"MONTHS"},
    "factcli/formats/export.py": {"SEARCHED", "_SOURCE_COLUMNS", "_FACT_COLUMNS"},
    "factcli/formats/bibfiles.py": {"_CSL_TYPES", "_BIBLATEX_TYPES", "_RIS_TYPES", "_LANGIDS", "_LATEX"},
    "factcli/formats/styles.py": {"ALIASES", "EXPORT_STYLES"},
    "factcli/formats/jsonschema.py": {"RECORDS"},
    "factcli/store/files.py": {"VOCABULARIES", "YAML_SUFFIXES"},
    "factcli/fieldtable.py": {
        "KINDS", "QUALIFIERS", "FACT_FIELDS", "CITATION_FIELDS", "SOURCE_FIELDS", "ENTITY_FIELDS", "TOPIC_FIELDS",
        "METRIC_FIELDS", "THESAURUS_FIELDS", "PERIOD_FIELDS", "SUPERSEDES_FIELDS",
    },
}  # fmt: skip
#: Module-level collections that are state, not tables.
NOT_TABLES = {"factcli/formats/citeproc_groups.py": {"_COUNT"}}


def module_tables() -> dict[str, list[str]]:
    """Each module's tables by name, found as scripts/table_mutants.py finds what it mutates."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("table_mutants", ROOT / "scripts" / "table_mutants.py")
    assert spec is not None
    assert spec.loader is not None
    finder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(finder)
    paths = sorted(
        p for place in PLACES for p in ([ROOT / place] if place.endswith(".py") else (ROOT / place).glob("*.py"))
    )
    found = {}
    for path in paths:
        module = path.relative_to(ROOT).as_posix()
        names = [n for n in finder.tables(path.read_text(encoding="utf-8")) if n not in NOT_TABLES.get(module, ())]
        if names:
            found[module] = names
    return found


def snapshot_of(found: dict[str, list[str]]) -> dict[str, object]:
    import importlib

    out: dict[str, object] = {}
    for module, names in found.items():
        loaded = importlib.import_module(module.removesuffix(".py").replace("/", "."))
        for name in names:
            if name not in BY_BEHAVIOUR.get(module, ()):
                out[f"{module}:{name}"] = _plain(getattr(loaded, name))
    return out


def _plain(value: object) -> object:
    """A table as JSON holds it: sets sorted, a dict as its pairs in order, a function by its name."""
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, dict):
        return [[_plain(k), _plain(v)] for k, v in value.items()]
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float):
        return value
    if callable(value):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


def test_every_table_is_pinned_by_behaviour_or_as_it_is() -> None:
    found = module_tables()
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert sorted(snapshot_of(found)) == sorted(pinned), "a table is new or gone: python -m tests.test_pinned_tables"
    for module, names in BY_BEHAVIOUR.items():
        assert names <= set(found.get(module, ())), module  # each is still a table of its module


@pytest.mark.parametrize("key", sorted(json.loads(SNAPSHOT.read_text(encoding="utf-8"))))
def test_each_table_is_as_pinned(key: str) -> None:
    module, name = key.split(":")
    assert snapshot_of({module: [name]})[key] == json.loads(SNAPSHOT.read_text(encoding="utf-8"))[key]


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot_of(module_tables()), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
