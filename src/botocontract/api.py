"""The one entry point both front ends call: one function per command.

Each function turns spec strings and :class:`Settings` into opened releases (and paths into
contracts, fixtures and ignore files), then hands them to the use case that does the work
(``contracts.run``, ``contracts.snapshot``, ``gate``, ``history.bisect``, ``show``). Errors are
:mod:`botocontract.errors` classes: bad input, one line, exit code 2 at the command line.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import FAIL_ON, ProjectConfig, project_config
from .errors import BotocontractError, UsageError, YamlFileError
from .rules.judge import judge_releases, parse_overrides
from .sources import Release, WheelCache, open_release
from .sources.cache import offline_from_env

# What only some commands need is imported by the function that needs it, so that a command loads
# its own use case only: a diff reads no contracts, fixtures, YAML or lock files
# (tests/test_startup.py keeps it so).
if TYPE_CHECKING:
    from .changelog.build import Changelog
    from .contracts import Contract, ContractRun
    from .contracts.init import InitReport
    from .contracts.run import CheckReport
    from .contracts.snapshot import SnapshotReport
    from .fixtures import FixtureStore
    from .gate import GateReport
    from .history.bisect import BisectReport
    from .history.ranges import History
    from .model.service import Service
    from .rules.ignore import IgnoreEntry, IgnoreList
    from .rules.judge import Verdict
    from .rules.severity import Severity
    from .rules.table import Rule
    from .scan.check import ScanReport
    from .scan.findings import Finding
    from .show import ShowReport
    from .sources.index import Published

__all__ = [
    "FAIL_ON",
    "ProjectConfig",
    "Settings",
    "bisect",
    "changelog",
    "check",
    "code_gaps",
    "contract",
    "contract_run",
    "diff",
    "fixture_store",
    "gate",
    "history",
    "ignore_file",
    "init",
    "parse_overrides",
    "project_config",
    "release",
    "releases",
    "rules",
    "scan",
    "schema",
    "service",
    "show",
    "snapshot",
    "unused_fixtures",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How releases are found: shared by every command that reads one."""

    cache_dir: Path | None = None
    offline: bool | None = None
    service_name: str | None = None
    date: dt.date | None = None
    quiet: bool = False  # no progress on stderr, even on a terminal

    def cache(self) -> WheelCache:
        offline = self.offline if self.offline is not None else offline_from_env()
        return WheelCache(self.cache_dir, offline=offline, quiet=self.quiet)


DEFAULTS = Settings()


def release(spec: str, settings: Settings = DEFAULTS, *, dated: bool = False) -> Release:
    """Open a release; ``dated``: the release the ``--date`` option speaks of."""
    return open_release(
        spec,
        cache=settings.cache(),
        service_name=settings.service_name,
        date=settings.date if dated else None,
    )


def ignore_file(path: Path) -> IgnoreList:
    """An ignore file of accepted changes, to judge a ``diff`` with and then ask which of its
    entries accepted no change (``IgnoreList.stale``)."""
    from .rules.ignore import load_ignore  # YAML and JSON Schema: only when asked for

    return load_ignore(path)


def _ignore(given: Path | IgnoreList | None) -> IgnoreList | None:
    return ignore_file(given) if isinstance(given, Path) else given


# ----- models and diffs ---------------------------------------------------------------------


def show(
    spec: str,
    service: str,
    operation: str | None = None,
    settings: Settings = DEFAULTS,
    *,
    api_version: str | None = None,
) -> ShowReport:
    """``show``: the operations of ``service`` in ``spec``, or the trees of one ``operation``."""
    from . import show as show_case

    return show_case.show(release(spec, settings, dated=True), service, operation, api_version)


def service(
    spec: str, name: str, settings: Settings = DEFAULTS, *, api_version: str | None = None
) -> Service:
    """The normalized model of one service of a release."""
    return show(spec, name, None, settings, api_version=api_version).model


