"""What every format shares: the order changes are listed in, their counts, the published layout of
a method's deltas, a change's values, and a rule and a scan as the formats word them. Each is
decided here once, so that ``diff``, ``gate`` and ``changelog`` never list, count or lay out the
same thing differently."""

from __future__ import annotations

import pprint
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diff.facts import Fact, Kind
from ..rules.grouped import (
    GroupedChanges,
    JudgedGroup,
    change_groups,
    severity_counts,
    spell_one,
    spell_out,
)
from ..rules.judge import Verdict, message_at
from ..rules.severity import GRAVEST_FIRST, Severity
from ..rules.table import ANYWHERE, Rule

if TYPE_CHECKING:
    from ..changelog.build import Method
    from ..history.ranges import History
    from ..rules.judge import Change
    from ..scan.check import ScanReport

ENUM_KINDS = frozenset({Kind.ENUM_VALUE_ADDED, Kind.ENUM_VALUE_REMOVED})
SHOWN_VALUES = 3  # enum values a group names before it says "…"
FOLD_AFTER = 3  # changes of one rule (not breaking) a service shows before it counts the rest
MIB = 1024 * 1024

ANY_KIND = "any"  # the catch-all rule judges facts of every kind
ANY_SIDE = "any"  # a rule that judges facts on either side and outside the trees


def severity_order(change: Change) -> tuple[int, str, str, str]:
    """The order changes are listed in: most severe first, then by path, rule and message."""
    return (-change.severity.rank, change.path, change.rule, change.message)


def service_order(change: Change) -> tuple[str, int, str, str, str]:
    """Changes of several services: by service, then :func:`severity_order`."""
    return (change.service, *severity_order(change))


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """How a report of many changes is laid out. ``expand``: one line per path (and enum value)
    instead of one per change where it happened; ``max_bytes``: the most a Markdown report may
    take (None: no limit). Formats that list every path (json, github, junit) always do."""

    expand: bool = False
    max_bytes: int | None = None


DEFAULT_LAYOUT = Layout()


