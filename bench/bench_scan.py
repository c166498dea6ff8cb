"""Benchmark ``botocontract scan`` against plain ``ast.parse`` of the same files; see
bench/README.md.

    python bench/bench_scan.py [--repeat N] [--lines N] [--read-all] [ROOT ...]

Takes Python files from the ROOTs (default: moto, boto3, botocore and awscli as installed next
to the Python that runs this, or under --site-packages) until about --lines lines, copies them
into a temporary tree (so both sides read the same files), then times in this process,
alternating: reading and parsing every file with ``ast.parse``, and the static scan
(``botocontract.scan.scan``: read, parse, find calls, follow facts across files). It prints the
medians and their ratio against the goals (1.5x, and at most 2x), and then, once, the time of
checking the scan against the installed release. It measures and never asserts.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import gc
import shutil
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import fmt_runs, fmt_time, median, verdict

GOAL, LIMIT = 1.5, 2.0
PACKAGES = ("moto", "boto3", "botocore", "awscli")


def corpus(roots: list[Path], lines: int, into: Path) -> tuple[int, int]:
    files = total = 0
    for root in roots:
        for file in sorted(root.rglob("*.py")):
            if total >= lines:
                return files, total
            if "/tests/" in str(file):
                continue
            data = file.read_bytes()
            target = into / root.name / file.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            files += 1
            total += data.count(b"\n") + 1
    return files, total


def parse_all(root: Path) -> None:
    for file in sorted(root.rglob("*.py")):
        with contextlib.suppress(SyntaxError):
            ast.parse(file.read_bytes())


def timed(work: Callable[[], object]) -> tuple[float, object]:
    """The time of ``work()``, with the cycle collector off as the command line runs (cli.main)
    and collected before, so that both sides start alike."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        found = work()
        return time.perf_counter() - start, found
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lines", type=int, default=350_000)
    parser.add_argument(
        "--read-all",
        action="store_true",
        help="Read every module for calls, not only those that mention boto or a client.",
    )
    parser.add_argument(
        "--site-packages", type=Path, default=Path(sysconfig.get_paths()["purelib"])
    )
    args = parser.parse_args()
    roots = args.roots or [
        args.site_packages / p for p in PACKAGES if (args.site_packages / p).is_dir()
    ]
    if not roots:
        sys.exit(f"no corpus: none of {', '.join(PACKAGES)} under {args.site_packages}")
    from botocontract import api
    from botocontract.scan import ScanResult, project, scan

    if args.read_all:
        project.MARKERS = (b"",)  # the worst case: every module read as if it made calls

    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        files, lines = corpus(roots, args.lines, tree)
        print(f"corpus: {files:,} files, {lines:,} lines from {', '.join(str(r) for r in roots)}")
        parse_all(tree)  # warm the page cache for both sides
        parses, scans = [], []
        result = None
        for _ in range(args.repeat):
            parses.append(timed(lambda: parse_all(tree))[0])
            seconds, result = timed(lambda: scan([tree]))
            scans.append(seconds)
        assert isinstance(result, ScanResult)
        ratio = median(scans) / median(parses)
        print(f"ast.parse of every file: {fmt_runs(parses)}  median {fmt_time(median(parses))}")
        print(f"scan (static):           {fmt_runs(scans)}  median {fmt_time(median(scans))}")
        print(
            f"ratio {ratio:.2f}x  goal <= {GOAL}x: {verdict(ratio <= GOAL)}  "
            f"limit <= {LIMIT}x: {verdict(ratio <= LIMIT)}"
        )
        print(
            f"found {len(result.calls):,} calls, {len(result.unresolved):,} unresolved, "
            f"{len(result.problems)} files not read"
        )
        release = api.release("installed")
        from botocontract.scan.check import check_scan

        start = time.perf_counter()
        report = check_scan(result, release)
        print(
            f"checking them against {release.label}: {fmt_time(time.perf_counter() - start)} "
            f"({len(report.errors)} errors)"
        )
        shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    main()
