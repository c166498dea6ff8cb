"""The init use case: contracts for what a project's code uses, then their fixtures, from one
opened release."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..fixtures import FixtureStore
from ..scan.check import ScanReport, check_scan
from ..scan.init import Written, write_contracts
from ..scan.project import scan
from ..sources.release import Release
from .load import load_contracts
from .snapshot import SnapshotReport, snapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class InitReport:
    scan: ScanReport
    written: list[Written]  # contract files, with the clauses added and kept
    fixtures: SnapshotReport  # the fixtures written for clauses that had none


def init(
    release: Release,
    paths: Sequence[Path],
    contracts_dir: Path,
    store: FixtureStore,
    *,
    update: bool = False,
) -> InitReport:
    """Contracts in ``contracts_dir`` for the client calls of the code under ``paths`` (``update``:
    merged into those there, keeping hand edits), then the fixtures they lack."""
    report = check_scan(scan(paths), release)
    written = write_contracts(report, contracts_dir, update=update, base=Path.cwd())
    contracts = load_contracts(contracts_dir, at_least_one=True)
    fixtures = snapshot(release, contracts, store, update=True, missing_only=True)
    return InitReport(scan=report, written=written, fixtures=fixtures)
