"""The one entry point both front ends call: the CLI and the pytest plugin hold no logic."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .changelog.build import Changelog, Section, attach_deltas, build_changelog, check_order
from .changelog.notes import load_notes
from .contracts import (
    ClauseResult,
    Contract,
    ContractRun,
    check_against_fixtures,
    covers,
    load_contracts,
    pinned_paths,
)
from .contracts.names import uses_code_names, with_model_names
from .diff.release import compare_releases
from .errors import BotocontractError, UnknownOperationError, UsageError, did_you_mean
from .fixtures import Fixture, FixtureStore
from .history import ranges
from .history.bisect import Target, check_names, parse_target, present
from .history.bisect import bisect as bisect_search
from .history.ranges import History
from .model.paths import PathError, parse_path
from .model.service import Service
from .model.tree import path_tree
from .rules.judge import Change, Verdict, judge
from .rules.severity import Severity
from .rules.table import RULES, Rule
from .sources import Release, WheelCache, open_release
from .sources.cache import offline_from_env
from .sources.index import ReleaseIndex
from .yamlfile import YamlFileError

if TYPE_CHECKING:
    from .scan.check import ScanReport
    from .scan.findings import Finding
    from .scan.init import Written


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How releases are found: shared by every command that reads one."""

    cache_dir: Path | None = None
    offline: bool | None = None
    service_name: str | None = None
    date: dt.date | None = None

    def cache(self) -> WheelCache:
        offline = self.offline if self.offline is not None else offline_from_env()
        return WheelCache(self.cache_dir, offline=offline)


DEFAULTS = Settings()


def release(spec: str, settings: Settings = DEFAULTS, *, dated: bool = False) -> Release:
    """Open a release; ``dated``: the release the ``--date`` option speaks of."""
    return open_release(
        spec,
        cache=settings.cache(),
        service_name=settings.service_name,
        date=settings.date if dated else None,
    )


def diff(
    old: str,
    new: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    overrides: dict[str, Severity] | None = None,
    ignore: Path | None = None,
    jobs: int | None = None,
) -> Verdict:
    ignored = None
    if ignore is not None:
        from .rules.ignore import load_ignore  # YAML and JSON Schema: only when asked for

        ignored = load_ignore(ignore)
    before, after = release(old, settings), release(new, settings, dated=True)
    found = compare_releases(before, after, services, docs=show_docs, jobs=jobs)
    return judge(found, overrides=overrides, ignore=ignored, show_docs=show_docs)


def changelog(
    old: str,
    new: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    notes: Path | None = None,
    jobs: int | None = None,
    reverse: bool = False,
) -> Changelog:
    before, after = release(old, settings), release(new, settings, dated=True)
    check_order(before.botocore_version, after.botocore_version, reverse=reverse)
    found = compare_releases(
        before, after, services, docs=show_docs, attach=attach_deltas, jobs=jobs
    )
    verdict = judge(found, show_docs=show_docs)
    release_notes = None
    if notes is not None:
        release_notes = load_notes(notes, after.botocore_version or new)
    return build_changelog(verdict, release_notes)


def service(
    spec: str, name: str, settings: Settings = DEFAULTS, *, api_version: str | None = None
) -> Service:
    return release(spec, settings, dated=True).load_service(name, api_version)


def check_operation(model: Service, operation: str, release_label: str) -> None:
    if operation not in model.operations:
        raise UnknownOperationError(
            operation=operation,
            service=model.name,
            release=release_label,
            suggestion=did_you_mean(operation, list(model.operations)),
        )


def rules() -> tuple[Rule, ...]:
    """The rule table, in the order rules are tried."""
    return RULES


# ----- contracts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    release: Release
    results: list[ClauseResult]
    unused_fixtures: list[Path]
    contracts: list[Contract]
    code_gaps: tuple[Finding, ...] = ()  # with code: what it uses that no contract pins

    @property
    def failed(self) -> list[ClauseResult]:
        return [r for r in self.results if not r.passed]


