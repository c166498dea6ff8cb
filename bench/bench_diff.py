"""Benchmark botocontract's diff against its baselines; see bench/README.md.

    python bench/bench_diff.py [--repeat N] [--deepdiff-repeat N]

Prints, in one run, medians and ratios against baselines measured in the same run:

1. the diff step alone (``compare_services`` on sagemaker 1.37.21 -> 1.37.22) vs ``DeepDiff``;
2. the whole ``botocontract diff ... --format json`` command vs a subprocess that only reads and
   parses every service-2 model of both wheels (adjacent pair and far pair);
3. the peak RSS of the far diff command (main process and workers) above the interpreter's start.

It measures and never asserts: a missed goal prints MISS and the exit status stays 0.

Beside (2) it times the same command with nothing to compare (``compare_services`` answering no
change: the changed models are still found, read and parsed in the workers as always, added and
removed services listed and the report written): the floor this design can reach, whatever
comparing the changed models costs. Its
ratio to the parse baseline is printed too, so that a goal below it reads as what it is.

``--baseline-parse OLD NEW`` is the baseline of (2), run as a subprocess by the benchmark itself:
it opens both wheels (paths, or versions in the default wheel cache) with zipfile, gunzips and
parses every ``botocore/data/*/*/service-2.json(.gz)`` with orjson, gc disabled, and exits. It
imports nothing from botocontract, so it pays interpreter start-up and parsing only.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import platform
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from timing import bench_env, fmt_runs, fmt_time, median, run, verdict

SERVICE = "sagemaker"
STEP_PAIR = ("1.37.21", "1.37.22")
ADJACENT_PAIR = ("1.37.21", "1.37.22")
FAR_PAIR = ("1.37.20", "1.44.8")

GOAL_SPEEDUP = 200.0  # compare_services at least this many times faster than DeepDiff
GOAL_ADJACENT = 0.2  # command / parse baseline, adjacent pair
GOAL_FAR = 1.0  # command / parse baseline, far pair
GOAL_RSS_MB = 100.0  # largest single process's peak RSS above the interpreter's start

SAMPLE_INTERVAL_S = 0.020
MB = 1024 * 1024


# --------------------------------------------------------------------------- baseline helper


def _wheel_for(spec: str) -> Path:
    """A wheel path as given, or the cached wheel of a version (without importing botocontract)."""
    path = Path(spec)
    if path.is_file():
        return path
    root = os.environ.get("BOTOCONTRACT_CACHE_DIR")
    base = Path(root) if root else Path.home() / ".cache" / "botocontract"
    found = sorted((base / "wheels" / "botocore" / spec).glob("*.whl"))
    if not found:
        raise SystemExit(f"bench_diff: no cached wheel for {spec!r} under {base}")
    return found[0]


def baseline_parse(specs: Sequence[str]) -> int:
    """Read, gunzip and orjson-parse every service-2 model of each wheel; return the count."""
    import orjson

    gc.disable()
    count = 0
    for spec in specs:
        with zipfile.ZipFile(_wheel_for(spec)) as wheel:
            for name in wheel.namelist():
                parts = name.split("/")
                if (
                    len(parts) != 5
                    or parts[:2] != ["botocore", "data"]
                    or parts[4] not in ("service-2.json", "service-2.json.gz")
                ):
                    continue
                data = wheel.read(name)
                if name.endswith(".gz"):
                    data = gzip.decompress(data)
                orjson.loads(data)
                count += 1
    return count


# --------------------------------------------------------------------------- commands


def _diff_argv(old: str, new: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "botocontract",
        "diff",
        old,
        new,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]


# The diff command with every comparison answering "no change", started as the command is (only
# botocontract imported), so that the floor pays nothing the command does not.
_NOTHING_TO_COMPARE = """
import sys
from botocontract import cli
from botocontract.diff import release
release.compare_services = lambda before, after, *, docs=False: ()
cli.main(sys.argv[1:])
"""


def _floor_argv(old: str, new: str) -> list[str]:
    return [sys.executable, "-c", _NOTHING_TO_COMPARE, *_diff_argv(old, new)[3:]]


def _baseline_argv(old: Path, new: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--baseline-parse", str(old), str(new)]


# --------------------------------------------------------------------------- 1. diff step


class StepResult(NamedTuple):
    ours: list[float]
    with_build: list[float]
    deepdiff: list[float]
    facts: int
    deepdiff_keys: int
    shapes: tuple[int, int]


def bench_step(repeat: int, deepdiff_repeat: int) -> StepResult:
    import deepdiff

    from botocontract import api
    from botocontract.diff.service import compare_services
    from botocontract.model.service import Service

    old_release, new_release = api.release(STEP_PAIR[0]), api.release(STEP_PAIR[1])
    loaded_old = old_release.load_service(SERVICE)
    loaded_new = new_release.load_service(SERVICE)
    raw_old, raw_new = loaded_old.raw, loaded_new.raw
    # The parsed models stay for the whole run: keep the cycle collector off them.
    gc.collect()
    gc.freeze()

    def fresh(model: Service) -> Service:
        # A Service normalizes shapes lazily and caches them: a new one per repetition.
        return Service(
            model.name,
            model.api_version,
            model.raw,
            source=model.source,
            paginators=dict(model.paginators),
            waiters=dict(model.waiters),
            extras=model.extras,
        )

    ours: list[float] = []
    with_build: list[float] = []
    facts = 0
    for _ in range(repeat):
        gc.collect()
        before, after = fresh(loaded_old), fresh(loaded_new)
        start = time.perf_counter()
        facts = len(compare_services(before, after))
        ours.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        compare_services(fresh(loaded_old), fresh(loaded_new))
        with_build.append(time.perf_counter() - start)

    timings: list[float] = []
    keys = 0
    for _ in range(deepdiff_repeat):
        gc.collect()
        start = time.perf_counter()
        found = deepdiff.DeepDiff(raw_old, raw_new)
        timings.append(time.perf_counter() - start)
        keys = len(found)
        del found
    gc.unfreeze()
    shapes = (len(raw_old["shapes"]), len(raw_new["shapes"]))
    return StepResult(ours, with_build, timings, facts, keys, shapes)


# --------------------------------------------------------------------------- 2. whole command


class PairResult(NamedTuple):
    label: str
    command: list[float]
    baseline: list[float]
    floor: list[float]  # the command with nothing to compare (pipeline_floor)
    error: str | None


def bench_command(pair: tuple[str, str], repeat: int) -> PairResult:
    from botocontract import api

    old, new = pair
    wheels: list[Path] = []
    for spec in pair:  # the wheels the command itself will open (opening fetches if need be)
        path = getattr(api.release(spec).archive, "path", None)
        wheels.append(Path(path) if path else _wheel_for(spec))
    env = bench_env()
    command, baseline = _diff_argv(old, new), _baseline_argv(wheels[0], wheels[1])
    nothing_to_compare = _floor_argv(old, new)
    label = f"{old} -> {new}"
    # Warm-up, untimed: page cache, .pyc files; and a failing command is reported, not timed.
    for argv in (command, baseline, nothing_to_compare):
        warm = run(argv, env)
        if warm.returncode != 0:
            tail = warm.stderr.strip().splitlines()[-1:] or ["(no stderr)"]
            return PairResult(label, [], [], [], f"exit {warm.returncode}: {tail[0]}")
    ours: list[float] = []
    parse: list[float] = []
    floor: list[float] = []
    for _ in range(repeat):  # interleaved, so that machine noise hits all alike
        ours.append(run(command, env).seconds)
        parse.append(run(baseline, env).seconds)
        floor.append(run(nothing_to_compare, env).seconds)
    return PairResult(label, ours, parse, floor, None)


# --------------------------------------------------------------------------- 3. peak memory


def _rss_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None  # a zombie has no VmRSS line


def _children_from_tasks(pid: int) -> list[int]:
    """Children per /proc/<pid>/task/*/children (kernels built with CONFIG_PROC_CHILDREN)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                found.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return found


def _parent_map() -> dict[int, list[int]]:
    """parent pid -> children, from /proc/*/stat (for kernels without CONFIG_PROC_CHILDREN)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                text = stat.read()
            ppid = int(text[text.rindex(b")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


class Tree:
    """Walks a process tree: task/*/children where the kernel has it, else a /proc/*/stat scan."""

    def __init__(self) -> None:
        self.has_children_files = os.path.exists(f"/proc/self/task/{os.getpid()}/children")

    def pids(self, root: int) -> list[int]:
        parents = None if self.has_children_files else _parent_map()
        seen: list[int] = []
        todo = [root]
        while todo:
            pid = todo.pop()
            seen.append(pid)
            kids = _children_from_tasks(pid) if parents is None else parents.get(pid, [])
            todo.extend(k for k in kids if k not in seen)
        return seen

    @property
    def method(self) -> str:
        return (
            "/proc/<pid>/task/*/children"
            if self.has_children_files
            else "/proc/*/stat ppid scan: this kernel has no task/*/children"
        )


class Peak(NamedTuple):
    main: int  # sampled peak VmRSS of the command's own process
    worker: int  # sampled peak VmRSS of its largest descendant (0: none seen)
    workers_seen: int
    # ru_maxrss from wait4: the kernel's peak over the process and its reaped children; an upper
    # bound, as it also counts the benchmark's own pages between fork and exec.
    kernel_max: int
    samples: int
    returncode: int


def sample_peak(argv: Sequence[str], env: dict[str, str], tree: Tree) -> Peak:
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks: dict[int, int] = {}
    samples = 0
    while True:
        for pid in tree.pids(child.pid):
            rss = _rss_bytes(pid)
            if rss is not None and rss > peaks.get(pid, 0):
                peaks[pid] = rss
        samples += 1
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid == child.pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            break
        time.sleep(SAMPLE_INTERVAL_S)
    main = peaks.pop(child.pid, 0)
    return Peak(
        main,
        max(peaks.values(), default=0),
        len(peaks),
        usage.ru_maxrss * 1024,
        samples,
        child.returncode,
    )


class MemoryResult(NamedTuple):
    start: list[Peak]
    far: list[Peak]
    method: str
    error: str | None


def bench_memory(repeat: int) -> MemoryResult:
    env = bench_env()
    tree = Tree()
    version = [sys.executable, "-m", "botocontract", "--version"]
    start = [sample_peak(version, env, tree) for _ in range(repeat)]
    far = [sample_peak(_diff_argv(*FAR_PAIR), env, tree) for _ in range(repeat)]
    failed = [p.returncode for p in start + far if p.returncode != 0]
    error = f"a measured command exited {failed[0]}" if failed else None
    return MemoryResult(start, far, tree.method, error)


# --------------------------------------------------------------------------- report


class Figure(NamedTuple):
    name: str
    value: str
    goal: str
    verdict: str


def _mb(value: float) -> str:
    return f"{value / MB:.0f} MB"


def _guarded(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except Exception as exc:  # a broken section is reported; the others still run
        print(f"   ERROR: {type(exc).__name__}: {exc}", flush=True)
        return None


def _section(title: str, run: Callable[[], Any]) -> Any:
    print(title, flush=True)
    return _guarded(run)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per timing (median)")
    parser.add_argument(
        "--deepdiff-repeat", type=int, default=1, help="repetitions of DeepDiff (seconds each)"
    )
    parser.add_argument(
        "--baseline-parse",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="internal: run the parse-only baseline on two wheels and exit",
    )
    args = parser.parse_args(argv)
    if args.baseline_parse:
        baseline_parse(args.baseline_parse)
        return 0
    repeat = max(1, args.repeat)

    import botocontract

    print(
        f"bench_diff: botocontract {botocontract.__version__}, python "
        f"{platform.python_version()}, {os.cpu_count()} cpus, repeat {repeat}, "
        f"deepdiff repeat {args.deepdiff_repeat}"
    )
    print()
    figures: list[Figure] = []

    step: StepResult | None = _section(
        f"1. diff step: {SERVICE} {STEP_PAIR[0]} -> {STEP_PAIR[1]}, models already parsed",
        lambda: bench_step(repeat, max(1, args.deepdiff_repeat)),
    )
    speedup: float | None = None
    if step is not None:
        ours, theirs = median(step.ours), median(step.deepdiff)
        speedup = theirs / ours
        print(
            f"   {'compare_services (fresh Services)':<40}{fmt_time(ours):>10}   "
            f"[{fmt_runs(step.ours)}]  {step.facts} facts"
        )
        print(
            f"   {'  incl. building both Services':<40}{fmt_time(median(step.with_build)):>10}"
            f"   [{fmt_runs(step.with_build)}]"
        )
        print(
            f"   {'deepdiff.DeepDiff (baseline)':<40}{fmt_time(theirs):>10}   "
            f"[{fmt_runs(step.deepdiff)}]  {step.deepdiff_keys} report keys"
        )
        print(
            f"   {'speed-up (DeepDiff / compare_services)':<40}{speedup:>9.0f}x   "
            f"({step.shapes[0]:,} -> {step.shapes[1]:,} shapes)"
        )
    figures.append(
        Figure(
            "diff step speed-up vs DeepDiff",
            f"{speedup:.0f}x" if speedup else "n/a",
            f">= {GOAL_SPEEDUP:.0f}x",
            verdict(None if speedup is None else speedup >= GOAL_SPEEDUP),
        )
    )
    print()

    print(
        "2. whole command `botocontract diff OLD NEW --format json` vs parse-only baseline "
        "(subprocesses, warm cache)"
    )
    print(f"   {'pair':<30}{'command':>10}{'baseline':>10}{'ratio':>8}   runs (command | baseline)")
    for pair, goal, name in (
        (ADJACENT_PAIR, GOAL_ADJACENT, "adjacent"),
        (FAR_PAIR, GOAL_FAR, "far"),
    ):
        label = f"{name} {pair[0]} -> {pair[1]}"
        result: PairResult | None = _guarded(partial(bench_command, pair, repeat))
        ratio: float | None = None
        if result is None or result.error:
            print(f"   {label:<30}ERROR {result.error if result else '(see above)'}")
        else:
            command, baseline = median(result.command), median(result.baseline)
            ratio = command / baseline
            print(
                f"   {label:<30}{fmt_time(command):>10}{fmt_time(baseline):>10}{ratio:>8.2f}"
                f"   {fmt_runs(result.command)} | {fmt_runs(result.baseline)}",
                flush=True,
            )
            floor = median(result.floor)
            print(
                f"   {'  nothing to compare (floor)':<30}{fmt_time(floor):>10}{'':>10}"
                f"{floor / baseline:>8.2f}   {fmt_runs(result.floor)}",
                flush=True,
            )
        figures.append(
            Figure(
                f"{name} command / parse baseline",
                f"{ratio:.2f}" if ratio is not None else "n/a",
                f"<= {goal:.2f}",
                verdict(None if ratio is None else ratio <= goal),
            )
        )
    print()

    memory: MemoryResult | None = _section(
        f"3. peak RSS of `botocontract diff {FAR_PAIR[0]} {FAR_PAIR[1]} --format json`, "
        f"sampled every {SAMPLE_INTERVAL_S * 1000:.0f} ms",
        lambda: bench_memory(repeat),
    )
    above: float | None = None
    if memory is not None:
        start = median([p.main for p in memory.start])
        main_peak = median([p.main for p in memory.far])
        worker_peak = median([p.worker for p in memory.far])
        largest = median([max(p.main, p.worker) for p in memory.far])
        above = largest - start
        print(
            f"   {'start (`--version` peak)':<40}{_mb(start):>10}   "
            f"[{', '.join(_mb(p.main) for p in memory.start)}]"
        )
        print(
            f"   {'main process peak':<40}{_mb(main_peak):>10}   "
            f"[{', '.join(_mb(p.main) for p in memory.far)}]"
        )
        print(
            f"   {'largest worker peak':<40}{_mb(worker_peak):>10}   "
            f"[{', '.join(_mb(p.worker) for p in memory.far)}]  "
            f"workers seen: {memory.far[-1].workers_seen}"
        )
        print(f"   {'largest single process peak':<40}{_mb(largest):>10}")
        print(f"   {'  minus start':<40}{_mb(above):>10}")
        print(
            f"   {'kernel ru_maxrss (upper bound)':<40}"
            f"{_mb(median([p.kernel_max for p in memory.far])):>10}   "
            "(counts the bench's pages before exec too)"
        )
        print(f"   {memory.far[-1].samples} samples per far run; process tree via {memory.method}")
        if memory.error:
            print(f"   ERROR: {memory.error}")
            above = None
    figures.append(
        Figure(
            "far diff peak RSS above start",
            _mb(above) if above is not None else "n/a",
            f"<= {GOAL_RSS_MB:.0f} MB",
            verdict(None if above is None else above <= GOAL_RSS_MB * MB),
        )
    )
    print()

    print("figures")
    for figure in figures:
        print(f"   {figure.name:<36}{figure.value:>10}   goal {figure.goal:<10}{figure.verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