def diff(
    old: str,
    new: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    overrides: dict[str, Severity] | None = None,
    ignore: Path | IgnoreList | None = None,
    jobs: int | None = None,
) -> Verdict:
    """``diff``: the judged changes from ``old`` to ``new``; ``overrides``: rule id -> severity
    (see ``parse_overrides``); ``ignore``: an ignore file of accepted changes (opened with
    ``ignore_file``, it can say afterwards which entries were stale)."""
    ignored = _ignore(ignore)
    before, after = release(old, settings), release(new, settings, dated=True)
    return judge_releases(
        before,
        after,
        services,
        overrides=overrides,
        ignore=ignored.reason_for if ignored else None,
        show_docs=show_docs,
        jobs=jobs,
    )


def changelog(
    old: str,
    new: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    notes: Path | None = None,
    jobs: int | None = None,
    fmt: str = "text",
    as_range: bool = False,
    reverse: bool = False,
    contracts_dir: Path | None = None,
) -> Changelog | History:
    """``changelog``: from ``old`` to ``new``, a :class:`Changelog`; a :class:`History` (render
    with ``reports.changelog_formats``) for every release between them (``as_range``) or for a
    format that renders histories only (HTML, which also shows growth). ``notes`` (botocore's
    CHANGELOG.rst or .changes) go with a single pair only: else ``UsageError``; so does an
    ``old`` newer than ``new``, unless ``reverse``. ``contracts_dir``: the page marks the
    changes that touch a clause (HTML only: else ``UsageError``)."""
    from .changelog.build import attach_deltas, build_changelog, check_order
    from .reports import PAGE_FORMATS, as_history

    if contracts_dir is not None and fmt not in PAGE_FORMATS:
        raise UsageError(msg="--contracts goes with --format html")
    if as_history(fmt, as_range):
        if notes is not None:
            raise UsageError(msg="--notes goes with a single release pair")
        from .contracts.load import load_contracts
        from .history import ranges

        contracts = load_contracts(contracts_dir, at_least_one=True) if contracts_dir else None
        growth = fmt in PAGE_FORMATS
        if as_range:
            span = history(
                old,
                new,
                settings,
                services=services,
                show_docs=show_docs,
                growth=growth,
                jobs=jobs,
                reverse=reverse,
            )
        else:
            pair = [release(old, settings), release(new, settings, dated=True)]
            check_order(pair[0].botocore_version, pair[1].botocore_version, reverse=reverse)
            span = ranges.history(pair, services, show_docs=show_docs, growth=growth, jobs=jobs)
        if contracts is None:
            return span
        from . import gate as gate_policy

        changes = (c for log in span.changelogs for s in log.sections for c in s.changes)
        return replace(span, touched=gate_policy.touched_clauses(changes, contracts))
    before, after = release(old, settings), release(new, settings, dated=True)
    check_order(before.botocore_version, after.botocore_version, reverse=reverse)
    verdict = judge_releases(
        before, after, services, show_docs=show_docs, attach=attach_deltas, jobs=jobs
    )
    release_notes = None
    if notes is not None:
        from .changelog.notes import load_notes

        release_notes = load_notes(notes, after.botocore_version or new)
    return build_changelog(verdict, release_notes)


def rules() -> tuple[Rule, ...]:
    """``rules``: the rule table, in the order rules are tried."""
    from .rules.table import RULES

    return RULES


# ----- contracts ----------------------------------------------------------------------------


def fixture_store(fixtures_dir: Path) -> FixtureStore:
    """The fixtures folder, read lazily."""
    from .fixtures import FixtureStore

    return FixtureStore(fixtures_dir)


def contract(
    file: Path, store: FixtureStore, opened: Callable[[], Release] | None = None
) -> Contract:
    """One contract file, checked against its fixtures (the pytest plugin collects file by file).
    A contract naming operations as code does (``create_app.request.X``) takes the model's names
    from the release ``opened`` gives, opened only then. Raises ``YamlFileError`` on a broken
    one."""
    from .contracts import check_against_fixtures
    from .contracts.load import load_contracts
    from .contracts.names import uses_code_names, with_model_names

    contracts = load_contracts(file, at_least_one=True)
    if opened is not None and uses_code_names(contracts):
        contracts = with_model_names(contracts, opened())
    check_against_fixtures(contracts, store)
    return contracts[0]


