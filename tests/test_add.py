"""add: validated, byte-preserving, atomic, locked appends; round-trips through any YAML reader."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcli.checks import validate as validation
from factcli.cli import app
from factcli.store import builders, jsonfact, newfact
from factcli.store import write as writer
from factcli.store.load import load_store
from factcli.store.yamlread import LoadedFile, parse_text

from .conftest import CACHE, FACTCLI, GOOD

runner = CliRunner()


def record(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "md-2009-new",
        "claim": "China and South Korea held talks in May 2008.",
        "kind": "event",
        "value_text": "May 2008",
        "date": "2008-05",
        "topic": "military-diplomacy",
        "entities": ["South Korea"],
        "citations": [{"source": "doc-a", "section": "Talks", "quote": "In May 2008 the talks with the ROK began."}],
    }
    base.update(changes)
    return base


@pytest.fixture
def store(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(GOOD, target)
    return target


def test_append_keeps_every_old_byte_and_adds_one_fact(store: Path) -> None:
    path = store / "military-diplomacy.yaml"
    old = path.read_bytes()
    added = writer.append(store, record())
    new = path.read_bytes()
    assert new.startswith(old)
    assert new[len(old) :].decode() == "\n" + added.text
    ids = [f.id for f in load_store(store).facts if f.topic == "military-diplomacy"]
    assert ids == ["md-2002-relations", "md-2008-relations", "md-2007-rok-hotline", "md-2009-new"]
    assert not list(store.glob(".*.tmp"))


def test_crlf_file_gets_crlf_and_missing_final_newline_is_added(store: Path) -> None:
    path = store / "military-diplomacy.yaml"
    old = path.read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")
    path.write_bytes(old)
    added = writer.append(store, record())
    new = path.read_bytes()
    assert new.startswith(old)
    assert added.text.endswith('began."\r\n')
    assert new[len(old) :] == b"\r\n\r\n" + added.text.encode()
    assert added.notes == ("military-diplomacy.yaml had no newline at its end; one was added before the new fact",)
    assert load_store(store).by_id["md-2009-new"].date == "2008-05"


def test_invalid_facts_are_refused_with_every_problem(store: Path) -> None:
    before = (store / "military-diplomacy.yaml").read_bytes()
    with pytest.raises(writer.InvalidFactError) as info:
        writer.append(store, record(id="md-2008-relations", topic="nope", value_text="June 2008"))
    messages = [p.message for p in info.value.problems]
    assert "fact id 'md-2008-relations' is taken (tests/data/good-01/military-diplomacy.yaml:27)" not in messages
    assert any(m.startswith("fact id 'md-2008-relations' is taken") for m in messages)
    assert "unknown topic 'nope'" in messages
    assert "md-2008-relations: value_text 'June 2008' does not occur in the quote from doc-a" in messages
    assert (store / "military-diplomacy.yaml").read_bytes() == before


def test_cli_add_from_flags_and_json(store: Path) -> None:
    args = ["--store", str(store), "add", "--kind", "quantity", "--claim", "China sent 44 observers in 2008.",
            "--value", "44", "--unit", "personnel", "--value-text", "44", "--date", "2008", "--topic",
            "peacekeeping", "--source", "doc-a", "--section", "S", "--quote", "It sent 44 observers."]  # fmt: skip
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("peacekeeping.yaml\n")
    assert load_store(store).by_id["china-sent-44-observers-2008-2008"].value == 44
    assert "\n  value: 44\n" in (store / "peacekeeping.yaml").read_text(encoding="utf-8")  # 44, never 44.0
    fact = json.dumps(record(id="md-json"))
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input=fact)
    assert result.exit_code == 0, result.stderr
    assert "md-json" in load_store(store).by_id


def test_dry_run_writes_nothing(store: Path) -> None:
    before = {p.name: p.read_bytes() for p in store.iterdir()}
    args = ["--store", str(store), "add", "--from-json", "-", "--dry-run"]
    result = runner.invoke(app, args, input=json.dumps(record()))
    assert result.exit_code == 0
    assert result.stdout.startswith('- id: md-2009-new\n  claim: "China and South Korea')
    assert {p.name: p.read_bytes() for p in store.iterdir()} == before


def test_bad_json_is_a_usage_error(store: Path) -> None:
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input="{not json")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --from-json: not valid JSON at line 1 column 2")


def test_failed_write_leaves_the_original_and_no_temp_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store / "military-diplomacy.yaml"
    before = path.read_bytes()

    def refuse(*args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(writer.WriteError, match="read-only file system; the original is unchanged"):
        writer.append(store, record())
    assert path.read_bytes() == before
    assert not list(store.glob(".*.tmp"))


def test_file_size_limit_mid_write_leaves_the_original(store: Path) -> None:
    """A real failure of the write itself (EFBIG under RLIMIT_FSIZE), in a real process."""
    path = store / "military-diplomacy.yaml"
    before = path.read_bytes()
    limit = len(before) + 40  # the temp file cannot grow past this

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "FACTCLI_CACHE_DIR": str(CACHE)}
    result = subprocess.run(
        [FACTCLI, "--store", str(store), "add", "--from-json", "-"],
        input=json.dumps(record()), capture_output=True, text=True, preexec_fn=cap, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "the original is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not list(store.glob(".*.tmp"))


def test_concurrent_adds_all_land_and_an_id_is_taken_once(store: Path) -> None:
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(CACHE)}
    procs = []
    for i in range(40):  # 40 different facts (the same one under two ids is refused as a duplicate)
        quote = f"In May 2008 the talks began, round {i}."
        rec = record(id=f"md-concurrent-{i:02d}", citations=[{"source": "doc-a", "section": "Talks", "quote": quote}])
        procs.append(subprocess.Popen(
            [FACTCLI, "--store", str(store), "add", "--from-json", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, text=True,
        ))  # fmt: skip
        assert procs[-1].stdin is not None
        procs[-1].stdin.write(json.dumps(rec))
        procs[-1].stdin.close()
    same = []
    for _ in range(10):
        same.append(subprocess.Popen(
            [FACTCLI, "--store", str(store), "add", "--from-json", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, text=True,
        ))  # fmt: skip
        assert same[-1].stdin is not None
        same[-1].stdin.write(json.dumps(record(id="md-contested")))
        same[-1].stdin.close()
    codes = [p.wait(timeout=120) for p in procs]
    contested = [p.wait(timeout=120) for p in same]
    assert codes == [0] * 40
    assert sorted(contested) == [0] + [1] * 9
    facts = load_store(store).facts
    assert len(facts) == 5 + 40 + 1
    assert sum(f.id == "md-contested" for f in facts) == 1


_TRICKY = st.sampled_from(
    ["no", "NO", "yes", "on", "off", "y", "null", "~", "true", "010", "0x10", "1:20", "10:30", "2008-11", "2008",
     "1e3", "0o10", ".nan", "a: b", "#1", "x #2", "- item", "[sic]", "'quoted'", '"dq"', "back\\slash", "tab\there",
     "line\nbreak", "café", "China’s “concept” — new", "  padded  ", "*alias", "&anchor", "!tag", "%", "@", "`"]
)  # fmt: skip
#: Any text a store may hold: not controls, format characters (BOM, bidi) or Unicode line breaks, which it refuses.
_TEXT = st.one_of(
    _TRICKY,
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=30),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(claim=_TEXT, tag=_TEXT, section=_TEXT, note=_TEXT, value=st.one_of(st.integers(0, 10**9), st.floats(0, 1e6)))
def test_written_facts_read_back_identically(claim: str, tag: str, section: str, note: str, value: float) -> None:
    if not all(s.strip() for s in (claim, tag, section, note)):
        return
    tags = [tag] if tag == "2008-11" else [tag, "2008-11"]
    rec = {
        "id": "t-1", "claim": claim, "kind": "quantity", "value": value, "unit": "personnel",
        "value_text": "the text", "date": "2008-11", "topic": "no", "tags": tags, "note": note,
        "citations": [{"source": "on", "section": section, "quote": "the text"}],
    }  # fmt: skip
    text = newfact.fact_yaml(rec)
    lf = LoadedFile("t.yaml")
    parse_text(text, lf)
    assert [p for p in lf.problems if p.level == "error"] == []
    ((_, fact),) = builders.build_facts(lf)
    assert (fact.claim, fact.tags, fact.citations[0].section, fact.note) == (claim, tuple(tags), section, note)
    assert fact.value == value
    assert (fact.topic, fact.citations[0].source, fact.date) == ("no", "on", "2008-11")
    loaded = yaml.safe_load(text)[0]  # a YAML 1.1 reader sees the same strings
    assert (loaded["claim"], loaded["tags"], loaded["topic"], loaded["note"]) == (claim, tags, "no", note)
    assert loaded["citations"][0]["source"] == "on"


def test_proposed_ids_are_readable_and_unique() -> None:
    claim = "China and the ROK opened a hotline."
    assert newfact.propose_id(claim, "2007-08", set()) == "china-rok-opened-hotline-2007"
    taken = {"china-rok-opened-hotline-2007"}
    assert newfact.propose_id(claim, "2007-08", taken) == "china-rok-opened-hotline-2007-2"


def test_python_m_works_for_add_and_a_dry_run_writes_nothing(store: Path) -> None:
    before = {p.name: p.read_bytes() for p in store.iterdir()}
    result = subprocess.run(
        [sys.executable, "-m", "factcli", "--store", str(store), "add", "--from-json", "-", "--dry-run"],
        input=json.dumps(record()), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == newfact.fact_yaml(record())
    assert {p.name: p.read_bytes() for p in store.iterdir()} == before


def test_cli_lists_every_problem_of_an_invalid_fact(store: Path) -> None:
    bad = record(id="md-2008-relations", topic="nope", citations=[{"source": "doc-z", "section": "s", "quote": "q"}])
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input=json.dumps(bad))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: fact id 'md-2008-relations' is taken (")
    assert lines[1:] == [
        "error: unknown topic 'nope' [reference]",
        "error: unknown source 'doc-z' (did you mean 'doc-b' or 'doc-a'?) [reference]",
        "error: md-2008-relations: value_text 'May 2008' does not occur in the quote from doc-z [value-text]",
        "error: md-2008-relations: the quote from doc-z is 'q': quote the passage that states the value, not the "
        "value alone [quote-length]",
        "the new fact was not added: 5 error(s)",
    ]


def test_append_after_an_unterminated_block_scalar_keeps_the_old_fact(store: Path) -> None:
    path = store / "military-diplomacy.yaml"
    text = path.read_text()
    last = 'quote: "In August 2007 a hotline between the defense ministries of China and the ROK was opened."'
    assert text.rstrip("\n").endswith(last)
    block = "quote: |\n        In August 2007 a hotline between the defense ministries of China and the ROK was opened."
    path.write_text(text.rstrip("\n").removesuffix(last) + block)  # no newline at the end
    before = load_store(store).by_id["md-2007-rok-hotline"]
    writer.append(store, record())
    after = load_store(store)
    assert after.by_id["md-2007-rok-hotline"] == before
    assert after.by_id["md-2009-new"].citations[0].quote == "In May 2008 the talks with the ROK began."


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """add runs as on a terminal: it prompts for what the flags leave out."""
    from factcli.cli import prompts, streams

    monkeypatch.setattr(streams, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "_complete_with", lambda options: None)


def test_every_bad_answer_is_asked_again(store: Path, terminal: None) -> None:
    answers = [
        "China sent 1,951 peacekeepers.",  # claim
        "number",  # kind: not quantity or event
        "quantity",
        "many",  # value: not a number
        "1,951",
        "personnel",  # unit
        "1,951",  # value_text
        "November 2008",  # date: not ISO
        "2008-11",
        "doc-z",  # source: not in the store
        "doc-a",
        "",  # section: required
        "Peacekeeping",
        "As of the end of November 2008, 1,951 Chinese military peacekeepers were on duty.",  # quote
        "Narnia",  # entities: not in entities.yaml
        "",
    ]
    args = ["--store", str(store), "add", "--topic", "peacekeeping", "--id", "pk-2008-new"]
    result = runner.invoke(app, args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    for told in (
        "'number' is not a kind of the store; type it again",
        "'many' is not one number; type it again",
        "'November 2008' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD; type it again",
        "'doc-z' is not a source of the store; type it again",
        "an answer is needed; type it again",
        "not in entities.yaml: Narnia; type it again",
    ):
        assert told in result.stderr
    assert load_store(store).by_id["pk-2008-new"].value == 1951


def test_the_help_example_asks_for_section_and_quote(store: Path, terminal: None) -> None:
    """`factcli add --topic peacekeeping --source wp2008-ch13` never asked them and crashed (TypeError)."""
    answers = ["China had 1,951 peacekeepers.", "quantity", "1951", "personnel", "1,951", "2008-11", "Peacekeeping",
               "As of the end of November 2008, 1,951 Chinese military peacekeepers were on duty.", ""]  # fmt: skip
    args = ["--store", str(store), "add", "--topic", "peacekeeping", "--source", "doc-a", "--id", "pk-2008-new"]
    result = runner.invoke(app, args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    citation = load_store(store).by_id["pk-2008-new"].citations[0]
    assert (citation.source, citation.section) == ("doc-a", "Peacekeeping")


def test_a_refused_fact_is_kept_to_resume_from(store: Path, terminal: None, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "cache"))
    answers = ["China had 1,951 peacekeepers.", "quantity", "1951", "personnel", "1,950", "2008-11", "Peacekeeping",
               "As of the end of November 2008, 1,951 Chinese military peacekeepers were on duty.", ""]  # fmt: skip
    args = ["--store", str(store), "add", "--topic", "peacekeeping", "--source", "doc-a", "--id", "pk-2008-new"]
    result = runner.invoke(app, args, input="\n".join(answers) + "\n")
    assert result.exit_code == 1
    assert "value 1951 does not agree with value_text '1,950'" in result.stderr
    (saved,) = (tmp_path / "cache").glob("unsaved-fact-*.json")
    assert f"fix it and run: factcli add --from-json {saved}" in result.stderr
    assert saved.stat().st_mode & 0o777 == 0o600  # the user's alone, as the store's facts are
    record = json.loads(saved.read_text())
    assert record["citations"][0]["quote"] == answers[7]
    record["value_text"] = "1,951"
    saved.write_text(json.dumps(record))
    resumed = runner.invoke(app, ["--store", str(store), "add", "--from-json", str(saved)])
    assert resumed.exit_code == 0, resumed.stderr
    assert load_store(store).by_id["pk-2008-new"].value_text == "1,951"


def test_from_json_takes_what_show_json_prints(store: Path) -> None:
    shown = runner.invoke(app, ["--store", str(store), "show", "md-2007-rok-hotline", "--json"]).stdout
    record = json.loads(shown)
    record.update(id="md-2007-rok-hotline-again", claim="The hotline opened in August 2007.")
    record["citations"][0]["quote"] = "In August 2007 a hotline between the defense ministries was opened."
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input=json.dumps(record))
    assert result.exit_code == 0, result.stderr
    assert load_store(store).by_id["md-2007-rok-hotline-again"].citations[0].source == "doc-a"


def test_the_same_fact_under_another_id_is_refused_and_warned(store: Path) -> None:
    shown = json.loads(runner.invoke(app, ["--store", str(store), "show", "md-2008-relations", "--json"]).stdout)
    shown["id"] = "md-2008-relations-2"
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input=json.dumps(shown))
    assert result.exit_code == 1
    assert "'md-2008-relations-2' says what 'md-2008-relations' says (same value, date, source and quote)" in (
        result.stderr
    )
    path = store / "military-diplomacy.yaml"  # written by hand instead: validate warns
    path.write_text(path.read_text() + "\n" + newfact.fact_yaml(jsonfact.record_from_json(shown)))
    warned = [p for p in validation.validate(store) if p.check == "duplicate-fact"]
    assert [(p.level, p.message) for p in warned] == [
        ("warning", "'md-2008-relations-2' says what 'md-2008-relations' says (same value, date, source and quote)")
    ]


def test_a_fact_later_than_its_document_or_a_meetings_ordinal_twice_is_refused(store: Path) -> None:
    since = [{"source": "doc-a", "section": "Talks", "quote": "Since 2008 the talks with the ROK have run."}]
    open_end = record(claim="Since 2008 China and South Korea have held talks.", value_text="Since 2008", date=None,
                      period={"start": "2008"}, citations=since)  # fmt: skip
    with pytest.raises(writer.InvalidFactError) as info:
        writer.append(store, open_end)
    assert [(p.check, p.message) for p in info.value.problems if p.level == "error"] == [
        ("after-publication", "md-2009-new: the period has no end, which reads as 'to this day', after doc-a was "
         "published (2009-01-20); a document cannot know what came after it: end it at the publication or before"),
    ]  # fmt: skip
    at_meeting = [{"source": "doc-a", "section": "ARF", "quote": "At the 14th ARF Ministerial Meeting."}]
    meeting = record(id="md-arf-14", claim="The ARF Ministerial Meeting of August 2007 was the 14th.", kind="quantity",
                     value=14, unit="ordinal", value_text="14th", date="2007-08", entities=[],
                     citations=at_meeting)  # fmt: skip
    writer.append(store, meeting)
    quote = "The guidelines were adopted at the 14th ARF Ministerial Meeting in August 2007."
    again = {**meeting, "id": "md-arf-guidelines", "citations": [{"source": "doc-a", "section": "ARF", "quote": quote}]}
    with pytest.raises(writer.InvalidFactError) as info:
        writer.append(store, again)
    assert [p.check for p in info.value.problems] == ["duplicate-ordinal"]
    assert info.value.problems[0].message.startswith(
        "md-arf-guidelines: stores '14th' of the ARF Ministerial Meeting, as 'md-arf-14' ("
    )


def test_add_warns_of_a_name_the_quotes_lack_and_adds_the_fact(store: Path) -> None:
    talks = record(citations=[{"source": "doc-a", "section": "Talks", "quote": "In May 2008 the talks began."}])
    result = runner.invoke(app, ["--store", str(store), "add", "--from-json", "-"], input=json.dumps(talks))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "warning: md-2009-new: the claim names 'South Korea', but no quote or note has 'South', 'Korea'; "
    )
    assert "md-2009-new" in load_store(store).by_id
