"""Operations named as the code names them: a contract may say ``create_app.request.RecoveryMode``
as well as ``CreateApp.request.RecoveryMode`` (and ``paginator: scan``, ``waiter: table_exists``).
Clients make their method names from the model's with botocore's ``xform_name``; the same mapping,
read backwards against a release's operations and waiters, gives the model's name back, and every
report shows that one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..model.paths import parse_path
from ..sources.release import Release
from .load import Clause, Contract


def method_names(names: Iterable[str]) -> dict[str, str]:
    """Model names by the snake_case names clients give them (``ListObjectsV2`` is
    ``list_objects_v2``), with botocore's own mapping."""
    from botocore import xform_name

    return {xform_name(name): name for name in names}


def _written_as_code(name: str | None) -> bool:
    return bool(name) and name[0].islower()  # type: ignore[index]


def _named(clause: Clause) -> str | None:
    """The operation (or waiter) a clause names first, as written."""
    if clause.path:
        return clause.path.operation
    if clause.error:
        return clause.error_parts[0]
    return clause.call or clause.paginator or clause.waiter


def uses_code_names(contracts: Iterable[Contract]) -> bool:
    return any(_written_as_code(_named(c)) for contract in contracts for c in contract.clauses)


def with_model_names(contracts: list[Contract], release: Release) -> list[Contract]:
    """The contracts with every operation named as the model names it in ``release``; a name
    that is in neither form is left as written, for the usual complaint about it."""
    if not uses_code_names(contracts):
        return contracts
    out = []
    for contract in contracts:
        model = release.load_service(contract.service, contract.api_version)
        names = method_names(model.operations)
        waiters = method_names(model.waiters)
        clauses = tuple(_renamed(c, names, waiters) for c in contract.clauses)
        out.append(dataclasses.replace(contract, clauses=clauses))
    return out


def _renamed(clause: Clause, names: dict[str, str], waiters: dict[str, str]) -> Clause:
    if clause.path is not None and clause.path.operation in names:
        text = names[clause.path.operation] + clause.path.text[len(clause.path.operation) :]
        return dataclasses.replace(clause, path=parse_path(text))
    if clause.call is not None and clause.call in names:
        return dataclasses.replace(clause, call=names[clause.call])
    if clause.paginator is not None and clause.paginator in names:
        return dataclasses.replace(clause, paginator=names[clause.paginator])
    if clause.waiter is not None:
        operation = names.get(clause.operation or "", clause.operation)
        return dataclasses.replace(
            clause, waiter=waiters.get(clause.waiter, clause.waiter), operation=operation
        )
    if clause.error is not None and clause.error_parts[0] in names:
        operation, code = clause.error_parts
        return dataclasses.replace(clause, error=f"{names[operation]}.errors.{code}")
    return clause
