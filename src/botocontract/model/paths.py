"""Paths into an operation's trees (rules.md): ``CreateApp.request.ResourceSpec.InstanceType``,
``CreateProject.request.Tags[].Key``, ``Attributes{}`` (a map's value), ``Attributes{key}``.

One parser for every front end (contracts, bisect, show), and one walker over the model and over
resolved trees (fixtures), so that a path means the same thing everywhere.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import PathError, did_you_mean
from .service import Member, Service, Shape

SIDES = ("request", "response")
_STEP = re.compile(r"\.([^.\[{=]+)|\[\]|\{key\}|\{\}")


class Path(NamedTuple):
    operation: str
    side: str  # "request" or "response"
    steps: tuple[str, ...]  # ".Name", "[]", "{}", "{key}"
    text: str

    @property
    def member_name(self) -> str | None:
        """The name of the member the path ends at, if it ends at a structure member."""
        return self.steps[-1][1:] if self.steps and self.steps[-1].startswith(".") else None


def parse_path(text: str) -> Path:
    operation, _, rest = text.partition(".")
    side, _, tail = rest.partition(".")
    if not operation or side not in SIDES:
        raise PathError(
            path=text,
            detail="a path reads Operation.request.Member... or Operation.response.Member...",
        )
    tail = "." + tail if tail else ""
    steps = tuple(m.group(0) for m in _STEP.finditer(tail))
    if "".join(steps) != tail:
        raise PathError(
            path=text,
            detail="cannot read the part after the side (use Member, "
            "Member[], Member{} or Member{key})",
        )
    return Path(operation, side, steps, text)


class Resolved(NamedTuple):
    shape: Shape
    member: Member | None  # the member reference the path ends at, if any
    required: bool | None  # whether that member is required in its structure


def resolve(service: Service, path: Path) -> Resolved:
    """The shape a path names in ``service``; a :class:`PathError` names the step that fails."""
    if path.operation not in service.operations:
        suggestion = did_you_mean(path.operation, list(service.operations))
        raise PathError(
            path=path.text, detail=f"{service.name} has no operation {path.operation!r}{suggestion}"
        )
    op = service.operations[path.operation]
    root = op.input if path.side == "request" else op.output
    if root is None:
        raise PathError(path=path.text, detail=f"{path.operation} has no {path.side} shape")
    shape, member, required = service.shape(root), None, None
    for step in path.steps:
        if step.startswith("."):
            name = step[1:]
            if shape.type not in ("structure", "union") or name not in shape.members:
                raise PathError(path=path.text, detail=_missing(shape, name))
            member, required = shape.members[name], name in shape.required
        elif step == "[]" and shape.type == "list" and shape.member:
            member, required = shape.member, None
        elif step == "{}" and shape.type == "map" and shape.value:
            member, required = shape.value, None
        elif step == "{key}" and shape.type == "map" and shape.key:
            member, required = shape.key, None
        else:
            raise PathError(
                path=path.text, detail=f"{step} needs a list or map, {shape.name} is a {shape.type}"
            )
        shape = service.shape(member.shape)
    return Resolved(shape, member, required)


def _missing(shape: Shape, name: str) -> str:
    if shape.type not in ("structure", "union"):
        return f"{shape.name} is a {shape.type}, it has no member {name!r}"
    return f"{shape.name} has no member {name!r}{did_you_mean(name, list(shape.members))}"


def tree_at(tree: dict[str, Any], path: Path, steps_from: int = 0) -> dict[str, Any] | None:
    """The node of a resolved tree (``model.tree``) at ``path.steps[steps_from:]``, or None."""
    node: Any = tree
    for step in path.steps[steps_from:]:
        if not isinstance(node, dict):
            return None
        if step.startswith("."):
            node = (node.get("members") or {}).get(step[1:])
        else:
            node = node.get({"[]": "member", "{}": "value", "{key}": "key"}[step])
    return node if isinstance(node, dict) else None