def _contracts(contracts_dir: Path) -> list[Contract]:
    contracts = load_contracts(contracts_dir)
    if not contracts:
        raise UsageError(msg=f"{contracts_dir}: no contract files (YAML with 'botocontract: 1')")
    return contracts


def unused_fixtures(contracts: list[Contract], store: FixtureStore) -> list[Path]:
    used = {store.file_for(c.service, p) for c in contracts for p in pinned_paths(c)}
    return [file for file in store.files() if file not in used]


def check(
    spec: str,
    contracts_dir: Path,
    fixtures_dir: Path,
    settings: Settings = DEFAULTS,
    *,
    code: Sequence[Path] = (),
) -> CheckReport:
    """The contracts against a release; with ``code``, also what that code uses and no clause
    pins."""
    store = FixtureStore(fixtures_dir)
    contracts = _contracts(contracts_dir)
    found = None
    if uses_code_names(contracts):
        found = release(spec, settings, dated=True)
        contracts = with_model_names(contracts, found)
    check_against_fixtures(contracts, store)
    found = found or release(spec, settings, dated=True)
    results = ContractRun(found, store).evaluate(contracts)
    gaps: tuple[Finding, ...] = ()
    if code:
        from .scan.check import check_scan
        from .scan.coverage import unpinned
        from .scan.project import scan as scan_code

        gaps = unpinned(check_scan(scan_code(code), found), contracts)
    return CheckReport(
        release=found,
        results=results,
        unused_fixtures=unused_fixtures(contracts, store),
        contracts=contracts,
        code_gaps=gaps,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SnapshotReport:
    release: Release
    changed: list[Path]  # fixtures that differ from the release (written with update)
    unused: list[Path]  # fixtures no clause uses (deleted with prune)


def recorded_release(store: FixtureStore, contracts: list[Contract]) -> str:
    """The release the fixtures were taken from: where an update starts unless told otherwise."""
    versions = {
        fixture.botocore
        for c in contracts
        for p in pinned_paths(c)
        if (fixture := store.get(c.service, p)) is not None
    }
    if not versions:
        raise UsageError(msg="no fixtures yet: name the release to pin with --botocore SPEC")
    if len(versions) > 1 or None in versions:
        raise UsageError(
            msg="the fixtures come from several releases "
            f"({', '.join(sorted(str(v) for v in versions))}): "
            "name the one to pin with --botocore SPEC"
        )
    return str(versions.pop())


def snapshot(
    contracts_dir: Path,
    fixtures_dir: Path,
    spec: str | None = None,
    settings: Settings = DEFAULTS,
    *,
    update: bool = False,
    prune: bool = False,
    missing_only: bool = False,
) -> SnapshotReport:
    store = FixtureStore(fixtures_dir)
    contracts = _contracts(contracts_dir)
    found = release(spec or recorded_release(store, contracts), settings)
    contracts = with_model_names(contracts, found)
    fresh = [
        _fixture(found, contract, path) for contract in contracts for path in pinned_paths(contract)
    ]
    if missing_only:
        fresh = [f for f in fresh if store.get(f.service, f.path) is None]
    changed = [
        store.file_for(f.service, f.path) for f in fresh if store.get(f.service, f.path) != f
    ]
    if update:
        store.write(fresh)
    unused = unused_fixtures(contracts, store)
    if prune:
        store.delete(unused)
    return SnapshotReport(release=found, changed=changed, unused=unused)


def _fixture(found: Release, contract: Contract, path: str) -> Fixture:
    model = found.load_service(contract.service, contract.api_version)
    try:
        tree = path_tree(model, parse_path(path))
    except PathError as exc:
        clause = next(
            (
                c
                for c in contract.clauses
                if (c.path.text if c.path else f"{c.call}.request") == path
            ),
            contract.clauses[0],
        )
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of("path" if clause.path else "call"),
            detail=f"{found.label}: {exc}",
        ) from None
    return Fixture(
        service=contract.service,
        path=path,
        botocore=found.botocore_version or found.spec,
        api_version=model.api_version,
        tree=tree,
    )


