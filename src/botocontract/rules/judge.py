"""Judge the facts of a release diff: each becomes a :class:`Change` with a rule, a severity, a
message and a fingerprint; severities may be overridden per rule, and accepted changes ignored."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..diff.facts import Fact, Kind
from ..diff.release import ReleaseDiff, ServiceDiff
from ..errors import UsageError, did_you_mean
from ..model.side import Side
from ..release_info import ReleaseInfo
from .severity import LEVELS, Severity
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
            "old": _jsonable(self.old),
            "new": _jsonable(self.new),
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


@dataclass(frozen=True, slots=True, kw_only=True)
class JudgedService:
    service: str
    api_version: str
    status: str
    full_name: str
    changes: tuple[Change, ...]
    diff: ServiceDiff


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    old: ReleaseInfo
    new: ReleaseInfo
    services_compared: int
    services: tuple[JudgedService, ...]  # services with at least one change left to report
    ignored: tuple[tuple[Change, str], ...]  # accepted changes, with the reason they were accepted

    def changes(self) -> Iterable[Change]:
        for service in self.services:
            yield from service.changes

    def summary(self) -> dict[str, int]:
        """The number of changes at each level, the gravest first, keyed by the level's word."""
        counts = {level.value: 0 for level in reversed(Severity)}
        for change in self.changes():
            counts[change.severity] += 1
        return counts

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(c.severity.rank >= threshold for c in self.changes())


_PLAIN = frozenset({str, int, bool, type(None)})


def _jsonable(value: Any) -> Any:
    if value.__class__ in _PLAIN:  # most values: a far pair renders a hundred thousand pairs
        return value
    if isinstance(value, (frozenset, set, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def fingerprint(rule: str, service: str, path: str, old: Any, new: Any) -> str:
    """A short hash that names exactly this change, for ignore files."""
    return _Wording(rule, service, old, new).fingerprint(path)


class _Wording:
    """What every change of one rule, service and pair of values says, whatever its path: a far
    release pair re-roots one change at thousands of paths, and each takes only its path from
    here."""

    __slots__ = ("_head", "_tail")

    def __init__(self, rule: str, service: str, old: Any, new: Any) -> None:
        # The hashed text is repr((rule, service, path, old, new)) of the values a fact holds
        # (strings, numbers, booleans, None, lists of strings): stable across runs and platforms.
        # Laid out here around the path, as the repr of that tuple lays it out.
        self._head = f"({rule!r}, {service!r}, "
        self._tail = f", {_jsonable(old)!r}, {_jsonable(new)!r})"

    def fingerprint(self, path: str) -> str:
        text = self._head + repr(path) + self._tail
        return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(_jsonable(value), default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def judge_fact(service: str, fact: Fact, overrides: Mapping[str, Severity]) -> Change:
    return _Judge(service, overrides).change(fact, rule_for(fact))


def _message(rule: Rule, fact: Fact, path: str) -> str:
    return path.join(_message_parts(rule, fact))


def _message_parts(rule: Rule, fact: Fact) -> list[str]:
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


class _Judge:
    """Judges the facts of one service. The facts re-rooted from one origin share their values
    (the very objects), so what a change says apart from its path is worked out once per rule
    and values, keyed by the values' identities while the facts hold them."""

    def __init__(self, service: str, overrides: Mapping[str, Severity]) -> None:
        self.service = service
        self.overrides = overrides
        self._known: dict[tuple[Any, ...], tuple[list[str], _Wording]] = {}

    def change(self, fact: Fact, rule: Rule) -> Change:
        old, new = fact.old, fact.new
        key = (rule.id, id(old), id(new), fact.attribute, fact.note)
        known = self._known.get(key)
        if known is None:
            known = (_message_parts(rule, fact), _Wording(rule.id, self.service, old, new))
            self._known[key] = known
        path = fact.path
        return Change(
            rule.id,
            self.overrides.get(rule.id, rule.severity),
            self.service,
            fact.operation,
            fact.side,
            path,
            old,
            new,
            path.join(known[0]),
            known[1].fingerprint(path),
            fact,
        )


def parse_overrides(pairs: Iterable[str]) -> dict[str, Severity]:
    """``--severity RULE=LEVEL`` options, checked against the table."""
    overrides: dict[str, Severity] = {}
    for pair in pairs:
        rule, sep, level = pair.partition("=")
        if not sep:
            raise UsageError(msg=f"--severity expects RULE=LEVEL, got {pair!r}")
        if rule not in RULES_BY_ID:
            raise UsageError(
                msg=f"--severity: unknown rule {rule!r}{did_you_mean(rule, list(RULES_BY_ID))}"
            )
        if level not in LEVELS:
            raise UsageError(
                msg=f"--severity: unknown level {level!r} (one of {', '.join(LEVELS)})"
            )
        overrides[rule] = Severity(level)
    return overrides


def judge(
    diff: ReleaseDiff,
    *,
    overrides: Mapping[str, Severity] | None = None,
    ignore: Callable[[Change], str | None] | None = None,
    show_docs: bool = False,
) -> Verdict:
    overrides = overrides or {}
    services: list[JudgedService] = []
    ignored: list[tuple[Change, str]] = []
    for found in diff.services:
        kept: list[Change] = []
        seen: set[str] = set()
        judging = _Judge(found.service, overrides)
        for fact in found.facts:
            rule = rule_for(fact)
            if rule.hidden_unless_show_docs and not show_docs:
                continue
            change = judging.change(fact, rule)
            # One change, one report: a member and its target shape that both become
            # deprecated are the same change to a client.
            if change.fingerprint in seen:
                continue
            seen.add(change.fingerprint)
            reason = ignore(change) if ignore else None
            if reason is not None:
                ignored.append((change, reason))
            else:
                kept.append(change)
        if kept:
            services.append(
                JudgedService(
                    service=found.service,
                    api_version=found.api_version,
                    status=found.status,
                    full_name=found.full_name,
                    changes=tuple(kept),
                    diff=found,
                )
            )
    return Verdict(
        old=diff.old,
        new=diff.new,
        services_compared=diff.services_compared,
        services=tuple(services),
        ignored=tuple(ignored),
    )
