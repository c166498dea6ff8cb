"""The show use case: one service of an opened release, or one operation's normalized trees."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ModelError, UnknownOperationError, did_you_mean
from .model.service import Service
from .model.tree import Tree, operation_trees
from .sources.release import Release


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowReport:
    spec: str  # the release as the user named it
    model: Service
    operation: str | None  # None: the operation list
    trees: Tree | None  # the operation's trees (operation_trees), when one was asked for


def _check_operation(model: Service, operation: str, release_label: str) -> None:
    """Raise ``UnknownOperationError`` unless ``model`` has ``operation``."""
    if operation not in model.operations:
        raise UnknownOperationError(
            operation=operation,
            service=model.name,
            release=release_label,
            suggestion=did_you_mean(operation, list(model.operations)),
        )


def show(
    release: Release, service: str, operation: str | None = None, api_version: str | None = None
) -> ShowReport:
    """The model of ``service`` and, when ``operation`` is given, its request/response trees.

    Raises ``UnknownOperationError``, and ``ModelError`` for shapes nested beyond walking."""
    model = release.load_service(service, api_version)
    if operation is None:
        return ShowReport(spec=release.spec, model=model, operation=None, trees=None)
    _check_operation(model, operation, release.spec)
    try:
        trees = operation_trees(model, operation)
    except RecursionError:
        raise ModelError(
            path=model.source,
            detail=f"{operation}'s shapes nest too deeply to "
            "show (thousands of levels; real models have a few dozen)",
        ) from None
    return ShowReport(spec=release.spec, model=model, operation=operation, trees=trees)
