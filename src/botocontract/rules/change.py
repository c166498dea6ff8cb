"""One judged change: its rule, severity, message and fingerprint, and how each is worded. A far
release pair re-roots one fact at thousands of paths, so what a change says apart from its path is
worked out once and each path only fills itself in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..diff.facts import Fact, Kind
from ..model.side import Side
from .severity import Severity
from .table import RULES_BY_ID, Rule, rule_for


class Change(NamedTuple):
    rule: str
    severity: Severity
    service: str
    operation: str | None
    side: Side | None
    path: str
    old: Any
    new: Any
    message: str
    fingerprint: str
    fact: Fact

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "operation": self.operation,
            "side": self.side,
            "path": self.path,
            "old": jsonable(self.old),
            "new": jsonable(self.new),
            "message": self.message,
            "fingerprint": self.fingerprint,
        }

    @property
    def transition(self) -> str:
        """What changed, as ``old -> new``: ``ml.m5.large -> absent``, ``optional -> required``."""
        kind = self.fact.kind
        if kind is Kind.REQUIRED_CHANGED:
            return " -> ".join("required" if v else "optional" for v in (self.old, self.new))
        before, after = _state(self.old), _state(self.new)
        if self.old is None and self.new is None:  # a thing itself came or went
            before, after = ("present", "absent") if kind in _GONE else ("absent", "present")
        after += " (required)" if self.fact.required else ""
        return (f"{self.fact.attribute}: " if self.fact.attribute else "") + f"{before} -> {after}"


# Removals whose fact carries no value: the thing itself went.
_GONE = frozenset(
    {Kind.SERVICE_REMOVED, Kind.OPERATION_REMOVED, Kind.PAGINATOR_REMOVED, Kind.WAITER_REMOVED}
)


def _state(value: Any) -> str:
    return "absent" if value is None else _shown(value)


_PLAIN = frozenset({str, int, bool, type(None)})


def jsonable(value: Any) -> Any:
    if value.__class__ in _PLAIN:  # most values: a far pair renders a hundred thousand pairs
        return value
    if isinstance(value, (frozenset, set, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def fingerprint(rule: str, service: str, path: str, old: Any, new: Any) -> str:
    """A short hash that names exactly this change, for ignore files."""
    return Wording(rule, service, old, new).fingerprint(path)


class Wording:
    """What every change of one rule, service and pair of values says, whatever its path: a far
    release pair re-roots one change at thousands of paths, and each takes only its path from
    here."""

    __slots__ = ("_head", "_tail")

    def __init__(self, rule: str, service: str, old: Any, new: Any) -> None:
        # The hashed text is repr((rule, service, path, old, new)) of the values a fact holds
        # (strings, numbers, booleans, None, lists of strings): stable across runs and platforms.
        # Laid out here around the path, as the repr of that tuple lays it out.
        self._head = f"({rule!r}, {service!r}, "
        self._tail = f", {jsonable(old)!r}, {jsonable(new)!r})"

    def fingerprint(self, path: str) -> str:
        text = self._head + repr(path) + self._tail
        return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def shown_value(value: Any) -> str:
    """A change's old or new value as its message and the JSON say it: a string as it is,
    anything else as JSON (``true``, ``["Items", "More"]``), never as Python prints it (``True``,
    ``('Items', 'More')``); whole (a message cuts it short)."""
    return value if isinstance(value, str) else json.dumps(jsonable(value), default=str)


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    text = shown_value(value)
    return text if len(text) <= 60 else text[:57] + "..."


def judge_fact(service: str, fact: Fact, overrides: Mapping[str, Severity]) -> Change:
    """One fact judged on its own (a whole diff is judged in groups: see ``rules.grouped``)."""
    rule = rule_for(fact)
    path = fact.path
    return Change(
        rule.id,
        overrides.get(rule.id, rule.severity),
        service,
        fact.operation,
        fact.side,
        path,
        fact.old,
        fact.new,
        _message(rule, fact, path),
        Wording(rule.id, service, fact.old, fact.new).fingerprint(path),
        fact,
    )


def _message(rule: Rule, fact: Fact, path: str) -> str:
    return path.join(message_parts(rule, fact))


def message_parts(rule: Rule, fact: Fact) -> list[str]:
    """The message with every value but the path filled in, split where the path goes."""
    shown = {"old": _shown(fact.old), "new": _shown(fact.new), "attribute": fact.attribute}
    parts = [part.format(**shown) for part in rule.message.split("{path}")]
    if fact.note:
        parts[-1] += f" ({fact.note})"
    return parts


def message_at(change: Change, place: str) -> str:
    """The change's message said of ``place`` instead of its path: of the shape where it happened
    (``origin``), for every path that reaches it at once."""
    return _message(RULES_BY_ID[change.rule], change.fact, place)
