"""Example calls: would a real client accept them?

botocore's own ParamValidator checks member names, types, required members and minimums, as a
client does before it sends anything. It does not check enum values (the service does), so those
are checked here against the release's enums: a contract that sends ``AppType: JupyterLab`` fails
on a release where that value is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model.service import LIST_ELEMENT, MAP_KEY, MAP_VALUE, Service, Shape


def call_problems(service: Service, operation: str, params: dict[str, Any]) -> list[str]:
    """What a client of this release would reject in the call, as sentences; [] if it is fine."""
    from botocore.model import ServiceModel
    from botocore.validate import ParamValidator

    if operation not in service.operations:
        return [f"{service.name} has no operation {operation}"]
    model = ServiceModel(dict(service.raw), service_name=service.name)
    input_shape = model.operation_model(operation).input_shape
    problems: list[str] = []
    if input_shape is None:
        if params:
            problems.append(f"{operation} takes no parameters")
    else:
        report = ParamValidator().validate(params, input_shape)
        if report.has_errors():
            problems += [
                line.strip() for line in report.generate_report().splitlines() if line.strip()
            ]
    root = service.operations[operation].input
    if root is not None:
        problems += [
            f"{where}: {value!r} is not one of the {len(shape.enum)} values of {shape.name}"
            for where, shape, value in _reached(service, root, params, operation)
            if shape.enum is not None and isinstance(value, str) and value not in shape.enum
        ]
    return problems


def passed_paths(service: Service, operation: str, params: dict[str, Any]) -> dict[str, list[Any]]:
    """Every path (rules.md) a call's params reach in the request of ``operation``, with the
    values passed there; a string passed to an enum also as ``path=value``."""
    found: dict[str, list[Any]] = {}
    op = service.operations.get(operation)
    if op is None or op.input is None:
        return found
    for where, shape, value in _reached(service, op.input, params, f"{operation}.request"):
        found.setdefault(where, []).append(value)
        if shape.enum is not None and isinstance(value, str):
            found.setdefault(f"{where}={value}", []).append(value)
    return found


def _reached(
    service: Service, shape_name: str, value: Any, where: str
) -> Iterator[tuple[str, Shape, Any]]:
    """Each part of a parameter value below ``shape_name``: its path, its shape and the value."""
    shape = service.shape(shape_name)
    for step, item in _steps_into(shape, value):
        member = shape.child(step)
        if member is not None:
            yield where + step, service.shape(member.shape), item
            yield from _reached(service, member.shape, item, where + step)


def _steps_into(shape: Shape, value: Any) -> Iterator[tuple[str, Any]]:
    """Each part of a parameter value with the path step that leads to it in ``shape``."""
    if shape.has_members and isinstance(value, dict):
        for name, item in value.items():
            yield "." + name, item
    elif isinstance(value, list):
        for item in value:
            yield LIST_ELEMENT, item
    elif isinstance(value, dict):
        for key, item in value.items():
            yield MAP_KEY, key
            yield MAP_VALUE, item
