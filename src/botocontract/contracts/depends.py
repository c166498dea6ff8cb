"""What a clause depends on: which of its assertions a judged change breaks.

A change near a pinned path is not always a change the clause cares about: a clause that asks for
``enum_contains: [ml.m5.large]`` does not mind ``ml.c6id.12xlarge`` going away. Each assertion
names the changes that break it:

- every path clause: the removal of its path, of a member or operation that holds it, or a type
  change above it (the path stops resolving);
- ``type``: a type change at the path to another type; ``required``: a required-ness change
  against the clause's word;
- ``enum_contains``: the removal of one of its values, or the enum itself going;
- ``enum``: what the policy forbids: a lost value (``additive``), a gained one (``closed``), either
  (``exact``), or the enum going;
- ``tree``: what ``contracts.treediff`` forbids inside the tree: any change of what a resolved tree
  holds (``exact``), all but new optional members and new enum values (``additive``);
- a call: what makes the call fail: its operation removed; a member it passes removed or changing
  type; an enum value it passes removed (or an enum that comes and lacks it); a member becoming
  required, or new and required, where the call passes the structure but not the member;
- a paginator: its removal (or its operation's); ``input_token``/``output_token``: a change of
  that key to other names; ``result_key``: a change that drops one of the clause's keys;
- a waiter: its removal; ``operation``: a change of the operation it polls to another;
- an error: its removal from the operation's errors, or the operation's removal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..diff.facts import Fact, Kind
from ..model.paths import parse_path
from ..model.side import Side
from ..rules.judge import Change
from .evaluate import covers
from .load import Clause


@dataclass(frozen=True, slots=True, kw_only=True)
class Breach:
    """One assertion of one clause that a change breaks."""

    clause: str  # the clause's id
    key: str  # the clause key that asserts it: path, type, required, enum, ... or call
    assertion: str  # the assertion as the contract reads: "enum_contains: [ml.m5.large]"

    def __str__(self) -> str:
        return f"{self.clause} ({self.assertion})"


# What a resolved tree (model.tree) holds, beyond its kinds of members and values: the traits a
# tree clause compares. Other facts (documentation, error lists, most traits) leave trees equal.
_TREE_KINDS = frozenset(
    {
        Kind.TYPE_CHANGED,
        Kind.ENUM_VALUE_ADDED,
        Kind.ENUM_VALUE_REMOVED,
        Kind.CONSTRAINT_CHANGED,
        Kind.MEMBER_ADDED,
        Kind.MEMBER_REMOVED,
        Kind.REQUIRED_CHANGED,
        Kind.STREAMING_CHANGED,
    }
)
_TREE_ATTRIBUTES = {
    Kind.DEPRECATED_CHANGED: frozenset({"deprecated"}),
    Kind.TRAIT_CHANGED: frozenset({"sensitive", "location", "location_name", "idempotency_token"}),
}


def split_value(path: str) -> tuple[str, str | None]:
    """``...InstanceType=ml.m5.large`` -> (``...InstanceType``, ``ml.m5.large``); names never
    hold ``=``, so the first one starts the value."""
    base, sep, value = path.partition("=")
    return base, value if sep else None


def breaches(
    clause: Clause, change: Change, passed: Mapping[str, list[Any]] | None = None
) -> list[Breach]:
    """The assertions of ``clause`` that ``change`` breaks; ``passed``: for a call clause, the
    paths its params reach in the old release (``calls.passed_paths``)."""
    if clause.service != change.service:
        return []
    if clause.call is not None:
        broken = _call_breach(clause.call, change.fact, passed or {})
        return [Breach(clause=clause.id, key="call", assertion=broken)] if broken else []

    def breach(key: str, words: str) -> Breach:
        return Breach(clause=clause.id, key=key, assertion=f"{key}: {words}")

    if not clause.pins_tree:
        return [breach(key, words) for key, words in _named_breaches(clause, change.fact)]
    assert clause.path is not None
    fact, pinned = change.fact, clause.path.text
    base, value = split_value(change.path)

    if _unresolves(fact, base, pinned, clause.path.operation):
        return [breach("path", pinned)]
    found: list[Breach] = []
    if base == pinned:
        enum_goes = fact.kind is Kind.TYPE_CHANGED or (
            fact.kind is Kind.CONSTRAINT_CHANGED and fact.attribute == "enum"
        )
        if clause.type and fact.kind is Kind.TYPE_CHANGED and fact.new != clause.type:
            found.append(breach("type", clause.type))
        if (
            clause.required is not None
            and fact.kind is Kind.REQUIRED_CHANGED
            and bool(fact.new) != clause.required
        ):
            found.append(breach("required", str(clause.required).lower()))
        if clause.enum_contains and (
            enum_goes or (fact.kind is Kind.ENUM_VALUE_REMOVED and value in clause.enum_contains)
        ):
            found.append(breach("enum_contains", f"[{', '.join(clause.enum_contains)}]"))
        if clause.enum and (enum_goes or _enum_forbids(clause.enum, fact.kind)):
            found.append(breach("enum", clause.enum))
    if clause.tree and covers(pinned, base) and _tree_forbids(clause.tree, fact):
        found.append(breach("tree", clause.tree))
    return found


def _unresolves(fact: Fact, base: str, pinned: str, operation: str) -> bool:
    """Whether the change takes away what holds ``pinned``: it, or something above it."""
    if fact.kind is Kind.OPERATION_REMOVED:
        return base == operation
    if fact.kind is Kind.MEMBER_REMOVED:
        return covers(base, pinned)
    return fact.kind is Kind.TYPE_CHANGED and base != pinned and covers(base, pinned)


def _enum_forbids(policy: str, kind: Kind) -> bool:
    if kind is Kind.ENUM_VALUE_REMOVED:
        return policy != "closed"
    return kind is Kind.ENUM_VALUE_ADDED and policy != "additive"


def _tree_forbids(policy: str, fact: Fact) -> bool:
    in_tree = fact.kind in _TREE_KINDS or fact.attribute in _TREE_ATTRIBUTES.get(
        fact.kind, frozenset()
    )
    if not in_tree or policy == "exact":
        return in_tree
    grows = fact.kind is Kind.ENUM_VALUE_ADDED or (
        fact.kind is Kind.MEMBER_ADDED and not fact.required
    )
    return not grows


def _call_breach(operation: str, fact: Fact, passed: Mapping[str, list[Any]]) -> str | None:
    """How the change makes the call fail, as the assertion it breaks; None if it does not."""
    if fact.kind is Kind.OPERATION_REMOVED:
        return f"call: {operation}" if fact.path == operation else None
    if fact.operation != operation or fact.side is not Side.REQUEST:
        return None
    root = f"{operation}.request"
    base, _ = split_value(fact.path)

    def shown(path: str) -> str:
        return path.removeprefix(root + ".")

    if fact.kind is Kind.ENUM_VALUE_REMOVED and fact.path in passed:
        return f"call: {operation} passes {shown(fact.path)}"
    if fact.kind in (Kind.MEMBER_REMOVED, Kind.TYPE_CHANGED) and base in passed:
        return f"call: {operation} passes {shown(base)}"
    if (
        fact.kind is Kind.CONSTRAINT_CHANGED
        and fact.attribute == "enum"
        and isinstance(fact.new, list)
        and any(isinstance(v, str) and v not in fact.new for v in passed.get(base, ()))
    ):
        return f"call: {operation} passes {shown(base)} outside the new enum"
    newly_required = (fact.kind is Kind.MEMBER_ADDED and fact.required) or (
        fact.kind is Kind.REQUIRED_CHANGED and bool(fact.new)
    )
    if newly_required and base not in passed and (_parent(base) in passed or _parent(base) == root):
        return f"call: {operation} does not pass {shown(base)}"
    return None


def _parent(path: str) -> str:
    """The path one step up: ``Op.request.A[].B`` -> ``Op.request.A[]``."""
    parsed = parse_path(path)
    head = f"{parsed.operation}.{parsed.side}"
    return head + "".join(parsed.steps[:-1])


def _named_breaches(clause: Clause, fact: Fact) -> list[tuple[str, str]]:
    """What a change breaks of a paginator, waiter or error clause: (key, its words)."""
    if clause.paginator is not None:
        operation = clause.paginator
        removed = fact.kind is Kind.PAGINATOR_REMOVED and fact.path == f"{operation}.paginator"
        if removed or (fact.kind is Kind.OPERATION_REMOVED and fact.path == operation):
            return [("paginator", operation)]
        if fact.path != f"{operation}.paginator" or fact.kind is not Kind.PAGINATOR_CHANGED:
            return []
        new = fact.new or []
        tokens = {"input_token": clause.input_token, "output_token": clause.output_token}
        wanted = tokens.get(fact.attribute or "")
        if wanted is not None and list(wanted) != new:
            return [(str(fact.attribute), f"[{', '.join(wanted)}]")]
        keys = clause.result_key
        if fact.attribute == "result_key" and keys and any(key not in new for key in keys):
            return [("result_key", f"[{', '.join(keys)}]")]
        return []
    if clause.waiter is not None:
        if fact.path != f"waiter.{clause.waiter}":
            return []
        if fact.kind is Kind.WAITER_REMOVED:
            return [("waiter", clause.waiter)]
        moved = fact.kind is Kind.WAITER_CHANGED and fact.attribute == "operation"
        if moved and clause.operation is not None and fact.new != clause.operation:
            return [("operation", clause.operation)]
        return []
    operation, _ = clause.error_parts
    if (fact.kind is Kind.ERROR_REMOVED and fact.path == clause.error) or (
        fact.kind is Kind.OPERATION_REMOVED and fact.path == operation
    ):
        return [("error", str(clause.error))]
    return []
