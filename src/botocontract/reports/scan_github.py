"""A scan as GitHub Actions workflow commands: an ``::error`` on each call the release refutes,
a ``::warning`` on what could not be followed and on files not read, then the summary line."""

from __future__ import annotations

from ..scan.check import ScanReport
from .check_github import location, one_line
from .diff_github import escape_data
from .scan_text import summary


def render(report: ScanReport) -> str:
    lines = [f"::error {location(e.file, e.line)}::{escape_data(e.message)}" for e in report.errors]
    lines += [
        f"::warning {location(u.file, u.line)}::{escape_data('unresolved: ' + u.reason)}"
        for u in report.unresolved
    ]
    lines += [
        f"::warning {location(p.file, p.line)}::{escape_data(p.message)}"
        for p in report.result.problems
    ]
    lines.append(one_line(summary(report)))
    return "\n".join(lines) + "\n"
