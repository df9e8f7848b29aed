"""The console script in a hostile environment: signals in the middle of a build, streams that are closed or
full, a user without a home, a cache directory it may not enter. One line, the right code, nothing left."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import FACTCLI, GOOD

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: A uid with no passwd entry (a container's arbitrary user).
NOBODY = 54321


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCLI_")}
    return {**env, "FACTCLI_CACHE_DIR": str(cache), **extra}


@pytest.fixture(scope="module")
def medium_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 facts in 10 files: a build that takes a while with two workers."""
    store = tmp_path_factory.mktemp("medium") / "store"
    args = [sys.executable, str(BENCHMARKS / "make_store.py"), str(store), "--facts", "5000", "--files", "10"]
    subprocess.run(args, check=True, timeout=120)
    return store


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _when(condition: object, what: str) -> None:
    """Wait for ``condition()`` (a bound, not a measurement: the machine is shared and noisy)."""
    for _ in range(3000):
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.01)
    pytest.fail(f"never: {what}")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="follows worker processes in /proc")
@pytest.mark.parametrize(("signum", "line"), [(signal.SIGTERM, "Terminated."), (signal.SIGINT, "Interrupted.")])
def test_a_signal_in_the_middle_of_a_build_cleans_up_and_says_one_line(
    medium_store: Path, tmp_path: Path, signum: int, line: str
) -> None:
    """SIGTERM left partial index files and build directories; Ctrl-C printed worker tracebacks."""
    cache = tmp_path / "cache"
    env = _env(cache, FACTCLI_BUILD_WORKERS="2")
    args = [FACTCLI, "--store", str(medium_store), "find", "--format", "ids"]
    with subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    ) as proc:
        _when(lambda: len(_children(proc.pid)) == 2, "the two workers start")
        workers = _children(proc.pid)
        os.killpg(proc.pid, signum)  # the whole process group, as a terminal's Ctrl-C (and a CI runner) does
        code = proc.wait(timeout=120)
        err = proc.stderr.read().decode() if proc.stderr else ""
    assert (code, err) == (128 + signum, line + "\n")
    _when(lambda: not any(_alive(pid) for pid in workers), "the workers end")
    assert sorted(p.name.rsplit(".", 1)[1] for p in cache.iterdir()) == ["lock"]  # no temp file, no directory
    after = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert (after.returncode, after.stderr, len(after.stdout.split())) == (0, "", 5000)


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["--store", str(GOOD), "show", "pk-2008-deployed", "--json"]]
)
def test_output_into_a_full_device_is_one_line(args: list[str], tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([FACTCLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=_env(tmp_path),
                                timeout=60, check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (
        1,
        "Error: cannot write to standard output: no space left on the device\n",
    )


@pytest.mark.parametrize("args", [["--version"], ["--store", str(GOOD), "show", "pk-2008-deployed", "--json"]])
def test_a_closed_stdout_is_one_line(args: list[str], tmp_path: Path) -> None:
    result = subprocess.run([FACTCLI, *args], stderr=subprocess.PIPE, text=True, env=_env(tmp_path), timeout=60,
                            preexec_fn=lambda: os.close(1), check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "Error: cannot write to standard output: it is closed\n")


def test_a_closed_stdin_is_a_usage_error(tmp_path: Path) -> None:
    args = [FACTCLI, "--store", str(GOOD), "check-draft", "-"]
    result = subprocess.run(args, capture_output=True, text=True, env=_env(tmp_path), timeout=60,
                            preexec_fn=lambda: os.close(0), check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (2, "Error: standard input is closed\n")


def test_a_closed_pipe_after_help_is_not_a_traceback(tmp_path: Path) -> None:
    with subprocess.Popen(
        [FACTCLI, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path)
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.close()
        code = proc.wait(timeout=60)
        err = proc.stderr.read() if proc.stderr else b""
    assert code in (1, 141)  # rich answers a closed pipe itself, with exit 1
    assert err == b""


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A directory another user can work in (pytest's own are the test user's alone)."""
    path = Path(tempfile.mkdtemp(prefix="factcli-test-"))
    os.chmod(path, 0o1777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _open_to_others(path: Path) -> bool:
    """Whether a user who is not the owner can read ``path`` (and enter every directory above it)."""
    path = path.resolve()
    return bool(path.stat().st_mode & 0o004) and all(p.stat().st_mode & 0o001 for p in path.parents)


def _python_for_others() -> str | None:
    """An interpreter of this Python version that another user may run (this one may live in root's home)."""
    import sysconfig

    needed = [Path(__file__).parents[1] / "factcli" / "__init__.py", Path(sysconfig.get_paths()["purelib"])]
    if not all(_open_to_others(p) for p in needed):
        return None
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (sys.executable, f"/usr/bin/python{version}", "/usr/bin/python3"):
        path = Path(candidate)
        if path.exists() and _open_to_others(path):
            found = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                   capture_output=True, text=True, check=False)  # fmt: skip
            if found.stdout.strip() == version:
                return candidate
    return None


def _as_nobody(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The CLI run as a user with no passwd entry, by an interpreter that user may run, on this checkout."""
    import sysconfig

    python = _python_for_others()
    if python is None:
        pytest.skip("no Python interpreter and checkout another user may run")
    paths = [str(Path(__file__).parents[1]), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    code = f"import sys; sys.path[:0] = {paths!r}; sys.argv[0] = 'factcli'; from factcli._entry import main; main()"
    return subprocess.run([python, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120,
                          check=False, preexec_fn=lambda: os.setuid(NOBODY))  # fmt: skip


@pytest.mark.skipif(not ROOT, reason="runs as a user without a passwd entry, which needs root")
def test_a_user_without_home_or_passwd_entry_gets_a_private_cache_in_the_temp_directory(open_dir: Path) -> None:
    store = open_dir / "store"
    shutil.copytree(GOOD, store)
    os.chmod(store, 0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCLI_", "XDG_")) and k != "HOME"}
    env["TMPDIR"] = str(open_dir)
    for _ in range(2):
        result = _as_nobody(["--store", str(store), "find", "--format", "ids"], env)
        assert (result.returncode, result.stderr, len(result.stdout.split())) == (0, "", 5)
    cache = open_dir / f"factcli-{NOBODY}"
    assert (cache.stat().st_uid, cache.stat().st_mode & 0o777) == (NOBODY, 0o700)


@pytest.mark.skipif(not ROOT, reason="a directory root may not enter needs another user")
def test_a_cache_directory_the_user_may_not_enter_costs_a_warning(open_dir: Path) -> None:
    """It was exit 1 with no answer; the README says an unusable cache only costs a warning."""
    store = open_dir / "store"
    shutil.copytree(GOOD, store)
    os.chmod(store, 0o755)
    cache = open_dir / "locked"
    cache.mkdir(mode=0o700)  # root's
    result = _as_nobody(["--store", str(store), "find", "--format", "ids"], _env(cache / "factcli"))
    assert (result.returncode, len(result.stdout.split())) == (0, 5)
    assert result.stderr == (
        f"warning: cannot write the index cache {cache}/factcli/store-{result.stderr.split('store-')[1].split('.')[0]}"
        ".sqlite: permission denied; lookups will re-read the YAML\n"
    )
