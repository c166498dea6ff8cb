"""The gate use case: may a project move from one release to another?

Policy, in one place: every contract is checked on the candidate; the services the contracts name
are diffed and judged; a change *touches* a clause when it lies inside what the clause pins or at
something that holds it (a removed operation or parent member), and *breaks* it when the clause
fails on the candidate and the change breaks what the clause asserts (``contracts.depends``): a
change the clause does not depend on never fails the gate. A change is *fatal* when its severity
reaches ``fail_on`` and it breaks a clause (``strict``: whether it breaks one or not). Both
releases come in opened, and each model is parsed once for the check and the diff together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .contracts import Clause, Contract, covers
from .contracts.calls import passed_paths
from .contracts.depends import Breach, breaches
from .contracts.evaluate import clause_path
from .contracts.run import CheckReport, check
from .diff.release import compare_releases
from .errors import BotocontractError
from .fixtures import FixtureStore
from .rules.ignore import IgnoreEntry, IgnoreList
from .rules.judge import Change, Verdict, judge
from .rules.severity import Severity
from .sources.release import Release

NEVER = "never"  # the fail_on level at which nothing fails


@dataclass(frozen=True, slots=True, kw_only=True)
class GateReport:
    check: CheckReport  # the contracts on the candidate release
    verdict: Verdict  # the judged diff of the services the contracts name
    touched: dict[str, tuple[str, ...]]  # change fingerprint -> ids of the clauses it touches
    breaches: dict[str, tuple[Breach, ...]]  # change fingerprint -> the assertions it breaks
    fatal: list[Change]  # the changes that fail the gate
    strict: bool
    fail_on: str
    stale_ignores: tuple[IgnoreEntry, ...] = ()  # ignore entries that accepted no change

    @property
    def passed(self) -> bool:
        return not self.check.failed and not self.fatal

    def why(self, change: Change) -> str:
        """Why a change fails the gate (or would, at a lower ``fail_on``), in one line: the
        assertions it breaks (or the ``--strict`` rule), and what changed."""
        found = self.breaches.get(change.fingerprint, ())
        reason = (
            "breaks " + "; ".join(map(str, found))
            if found
            else f"--strict: {change.severity} in a contracted service"
        )
        return f"{reason}: {change.transition}"


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


def broken_clauses(
    changes: Iterable[Change],
    failing: Iterable[Clause],
    touched: Mapping[str, tuple[str, ...]],
    old: Release,
) -> dict[str, tuple[Breach, ...]]:
    """Change fingerprint -> the assertions it breaks, among the ``failing`` clauses (those that
    fail on the candidate) it touches; changes breaking none are left out. A clause that holds is
    broken by nothing: an ``enum`` or ``tree`` clause compares with its fixture, not with ``old``.
    A call clause reads the paths its params reach in ``old``."""
    by_id = {(c.service, c.id): c for c in failing}
    passed: dict[tuple[str, str], dict[str, list[object]]] = {}

    def reached(clause: Clause) -> dict[str, list[object]]:
        if clause.call is None:
            return {}
        if (clause.service, clause.id) not in passed:
            try:
                service = old.load_service(clause.service, clause.api_version)
            except BotocontractError:  # not in the old release: every change there is new
                passed[clause.service, clause.id] = {}
            else:
                found = passed_paths(service, clause.call, clause.params or {})
                passed[clause.service, clause.id] = found
        return passed[clause.service, clause.id]

    broken: dict[str, tuple[Breach, ...]] = {}
    for change in changes:
        found = tuple(
            breach
            for clause_id in touched.get(change.fingerprint, ())
            if (change.service, clause_id) in by_id
            for clause in [by_id[change.service, clause_id]]
            for breach in breaches(clause, change, reached(clause))
        )
        if found:
            broken[change.fingerprint] = found
    return broken


def fatal_changes(
    changes: Iterable[Change], broken: Mapping[str, object], *, strict: bool, fail_on: str
) -> list[Change]:
    """The changes that fail the gate: at or above ``fail_on``, and breaking a clause unless
    ``strict``."""
    threshold = Severity(fail_on).rank if fail_on != NEVER else len(Severity)
    return [
        c for c in changes if c.severity.rank >= threshold and (strict or c.fingerprint in broken)
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
    ignore: IgnoreList | None = None,
) -> GateReport:
    """The gate from ``old`` to ``new`` for ``contracts`` (already checked against ``store``).

    ``overrides``: rule id -> severity; ``ignore``: the changes a team accepted."""
    # The check and the diff read the same new models, call clauses the old: parse each once.
    new.keep_models()
    old.keep_models()
    check_report = check(new, contracts, store)
    services = sorted({c.service for c in contracts})
    verdict = judge(
        compare_releases(old, new, services),
        overrides=overrides,
        ignore=ignore.reason_for if ignore else None,
    )
    changes = list(verdict.changes())
    touched = touched_clauses(changes, contracts)
    failing = [r.clause for r in check_report.failed]
    broken = broken_clauses(changes, failing, touched, old)
    return GateReport(
        check=check_report,
        verdict=verdict,
        touched=touched,
        breaches=broken,
        fatal=fatal_changes(changes, broken, strict=strict, fail_on=fail_on),
        strict=strict,
        fail_on=fail_on,
        stale_ignores=ignore.stale(services) if ignore else (),
    )
