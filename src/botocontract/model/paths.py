"""Paths into an operation's trees (rules.md): ``CreateApp.request.ResourceSpec.InstanceType``,
``CreateProject.request.Tags[].Key``, ``Attributes{}`` (a map's value), ``Attributes{key}``.

One parser for every front end (contracts, bisect, show), and one walker over the model and over
resolved trees (fixtures), so that a path means the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import PathError, did_you_mean
from .service import LIST_ELEMENT, MAP_KEY, MAP_VALUE, Member, Service, Shape
from .side import Side

_SIDES = frozenset(side.value for side in Side)
_STEP = re.compile(r"\.([^.\[{=]+)|\[\]|\{key\}|\{\}")
# The key of a resolved tree's node (model.tree) that holds the child at each step but ``.Name``.
TREE_KEYS = {LIST_ELEMENT: "member", MAP_KEY: "key", MAP_VALUE: "value"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelPath:
    """A parsed path into an operation's trees (not a file: that is ``pathlib.Path``)."""

    operation: str
    side: Side
    steps: tuple[str, ...]  # ".Name", "[]", "{}", "{key}"
    text: str

    @property
    def member_name(self) -> str | None:
        """The name of the member the path ends at, if it ends at a structure member."""
        return self.steps[-1][1:] if self.steps and self.steps[-1].startswith(".") else None


def parse_path(text: str) -> ModelPath:
    operation, _, rest = text.partition(".")
    side, _, tail = rest.partition(".")
    if not operation or side not in _SIDES:
        raise PathError(
            path=text,
            detail="a path reads Operation.request.Member... or Operation.response.Member...",
        )
    tail = "." + tail if tail else ""
    steps = split_steps(tail)
    if "".join(steps) != tail:
        raise PathError(
            path=text,
            detail="cannot read the part after the side (use Member, "
            "Member[], Member{} or Member{key})",
        )
    return ModelPath(operation=operation, side=Side(side), steps=steps, text=text)


def split_steps(text: str) -> tuple[str, ...]:
    """The steps of a path's tail, ``.Name``, ``[]``, ``{}`` or ``{key}``, as far as they read."""
    return tuple(m.group(0) for m in _STEP.finditer(text))


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    shape: Shape
    member: Member | None  # the member reference the path ends at, if any
    required: bool | None  # whether that member is required in its structure


def resolve(service: Service, path: ModelPath) -> Resolved:
    """The shape a path names in ``service``; a :class:`PathError` names the step that fails."""
    if path.operation not in service.operations:
        suggestion = did_you_mean(path.operation, list(service.operations))
        raise PathError(
            path=path.text, detail=f"{service.name} has no operation {path.operation!r}{suggestion}"
        )
    op = service.operations[path.operation]
    root = op.input if path.side is Side.REQUEST else op.output
    if root is None:
        raise PathError(path=path.text, detail=f"{path.operation} has no {path.side} shape")
    shape, member, required = service.shape(root), None, None
    for step in path.steps:
        member = shape.child(step)
        if member is None:
            detail = (
                _missing(shape, step[1:])
                if step.startswith(".")
                else f"{step} needs a list or map, {shape.name} is a {shape.type}"
            )
            raise PathError(path=path.text, detail=detail)
        required = step[1:] in shape.required if step.startswith(".") else None
        shape = service.shape(member.shape)
    return Resolved(shape=shape, member=member, required=required)


def _missing(shape: Shape, name: str) -> str:
    if not shape.has_members:
        return f"{shape.name} is a {shape.type}, it has no member {name!r}"
    return f"{shape.name} has no member {name!r}{did_you_mean(name, list(shape.members))}"


def tree_at(tree: dict[str, Any], path: ModelPath, steps_from: int = 0) -> dict[str, Any] | None:
    """The node of a resolved tree (``model.tree``) at ``path.steps[steps_from:]``, or None."""
    node: Any = tree
    for step in path.steps[steps_from:]:
        if not isinstance(node, dict):
            return None
        if step.startswith("."):
            node = (node.get("members") or {}).get(step[1:])
        else:
            node = node.get(TREE_KEYS[step])
    return node if isinstance(node, dict) else None
