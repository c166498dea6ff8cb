"""Operations named as the code names them: a contract may say ``create_app.request.RecoveryMode``
as well as ``CreateApp.request.RecoveryMode``. Clients make their method names from the model's
with botocore's ``xform_name``; the same mapping, read backwards against a release's operations,
gives the model's name back, and every report shows that one."""

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


def uses_code_names(contracts: Iterable[Contract]) -> bool:
    return any(
        _written_as_code(c.path.operation if c.path else c.call)
        for contract in contracts
        for c in contract.clauses
    )


def with_model_names(contracts: list[Contract], release: Release) -> list[Contract]:
    """The contracts with every operation named as the model names it in ``release``; a name
    that is in neither form is left as written, for the usual complaint about it."""
    if not uses_code_names(contracts):
        return contracts
    out = []
    for contract in contracts:
        model = release.load_service(contract.service, contract.api_version)
        names = method_names(model.operations)
        clauses = tuple(_renamed(c, names) for c in contract.clauses)
        out.append(dataclasses.replace(contract, clauses=clauses))
    return out


def _renamed(clause: Clause, names: dict[str, str]) -> Clause:
    if clause.path is not None and clause.path.operation in names:
        text = names[clause.path.operation] + clause.path.text[len(clause.path.operation) :]
        return dataclasses.replace(clause, path=parse_path(text))
    if clause.call is not None and clause.call in names:
        return dataclasses.replace(clause, call=names[clause.call])
    return clause