def code_gaps(
    code: Sequence[Path], contracts: Sequence[Contract], found: Release, contracts_dir: Path
) -> tuple[Finding, ...]:
    """``check --code`` for the pytest plugin: what the code under ``code`` uses, read against
    ``found``, that no clause pins, of ``contracts`` (already loaded) and of the other contract
    files in ``contracts_dir`` (if it exists)."""
    from .contracts import run
    from .contracts.load import load_contracts
    from .contracts.names import with_model_names

    every = list(contracts)
    if contracts_dir.is_dir():
        loaded = {c.file.resolve() for c in every}
        others = [c for c in load_contracts(contracts_dir) if c.file.resolve() not in loaded]
        every += with_model_names(others, found)
    return run.code_gaps(found, every, code)


def contract_run(found: Release, store: FixtureStore) -> ContractRun:
    """The judge of clauses against an opened release, loading each model once."""
    from .contracts import ContractRun

    return ContractRun(found, store)


def unused_fixtures(
    contracts_dir: Path, contracts: Sequence[Contract], store: FixtureStore
) -> list[Path]:
    """Fixtures that no clause pins: of ``contracts`` and of those in ``contracts_dir`` (if it
    exists)."""
    from .contracts import evaluate
    from .contracts.load import load_contracts

    every = list(contracts)
    if contracts_dir.is_dir():
        every += load_contracts(contracts_dir)
    return evaluate.unused_fixtures(every, store)


def _snapshot_options(contracts_dir: Path, fixtures_dir: Path) -> str:
    """The folder options ``snapshot`` needs to find what a command was given: none for the
    folders it finds by itself (the project's, or the defaults)."""
    project = project_config()
    return "".join(
        f" {option} {shlex.quote(str(given))}"
        for option, given, own in (
            ("--contracts", contracts_dir, project.contracts),
            ("--fixtures", fixtures_dir, project.fixtures),
        )
        if given.absolute() != own.absolute()
    )


def check(
    spec: str,
    contracts_dir: Path,
    fixtures_dir: Path,
    settings: Settings = DEFAULTS,
    *,
    code: Sequence[Path] = (),
) -> CheckReport:
    """``check``: every clause of the contracts against the release ``spec`` names; with
    ``code``, also what that code uses and no clause pins."""
    from .contracts import run

    contracts, found, store = _contracts_on(spec, contracts_dir, fixtures_dir, settings)
    return run.check(found, contracts, store, code=code)


def _contracts_on(
    spec: str, contracts_dir: Path, fixtures_dir: Path, settings: Settings
) -> tuple[list[Contract], Release, FixtureStore]:
    """The contracts, prepared against their fixtures and the release ``spec`` names (opened
    only once the contracts are known to be sound)."""
    from .contracts import run
    from .contracts.load import load_contracts
    from .fixtures import FixtureStore

    store = FixtureStore(fixtures_dir)
    contracts = load_contracts(contracts_dir, at_least_one=True)
    contracts, found = run.prepared(
        contracts,
        store,
        lambda: release(spec, settings, dated=True),
        snapshot_options=_snapshot_options(contracts_dir, fixtures_dir),
    )
    return contracts, found, store


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
    """``snapshot``: the fixtures the contracts pin, compared with (``update``: rewritten from)
    the release ``spec`` names, by default the one the fixtures record; ``prune``: delete the
    fixtures no clause pins; ``missing_only``: leave existing fixtures alone. A full update
    completes one that was interrupted while replacing fixtures."""
    from .contracts import snapshot as snapshot_case
    from .contracts.load import load_contracts
    from .fixtures import FixtureStore

    store = FixtureStore(fixtures_dir, resuming=update and not missing_only)
    contracts = load_contracts(contracts_dir, at_least_one=True)
    found = release(spec or snapshot_case.recorded_release(store, contracts), settings)
    return snapshot_case.snapshot(
        found, contracts, store, update=update, prune=prune, missing_only=missing_only
    )


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
    """``gate``: the contracts on ``new`` and the judged diff from ``old`` of the services they
    name; see :mod:`botocontract.gate` for what fails it. Each release is opened once."""
    from . import gate as gate_policy

    contracts, after, store = _contracts_on(new, contracts_dir, fixtures_dir, settings)
    ignored = _ignore(ignore)
    before = release(old, settings)
    return gate_policy.gate(
        before,
        after,
        contracts,
        store,
        strict=strict,
        fail_on=fail_on,
        overrides=overrides,
        ignore=ignored,
    )


