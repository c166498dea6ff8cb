"""A service's changes stored once per fact as found where it happened, with every path that
reaches it: a far release pair's hundred thousand changes are a few thousand groups, judged in the
process that compared the service, sent over and held as such, and spelled out one change per
path only for a report that reads them so."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, overload

from ..diff.facts import Fact
from .change import Change, Wording, jsonable, message_parts
from .severity import GRAVEST_FIRST, Severity
from .table import RULES_BY_ID, rule_for


class JudgedGroup(NamedTuple):
    """One change said once: a fact as found where it happened (its ``origin``), re-rooted at
    each path that reaches it; a change without an origin is a group of one path."""

    rule: str
    severity: Severity
    fact: Fact  # as found at the first path
    parts: tuple[str, ...]  # the message, split where the path goes
    paths: tuple[str, ...]
    operations: tuple[str | None, ...]
    fingerprints: tuple[str, ...]
    positions: tuple[int, ...]  # where each stands among the service's changes, in found order


class GroupedChanges(Sequence[Change]):
    """The changes of one service, in the order they were found, stored as :class:`JudgedGroup`
    and spelled out the first time they are read one by one."""

    __slots__ = ("_changes", "_count", "groups", "service")

    def __init__(self, service: str, groups: tuple[JudgedGroup, ...]) -> None:
        self.service = service
        self.groups = groups
        self._count = sum(len(group.paths) for group in groups)
        self._changes: tuple[Change, ...] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Change: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Change]: ...
    def __getitem__(self, index: int | slice) -> Change | Sequence[Change]:
        return self._spelled_out()[index]

    def __iter__(self) -> Iterator[Change]:
        return iter(self._spelled_out())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list: equal to what it holds

    def __repr__(self) -> str:
        return f"GroupedChanges({self.service!r}, {len(self.groups)} groups, {self._count} changes)"

    def severity_counts(self) -> dict[Severity, int]:
        """:func:`severity_counts`, read from the groups."""
        counts = dict.fromkeys(GRAVEST_FIRST, 0)
        for group in self.groups:
            counts[group.severity] += len(group.paths)
        return counts

    def _spelled_out(self) -> tuple[Change, ...]:
        if self._changes is None:
            found: list[Any] = [None] * self._count
            for group in self.groups:
                for change, position in zip(
                    spell_out(self.service, group), group.positions, strict=True
                ):
                    found[position] = change
            self._changes = tuple(found)
        return self._changes


def severity_counts(changes: Iterable[Change]) -> dict[Severity, int]:
    """The number of changes at each level, the gravest first, zeros included; of grouped
    changes, without spelling them out."""
    if isinstance(changes, GroupedChanges):
        return changes.severity_counts()
    counts = dict.fromkeys(GRAVEST_FIRST, 0)
    for change in changes:
        counts[change.severity] += 1
    return counts


def change_groups(changes: Sequence[Change]) -> tuple[JudgedGroup, ...]:
    """Each change once, where it happened, with the paths that reach it: the groups of
    ``changes`` (of one service), in the order their first change was found."""
    if isinstance(changes, GroupedChanges):
        groups = changes.groups
    else:  # changes judged elsewhere (a report's own selection): grouped as judge_grouped does
        building: dict[tuple[Any, ...], list[tuple[int, Change]]] = {}
        for position, change in enumerate(changes):
            fact = change.fact
            key = (change.service, change.rule, change.severity, *_key(fact))
            building.setdefault(key, []).append((position, change))
        groups = tuple(_from_changes(members) for members in building.values())
    return tuple(sorted(groups, key=lambda group: group.positions[0]))


def _from_changes(members: list[tuple[int, Change]]) -> JudgedGroup:
    first = members[0][1]
    return JudgedGroup(
        first.rule,
        first.severity,
        first.fact,
        tuple(message_parts(RULES_BY_ID[first.rule], first.fact)),
        tuple(c.path for _, c in members),
        tuple(c.operation for _, c in members),
        tuple(c.fingerprint for _, c in members),
        tuple(position for position, _ in members),
    )


def group_as_json(group: JudgedGroup) -> dict[str, Any]:
    """One change said once: said of where it happened (of its one path, if it has one), with
    the operations it reaches and every path that reaches it, each with its fingerprint (what an
    ignore file names)."""
    fact = group.fact
    paths = group.paths
    place = paths[0] if len(paths) == 1 or fact.origin is None else fact.origin
    return {
        "rule": group.rule,
        "severity": group.severity,
        "side": fact.side,
        "origin": fact.origin,
        "old": jsonable(fact.old),
        "new": jsonable(fact.new),
        "message": place.join(group.parts),
        "operations": sorted({op for op in group.operations if op is not None}),
        "paths": [
            {"path": path, "fingerprint": fingerprint}
            for path, fingerprint in zip(paths, group.fingerprints, strict=True)
        ],
    }


def spell_out(service: str, group: JudgedGroup) -> Iterator[Change]:
    """Each change of ``group``, one per path, in the group's order."""
    for index in range(len(group.paths)):
        yield spell_one(service, group, index)


