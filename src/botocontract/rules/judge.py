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


def _jsonable(value: Any) -> Any:
    if isinstance(value, (frozenset, set, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def fingerprint(rule: str, service: str, path: str, old: Any, new: Any) -> str:
    """A short hash that names exactly this change, for ignore files."""
    # repr of the values a fact holds (strings, numbers, booleans, None, lists of strings) is
    # stable across runs and platforms.
    text = repr((rule, service, path, _jsonable(old), _jsonable(new)))
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(_jsonable(value), default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def judge_fact(service: str, fact: Fact, overrides: Mapping[str, Severity]) -> Change:
    return _judged(service, fact, rule_for(fact), overrides)


def _message(rule: Rule, fact: Fact, path: str) -> str:
    message = rule.message.format(
        path=path, old=_shown(fact.old), new=_shown(fact.new), attribute=fact.attribute
    )
    return f"{message} ({fact.note})" if fact.note else message


def message_at(change: Change, place: str) -> str:
    """The change's message said of ``place`` instead of its path: of the shape where it happened
    (``origin``), for every path that reaches it at once."""
    return _message(RULES_BY_ID[change.rule], change.fact, place)


def _judged(service: str, fact: Fact, rule: Rule, overrides: Mapping[str, Severity]) -> Change:
    path = fact.path
    message = _message(rule, fact, path)
    return Change(
        rule.id,
        overrides.get(rule.id, rule.severity),
        service,
        fact.operation,
        fact.side,
        path,
        fact.old,
        fact.new,
        message,
        fingerprint(rule.id, service, path, fact.old, fact.new),
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
        for fact in found.facts:
            rule = rule_for(fact)
            if rule.hidden_unless_show_docs and not show_docs:
                continue
            change = _judged(found.service, fact, rule, overrides)
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
