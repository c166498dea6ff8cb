"""Benchmark ``botocontract check`` against creating one botocore client; see bench/README.md.

    python bench/bench_check.py [--repeat N] [--root DIR] [--no-breakdown]

Prints, in one run, side by side:

1. the whole process ``python -m botocontract check`` (defaults: the installed botocore,
   ./contracts, ./fixtures, run in --root) against a process that only creates one sagemaker
   client with botocore; medians over --repeat alternating runs, and their ratio against the
   goal (check <= 1.5x the client);
2. where the check's time goes: fresh processes that call ``botocontract.api.check`` once with
   its steps wrapped in timers, medians per phase.

It measures and never asserts: a missed goal prints MISS, and the exit status stays 0.

``--breakdown`` is the child of (2), run as a subprocess by the benchmark itself: it prints its
phase timings as one JSON object and exits.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from timing import bench_env, fmt_runs, fmt_time, median, run, verdict

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.5  # the check process at most this many times the client process
CLIENT_CODE = (
    "import botocore.session; "
    "botocore.session.get_session().create_client('sagemaker', region_name='us-east-1')"
)

# The phases of the breakdown: (key, label, indent). Nested phases are inside the one above them.
PHASES = (
    ("imports", "import botocontract.cli (click, api, ...)", 0),
    ("check", "api.check(installed, contracts, fixtures)", 0),
    ("load_contracts", "load contracts (YAML, JSON Schema)", 1),
    ("check_against_fixtures", "clauses against fixtures (fixture JSON)", 1),
    ("release", "open the installed release", 1),
    ("evaluate", "evaluate every clause", 1),
    ("load_service", "load the service model(s) (parse, merge extras)", 2),
    ("call_problems", "call clauses (botocore ParamValidator)", 2),
    ("path_clauses", "path, enum, tree clauses (lazy normalization)", 2),
    ("unattributed", "the rest of api.check", 1),
    ("render", "render the text report", 0),
)


# --------------------------------------------------------------------------- breakdown child


def _timed(totals: dict[str, float], key: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - start

    return wrapper


def breakdown() -> dict[str, float]:
    """Call ``api.check`` once, as ``botocontract check`` does, with its steps timed.

    The steps are wrapped where ``api.check`` looks them up when it runs (module globals, which
    ``api`` imports from inside its functions, and ContractRun's methods), so the real function
    runs unchanged; a step that is not found is left unwrapped and its time lands in "the rest of
    api.check". The check's own modules are imported before the timed call, as ``imports``."""
    import gc

    gc.disable()  # as botocontract.cli.main does
    totals: dict[str, float] = {}
    start = time.perf_counter()
    from botocontract import api, cli  # noqa: F401  (cli: the command's own imports)
    from botocontract.contracts import evaluate, load
    from botocontract.contracts import run as check_case

    totals["imports"] = time.perf_counter() - start

    for module, key in (
        (load, "load_contracts"),
        (check_case, "check_against_fixtures"),
        (api, "release"),
    ):
        if hasattr(module, key):
            setattr(module, key, _timed(totals, key, getattr(module, key)))
    run = evaluate.ContractRun
    run.evaluate = _timed(totals, "evaluate", run.evaluate)  # type: ignore[method-assign]
    run.service = _timed(totals, "load_service", run.service)  # type: ignore[method-assign]
    if hasattr(evaluate, "call_problems"):
        evaluate.call_problems = _timed(totals, "call_problems", evaluate.call_problems)

    start = time.perf_counter()
    report = api.check("installed", Path("contracts"), Path("fixtures"))
    totals["check"] = time.perf_counter() - start

    from botocontract.reports import CHECK_FORMATS, renderer

    start = time.perf_counter()
    renderer(CHECK_FORMATS, "text")(report)
    totals["render"] = time.perf_counter() - start

    inner = ("load_service", "call_problems")
    totals["path_clauses"] = totals.get("evaluate", 0.0) - sum(totals.get(k, 0.0) for k in inner)
    steps = ("load_contracts", "check_against_fixtures", "release", "evaluate")
    totals["unattributed"] = totals["check"] - sum(totals.get(k, 0.0) for k in steps)
    totals["clauses"] = float(len(report.results))
    totals["failed"] = float(len(report.failed))
    return totals


# --------------------------------------------------------------------------- helpers


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "(no output)"


# --------------------------------------------------------------------------- 1. whole processes


class Pair(NamedTuple):
    check: list[float]
    client: list[float]
    summary: str  # the check's last line, e.g. "9 passed, 0 failed"
    error: str | None


CHECK_OK = (0, 1)  # 1: a clause failed; the run is still a full check, so it is timed


def bench_processes(repeat: int, root: Path) -> Pair:
    env = bench_env(keep_debug=False)
    check = [sys.executable, "-m", "botocontract", "check"]
    client = [sys.executable, "-c", CLIENT_CODE]
    # Warm-up, untimed: page cache and .pyc files; a failing command is reported, not timed.
    warm_check = run(check, env, cwd=root, capture_stdout=True)
    warm_client = run(client, env, cwd=root, capture_stdout=True)
    if warm_check.returncode not in CHECK_OK:
        return Pair(
            [], [], "", f"check exit {warm_check.returncode}: {_last_line(warm_check.stderr)}"
        )
    if warm_client.returncode != 0:
        return Pair(
            [], [], "", f"client exit {warm_client.returncode}: {_last_line(warm_client.stderr)}"
        )
    ours: list[float] = []
    theirs: list[float] = []
    for index in range(repeat):  # alternating (and which goes first, too): noise hits both alike
        order = ((check, ours), (client, theirs))
        for argv, into in order if index % 2 == 0 else order[::-1]:
            into.append(run(argv, env, cwd=root, capture_stdout=True).seconds)
    return Pair(ours, theirs, _last_line(warm_check.stdout), None)


# --------------------------------------------------------------------------- 2. phases


def bench_breakdown(repeat: int, root: Path) -> tuple[dict[str, list[float]], list[float]]:
    env = bench_env(keep_debug=False)
    argv = [sys.executable, str(Path(__file__).resolve()), "--breakdown"]
    run(argv, env, cwd=root, capture_stdout=True)  # warm-up
    phases: dict[str, list[float]] = {}
    process: list[float] = []
    for _ in range(repeat):
        done = run(argv, env, cwd=root, capture_stdout=True)
        if done.returncode != 0:
            raise RuntimeError(f"breakdown exit {done.returncode}: {_last_line(done.stderr)}")
        for key, value in json.loads(done.stdout).items():
            phases.setdefault(key, []).append(value)
        process.append(done.seconds)
    return phases, process


# --------------------------------------------------------------------------- report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each process (median)")
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="where to run the check: the folder holding contracts/ and fixtures/ "
        "(default: the repository)",
    )
    parser.add_argument("--no-breakdown", action="store_true", help="skip section 2")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="internal: time the phases of one api.check call, print JSON, exit",
    )
    args = parser.parse_args(argv)
    if args.breakdown:
        print(json.dumps(breakdown()))
        return 0
    repeat = max(1, args.repeat)
    root = args.root.resolve()

    import botocore

    import botocontract

    print(
        f"bench_check: botocontract {botocontract.__version__}, botocore {botocore.__version__} "
        f"(installed), python {platform.python_version()}, {os.cpu_count()} cpus, "
        f"repeat {repeat}, in {root}"
    )
    print()

    print("1. whole processes, alternating, warm (one untimed run of each first)")
    ratio: float | None = None
    try:
        pair: Pair | None = bench_processes(repeat, root)
    except Exception as exc:  # reported, never raised: the benchmark measures
        print(f"   ERROR: {type(exc).__name__}: {exc}")
        pair = None
    if pair is not None and pair.error:
        print(f"   ERROR: {pair.error}")
    elif pair is not None:
        ours, theirs = median(pair.check), median(pair.client)
        ratio = ours / theirs
        print(
            f"   {'python -m botocontract check':<44}{fmt_time(ours):>10}   "
            f"[{fmt_runs(pair.check)}]  ({pair.summary})"
        )
        print(
            f"   {'python -c create_client(sagemaker)':<44}{fmt_time(theirs):>10}   "
            f"[{fmt_runs(pair.client)}]"
        )
        print(f"   {'ratio (check / client)':<44}{ratio:>9.2f}x")
    print()

    if not args.no_breakdown:
        print(
            "2. phases of one api.check call, in fresh processes (medians; nested phases are "
            "inside the one above)"
        )
        try:
            phases, process = bench_breakdown(repeat, root)
        except Exception as exc:
            print(f"   ERROR: {type(exc).__name__}: {exc}")
        else:
            for key, label, indent in PHASES:
                if key not in phases:
                    continue
                name = "  " * indent + label
                print(f"   {name:<54}{fmt_time(median(phases[key])):>10}")
            accounted = [
                phases["imports"][i] + phases["check"][i] + phases["render"][i]
                for i in range(len(process))
            ]
            rest = median([p - a for p, a in zip(process, accounted, strict=True)])
            print(f"   {'interpreter start-up, exit (the rest)':<54}{fmt_time(rest):>10}")
            print(
                f"   {'whole breakdown process':<54}{fmt_time(median(process)):>10}   "
                f"[{fmt_runs(process)}]"
            )
            clauses = int(phases.get("clauses", [0])[-1])
            failed = int(phases.get("failed", [0])[-1])
            print(f"   {clauses} clauses, {failed} failed")
        print()

    print("figures")
    value = f"{ratio:.2f}x" if ratio is not None else "n/a"
    print(
        f"   {'check process / client process':<36}{value:>10}   "
        f"goal <= {GOAL_RATIO:.1f}x   {verdict(None if ratio is None else ratio <= GOAL_RATIO)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
