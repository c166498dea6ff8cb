"""What every format shares: the order changes are listed in, their counts, the published layout of
a method's deltas, and a rule and a scan as the formats word them. Each is decided here once, so
that ``diff``, ``gate`` and ``changelog`` never list, count or lay out the same thing
differently."""

from __future__ import annotations

import pprint
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..rules.severity import Severity
from ..rules.table import ANYWHERE, Rule

if TYPE_CHECKING:
    from ..changelog.build import Method
    from ..rules.judge import Change
    from ..scan.check import ScanReport

ANY_KIND = "any"  # the catch-all rule judges facts of every kind
ANY_SIDE = "any"  # a rule that judges facts on either side and outside the trees


def severity_order(change: Change) -> tuple[int, str, str, str]:
    """The order changes are listed in: most severe first, then by path, rule and message."""
    return (-change.severity.rank, change.path, change.rule, change.message)


def service_order(change: Change) -> tuple[str, int, str, str, str]:
    """Changes of several services: by service, then :func:`severity_order`."""
    return (change.service, *severity_order(change))


def severity_counts(changes: Iterable[Change]) -> dict[Severity, int]:
    """The number of changes at each level, the gravest first, zeros included."""
    counts = dict.fromkeys(reversed(Severity), 0)
    for change in changes:
        counts[change.severity] += 1
    return counts


def counts_text(changes: Iterable[Change]) -> str:
    """``2 breaking, 1 warning, 0 info``."""
    return ", ".join(f"{count} {level}" for level, count in severity_counts(changes).items())


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