# ----- the upgrade gate ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GateReport:
    check: CheckReport  # the contracts on the candidate release
    verdict: Verdict  # the judged diff of the services the contracts name
    touched: dict[str, tuple[str, ...]]  # change fingerprint -> ids of the clauses it touches
    fatal: list[Change]  # the changes that fail the gate
    strict: bool
    fail_on: str

    @property
    def passed(self) -> bool:
        return not self.check.failed and not self.fatal


def related(pinned: str, path: str) -> bool:
    """Whether a change at ``path`` touches what a clause pins at ``pinned``: inside it, or at
    something that holds it (a removed operation or parent member)."""
    return covers(pinned, path) or covers(path, pinned)


def gate(
    old: str,
    new: str,
    contracts_dir: Path,
    fixtures_dir: Path,
    settings: Settings = DEFAULTS,
    *,
    strict: bool = False,
    fail_on: str = "breaking",
    ignore: Path | None = None,
    overrides: dict[str, Severity] | None = None,
) -> GateReport:
    check_report = check(new, contracts_dir, fixtures_dir, settings)
    contracts = check_report.contracts
    services = sorted({c.service for c in contracts})
    verdict = diff(old, new, settings, services=services, overrides=overrides, ignore=ignore)
    clauses = [c for contract in contracts for c in contract.clauses]
    touched: dict[str, tuple[str, ...]] = {}
    for change in verdict.changes():
        ids = tuple(
            c.id
            for c in clauses
            if c.service == change.service
            and related(c.path.text if c.path else f"{c.call}.request", change.path)
        )
        if ids:
            touched[change.fingerprint] = ids
    threshold = Severity(fail_on).rank if fail_on != "never" else len(Severity)
    fatal = [
        c
        for c in verdict.changes()
        if c.severity.rank >= threshold and (strict or c.fingerprint in touched)
    ]
    return GateReport(
        check=check_report,
        verdict=verdict,
        touched=touched,
        fatal=fatal,
        strict=strict,
        fail_on=fail_on,
    )


# ----- history ------------------------------------------------------------------------------


def release_index(settings: Settings = DEFAULTS) -> ReleaseIndex:
    return ReleaseIndex(settings.cache())


def range_releases(first: str, last: str, settings: Settings = DEFAULTS) -> list[Release]:
    """Every release from ``first`` to ``last``, oldest first, fetched a few at a time."""
    cache = settings.cache()
    versions = [str(v) for v in ReleaseIndex(cache).between(first, last)]
    if len(versions) < 2:
        raise UsageError(
            msg=f"the range {first}..{last} holds {len(versions)} release(s); a range needs two"
        )
    cache.fetch_many("botocore", versions)
    return [open_release(v, cache=cache) for v in versions]


