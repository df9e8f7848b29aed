"""``add`` on a real terminal (a pseudo-terminal) and from scripts: it asks only what the options leave out,
saves what was typed when the user stops at a prompt, never prompts without a terminal, and never writes into
the installed package."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.store.load import load_store

from .conftest import _PINNED, FACTCLI, GOOD, run_cli

runner = CliRunner()
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

QUOTE = "As of the end of November 2008, 1,951 Chinese military peacekeepers were on duty."
#: Every field of a quantity, as options.
EVERYTHING = ["--id", "pk-2008-new", "--claim", "China had 1,951 peacekeepers.", "--kind", "quantity",
              "--value", "1951", "--unit", "personnel", "--value-text", "1,951", "--date", "2008-11",
              "--topic", "peacekeeping", "--source", "doc-a", "--section", "Peacekeeping",
              "--quote", QUOTE]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(GOOD, target)
    return target


def _own_terminal() -> None:
    """The child leads a session whose controlling terminal is the pty, so that Ctrl-C there sends SIGINT."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """factcli on a pseudo-terminal: answers typed, keys pressed, everything it wrote read back."""

    def __init__(self, args: list[str], cache: Path) -> None:
        import pty

        self.main, secondary = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k not in _PINNED}
        env.update({"FACTCLI_CACHE_DIR": str(cache), "TERM": "dumb", "LC_ALL": "C.UTF-8", "COLUMNS": "120"})
        self.proc = subprocess.Popen(
            [FACTCLI, *args], stdin=secondary, stdout=secondary, stderr=secondary, env=env, preexec_fn=_own_terminal
        )
        os.close(secondary)
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {text!r}; saw {self.seen.decode(errors='replace')!r}")
            if select.select([self.main], [], [], left)[0]:
                try:
                    self.seen += os.read(self.main, 65536)
                except OSError:  # the process ended and closed its side
                    raise AssertionError(f"ended before {text!r}: {self.seen.decode(errors='replace')!r}") from None

    def type(self, text: str) -> None:
        os.write(self.main, text.encode())

    def interrupt(self) -> None:
        """Ctrl-C. Like a ^D, a ^C typed while readline is still switching the terminal's mode can be taken as a
        character rather than a signal; if nothing answers it, the terminal's signal is sent as the kernel would
        (SIGINT to the foreground process group) once."""
        os.write(self.main, b"\x03")
        try:
            self.wait_for("Interrupted.", timeout=10)
        except AssertionError:
            os.killpg(self.proc.pid, signal.SIGINT)

    def end_input(self) -> None:
        """Ctrl-D at an empty line. A ^D that arrives while readline is still switching the terminal's mode
        can be lost (the kernel read it as end-of-file for a read nobody made), so it is pressed again until
        the process has ended, as a user would."""
        for _ in range(20):
            try:
                os.write(self.main, b"\x04")
            except OSError:  # the process ended and closed its side
                return
            try:
                self.proc.wait(timeout=1)
                return
            except subprocess.TimeoutExpired:
                continue

    def finish(self, timeout: float = 30) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([self.main], [], [], 0.2)[0]:
                try:
                    data = os.read(self.main, 65536)
                except OSError:
                    data = b""
                self.seen += data
                if not data and self.proc.poll() is not None:
                    break
            elif self.proc.poll() is not None:
                break
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # never left running into the next test
            self.proc.wait()
            raise
        finally:
            os.close(self.main)
        return code, self.seen.decode(errors="replace").replace("\r\n", "\n")


def saved_answers(cache: Path) -> list[dict[str, object]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(cache.rglob("unsaved-fact-*.json"))]


def test_ctrl_c_at_a_prompt_saves_the_answers_and_exits_130(store: Path, tmp_path: Path) -> None:
    term = Terminal(["--store", str(store), "add", "--topic", "peacekeeping"], tmp_path / "cache")
    term.wait_for("claim")
    term.type("China had 1,951 peacekeepers.\n")
    term.wait_for("kind")
    term.type("quantity\n")
    term.wait_for("value")
    term.interrupt()
    code, seen = term.finish()
    assert code == 130, seen
    assert "Traceback" not in seen
    assert "Interrupted." in seen
    (answers,) = saved_answers(tmp_path / "cache")
    assert answers == {"claim": "China had 1,951 peacekeepers.", "kind": "quantity", "topic": "peacekeeping"}
    assert "factcli add --from-json" in seen


def test_ctrl_d_at_a_prompt_saves_the_answers_and_says_the_input_ended(store: Path, tmp_path: Path) -> None:
    term = Terminal(["--store", str(store), "add", "--topic", "peacekeeping"], tmp_path / "cache")
    term.wait_for("claim")
    term.type("China had 1,951 peacekeepers.\n")
    term.wait_for("kind")
    term.end_input()
    code, seen = term.finish()
    assert code == 1, seen
    assert "no answer (the input ended); nothing was added" in seen
    (answers,) = saved_answers(tmp_path / "cache")
    assert answers["claim"] == "China had 1,951 peacekeepers."


def test_with_every_field_given_a_terminal_is_never_asked_anything(store: Path, tmp_path: Path) -> None:
    """It stopped at the optional entities prompt."""
    term = Terminal(["--store", str(store), "add", *EVERYTHING], tmp_path / "cache")
    code, seen = term.finish()
    assert code == 0, seen
    assert "entities" not in seen
    assert "added pk-2008-new" in seen


def test_the_prompts_take_a_period_offer_metrics_and_question_a_new_unit(store: Path, tmp_path: Path) -> None:
    term = Terminal(["--store", str(store), "add", "--topic", "military-diplomacy", "--id", "md-new"], tmp_path / "c")
    for prompt, answer in [
        ("claim", "China had military relations with more than 151 countries."),
        ("kind", "quantity"),
        ("value", "151"),
        ("unit", "countrys"),  # a typo: questioned, with the store's unit
        ("did you mean 'countries'", "countries"),
        ("value_text", "more than 151"),
        ("date", "2007..2008"),
        ("metric", "countries-with-military-relations"),
        ("source", "doc-a"),
        ("section", "Military Diplomacy"),
        ("quote", "By 2008, China had established military relations with more than 151 countries."),
        ("entities", ""),
    ]:
        term.wait_for(prompt)
        term.type(answer + "\n")
    code, seen = term.finish()
    assert code == 0, seen
    assert "qualifier: more_than (from 'more than 151')" in seen
    fact = load_store(store).by_id["md-new"]
    assert (fact.qualifier, fact.unit, fact.metric) == ("more_than", "countries", "countries-with-military-relations")
    assert fact.period is not None
    assert (fact.period.start, fact.period.end) == ("2007", "2008")


def test_two_refused_adds_in_one_second_are_saved_apart(store: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bad = [*EVERYTHING[:-1], "1,950 is not the number here, but the quote is long enough."]
    env = {"FACTCLI_CACHE_DIR": str(cache)}
    first = run_cli("--store", str(store), "add", *bad, env=env)
    second = run_cli("--store", str(store), "add", *bad, env=env)
    assert (first.returncode, second.returncode) == (1, 1)
    assert len(saved_answers(cache)) == 2


def test_without_a_terminal_add_names_every_missing_option_and_prompts_for_nothing(store: Path) -> None:
    """`factcli add --topic peacekeeping --source wp2008-ch13 </dev/null` ended in an internal TypeError."""
    done = run_cli("--store", str(store), "add", "--topic", "peacekeeping", "--source", "doc-a", input="")
    assert done.returncode == 2
    assert done.stderr.startswith(
        "Error: missing --id (or --claim), --claim, --kind, --value-text, --date (or --period-start/--period-end), "
        "--section, --quote: give them as options, as JSON (--from-json FILE), or answer prompts on a terminal"
    )
    assert "internal error" not in done.stderr


def test_add_refuses_the_installed_package_before_asking_anything(tmp_path: Path) -> None:
    installed = tmp_path / "lib" / "python3.11" / "site-packages" / "factcli" / "facts"
    shutil.copytree(GOOD, installed)
    before = sorted((p.name, p.read_bytes()) for p in installed.iterdir())
    done = runner.invoke(app, ["--store", str(installed), "add", *EVERYTHING])
    assert done.exit_code == 2
    assert "is part of the installed factcli and an upgrade replaces it" in done.stderr
    assert "factcli init DIR" in done.stderr
    assert sorted((p.name, p.read_bytes()) for p in installed.iterdir()) == before
    checked = runner.invoke(app, ["--store", str(installed), "add", *EVERYTHING, "--dry-run"])
    assert checked.exit_code == 0, checked.output  # a dry run writes nothing, so it may check against it


def test_a_proposed_id_folds_accents(store: Path) -> None:
    args = [a for a in EVERYTHING if a not in ("--id", "pk-2008-new")]
    claim = args.index("--claim") + 1
    args[claim] = "Attachés from Côte d'Ivoire: 1,951."
    done = runner.invoke(app, ["--store", str(store), "add", *args, "--dry-run"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("- id: attaches-from-cote-d-ivoire-1-2008\n")


def test_add_texts_checks_the_quote_against_the_document(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(GOOD, store)
    texts = tmp_path / "texts"
    texts.mkdir()
    document = "Chapter 1. As of the end of November 2008, 1,951 Chinese military peacekeepers were on duty.\n"
    (texts / "doc-a.txt").write_text(document, encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(document.encode()).hexdigest()
    sources = store / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert '"0000000000000000000000000000000000000000000000000000000000000000"' in text
    sources.write_text(text.replace("0" * 64, digest, 1), encoding="utf-8")
    wrong = [*EVERYTHING[:-1], "x y z 1,951 peacekeepers"]
    refused = runner.invoke(app, ["--store", str(store), "add", *wrong, "--value-text", "1,951", "--texts", str(texts)])
    assert refused.exit_code == 1
    assert "pk-2008-new: quote not found in the archived text of doc-a" in refused.stderr
    assert "pk-2008-new" not in load_store(store).by_id
    taken = runner.invoke(app, ["--store", str(store), "add", *EVERYTHING, "--texts", str(texts)])
    assert taken.exit_code == 0, taken.output
    assert "pk-2008-new" in load_store(store).by_id


def test_a_unit_one_letter_from_the_stores_is_warned_about_by_add_and_validate(store: Path) -> None:
    args = [*EVERYTHING]
    args[args.index("--unit") + 1] = "personel"
    done = runner.invoke(app, ["--store", str(store), "add", *args])
    assert done.exit_code == 0, done.output
    told = "warning: pk-2008-new: no other fact counts 'personel' (did you mean 'personnel'?) [unit-spelling]"
    assert told in done.stderr
    checked = runner.invoke(app, ["--store", str(store), "validate"])
    assert "no other fact counts 'personel' (did you mean 'personnel'?)" in checked.stdout


def test_a_near_duplicate_is_refused_naming_the_fact_it_repeats(store: Path) -> None:
    """Same value of the same metric, time and document as md-2008-relations, in another quote; and an event
    quoting the passage of one the store has, saying nothing more (the README's own example was taken)."""
    args = ["--store", str(store), "add", "--id", "md-2008-again", "--kind", "quantity", "--value", "150",
            "--qualifier", "more_than", "--unit", "countries", "--value-text", "more than 150", "--date", "2008",
            "--topic", "military-diplomacy", "--metric", "countries-with-military-relations", "--source", "doc-a",
            "--section", "Military Exchanges", "--claim", "China had ties with more than 150 countries.",
            "--quote", "By 2008 China had military ties with more than 150 countries."]  # fmt: skip
    done = runner.invoke(app, args)
    assert done.exit_code == 1
    assert "md-2008-again: 'md-2008-relations' (" in done.stderr
    assert "already states this value from the same document and time [near-duplicate]" in done.stderr
    event = ["--store", str(store), "add", "--id", "hotline-again", "--kind", "event", "--value-text", "August 2007",
             "--date", "2007-08", "--topic", "military-diplomacy", "--source", "doc-a", "--section", "Hotlines",
             "--claim", "A defense hotline was opened in August 2007.", "--quote",
             "In August 2007 a hotline between the defense ministries of China and the ROK was opened."]  # fmt: skip
    again = runner.invoke(app, event)
    assert again.exit_code == 1, again.output
    assert "hotline-again: 'md-2007-rok-hotline' (" in again.stderr
    assert "already states this event from the same document and time [near-duplicate]" in again.stderr


def test_add_without_a_named_store_never_writes_into_the_bundled_one() -> None:
    from factcli.store.files import bundled_store

    before = sorted((p.name, p.read_bytes()) for p in bundled_store().glob("*.yaml"))
    done = runner.invoke(app, ["add", *EVERYTHING])
    assert done.exit_code == 2
    assert done.stderr.startswith("Error: no store named, and a fact goes into a store of your own")
    assert sorted((p.name, p.read_bytes()) for p in bundled_store().glob("*.yaml")) == before
