"""Where a whole-release diff spends its time, stage by stage; see bench/README.md.

    python bench/diff_stages.py [OLD NEW]    (default: the far pair, 1.37.20 1.44.8)

Runs ``api.diff`` and the JSON renderer in this process, twice: with worker processes (the
command's default) it prints the wall time of each stage of the main process; with ``jobs=1`` it
prints the time each kind of work takes (parsing models, comparing them, judging the facts), which
the workers otherwise share out. It measures and never asserts. Wheels must be cached.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

os.environ.setdefault("BOTOCONTRACT_OFFLINE", "1")  # a warm cache: never run pip while timing

START = time.perf_counter()
from botocontract import api  # noqa: E402  (timed: the imports are a stage)
from botocontract.diff import release as diff_release  # noqa: E402
from botocontract.reports import json as json_report  # noqa: E402

IMPORTED = time.perf_counter()
judge = importlib.import_module("botocontract.rules.judge")
sources = importlib.import_module("botocontract.sources.release")


def timeline(old: str, new: str) -> None:
    marks: dict[str, float] = {}
    diff_all = diff_release._diff_all

    def marked(*args: Any, **kwargs: Any) -> Iterator[Any]:
        marks["pool"] = time.perf_counter()
        yield from diff_all(*args, **kwargs)
        marks["pooled"] = time.perf_counter()

    diff_release._diff_all = marked  # type: ignore[assignment]
    try:
        began = time.perf_counter()
        verdict = api.diff(old, new)
        judged = time.perf_counter()
        json_report.write_diff(verdict, io.BytesIO())
        rendered = time.perf_counter()
    finally:
        diff_release._diff_all = diff_all  # type: ignore[assignment]
    print(f"main process, {old} -> {new} (workers as the command uses them):")
    for label, seconds in (
        ("imports", IMPORTED - START),
        ("open releases, compare bytes", marks["pool"] - began),
        ("compare and judge (workers)", marks["pooled"] - marks["pool"]),
        ("assemble the verdict", judged - marks["pooled"]),
        ("render JSON", rendered - judged),
    ):
        print(f"   {label:<32} {seconds:7.3f} s")


def split(old: str, new: str) -> None:
    spent = {"parse models": 0.0, "compare": 0.0, "judge into groups": 0.0}

    def timed(owner: Any, name: str, stage: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - began

        setattr(owner, name, wrapper)
        return lambda: setattr(owner, name, original)

    undo = [
        timed(sources.Release, "_parse_service", "parse models"),
        timed(diff_release, "compare_services", "compare"),
        timed(judge, "judge_grouped", "judge into groups"),
    ]
    try:
        began = time.perf_counter()
        api.diff(old, new, jobs=1)
        total = time.perf_counter() - began
    finally:
        for restore in undo:
            restore()
    print(f"one process (jobs=1), {total:.3f} s in all:")
    for stage, seconds in spent.items():
        print(f"   {stage:<32} {seconds:7.3f} s")


def main() -> int:
    old, new = sys.argv[1:3] if len(sys.argv) == 3 else ("1.37.20", "1.44.8")
    timeline(old, new)
    split(old, new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
