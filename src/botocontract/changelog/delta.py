"""The published changelog's per-method deltas, built from the facts of a diff.

A delta holds what the AWS API changelog prints under ``Changes (request)``: new members with their
form, values added to existing enums as a set, a member whose type changed with its whole new form,
nested as the path is. Map values are written under their key's form, which only the new model
knows, so deltas are built where the model is at hand (see ``diff.release``'s attach hook).
"""

from __future__ import annotations

import re
from typing import Any

from ..diff.facts import Fact, Kind
from ..model.forms import key_form, shape_form
from ..model.service import Service

Delta = dict[str, Any]
SHOWN = frozenset({Kind.MEMBER_ADDED, Kind.ENUM_VALUE_ADDED, Kind.TYPE_CHANGED})
_TOKEN = re.compile(r"\.([^.\[{=]+)|\[\]|\{key\}|\{\}")


def shown_in_delta(fact: Fact) -> bool:
    return fact.kind in SHOWN and fact.side in ("request", "response")


def build_deltas(
    new: Service | None, facts: tuple[Fact, ...]
) -> dict[str, dict[str, Delta | None]]:
    """``{operation: {"request": delta or None, "response": delta or None}}``."""
    deltas: dict[str, dict[str, Delta | None]] = {}
    if new is None:
        return deltas
    for fact in facts:
        name, side = fact.operation, fact.side
        if not shown_in_delta(fact) or name is None or side is None or name not in new.operations:
            continue
        operation = new.operations[name]
        root = operation.input if side == "request" else operation.output
        sides = deltas.setdefault(name, {"request": None, "response": None})
        delta = sides[side] or {}
        _place(new, root, delta, fact, fact.path[len(f"{name}.{side}") :])
        sides[side] = delta
    return deltas


def _place(new: Service, root: str | None, delta: Delta, fact: Fact, rest: str) -> None:
    container, _, enum_value = rest.partition("=")
    tokens = [m.group(0) for m in _TOKEN.finditer(container)]
    if "{key}" in tokens:
        # A change to a map's keys: show the map's whole new form where the map stands.
        tokens = tokens[: tokens.index("{key}")]
    elif fact.kind is Kind.ENUM_VALUE_ADDED:
        delta.update(_put(delta, tokens, {enum_value}, new, root))
        return
    # A new member, or one whose type changed: its whole new form.
    leaf = _form_at(new, root, tokens)
    if tokens and leaf is not None:
        delta.update(_put(delta, tokens, leaf, new, root))


def _put(node: Any, tokens: list[str], leaf: Any, new: Service, shape: str | None) -> Any:
    """``node`` with ``leaf`` placed at ``tokens`` below it (``node`` None: nothing there yet)."""
    if not tokens:
        return _merge(node, leaf)
    token, rest = tokens[0], tokens[1:]
    current = new.shape(shape) if shape and new.has_shape(shape) else None
    if token == "[]":
        child = current.member.shape if current and current.member else None
        inner = node[0] if isinstance(node, list) and node else None
        return [_put(inner, rest, leaf, new, child)]
    if token == "{}":
        key = key_form(new, current.key.shape) if current and current.key else "string"
        child = current.value.shape if current and current.value else None
    else:
        key = token[1:]
        member = current.members.get(key) if current else None
        child = member.shape if member else None
    base = node if isinstance(node, dict) else {}
    base[key] = _put(base.get(key), rest, leaf, new, child)
    return base


def _merge(existing: Any, leaf: Any) -> Any:
    if isinstance(existing, set) and isinstance(leaf, set):
        return existing | leaf
    return leaf


def _form_at(new: Service, root: str | None, tokens: list[str]) -> Any:
    shape = root
    for token in tokens:
        if shape is None:
            return None
        current = new.shape(shape)
        if token == "[]":
            shape = current.member.shape if current.member else None
        elif token == "{}":
            shape = current.value.shape if current.value else None
        else:
            member = current.members.get(token[1:])
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