def history(
    first: str,
    last: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    growth: bool = False,
    reverse: bool = False,
) -> History:
    check_order(first, last, reverse=reverse)
    return ranges.history(
        range_releases(first, last, settings), services, show_docs=show_docs, growth=growth
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class BisectReport:
    target: Target
    gone: bool
    versions: list[str]  # the range, oldest first
    release: Release | None  # the answer; None: not found in the range
    downloads: int  # wheels fetched by this search
    probed: dict[str, bool]  # version -> present
    contradictions: list[str]  # releases whose state disagrees with the answer
    section: Changelog | None  # the changelog of the answer's release, for the target's service


def bisect(
    service: str,
    path: str,
    settings: Settings = DEFAULTS,
    *,
    first: str | None = None,
    last: str | None = None,
    gone: bool = False,
) -> BisectReport:
    target = parse_target(service, path)
    cache = settings.cache()
    index = ReleaseIndex(cache)
    versions = index.between(first or "1.0.0", last or str(index.newest()))
    if not versions:
        raise UsageError(
            msg=f"no release from {first or '1.0.0'} to {last or 'the newest'} has a "
            "wheel (botocore 0.x had none): nothing to search"
        )
    opened: dict[int, Release] = {}

    def open_at(position: int) -> Release:
        if position not in opened:
            opened[position] = open_release(str(versions[position]), cache=cache)
        return opened[position]

    def cached(position: int) -> bool | None:
        if cache.cached("botocore", str(versions[position])) is None:
            return None
        return present(open_at(position), target)

    fetched_before = len(cache.fetched)
    outcome = bisect_search(
        versions, lambda i: present(open_at(i), target), gone=gone, cached=cached
    )
    if outcome.found is None and 0 not in outcome.probed:
        # Not in the wanted state at the end: the start says whether it ever was (one wheel more,
        # still within the bound).
        outcome.probed[0] = present(open_at(0), target)
    check_names([opened[i] for i in outcome.probed], target)
    found = opened[outcome.found] if outcome.found is not None else None
    section = None
    if found is not None and outcome.found:
        whole = build_changelog(
            judge(
                compare_releases(open_at(outcome.found - 1), found, [service], attach=attach_deltas)
            )
        )
        section = dataclasses.replace(
            whole, sections=tuple(_about(s, target) for s in whole.sections)
        )
    return BisectReport(
        target=target,
        gone=gone,
        versions=[str(v) for v in versions],
        release=found,
        downloads=len(cache.fetched) - fetched_before,
        probed={str(versions[i]): state for i, state in sorted(outcome.probed.items())},
        contradictions=[str(versions[i]) for i in outcome.contradictions],
        section=section,
    )


def _about(section: Section, target: Target) -> Section:
    """The part of a changelog section that speaks of the target's operation."""
    operation = target.path.operation
    return dataclasses.replace(
        section,
        methods=tuple(m for m in section.methods if m.name == operation),
        unshown=tuple(c for c in section.unshown if c.operation == operation),
        changes=tuple(c for c in section.changes if c.operation == operation),
    )


def pair_history(
    old: str,
    new: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    reverse: bool = False,
) -> History:
    """A single release pair as a history, for the formats that render histories (HTML)."""
    pair = [release(old, settings), release(new, settings, dated=True)]
    check_order(pair[0].botocore_version, pair[1].botocore_version, reverse=reverse)
    return ranges.history(pair, services, show_docs=show_docs, growth=True)


# ----- the code that calls AWS ----------------------------------------------------------------


def scan(
    paths: Sequence[Path], spec: str = "installed", settings: Settings = DEFAULTS
) -> ScanReport:
    """The client calls in the Python files under ``paths``, checked against a release."""
    from .scan.check import check_scan
    from .scan.project import scan as scan_code

    return check_scan(scan_code(paths), release(spec, settings))


@dataclass(frozen=True, slots=True, kw_only=True)
class InitReport:
    scan: ScanReport
    written: list[Written]  # contract files, with the clauses added and kept
    fixtures: SnapshotReport  # the fixtures written for clauses that had none


def init(
    paths: Sequence[Path],
    contracts_dir: Path,
    fixtures_dir: Path,
    spec: str | None = None,
    settings: Settings = DEFAULTS,
    *,
    update: bool = False,
) -> InitReport:
    """Contracts for what the code under ``paths`` uses, then their fixtures. The release is
    ``spec``, else the one the fixtures already record, else the installed one."""
    from .scan.init import write_contracts

    if spec is None:
        try:
            spec = recorded_release(FixtureStore(fixtures_dir), load_contracts(contracts_dir))
        except BotocontractError:  # no contracts or fixtures yet
            spec = "installed"
    report = scan(paths, spec, settings)
    written = write_contracts(report, contracts_dir, update=update, base=Path.cwd())
    fixtures = snapshot(contracts_dir, fixtures_dir, spec, settings, update=True, missing_only=True)
    return InitReport(scan=report, written=written, fixtures=fixtures)