def spell_one(service: str, group: JudgedGroup, index: int) -> Change:
    """The change of ``group`` at its ``index``-th path."""
    fact, path, operation = group.fact, group.paths[index], group.operations[index]
    # tuple.__new__ rather than _replace: a far pair spells out a hundred thousand of these.
    at = tuple.__new__(Fact, (fact[0], path, operation, *fact[3:]))
    return Change(
        group.rule,
        group.severity,
        service,
        operation,
        fact.side,
        path,
        fact.old,
        fact.new,
        path.join(group.parts),
        group.fingerprints[index],
        at,
    )


class _Building:
    """A group being judged: what its facts share, and each path's part so far."""

    __slots__ = (
        "fact",
        "fingerprints",
        "operations",
        "parts",
        "paths",
        "positions",
        "rule",
        "severity",
        "wording",
    )

    def __init__(
        self, rule: str, severity: Severity, fact: Fact, parts: tuple[str, ...], wording: Wording
    ) -> None:
        self.rule, self.severity, self.fact, self.parts, self.wording = (
            rule,
            severity,
            fact,
            parts,
            wording,
        )
        self.paths: list[str] = []
        self.operations: list[str | None] = []
        self.fingerprints: list[str] = []
        self.positions: list[int] = []

    def done(self) -> JudgedGroup:
        return JudgedGroup(
            self.rule,
            self.severity,
            self.fact,
            self.parts,
            tuple(self.paths),
            tuple(self.operations),
            tuple(self.fingerprints),
            tuple(self.positions),
        )


def judge_grouped(
    service: str, facts: Sequence[Fact], overrides: Mapping[str, Severity], show_docs: bool
) -> tuple[JudgedGroup, ...]:
    """Judge the facts of one service (rules hidden unless ``show_docs`` left out; a change met
    twice kept once, where first met) into groups of facts alike but for path and operation: one
    rule lookup and one wording per group, a fingerprint per path. Facts re-rooted from one origin
    share their values, the very objects, so a list value is known by its identity: ``facts``
    is a sequence, held (and those identities unique) while they are grouped."""
    building: dict[tuple[Any, ...], _Building | None] = {}
    seen: set[str] = set()
    position = 0
    scalars = _SCALARS
    # _key and _same, inlined: this loop runs once per fact, a hundred thousand times for a far
    # pair.
    for fact in facts:
        kind, path, operation, side, old, new, attribute, required, note, origin = fact
        cls = old.__class__
        same_old = (cls, old) if cls in scalars else id(old)
        cls = new.__class__
        same_new = (cls, new) if cls in scalars else id(new)
        key = (kind, side, same_old, same_new, attribute, required, note, origin or path)
        group = building.get(key, _NEW)
        if group is _NEW:
            group = building[key] = _start(service, fact, overrides, show_docs)
        if group is None:
            continue  # hidden unless --show-docs
        fingerprint = group.wording.fingerprint(path)
        # One change, one report: a member and its target shape that both become deprecated
        # are the same change to a client.
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        group.paths.append(path)
        group.operations.append(operation)
        group.fingerprints.append(fingerprint)
        group.positions.append(position)
        position += 1
    return tuple(group.done() for group in building.values() if group is not None and group.paths)


_NEW: Any = object()
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _key(fact: Fact) -> tuple[Any, ...]:
    """What facts of one group share: all but path and operation. Without an origin, the path
    itself is where the change happened: a group of its own."""
    kind, path, _, side, old, new, attribute, required, note, origin = fact
    return (kind, side, _same(old), _same(new), attribute, required, note, origin or path)


def _same(value: Any) -> Any:
    """What makes two facts' values the same value: a scalar itself (with its type, for ``1`` is
    not ``True``); a list, the very object, as facts re-rooted from one origin share theirs."""
    cls = value.__class__
    return (cls, value) if cls in _SCALARS else id(value)


def _start(
    service: str, fact: Fact, overrides: Mapping[str, Severity], show_docs: bool
) -> _Building | None:
    rule = rule_for(fact)
    if rule.hidden_unless_show_docs and not show_docs:
        return None
    return _Building(
        rule.id,
        overrides.get(rule.id, rule.severity),
        fact,
        tuple(message_parts(rule, fact)),
        Wording(rule.id, service, fact.old, fact.new),
    )