def refuse_stale_ignores(stale: Sequence[IgnoreEntry]) -> None:
    """``--strict-ignore`` (``gate``, ``diff``): an ignore entry that accepted no change is a
    broken ignore file (exit 2), named at its line."""
    if stale:
        first, more = stale[0], len(stale) - 1
        raise YamlFileError(
            path=first.file,
            line=first.line,
            detail=f"ignore entry ({first.what}) accepted no change (--strict-ignore)"
            + (f"; {more} more stale entr{'y' if more == 1 else 'ies'}" if more else ""),
        )


def schema() -> dict[str, object]:
    """``schema``: the JSON Schema of contract files."""
    from .contracts.load import contract_schema

    return contract_schema()


# ----- history ------------------------------------------------------------------------------


def releases(
    settings: Settings = DEFAULTS,
    *,
    since: str | None = None,
    until: str | None = None,
    refresh: bool = False,
) -> list[Published]:
    """``releases``: the published botocore releases, oldest first; cached ones dated."""
    from .sources.index import ReleaseIndex

    return ReleaseIndex(settings.cache()).published(since=since, until=until, refresh=refresh)


def history(
    first: str,
    last: str,
    settings: Settings = DEFAULTS,
    *,
    services: Sequence[str] | None = None,
    show_docs: bool = False,
    growth: bool = False,
    jobs: int | None = None,
    reverse: bool = False,
) -> History:
    """The changelogs of every release pair from ``first`` to ``last``, fetched a few at a
    time; ``growth``: with each service's size at each release. ``first`` newer than ``last``
    is a ``UsageError`` unless ``reverse``."""
    from .changelog.build import check_order
    from .history import ranges
    from .sources.index import ReleaseIndex

    check_order(first, last, reverse=reverse)
    cache = settings.cache()
    versions = [str(v) for v in ReleaseIndex(cache).between(first, last)]
    if len(versions) < 2:
        raise UsageError(
            msg=f"the range {first}..{last} holds {len(versions)} release(s); a range needs two"
        )
    cache.fetch_many("botocore", versions)
    found = [open_release(v, cache=cache) for v in versions]
    return ranges.history(found, services, show_docs=show_docs, growth=growth, jobs=jobs)


def bisect(
    service: str,
    path: str,
    settings: Settings = DEFAULTS,
    *,
    first: str | None = None,
    last: str | None = None,
    gone: bool = False,
) -> BisectReport:
    """``bisect``: the first release where ``path`` of ``service`` exists (``gone``: no longer
    exists), from ``first`` (default 1.0.0) to ``last`` (default the newest)."""
    from .history.bisect import search
    from .sources.index import ReleaseIndex

    return search(service, path, ReleaseIndex(settings.cache()), first=first, last=last, gone=gone)


# ----- the code that calls AWS --------------------------------------------------------------


def scan(
    paths: Sequence[Path], spec: str = "installed", settings: Settings = DEFAULTS
) -> ScanReport:
    """``scan``: the client calls in the Python files under ``paths``, checked against a
    release."""
    from .scan.check import check_scan
    from .scan.project import scan as scan_code

    return check_scan(scan_code(paths), release(spec, settings))


def init(
    paths: Sequence[Path],
    contracts_dir: Path,
    fixtures_dir: Path,
    spec: str | None = None,
    settings: Settings = DEFAULTS,
    *,
    update: bool = False,
) -> InitReport:
    """``init``: contracts for what the code under ``paths`` uses, then their fixtures. The
    release is ``spec``, else the one the fixtures already record, else the installed one."""
    from .contracts import init as init_case
    from .contracts import snapshot as snapshot_case
    from .contracts.load import load_contracts
    from .fixtures import FixtureStore

    store = FixtureStore(fixtures_dir)
    if spec is None:
        try:
            spec = snapshot_case.recorded_release(store, load_contracts(contracts_dir))
        except BotocontractError:  # no contracts or fixtures yet
            spec = "installed"
    return init_case.init(release(spec, settings), paths, contracts_dir, store, update=update)
