"""What the code uses that no contract pins: ``check --code`` fails on it, so that contracts
cannot silently fall behind the code. A member is pinned when a clause's path holds it or lies
below it (a clause on ``Tags[].Key`` needs ``Tags``); an operation when any clause names it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..contracts.evaluate import covers
from ..contracts.load import Contract
from .check import ScanReport
from .findings import Finding


def _param_paths(prefix: str, value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{prefix}.{key}"
            yield from _param_paths(f"{prefix}.{key}", item)
    elif isinstance(value, list):
        for item in value:
            yield from _param_paths(f"{prefix}[]", item)


def pinned(contracts: Iterable[Contract]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """By service: the paths the clauses pin, and the operations they name."""
    paths: dict[str, set[str]] = {}
    operations: dict[str, set[str]] = {}
    for contract in contracts:
        for clause in contract.clauses:
            found = paths.setdefault(contract.service, set())
            if clause.path is not None:
                found.add(clause.path.text)
                operations.setdefault(contract.service, set()).add(clause.path.operation)
            elif clause.call is not None:
                found.update(_param_paths(f"{clause.call}.request", clause.params or {}))
                operations.setdefault(contract.service, set()).add(clause.call)
            else:  # a paginator, waiter or error clause names its operation
                named = clause.paginator or clause.operation
                named = clause.error_parts[0] if clause.error else named
                if named:
                    operations.setdefault(contract.service, set()).add(named)
    return paths, operations


def unpinned(report: ScanReport, contracts: Iterable[Contract]) -> tuple[Finding, ...]:
    paths, operations = pinned(contracts)
    gaps: list[Finding] = []
    for checked in report.calls:
        call = checked.call
        named = operations.get(call.service, set())
        held = paths.get(call.service, set())
        for operation in checked.operations[:1]:
            if operation not in named:
                gaps.append(
                    Finding(
                        call.file,
                        call.line,
                        f"{call.service} {operation} is called ({call.method}) "
                        "but no contract pins it",
                    )
                )
                continue
            for side, verb, sites in (
                ("request", "passed", checked.request),
                ("response", "read", checked.response),
            ):
                for site in sites:
                    path = f"{checked.member_operation}.{side}.{site.path}"
                    if not any(covers(p, path) or covers(path, p) for p in held):
                        gaps.append(
                            Finding(
                                call.file,
                                site.line,
                                f"{call.service} {path} is {verb} but no contract pins it",
                            )
                        )
    return tuple(gaps)
