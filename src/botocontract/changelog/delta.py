"""The published changelog's per-method deltas, built from the facts of a diff.

A delta holds what the AWS API changelog prints under ``Changes (request)``, by the rules of the
published generator (``awslabs/aws-sdk-api-changes``, ``apichanges/model.py``): a new member with
its whole form, values added to an enum as a set, a member that became a structure with its whole
new form, nested along the member names of the path. A list or map the path passes through adds
nothing (the delta of a list is the delta of its member, of a map the delta of its value; map keys
are not followed); brackets appear only inside the whole form of a new member. New forms need the
new model, so deltas are built where it is at hand (see ``diff.release``'s attach hook).
"""

from __future__ import annotations

from typing import Any

from ..diff.facts import Fact, Kind
from ..model.forms import shape_form
from ..model.paths import split_steps
from ..model.service import MAP_KEY, Service
from ..model.side import Side

Delta = dict[str, Any]
_STRUCTURES = frozenset({"structure", "union", "document"})


def _tokens(fact: Fact) -> list[str]:
    """The steps below the operation's request or response: ``.Name``, ``[]``, ``{}``, ``{key}``."""
    rest = fact.path[len(f"{fact.operation}.{fact.side}") :]
    return list(split_steps(rest.partition("=")[0]))


def shown_in_delta(service: str, fact: Fact) -> bool:
    """Whether the published format shows ``fact`` in its method's Changes block."""
    if fact.side is None or fact.operation is None:
        return False
    tokens = _tokens(fact)
    members = [t for t in tokens if t.startswith(".")]
    if not members or MAP_KEY in tokens:
        return False
    if service == "ec2" and fact.side == Side.REQUEST and members[0] == ".TagSpecifications":
        return False  # the generator drops these from every ec2 request: a special case of its own
    if fact.kind in (Kind.MEMBER_ADDED, Kind.ENUM_VALUE_ADDED):
        return True
    if fact.kind is Kind.TYPE_CHANGED:
        # Only a member that became a structure shows (its whole form); a scalar shows nothing.
        return fact.new in _STRUCTURES and fact.old not in _STRUCTURES
    # A string that became an enum: every value is new to the generator.
    return fact.kind is Kind.CONSTRAINT_CHANGED and fact.attribute == "enum" and bool(fact.new)


def build_deltas(
    new: Service | None, facts: tuple[Fact, ...]
) -> dict[str, dict[str, Delta | None]]:
    """``{operation: {"request": delta or None, "response": delta or None}}``."""
    deltas: dict[str, dict[str, Delta | None]] = {}
    if new is None:
        return deltas
    for fact in facts:
        name, side = fact.operation, fact.side
        if name is None or side is None or name not in new.operations:
            continue
        if not shown_in_delta(new.name, fact):
            continue
        operation = new.operations[name]
        root = operation.input if side == Side.REQUEST else operation.output
        tokens = _tokens(fact)
        if fact.kind is Kind.ENUM_VALUE_ADDED:
            leaf: Any = {fact.new}
        elif fact.kind is Kind.CONSTRAINT_CHANGED:
            leaf = set(fact.new)
        else:
            leaf = _form_at(new, root, tokens)
        if leaf is None:
            continue
        sides = deltas.setdefault(name, {"request": None, "response": None})
        delta = sides[side] or {}
        _put(delta, [t[1:] for t in tokens if t.startswith(".")], leaf)
        sides[side] = delta
    return deltas


def _put(node: Delta, keys: list[str], leaf: Any) -> None:
    """``leaf`` placed in ``node`` under the member names ``keys``; enum values gather."""
    *parents, last = keys
    for key in parents:
        child = node.get(key)
        if not isinstance(child, dict):
            child = node[key] = {}
        node = child
    existing = node.get(last)
    node[last] = existing | leaf if isinstance(existing, set) and isinstance(leaf, set) else leaf


def _form_at(new: Service, root: str | None, tokens: list[str]) -> Any:
    shape = root
    for token in tokens:
        if shape is None:
            return None
        member = new.shape(shape).child(token)
        shape = member.shape if member else None
    return shape_form(new, shape) if shape else None


def delta_as_json(delta: Any) -> Any:
    """cli.md: sets become sorted lists."""
    if isinstance(delta, set):
        return sorted(delta)
    if isinstance(delta, dict):
        return {k: delta_as_json(v) for k, v in sorted(delta.items())}
    if isinstance(delta, list):
        return [delta_as_json(v) for v in delta]
    return delta
