"""Timing helpers shared by the benchmark scripts in this folder; see bench/README.md.

The scripts run as ``python bench/<script>.py``, so this folder is on ``sys.path`` and they
import these as ``from timing import ...``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple


def median(values: Sequence[float]) -> float:
    """The median of ``values``; nan (printed as ``n/a``) when there are none."""
    return statistics.median(values) if values else float("nan")


def fmt_time(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_runs(values: Sequence[float]) -> str:
    return ", ".join(fmt_time(v) for v in values)


class Run(NamedTuple):
    seconds: float
    returncode: int
    stderr: str
    stdout: str = ""  # only with ``run(..., capture_stdout=True)``


def run(
    argv: Sequence[str],
    env: dict[str, str],
    *,
    cwd: Path | None = None,
    capture_stdout: bool = False,
    stdin: int | None = None,
) -> Run:
    """Run ``argv`` to its end and time it (``time.perf_counter``, decoding not included).

    stderr is always captured; stdout is captured with ``capture_stdout``, else sent to
    /dev/null. ``stdin`` is passed on to ``subprocess.run`` (None: inherited)."""
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    stdout = done.stdout.decode(errors="replace") if capture_stdout else ""
    return Run(elapsed, done.returncode, done.stderr.decode(errors="replace"), stdout)


_PYCACHE = os.path.join(tempfile.gettempdir(), "botocontract-bench-pycache")


def bench_env(*, keep_debug: bool = True) -> dict[str, str]:
    """This process's environment with ``BOTOCONTRACT_OFFLINE=1``: the timed commands run on a
    warm cache and must never run pip. Without ``keep_debug``, ``BOTOCONTRACT_DEBUG`` is dropped.

    Byte code is written, to a folder of the benchmark's own: an installed package runs from the
    ``.pyc`` files pip compiled, and a ``PYTHONDONTWRITEBYTECODE`` left in the environment would
    have every timed command compile botocontract again (about 30 ms of a diff)."""
    env = dict(os.environ)
    env["BOTOCONTRACT_OFFLINE"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    if not keep_debug:
        env.pop("BOTOCONTRACT_DEBUG", None)
    return env


def verdict(ok: bool | None) -> str:
    """A goal's verdict: ``ERROR`` when it could not be measured, else ``PASS`` or ``MISS``."""
    return "ERROR" if ok is None else ("PASS" if ok else "MISS")
