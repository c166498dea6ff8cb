"""The upgrade verdict as GitHub Actions workflow commands, pointing at the contract lines.

``::error`` for every failing clause (at the key that failed) and every fatal change (at the first
clause it touches: the line that pins the path), ``::warning`` for the other breaking or warning
changes that touch a pinned path, then one plain summary line. Escaped with the diff report's
escaping.
"""

from __future__ import annotations

from ..contracts import Clause
from ..gate import GateReport
from ..rules.judge import Change
from ..rules.severity import Severity
from .check_github import clause_commands, location, one_line
from .diff_github import _order as change_order
from .diff_github import escape_data, escape_property


def touched_clauses(report: GateReport, change: Change) -> list[Clause]:
    """The clauses a change touches, in contract order."""
    ids = report.touched.get(change.fingerprint, ())
    return [
        r.clause
        for r in report.check.results
        if r.clause.service == change.service and r.clause.id in ids
    ]


def pinned_line(clause: Clause) -> int:
    """The line that names what a clause pins: its ``path`` (or ``call``) key."""
    return clause.line_of("path" if clause.path else "call")


def _command(report: GateReport, change: Change, command: str) -> str:
    clauses = touched_clauses(report, change)
    properties = f"{location(clauses[0].file, pinned_line(clauses[0]))}," if clauses else ""
    ids = report.touched.get(change.fingerprint, ())
    if command == "error":  # a fatal change
        data = f"{change.service} {change.path} {report.why(change)}"
    elif ids:
        data = f"{change.service} {change.path} touches {', '.join(ids)}"
    else:
        data = f"{change.service} {change.path}: {change.message}"
    return f"::{command} {properties}title={escape_property(change.rule)}::{escape_data(data)}"


def summary(report: GateReport) -> str:
    verdict = report.verdict
    counts = ", ".join(f"{count} {level}" for level, count in verdict.summary().items())
    outcome = "passes" if report.passed else "fails"
    text = (
        f"botocontract gate {verdict.old.name} -> {verdict.new.name}: {outcome}; "
        f"{len(report.check.failed)} of {len(report.check.results)} clauses fail, "
        f"{len(report.fatal)} fatal changes, "
        f"{sum(verdict.summary().values())} changes ({counts})"
    )
    if verdict.ignored:
        text += f", {len(verdict.ignored)} ignored"
    return one_line(text)


def render(report: GateReport) -> str:
    lines = clause_commands(report.check.results)
    fatal = {c.fingerprint for c in report.fatal}
    lines += [
        _command(report, change, "error") for change in sorted(report.fatal, key=change_order)
    ]
    warned = [
        c
        for c in report.verdict.changes()
        if c.fingerprint not in fatal
        and c.fingerprint in report.touched
        and c.severity.rank >= Severity.WARNING.rank
    ]
    lines += [_command(report, change, "warning") for change in sorted(warned, key=change_order)]
    lines += [
        f"::warning {location(e.file, e.line)},title=stale ignore entry::"
        f"{escape_data(e.stale_warning)}"
        for e in report.stale_ignores
    ]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
