"""``init`` as text: the contract files written, the fixtures written; scan errors for stderr."""

from __future__ import annotations

from ..contracts.init import InitReport


def render(report: InitReport) -> str:
    lines = [f"{w.file}: {w.added} clause(s) added, {w.kept} kept" for w in report.written]
    label = report.fixtures.release.label
    lines += [f"{file}: written from {label}" for file in report.fixtures.changed]
    if not report.written:
        lines.append("no client calls found: no contract written")
    return "".join(f"{line}\n" for line in lines)


def warnings(report: InitReport) -> list[str]:
    """Lines for stderr: files the scan could not read."""
    return [f"{e.file}:{e.line}: error: {e.message}" for e in report.scan.errors]
