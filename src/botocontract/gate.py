"""The gate use case: may a project move from one release to another?

Policy, in one place: every contract is checked on the candidate; the services the contracts name
are diffed and judged; a change *touches* a clause when it lies inside what the clause pins or at
something that holds it (a removed operation or parent member); a change is *fatal* when its
severity reaches ``fail_on`` and it touches a clause (``strict``: whether it touches one or not).
Both releases come in opened, and each model is parsed once for the check and the diff together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .contracts import Contract, covers
from .contracts.evaluate import clause_path
from .contracts.run import CheckReport, check
from .diff.release import compare_releases
from .fixtures import FixtureStore
from .rules.judge import Change, Verdict, judge
from .rules.severity import Severity
from .sources.release import Release

NEVER = "never"  # the fail_on level at which nothing fails


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


def touched_clauses(
    changes: Iterable[Change], contracts: Iterable[Contract]
) -> dict[str, tuple[str, ...]]:
    """Change fingerprint -> the ids of the clauses it touches (changes touching none left out)."""
    clauses = [(c, clause_path(c)) for contract in contracts for c in contract.clauses]
    touched: dict[str, tuple[str, ...]] = {}
    for change in changes:
        ids = tuple(
            c.id
            for c, pinned in clauses
            if c.service == change.service and related(pinned, change.path)
        )
        if ids:
            touched[change.fingerprint] = ids
    return touched


def fatal_changes(
    changes: Iterable[Change], touched: Mapping[str, object], *, strict: bool, fail_on: str
) -> list[Change]:
    """The changes that fail the gate: at or above ``fail_on``, and touching a clause unless
    ``strict``."""
    threshold = Severity(fail_on).rank if fail_on != NEVER else len(Severity)
    return [
        c for c in changes if c.severity.rank >= threshold and (strict or c.fingerprint in touched)
    ]


def gate(
    old: Release,
    new: Release,
    contracts: list[Contract],
    store: FixtureStore,
    *,
    strict: bool = False,
    fail_on: str = "breaking",
    overrides: Mapping[str, Severity] | None = None,
    ignore: Callable[[Change], str | None] | None = None,
) -> GateReport:
    """The gate from ``old`` to ``new`` for ``contracts`` (already checked against ``store``).

    ``overrides``: rule id -> severity; ``ignore``: the reason a change was accepted, or None."""
    new.keep_models()  # the check and the diff read the same models: parse each once
    check_report = check(new, contracts, store)
    services = sorted({c.service for c in contracts})
    verdict = judge(compare_releases(old, new, services), overrides=overrides, ignore=ignore)
    changes = list(verdict.changes())
    touched = touched_clauses(changes, contracts)
    fatal = fatal_changes(changes, touched, strict=strict, fail_on=fail_on)
    return GateReport(
        check=check_report,
        verdict=verdict,
        touched=touched,
        fatal=fatal,
        strict=strict,
        fail_on=fail_on,
    )
