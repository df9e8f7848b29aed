"""Readers and writers of one store's index at once, with kill -9 at random moments: every lookup that ends
prints what some version of the store holds, and after the last kill the index heals in one lookup.

A 20,000-fact store; one of its files is replaced (atomically, as an editor or git does) by one of three
versions over and over: the facts of the generated store, the same ids with other values, half of them.
Readers run ``find --format jsonl`` (every fact) in a loop, so each one that finds the store changed
updates the index while the others read it; a killer sends SIGKILL to a running reader now and then,
often in the middle of an update. Nothing here is timed: the run lasts FACTCLI_STRESS_SECONDS (25 by
default; set it to 600 for the long run) and the checks count outputs, warnings, files and rebuilds.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .conftest import FACTCLI

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
SECONDS = float(os.environ.get("FACTCLI_STRESS_SECONDS", "25"))
READERS = 3
FACTS, FILES = 20_000, 20
#: The file the writer replaces (1,000 facts).
TARGET = "part-0005.yaml"


def _make_store(path: Path, seed: int) -> None:
    args = [sys.executable, str(BENCHMARKS / "make_store.py"), str(path), "--facts", str(FACTS)]
    subprocess.run([*args, "--files", str(FILES), "--seed", str(seed)], check=True, timeout=120)


def _versions(tmp_path: Path) -> list[bytes]:
    """The target file's three versions: as generated, the same ids with other values, the first half."""
    _make_store(tmp_path / "other", seed=2)
    text = (tmp_path / "store" / TARGET).read_bytes()
    items = text.split(b"\n- id: ")
    half = b"\n- id: ".join(items[: len(items) // 2]) + b"\n"
    return [text, (tmp_path / "other" / TARGET).read_bytes(), half]


def _put(store: Path, data: bytes) -> None:
    tmp = store / f".{TARGET}.writing"
    tmp.write_bytes(data)
    os.replace(tmp, store / TARGET)


def _lookup(store: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    args = [FACTCLI, "--store", str(store), "find", "--format", "jsonl"]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run(store: Path, env: dict[str, str]) -> tuple[int, str, str]:
    proc = _lookup(store, env)
    out, err = proc.communicate(timeout=300)
    return proc.returncode, hashlib.sha256(out).hexdigest(), err.decode()


def test_readers_writers_and_kill_9(tmp_path: Path) -> None:
    store, cache = tmp_path / "store", tmp_path / "cache"
    _make_store(store, seed=1)
    versions = _versions(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCLI_")}
    env["FACTCLI_CACHE_DIR"] = str(cache)

    references = []
    for data in versions:  # each version's output, the store at rest
        _put(store, data)
        code, digest, err = _run(store, env)
        assert (code, err) == (0, "")
        references.append(digest)
    assert len(set(references)) == 3

    stop = threading.Event()
    running: list[subprocess.Popen[bytes]] = []
    lock = threading.Lock()
    results: list[tuple[int, str, str]] = []
    kills = []
    rng = random.Random(26)

    def reader() -> None:
        while not stop.is_set():
            proc = _lookup(store, env)
            with lock:
                running.append(proc)
            out, err = proc.communicate(timeout=300)
            with lock:
                running.remove(proc)
                results.append((proc.returncode, hashlib.sha256(out).hexdigest(), err.decode()))

    def writer() -> None:
        while not stop.wait(rng.uniform(0.2, 1.5)):
            _put(store, rng.choice(versions))

    def killer() -> None:
        while not stop.wait(rng.uniform(0.3, 2.0)):
            with lock:
                victim = rng.choice(running) if running else None
            if victim is not None:
                with_signal = victim.poll() is None
                victim.send_signal(signal.SIGKILL)
                if with_signal:
                    kills.append(victim.pid)

    threads = [threading.Thread(target=t) for t in [reader] * READERS + [writer, killer]]
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)  # the run's length, not a measurement
    stop.set()
    for thread in threads:
        thread.join()

    finished = [r for r in results if r[0] != -signal.SIGKILL]
    assert kills
    assert len(finished) >= READERS
    for code, digest, err in finished:
        assert (code, err) == (0, ""), err
        assert digest in references  # the whole output of one version: none torn, doubled or missing facts

    # After the last kill: the next lookup heals (an update at most), the one after it reads the index as is.
    _put(store, versions[1])
    assert _run(store, env) == (0, references[1], "")
    index = next(cache.glob("store-*.sqlite"))
    before = index.stat()
    assert _run(store, env) == (0, references[1], "")
    after = index.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not rebuilt
    assert sorted(p.suffix for p in cache.iterdir()) == [".lock", ".sqlite"]  # no temp file, no journal
    shutil.rmtree(tmp_path / "other")
