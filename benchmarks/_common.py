"""What every benchmark shares: compiling first, and one table of ratios."""

from __future__ import annotations

import compileall
import operator
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple


def compile_package() -> None:
    """Write factcli's bytecode first, as `pip install` does: with PYTHONDONTWRITEBYTECODE set
    (as on this project's machines) an editable install would otherwise recompile every run."""
    import factcli

    compileall.compile_dir(Path(factcli.__file__).parent, quiet=1)


class Ratio(NamedTuple):
    """One tracked figure: factcli's measurement against a baseline from the same run."""

    what: str
    ours: str
    baseline: str
    ratio: float
    target: str  # as the issue states it, e.g. "<= 1.2x"
    met: bool


def ratio(what: str, ours: float, baseline: float, baseline_name: str, *, unit: str, at_most: float | None = None,
          at_least: float | None = None, inverse: bool = False) -> Ratio:  # fmt: skip
    """ours/baseline (or baseline/ours with inverse=True: "N times faster") against its target."""
    value = baseline / ours if inverse else ours / baseline
    check: Callable[[float, float], bool] = operator.le if at_most is not None else operator.ge
    limit = at_most if at_most is not None else at_least
    assert limit is not None
    target = f"{'<=' if at_most is not None else '>='} {limit:g}x"
    return Ratio(what, _fmt(ours, unit), f"{_fmt(baseline, unit)} {baseline_name}", value, target, check(value, limit))


def _fmt(seconds: float, unit: str) -> str:
    return f"{seconds * 1000:.1f} ms" if unit == "ms" else f"{seconds:.2f} s"


def print_table(rows: Sequence[Ratio]) -> None:
    header = Ratio("measure", "factcli", "baseline", 0.0, "target", True)
    widths = [max(len(str(getattr(r, f))) for r in (header, *rows)) for f in ("what", "ours", "baseline")]
    line = "  {:<%d}  {:>%d}  {:<%d}  {:>7}  {:<8}  {}" % tuple(widths)  # noqa: UP031 - widths computed above
    print(line.format(header.what, header.ours, header.baseline, "ratio", "target", "met"))
    for r in rows:
        print(line.format(r.what, r.ours, r.baseline, f"{r.ratio:.2f}x", r.target, "yes" if r.met else "NO"))
