"""The upgrade verdict for a terminal: the contracts on the candidate, then the changes that
touch them, then the rest."""

from __future__ import annotations

from ..gate import GateReport
from .check_text import render as render_check


def render(report: GateReport) -> str:
    verdict = report.verdict
    lines = [
        f"botocontract gate {verdict.old.name} -> {verdict.new.name}: "
        + ("PASS" if report.passed else "FAIL"),
        "",
    ]
    lines += render_check(report.check).rstrip("\n").splitlines()
    fatal = {c.fingerprint for c in report.fatal}
    changes = sorted(
        verdict.changes(),
        key=lambda c: (
            c.fingerprint not in fatal,
            c.fingerprint not in report.touched,
            -c.severity.rank,
            c.path,
        ),
    )
    if changes:
        lines += ["", f"changes in {', '.join(s.service for s in verdict.services)}:"]
    for change in changes:
        clauses = report.touched.get(change.fingerprint, ())
        mark = "FATAL" if change.fingerprint in fatal else "     "
        touches = f"  touches {', '.join(clauses)}" if clauses else ""
        lines.append(f"{mark} {change.severity:<8} {change.rule:<32} {change.path}{touches}")
        if change.fingerprint in fatal or change.fingerprint in report.breaches:
            lines.append(f"      {report.why(change)}")
    lines += [f"warning: {entry.stale_warning}" for entry in report.stale_ignores]
    accepted = len(verdict.ignored)
    lines += [
        "",
        f"{len(report.check.failed)} failing clause(s), {len(report.fatal)} fatal "
        f"change(s) ({'any' if report.strict else 'breaking a clause,'} at or above "
        f"{report.fail_on})" + (f", {accepted} accepted change(s) not shown" if accepted else ""),
    ]
    return "\n".join(lines) + "\n"
