"""Benchmark the range changelog (``changelog OLD NEW --range``); see bench/README.md.

    python bench/bench_range.py [--repeat N] [--first V] [--last V]

Times, as whole subprocesses on a warm wheel cache, ``botocontract changelog FIRST LAST --range``
for sagemaker alone and for every service, against a baseline measured in the same run: parsing
(gunzip + orjson, gc disabled, in this process) only the service-2 models that changed between
consecutive releases of the range, both sides of each change, each model once. Which models
changed is worked out first, untimed, from the wheels' zip entries.

There is no goal for these figures: it prints medians and ratios, never PASS or MISS, and exits 0.
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
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from timing import bench_env, fmt_runs, fmt_time, median, run

FIRST, LAST = "1.37.10", "1.37.30"
SERVICE = "sagemaker"
MODEL_FILES = ("service-2.json", "service-2.json.gz")

# member name -> (CRC-32, size) of the JSON it holds: what identifies a model's content
Entries = dict[str, tuple[int, int]]


# --------------------------------------------------------------------------- the range, untimed


class Range(NamedTuple):
    versions: list[str]
    wheels: dict[str, Path]
    models: dict[str, dict[str, Entries]]  # version -> service -> its service-2 entries


def load_range(first: str, last: str) -> Range:
    """The releases from ``first`` to ``last`` and their wheels (fetched if need be, untimed)."""
    from botocontract.sources import WheelCache
    from botocontract.sources.index import ReleaseIndex

    cache = WheelCache()
    versions = [str(v) for v in ReleaseIndex(cache).between(first, last)]
    paths = cache.fetch_many("botocore", versions)
    wheels = dict(zip(versions, paths, strict=True))
    models: dict[str, dict[str, Entries]] = {}
    for version, wheel in wheels.items():
        services: dict[str, Entries] = {}
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                parts = info.filename.split("/")
                if (
                    len(parts) == 5
                    and parts[:2] == ["botocore", "data"]
                    and parts[4] in MODEL_FILES
                ):
                    services.setdefault(parts[2], {})[info.filename] = _identity(archive, info)
        models[version] = services
    return Range(versions, wheels, models)


def _identity(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """The CRC-32 and size of a model file's JSON. For a ``.json.gz`` they are its gzip trailer
    (the zip entry's own CRC covers the gzip header, whose build time differs in every release)."""
    if not info.filename.endswith(".gz"):
        return info.CRC, info.file_size
    trailer = archive.read(info)[-8:]
    return int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")


class Changed(NamedTuple):
    pairs: int  # consecutive pairs in which at least one selected model changed
    services: int  # (pair, service) changes
    members: list[tuple[str, str]]  # (version, zip member) to parse, each once


def changed_models(found: Range, service: str | None) -> Changed:
    """The service-2 models on either side of every change between consecutive releases."""
    members: set[tuple[str, str]] = set()
    pairs = changes = 0
    for before, after in pairwise(found.versions):
        old, new = found.models[before], found.models[after]
        names = [service] if service else sorted(set(old) | set(new))
        differ = [name for name in names if old.get(name, {}) != new.get(name, {})]
        pairs += bool(differ)
        changes += len(differ)
        for name in differ:
            members.update((before, member) for member in old.get(name, {}))
            members.update((after, member) for member in new.get(name, {}))
    return Changed(pairs, changes, sorted(members))


def read_members(found: Range, members: Sequence[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """The stored bytes of each member (still gzipped where the wheel gzips them), untimed."""
    data: list[tuple[str, bytes]] = []
    by_version: dict[str, list[str]] = {}
    for version, member in members:
        by_version.setdefault(version, []).append(member)
    for version, names in by_version.items():
        with zipfile.ZipFile(found.wheels[version]) as archive:
            data.extend((name, archive.read(name)) for name in names)
    return data


# --------------------------------------------------------------------------- timing


def parse_all(blobs: Sequence[tuple[str, bytes]]) -> float:
    """The baseline: gunzip and orjson-parse every model, gc disabled; seconds."""
    import orjson

    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for name, data in blobs:
            orjson.loads(gzip.decompress(data) if name.endswith(".gz") else data)
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


class Case(NamedTuple):
    label: str
    command: list[float]
    baseline: list[float]
    changed: Changed
    megabytes: float  # parsed JSON, uncompressed
    error: str | None


def bench_case(found: Range, service: str | None, repeat: int, env: dict[str, str]) -> Case:
    first, last = found.versions[0], found.versions[-1]
    argv = [sys.executable, "-m", "botocontract", "changelog", first, last, "--range"]
    if service:
        argv += ["--service", service]
    label = service or "all services"
    changed = changed_models(found, service)
    blobs = read_members(found, changed.members)
    size = sum(len(gzip.decompress(d)) if n.endswith(".gz") else len(d) for n, d in blobs)
    # untimed: page cache, .pyc files; a failing command is not timed
    warm = run(argv, env, stdin=subprocess.DEVNULL)
    if warm.returncode != 0:
        tail = warm.stderr.strip().splitlines()[-1:] or ["(no stderr)"]
        return Case(label, [], [], changed, size / 1e6, f"exit {warm.returncode}: {tail[0]}")
    parse_all(blobs)  # untimed warm-up of the baseline too
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(repeat):  # interleaved, so that machine noise hits both alike
        ours.append(run(argv, env, stdin=subprocess.DEVNULL).seconds)
        floor.append(parse_all(blobs))
    return Case(label, ours, floor, changed, size / 1e6, None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per timing (median)")
    parser.add_argument("--first", default=FIRST, help=f"oldest release (default {FIRST})")
    parser.add_argument("--last", default=LAST, help=f"newest release (default {LAST})")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    import botocontract

    print(
        f"bench_range: botocontract {botocontract.__version__}, python "
        f"{platform.python_version()}, {os.cpu_count()} cpus, repeat {repeat}"
    )
    found = load_range(args.first, args.last)
    print(
        f"range {found.versions[0]} -> {found.versions[-1]}: {len(found.versions)} releases, "
        f"{len(found.versions) - 1} consecutive pairs (warm cache, BOTOCONTRACT_OFFLINE=1)"
    )
    print("no goal is set for these figures: medians and ratios only, nothing passes or fails")
    print()
    env = bench_env()  # warm cache: never run pip while timing

    start_argv = [sys.executable, "-m", "botocontract", "--version"]
    run(start_argv, env, stdin=subprocess.DEVNULL)
    start = [run(start_argv, env, stdin=subprocess.DEVNULL).seconds for _ in range(repeat)]
    print(
        f"start-up (`python -m botocontract --version`): {fmt_time(median(start))}   "
        f"[{fmt_runs(start)}]"
    )
    print()
    print(
        "`botocontract changelog FIRST LAST --range [--service S]` (subprocess) vs parsing only "
        "the changed models (gunzip + orjson, in-process, gc off)"
    )
    print(
        f"   {'selection':<14}{'changes':>8}{'models':>8}{'MB':>7}{'command':>10}"
        f"{'baseline':>10}{'ratio':>8}   runs (command | baseline)"
    )
    for service in (SERVICE, None):
        try:
            case = bench_case(found, service, repeat, env)
        except Exception as exc:  # a broken case is reported; the other still runs
            print(f"   {service or 'all services':<14}ERROR {type(exc).__name__}: {exc}")
            continue
        counts = f"{case.changed.services:>8}{len(case.changed.members):>8}{case.megabytes:>7.1f}"
        if case.error:
            print(f"   {case.label:<14}{counts}   ERROR {case.error}")
            continue
        command, baseline = median(case.command), median(case.baseline)
        print(
            f"   {case.label:<14}{counts}{fmt_time(command):>10}{fmt_time(baseline):>10}"
            f"{command / baseline:>8.1f}   {fmt_runs(case.command)} | "
            f"{fmt_runs(case.baseline)}",
            flush=True,
        )
    print()
    print(
        "changes: (release pair, service) changes; models: service-2 files parsed by the "
        "baseline (both sides, each once); MB: their parsed JSON size"
    )
    print(
        "ratio: median command time / median baseline time (the command also pays start-up, "
        "imports, opening every wheel and rendering)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
