"""The snapshot use case: the fixtures the contracts pin, taken from one opened release, compared
with the store and, when asked, written (and the unused ones deleted)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import PathError, UsageError, YamlFileError
from ..fixtures import Fixture, FixtureStore
from ..model.paths import parse_path
from ..model.tree import path_tree
from ..sources.release import Release
from .evaluate import Kept, check_against_fixtures, clause_path, fixture_survey, pinned_paths
from .load import Contract
from .names import with_model_names


@dataclass(frozen=True, slots=True, kw_only=True)
class SnapshotReport:
    release: Release
    changed: list[Path]  # fixtures that differ from the release (rewritten when ``updated``)
    unused: list[Path]  # fixtures no clause uses (deleted when ``pruned``)
    kept: list[Kept]  # the other files of the fixtures folder, and why they stay
    updated: bool = False
    pruned: bool = False


def recorded_release(store: FixtureStore, contracts: list[Contract]) -> str:
    """The release the fixtures were taken from: where an update starts unless told otherwise.

    Raises ``UsageError`` when there are no fixtures yet, or they come from several releases.
    An update interrupted while replacing them starts again from the release it was writing."""
    if store.resuming and (resumed := store.interrupted()) is not None:
        return resumed
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
    release: Release,
    contracts: list[Contract],
    store: FixtureStore,
    *,
    update: bool = False,
    prune: bool = False,
    missing_only: bool = False,
) -> SnapshotReport:
    """Compare the fixtures ``contracts`` pin with ``release``; ``update``: rewrite those that
    differ; ``prune``: delete those no clause pins; ``missing_only``: leave existing fixtures
    alone. Raises ``YamlFileError`` on a clause whose path ``release`` does not have, before any
    fixture is written."""
    contracts = with_model_names(contracts, release)
    fresh = [
        fixture_of(release, contract, path)
        for contract in contracts
        for path in pinned_paths(contract)
    ]
    if missing_only:
        fresh = [f for f in fresh if store.get(f.service, f.path) is None]
    changed = [
        store.file_for(f.service, f.path) for f in fresh if store.get(f.service, f.path) != f
    ]
    if update:
        # Every clause must hold on the fixtures as they will be, as check will ask: a clause
        # below a pinned tree (a member the release lacks) is not caught by taking the tree.
        check_against_fixtures(contracts, store.overlaid(fresh))
        # What this update replaced: under a concurrent one, less than it found to differ.
        changed = store.write(fresh)
    unused, kept = fixture_survey(contracts, store)
    if prune:
        store.delete(unused)
    return SnapshotReport(
        release=release,
        changed=changed,
        unused=unused,
        kept=kept,
        updated=update,
        pruned=prune,
    )


def fixture_of(release: Release, contract: Contract, path: str) -> Fixture:
    """The fixture of ``path`` (a pinned path of ``contract``) as ``release`` has it."""
    model = release.load_service(contract.service, contract.api_version)
    try:
        tree = path_tree(model, parse_path(path))
    except PathError as exc:
        clause = next((c for c in contract.clauses if clause_path(c) == path), contract.clauses[0])
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of(clause.kind),
            detail=f"{release.label}: {exc}",
        ) from None
    return Fixture(
        service=contract.service,
        path=path,
        botocore=release.botocore_version or release.spec,
        api_version=model.api_version,
        tree=tree,
    )
