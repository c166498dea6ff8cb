"""Example calls: would a real client accept them?

botocore's own ParamValidator checks member names, types, required members and minimums, as a
client does before it sends anything. It does not check enum values (the service does), so those
are checked here against the release's enums: a contract that sends ``AppType: JupyterLab`` fails
on a release where that value is gone.
"""

from __future__ import annotations

from typing import Any

from ..model.service import Service


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
        problems += _enum_problems(service, root, params, operation)
    return problems


def _enum_problems(service: Service, shape_name: str, value: Any, where: str) -> list[str]:
    shape = service.shape(shape_name)
    if shape.enum is not None and isinstance(value, str) and value not in shape.enum:
        return [f"{where}: {value!r} is not one of the {len(shape.enum)} values of {shape.name}"]
    problems: list[str] = []
    if shape.type in ("structure", "union") and isinstance(value, dict):
        for name, item in value.items():
            if name in shape.members:
                problems += _enum_problems(
                    service, shape.members[name].shape, item, f"{where}.{name}"
                )
    elif shape.type == "list" and shape.member and isinstance(value, list):
        for item in value:
            problems += _enum_problems(service, shape.member.shape, item, f"{where}[]")
    elif shape.type == "map" and shape.key and shape.value and isinstance(value, dict):
        for key, item in value.items():
            problems += _enum_problems(service, shape.key.shape, key, f"{where}{{key}}")
            problems += _enum_problems(service, shape.value.shape, item, f"{where}{{}}")
    return problems
