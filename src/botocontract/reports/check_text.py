"""Contract results for a terminal: one line per clause, the differences under each failure."""

from __future__ import annotations

from ..contracts.run import CheckReport


def render(report: CheckReport) -> str:
    lines = [f"botocontract check against {report.release.label}"]
    for result in report.results:
        clause = result.clause
        mark = "PASS" if result.passed else "FAIL"
        lines.append(f"{mark}  {clause.file}:{result.line}  {clause.id}  {result.message}")
        if not result.passed:
            lines += [f"        {detail}" for detail in result.details[:20]]
            if len(result.details) > 20:
                lines.append(f"        ... {len(result.details) - 20} more")
    for file in report.unused_fixtures:
        lines.append(f"unused fixture: {file} (botocontract snapshot --prune deletes it)")
    lines += [f"UNPINNED  {gap}" for gap in report.code_gaps]
    failed = len(report.failed)
    if report.code_gaps:
        lines.append(f"{len(report.code_gaps)} use(s) of the code that no contract pins")
    lines.append(f"{len(report.results) - failed} passed, {failed} failed")
    return "\n".join(lines) + "\n"
