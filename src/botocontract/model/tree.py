"""Resolved trees: an operation's request or response written out member by member.

The canonical JSON form (what ``show --format json`` prints, and what fixtures hold) keeps only
what matters to a caller, leaves defaults out, sorts enum values (their order is never a change),
and writes a shape met again inside itself as ``{"recursive": "ShapeName"}``.
"""

from __future__ import annotations

from typing import Any

from .paths import TREE_KEYS, ModelPath, resolve
from .service import Member, Service, Shape

Tree = dict[str, Any]


def shape_tree(service: Service, name: str, _inside: frozenset[str] = frozenset()) -> Tree:
    if name in _inside:
        return {"recursive": name}
    shape = service.shape(name)
    inside = _inside | {name}
    node: Tree = {"type": shape.type}
    _constraints(shape, node)
    if shape.has_members:
        node["members"] = {
            step[1:]: _member_tree(service, member, inside, step[1:] in shape.required)
            for step, member in shape.children()
        }
    else:
        for step, member in shape.children():
            node[TREE_KEYS[step]] = _member_tree(service, member, inside, False)
    return node


def _constraints(shape: Shape, node: Tree) -> None:
    if shape.enum is not None:
        node["enum"] = sorted(shape.enum)
    if shape.min:
        node["min"] = shape.min
    if shape.max is not None:
        node["max"] = shape.max
    if shape.pattern is not None:
        node["pattern"] = shape.pattern
    for flag in ("deprecated", "sensitive"):
        if getattr(shape, flag):
            node[flag] = True
    if shape.streaming:
        node["streaming"] = shape.streaming


def _member_tree(service: Service, member: Member, inside: frozenset[str], required: bool) -> Tree:
    node = shape_tree(service, member.shape, inside)
    node = dict(node)  # the target's node may be shared; member facets are this member's own
    if required:
        node["required"] = True
    if member.deprecated:
        node["deprecated"] = True
    if member.location:
        node["location"] = member.location
    if member.location_name and member.location:
        node["locationName"] = member.location_name
    if member.idempotency_token:
        node["idempotencyToken"] = True
    return node


def path_tree(service: Service, path: ModelPath) -> Tree:
    """The resolved tree at ``path``, with the facets of the member it ends at."""
    found = resolve(service, path)
    if found.member is None:
        return shape_tree(service, found.shape.name)
    return _member_tree(service, found.member, frozenset(), bool(found.required))


def operation_trees(service: Service, operation: str) -> Tree:
    op = service.operations[operation]
    return {
        "operation": op.name,
        "http": {"method": op.http_method, "requestUri": op.request_uri},
        "request": shape_tree(service, op.input) if op.input else None,
        "response": shape_tree(service, op.output) if op.output else None,
        "errors": list(op.errors),
        "deprecated": op.deprecated,
    }
