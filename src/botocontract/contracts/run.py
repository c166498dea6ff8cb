"""The check use case: every clause of the contracts against one opened release, with the fixtures
as the baseline; given code, also what that code uses and no clause pins. The CLI's ``check``, the
gate and the pytest plugin all take this path."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NoFixturesError, YamlFileError, did_you_mean
from ..fixtures import FixtureStore
from ..sources.release import Release
from .evaluate import (
    ClauseResult,
    ContractRun,
    check_against_fixtures,
    covering_fixture,
    unused_fixtures,
)
from .load import Contract
from .names import uses_code_names, with_model_names

if TYPE_CHECKING:
    from ..scan.findings import Finding


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


def prepared(
    contracts: list[Contract],
    store: FixtureStore,
    opened: Callable[[], Release],
    *,
    snapshot_options: str = "",
) -> tuple[list[Contract], Release]:
    """The contracts, checked against their fixtures, and the release ``opened`` gives.

    Contracts that name operations as code does (``create_app``) take the model's names from the
    release first; the others are checked before it is opened, so that a broken contract is
    reported without a download. A contract none of whose tree clauses has a fixture is checked
    for its service first (a typo is named as one, with the closest names); when the fixtures folder
    holds none at all, this is a first run: ``NoFixturesError`` names the snapshot command that
    takes them (``snapshot_options``: the folder options it needs). Raises ``YamlFileError``
    (exit 2) on a clause that names nothing in the fixtures' release."""
    found = None
    if uses_code_names(contracts):
        found = opened()
        contracts = with_model_names(contracts, found)
    # A contract of paginator, waiter and error clauses alone needs no fixture, but its service
    # is still checked here.
    bare = [
        c
        for c in contracts
        if not any(covering_fixture(store, k) for k in c.clauses if k.pins_tree)
    ]
    if bare:
        found = found or opened()
        services = found.services()
        for contract in bare:
            if contract.service not in services:
                raise YamlFileError(
                    path=contract.file,
                    line=contract.service_line,
                    detail=f"unknown service {contract.service!r} in {found.label}"
                    f"{did_you_mean(contract.service, services)}",
                )
        pinning = any(k.pins_tree for c in contracts for k in c.clauses)
        if pinning and len(bare) == len(contracts) and not store.files():
            version = shlex.quote(found.botocore_version or found.spec)
            raise NoFixturesError(
                fixtures=store.root,
                release=found.label,
                command=f"botocontract snapshot --update --botocore {version}{snapshot_options}",
            )
    check_against_fixtures(contracts, store)
    return contracts, found or opened()


def check(
    release: Release, contracts: list[Contract], store: FixtureStore, *, code: Sequence[Path] = ()
) -> CheckReport:
    """Every clause of ``contracts`` (see ``prepared``) against ``release``; with ``code``, also
    the uses of that code that no clause pins."""
    results = ContractRun(release, store).evaluate(contracts)
    return CheckReport(
        release=release,
        results=results,
        unused_fixtures=unused_fixtures(contracts, store),
        contracts=contracts,
        code_gaps=code_gaps(release, contracts, code) if code else (),
    )


def code_gaps(
    release: Release, contracts: Sequence[Contract], code: Sequence[Path]
) -> tuple[Finding, ...]:
    """What the code under ``code`` uses, read against ``release``, that no clause of
    ``contracts`` (named as the model names operations) pins."""
    from ..scan.check import check_scan
    from ..scan.coverage import unpinned
    from ..scan.project import scan

    return unpinned(check_scan(scan(code), release), contracts)
