"""A scan for a terminal: one line per call found, then errors, what could not be followed, and
the files not read, each as ``file:line: ...``."""

from __future__ import annotations

from ..scan.check import CheckedCall, ScanReport


def call_line(checked: CheckedCall) -> str:
    call = checked.call
    name = checked.operation or "+".join(checked.operations) or "?"
    line = f"{call.file}:{call.line}: {call.service} {name} ({call.method})"
    if checked.request:
        line += "  request: " + ", ".join(s.path for s in checked.request)
    if checked.response:
        line += "  response: " + ", ".join(s.path for s in checked.response)
    return line


def summary(report: ScanReport) -> str:
    result = report.result
    return (
        f"{len(report.calls)} call(s) in {result.files} file(s) ({result.lines:,} lines) against "
        f"{report.release.label}: {len(report.errors)} error(s), "
        f"{len(report.unresolved)} unresolved, {len(result.problems)} file(s) not read"
    )


def render(report: ScanReport) -> str:
    lines = [call_line(c) for c in report.calls]
    lines += [f"{e.file}:{e.line}: error: {e.message}" for e in report.errors]
    lines += [f"{u.file}:{u.line}: unresolved: {u.reason}" for u in report.unresolved]
    lines += [str(p) for p in report.result.problems]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