class Group:
    """One change said once: where it happened (a shape, a member of one, or a path outside the
    trees), made of the judged groups (``rules.grouped``: one per enum value) whose changes, one
    per path and enum value, it is. Read from those groups: the changes themselves are spelled
    out only for a report that lists them one by one."""

    __slots__ = ("_changes", "_first", "judged", "place", "service")

    def __init__(self, *, place: str, service: str, judged: tuple[JudgedGroup, ...]) -> None:
        self.place = place
        self.service = service
        self.judged = judged
        self._changes: tuple[Change, ...] | None = None
        self._first: Change | None = None

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change, in severity_order."""
        if self._changes is None:
            spelled = (c for group in self.judged for c in spell_out(self.service, group))
            self._changes = tuple(sorted(spelled, key=severity_order))
        return self._changes

    @property
    def count(self) -> int:
        """The number of changes: paths, times enum values."""
        return sum(len(group.paths) for group in self.judged)

    @property
    def first(self) -> Change:
        """The first change in severity_order: one rule, one level, so the first path."""
        if self._first is None:
            _, group, index = min(
                (
                    (path, group, index)
                    for group in self.judged
                    for index, path in enumerate(group.paths)
                ),
                key=lambda found: found[0],
            )
            self._first = spell_one(self.service, group, index)
        return self._first

    @property
    def values(self) -> tuple[str, ...]:
        """The enum values a group of enum changes adds or removes, sorted."""
        if self.judged[0].fact.kind not in ENUM_KINDS:
            return ()
        return tuple(sorted({_value(group.fact) for group in self.judged}))

    def paths(self) -> set[str]:
        """The paths that reach the change (an enum value's path without the value)."""
        if self.judged[0].fact.kind not in ENUM_KINDS:
            return {path for group in self.judged for path in group.paths}
        found: set[str] = set()
        for group in self.judged:
            cut = len(_value(group.fact)) + 1
            found.update(path[: len(path) - cut] for path in group.paths)
        return found

    def operations(self) -> set[str]:
        return {op for group in self.judged for op in group.operations if op}

    def reach(self) -> str:
        """``reaches 14 paths in 6 operations``, or empty where the change has one path."""
        paths = self.paths()
        if len(paths) <= 1:
            return ""
        operations = plural(len(self.operations()), "operation")
        return f"reaches {plural(len(paths), 'path')} in {operations}"

    def message(self) -> str:
        """What changed, said of the place where it happened."""
        values = self.values
        single = len(self.paths()) <= 1
        if len(values) > 1 or (values and not single):
            verb = "gained" if self.first.fact.kind is Kind.ENUM_VALUE_ADDED else "lost"
            shown = ", ".join(values[:SHOWN_VALUES]) + (", …" if len(values) > SHOWN_VALUES else "")
            where = self.place if not single else next(iter(self.paths()))
            return f"{where} {verb} {plural(len(values), 'value')} ({shown})"
        if single:
            return self.first.message
        return message_at(self.first, self.place)


def _value(fact: Fact) -> str:
    return str(fact.new if fact.new is not None else fact.old)


def _group_key(service: str, group: JudgedGroup) -> tuple[Any, ...]:
    fact = group.fact
    origin = fact.origin
    if fact.kind in ENUM_KINDS:
        # Without an origin, a judged group has one path: the change's own.
        where = origin if origin is not None else group.paths[0]
        return (service, group.rule, where[: len(where) - len(_value(fact)) - 1])
    place = origin if origin is not None else group.paths[0]
    return (service, group.rule, place, fact.attribute, repr(fact.old), repr(fact.new))


def group_changes(changes: Sequence[Change]) -> list[Group]:
    """Each change once, where it happened, the gravest first (then by rule and place): the
    changes of one rule at one shape (every path that reaches it, every enum value it gains or
    loses) are one group."""
    if isinstance(changes, GroupedChanges):
        judged = [(changes.service, change_groups(changes))]
    else:  # a report's own selection of changes, of one service or several
        by_service: dict[str, list[Change]] = {}
        for change in changes:
            by_service.setdefault(change.service, []).append(change)
        judged = [(service, change_groups(found)) for service, found in by_service.items()]
    found: dict[tuple[Any, ...], list[JudgedGroup]] = {}
    for service, groups in judged:
        for group in groups:
            found.setdefault(_group_key(service, group), []).append(group)
    grouped = [
        Group(place=key[2], service=key[0], judged=tuple(members)) for key, members in found.items()
    ]
    grouped.sort(key=lambda g: (-g.first.severity.rank, g.first.rule, g.place, g.first.message))
    return grouped


def folded(groups: Sequence[Group], keep: int = FOLD_AFTER) -> list[tuple[Group, ...]]:
    """Groups in runs of one rule: breaking ones each on their own, a longer run of any other
    rule cut to its first ``keep``, the rest as one run (which a report counts)."""
    runs: list[tuple[Group, ...]] = []
    start = 0
    for end in range(1, len(groups) + 1):
        if end < len(groups) and groups[end].first.rule == groups[start].first.rule:
            continue
        run = groups[start:end]
        if run[0].first.severity is Severity.BREAKING or len(run) <= keep + 1:
            runs += [(group,) for group in run]
        else:
            runs += [(group,) for group in run[:keep]]
            runs.append(tuple(run[keep:]))
        start = end
    return runs


def group_counts(groups: Sequence[Group]) -> dict[Severity, int]:
    """The number of groups at each level, the gravest first, zeros included."""
    counts = dict.fromkeys(GRAVEST_FIRST, 0)
    for group in groups:
        counts[group.first.severity] += 1
    return counts


def counts_text(changes: Iterable[Change] | Verdict) -> str:
    """``2 breaking, 1 warning, 0 info``, of some changes or of a whole verdict."""
    counts = changes.counts() if isinstance(changes, Verdict) else severity_counts(changes)
    return ", ".join(f"{count} {level}" for level, count in counts.items())


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class _SortedSets(pprint.PrettyPrinter):
    """pprint sorts a set only when it breaks it over lines; one that fits on a line is its repr,
    in hash order, which changes with PYTHONHASHSEED. Every set is written sorted here."""

    def format(
        self, object: Any, context: dict[int, int], maxlevels: int, level: int
    ) -> tuple[str, bool, bool]:
        if type(object) is set and object:
            return "{" + ", ".join(repr(v) for v in sorted(object)) + "}", True, False
        return super().format(object, context, maxlevels, level)


_PRINTER = _SortedSets(width=80, sort_dicts=True)


def pformat(delta: Any) -> str:
    """A delta as the published changelog writes it (a Python literal), the same on every run."""
    return _PRINTER.pformat(delta)


def delta_layout(method: Method) -> list[tuple[str, Any]]:
    """The published layout of an updated method's deltas: each heading, with the delta printed
    under it (None: a heading alone). Equal request and response deltas are said once, as
    ``Changes (both)``."""
    request, response = method.request, method.response
    if method.status != "updated":
        return []
    if request and response:
        if request == response:
            return [("Changes (both)", request)]
        return [
            ("Changes (request, response)", None),
            ("Request", request),
            ("Response", response),
        ]
    if request:
        return [("Changes (request)", request)]
    if response:
        return [("Changes (response)", response)]
    return []


def side_word(rule: Rule) -> str | None:
    """The one side a rule judges, None outside the trees, or ``any``: a rule judges one place
    or every place."""
    if rule.sides == ANYWHERE:
        return ANY_SIDE
    (side,) = rule.sides
    return side.value if side is not None else None


def rule_data(rule: Rule) -> dict[str, Any]:
    """One rule as the formats show it. ``side`` is None for facts outside the request and
    response trees; ``kind`` is ``any`` for the catch-all."""
    return {
        "id": rule.id,
        "severity": rule.severity,
        "side": side_word(rule),
        "kind": rule.kind.value if rule.kind is not None else ANY_KIND,
        "explanation": rule.explanation,
    }


def scan_summary(report: ScanReport) -> str:
    result = report.result
    return (
        f"{len(report.calls)} call(s) in {result.files} file(s) ({result.lines:,} lines) against "
        f"{report.release.label}: {len(report.errors)} error(s), "
        f"{len(report.unresolved)} unresolved, {len(result.problems)} file(s) not read"
    )


def growth_data(history: History) -> dict[str, list[dict[str, Any]]]:
    """Each service's size (operations, shapes) release by release, as the history JSON and the
    HTML page both carry it."""
    return {
        service: [
            {
                "botocore": g.version,
                "date": g.date.isoformat() if g.date else None,
                "operations": g.operations,
                "shapes": g.shapes,
            }
            for g in entries
        ]
        for service, entries in history.growth.items()
    }
